package rules

import (
	"fmt"
	"slices"
	"sort"
	"strings"

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
// books), and so are entries with the same title whose authors share no
// last name (Montgomery's and Dean & Voss's "Design and Analysis of
// Experiments") or whose years are more than one apart, unless one is a
// preprint (the arXiv version of a published paper is the documented
// duplicate). The message says which evidence matched: the DOI, the arXiv
// id, or the title with the authors and year. The finding is on every entry
// after the first, with the others as related places: a few of a large
// group are named and the rest counted.
var BibDuplicateEntry = &lint.Rule{
	ID:       "bib-duplicate-entry",
	Summary:  "two entries are the same paper (same DOI, arXiv id or normalised title), in one .bib or across files",
	Severity: lint.Warning,
	Scope:    lint.CorpusScope,
	Requires: []lint.Analyzer{bibIndex},
	Check:    checkBibDuplicateEntry,
}

type bibRef struct {
	file *lint.File
	e    *bib.Entry
	keys match.Keys
	// names are the last names of the entry's authors, read on first
	// use (named): a title in many files is compared with each earlier
	// file's entry of that title.
	names []string
	named bool
}

// lastNames returns the last names of r's authors.
func (r *bibRef) lastNames() []string {
	if !r.named {
		r.names, r.named = lastNames(r.e.Get("author")), true
	}
	return r.names
}

func checkBibDuplicateEntry(p *lint.Pass) {
	files := p.BibFiles()
	// Every entry of every file is a ref; base[k] is where file k's start.
	// The match indexes are shared with the notes rules that pair papers
	// with these files, so each file's keys are computed once per run.
	var refs []bibRef
	base := make([]int, len(files))
	idx := make([]*match.Index, len(files))
	for k, f := range files {
		base[k] = len(refs)
		idx[k] = bibIndex.Of(p, f)
		for i, e := range f.Bib.Entries {
			refs = append(refs, bibRef{file: f, e: e, keys: idx[k].Keys(i)})
		}
	}
	// Entries by key, for the year a crossref parent gives.
	byKey := make(map[string]*bib.Entry, len(refs))
	for _, r := range refs {
		if k := strings.ToLower(r.e.Key); k != "" {
			if _, dup := byKey[k]; !dup {
				byKey[k] = r.e
			}
		}
	}
	parent := make([]int32, len(refs))
	for i := range parent {
		parent[i] = int32(i)
	}
	find := func(i int) int {
		for int(parent[i]) != i {
			parent[i] = parent[parent[i]]
			i = int(parent[i])
		}
		return i
	}
	// The links that joined two groups form a spanning tree of each group;
	// messages follow it, so each entry names the one it matched directly.
	type link struct {
		a, b   int
		reason string
	}
	var links []link
	union := func(first, i int, reason string) {
		a, b := find(first), find(i)
		if a == b {
			return
		}
		if b < a {
			a, b = b, a
		}
		parent[b] = int32(a)
		links = append(links, link{first, i, reason})
	}
	// Each entry is linked to the first entry with the same key in its own
	// file (when that comes earlier) and in each earlier file: enough to
	// connect every group, with lookups only. The first entries with a key
	// in the files read so far are chained in file order (one lookup for
	// the chain's head, then only the files that have the key): asking
	// each earlier file's index made a run of many .bib files quadratic
	// (0.55 s of lookups for 50 files of 2,000 entries).
	const byDOI, byArXiv, byTitle = 0, 1, 2 // indices into kinds
	kinds := [...]match.Kind{byDOI: match.ByDOI, byArXiv: match.ByArXiv, byTitle: match.ByTitle}
	keyOf := func(kind match.Kind, ks match.Keys) string {
		switch kind {
		case match.ByDOI:
			return ks.DOI
		case match.ByArXiv:
			return ks.ArXiv
		}
		return ks.Title
	}
	type ends struct{ head, tail int32 }
	var chains [len(kinds)]map[string]ends
	var next [len(kinds)][]int32 // the first entry with the key in the next file that has it, or -1
	fileOf := make([]int32, len(refs))
	for k := range files {
		for n := base[k]; n < base[k]+len(files[k].Bib.Entries); n++ {
			fileOf[n] = int32(k)
		}
	}
	for c := range kinds {
		chains[c] = map[string]ends{}
		next[c] = make([]int32, len(refs))
	}
	chain := func(k int) {
		for c, kind := range kinds {
			for i := range files[k].Bib.Entries {
				n := base[k] + i
				key := keyOf(kind, refs[n].keys)
				if key == "" {
					continue
				}
				if f, _ := idx[k].First(kind, key); f != i {
					continue // not the file's first entry with the key
				}
				next[c][n] = -1
				if e, ok := chains[c][key]; ok {
					next[c][e.tail] = int32(n)
					chains[c][key] = ends{e.head, int32(n)}
				} else {
					chains[c][key] = ends{int32(n), int32(n)}
				}
			}
		}
	}
	earlier := func(k, i, c int, key string, each func(j int)) {
		if key == "" {
			return
		}
		if f, ok := idx[k].First(kinds[c], key); ok && f < i {
			each(base[k] + f)
		}
		if k == 0 {
			return
		}
		e, ok := chains[c][key]
		for h := e.head; ok && h >= 0 && int(fileOf[h]) < k; h = next[c][h] {
			each(int(h))
		}
	}
	for k := range files {
		for i := range files[k].Bib.Entries {
			n := base[k] + i
			r := refs[n]
			if r.e.Key == "" {
				continue // bib-syntax reports it
			}
			earlier(k, i, byDOI, r.keys.DOI, func(j int) {
				if refs[j].e.Key != "" {
					union(j, n, "the same DOI "+r.keys.DOI)
				}
			})
			earlier(k, i, byArXiv, r.keys.ArXiv, func(j int) {
				if refs[j].e.Key != "" {
					union(j, n, "the same arXiv id "+r.keys.ArXiv)
				}
			})
			earlier(k, i, byTitle, r.keys.Title, func(j int) {
				o := refs[j].keys
				if refs[j].e.Key == "" ||
					r.keys.DOI != "" && o.DOI != "" && r.keys.DOI != o.DOI ||
					r.keys.ArXiv != "" && o.ArXiv != "" && r.keys.ArXiv != o.ArXiv {
					return // same title, different papers
				}
				if reason, same := titleEvidence(&refs[j], &refs[n], byKey); same {
					union(j, n, reason)
				}
			})
		}
		if k < len(files)-1 {
			chain(k) // the files after it look its entries up
		}
	}

	if len(links) == 0 {
		return
	}
	groups := map[int][]int{}
	adj := map[int][]int{} // entry -> indices into links
	for li, l := range links {
		adj[l.a] = append(adj[l.a], li)
		adj[l.b] = append(adj[l.b], li)
	}
	for i := range adj {
		root := find(i)
		groups[root] = append(groups[root], i)
	}
	for root, members := range groups {
		sort.Ints(members)
		// Walk the tree from the group's first entry: each entry is the
		// paper of the entry it was reached from.
		seen := map[int]bool{root: true}
		queue := []int{root}
		for len(queue) > 0 {
			x := queue[0]
			queue = queue[1:]
			for _, li := range adj[x] {
				l := links[li]
				y := l.a
				if y == x {
					y = l.b
				}
				if seen[y] {
					continue
				}
				seen[y] = true
				queue = append(queue, y)
				reportDuplicateEntry(p, refs, members, y, x, l.reason)
			}
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
	named := 0
	for _, j := range group {
		if j == i {
			continue
		}
		if named == maxDuplicateRelated {
			// A title repeated thousands of times must not cost a list
			// of thousands in each of thousands of findings.
			d.Message += fmt.Sprintf(" (%d entries in all are this paper; %d more are not listed)", len(group), len(group)-1-named)
			break
		}
		x := refs[j]
		s, e := entryHead(x.e)
		d.AddRelated(lint.Related{File: x.file.Path, Start: s, End: e, Message: fmt.Sprintf("entry %q", x.e.Key)})
		named++
	}
	p.Report(d)
}

// maxDuplicateRelated is how many other entries of a group a finding lists.
const maxDuplicateRelated = 50

// titleEvidence decides whether two entries with the same normalised title
// are the same paper, and says on what evidence: authors sharing a last
// name and years at most one apart (a preprint may be older). Entries
// without authors are judged by the title and year.
func titleEvidence(a, b *bibRef, byKey map[string]*bib.Entry) (string, bool) {
	la, lb := a.lastNames(), b.lastNames()
	authors := len(la) > 0 && len(lb) > 0
	if authors && !shareName(la, lb) {
		return "", false // same title, other authors: another work
	}
	ya, yb := entryYear(a.e, byKey), entryYear(b.e, byKey)
	preprint := isPreprint(*a) || isPreprint(*b)
	if ya != 0 && yb != 0 && !preprint && (ya-yb > 1 || yb-ya > 1) {
		return "", false // a later book or edition of the same name
	}
	switch {
	case authors && preprint:
		return "the same title and authors (a preprint and its publication)", true
	case authors:
		return "the same title and authors", true
	}
	return "the same title", true
}

// entryYear is an entry's year, or its crossref parent's.
func entryYear(e *bib.Entry, byKey map[string]*bib.Entry) int {
	if y := match.Year(e); y != 0 {
		return y
	}
	if p := byKey[strings.ToLower(strings.TrimSpace(e.Get("crossref")))]; p != nil {
		return match.Year(p)
	}
	return 0
}

// isPreprint reports whether an entry cites arXiv or CoRR.
func isPreprint(r bibRef) bool {
	if r.keys.ArXiv != "" {
		return true
	}
	for _, f := range []string{"journal", "booktitle", "howpublished", "archiveprefix", "publisher"} {
		v := strings.ToLower(r.e.Get(f))
		if strings.Contains(v, "arxiv") || strings.Contains(v, "corr") {
			return true
		}
	}
	return false
}

// lastNames returns the lower-cased last names of an author field
// ("Montgomery, Douglas C." and "Angela Dean and Daniel Voss").
func lastNames(field string) []string {
	field = strings.TrimSpace(bib.PlainText(field))
	if field == "" {
		return nil
	}
	var out []string
	for _, name := range splitAnd(field) {
		name = strings.TrimSpace(name)
		if name == "" || strings.EqualFold(name, "others") {
			continue
		}
		if c := strings.IndexByte(name, ','); c >= 0 {
			name = name[:c]
		} else if w := strings.Fields(name); len(w) > 0 {
			name = w[len(w)-1]
		}
		out = append(out, strings.ToLower(strings.TrimSpace(name)))
	}
	return out
}

// splitAnd splits an author list at " and ", ignoring case.
func splitAnd(s string) []string {
	var out []string
	low := strings.ToLower(s)
	for {
		i := strings.Index(low, " and ")
		if i < 0 {
			return append(out, s)
		}
		out = append(out, s[:i])
		s, low = s[i+5:], low[i+5:]
	}
}

// shareName reports whether two lists of last names have one in common.
func shareName(a, b []string) bool {
	for _, x := range a {
		if x != "" && slices.Contains(b, x) {
			return true
		}
	}
	return false
}
