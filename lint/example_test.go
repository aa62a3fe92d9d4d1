package lint_test

import (
	"fmt"
	"os"
	"strings"

	"github.com/paperlint/papers/lint"
	"github.com/paperlint/papers/lint/report"
	"github.com/paperlint/papers/workspace"
)

// noteCounts is work two rules share, declared once: the number of notes
// of each paper of a file. The runner builds it once per notes file,
// before the rules that list it in Requires.
var noteCounts = &lint.Analysis[[]int]{
	Name:  "note-counts",
	Scope: lint.PerFile,
	Kind:  lint.NotesFile,
	Run: func(p *lint.AnalysisPass) []int {
		counts := make([]int, len(p.File.Notes.Papers))
		for i, paper := range p.File.Notes.Papers {
			counts[i] = len(paper.Notes)
		}
		return counts
	},
}

// LongNotesOptions are the options of long-notes, read from its section
// of .papers.yaml (rules: {long-notes: {max: 5}}).
type LongNotesOptions struct {
	Max int `yaml:"max"`
}

// Two rules of one's own: values, sharing a declared analysis, one with
// options; the runner lints in-memory files with them and report prints
// the findings as papers lint does.
func Example() {
	longNotes := &lint.Rule{
		ID:         "long-notes",
		Summary:    "a paper has more notes than the config allows",
		Severity:   lint.Info,
		Scope:      lint.NotesScope,
		NewOptions: lint.Defaults(func() *LongNotesOptions { return &LongNotesOptions{Max: 3} }),
		Requires:   []lint.Analyzer{noteCounts},
		Check: func(p *lint.Pass) {
			limit := lint.OptionsOf[LongNotesOptions](p).Max
			for i, n := range noteCounts.Of(p, p.File) {
				if paper := p.File.Notes.Papers[i]; n > limit {
					p.Reportf(p.File, paper.TitleSpan.Start, paper.TitleSpan.End, "%d notes, more than %d", n, limit)
				}
			}
		},
	}
	oneLiner := &lint.Rule{
		ID:       "one-line-notes",
		Summary:  "a paper has a single note",
		Severity: lint.Info,
		Scope:    lint.NotesScope,
		Requires: []lint.Analyzer{noteCounts},
		Check: func(p *lint.Pass) {
			for i, n := range noteCounts.Of(p, p.File) {
				if paper := p.File.Notes.Papers[i]; n == 1 {
					p.Reportf(p.File, paper.TitleSpan.Start, paper.TitleSpan.End, "one note only")
				}
			}
		},
	}
	cfg, err := lint.ParseConfig(".papers.yaml", []byte("rules:\n  long-notes: {max: 2}\n"))
	if err != nil {
		fmt.Println(err)
		return
	}
	runner, err := lint.NewRunner([]*lint.Rule{longNotes, oneLiner}, cfg)
	if err != nil {
		fmt.Println(err)
		return
	}
	notes := "## 视觉\n### Deep Residual Learning for Image Recognition[CVPR'16][MSRA]\n" + strings.Repeat("- 残差。\n", 3) +
		"### Segment Anything[ICCV'23][Meta]\n- 可提示的分割。\n"
	ws, err := workspace.FromInputs(cfg, workspace.Options{Year: 2026}, []lint.Input{{Path: "notes.md", Src: []byte(notes)}})
	if err != nil {
		fmt.Println(err)
		return
	}
	res := runner.Run(ws)
	if err := report.Write(os.Stdout, "text", res.Diagnostics, res.Files, report.Options{Rules: runner.Rules}); err != nil {
		fmt.Println(err)
	}
	// Output:
	// notes.md:2:5: info: 3 notes, more than 2 [long-notes]
	// notes.md:6:5: info: one note only [one-line-notes]
}
