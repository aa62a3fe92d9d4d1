package rules

import "github.com/paperlint/papers/lint"

// EmptyNotes points at papers with nothing written under them: usually a
// paper added to read later, which is worth knowing but not an error.
var EmptyNotes = &lint.Rule{
	ID:       "empty-notes",
	Summary:  "a paper has no notes under it",
	Severity: lint.Info,
	Scope:    lint.NotesScope,
	Local:    true, // each entry on its own
	Check: func(p *lint.Pass) {
		f := notesOf(p)
		if f == nil {
			return
		}
		for _, e := range f.Notes.Papers {
			if len(e.Notes) == 0 {
				p.Reportf(f, e.TitleSpan.Start, e.TitleSpan.End, "no notes under %q; add a line on what the paper does, or remove the entry", shorten(e.Title, 60))
			}
		}
	},
}
