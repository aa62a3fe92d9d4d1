package resolve

import (
	"cmp"
	"context"
	"fmt"
	"os"
	"slices"
	"strings"

	"github.com/paperlint/papers/bib"
	"github.com/paperlint/papers/match"
)

// Library is a .bib file used as a source: a Zotero or JabRef export, a
// lab's shared .bib, a DBLP dump of a venue. It is read and indexed once
// (by normalised title, DOI and arXiv identifier, and by title word for
// near matches) and is read-only afterwards, so goroutines may share it.
type Library struct {
	name    string
	ix      *match.Index
	byKey   map[string]*bib.Entry
	byWord  map[string][]int32
	entries []*bib.Entry
	// Problems counts the syntax errors of the file: the scanner goes on
	// after each, but the entry it was in is left out.
	Problems int
}

// nearCandidates is how many entries sharing title words a search returns
// besides the exact matches: enough to find a title with a typo and to
// name the closest refused one, few enough to judge quickly.
const nearCandidates = 5

// LoadLibrary reads the .bib file at path. Only a regular file is read: a
// FIFO or a device named in a shared config must not block or flood the run.
func LoadLibrary(path string) (*Library, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("library %s: %w", path, err)
	}
	if !st.Mode().IsRegular() {
		return nil, fmt.Errorf("library %s: not a regular file", path)
	}
	src, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("library %s: %w", path, err)
	}
	return NewLibrary("library "+path, bib.Parse(path, src)), nil
}

// NewLibrary indexes the entries of a parsed .bib file as a source named
// name. Entries cut short by a syntax error are left out.
func NewLibrary(name string, f *bib.File) *Library {
	l := &Library{name: name, byKey: map[string]*bib.Entry{}, byWord: map[string][]int32{}}
	for _, d := range f.Diagnostics {
		if d.Code == bib.CodeSyntax {
			l.Problems++
		}
	}
	for _, e := range f.Entries {
		if e.Incomplete {
			continue
		}
		l.entries = append(l.entries, e)
		k := strings.ToLower(e.Key)
		if _, dup := l.byKey[k]; !dup {
			l.byKey[k] = e
		}
	}
	l.ix = match.NewIndex(l.entries)
	for i, e := range l.entries {
		seen := map[string]bool{}
		for _, w := range words(e.Get("title")) {
			if !seen[w] {
				seen[w] = true
				l.byWord[w] = append(l.byWord[w], int32(i))
			}
		}
	}
	return l
}

// Len returns the number of entries indexed.
func (l *Library) Len() int { return len(l.entries) }

// Name implements Source.
func (l *Library) Name() string { return l.name }

// ByDOI implements Source.
func (l *Library) ByDOI(_ context.Context, doi string) ([]*Record, error) {
	return l.records(l.ix.ByDOI(doi)), nil
}

// ByArXiv implements Source.
func (l *Library) ByArXiv(_ context.Context, id string) ([]*Record, error) {
	return l.records(l.ix.ByArXiv(id)), nil
}

// Search implements Source: the entries whose normalised title equals the
// notes' (with or without the abbreviation in front), then up to
// nearCandidates entries that share the most title words with it, for
// Judge to accept a typo or report the closest look-alike.
func (l *Library) Search(_ context.Context, q Query) ([]*Record, error) {
	found := l.ix.ByTitle(q.Title)
	if q.Abbrev != "" {
		for _, e := range l.ix.ByTitle(q.Abbrev + ": " + q.Title) {
			if !slices.Contains(found, e) {
				found = append(found, e)
			}
		}
	}
	for _, e := range l.near(q.Title) {
		if !slices.Contains(found, e) {
			found = append(found, e)
		}
	}
	return l.records(found), nil
}

// near returns the entries that share at least half of the title's words,
// most shared first. Words that half the library has ("learning", "for")
// are skipped unless the title has nothing else: they would make every
// search touch every entry.
func (l *Library) near(t string) []*bib.Entry {
	ws := words(t)
	if len(ws) == 0 {
		return nil
	}
	count := map[int32]int{}
	for _, w := range ws {
		post := l.byWord[w]
		if len(post) > len(l.entries)/2 && len(ws) > 2 {
			continue
		}
		for _, i := range post {
			count[i]++
		}
	}
	need := max(1, (len(ws)+1)/2)
	type hit struct {
		i int32
		n int
	}
	var hits []hit
	for i, n := range count {
		if n >= need {
			hits = append(hits, hit{i, n})
		}
	}
	slices.SortFunc(hits, func(a, b hit) int {
		if c := cmp.Compare(b.n, a.n); c != 0 {
			return c
		}
		return cmp.Compare(a.i, b.i)
	})
	if len(hits) > nearCandidates {
		hits = hits[:nearCandidates]
	}
	out := make([]*bib.Entry, len(hits))
	for k, h := range hits {
		out[k] = l.entries[h.i]
	}
	return out
}

// records wraps entries as records. An entry that cross-references
// another (crossref = {conf/kdd/2018}) gets the fields it inherits from it,
// as BibTeX would give them, on a copy.
func (l *Library) records(es []*bib.Entry) []*Record {
	out := make([]*Record, 0, len(es))
	for _, e := range es {
		if cr := strings.TrimSpace(e.Get("crossref")); cr != "" {
			if parent := l.byKey[strings.ToLower(cr)]; parent != nil && parent != e {
				e = inherit(e, parent)
			}
		}
		out = append(out, &Record{Source: l.name, ID: e.Key, Entry: e})
	}
	return out
}

// inherit returns a copy of e with the fields of parent that e lacks.
func inherit(e, parent *bib.Entry) *bib.Entry {
	c := &bib.Entry{Type: e.Type, Key: e.Key, Fields: slices.Clone(e.Fields)}
	for _, f := range parent.Fields {
		if !c.Has(f.Name) {
			c.Fields = append(c.Fields, f)
		}
	}
	return c
}
