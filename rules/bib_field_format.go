package rules

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"

	"github.com/paperlint/papers/bib"
	"github.com/paperlint/papers/internal/ident"
	"github.com/paperlint/papers/lint"
)

// BibFieldFormat checks how some field values are written:
//
//   - year is a four-digit number (not "19", "2019a" or "in press");
//   - pages uses "--" for a range: "1-2" is fixed to "1--2" for plain
//     numeric ranges (an en dash "–" too), other ranges are reported only;
//   - month is a month macro (jan ... dec) or a number: {January} and {Jan.}
//     are fixed to jan, as is an undefined macro named after a month
//     (month = January); other text is reported;
//   - doi is a bare DOI: https://doi.org/10.1/x and doi:10.1/x are fixed to
//     10.1/x;
//   - a macro that no @string defines (BibTeX warns and prints nothing).
//
// Unbalanced braces stop BibTeX from reading the entry, so bib-syntax
// reports them.
var BibFieldFormat = &lint.Rule{
	ID:       "bib-field-format",
	Summary:  "year, pages, month or doi is not written as BibTeX styles expect, or a macro is undefined",
	Severity: lint.Warning,
	Scope:    lint.BibScope,
	Fixable:  true,
	Check:    checkBibFieldFormat,
}

var monthMacros = [...]string{"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"}

var monthNames = [...]string{"january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"}

func checkBibFieldFormat(p *lint.Pass) {
	f := bibOf(p)
	if f == nil {
		return
	}
	handled := map[int]bool{} // undefined-macro spans reported by the month check
	for _, e := range f.Bib.Entries {
		var seenYear, seenPages, seenMonth, seenDOI bool
		for _, fl := range e.Fields {
			if hasBarePart(fl) {
				// bib-syntax reports the unbraced value (`pages =
				// 5156-5165`) at the same place: one finding is enough.
				continue
			}
			switch {
			case !seenYear && strings.EqualFold(fl.Name, "year"):
				seenYear = true
				checkBibYear(p, e, fl)
			case !seenPages && strings.EqualFold(fl.Name, "pages"):
				seenPages = true
				checkBibPages(p, e, fl)
			case !seenMonth && strings.EqualFold(fl.Name, "month"):
				seenMonth = true
				checkBibMonth(p, e, fl, handled)
			case !seenDOI && strings.EqualFold(fl.Name, "doi"):
				seenDOI = true
				checkBibDOI(p, e, fl)
			}
		}
	}
	for _, d := range f.Bib.Diagnostics {
		if d.Code == bib.CodeUndefinedMacro && !handled[d.Start] {
			p.Report(lint.Diagnostic{Start: d.Start, End: d.End, Message: d.Message, More: lint.WithRelated(relatedOf(f, d.Related))})
		}
	}
}

// onePart returns the field's only part when it is braced or quoted text,
// with the offset its text starts at.
func onePart(fl *bib.Field) (bib.Part, int, bool) {
	if fl.NumParts() != 1 {
		return bib.Part{}, 0, false
	}
	pt := fl.Part(0)
	if pt.Kind != bib.PartBraced && pt.Kind != bib.PartQuoted {
		return bib.Part{}, 0, false
	}
	return pt, pt.Span.Start + 1, true
}

func hasUndefined(fl *bib.Field) bool {
	for i := range fl.NumParts() {
		if fl.Part(i).Undefined {
			return true
		}
	}
	return false
}

func checkBibYear(p *lint.Pass, e *bib.Entry, fl *bib.Field) {
	if hasUndefined(fl) || fl.NumParts() == 0 {
		return
	}
	v := strings.TrimSpace(fl.Value)
	if len(v) == 4 && allDigits(v) {
		return
	}
	msg := fmt.Sprintf("year %s of entry %q is not a four-digit year", short(fl.Raw), e.Key)
	switch {
	case allDigits(v) && len(v) == 2:
		msg += "; write the century too"
	case len(v) > 4 && allDigits(v[:4]):
		msg += "; put what follows the year in another field (note, or a key suffix for author-year styles)"
	}
	p.Report(lint.Diagnostic{Start: fl.ValueSpan.Start, End: fl.ValueSpan.End, Message: msg})
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// checkBibPages reports a range written with one hyphen (or an en dash) and
// fixes plain numeric ranges.
func checkBibPages(p *lint.Pass, e *bib.Entry, fl *bib.Field) {
	v := fl.Value
	if strings.Contains(v, "--") || strings.Contains(v, ",") {
		return
	}
	dash, width := strings.Index(v, "-"), 1
	if en := strings.Index(v, "–"); en >= 0 && (dash < 0 || en < dash) {
		dash, width = en, len("–")
	}
	if dash < 0 {
		return
	}
	lo, hi := strings.TrimSpace(v[:dash]), strings.TrimSpace(v[dash+width:])
	if lo == "" || hi == "" || strings.ContainsAny(hi, "-–") {
		return // "-5", "12-", "1-2-3": not a range
	}
	d := lint.Diagnostic{
		Start: fl.ValueSpan.Start, End: fl.ValueSpan.End,
		Message: fmt.Sprintf("pages %s of entry %q: write a range with \"--\" (%s--%s), which styles print as an en dash", short(fl.Raw), e.Key, lo, hi),
	}
	if pt, at, ok := onePart(fl); ok && allDigits(lo) && allDigits(hi) && pt.Text == v {
		d.Fix = &lint.Fix{Message: "write --", Edits: []lint.Edit{{Start: at + dash, End: at + dash + width, New: "--"}}}
	}
	p.Report(d)
}

// monthIndex returns 1..12 for a month's name or abbreviation ("January",
// "jan", "Jan.", "Sept"), 0 otherwise.
func monthIndex(s string) int {
	s = strings.ToLower(strings.TrimSuffix(strings.TrimSpace(s), "."))
	if s == "sept" {
		return 9
	}
	for i := range monthNames {
		if s == monthNames[i] || s == monthMacros[i] {
			return i + 1
		}
	}
	return 0
}

func checkBibMonth(p *lint.Pass, e *bib.Entry, fl *bib.Field, handled map[int]bool) {
	if fl.NumParts() == 0 {
		return
	}
	if fl.NumParts() == 1 && fl.Part(0).Kind == bib.PartMacro {
		pt := fl.Part(0)
		if !pt.Undefined {
			return
		}
		if m := monthIndex(pt.Text); m > 0 {
			// month = January: BibTeX knows no such macro and prints
			// nothing; the month macro is what was meant.
			handled[pt.Span.Start] = true
			p.Report(lint.Diagnostic{
				Start: pt.Span.Start, End: pt.Span.End,
				Message: fmt.Sprintf("undefined macro %q in month of entry %q: the month macros are jan ... dec; write %s", pt.Text, e.Key, monthMacros[m-1]),
				Fix:     &lint.Fix{Message: "write " + monthMacros[m-1], Edits: []lint.Edit{{Start: pt.Span.Start, End: pt.Span.End, New: monthMacros[m-1]}}},
			})
		}
		return
	}
	for i := range fl.NumParts() {
		if fl.Part(i).Kind == bib.PartMacro {
			return // jun # "--" # jul and the like
		}
	}
	v := strings.TrimSpace(fl.Value)
	if n, err := strconv.Atoi(v); err == nil && n >= 1 && n <= 12 {
		return
	}
	d := lint.Diagnostic{Start: fl.ValueSpan.Start, End: fl.ValueSpan.End}
	if m := monthIndex(v); m > 0 {
		d.Message = fmt.Sprintf("month %s of entry %q is text: write the macro %s, which each style prints in its own way", short(fl.Raw), e.Key, monthMacros[m-1])
		d.Fix = &lint.Fix{Message: "write " + monthMacros[m-1], Edits: []lint.Edit{{Start: fl.ValueSpan.Start, End: fl.ValueSpan.End, New: monthMacros[m-1]}}}
	} else {
		d.Message = fmt.Sprintf("month %s of entry %q is neither a month macro (jan ... dec) nor a number", short(fl.Raw), e.Key)
	}
	p.Report(d)
}

func checkBibDOI(p *lint.Pass, e *bib.Entry, fl *bib.Field) {
	v := strings.TrimSpace(fl.Value)
	if v == "" || hasUndefined(fl) {
		return
	}
	if strings.HasPrefix(v, "10.") {
		return
	}
	bare, ok := ident.TrimDOIPrefix(v)
	if !ok {
		bare = ""
	}
	d := lint.Diagnostic{Start: fl.ValueSpan.Start, End: fl.ValueSpan.End}
	switch {
	case strings.HasPrefix(bare, "10.") && strings.Contains(bare, "%"):
		// An escaped DOI (10.1000%2F182): unescaping is a guess a person
		// should confirm.
		want := bare
		if u, err := url.PathUnescape(bare); err == nil {
			want = u
		}
		d.Message = fmt.Sprintf("doi of entry %q is written as an escaped URL: write the bare DOI %s (styles add the link)", e.Key, want)
	case strings.HasPrefix(bare, "10.") && strings.Contains(bare, "/"):
		d.Message = fmt.Sprintf("doi of entry %q is written as a URL: write the bare DOI %s (styles add the link)", e.Key, bare)
		// The fix rewrites the text inside the delimiters; a DOI built
		// with # is left to a person.
		if pt, at, ok := onePart(fl); ok && pt.Text == fl.Value {
			d.Fix = &lint.Fix{Message: "write " + bare, Edits: []lint.Edit{{Start: at, End: at + len(pt.Text), New: bare}}}
		}
	default:
		d.Message = fmt.Sprintf("doi %s of entry %q is not a DOI (10.NNNN/...); put a web address in url", short(fl.Raw), e.Key)
	}
	p.Report(d)
}

// hasBarePart reports whether a field's value has a bare word that is
// neither a number nor a macro, which bib-syntax reports.
func hasBarePart(fl *bib.Field) bool {
	for i := range fl.NumParts() {
		if fl.Part(i).Kind == bib.PartBare {
			return true
		}
	}
	return false
}
