package rules

import (
	"github.com/paperlint/papers/bib"
	"github.com/paperlint/papers/lint"
	"github.com/paperlint/papers/match"
)

// bibIndex indexes the entries of each .bib of the run (companions read for
// reference included) by normalised title, DOI and arXiv id, once for every
// rule that looks entries up: bib-duplicate-entry and, through
// companionEntries, the notes <-> .bib rules.
var bibIndex = &lint.Analysis[*match.Index]{
	Name:  "bib-index",
	Scope: lint.PerFile,
	Kind:  lint.BibFile,
	Quiet: true, // companions are read for reference
	Run: func(p *lint.AnalysisPass) *match.Index {
		if p.File.Bib == nil {
			return match.NewIndex(nil)
		}
		return match.NewIndex(p.File.Bib.Entries)
	},
}

// companionEntries pairs each paper of a notes file with the entries of its
// companion .bib that match it (match.Index.FindAll), in the order of
// f.Notes.Papers, once per file for bib-missing, bib-mismatch and
// bib-unused; nil for a notes file without a companion.
var companionEntries = &lint.Analysis[[][]*bib.Entry]{
	Name:     "companion-entries",
	Scope:    lint.PerFile,
	Kind:     lint.NotesFile,
	Quiet:    true, // near misses and bib-unused read every notes file of a .bib
	Requires: []lint.Analyzer{bibIndex},
	Run: func(p *lint.AnalysisPass) [][]*bib.Entry {
		f := p.File
		if f.Notes == nil || f.Companion == nil || f.Companion.Bib == nil {
			return nil
		}
		ix := bibIndex.Of(p, f.Companion)
		out := make([][]*bib.Entry, len(f.Notes.Papers))
		for i, pp := range f.Notes.Papers {
			if pp.Title != "" || len(pp.Links) > 0 {
				out[i] = ix.FindAll(pp)
			}
		}
		return out
	},
}
