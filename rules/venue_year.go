package rules

import (
	"fmt"

	"github.com/paperlint/papers/lint"
	"github.com/paperlint/papers/notes"
)

// VenueYear checks the year of the venue tag: not in the future, not before
// the venue's first edition, and a year the venue was held (ECCV in even
// years, ICCV in odd years). Only registry data marked verified is used, so
// an unchecked fact never produces a finding. The venue a paper takes from
// the text around it (Paper.VenueText) is checked too: a bold group header
// (`- **ECCV 2021**`) once, at the header, however many papers are under
// it, and the venue line of a paragraph entry.
var VenueYear = &lint.Rule{
	ID:       "venue-year",
	Summary:  "the year is in the future, before the venue's first edition, or one in which the venue was not held",
	Severity: lint.Error,
	Scope:    lint.NotesScope,
	Local:    true, // each entry on its own
	Check: func(p *lint.Pass) {
		f := notesOf(p)
		if f == nil {
			return
		}
		now := p.Year
		var header notes.Span // the last venue text checked
		for _, e := range f.Notes.Papers {
			switch t := e.VenueText; {
			case e.Venue != nil:
				if e.Venue.Year != 0 {
					checkYear(p, f, e.Venue, now)
				}
			case t != nil && t.Year != 0 && t.Span != header:
				header = t.Span // one finding per group header
				checkYear(p, f, t, now)
			}
		}
	},
}

func checkYear(p *lint.Pass, f *lint.File, t *notes.Tag, now int) {
	at := t.YearSpan
	y := t.Year
	// Next year's conference already has accepted papers; later is a typo.
	// A run that does not know the year (now 0) cannot tell.
	if now > 0 && y > now+1 {
		p.Reportf(f, at.Start, at.End, "year %d is in the future", y)
		return
	}
	v, ok := p.Venues.Lookup(t.Name)
	if !ok {
		return
	}
	h := v.Held
	if !h.Verified {
		return
	}
	if h.First != 0 && y < h.First {
		hint := ""
		if len(t.YearText) == 2 && y < 2000 {
			hint = fmt.Sprintf(" (a two-digit year %s is read as %d)", t.YearText, y)
		}
		p.Reportf(f, at.Start, at.End, "%s was first held in %d; %d is before it%s", v.Tag, h.First, y, hint)
		return
	}
	if held, known := h.HeldIn(y); known && !held {
		why := ""
		switch h.Cadence {
		case "even":
			why = fmt.Sprintf("; %s is held in even years", v.Tag)
		case "odd":
			why = fmt.Sprintf("; %s is held in odd years", v.Tag)
		}
		p.Reportf(f, at.Start, at.End, "%s was not held in %d%s", v.Tag, y, why)
	}
}
