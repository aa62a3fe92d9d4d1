// Package match pairs the papers of a notes file with the entries of a .bib
// file: by normalised title (title.Normalize, so LaTeX, braces, case and a
// trailing "(DIN)" do not matter and CJK titles stay CJK), by DOI and by arXiv
// identifier (read by internal/ident, as `papers bib` reads them). It also
// resolves an entry's booktitle or journal to a venue of the registry and
// reads its year, so that the lint rules and `papers bib` compare notes and
// .bib the same way.
//
// The package imports notes, bib, venue, title and internal/ only.
package match

import (
	"slices"

	"github.com/paperlint/papers/bib"
	"github.com/paperlint/papers/internal/ident"
	"github.com/paperlint/papers/notes"
	"github.com/paperlint/papers/title"
)

// Index finds the .bib entries of papers. Build it once per .bib with
// NewIndex; it is read-only afterwards and may be shared by
// goroutines.
type Index struct {
	entries []*bib.Entry
	keys    []Keys
	// Each map holds the position of the first entry with a key; next
	// chains the later entries with the same key (-1 ends a chain). This
	// costs one map slot per key and no slice per entry, which matters for
	// files of 100,000 entries.
	byTitle, byDOI, byArXiv    map[string]int32
	nextTitle, nextDOI, nextAX []int32
}

// Keys are what an entry is matched by.
type Keys struct {
	Title string // TitleKey
	DOI   string // DOI
	ArXiv string // ArXivID
}

// Kind names one of the keys entries are matched by.
type Kind int

// The kinds of keys.
const (
	ByTitle Kind = iota // normalised title
	ByDOI               // DOI
	ByArXiv             // arXiv identifier
)

// NewIndex indexes entries by normalised title, DOI and arXiv identifier.
// Entries keep their order: lookups return the earliest entry first.
func NewIndex(entries []*bib.Entry) *Index {
	n := len(entries)
	ix := &Index{entries: entries, keys: make([]Keys, n)}
	var nDOI, nAX int
	for i, e := range entries {
		k := Keys{Title: TitleKey(e), DOI: DOI(e), ArXiv: ArXivID(e)}
		ix.keys[i] = k
		if k.DOI != "" {
			nDOI++
		}
		if k.ArXiv != "" {
			nAX++
		}
	}
	// Sized from the keys found: a map grown one entry at a time moves its
	// keys at each doubling.
	ix.byTitle = make(map[string]int32, n)
	ix.byDOI = make(map[string]int32, nDOI)
	ix.byArXiv = make(map[string]int32, nAX)
	ix.nextTitle, ix.nextDOI, ix.nextAX = make([]int32, n), make([]int32, n), make([]int32, n)
	// Backwards, so that each new entry becomes the head of its chain and
	// chains run in source order.
	link := func(m map[string]int32, next []int32, key string, i int) {
		next[i] = -1
		if key == "" {
			return
		}
		if h, ok := m[key]; ok {
			next[i] = h
		}
		m[key] = int32(i)
	}
	for i := n - 1; i >= 0; i-- {
		k := ix.keys[i]
		link(ix.byTitle, ix.nextTitle, k.Title, i)
		link(ix.byDOI, ix.nextDOI, k.DOI, i)
		link(ix.byArXiv, ix.nextAX, k.ArXiv, i)
	}
	return ix
}

// Keys returns what the i-th indexed entry is matched by.
func (ix *Index) Keys(i int) Keys { return ix.keys[i] }

// Entries returns the indexed entries in their original order.
func (ix *Index) Entries() []*bib.Entry { return ix.entries }

// First returns the position of the first entry whose key of the given kind
// is key (already normalised, as Keys holds it); ok is false when none has.
func (ix *Index) First(kind Kind, key string) (int, bool) {
	if key == "" {
		return 0, false
	}
	var i int32
	var ok bool
	switch kind {
	case ByTitle:
		i, ok = ix.byTitle[key]
	case ByDOI:
		i, ok = ix.byDOI[key]
	case ByArXiv:
		i, ok = ix.byArXiv[key]
	}
	return int(i), ok
}

// chain returns the entries of the chain that starts at the head of key.
func (ix *Index) chain(m map[string]int32, next []int32, key string) []*bib.Entry {
	if key == "" {
		return nil
	}
	h, ok := m[key]
	if !ok {
		return nil
	}
	return ix.chainFrom(h, next)
}

// chainFrom returns the entries of the chain that starts at entry h.
func (ix *Index) chainFrom(h int32, next []int32) []*bib.Entry {
	var out []*bib.Entry
	for i := h; i >= 0; i = next[i] {
		out = append(out, ix.entries[i])
	}
	return out
}

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
	// The title's chain is the list to extend (its entries are distinct):
	// most papers match by title only, and then nothing is copied.
	out := ix.ByTitle(p.Title)
	add := func(es []*bib.Entry) {
		for _, e := range es {
			if !slices.Contains(out, e) {
				out = append(out, e)
			}
		}
	}
	if p.Abbrev != "" {
		// A title written "DIN: Deep Interest ..." in the .bib and
		// "Deep Interest ...(DIN)" in the notes: title.Normalize drops a
		// leading name only when five words follow, so try it explicitly.
		add(ix.ByTitle(p.Abbrev + ": " + p.Title))
	}
	for _, l := range p.Links {
		if d := ident.DOI(l.URL); d != "" {
			add(ix.chain(ix.byDOI, ix.nextDOI, d))
		}
		if a := ident.ArXivFromURL(l.URL); a != "" {
			add(ix.chain(ix.byArXiv, ix.nextAX, ident.ArXivKey(a)))
		}
	}
	return out
}

// ByTitle returns the entries whose normalised title equals that of t.
func (ix *Index) ByTitle(t string) []*bib.Entry {
	// The key is only looked up: built in a buffer, it costs no string.
	var buf [256]byte
	key := title.AppendKey(buf[:0], t)
	if len(key) == 0 {
		return nil
	}
	h, ok := ix.byTitle[string(key)]
	if !ok {
		return nil
	}
	return ix.chainFrom(h, ix.nextTitle)
}

// ByDOI returns the entries with the DOI d (a bare DOI or a doi.org URL;
// DOIs compare ignoring case).
func (ix *Index) ByDOI(d string) []*bib.Entry {
	return ix.chain(ix.byDOI, ix.nextDOI, ident.DOI(d))
}

// ByArXiv returns the entries with the arXiv identifier id (the version
// suffix is ignored).
func (ix *Index) ByArXiv(id string) []*bib.Entry {
	return ix.chain(ix.byArXiv, ix.nextAX, ident.ArXivKey(ident.ArXiv(id)))
}

// TitleKey returns the normalised title of e (title.Normalize of its title
// field), "" when it has none.
func TitleKey(e *bib.Entry) string {
	f := e.Field("title")
	if f == nil {
		return ""
	}
	return title.Normalize(f.Value)
}

// DOI returns e's DOI in lower case, from its doi field or a doi.org URL in
// its url field (see ident.EntryDOI); "" when it has none.
func DOI(e *bib.Entry) string { return ident.EntryDOI(e.Get) }
