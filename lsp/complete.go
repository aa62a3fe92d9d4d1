package lsp

import (
	"bytes"
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/tliron/glsp"
	protocol "github.com/tliron/glsp/protocol_3_16"

	"github.com/paperlint/papers/lint"
	"github.com/paperlint/papers/venue"
)

// completion offers tags inside `[...]` on an entry line: venue tags from
// the registry with a year, organisation tags from the registry and the
// workspace's own majority spellings of the organisations it does not
// know. The venue comes first in the first bracket, organisations after.
func (s *Server) completion(_ *glsp.Context, p *protocol.CompletionParams) (any, error) {
	path, err := uriToPath(p.TextDocument.URI)
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	d := s.docs[path]
	sn := s.snap
	s.mu.Unlock()
	if d == nil || lint.KindOf(path) != lint.NotesFile {
		return protocol.CompletionList{Items: []protocol.CompletionItem{}}, nil
	}
	if sn == nil {
		if sn = s.lintNow(); sn == nil {
			return protocol.CompletionList{Items: []protocol.CompletionItem{}}, nil
		}
	}
	li := lint.NewLineIndex(d.text)
	off := s.conv.offset(li, p.Position)
	line := int(p.Position.Line) + 1
	ls := li.Offset(line, 1, lint.Bytes)
	ctx, ok := bracketContext(d.text[ls:off])
	if !ok {
		return protocol.CompletionList{Items: []protocol.CompletionItem{}}, nil
	}
	env := sn.st.ws.Env()
	// The typed word is replaced, so that a completion chosen after "Neu"
	// is NeurIPS and not NeuNeurIPS.
	wordStart := off - len(ctx.word)
	rng := protocol.Range{Start: s.conv.positionIn(li, wordStart), End: p.Position}
	var items []protocol.CompletionItem
	venueRank, orgRank := "0", "1"
	if ctx.afterVenue {
		venueRank, orgRank = "1", "0"
	}
	yy := fmt.Sprintf("%02d", env.Year%100)
	snippet := s.client.TextDocument.Completion.CompletionItem.SnippetSupport
	for _, v := range env.Venues.All() {
		tags := []string{v.Tag}
		for _, fm := range v.Former {
			tags = append(tags, fm.Tag)
		}
		for _, tag := range tags {
			detail := venueName(v)
			if tag != v.Tag {
				detail = fmt.Sprintf("%s (the tag up to %d)", detail, formerUntil(v, tag))
			}
			items = append(items, s.item(tag+"'YY", tag, tag+"'"+yy, tag+"'${1:"+yy+"}", detail, venueRank, protocol.CompletionItemKindConstant, rng, snippet))
		}
	}
	seen := map[string]bool{}
	for _, o := range env.Orgs.All() {
		seen[strings.ToLower(o.Name)] = true
		items = append(items, s.item(o.Name, o.Name, o.Name, "", o.Kind, orgRank, protocol.CompletionItemKindValue, rng, false))
	}
	for _, name := range majoritySpellings(sn, env) {
		if seen[strings.ToLower(name)] {
			continue
		}
		seen[strings.ToLower(name)] = true
		items = append(items, s.item(name, name, name, "", "used in this workspace", orgRank, protocol.CompletionItemKindValue, rng, false))
	}
	return protocol.CompletionList{Items: items}, nil
}

// item makes one completion item that replaces rng.
func (s *Server) item(label, filter, plain, snip, detail, rank string, kind protocol.CompletionItemKind, rng protocol.Range, snippet bool) protocol.CompletionItem {
	text, format := plain, protocol.InsertTextFormatPlainText
	if snippet && snip != "" {
		text, format = snip, protocol.InsertTextFormatSnippet
	}
	sortText := rank + strings.ToLower(filter)
	it := protocol.CompletionItem{Label: label, Kind: &kind, FilterText: &filter, SortText: &sortText,
		InsertTextFormat: &format, TextEdit: protocol.TextEdit{Range: rng, NewText: text}}
	if detail != "" {
		it.Detail = &detail
	}
	return it
}

// formerUntil is the last year a venue's former tag applies.
func formerUntil(v *venue.Venue, tag string) int {
	for _, fm := range v.Former {
		if fm.Tag == tag {
			return fm.Until
		}
	}
	return 0
}

// tagContext is where in an entry line the cursor is.
type tagContext struct {
	word       string // typed since the bracket or comma
	afterVenue bool   // a venue tag comes before on the line
}

// bracketContext reads the line up to the cursor: the cursor must be in
// an open bracket of an entry line (a heading, or a list item), after a
// title or at the tags that start a list entry.
func bracketContext(before []byte) (tagContext, bool) {
	var ctx tagContext
	t := bytes.TrimLeft(before, " \t")
	if !bytes.HasPrefix(t, []byte("#")) && !bytes.HasPrefix(t, []byte("- ")) && !bytes.HasPrefix(t, []byte("* ")) && !bytes.HasPrefix(t, []byte("+ ")) {
		return ctx, false
	}
	// Back from the cursor to the bracket: the word typed stops at a
	// comma ([BJTU,Baidu] names two organisations).
	word := -1
	for i := len(before); i > 0; {
		r, w := utf8.DecodeLastRune(before[:i])
		i -= w
		switch r {
		case ']', '】':
			return ctx, false
		case ',', '，':
			if word < 0 {
				word = i + w
			}
		case '[', '【':
			if word < 0 {
				word = i + w
			}
			inner := bytes.TrimLeft(before[word:], " ")
			if bytes.ContainsAny(inner, " \t") && !bytes.ContainsAny(inner, "'’") {
				// A space in a tag is rare ([NeurIPS 2022] is one); a
				// link's label ([Attention is all you need](...)) is the
				// common case.
				return ctx, false
			}
			ctx.word = string(inner)
			ctx.afterVenue = bytes.ContainsAny(before[:i], "'’")
			return ctx, true
		}
	}
	return ctx, false
}

// majoritySpellings are the organisation spellings the workspace's notes
// use most for each organisation the registry does not know (compared
// ignoring case), most used first.
func majoritySpellings(sn *snapshot, env *lint.Env) []string {
	type spelling struct {
		name  string
		count int
	}
	groups := map[string]map[string]int{}
	for _, f := range sn.order {
		if f.Notes == nil {
			continue
		}
		for _, p := range f.Notes.Papers {
			for _, o := range p.Orgs {
				if o.Name == "" {
					continue
				}
				if _, known := env.Orgs.Lookup(o.Name); known {
					continue
				}
				k := strings.ToLower(o.Name)
				if groups[k] == nil {
					groups[k] = map[string]int{}
				}
				groups[k][o.Name]++
			}
		}
	}
	var best []spelling
	for _, g := range groups {
		var b spelling
		total := 0
		for name, n := range g {
			total += n
			if n > b.count || n == b.count && name < b.name {
				b = spelling{name, n}
			}
		}
		b.count = total
		best = append(best, b)
	}
	sort.Slice(best, func(i, j int) bool {
		if best[i].count != best[j].count {
			return best[i].count > best[j].count
		}
		return best[i].name < best[j].name
	})
	out := make([]string, len(best))
	for i, b := range best {
		out[i] = b.name
	}
	return out
}
