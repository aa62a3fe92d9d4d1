package rules

import (
	"github.com/paperlint/papers/lint"
	"github.com/paperlint/papers/workspace"
)

// testYear is the current year of the tests: a file reads the same on any
// day.
const testYear = 2026

// inMemory makes a workspace of inputs held in memory, with the runner's
// config (its venues and aliases extend the registries).
func inMemory(r *lint.Runner, inputs []lint.Input) *workspace.Workspace {
	w, err := workspace.FromInputs(r.Config, workspace.Options{Year: testYear, Jobs: 2}, inputs)
	if err != nil {
		panic(err) // the runner was made from the same config
	}
	return w
}

// run lints inputs held in memory.
func run(r *lint.Runner, inputs []lint.Input) *lint.Result { return r.Run(inMemory(r, inputs)) }

// fix runs the fix loop on inputs held in memory.
func fix(r *lint.Runner, inputs []lint.Input) *lint.FixResult { return r.Fix(inMemory(r, inputs)) }
