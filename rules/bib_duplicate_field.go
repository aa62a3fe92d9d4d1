package rules

import (
	"fmt"
	"slices"
	"strings"

	"github.com/paperlint/papers/bib"
	"github.com/paperlint/papers/lint"
)

// BibDuplicateField reports a field given twice in one entry (names compare
// ignoring case). BibTeX uses the first and ignores the others with a
// warning ("I'm ignoring ...'s extra field"), so a corrected value written
// below the old one is silently lost. When both copies have the same value
// the later one is removed by the fix; when they differ a person must
// choose.
var BibDuplicateField = &lint.Rule{
	ID:       "bib-duplicate-field",
	Summary:  "a field is given twice in an entry; BibTeX uses the first and ignores the others",
	Severity: lint.Warning,
	Scope:    lint.BibScope,
	Fixable:  true,
	Check:    checkBibDuplicateField,
}

func checkBibDuplicateField(p *lint.Pass) {
	f := bibOf(p)
	if f == nil {
		return
	}
	// The scanner already found the repeats; without one there is nothing
	// to look at, which keeps large clean files cheap.
	if !slices.ContainsFunc(f.Bib.Diagnostics, func(d bib.Diagnostic) bool { return d.Code == bib.CodeDuplicateField }) {
		return
	}
	for _, e := range f.Bib.Entries {
		for j := 1; j < len(e.Fields); j++ {
			again := e.Fields[j]
			for i := 0; i < j; i++ {
				first := e.Fields[i]
				if strings.EqualFold(first.Name, again.Name) {
					reportDuplicateField(p, f, e, first, again, e.Fields[j-1])
					break
				}
			}
		}
	}
}

func reportDuplicateField(p *lint.Pass, f *lint.File, e *bib.Entry, first, again, prev *bib.Field) {
	sp := again.Span()
	d := lint.Diagnostic{
		Start: sp.Start, End: sp.End,
		More: &lint.More{Related: []lint.Related{{File: f.Path, Start: first.Span().Start, End: first.Span().End, Message: fmt.Sprintf("first %q field, the one BibTeX uses", first.Name)}}},
	}
	if first.Value == again.Value {
		d.Message = fmt.Sprintf("field %q appears twice in entry %q with the same value: remove the second copy", again.Name, e.Key)
		// Delete from the end of the field before it up to the end of this
		// one: ",\n  title = {...}" goes, whatever follows stays. A comment
		// in between would go too, so then leave it to a person.
		from := max(prev.ValueSpan.End, prev.NameSpan.End)
		if from < sp.Start && !strings.Contains(f.Slice(from, sp.End), "%") {
			d.Fix = &lint.Fix{Message: "remove the repeated " + again.Name, Edits: []lint.Edit{{Start: from, End: sp.End}}}
		}
	} else {
		d.Message = fmt.Sprintf("field %q appears twice in entry %q: BibTeX uses the first (%s) and ignores this one (%s); keep the right one", again.Name, e.Key, short(first.Raw), short(again.Raw))
	}
	p.Report(d)
}
