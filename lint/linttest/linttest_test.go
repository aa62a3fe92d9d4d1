package linttest

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/paperlint/papers/internal/testkit"
	"github.com/paperlint/papers/lint"
)

// recorder is a T that keeps what the checks report, so that a test can
// assert that they fail when they should.
type recorder struct{ errors []string }

func (r *recorder) Helper() {}

func (r *recorder) Errorf(format string, args ...any) {
	r.errors = append(r.errors, fmt.Sprintf(format, args...))
}

// lineRule reports each "BAD" (notes) or "bad" (.bib) that no comment or
// code span comes before on its line, with a message naming the file and
// the line, so that tests see how paths in messages are matched. Its fix
// turns the word into "good".
var lineRule = &lint.Rule{
	ID: "test-line", Summary: "a line says bad", Severity: lint.Warning, Scope: lint.CorpusScope, Fixable: true,
	Check: func(p *lint.Pass) {
		for _, f := range p.Files {
			word := "BAD"
			if f.Kind == lint.BibFile {
				word = "bad"
			}
			off := 0
			for {
				i := strings.Index(string(f.Src[off:]), word)
				if i < 0 {
					break
				}
				off += i
				ls := strings.LastIndexByte(string(f.Src[:off]), '\n') + 1
				if strings.ContainsAny(string(f.Src[ls:off]), "<%`") {
					off += len(word)
					continue
				}
				pos := f.Lines().Position(off)
				p.Report(lint.Diagnostic{
					File: f.Path, Start: off, End: off + len(word),
					Message: fmt.Sprintf("%s at %s:%d", word, f.Path, pos.Line),
					Fix:     &lint.Fix{Message: "say good", Edits: []lint.Edit{{Start: off, End: off + len(word), New: "good"}}},
				})
				off += len(word)
			}
		}
	},
}

func runner(t *testing.T) *lint.Runner {
	t.Helper()
	r, err := lint.NewRunner([]*lint.Rule{lineRule}, nil)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// TestCheck runs Check on the files of testdata/check, each a case of its
// own (matched wants, offsets, a .bib, unmatched wants and findings, wants
// in code, malformed wants), and compares its problems with
// testdata/check.golden.
func TestCheck(t *testing.T) {
	dir := filepath.Join("testdata", "check")
	ins, err := Inputs(dir, "")
	if err != nil {
		t.Fatal(err)
	}
	var got strings.Builder
	for _, p := range Check(runner(t).Run(Workspace(runner(t), ins))) {
		got.WriteString(filepath.ToSlash(p) + "\n")
	}
	testkit.Golden(t, filepath.Join("testdata", "check.golden"), []byte(got.String()))
}

func TestRunReports(t *testing.T) {
	var rec recorder
	Run(&rec, runner(t), []lint.Input{{Path: "a.md", Src: []byte("# T\n\nBAD\n")}})
	if len(rec.errors) != 1 || !strings.Contains(rec.errors[0], "a.md:3: unexpected finding") {
		t.Errorf("Run reported %q", rec.errors)
	}
}

func TestFix(t *testing.T) {
	var rec recorder
	ins := []lint.Input{
		{Path: "a.md", Src: []byte("# T\n\nBAD <!-- want `BAD` -->\n")},
		{Path: "b.md", Src: []byte("# T\n\nfine\n")},
		{Path: "q.bib", Src: []byte("@misc{k, note = {bad}}\n"), Quiet: true},
	}
	got := Fix(&rec, runner(t), ins)
	if len(rec.errors) != 0 {
		t.Errorf("Fix reported %q", rec.errors)
	}
	if string(got["a.md"]) != "# T\n\ngood <!-- want `BAD` -->\n" || string(got["b.md"]) != "# T\n\nfine\n" {
		t.Errorf("fixed: %q", got)
	}
	if _, ok := got["q.bib"]; ok {
		t.Error("a quiet input is in Fix's answer")
	}

	// A fix that makes what it fixes again never reaches a fixed point.
	again := &lint.Rule{
		ID: "test-again", Summary: "adds a line", Severity: lint.Warning, Scope: lint.NotesScope, Fixable: true,
		Check: func(p *lint.Pass) {
			n := len(p.File.Src)
			p.Report(lint.Diagnostic{Start: n, End: n, Message: "add", Fix: &lint.Fix{Edits: []lint.Edit{{Start: n, End: n, New: "x\n"}}}})
		},
	}
	r, err := lint.NewRunner([]*lint.Rule{again}, nil)
	if err != nil {
		t.Fatal(err)
	}
	rec = recorder{}
	Fix(&rec, r, []lint.Input{{Path: "a.md", Src: []byte("# T\n")}})
	if len(rec.errors) != 1 || !strings.Contains(rec.errors[0], "a second --fix changed") {
		t.Errorf("Fix reported %q", rec.errors)
	}
}

func TestInputs(t *testing.T) {
	ins, err := Inputs(filepath.Join("..", "..", "rules", "testdata", "bib-mismatch"), "bad")
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, in := range ins {
		names = append(names, filepath.Base(in.Path)+">"+filepath.Base(in.Companion))
	}
	if want := []string{"bad.bib>.", "bad.md>bad.bib"}; !slices.Equal(names, want) {
		t.Errorf("Inputs: %q, want %q", names, want)
	}
}
