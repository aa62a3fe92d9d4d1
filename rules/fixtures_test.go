package rules

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/paperlint/papers/internal/testkit"
	"github.com/paperlint/papers/lint"
	"github.com/paperlint/papers/lint/linttest"
)

// TestRuleFixtures runs each rule alone on testdata/<rule>/. The files named
// bad* carry their expected findings in want comments (see lint/linttest)
// and must give exactly those; the files named good* must give none. For a
// fixable rule, --fix on the bad files must give the files in fixed/, want
// comments and all (go test ./rules -run TestRuleFixtures -update rewrites
// them), and a second --fix must change nothing. Every built-in rule must
// have such a folder.
func TestRuleFixtures(t *testing.T) {
	for _, r := range All() {
		t.Run(r.ID, func(t *testing.T) {
			dir := filepath.Join("testdata", r.ID)
			if _, err := os.Stat(dir); err != nil {
				t.Fatalf("rule %s has no fixture folder %s", r.ID, dir)
			}
			bad := fixtureInputs(t, dir, "bad")
			good := fixtureInputs(t, dir, "good")
			if len(bad) == 0 || len(good) == 0 {
				t.Fatalf("%s needs bad* and good* fixtures", dir)
			}
			runner := onlyRule(t, r.ID, dir)

			res := linttest.Run(t, runner, bad)
			if !slices.ContainsFunc(res.Diagnostics, func(d lint.Diagnostic) bool { return d.Rule == r.ID }) {
				t.Errorf("bad fixtures gave no finding of %s", r.ID)
			}
			linttest.Run(t, runner, good)

			if !r.Fixable {
				return
			}
			fixed := linttest.Fix(t, runner, bad)
			changed := false
			for _, in := range bad {
				if in.Quiet {
					continue
				}
				changed = changed || !bytes.Equal(fixed[in.Path], in.Src)
				testkit.Golden(t, filepath.Join(dir, "fixed", filepath.Base(in.Path)), fixed[in.Path])
			}
			if !changed {
				t.Errorf("fixable rule %s fixed nothing in its bad fixtures", r.ID)
			}
		})
	}
}

// onlyRule is a runner of rule id alone, with dir's config.yaml, if any.
func onlyRule(t *testing.T, id, dir string) *lint.Runner {
	t.Helper()
	runner := allRules(t, dir)
	runner.Only = map[string]bool{id: true}
	return runner
}

// fixtureInputs reads dir/<prefix>*.md and dir/<prefix>*.bib, each notes
// file paired with the .bib of the same name.
func fixtureInputs(t *testing.T, dir, prefix string) []lint.Input {
	t.Helper()
	ins, err := linttest.Inputs(dir, prefix)
	if err != nil {
		t.Fatal(err)
	}
	return ins
}

// TestEveryRuleDocumented checks that each rule has a docs page and a row in
// the README's rules table.
func TestEveryRuleDocumented(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join("..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]bool{}
	for _, r := range All() {
		if ids[r.ID] {
			t.Errorf("rule id %s used twice", r.ID)
		}
		ids[r.ID] = true
		if r.Summary == "" || r.Check == nil || r.Scope == 0 {
			t.Errorf("rule %s lacks a summary, check or scope", r.ID)
		}
		page := filepath.Join("..", "docs", "rules", r.ID+".md")
		data, err := os.ReadFile(page)
		if err != nil {
			t.Errorf("rule %s has no docs page: %v", r.ID, err)
			continue
		}
		if !bytes.HasPrefix(data, []byte("# "+r.ID+"\n")) {
			t.Errorf("%s must start with '# %s'", page, r.ID)
		}
		if !bytes.Contains(readme, []byte("["+r.ID+"](docs/rules/"+r.ID+".md)")) {
			t.Errorf("README's rules table has no row for %s", r.ID)
		}
	}
}
