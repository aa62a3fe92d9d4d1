package bibgen

import (
	"bytes"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/paperlint/papers/bib"
	"github.com/paperlint/papers/match"
	"github.com/paperlint/papers/notes"
	"github.com/paperlint/papers/org"
	"github.com/paperlint/papers/title"
	"github.com/paperlint/papers/venue"
)

// Source is one notes file and its companion .bib.
type Source struct {
	Notes *notes.Document
	// Companion is the notes' .bib, nil when they have none.
	Companion *bib.File
}

// Options tune Generate.
type Options struct {
	// Venues resolves venue tags; nil means venue.Default().
	Venues *venue.Registry
	// Orgs gives organisation tags their canonical spelling in built
	// entries; nil keeps them as written.
	Orgs *org.Registry
	// KeyFormat makes the keys of built entries; nil means DefaultKeyFormat.
	KeyFormat *KeyFormat
	// Filter selects the papers that get an entry. Keys are assigned before
	// filtering, so a paper has the same key whatever the filter.
	Filter Filter
}

// Item is one entry of the result.
type Item struct {
	Entry *bib.Entry
	// Source is the index of the Source whose notes first name the paper,
	// or whose companion holds a cross-referenced entry.
	Source int
	// Paper is the first paper the entry stands for; nil for an entry that
	// is only there because another one cross-references it.
	Paper *notes.Paper
	// Line is Paper's 1-based line in its notes file; 0 when Paper is nil.
	Line int
	// Built is true for an entry built from the notes (it has no author),
	// false for one taken from the companion .bib as it is.
	Built bool
	// Replaces is, for a built entry, the companion's entry of the same
	// paper that could not be used because a syntax error cut it short.
	// Merging must not add the built entry next to it.
	Replaces *bib.Entry
}

// Notice is something the user should know about the result.
type Notice struct {
	Path    string // notes file
	Line    int    // 1-based; 0 when about the whole file
	Message string
	// Lost is set when a paper got no entry because of it.
	Lost bool
}

// String formats the notice as path:line: message.
func (n Notice) String() string {
	if n.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", n.Path, n.Line, n.Message)
	}
	return fmt.Sprintf("%s: %s", n.Path, n.Message)
}

// Result is what Generate hands back.
type Result struct {
	// Items are the entries in output order: papers in order of first
	// appearance, then entries that others cross-reference (BibTeX wants
	// those after the entries that refer to them).
	Items []*Item
	// Header holds the @preamble and @string blocks of every companion that
	// contributed an entry, as written, in file order, so that macros used by
	// its entries stay defined.
	Header []string
	// Notices are in order of appearance.
	Notices []Notice
}

// Built returns the items built from the notes.
func (r *Result) Built() []*Item {
	var out []*Item
	for _, it := range r.Items {
		if it.Built {
			out = append(out, it)
		}
	}
	return out
}

// Entries returns the entries of the items, in order.
func (r *Result) Entries() []*bib.Entry {
	out := make([]*bib.Entry, len(r.Items))
	for i, it := range r.Items {
		out[i] = it.Entry
	}
	return out
}

// Generate makes one entry per paper of the sources that passes the filter.
// A paper its companion .bib holds (match.Index.Find: normalised title, DOI
// or arXiv id) gets that entry unchanged, key and fields; other papers get an
// entry from Build, under a key from the key format that collides with no key
// of any companion nor with another built key. Papers with the same
// normalised title share one entry. The result depends only on the inputs:
// the same sources always give the same items in the same order.
func Generate(srcs []Source, opt Options) *Result {
	reg := opt.Venues
	if reg == nil {
		reg = venue.Default()
	}
	kf := opt.KeyFormat
	if kf == nil {
		kf = defaultKeyFormat
	}
	res := &Result{}
	keys := NewKeys()
	// Many notes files may share one companion: each .bib is read once
	// here, and indexed once below.
	reserved := map[*bib.File]bool{}
	for _, s := range srcs {
		if s.Companion != nil && !reserved[s.Companion] {
			reserved[s.Companion] = true
			for _, e := range s.Companion.Entries {
				keys.Reserve(e.Key)
			}
		}
	}

	var order []*Item
	selected := map[*Item]bool{}
	byEntry := map[*bib.Entry]*Item{}
	byTitle := map[string]*Item{}
	indexes := map[*bib.File]*match.Index{}
	for si, s := range srcs {
		if s.Notes == nil {
			continue
		}
		var ix *match.Index
		if s.Companion != nil {
			if ix = indexes[s.Companion]; ix == nil {
				ix = match.NewIndex(s.Companion.Entries)
				indexes[s.Companion] = ix
			}
		}
		lines := newLineIndex(s.Notes.Src)
		for _, p := range s.Notes.Papers {
			line := lines.line(p.Span.Start)
			pass := opt.Filter.match(s.Notes, p, reg)
			if strings.TrimSpace(p.Title) == "" && strings.TrimSpace(p.Abbrev) == "" {
				if pass {
					res.Notices = append(res.Notices, Notice{Path: s.Notes.Path, Line: line, Message: "the entry has no title, so it gets no BibTeX entry", Lost: true})
				}
				continue
			}
			var it *Item
			var replaces *bib.Entry
			if ix != nil {
				if e, ok := ix.Find(p); ok {
					if e.Incomplete {
						replaces = e
						if pass {
							res.Notices = append(res.Notices, Notice{Path: s.Notes.Path, Line: line, Message: fmt.Sprintf(
								"the entry %s of %s for this paper has a syntax error, so it was built from the notes instead (see papers lint %s)",
								e.Key, s.Companion.Name, s.Companion.Name)})
						}
					} else if it = byEntry[e]; it == nil {
						it = &Item{Entry: e, Source: si, Paper: p, Line: line}
						byEntry[e] = it
						order = append(order, it)
					}
				}
			}
			if it == nil {
				tk := title.Normalize(p.Title)
				if tk == "" {
					tk = "\x00" + p.Title + "\x00" + p.Abbrev
				}
				if prev := byTitle[tk]; prev != nil {
					it = prev
					// The first entry of a paper may lack the year that
					// another one gives.
					if y := yearOf(s.Notes, p); y > 0 && !prev.Entry.Has("year") {
						prev.Entry.Set("year", strconv.Itoa(y))
					}
					if pass {
						res.Notices = append(res.Notices, Notice{Path: s.Notes.Path, Line: line, Message: fmt.Sprintf(
							"same title as %s:%d; both share the entry %s", srcs[prev.Source].Notes.Path, prev.Line, prev.Entry.Key)})
					}
				} else {
					key := keys.Assign(kf.key(s.Notes, p, reg))
					it = &Item{Entry: Build(s.Notes, p, key, reg, opt.Orgs), Source: si, Paper: p, Line: line, Built: true, Replaces: replaces}
					if p.VenueOrText() != nil && venueName(p) != "" && lookupVenue(p, reg) == nil && pass {
						res.Notices = append(res.Notices, Notice{Path: s.Notes.Path, Line: line, Message: fmt.Sprintf(
							"unknown venue %q: %s is written as @misc with howpublished = {%s}; declare the venue under venues: in .papers.yaml for a proper entry", venueName(p), key, venueName(p))})
					}
					byTitle[tk] = it
					order = append(order, it)
				}
			}
			if pass {
				selected[it] = true
			}
		}
	}

	// Entries named by crossref go last, once each.
	var tail []*Item
	inTail := map[*Item]bool{}
	for _, it := range order {
		if !selected[it] || it.Built {
			continue
		}
		cr := strings.TrimSpace(it.Entry.Get("crossref"))
		comp := srcs[it.Source].Companion
		if cr == "" || comp == nil {
			continue
		}
		target := comp.Entry(cr)
		if target == nil || target.Incomplete {
			continue
		}
		t := byEntry[target]
		if t == nil {
			t = &Item{Entry: target, Source: it.Source}
			byEntry[target] = t
		}
		if !inTail[t] {
			inTail[t] = true
			tail = append(tail, t)
		}
	}

	seen := map[string]*Item{}
	used := map[*bib.File]bool{}
	var out []*Item
	for _, it := range order {
		if selected[it] && !inTail[it] {
			out = append(out, it)
		}
	}
	for _, it := range append(out, tail...) {
		k := strings.ToLower(it.Entry.Key)
		if prev := seen[k]; prev != nil {
			// Two companions hold different entries under one key; BibTeX
			// would keep the first and report the second.
			res.Notices = append(res.Notices, Notice{Path: srcs[it.Source].Notes.Path, Line: it.Line, Lost: true, Message: fmt.Sprintf(
				"the key %s of %s is also the key of another entry in %s; the second is left out (rename one of them)",
				it.Entry.Key, nameOf(srcs[it.Source].Companion), nameOf(srcs[prev.Source].Companion))})
			continue
		}
		seen[k] = it
		res.Items = append(res.Items, it)
		if !it.Built {
			used[srcs[it.Source].Companion] = true
		}
	}
	for i := range srcs {
		c := srcs[i].Companion
		if c == nil || !used[c] {
			continue
		}
		used[c] = false // once per file, even when shared by several notes
		for _, b := range c.Blocks {
			if b.Kind == bib.BlockPreamble || b.Kind == bib.BlockString {
				res.Header = append(res.Header, c.Text(b.Span))
			}
		}
	}
	return res
}

func nameOf(f *bib.File) string {
	if f == nil {
		return "the notes"
	}
	return f.Name
}

// lineIndex holds the offsets of a file's line breaks, so that the line of
// each paper is found without rescanning the file from its start.
type lineIndex []int

func newLineIndex(src []byte) lineIndex {
	var ix lineIndex
	for off := 0; ; {
		i := bytes.IndexByte(src[off:], '\n')
		if i < 0 {
			return ix
		}
		ix = append(ix, off+i)
		off += i + 1
	}
}

// line returns the 1-based line of byte offset off.
func (ix lineIndex) line(off int) int {
	return sort.SearchInts(ix, off) + 1
}

var defaultKeyFormat = func() *KeyFormat {
	kf, err := ParseKeyFormat(DefaultKeyFormat)
	if err != nil {
		// DefaultKeyFormat is a constant that parses; this cannot happen.
		return &KeyFormat{src: DefaultKeyFormat, parts: []keyPart{{placeholder: "venue"}, {placeholder: "year"}, {placeholder: "word"}}}
	}
	return kf
}()
