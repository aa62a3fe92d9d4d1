package rules

import (
	"fmt"
	"slices"
	"strings"

	"github.com/paperlint/papers/lint"
	"github.com/paperlint/papers/notes"
	"github.com/paperlint/papers/venue"
)

// VenueName checks the venue against the registry: the canonical spelling
// (`arxiv` -> `arXiv`), aliases (`ISP` -> `S&P`), renames (`NIPS'22` ->
// `NeurIPS'22`, `NeurIPS'16` -> `NIPS'16`), likely typos (`Arivx`: a
// suggestion, not a fix) and unknown venues (at info severity, with how to
// add them in config). It also checks the venue a paper takes from the text
// around it (Paper.VenueText): a bold group header (`- **NIPS 2019**` above
// link items) is checked once, at the header, not once per paper under it,
// and so is the venue line of a paragraph entry. Such text is prose in its
// own form (`NeurIPS 2019`): only its name is judged and fixed, a registry
// alias (`ACM MM`, `ESEC/FSE`) is not reported, and an unknown name of
// several words gets no typo guess (`IEEE SLT` is not S&P) and is left
// alone when one word is a known venue (`ICML Workshop`).
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
	var header notes.Span // the last venue text checked
	for _, e := range f.Notes.Papers {
		switch t := e.VenueText; {
		case e.Venue != nil:
			if e.Venue.Name != "" {
				checkOneVenue(p, e.Venue, false)
			}
		case t != nil && t.Name != "" && t.Span != header:
			// The papers under one group header share its text, and come
			// one after the other: one finding for the header.
			header = t.Span
			checkOneVenue(p, t, true)
		}
	}
}

// checkOneVenue checks the name of t, a venue tag or, with text set, a venue
// written outside the tags (VenueText), whose suggested form keeps the
// separator and year as written (`NeurIPS 2019`, not `NeurIPS'19`).
func checkOneVenue(p *lint.Pass, t *notes.Tag, text bool) {
	name := t.Name
	v, ok := p.Venues.Lookup(name)
	if !ok {
		d := lint.Diagnostic{Start: t.NameSpan.Start, End: t.NameSpan.End}
		words := strings.Fields(name)
		if text && len(words) > 1 && slices.ContainsFunc(words, func(w string) bool { _, ok := p.Venues.Lookup(w); return ok }) {
			// Prose names a venue in words around its tag (`ICML
			// Workshop 2023`, `IEEE ICCV 2023`): not a misspelling.
			return
		}
		if sug := p.Venues.Suggest(name); len(sug) > 0 && (!text || len(words) == 1) {
			var tags []string
			for _, s := range sug {
				tags = append(tags, s.Tag)
				d.AddSuggestion("write " + s.Tag)
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
	switch {
	case text:
		written = want + t.Sep + t.YearText
	case t.Year != 0:
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
	case text:
		// A registry alias is a known name of the venue; in prose
		// (`ACM MM 2023`, `ESEC/FSE 2022`) the long or joint name is as
		// right as the tag, and the tag would read worse there.
		return
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
