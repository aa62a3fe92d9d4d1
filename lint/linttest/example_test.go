package linttest_test

import (
	"fmt"
	"strings"

	"github.com/paperlint/papers/lint"
	"github.com/paperlint/papers/lint/linttest"
)

// A third party's rule and its fixture. In a test, linttest.Run(t, runner,
// inputs) reports the same lines with t.Errorf; linttest.Inputs reads the
// fixtures of a folder.
func Example() {
	fullStop := &lint.Rule{
		ID:       "title-full-stop",
		Summary:  "a paper title ends with a full stop",
		Severity: lint.Warning,
		Scope:    lint.NotesScope,
		Check: func(p *lint.Pass) {
			for _, e := range p.File.Notes.Papers {
				if strings.HasSuffix(e.Title, ".") {
					p.Reportf(p.File, e.TitleSpan.Start, e.TitleSpan.End, "title %q ends with a full stop", e.Title)
				}
			}
		},
	}
	runner, err := lint.NewRunner([]*lint.Rule{fullStop}, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	// The want sits on a line of its own (want+1: the next line), since a
	// comment after the tags would become part of the entry. The second
	// paper has no want: its finding is reported as unexpected.
	notes := "## 视觉\n" +
		"<!-- want+1 `title \"Deep Residual Learning.\" ends with a full stop` -->\n" +
		"### Deep Residual Learning.[CVPR'16][MSRA]\n" +
		"- 残差连接。\n" +
		"### Attention Is All You Need.[NIPS'17][Google]\n" +
		"- 只用注意力。\n"
	res := runner.Run(linttest.Workspace(runner, []lint.Input{{Path: "testdata/notes.md", Src: []byte(notes)}}))
	for _, problem := range linttest.Check(res) {
		fmt.Println(problem)
	}
	// Output:
	// testdata/notes.md:5: unexpected finding: title "Attention Is All You Need." ends with a full stop [title-full-stop]
}
