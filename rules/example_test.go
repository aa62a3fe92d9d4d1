package rules_test

import (
	"fmt"

	"github.com/paperlint/papers/lint"
	"github.com/paperlint/papers/rules"
	"github.com/paperlint/papers/workspace"
)

// A rule of one's own run with the built-in ones: it reads the companion
// .bib entry of each paper through rules.CompanionEntries, an analysis the
// runner builds once for it and for the built-in rules that need it.
func Example() {
	journalDOI := &lint.Rule{
		ID:       "journal-doi",
		Summary:  "the .bib entry of a journal paper has no doi",
		Severity: lint.Warning,
		Scope:    lint.NotesScope,
		Requires: []lint.Analyzer{rules.CompanionEntries},
		Check: func(p *lint.Pass) {
			entries := rules.CompanionEntries.Of(p, p.File)
			for i, paper := range p.File.Notes.Papers {
				for _, e := range entries[i] {
					if e.Has("journal") && !e.Has("doi") {
						p.Reportf(p.File, paper.TitleSpan.Start, paper.TitleSpan.End, "%s: entry %s has no doi", paper.Title, e.Key)
					}
				}
			}
		},
	}
	runner, err := lint.NewRunner(append(rules.All(), journalDOI), nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	notes := "## 视觉\n### Some Journal Paper[TPAMI'20][Inria]\n- 期刊论文。\n"
	refs := "@article{a2020, title = {Some Journal Paper}, author = {A. Author},\n  journal = {IEEE Transactions on Pattern Analysis and Machine Intelligence}, year = {2020}}\n"
	ws, err := workspace.FromInputs(runner.Config, workspace.Options{Year: 2026}, []lint.Input{
		{Path: "notes.md", Src: []byte(notes), Companion: "notes.bib"},
		{Path: "notes.bib", Src: []byte(refs)},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	res := runner.Run(ws)
	for _, d := range res.Diagnostics {
		fmt.Printf("%s: %s: %s [%s]\n", d.File, d.Severity, d.Message, d.Rule)
	}
	// Output:
	// notes.md: warning: Some Journal Paper: entry a2020 has no doi [journal-doi]
}
