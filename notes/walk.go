package notes

import (
	"regexp"
	"sort"
	"strings"

	"github.com/yuin/goldmark/ast"
)

type parseState struct {
	doc *Document
	src []byte
	s   string
	opt Options

	section    *Section
	openEntry  *Paper // heading entry whose notes are being collected
	entryLines []Span // entry lines: never prose
}

// walkTop visits the document's top-level blocks in order, deciding which
// headings and list items are entries and which blocks are their notes.
func (p *parseState) walkTop(root ast.Node) {
	for n := root.FirstChild(); n != nil; n = n.NextSibling() {
		switch b := n.(type) {
		case *ast.Heading:
			p.heading(b)
		case *entryHeading:
			p.rawEntry(b)
		case *ast.List:
			if p.openEntry != nil {
				for it := b.FirstChild(); it != nil; it = it.NextSibling() {
					p.openEntry.Notes = append(p.openEntry.Notes, blockSpan(it, p.s))
				}
				p.collectLinks(b, p.openEntry)
			} else {
				p.list(b, nil)
			}
		case *ast.Paragraph:
			if p.openEntry == nil {
				if e := paragraphEntry(b, p.s, p.opt); e != nil {
					e.Section = p.section
					p.addPaper(e)
					p.collectLinks(b, e)
					break
				}
			}
			p.notes(n)
		default:
			p.notes(n)
		}
		p.collectInline(n)
	}
}

// notes adds block n to the notes of the open heading entry, if any.
func (p *parseState) notes(n ast.Node) {
	if p.openEntry != nil {
		if sp := blockSpan(n, p.s); sp.Len() > 0 {
			p.openEntry.Notes = append(p.openEntry.Notes, sp)
		}
		p.collectLinks(n, p.openEntry)
	}
}

func (p *parseState) heading(h *ast.Heading) {
	// A plain heading below an entry heading's level (`#### 细节` under
	// `### Title[...]`) structures that paper's notes; it is no section.
	if e := p.openEntry; e != nil && h.Level > e.Level && headingEntry(h, p.s, p.opt) == nil {
		e.Notes = append(e.Notes, lineSpan(p.s, headingText(h).Start))
		return
	}
	p.openEntry = nil
	if e := headingEntry(h, p.s, p.opt); e != nil {
		e.Level = h.Level
		e.Section = p.section
		p.addPaper(e)
		p.openEntry = e
		return
	}
	ts := headingText(h)
	sec := &Section{
		Title:     p.s[ts.Start:ts.End],
		Level:     h.Level,
		Span:      lineSpan(p.s, ts.Start),
		TitleSpan: ts,
		Index:     len(p.doc.Sections),
	}
	p.doc.Sections = append(p.doc.Sections, sec)
	p.section = sec
}

// rawEntry adds the entry of a raw entry heading, as heading does for an
// entry.
func (p *parseState) rawEntry(h *entryHeading) {
	e := h.paper
	e.Level = h.Level
	e.Section = p.section
	p.addPaper(e)
	p.openEntry = e
}

func (p *parseState) addPaper(e *Paper) {
	e.Index = len(p.doc.Papers)
	p.doc.Papers = append(p.doc.Papers, e)
	p.entryLines = append(p.entryLines, e.ownSpan())
	if rest := (Span{e.ownSpan().End, e.Span.End}); rest.Len() > 0 && strings.TrimSpace(p.s[rest.Start:rest.End]) != "" {
		// Text after a linked title (`- [EMNLP'18] [Title](url). Chua团队`)
		// is the entry's notes, checked like any other.
		e.Notes = append(e.Notes, rest)
	}
}

// list looks for list-item entries, recursing into nested lists of items that
// are not entries themselves (`- Detection` / `  - [CVPR'20] ...`). group is
// the venue named by the bold header item the list is nested in
// (`- **CCS 2024**`), or nil: under it, an item that is a link
// (`  - [Title](url)`) is an entry of that venue.
func (p *parseState) list(l *ast.List, group *Tag) {
	for it := l.FirstChild(); it != nil; it = it.NextSibling() {
		first := it.FirstChild()
		if first == nil || first.Lines().Len() == 0 {
			continue
		}
		seg := first.Lines().At(0)
		line := Span{seg.Start, trimRightSpace(p.s, seg.Start, seg.Stop)}
		e := listEntry(p.s, line, p.opt)
		if e == nil && group != nil && first.Lines().Len() == 1 {
			e = groupEntry(p.s, line, group)
		}
		if e != nil {
			e.Section = p.section
			p.addPaper(e)
			// The rest of the first paragraph and the item's other blocks are
			// the paper's notes.
			if first.Lines().Len() > 1 {
				rest := first.Lines().At(1)
				lastSeg := first.Lines().At(first.Lines().Len() - 1)
				e.Notes = append(e.Notes, Span{rest.Start, lastSeg.Stop})
			}
			for c := first.NextSibling(); c != nil; c = c.NextSibling() {
				if sub, ok := c.(*ast.List); ok {
					for si := sub.FirstChild(); si != nil; si = si.NextSibling() {
						e.Notes = append(e.Notes, blockSpan(si, p.s))
					}
				} else {
					e.Notes = append(e.Notes, blockSpan(c, p.s))
				}
			}
			p.collectLinks(it, e)
			continue
		}
		var sub *Tag
		if first.Lines().Len() == 1 {
			sub = groupHeader(p.s, line, p.opt)
		}
		for c := it.FirstChild(); c != nil; c = c.NextSibling() {
			if l, ok := c.(*ast.List); ok {
				p.list(l, sub)
			}
		}
	}
}

// collectLinks adds the links found in n to e.
func (p *parseState) collectLinks(n ast.Node, e *Paper) {
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch l := c.(type) {
		case *ast.Link:
			if sp, label, dest := linkSpans(l, p.s); sp.Len() > 0 {
				e.Links = append(e.Links, Link{
					Label: p.s[label.Start:label.End], URL: string(l.Destination),
					Span: sp, LabelSpan: label, URLSpan: dest,
				})
			}
			return ast.WalkSkipChildren, nil
		case *ast.AutoLink:
			if sp := autoLinkSpan(l, p.src); sp.Len() > 0 {
				url := string(l.URL(p.src))
				e.Links = append(e.Links, Link{Label: url, URL: url, Span: sp, LabelSpan: sp, URLSpan: sp})
			}
		}
		return ast.WalkContinue, nil
	})
}

// collectInline gathers prose runs, protected spans and comments of one
// top-level block.
func (p *parseState) collectInline(n ast.Node) {
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch b := c.(type) {
		case *ast.FencedCodeBlock, *ast.CodeBlock:
			if sp := codeBlockSpan(c, p.s); sp.Len() > 0 {
				p.doc.Protected = append(p.doc.Protected, sp)
			}
			return ast.WalkSkipChildren, nil
		case *ast.HTMLBlock:
			sp := blockLines(c)
			if b.HasClosure() {
				cl := b.ClosureLine
				if cl.Stop > sp.End {
					sp.End = cl.Stop
				}
			}
			sp.End = trimRightSpace(p.s, sp.Start, sp.End)
			if sp.Len() == 0 {
				return ast.WalkSkipChildren, nil
			}
			if m := simpleHTML.FindStringSubmatchIndex(p.s[sp.Start:sp.End]); m != nil && m[5] > m[4] {
				// `<h2>什么是推荐系统?</h2>`: the tags are protected, the
				// text between them is a label the CJK rules read.
				p.doc.Protected = append(p.doc.Protected, Span{sp.Start, sp.Start + m[4]}, Span{sp.Start + m[5], sp.End})
				p.doc.Labels = append(p.doc.Labels, Span{sp.Start + m[4], sp.Start + m[5]})
				return ast.WalkSkipChildren, nil
			}
			p.doc.Protected = append(p.doc.Protected, sp)
			p.addComments(sp)
			return ast.WalkSkipChildren, nil
		case *ast.RawHTML:
			if b.Segments.Len() > 0 {
				sp := Span{b.Segments.At(0).Start, b.Segments.At(b.Segments.Len() - 1).Stop}
				p.doc.Protected = append(p.doc.Protected, sp)
				p.addComments(sp)
			}
			return ast.WalkSkipChildren, nil
		case *ast.CodeSpan:
			if lo, hi := textExtent(c); lo >= 0 {
				for lo > 0 && p.s[lo-1] == '`' {
					lo--
				}
				for hi < len(p.s) && p.s[hi] == '`' {
					hi++
				}
				p.doc.Protected = append(p.doc.Protected, Span{lo, hi})
			}
			return ast.WalkSkipChildren, nil
		case *ast.Link:
			if whole, label, dest := linkSpans(b, p.s); whole.Len() > 0 {
				if dest.Len() > 0 {
					p.doc.Protected = append(p.doc.Protected, Span{dest.Start - 1, dest.End + 1})
				}
				// Link labels are often titles or file names: not prose,
				// but labels, which the CJK rules may check. A label with
				// markup inside (code, images) is left alone.
				if label.Len() > 0 && !p.inEntryLine(label.Start) && b.ChildCount() == 1 && b.FirstChild().Kind() == ast.KindText {
					p.doc.Labels = append(p.doc.Labels, label)
				}
			}
			return ast.WalkSkipChildren, nil
		case *ast.Image:
			if lo, hi := textExtent(c); lo >= 0 {
				p.doc.Protected = append(p.doc.Protected, Span{lo, hi})
			}
			return ast.WalkSkipChildren, nil
		case *ast.AutoLink:
			if sp := autoLinkSpan(b, p.src); sp.Len() > 0 {
				p.doc.Protected = append(p.doc.Protected, sp)
			}
			return ast.WalkSkipChildren, nil
		case *ast.Text:
			seg := b.Segment
			if seg.Len() > 0 && !p.inEntryLine(seg.Start) {
				p.addProse(Span{seg.Start, seg.Stop})
			}
		case *rawText:
			for i := 0; i < b.Lines().Len(); i++ {
				if sp := rawTextProse(b.Lines().At(i), p.s); sp.Len() > 0 && !p.inEntryLine(sp.Start) {
					p.addProse(sp)
				}
			}
		}
		return ast.WalkContinue, nil
	})
}

func (p *parseState) addComments(sp Span) {
	s := p.s[sp.Start:sp.End]
	off := 0
	for {
		i := strings.Index(s[off:], "<!--")
		if i < 0 {
			return
		}
		i += off
		j := strings.Index(s[i+4:], "-->")
		if j < 0 {
			return
		}
		j += i + 4
		p.doc.Comments = append(p.doc.Comments, Comment{
			Span: Span{sp.Start + i, sp.Start + j + 3},
			Text: strings.TrimSpace(s[i+4 : j]),
		})
		off = j + 3
	}
}

func (p *parseState) inEntryLine(off int) bool {
	// Entry lines are appended in source order: binary search.
	el := p.entryLines
	i := sort.Search(len(el), func(i int) bool { return el[i].End > off })
	return i < len(el) && el[i].Contains(off)
}

// addProse appends a run, merging it with the previous one when they touch.
func (p *parseState) addProse(sp Span) {
	if n := len(p.doc.Prose); n > 0 && p.doc.Prose[n-1].End == sp.Start {
		p.doc.Prose[n-1].End = sp.End
		return
	}
	p.doc.Prose = append(p.doc.Prose, sp)
}

// simpleHTML is a one-line HTML element with text only between its tags:
// group 1 the tag name, group 2 the text.
var simpleHTML = regexp.MustCompile(`^<(h[1-6]|p|div|span|b|strong|em|i|summary|td|th|li|center)(?:\s[^<>]*)?>([^<>]*)</(?:h[1-6]|p|div|span|b|strong|em|i|summary|td|th|li|center)>$`)
