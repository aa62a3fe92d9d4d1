package rules

import (
	"fmt"
	"strings"
	"testing"

	"github.com/paperlint/papers/lint"
)

const sharedBib = `@inproceedings{din, title = {Deep Interest Network for Click-Through Rate Prediction}, year = 2018}
@inproceedings{dien, title = {Deep Interest Evolution Network for Click-Through Rate Prediction}, year = 2019}
@inproceedings{esmm, title = {Entire Space Multi-Task Model}, year = 2018}
`

func unusedRunner(t *testing.T) *lint.Runner {
	t.Helper()
	cfg, err := lint.ParseConfig(".papers.yaml", []byte("rules:\n  bib-unused: warning\n"))
	if err != nil {
		t.Fatal(err)
	}
	runner, err := lint.NewRunner(All(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	runner.Only = map[string]bool{"bib-unused": true}
	return runner
}

// TestBibUnusedSharedCompanion: a paper in any notes file that shares the
// .bib counts, and a companion read only for reference reports nothing.
func TestBibUnusedSharedCompanion(t *testing.T) {
	a := []byte("# A\n## S\n### Deep Interest Network for Click-Through Rate Prediction[KDD'18][Ali]\n- 笔记。\n")
	b := []byte("# B\n## S\n### Deep Interest Evolution Network for Click-Through Rate Prediction[AAAI'19][Ali]\n- 笔记。\n")
	in := []lint.Input{
		{Path: "a.md", Src: a, Companion: "refs.bib"},
		{Path: "b.md", Src: b, Companion: "refs.bib"},
		{Path: "refs.bib", Src: []byte(sharedBib)},
	}
	ds := run(unusedRunner(t), in).Diagnostics
	if len(ds) != 1 || !strings.Contains(ds[0].Message, `"esmm" is cited by no paper of a.md, b.md`) || ds[0].File != "refs.bib" {
		t.Fatalf("got %v", messages(ds))
	}
	in[2].Quiet = true
	if ds := run(unusedRunner(t), in).Diagnostics; len(ds) != 0 {
		t.Errorf("quiet companion: got %v", messages(ds))
	}
	// Off by default.
	runner, err := lint.NewRunner(All(), lint.DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	in[2].Quiet = false
	for _, d := range run(runner, in).Diagnostics {
		if d.Rule == "bib-unused" {
			t.Errorf("bib-unused ran by default: %s", d.Message)
		}
	}
}

// TestBibDuplicateEntryTransitive: entries joined through a third entry
// are one group, each reported once with the entry it matched.
func TestBibDuplicateEntryTransitive(t *testing.T) {
	src := `@misc{a, title = {Deep Residual Learning for Image Recognition}}
@misc{b, title = {ResNet}, doi = {10.1109/CVPR.2016.90}}
@misc{c, title = {Deep residual learning for image recognition}, doi = {10.1109/cvpr.2016.90}}
@misc{d, title = {Something Else Entirely}}
`
	ds := runBib(t, "bib-duplicate-entry", "", src)
	got := strings.Join(messages(ds), "\n")
	if len(ds) != 2 {
		t.Fatalf("want 2 findings, got:\n%s", got)
	}
	for _, want := range []string{`entry "b" is the same paper as "c"`, `entry "c" is the same paper as "a"`} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in:\n%s", want, got)
		}
	}
	for _, d := range ds {
		if len(d.Related()) != 2 {
			t.Errorf("%s: want the 2 other entries as related, got %d", d.Message, len(d.Related()))
		}
	}
}

func TestNotesNames(t *testing.T) {
	files := func(n int) []*lint.File {
		var fs []*lint.File
		for i := range n {
			fs = append(fs, &lint.File{Path: fmt.Sprintf("notes/w%d.md", i+1)})
		}
		return fs
	}
	for n, want := range map[int]string{
		1: "w1.md",
		3: "w1.md, w2.md, w3.md",
		4: "w1.md, w2.md, w3.md and 1 other notes file",
		9: "w1.md, w2.md, w3.md and 6 other notes files",
	} {
		if got := notesNames(files(n)); got != want {
			t.Errorf("%d files: %q, want %q", n, got, want)
		}
	}
}
