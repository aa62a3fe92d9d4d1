package custom_test

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

// TestFixtures runs the custom rules of each testdata/<case>/config.yaml,
// and no built-in rule, on the case's files, as package rules tests the
// built-in ones: the files named bad* carry their expected findings in
// want comments (see lint/linttest) and must give exactly those, the files
// named good* none. When a rule of the case is fixable, --fix on the bad
// files must give the files in fixed/ (go test ./lint/custom -update
// rewrites them) and a second --fix must change nothing.
func TestFixtures(t *testing.T) {
	cases, err := os.ReadDir("testdata")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		if !c.IsDir() {
			continue
		}
		t.Run(c.Name(), func(t *testing.T) {
			dir := filepath.Join("testdata", c.Name())
			runner := caseRunner(t, dir)
			bad, err := linttest.Inputs(dir, "bad")
			if err != nil {
				t.Fatal(err)
			}
			good, err := linttest.Inputs(dir, "good")
			if err != nil {
				t.Fatal(err)
			}
			if len(bad) == 0 || len(good) == 0 {
				t.Fatalf("%s needs bad* and good* fixtures", dir)
			}
			res := linttest.Run(t, runner, bad)
			for _, r := range runner.Rules {
				if !slices.ContainsFunc(res.Diagnostics, func(d lint.Diagnostic) bool { return d.Rule == r.ID }) {
					t.Errorf("bad fixtures gave no finding of %s", r.ID)
				}
			}
			linttest.Run(t, runner, good)
			if !slices.ContainsFunc(runner.Rules, func(r *lint.Rule) bool { return r.Fixable }) {
				return
			}
			fixed := linttest.Fix(t, runner, bad)
			changed := false
			for _, in := range bad {
				changed = changed || !bytes.Equal(fixed[in.Path], in.Src)
				testkit.Golden(t, filepath.Join(dir, "fixed", filepath.Base(in.Path)), fixed[in.Path])
			}
			if !changed {
				t.Errorf("the fixable rules of %s fixed nothing", dir)
			}
		})
	}
}

// caseRunner is a runner of the custom rules of dir/config.yaml alone.
func caseRunner(t *testing.T, dir string) *lint.Runner {
	t.Helper()
	path := filepath.Join(dir, "config.yaml")
	cfg, err := lint.LoadConfig(path)
	if err != nil {
		t.Fatal(err)
	}
	runner, err := lint.NewRunner(nil, cfg)
	if err != nil {
		t.Fatal(err)
	}
	return runner
}
