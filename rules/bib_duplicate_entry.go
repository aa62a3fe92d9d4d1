package rules

import (
	"fmt"

	"github.com/paperlint/papers/bib"
	"github.com/paperlint/papers/lint"
	"github.com/paperlint/papers/match"
)

// BibDuplicateEntry reports two entries for the same paper, in one .bib or
// across the .bib files of a run: the same DOI, the same arXiv identifier
// (from eprint, an arxiv.org URL, an arXiv DOI or CoRR's volume), or the
// same title after title.Normalize (case, LaTeX, braces and punctuation
// ignored; Chinese and other scripts kept as they are). Two keys for one
// paper split its citations, and the arXiv and the published version often
// both linger.
//
// Entries with the same title but different DOIs, or different arXiv
// identifiers, are taken for different papers (an "Introduction" in two
// books). The finding is on every entry after the first, with the others as
// related places.
var BibDuplicateEntry = &lint.Rule{
	ID:       "bib-duplicate-entry",
	Summary:  "two entries are the same paper (same DOI, arXiv id or normalised title), in one .bib or across files",
	Severity: lint.Warning,
	Scope:    lint.CorpusScope,
	Check:    checkBibDuplicateEntry,
}

type bibRef struct {
	file *lint.File
	e    *bib.Entry
	doi  string
	arx  string
}

func checkBibDuplicateEntry(p *lint.Pass) {
	var refs []bibRef
	for _, f := range p.BibFiles() {
		for _, e := range f.Bib.Entries {
			if e.Key == "" {
				continue
			}
			refs = append(refs, bibRef{file: f, e: e, doi: match.DOI(e), arx: match.ArXivID(e)})
		}
	}
	parent := make([]int, len(refs))
	// why[i] and partner[i]: the first reason i was found to be another
	// entry's paper, and that entry.
	why := make([]string, len(refs))
	partner := make([]int, len(refs))
	for i := range parent {
		parent[i] = i
	}
	find := func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	union := func(first, i int, reason string) {
		a, b := find(first), find(i)
		if a == b {
			return
		}
		if b < a {
			a, b = b, a
		}
		parent[b] = a
		switch {
		case why[i] == "":
			why[i], partner[i] = reason, first
		case why[first] == "" && first != a:
			why[first], partner[first] = reason, i
		}
	}
	byDOI := map[string]int{}
	byArXiv := map[string]int{}
	byTitle := map[string]int{}
	for i, r := range refs {
		if r.doi != "" {
			if j, ok := byDOI[r.doi]; ok {
				union(j, i, "the same DOI "+r.doi)
			} else {
				byDOI[r.doi] = i
			}
		}
		if r.arx != "" {
			if j, ok := byArXiv[r.arx]; ok {
				union(j, i, "the same arXiv id "+r.arx)
			} else {
				byArXiv[r.arx] = i
			}
		}
	}
	for i, r := range refs {
		k := match.TitleKey(r.e)
		if k == "" {
			continue
		}
		j, ok := byTitle[k]
		if !ok {
			byTitle[k] = i
			continue
		}
		o := refs[j]
		if r.doi != "" && o.doi != "" && r.doi != o.doi || r.arx != "" && o.arx != "" && r.arx != o.arx {
			continue // same title, different papers
		}
		union(j, i, "the same title")
	}

	groups := map[int][]int{}
	for i := range refs {
		root := find(i)
		groups[root] = append(groups[root], i) // in increasing order
	}
	for _, members := range groups {
		for _, i := range members[1:] {
			if why[i] == "" {
				// Joined through other members only; name the first.
				why[i], partner[i] = "the same paper by way of the others", members[0]
			}
			reportDuplicateEntry(p, refs, members, i, partner[i], why[i])
		}
	}
}

// reportDuplicateEntry reports refs[i], found to be the paper of
// refs[partner] for the given reason, with the rest of its group as related
// places.
func reportDuplicateEntry(p *lint.Pass, refs []bibRef, group []int, i, partner int, reason string) {
	r, o := refs[i], refs[partner]
	start, end := entryHead(r.e)
	d := lint.Diagnostic{
		File: r.file.Path, Start: start, End: end,
		Message: fmt.Sprintf("entry %q is the same paper as %q (%s): %s; keep one entry and cite it everywhere",
			r.e.Key, o.e.Key, bibWhere(o.file, o.e.Span.Start), reason),
	}
	for _, j := range group {
		if j == i {
			continue
		}
		x := refs[j]
		s, e := entryHead(x.e)
		d.Related = append(d.Related, lint.Related{File: x.file.Path, Start: s, End: e, Message: fmt.Sprintf("entry %q", x.e.Key)})
	}
	p.Report(d)
}

// bibWhere names a place as path:line for messages.
func bibWhere(f *lint.File, off int) string {
	return fmt.Sprintf("%s:%d", f.Path, f.Lines().Position(off).Line)
}
