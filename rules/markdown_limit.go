package rules

import (
	"fmt"

	"github.com/paperlint/papers/lint"
)

// MarkdownLimit says where a notes file goes over a nesting limit that
// CommonMark implementations set against hostile input: block quotes and
// list items more than 100 deep on one line (markdown-it's maxNesting),
// more than 100 link openers left open in a paragraph (the same limit on
// inline nesting), or parentheses more than 32 deep after a link's "]("
// (cmark's and markdown-it's bound on a link destination). The notes
// parser reads such lines as plain text, so that no file costs it more
// than linear time (see notes/limit.go for the sources); this rule makes
// that visible, once per file, because a file a person writes never goes
// there and one that does was most likely generated or hostile.
var MarkdownLimit = &lint.Rule{
	ID:       "markdown-limit",
	Summary:  "a line nests Markdown deeper than parsers allow and is read as plain text",
	Severity: lint.Info,
	Scope:    lint.NotesScope,
	Check: func(p *lint.Pass) {
		f := notesOf(p)
		if f == nil || len(f.Notes.Limits) == 0 {
			return
		}
		// One finding per file: a generated file can hold a hundred
		// thousand such lines, and one says what there is to know.
		first := f.Notes.Limits[0]
		msg := first.Message
		if n := len(f.Notes.Limits) - 1; n > 0 {
			msg += fmt.Sprintf("; %d more places in the file likewise", n)
		}
		p.Reportf(f, first.Span.Start, first.Span.End, "%s", msg)
	},
}
