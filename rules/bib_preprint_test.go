package rules

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/paperlint/papers/internal/testkit"
	"github.com/paperlint/papers/lint"
	"github.com/paperlint/papers/lint/linttest"
	"github.com/paperlint/papers/resolve"
	"github.com/paperlint/papers/workspace"
)

// withLibrary makes a workspace of inputs whose runs look papers up in the
// library file at lib, as papers lint --library does.
func withLibrary(t *testing.T, r *lint.Runner, inputs []lint.Input, lib string) *workspace.Workspace {
	t.Helper()
	l, err := resolve.LoadLibrary(lib)
	if err != nil {
		t.Fatal(err)
	}
	w, err := workspace.FromInputs(r.Config, workspace.Options{Year: testYear, Jobs: 2,
		Resolver: &resolve.Resolver{Sources: []resolve.Source{l}, Jobs: 2}}, inputs)
	if err != nil {
		t.Fatal(err)
	}
	return w
}

// TestBibMismatchPublished runs bib-mismatch with a library
// (testdata/bib-mismatch/library): a companion entry citing the arXiv
// preprint of a paper whose published version the library has is reported
// on the entry, and --fix replaces it by the published record under the
// same key (fixed/bad.bib; -update rewrites it); look-alike titles and
// versions off by more than a year are not picked.
func TestBibMismatchPublished(t *testing.T) {
	dir := filepath.Join("testdata", "bib-mismatch", "library")
	lib := filepath.Join(dir, "library.bib")
	inputs, err := linttest.Inputs(dir, "bad")
	if err != nil {
		t.Fatal(err)
	}
	r := onlyRule(t, "bib-mismatch", dir)
	res := r.Run(withLibrary(t, r, inputs, lib))
	for _, p := range linttest.Check(res) {
		t.Error(p)
	}
	fixes := 0
	for _, d := range res.Diagnostics {
		if d.Fix != nil {
			fixes++
		}
	}
	if fixes != 2 {
		t.Errorf("%d findings with a fix, want 2", fixes)
	}

	fr := r.Fix(withLibrary(t, r, inputs, lib))
	bibPath := filepath.Join(dir, "bad.bib")
	fixed, ok := fr.Fixed[bibPath]
	if !ok {
		t.Fatal("--fix changed nothing in bad.bib")
	}
	testkit.Golden(t, filepath.Join(dir, "fixed", "bad.bib"), fixed)
	// fix(fix(x)) == fix(x).
	again := make([]lint.Input, len(inputs))
	for i, in := range inputs {
		if in.Path == bibPath {
			in.Src = fixed
		}
		again[i] = in
	}
	if fr2 := r.Fix(withLibrary(t, r, again, lib)); len(fr2.Fixed) != 0 {
		t.Errorf("a second --fix changed %d files", len(fr2.Fixed))
	}

	// Without a library, the same files give what they gave before: no
	// lookup, no finding on the .bib.
	for _, d := range run(r, inputs).Diagnostics {
		if strings.HasSuffix(d.File, ".bib") {
			t.Errorf("without a library: %s: %s", d.File, d.Message)
		}
	}
}

// TestBibMismatchPublishedQuietCompanion: when the companion is read for
// reference only (papers lint notes.md), its findings would be dropped, so
// the published version is reported on the paper in the notes, without a
// fix.
func TestBibMismatchPublishedQuietCompanion(t *testing.T) {
	dir := filepath.Join("testdata", "bib-mismatch", "library")
	inputs, err := linttest.Inputs(dir, "bad")
	if err != nil {
		t.Fatal(err)
	}
	for i := range inputs {
		if strings.HasSuffix(inputs[i].Path, ".bib") {
			inputs[i].Quiet = true
		}
	}
	r := onlyRule(t, "bib-mismatch", dir)
	res := r.Run(withLibrary(t, r, inputs, filepath.Join(dir, "library.bib")))
	var got []string
	for _, d := range res.Diagnostics {
		if strings.Contains(d.Message, "has the published version") {
			if d.Fix != nil || !strings.HasSuffix(d.File, ".md") {
				t.Errorf("%s: %s: want a finding in the notes without a fix", d.File, d.Message)
			}
			got = append(got, d.Message)
		}
	}
	if len(got) != 2 || !strings.Contains(got[0], `cites the arXiv preprint (entry "vaswani2017attention")`) || !strings.Contains(got[0], "with --fix") {
		t.Errorf("findings in the notes: %q", got)
	}
}
