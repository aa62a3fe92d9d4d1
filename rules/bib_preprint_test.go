package rules

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"sync/atomic"
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

// askCounter is a source that counts the questions it is asked.
type askCounter struct {
	resolve.Source
	n atomic.Int32
}

func (c *askCounter) ByDOI(ctx context.Context, doi string) ([]*resolve.Record, error) {
	c.n.Add(1)
	return c.Source.ByDOI(ctx, doi)
}

func (c *askCounter) ByArXiv(ctx context.Context, id string) ([]*resolve.Record, error) {
	c.n.Add(1)
	return c.Source.ByArXiv(ctx, id)
}

func (c *askCounter) Search(ctx context.Context, q resolve.Query) ([]*resolve.Record, error) {
	c.n.Add(1)
	return c.Source.Search(ctx, q)
}

// TestBibMismatchPublishedAsksOnce: the runs of one workspace ask the
// sources each question once: the rounds of --fix, and an editor's runs
// after changes that leave the preprint entries alone, look nothing up
// again (the workspace memoizes its resolver's sources).
func TestBibMismatchPublishedAsksOnce(t *testing.T) {
	dir := filepath.Join("testdata", "bib-mismatch", "library")
	inputs, err := linttest.Inputs(dir, "bad")
	if err != nil {
		t.Fatal(err)
	}
	lib, err := resolve.LoadLibrary(filepath.Join(dir, "library.bib"))
	if err != nil {
		t.Fatal(err)
	}
	r := onlyRule(t, "bib-mismatch", dir)
	newWS := func(c *askCounter, incremental bool) *workspace.Workspace {
		w, err := workspace.FromInputs(r.Config, workspace.Options{Year: testYear, Jobs: 2, Incremental: incremental,
			Resolver: &resolve.Resolver{Sources: []resolve.Source{c}, Jobs: 2}}, inputs)
		if err != nil {
			t.Fatal(err)
		}
		return w
	}

	// One run: the questions of every preprint entry.
	once := &askCounter{Source: lib}
	r.Run(newWS(once, false))
	asked := once.n.Load()
	if asked == 0 {
		t.Fatal("a run with a library asked nothing")
	}

	// --fix: the round after the fixes asks nothing new of the entries
	// that were not fixed.
	fixing := &askCounter{Source: lib}
	if fr := r.Fix(newWS(fixing, false)); len(fr.Fixed) == 0 {
		t.Fatal("--fix fixed nothing")
	}
	if n := fixing.n.Load(); n != asked {
		t.Errorf("--fix asked %d questions, one run asks %d", n, asked)
	}

	// An editor: runs after each change of the notes' prose.
	editing := &askCounter{Source: lib}
	ws := newWS(editing, true)
	editor := onlyRule(t, "bib-mismatch", dir)
	editor.RunCache = lint.NewRunCache()
	first := editor.Run(ws)
	var notes lint.Input
	for _, in := range inputs {
		if strings.HasSuffix(in.Path, ".md") {
			notes = in
		}
	}
	text := notes.Src
	for i := range 3 {
		text = append(append([]byte(nil), text...), fmt.Sprintf("\n- 又一条笔记 %d\n", i)...)
		if err := ws.Update(notes.Path, text); err != nil {
			t.Fatal(err)
		}
		res := editor.Run(ws)
		if len(res.Diagnostics) != len(first.Diagnostics) {
			t.Errorf("edit %d: %d findings, the first run had %d", i, len(res.Diagnostics), len(first.Diagnostics))
		}
	}
	if n := editing.n.Load(); n != asked {
		t.Errorf("an editor's 4 runs asked %d questions, one run asks %d", n, asked)
	}
}
