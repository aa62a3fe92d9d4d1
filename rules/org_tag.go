package rules

import "github.com/paperlint/papers/lint"

// OrgTag reports entries without an organisation tag: the format is
// `Title[VENUE'YY][Org]`, and lists are filtered by organisation.
var OrgTag = &lint.Rule{
	ID:       "org-tag",
	Summary:  "a paper has no organisation tag such as [Google]",
	Severity: lint.Warning,
	Scope:    lint.NotesScope,
	Local:    true, // each entry on its own
	Check: func(p *lint.Pass) {
		f := notesOf(p)
		if f == nil {
			return
		}
		for _, e := range f.Notes.Papers {
			if len(e.Orgs) > 0 {
				continue
			}
			at := e.Span
			if e.Venue != nil {
				at = e.Venue.Span
			}
			p.Reportf(f, at.Start, at.End, "no organisation tag; add the authors' organisation after the venue, e.g. [VENUE'YY][Google]")
		}
	},
}
