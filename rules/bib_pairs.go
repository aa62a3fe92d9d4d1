package rules

import (
	"github.com/paperlint/papers/bib"
	"github.com/paperlint/papers/lint"
	"github.com/paperlint/papers/match"
)

// companionEntries pairs each paper of a notes file with the entries of its
// companion .bib that match it (match.Index.FindAll), in the order of
// f.Notes.Papers. It is computed once per file (File.Memo) for every rule
// that needs it: bib-missing, bib-mismatch and bib-unused each used to
// normalise every title again.
func companionEntries(f *lint.File) [][]*bib.Entry {
	return f.Memo("companion-entries", func() any {
		ix := match.IndexFor(f.Companion.Bib)
		out := make([][]*bib.Entry, len(f.Notes.Papers))
		for i, pp := range f.Notes.Papers {
			if pp.Title != "" || len(pp.Links) > 0 {
				out[i] = ix.FindAll(pp)
			}
		}
		return out
	}).([][]*bib.Entry)
}
