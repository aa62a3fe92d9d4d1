package custom

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/paperlint/papers/bib"
	"github.com/paperlint/papers/notes"
	"github.com/paperlint/papers/venue"
)

// Scopes a rule may read. A .bib field is "bib-field:" and the field's
// name.
const (
	ScopeTitle   = "title"
	ScopeVenue   = "venue"
	ScopeOrg     = "org"
	ScopeNote    = "note"
	ScopeSection = "section"
	ScopeLink    = "link"
	ScopeEntry   = "entry"
	// ScopeBibField is the prefix of bib-field:NAME.
	ScopeBibField = "bib-field:"
)

// notesScopes are the scopes of a notes file, in the order messages list
// them.
var notesScopes = []string{ScopeTitle, ScopeVenue, ScopeOrg, ScopeNote, ScopeSection, ScopeLink, ScopeEntry}

// scopeName checks a scope as written and returns it with a .bib field's
// name lower-cased (field names are case-insensitive).
func scopeName(s string) (string, error) {
	if slices.Contains(notesScopes, s) {
		return s, nil
	}
	if f, ok := strings.CutPrefix(s, ScopeBibField); ok {
		if f == "" || strings.ContainsAny(f, " \t{}=,#\"%") {
			return "", fmt.Errorf("scope %q: write bib-field:NAME with a field name such as doi", s)
		}
		return ScopeBibField + strings.ToLower(f), nil
	}
	return "", fmt.Errorf("scope %q is not one of %s, bib-field:NAME", s, strings.Join(notesScopes, ", "))
}

// Doc is a parsed file as the rules read it.
type Doc struct {
	// Text is the file's text.
	Text string
	// Notes is the parsed notes file, Bib the parsed .bib; one is nil.
	Notes *notes.Document
	Bib   *bib.File
	// Venues is the registry that venue and kind conditions use.
	Venues *venue.Registry
}

// Items are a file's texts in every scope that the rules of a run read,
// extracted once for all of them: a hundred rules over the titles of a
// file walk its papers once.
type Items struct {
	text string
	// hits are the offsets of each literal of table that an enabled rule
	// needs (nil for the others); nil when no rule needs one.
	hits  [][]int32
	table *litTable
	// foldSafe is false when the literals' search, which folds ASCII
	// letters, may miss a match of a part that ignores case (see
	// foldSafe); such parts then match every item.
	foldSafe bool
	notes    *notes.Document
	venues   *venue.Registry
	units    []unit
	// byScope holds each scope's items, sorted and not overlapping.
	byScope map[string][]item
}

// item is one text a rule reads: a title, an organisation, a note ...
type item struct {
	start, end int
	unit       int // index in Items.units
}

// unit is what an item belongs to: a paper, a section heading or a .bib
// entry. Counts (occurrence), conditions (conditional) and when are
// decided per unit.
type unit struct {
	paper   *notes.Paper
	section *notes.Section
	entry   *bib.Entry
	// anchor is where a finding about the unit as a whole goes: a paper's
	// title, a section's heading text, an entry's key.
	anchor [2]int
	// year is the unit's year, 0 when it has none.
	year int
	// venueKey identifies the unit's venue for when: venue (see
	// venueOf); kind is its kind. Set only when a rule asks.
	venueKey string
	kind     venue.Kind
}

// need is what the enabled rules read, so that Scan extracts nothing
// else.
type need struct {
	scopes map[string]bool
	lits   []bool
	venue  bool
}

// Scan extracts the items of d that the rules enabled (per enabled) read.
// Its result is read by those rules, concurrently, and never changed.
func (s *Set) Scan(d Doc, enabled func(id string) bool) *Items {
	nd := need{scopes: map[string]bool{}, lits: make([]bool, len(s.table.lits))}
	anyLit := false
	for _, r := range s.Rules {
		if r.Bib != (d.Bib != nil) || enabled != nil && !enabled(r.ID) {
			continue
		}
		nd.scopes[r.scope] = true
		for _, id := range r.literals() {
			nd.lits[id], anyLit = true, true
		}
		nd.venue = nd.venue || r.when.needsVenue()
	}
	it := &Items{text: d.Text, table: &s.table, notes: d.Notes, venues: d.Venues, byScope: map[string][]item{}}
	if anyLit {
		it.foldSafe = foldSafe(d.Text)
		it.hits = s.table.scan(d.Text, nd.lits)
	}
	switch {
	case d.Notes != nil:
		it.scanNotes(d.Notes, nd)
	case d.Bib != nil:
		it.scanBib(d.Bib, nd)
	}
	return it
}

// scanNotes makes a unit of each paper and each section heading, and the
// items of the scopes asked for.
func (it *Items) scanNotes(doc *notes.Document, nd need) {
	it.units = make([]unit, 0, len(doc.Papers)+len(doc.Sections))
	// Each scope's items in one allocation: a large file has hundreds of
	// thousands of them.
	size := map[string]int{ScopeEntry: len(doc.Papers), ScopeTitle: len(doc.Papers), ScopeVenue: len(doc.Papers), ScopeSection: len(doc.Sections)}
	for _, p := range doc.Papers {
		size[ScopeOrg] += len(p.Orgs)
		size[ScopeNote] += len(p.Notes)
		size[ScopeLink] += len(p.Links)
	}
	for scope := range nd.scopes {
		it.byScope[scope] = make([]item, 0, size[scope])
	}
	venues := venueCache{}
	add := func(scope string, sp notes.Span, u int) {
		if nd.scopes[scope] && sp.Len() > 0 {
			it.byScope[scope] = append(it.byScope[scope], item{sp.Start, sp.End, u})
		}
	}
	for _, p := range doc.Papers {
		u := unit{paper: p, anchor: [2]int{p.TitleSpan.Start, p.TitleSpan.End}}
		if p.TitleSpan.Len() == 0 {
			u.anchor = [2]int{p.Span.Start, p.Span.End}
		}
		if p.Venue != nil {
			u.year = p.Venue.Year
			if nd.venue {
				u.venueKey, u.kind = venues.of(it.venues, p.Venue.Name)
			}
		}
		i := len(it.units)
		it.units = append(it.units, u)
		add(ScopeEntry, p.Span, i)
		add(ScopeTitle, p.TitleSpan, i)
		if p.Venue != nil {
			add(ScopeVenue, p.Venue.Inner, i)
		}
		for _, o := range p.Orgs {
			add(ScopeOrg, o.Span, i)
		}
		for _, n := range p.Notes {
			add(ScopeNote, n, i)
		}
		if nd.scopes[ScopeLink] {
			it.addLinks(p.Links, i)
		}
	}
	for _, sec := range doc.Sections {
		i := len(it.units)
		it.units = append(it.units, unit{section: sec, anchor: [2]int{sec.TitleSpan.Start, sec.TitleSpan.End}})
		add(ScopeSection, sec.TitleSpan, i)
	}
}

// addLinks adds a paper's links in file order, each once: a list entry's
// title link is read both as its title and in its item.
func (it *Items) addLinks(links []notes.Link, u int) {
	items := it.byScope[ScopeLink]
	from := len(items)
	for _, l := range links {
		if l.Span.Len() > 0 {
			items = append(items, item{l.Span.Start, l.Span.End, u})
		}
	}
	mine := items[from:]
	slices.SortFunc(mine, func(a, b item) int { return a.start - b.start })
	// Links do not nest; one that overlaps the last kept is the same link.
	kept := items[:from]
	for _, x := range mine {
		if len(kept) > from && x.start < kept[len(kept)-1].end {
			continue
		}
		kept = append(kept, x)
	}
	it.byScope[ScopeLink] = kept
}

// scanBib makes a unit of each entry, with the items of the fields asked
// for.
func (it *Items) scanBib(f *bib.File, nd need) {
	var fields []string
	for s := range nd.scopes {
		if name, ok := strings.CutPrefix(s, ScopeBibField); ok {
			fields = append(fields, name)
		}
	}
	it.units = make([]unit, 0, len(f.Entries))
	for _, e := range f.Entries {
		u := unit{entry: e, anchor: [2]int{e.KeySpan.Start, e.KeySpan.End}}
		if e.KeySpan.Len() == 0 {
			u.anchor = [2]int{e.TypeSpan.Start, e.TypeSpan.End}
		}
		u.year, _ = strconv.Atoi(strings.TrimSpace(bib.PlainText(e.Get("year"))))
		if nd.venue {
			u.venueKey, u.kind = bibVenueOf(it.venues, e)
		}
		i := len(it.units)
		it.units = append(it.units, u)
		for _, fl := range e.Fields {
			for _, name := range fields {
				if strings.EqualFold(fl.Name, name) {
					sp := valueInner(fl)
					it.byScope[ScopeBibField+name] = append(it.byScope[ScopeBibField+name], item{sp.Start, sp.End, i})
				}
			}
		}
	}
}

// valueInner is a field's value without its outer braces or quotes when it
// is one braced or quoted part, so that a pattern reads the value as
// written and a fix keeps the delimiters.
func valueInner(f *bib.Field) bib.Span {
	if f.NumParts() == 1 {
		p := f.Part(0)
		if (p.Kind == bib.PartBraced || p.Kind == bib.PartQuoted) && p.Span.Len() >= 2 {
			return bib.Span{Start: p.Span.Start + 1, End: p.Span.End - 1}
		}
	}
	return f.ValueSpan
}

// venueOf identifies the venue a tag names: the registry's tag for a
// venue it knows (NIPS is NeurIPS), else the tag normalised; and its kind.
func venueOf(r *venue.Registry, name string) (string, venue.Kind) {
	if name == "" {
		return "", ""
	}
	if r != nil {
		if v, ok := r.Lookup(name); ok {
			return "=" + v.Tag, v.Kind
		}
	}
	return "~" + venue.Normalize(name), ""
}

// venueCache keeps venueOf's answers for the tags of one file: a list
// names a hundred venues for thousands of papers.
type venueCache map[string]struct {
	key  string
	kind venue.Kind
}

// of is venueOf(r, name), asked once per name.
func (c venueCache) of(r *venue.Registry, name string) (string, venue.Kind) {
	v, ok := c[name]
	if !ok {
		v.key, v.kind = venueOf(r, name)
		c[name] = v
	}
	return v.key, v.kind
}

// bibVenueOf is venueOf for a .bib entry: the venue its booktitle or
// journal resolves to; else its kind is read from its type (an @article
// appeared in a journal).
func bibVenueOf(r *venue.Registry, e *bib.Entry) (string, venue.Kind) {
	if r != nil {
		if v, ok := r.ResolveBib(venue.BibFields{Booktitle: e.Get("booktitle"), Journal: e.Get("journal"), Number: e.Get("number"),
			Series: e.Get("series"), Howpublished: e.Get("howpublished"), Publisher: e.Get("publisher"), Note: e.Get("note"),
			ArXiv: e.Has("eprint") && strings.EqualFold(e.Get("archiveprefix"), "arxiv")}); ok {
			return "=" + v.Tag, v.Kind
		}
	}
	switch strings.ToLower(e.Type) {
	case "article":
		return "", venue.Journal
	case "inproceedings", "conference", "proceedings", "incollection":
		return "", venue.Conference
	}
	return "", ""
}
