package rules

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/paperlint/papers/lint"
	"github.com/paperlint/papers/lint/linttest"
)

// TestFixFirstRoundAsOneRun: Runner.Fix runs only the rules that can fix
// in its first round, and the others only when that round fixes nothing.
// On every rule's fixtures, with every rule on (and on bib-mismatch's with
// a library, whose fix comes from a lookup), it must give what the plain
// loop gives: lint with all rules, apply every fix, lint again until
// nothing changes. A rule that attaches fixes without saying it is Fixable
// fails here, since the first round would not run it.
func TestFixFirstRoundAsOneRun(t *testing.T) {
	entries, err := os.ReadDir("testdata")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		dir := filepath.Join("testdata", e.Name())
		for _, prefix := range []string{"bad", "good"} {
			inputs := fixtureInputs(t, dir, prefix)
			if len(inputs) == 0 {
				continue
			}
			t.Run(e.Name()+"/"+prefix, func(t *testing.T) {
				r := allRules(t, dir)
				sameFix(t, r.Fix(inMemory(r, inputs)), plainFix(t, r, inMemory(r, inputs)))
			})
		}
	}
	t.Run("bib-mismatch/library", func(t *testing.T) {
		dir := filepath.Join("testdata", "bib-mismatch", "library")
		inputs, err := linttest.Inputs(dir, "bad")
		if err != nil {
			t.Fatal(err)
		}
		r := allRules(t, dir)
		lib := filepath.Join(dir, "library.bib")
		got := r.Fix(withLibrary(t, r, inputs, lib))
		if got.Applied[filepath.Join(dir, "bad.bib")] == 0 {
			t.Fatal("the library's published versions fixed nothing in bad.bib")
		}
		sameFix(t, got, plainFix(t, r, withLibrary(t, r, inputs, lib)))
	})
}

// allRules is a runner of every rule with dir's config.yaml, if any.
func allRules(t *testing.T, dir string) *lint.Runner {
	t.Helper()
	cfg := lint.DefaultConfig()
	if data, err := os.ReadFile(filepath.Join(dir, "config.yaml")); err == nil {
		if cfg, err = lint.ParseConfig(filepath.Join(dir, "config.yaml"), data); err != nil {
			t.Fatal(err)
		}
	}
	r, err := lint.NewRunner(All(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// plainFix is the fix loop with every rule in every round, from the
// exported API.
func plainFix(t *testing.T, r *lint.Runner, ws lint.Workspace) *lint.FixResult {
	t.Helper()
	fr := &lint.FixResult{Fixed: map[string][]byte{}, Applied: map[string]int{}}
	res := r.Run(ws)
	for range lint.MaxFixRounds {
		byFile := map[string][]lint.Diagnostic{}
		for _, d := range res.Diagnostics {
			if d.HasFix() {
				byFile[d.File] = append(byFile[d.File], d)
			}
		}
		changed := false
		for _, f := range res.Files {
			if f.Quiet || len(byFile[f.Path]) == 0 {
				continue
			}
			src, n := lint.ApplyFixes(f, byFile[f.Path])
			if n == 0 {
				continue
			}
			fr.Fixed[f.Path], fr.Applied[f.Path], changed = src, fr.Applied[f.Path]+n, true
			if err := ws.Update(f.Path, src); err != nil {
				t.Fatal(err)
			}
		}
		if !changed {
			break
		}
		fr.Rounds++
		res = r.Run(ws)
	}
	fr.Result = res
	return fr
}

func sameFix(t *testing.T, got, want *lint.FixResult) {
	t.Helper()
	if got.Rounds != want.Rounds || !reflect.DeepEqual(got.Applied, want.Applied) {
		t.Errorf("rounds %d, applied %v; the plain loop: rounds %d, applied %v", got.Rounds, got.Applied, want.Rounds, want.Applied)
	}
	for path, src := range want.Fixed {
		if string(got.Fixed[path]) != string(src) {
			t.Errorf("%s fixed:\n%s\nthe plain loop:\n%s", path, got.Fixed[path], src)
		}
	}
	if len(got.Diagnostics) != len(want.Diagnostics) {
		t.Fatalf("%d findings remain, the plain loop leaves %d", len(got.Diagnostics), len(want.Diagnostics))
	}
	for i := range want.Diagnostics {
		if !reflect.DeepEqual(got.Diagnostics[i], want.Diagnostics[i]) {
			t.Errorf("finding %d:\n got %+v\nwant %+v", i, got.Diagnostics[i], want.Diagnostics[i])
		}
	}
}
