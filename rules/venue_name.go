package rules

import (
	"fmt"
	"slices"

	"github.com/paperlint/papers/lint"
	"github.com/paperlint/papers/notes"
	"github.com/paperlint/papers/venue"
)

// VenueName checks the venue against the registry: the canonical spelling
// (`arxiv` -> `arXiv`), aliases (`ISP` -> `S&P`), renames (`NIPS'22` ->
// `NeurIPS'22`, `NeurIPS'16` -> `NIPS'16`), likely typos (`Arivx`: a
// suggestion, not a fix) and unknown venues (at info severity, with how to
// add them in config).
var VenueName = &lint.Rule{
	ID:       "venue-name",
	Summary:  "the venue is not spelled as the registry has it (case, alias, NIPS/NeurIPS rename, typo, unknown)",
	Severity: lint.Error,
	Scope:    lint.NotesScope,
	Local:    true, // each entry on its own
	Fixable:  true,
	Check:    checkVenueName,
}

func checkVenueName(p *lint.Pass) {
	f := notesOf(p)
	if f == nil {
		return
	}
	for _, e := range f.Notes.Papers {
		t := e.Venue
		if t == nil || t.Name == "" {
			continue
		}
		checkOneVenue(p, t)
	}
}

func checkOneVenue(p *lint.Pass, t *notes.Tag) {
	name := t.Name
	v, ok := p.Venues.Lookup(name)
	if !ok {
		d := lint.Diagnostic{Start: t.NameSpan.Start, End: t.NameSpan.End}
		if sug := p.Venues.Suggest(name); len(sug) > 0 {
			var tags []string
			for _, s := range sug {
				tags = append(tags, s.Tag)
				d.Suggestions = append(d.Suggestions, "write "+s.Tag)
			}
			d.Message = fmt.Sprintf("unknown venue %q; did you mean %s?", name, joinOr(tags))
		} else {
			d.Severity = lint.Info
			d.Message = fmt.Sprintf("unknown venue %q; if it is right, add it to .papers.yaml under venues: (- tag: %s), or map it with venue-aliases: {%s: TAG}", name, name, name)
		}
		p.Report(d)
		return
	}
	// A name right as written (a conference published in a journal, such
	// as SIGGRAPH in TOG) or mapped by the user with venue-aliases is
	// theirs to use.
	if v.IsAccepted(name) {
		return
	}
	for alias := range p.Config.VenueAliases {
		if venue.Normalize(alias) == venue.Normalize(name) {
			return
		}
	}
	want := v.Tag
	if t.Year != 0 {
		want = v.TagFor(t.Year)
	}
	if name == want {
		return
	}
	written := want
	if t.Year != 0 {
		written = fmt.Sprintf("%s'%02d", want, t.Year%100)
	}
	var why string
	switch {
	case venue.Normalize(name) == venue.Normalize(want):
		why = fmt.Sprintf("venue %q is spelled %s: write %s", name, want, written)
	case isFormer(v, name) && want == v.Tag:
		why = fmt.Sprintf("%s was renamed %s in %d: write %s", name, v.Tag, formerUntil(v, name)+1, written)
	case isFormer(v, want):
		why = fmt.Sprintf("%s was called %s until %d: write %s", v.Tag, want, formerUntil(v, want), written)
	default:
		why = fmt.Sprintf("%q is another name for %s: write %s", name, want, written)
	}
	p.Report(lint.Diagnostic{
		Start: t.NameSpan.Start, End: t.NameSpan.End,
		Message: why,
		Fix:     &lint.Fix{Message: "write " + want, Edits: []lint.Edit{{Start: t.NameSpan.Start, End: t.NameSpan.End, New: want}}},
	})
}

func isFormer(v *venue.Venue, name string) bool { return formerIndex(v, name) >= 0 }

func formerUntil(v *venue.Venue, name string) int {
	if i := formerIndex(v, name); i >= 0 {
		return v.Former[i].Until
	}
	return 0
}

// formerIndex returns the position of name among v's former tags, or -1.
func formerIndex(v *venue.Venue, name string) int {
	n := venue.Normalize(name)
	return slices.IndexFunc(v.Former, func(fm venue.Former) bool { return venue.Normalize(fm.Tag) == n })
}
