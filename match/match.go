// Package match pairs the papers of a notes file with the entries of a .bib
// file: by normalised title (title.Normalize, so LaTeX, braces, case and a
// trailing "(DIN)" do not matter and CJK titles stay CJK), by DOI and by arXiv
// identifier. It also resolves an entry's booktitle or journal to a venue of
// the registry and reads its year, so that the lint rules and `papers bib`
// compare notes and .bib the same way.
//
// The package imports notes, bib, venue and title only.
package match

import (
	"net/url"
	"strings"

	"github.com/paperlint/papers/bib"
	"github.com/paperlint/papers/notes"
	"github.com/paperlint/papers/title"
)

// Index finds the .bib entries of papers. Build it once per .bib with
// NewIndex; it is read-only afterwards and may be shared by goroutines.
type Index struct {
	entries []*bib.Entry
	byTitle map[string][]*bib.Entry
	byDOI   map[string][]*bib.Entry
	byArXiv map[string][]*bib.Entry
	keys    []string // normalised title of entries[i], "" when none
}

// NewIndex indexes entries by normalised title, DOI and arXiv identifier.
// Entries keep their order: lookups return the earliest entry first.
func NewIndex(entries []*bib.Entry) *Index {
	ix := &Index{
		entries: entries,
		byTitle: make(map[string][]*bib.Entry, len(entries)),
		byDOI:   map[string][]*bib.Entry{},
		byArXiv: map[string][]*bib.Entry{},
		keys:    make([]string, len(entries)),
	}
	for i, e := range entries {
		if k := TitleKey(e); k != "" {
			ix.keys[i] = k
			ix.byTitle[k] = append(ix.byTitle[k], e)
		}
		if d := DOI(e); d != "" {
			ix.byDOI[d] = append(ix.byDOI[d], e)
		}
		if a := ArXivID(e); a != "" {
			ix.byArXiv[a] = append(ix.byArXiv[a], e)
		}
	}
	return ix
}

// Entries returns the indexed entries in their original order.
func (ix *Index) Entries() []*bib.Entry { return ix.entries }

// Find returns the entry of paper p: the first entry whose normalised title
// equals p's, else the first whose DOI or arXiv identifier appears in one of
// p's links. ok is false when no entry matches.
func (ix *Index) Find(p *notes.Paper) (*bib.Entry, bool) {
	es := ix.FindAll(p)
	if len(es) == 0 {
		return nil, false
	}
	return es[0], true
}

// FindAll returns every entry that matches p, by title first, then by the
// DOIs and arXiv identifiers of p's links, each entry once, in that order.
func (ix *Index) FindAll(p *notes.Paper) []*bib.Entry {
	if p == nil {
		return nil
	}
	var out []*bib.Entry
	seen := map[*bib.Entry]bool{}
	add := func(es []*bib.Entry) {
		for _, e := range es {
			if !seen[e] {
				seen[e] = true
				out = append(out, e)
			}
		}
	}
	add(ix.ByTitle(p.Title))
	if p.Abbrev != "" {
		// A title written "DIN: Deep Interest ..." in the .bib and
		// "Deep Interest ...(DIN)" in the notes: title.Normalize drops a
		// leading name only when five words follow, so try it explicitly.
		add(ix.ByTitle(p.Abbrev + ": " + p.Title))
	}
	for _, l := range p.Links {
		if d := NormalizeDOI(l.URL); d != "" {
			add(ix.byDOI[d])
		}
		if a := arXivFromURL(l.URL); a != "" {
			add(ix.byArXiv[a])
		}
	}
	return out
}

// ByTitle returns the entries whose normalised title equals that of t.
func (ix *Index) ByTitle(t string) []*bib.Entry {
	k := title.Normalize(t)
	if k == "" {
		return nil
	}
	return ix.byTitle[k]
}

// ByDOI returns the entries with the DOI d (a bare DOI or a doi.org URL;
// DOIs compare ignoring case).
func (ix *Index) ByDOI(d string) []*bib.Entry { return ix.byDOI[NormalizeDOI(d)] }

// ByArXiv returns the entries with the arXiv identifier id (the version
// suffix is ignored).
func (ix *Index) ByArXiv(id string) []*bib.Entry { return ix.byArXiv[normalizeArXiv(id)] }

// TitleKey returns the normalised title of e (title.Normalize of its title
// field), "" when it has none.
func TitleKey(e *bib.Entry) string {
	f := e.Field("title")
	if f == nil {
		return ""
	}
	return title.Normalize(f.Value)
}

// NormalizeDOI returns the DOI in s in lower case, without a doi.org or
// dx.doi.org URL prefix or a "doi:" prefix, URL-unescaped; "" when s holds no
// DOI (a DOI starts with "10." and has a "/").
func NormalizeDOI(s string) string {
	s = strings.TrimSpace(bib.PlainText(s))
	low := strings.ToLower(s)
	for _, pre := range []string{"https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "http://dx.doi.org/", "doi.org/", "dx.doi.org/", "doi:", "https://www.doi.org/"} {
		if strings.HasPrefix(low, pre) {
			s = strings.TrimSpace(s[len(pre):])
			break
		}
	}
	if strings.Contains(s, "%") {
		if u, err := url.PathUnescape(s); err == nil {
			s = u
		}
	}
	s = strings.ToLower(s)
	if !strings.HasPrefix(s, "10.") || !strings.Contains(s, "/") || strings.ContainsAny(s, " \t\n") {
		return ""
	}
	return s
}

// DOI returns e's DOI, normalised by NormalizeDOI, from its doi field, or
// from a doi.org URL in its url field; "" when it has none.
func DOI(e *bib.Entry) string {
	if d := NormalizeDOI(e.Get("doi")); d != "" {
		return d
	}
	if u := strings.ToLower(e.Get("url")); strings.Contains(u, "doi.org/") {
		return NormalizeDOI(e.Get("url"))
	}
	return ""
}
