package rules

import "github.com/paperlint/papers/lint"

// Encoding reports what the notes parser could not read as written, such as
// bytes that are not UTF-8. The rest of the file is still linted.
var Encoding = &lint.Rule{
	ID:       "encoding",
	Summary:  "the notes file is not valid UTF-8",
	Severity: lint.Error,
	Scope:    lint.NotesScope,
	Local:    true, // each entry on its own
	Check: func(p *lint.Pass) {
		f := notesOf(p)
		if f == nil {
			return
		}
		for _, pr := range f.Notes.Problems {
			p.Reportf(f, pr.Span.Start, pr.Span.End, "%s", pr.Message)
		}
	},
}
