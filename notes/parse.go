package notes

import (
	"bytes"
	"fmt"
	"runtime"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"
	"unsafe"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"

	"github.com/paperlint/papers/internal/par"
)

// Options tune how entries are recognised.
type Options struct {
	// IsVenue reports whether a tag text without a year (`arXiv`, `TPAMI`)
	// names a known venue. Without it, only tags with a year are venues.
	IsVenue func(name string) bool
}

// md is shared: a goldmark parser is safe for concurrent use once built.
var md = goldmark.New(goldmark.WithExtensions(extension.Table, extension.Strikethrough))

// mdNoDefs is md without the step that looks for link reference
// definitions at the start of every paragraph: a file without any (most
// notes files; hasLinkDefinition says) gives the same document, faster.
// It also keeps plain entry headings and plain list item paragraphs raw,
// out of goldmark's inline parsing (see raw.go).
var mdNoDefs = goldmark.New(
	goldmark.WithParser(parser.NewParser(
		parser.WithBlockParsers(withRawEntries(parser.DefaultBlockParsers())...),
		parser.WithInlineParsers(parser.DefaultInlineParsers()...),
	)),
	goldmark.WithExtensions(extension.Table, extension.Strikethrough),
)

// Parse reads src as a notes file. It never fails: what cannot be read as
// written is listed in Document.Problems and parsing goes on. The Document
// refers to src (its strings share src's memory): src must not be modified
// afterwards.
func Parse(path string, src []byte, opt Options) *Document {
	return parse(path, src, opt, pieceCount(len(src), runtime.GOMAXPROCS(0)))
}

func parse(path string, src []byte, opt Options, pieces int) *Document {
	return parseWith(path, src, opt, pieces, mdNoDefs)
}

// parseWith parses with noDefs for a file without link reference
// definitions (tests pass a parser that keeps no entry raw), md otherwise.
func parseWith(path string, src []byte, opt Options, pieces int, noDefs goldmark.Markdown) *Document {
	doc := &Document{Path: path, Src: src}
	// The parser reads src as a string without copying it (a notes file
	// may be tens of megabytes): the Document keeps src and is only valid
	// as long as src is not modified, which Parse's doc comment asks.
	s := ""
	if len(src) > 0 {
		s = unsafe.String(&src[0], len(src))
	}
	p := &parseState{doc: doc, src: src, s: s, opt: opt}

	// goldmark sees a copy in which the BOM and front matter are blanked
	// (same length, newlines kept), so every offset it reports is an offset
	// of the user's file.
	parseSrc := src
	skip := 0
	if bytes.HasPrefix(src, []byte("\xef\xbb\xbf")) {
		skip = 3
	}
	if fm := frontMatterEnd(src, skip); fm > 0 || skip > 0 {
		parseSrc = append([]byte(nil), src...)
		end := skip
		if fm > 0 {
			end = fm
			doc.Protected = append(doc.Protected, Span{skip, fm})
		}
		for i := 0; i < end; i++ {
			if parseSrc[i] != '\n' && parseSrc[i] != '\r' {
				parseSrc[i] = ' '
			}
		}
	}
	// The UTF-8 check reads the whole file: it runs beside goldmark. A large
	// file is parsed in pieces, each walked as soon as goldmark is done with
	// it, so that only a few pieces' syntax trees are alive at once (a tree
	// is about five times the size of its text: keeping a 78 MB file's tree
	// whole gave the garbage collector 400 MB more to mark, again and again).
	var parts []*parseState
	par.Do(2, 0, func(i int) {
		if i == 0 {
			p.checkUTF8()
			return
		}
		// A definition applies to the whole file: such a file is parsed
		// in one piece, by the parser that reads definitions.
		mdFor := noDefs
		if hasLinkDefinition(parseSrc) {
			mdFor, pieces = md, 1
		}
		cuts := splitPoints(parseSrc, pieces)
		parts = make([]*parseState, len(cuts)-1)
		par.Do(len(parts), runtime.GOMAXPROCS(0), func(k int) {
			root := parsePiece(mdFor, parseSrc, cuts[k], cuts[k+1], &pieceInfo{s: s, opt: opt})
			parts[k] = &parseState{doc: &Document{Path: path, Src: src}, src: src, s: s, opt: opt}
			parts[k].walkTop(root)
		})
	})
	p.join(parts)
	p.finish()
	return doc
}

// join appends the pieces' documents to p's in order. A piece starts at a
// heading, so no entry or prose run straddles two pieces; the papers at the
// top of a piece, before its first section heading, belong to the section
// in effect at the end of the pieces before it.
func (p *parseState) join(parts []*parseState) {
	doc := p.doc
	title := fileTitle(parts)
	// section is the section in effect after the pieces joined so far;
	// beforeTitle the one in effect where the title heading stands.
	var section, beforeTitle *Section
	for _, part := range parts {
		pd := part.doc
		atStart := section
		for _, sec := range pd.Sections {
			if sec == title {
				beforeTitle = section
				continue
			}
			sec.Index = len(doc.Sections)
			doc.Sections = append(doc.Sections, sec)
			section = sec
		}
		for _, e := range pd.Papers {
			if e.Section == nil {
				e.Section = atStart
			}
			if title != nil && e.Section == title {
				e.Section = beforeTitle
			}
			e.Index = len(doc.Papers)
			doc.Papers = append(doc.Papers, e)
		}
		doc.Prose = append(doc.Prose, pd.Prose...)
		doc.Protected = append(doc.Protected, pd.Protected...)
		doc.Comments = append(doc.Comments, pd.Comments...)
	}
}

// fileTitle returns the heading that titles the whole file: the only
// level-1 heading that is not an entry, when there is exactly one. The
// pieces' walks made every such heading a section (only a top-level
// heading that is no entry makes a section, and a level-1 heading is never
// a sub-heading of an entry's notes).
func fileTitle(parts []*parseState) *Section {
	var title *Section
	for _, part := range parts {
		for _, sec := range part.doc.Sections {
			if sec.Level != 1 {
				continue
			}
			if title != nil {
				return nil
			}
			title = sec
		}
	}
	return title
}

// frontMatterEnd returns the offset just past a YAML front matter block
// (`---` ... `---` at the start of the file), or 0.
func frontMatterEnd(src []byte, from int) int {
	rest := src[from:]
	if !bytes.HasPrefix(rest, []byte("---\n")) && !bytes.HasPrefix(rest, []byte("---\r\n")) {
		return 0
	}
	i := bytes.IndexByte(rest, '\n') + 1
	for i < len(rest) {
		j := bytes.IndexByte(rest[i:], '\n')
		line := rest[i:]
		if j >= 0 {
			line = rest[i : i+j]
		}
		line = bytes.TrimRight(line, "\r")
		if string(line) == "---" || string(line) == "..." {
			if j < 0 {
				return len(src)
			}
			return from + i + j + 1
		}
		if j < 0 {
			break
		}
		i += j + 1
	}
	return 0
}

type parseState struct {
	doc *Document
	src []byte
	s   string
	opt Options

	section    *Section
	openEntry  *Paper // heading entry whose notes are being collected
	entryLines []Span // entry lines: never prose
}

func (p *parseState) checkUTF8() {
	if utf8.Valid(p.src) {
		return
	}
	const maxReported = 20
	n := 0
	for i := 0; i < len(p.src); {
		r, w := utf8.DecodeRune(p.src[i:])
		if r == utf8.RuneError && w == 1 {
			if n < maxReported {
				p.doc.Problems = append(p.doc.Problems, Problem{
					Span:    Span{i, i + 1},
					Message: fmt.Sprintf("invalid UTF-8 byte 0x%02X; the file must be UTF-8", p.src[i]),
				})
			}
			n++
		}
		i += w
	}
	if n > maxReported {
		p.doc.Problems = append(p.doc.Problems, Problem{
			Span:    p.doc.Problems[maxReported-1].Span,
			Message: fmt.Sprintf("%d more invalid UTF-8 bytes not listed", n-maxReported),
		})
	}
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
				p.list(b)
			}
		default:
			if p.openEntry != nil {
				if sp := blockSpan(n, p.s); sp.Len() > 0 {
					p.openEntry.Notes = append(p.openEntry.Notes, sp)
				}
				p.collectLinks(n, p.openEntry)
			}
		}
		p.collectInline(n)
	}
}

func headingText(h *ast.Heading) Span {
	if h.Lines().Len() == 0 {
		return Span{}
	}
	seg := h.Lines().At(0)
	last := h.Lines().At(h.Lines().Len() - 1)
	return Span{seg.Start, last.Stop}
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
	p.entryLines = append(p.entryLines, e.Span)
}

// list looks for list-item entries, recursing into nested lists of items that
// are not entries themselves (`- Detection` / `  - [CVPR'20] ...`).
func (p *parseState) list(l *ast.List) {
	for it := l.FirstChild(); it != nil; it = it.NextSibling() {
		first := it.FirstChild()
		if first == nil || first.Lines().Len() == 0 {
			continue
		}
		seg := first.Lines().At(0)
		line := Span{seg.Start, trimRightSpace(p.s, seg.Start, seg.Stop)}
		if e := listEntry(p.s, line, p.opt); e != nil {
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
		for c := it.FirstChild(); c != nil; c = c.NextSibling() {
			if sub, ok := c.(*ast.List); ok {
				p.list(sub)
			}
		}
	}
}

// headingEntry reads a heading as an entry, or returns nil when it is a
// section heading (no tags).
func headingEntry(h *ast.Heading, s string, opt Options) *Paper {
	ts := headingText(h)
	if ts.Len() == 0 {
		return nil
	}
	ts.End = trimRightSpace(s, ts.Start, ts.End)
	e := parseEntryLine(s, ts, opt, false)
	if e == nil {
		return nil
	}
	e.Form = HeadingForm
	return e
}

// listEntry reads a list item's first line as an entry, or returns nil. A
// list item is an entry only when it starts with a venue tag, or ends with
// tags one of which carries a year: ordinary notes such as
// `- 见[MS-TCT](MSTCT.md)` must not become papers.
func listEntry(s string, line Span, opt Options) *Paper {
	e := parseEntryLine(s, line, opt, true)
	if e == nil {
		return nil
	}
	e.Form = ListForm
	return e
}

// parseEntryLine reads `Title[VENUE'YY][Org]`, `[VENUE'YY][Org] Title` or
// `[VENUE'YY] [Title](url)` from s[line]. In strict mode (list items) the
// entry needs a venue tag with a year or a known venue.
func parseEntryLine(s string, line Span, opt Options, strict bool) *Paper {
	e := &Paper{Span: line}
	start, end := line.Start, line.End

	// Leading tags: `[CCS'17] Title`, `- [OSDI'18][MSRA] [Title](url)`.
	i := start
	var lead []*Tag
	for i < end {
		if s[i] != '[' && !strings.HasPrefix(s[i:end], "【") {
			break
		}
		te, kind := findTagEnd(s[:end], i)
		if te < 0 {
			break
		}
		// `[label](url)` and `[label][ref]` at the start are links, not tags,
		// unless the bracket group reads as a venue.
		if kind == ASCIIBrackets && te < end && s[te] == '(' {
			break
		}
		t := newTag(s, i, te, kind)
		if len(lead) == 0 && !looksLikeVenue(t, opt) {
			break
		}
		lead = append(lead, t)
		i = te
		for i < end && (s[i] == ' ' || s[i] == '\t') {
			i++
		}
	}
	if len(lead) > 0 {
		e.TagsFirst = true
		e.Tags = lead
		titleSpan := Span{i, end}
		e.setTitle(s, titleSpan)
		e.classifyTags(opt)
		return e
	}

	// Trailing tags: `Title[VENUE'YY][Org]`.
	j := end
	var trail []*Tag
	for j > start {
		k := j
		for k > start && (s[k-1] == ' ' || s[k-1] == '\t') {
			k--
		}
		ts, kind := findTagStart(s[:k], k)
		if ts < start {
			break
		}
		// `[text](url)` is a link; a tag directly followed by `(` never is.
		trail = append(trail, newTag(s, ts, k, kind)) // right to left
		j = ts
	}
	if len(trail) == 0 {
		return nil
	}
	slices.Reverse(trail)
	if strict {
		ok := false
		for _, t := range trail {
			if t.HasYear() && t.Name != "" {
				ok = true
			}
		}
		if !ok {
			return nil
		}
	}
	e.Tags = trail
	titleEnd := j
	k := titleEnd
	for k > start && (s[k-1] == ' ' || s[k-1] == '\t') {
		k--
	}
	if k < titleEnd {
		e.Gap = Span{k, titleEnd}
	}
	e.setTitle(s, Span{start, k})
	e.classifyTags(opt)
	return e
}

// looksLikeVenue reports whether a tag at the start of an entry is a venue:
// it has a name and a year, or its text is a known venue.
func looksLikeVenue(t *Tag, opt Options) bool {
	if t.Name == "" {
		return false
	}
	if t.HasYear() {
		return true
	}
	return opt.IsVenue != nil && opt.IsVenue(strings.TrimSpace(t.Raw))
}

// classifyTags picks the venue tag (the first with a year, else the first
// known venue) and reads the others as organisations.
func (e *Paper) classifyTags(opt Options) {
	var venue *Tag
	for _, t := range e.Tags {
		if t.Name != "" && t.HasYear() {
			venue = t
			break
		}
	}
	if venue == nil && opt.IsVenue != nil {
		for _, t := range e.Tags {
			if opt.IsVenue(strings.TrimSpace(t.Raw)) {
				venue = t
				break
			}
		}
	}
	if venue != nil {
		venue.IsVenue = true
		e.Venue = venue
	}
	for _, t := range e.Tags {
		if t != venue {
			e.Orgs = append(e.Orgs, splitOrgs(t)...)
		}
	}
}

// setTitle records the title, unwrapping a link (`[Title](url)`) or emphasis
// (`**Title**`) and splitting off a trailing abbreviation `(DIN)`.
func (e *Paper) setTitle(s string, sp Span) {
	sp = trimSpan(s, sp)
	// `[Title](url)`
	if sp.Len() > 1 && s[sp.Start] == '[' {
		if k := strings.Index(s[sp.Start:sp.End], "]("); k > 0 {
			inner := Span{sp.Start + 1, sp.Start + k}
			close := strings.LastIndexByte(s[sp.Start:sp.End], ')')
			if close > k {
				e.Links = append(e.Links, Link{
					Label:     s[inner.Start:inner.End],
					URL:       strings.Trim(s[sp.Start+k+2:sp.Start+close], "<> "),
					Span:      Span{sp.Start, sp.Start + close + 1},
					LabelSpan: inner,
					URLSpan:   Span{sp.Start + k + 2, sp.Start + close},
				})
				sp = trimSpan(s, inner)
			}
		}
	}
	for _, mark := range []string{"**", "__", "*", "_"} {
		if sp.Len() > 2*len(mark) && strings.HasPrefix(s[sp.Start:sp.End], mark) && strings.HasSuffix(s[sp.Start:sp.End], mark) {
			sp = trimSpan(s, Span{sp.Start + len(mark), sp.End - len(mark)})
			break
		}
	}
	// Trailing `(ABBR)`: short, no spaces, at the very end of the title.
	if sp.Len() > 2 && s[sp.End-1] == ')' {
		if open := strings.LastIndexByte(s[sp.Start:sp.End], '('); open > 0 {
			inner := s[sp.Start+open+1 : sp.End-1]
			if inner != "" && len(inner) <= 24 && !strings.ContainsAny(inner, " \t") {
				e.Abbrev = inner
				e.AbbrevSpan = Span{sp.Start + open, sp.End}
				sp = trimSpan(s, Span{sp.Start, sp.Start + open})
			}
		}
	}
	e.TitleSpan = sp
	e.Title = s[sp.Start:sp.End]
}

func trimSpan(s string, sp Span) Span {
	for sp.Start < sp.End && (s[sp.Start] == ' ' || s[sp.Start] == '\t') {
		sp.Start++
	}
	sp.End = trimRightSpace(s, sp.Start, sp.End)
	return sp
}

func trimRightSpace(s string, start, end int) int {
	for end > start && (s[end-1] == ' ' || s[end-1] == '\t' || s[end-1] == '\r' || s[end-1] == '\n') {
		end--
	}
	return end
}

// lineSpan returns the line that contains off, without its line ending.
func lineSpan(s string, off int) Span {
	a := strings.LastIndexByte(s[:off], '\n') + 1
	b := strings.IndexByte(s[off:], '\n')
	if b < 0 {
		b = len(s)
	} else {
		b += off
	}
	return Span{a, trimRightSpace(s, a, b)}
}

// blockSpan is the source range a block covers: from the first non-space
// byte of its first line (a list marker included) to the end of its last
// content.
func blockSpan(n ast.Node, s string) Span {
	lo, hi := -1, -1
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		if c.Type() == ast.TypeBlock {
			lines := c.Lines()
			for i := 0; i < lines.Len(); i++ {
				seg := lines.At(i)
				if lo < 0 || seg.Start < lo {
					lo = seg.Start
				}
				if seg.Stop > hi {
					hi = seg.Stop
				}
			}
		}
		return ast.WalkContinue, nil
	})
	if lo < 0 {
		return Span{}
	}
	if _, ok := n.(*ast.ListItem); ok {
		ls := strings.LastIndexByte(s[:lo], '\n') + 1
		for ls < lo && (s[ls] == ' ' || s[ls] == '\t') {
			ls++
		}
		lo = ls
	}
	return Span{lo, trimRightSpace(s, lo, hi)}
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

// linkSpans finds a link's source extent, which goldmark does not record for
// inline containers: from the `[` before the first label text to the `)` or
// `]` that closes the destination or reference.
func linkSpans(l *ast.Link, s string) (whole, label, dest Span) {
	lo, hi := textExtent(l)
	if lo < 0 {
		return
	}
	open := strings.LastIndexByte(s[:lo], '[')
	if open < 0 {
		return
	}
	closeLabel := strings.IndexByte(s[hi:], ']')
	if closeLabel < 0 {
		return
	}
	closeLabel += hi
	label = Span{open + 1, closeLabel}
	i := closeLabel + 1
	if i < len(s) && s[i] == '(' {
		depth := 0
		for j := i; j < len(s); j++ {
			switch s[j] {
			case '(':
				depth++
			case ')':
				depth--
				if depth == 0 {
					return Span{open, j + 1}, label, Span{i + 1, j}
				}
			case '\n':
				if j+1 < len(s) && s[j+1] == '\n' {
					return Span{open, closeLabel + 1}, label, Span{}
				}
			}
		}
	}
	if i < len(s) && s[i] == '[' {
		if k := strings.IndexByte(s[i:], ']'); k >= 0 {
			return Span{open, i + k + 1}, label, Span{i + 1, i + k}
		}
	}
	return Span{open, closeLabel + 1}, label, Span{}
}

// textExtent returns the smallest and largest offsets of the text under n.
func textExtent(n ast.Node) (lo, hi int) {
	lo, hi = -1, -1
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := c.(*ast.Text); ok && entering {
			if lo < 0 || t.Segment.Start < lo {
				lo = t.Segment.Start
			}
			if t.Segment.Stop > hi {
				hi = t.Segment.Stop
			}
		}
		return ast.WalkContinue, nil
	})
	return lo, hi
}

// autoLinkSpan locates `<https://...>` or a bare URL from the label bytes,
// which goldmark slices out of the source.
func autoLinkSpan(l *ast.AutoLink, src []byte) Span {
	label := l.Label(src)
	if len(label) == 0 || cap(label) > cap(src) {
		return Span{}
	}
	start := cap(src) - cap(label)
	if start < 0 || start+len(label) > len(src) {
		return Span{}
	}
	sp := Span{start, start + len(label)}
	if sp.Start > 0 && src[sp.Start-1] == '<' && sp.End < len(src) && src[sp.End] == '>' {
		sp = Span{sp.Start - 1, sp.End + 1}
	}
	return sp
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
			if sp.Len() > 0 {
				p.doc.Protected = append(p.doc.Protected, sp)
				p.addComments(sp)
			}
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
			if whole, _, dest := linkSpans(b, p.s); whole.Len() > 0 {
				if dest.Len() > 0 {
					p.doc.Protected = append(p.doc.Protected, Span{dest.Start - 1, dest.End + 1})
				}
			}
			// Link labels are often titles or file names: not prose.
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

func blockLines(n ast.Node) Span {
	lines := n.Lines()
	if lines.Len() == 0 {
		return Span{}
	}
	return Span{lines.At(0).Start, lines.At(lines.Len() - 1).Stop}
}

// codeBlockSpan covers a code block's lines, fences included.
func codeBlockSpan(n ast.Node, s string) Span {
	sp := blockLines(n)
	if f, ok := n.(*ast.FencedCodeBlock); ok {
		// The opening fence line precedes the first content line (or the
		// info string when the block is empty).
		at := sp.Start
		if f.Info != nil {
			at = f.Info.Segment.Start
		}
		if sp.Len() == 0 && f.Info == nil {
			return Span{}
		}
		open := lineSpan(s, at)
		if f.Info == nil && at > 0 {
			open = lineSpan(s, at-1)
		}
		sp.Start = open.Start
		// The closing fence, when present, is the line after the content.
		if sp.End < len(s) {
			next := lineSpan(s, min(sp.End+1, len(s)-1))
			if t := strings.TrimSpace(s[next.Start:next.End]); strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~") {
				sp.End = next.End
			}
		}
	}
	return Span{sp.Start, trimRightSpace(s, sp.Start, sp.End)}
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

func (p *parseState) finish() {
	levels := map[int]int{}
	for _, e := range p.doc.Papers {
		if e.Form == HeadingForm {
			levels[e.Level]++
		}
	}
	best, bestN := 0, 0
	for l, n := range levels {
		if n > bestN || n == bestN && l < best {
			best, bestN = l, n
		}
	}
	p.doc.EntryLevel = best
	sort.Slice(p.doc.Protected, func(i, j int) bool { return p.doc.Protected[i].Start < p.doc.Protected[j].Start })
}

// IsProtected reports whether sp overlaps a span no fix may touch.
func (d *Document) IsProtected(sp Span) bool {
	pr := d.Protected
	i := sort.Search(len(pr), func(i int) bool { return pr[i].End > sp.Start })
	for ; i < len(pr) && pr[i].Start < sp.End+1; i++ {
		// An insertion right before or after a protected span (a space
		// before inline code) leaves it intact; only one inside it does not.
		if pr[i].Overlaps(sp) || sp.Len() == 0 && sp.Start > pr[i].Start && sp.Start < pr[i].End {
			return true
		}
	}
	return false
}
