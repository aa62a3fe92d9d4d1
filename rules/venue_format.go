package rules

import (
	"fmt"
	"strings"

	"github.com/paperlint/papers/lint"
	"github.com/paperlint/papers/notes"
)

// VenueFormat checks that the venue tag is written `[VENUE'YY]` and glued to
// the title: an ASCII apostrophe, no spaces, a two-digit year. Each fix
// rewrites only the tag (or deletes the gap before it), and only when the
// intended tag is certain; text after the year (`'24.10`, ` (Oral)`) is
// reported but kept, since deleting it would lose what the user wrote.
var VenueFormat = &lint.Rule{
	ID:       "venue-format",
	Summary:  "the venue tag is not written [VENUE'YY] right after the title",
	Severity: lint.Warning,
	Scope:    lint.NotesScope,

	Fixable:  true,
	Requires: []lint.Analyzer{conventionAnalysis},
	Check:    checkVenueFormat,
}

func checkVenueFormat(p *lint.Pass) {
	f := notesOf(p)
	if f == nil {
		return
	}
	conv := conventionAnalysis.Of(p, f)
	for _, e := range f.Notes.Papers {
		if e.Gap.Len() > 0 && e.Form == notes.HeadingForm && len(e.Tags) > 0 {
			first := e.Tags[0]
			p.Report(lint.Diagnostic{
				Start: e.Gap.Start, End: e.Gap.End,
				Message: fmt.Sprintf("space between the title and %s; the tags follow the title directly: Title%s", f.Slice(first.Span.Start, first.Span.End), f.Slice(first.Span.Start, first.Span.End)),
				Fix:     &lint.Fix{Message: "remove the space before the tags", Edits: []lint.Edit{{Start: e.Gap.Start, End: e.Gap.End}}},
			})
		}
		if e.Venue != nil {
			checkVenueTag(p, f, e.Venue, conv)
		}
	}
}

// checkVenueTag checks one tag against the file's convention: the seed's
// `[VENUE'YY]`, or four-digit years (`[KDD 2018]`, `[KDD'2018]`, where a
// two-digit year is reported instead), with full-width brackets allowed
// where the list writes them.
func checkVenueTag(p *lint.Pass, f *lint.File, t *notes.Tag, conv convention) {
	if conv.fourDigitYears {
		checkVenueTagFour(p, f, t, conv)
		return
	}
	var problems []string
	fixable := true
	if t.Bracket == notes.LenticularBrackets && !conv.fullWidth {
		problems = append(problems, "full-width brackets 【】")
	}
	if strings.HasPrefix(t.Raw, " ") || strings.HasSuffix(t.Raw, " ") {
		problems = append(problems, "spaces inside the brackets")
	}
	switch {
	case t.YearText == "":
		problems = append(problems, "no year")
		fixable = false
	case t.Sep == "'":
	case t.Sep == "":
		problems = append(problems, "no apostrophe before the year")
	case strings.TrimSpace(t.Sep) == "":
		problems = append(problems, "a space instead of an apostrophe")
	case strings.HasPrefix(t.Sep, "'"):
		problems = append(problems, "a space after the apostrophe")
	default:
		problems = append(problems, fmt.Sprintf("%q instead of an ASCII apostrophe", strings.TrimSpace(t.Sep)))
	}
	if len(t.YearText) == 4 {
		problems = append(problems, "a four-digit year")
	} else if t.YearText != "" && len(t.YearText) != 2 {
		problems = append(problems, "a year that is not two digits")
		fixable = false
	}
	if strings.TrimSpace(t.Rest) != "" {
		problems = append(problems, fmt.Sprintf("extra text %q after the year", strings.TrimSpace(t.Rest)))
		fixable = false
	}
	if strings.Contains(t.Name, " ") && t.YearText != "" && len(problems) == 0 {
		return // `USENIX Security'22` is a venue whose name has a space
	}
	if len(problems) == 0 {
		return
	}
	raw := f.Slice(t.Span.Start, t.Span.End)
	d := lint.Diagnostic{Start: t.Span.Start, End: t.Span.End}
	if fixable && t.Year != 0 {
		want := fmt.Sprintf("[%s'%02d]", t.Name, t.Year%100)
		d.Message = fmt.Sprintf("venue tag %s has %s; write %s", raw, joinAnd(problems), want)
		d.Fix = &lint.Fix{Message: "write " + want, Edits: []lint.Edit{{Start: t.Span.Start, End: t.Span.End, New: want}}}
	} else {
		d.Message = fmt.Sprintf("venue tag %s has %s; the format is [VENUE'YY], e.g. [NeurIPS'22]", raw, joinAnd(problems))
	}
	p.Report(d)
}

// checkVenueTagFour checks a tag of a list whose convention is four-digit
// years: `[NeurIPS 2022]` and `[NeurIPS'2022]` are right; a two-digit year
// is reported with the four-digit form of the list, and so are full-width
// brackets and spaces inside them.
func checkVenueTagFour(p *lint.Pass, f *lint.File, t *notes.Tag, conv convention) {
	var problems []string
	if t.Bracket == notes.LenticularBrackets && !conv.fullWidth {
		problems = append(problems, "full-width brackets 【】")
	}
	if strings.HasPrefix(t.Raw, " ") || strings.HasSuffix(t.Raw, " ") {
		problems = append(problems, "spaces inside the brackets")
	}
	if len(t.YearText) == 2 {
		problems = append(problems, "a two-digit year where this list writes four")
	}
	if len(problems) == 0 || t.Year == 0 || strings.TrimSpace(t.Rest) != "" {
		return
	}
	sep := conv.yearSep
	open, closing := "[", "]"
	if t.Bracket == notes.LenticularBrackets && conv.fullWidth {
		open, closing = "【", "】"
	}
	want := fmt.Sprintf("%s%s%s%d%s", open, t.Name, sep, t.Year, closing)
	raw := f.Slice(t.Span.Start, t.Span.End)
	p.Report(lint.Diagnostic{
		Start: t.Span.Start, End: t.Span.End,
		Message: fmt.Sprintf("venue tag %s has %s; write %s", raw, joinAnd(problems), want),
		Fix:     &lint.Fix{Message: "write " + want, Edits: []lint.Edit{{Start: t.Span.Start, End: t.Span.End, New: want}}},
	})
}
