package notes

import (
	"bytes"
	"strings"
	"unicode/utf8"
	"unsafe"
)

// Change says which part of a document Reparse parsed again: the bytes
// [Start, OldEnd) of the old source became [Start, NewEnd) of the new one;
// every entry, section, prose run and comment outside lies where it lay,
// shifted by NewEnd-OldEnd after the change. Whole is true when the whole
// file was parsed again.
type Change struct {
	Whole                 bool
	Start, OldEnd, NewEnd int
}

// Reparse returns the Document of src, which is old's source with the
// bytes [start, oldEnd) replaced by src[start:newEnd], parsing again only
// the entries around the change: from the entry heading before it to the
// entry heading after it, each preceded by a blank line and with no fence
// or HTML block left open by the change. An editor calls it after each
// keystroke; on a notes file of ten thousand papers it parses a few
// hundred bytes instead of megabytes.
//
// The result is the Document Parse would give (tests compare them on
// edits of generated and real files). What cannot be parsed in part is
// parsed whole, and Change.Whole says so: a change before the first entry
// heading, near a level-1 heading (which may title the file), in a file
// with link reference definitions (they apply to the whole file), with a
// line over a nesting limit (limit.go),
// invalid UTF-8, a BOM, front matter or a heading with no text.
//
// The strings of the entries parsed again are copies, not views of src:
// the other entries keep the strings of the document they came from, and
// a long editing session must not keep every version of a large file
// alive through one entry each.
func Reparse(old *Document, src []byte, start, oldEnd, newEnd int, opt Options) (*Document, Change) {
	whole := func() (*Document, Change) {
		return Parse(old.Path, src, opt), Change{Whole: true, Start: 0, OldEnd: len(old.Src), NewEnd: len(src)}
	}
	delta := newEnd - oldEnd
	if start < 0 || start > oldEnd || oldEnd > len(old.Src) || newEnd < start || len(src) != len(old.Src)+delta ||
		len(old.Problems) > 0 || len(old.Limits) > 0 || bytes.HasPrefix(src, []byte("\xef\xbb\xbf")) || frontMatterEnd(src, 0) > 0 || hasLinkDefinition(src) {
		return whole()
	}
	cuts := old.cuts
	if cuts == nil {
		cuts = cutPoints(old)
	}
	// a: the last cut whose heading line ends before the change, so that
	// the heading there, and all before it, read as they did.
	ai := -1
	for i, c := range cuts {
		if lineEnd(old.Src, c) >= start {
			break
		}
		ai = i
	}
	if ai < 0 {
		return whole()
	}
	a := cuts[ai]
	// b: the first cut after the change whose blank line before it the
	// change left alone, and at which, in the new text, no fence or HTML
	// block is open.
	sc := splitScanner{prevBlank: true}
	at := a
	bi := -1
	for i := ai + 1; i < len(cuts); i++ {
		c := cuts[i]
		if prevLineStart(old.Src, c) <= oldEnd {
			continue
		}
		at = sc.scan(src, at, c+delta)
		if sc.clean() {
			bi = i
			break
		}
	}
	b, nb := len(old.Src), len(src)
	if bi >= 0 {
		b, nb = cuts[bi], cuts[bi]+delta
	}
	if hasLevel1(old.Src[a:b]) || hasLevel1(src[a:nb]) || !utf8.Valid(src[a:nb]) || scanLimits(src, a, nb) != nil {
		return whole()
	}

	s := unsafe.String(unsafe.SliceData(src), len(src))
	root := parsePiece(mdNoDefs, src, a, nb, &pieceInfo{s: s, opt: opt})
	if nb < len(src) && openAtEnd(root, src, nb) {
		return whole() // the scanner's end fell inside a block goldmark kept open
	}
	part := &parseState{doc: &Document{Path: old.Path, Src: src}, src: src, s: s, opt: opt}
	part.walkTop(root)
	rd := part.doc
	// A heading with no text gets the span of the file's first line (see
	// heading), so its place cannot be told from its span: parse whole.
	if emptyHeading(old.Sections) || emptyHeading(rd.Sections) {
		return whole()
	}
	cloneStrings(rd)

	// The text outside [a, nb) is old's, and [a, nb) was checked above.
	doc := &Document{Path: old.Path, Src: src, ValidUTF8: old.ValidUTF8}
	shift := func(sp Span) Span {
		if sp.Start >= b {
			return Span{sp.Start + delta, sp.End + delta}
		}
		return sp
	}
	// Sections: those before, the new ones, those after shifted.
	var inEffect *Section // the section in effect at a
	secMap := map[*Section]*Section{}
	for _, sec := range old.Sections {
		if sec.Span.Start < a {
			doc.Sections = append(doc.Sections, sec)
			inEffect = sec
		}
	}
	for _, sec := range rd.Sections {
		sec.Index = len(doc.Sections)
		doc.Sections = append(doc.Sections, sec)
	}
	atEnd := inEffect // the section in effect at the end of the new part
	if n := len(rd.Sections); n > 0 {
		atEnd = rd.Sections[n-1]
	}
	for _, sec := range old.Sections {
		if sec.Span.Start >= b {
			c := *sec
			c.Span, c.TitleSpan, c.Index = shift(sec.Span), shift(sec.TitleSpan), len(doc.Sections)
			secMap[sec] = &c
			doc.Sections = append(doc.Sections, &c)
		}
	}
	// Papers likewise.
	for _, e := range old.Papers {
		if e.Span.Start < a {
			doc.Papers = append(doc.Papers, e)
		}
	}
	for _, e := range rd.Papers {
		if e.Section == nil {
			e.Section = inEffect
		}
		e.Index = len(doc.Papers)
		doc.Papers = append(doc.Papers, e)
	}
	texts := map[*Tag]*Tag{} // the copies of the venue texts, shared as in old
	for _, e := range old.Papers {
		if e.Span.Start >= b {
			doc.Papers = append(doc.Papers, shiftPaper(e, delta, len(doc.Papers), secMap, atEnd, texts))
		}
	}
	doc.Prose = splice(old.Prose, rd.Prose, a, b, delta)
	sortSpans(rd.Protected)
	doc.Protected = splice(old.Protected, rd.Protected, a, b, delta)
	for _, c := range old.Comments {
		if c.Span.Start < a {
			doc.Comments = append(doc.Comments, c)
		}
	}
	doc.Comments = append(doc.Comments, rd.Comments...)
	for _, c := range old.Comments {
		if c.Span.Start >= b {
			doc.Comments = append(doc.Comments, Comment{Span: shift(c.Span), Text: c.Text})
		}
	}
	doc.EntryLevel = entryLevel(doc.Papers)
	parenSections(doc)
	// The cuts: those before, the part's own, those after shifted.
	doc.cuts = append(doc.cuts, cuts[:ai+1]...)
	for _, c := range cutPoints(rd) {
		if c > a && c < nb {
			doc.cuts = append(doc.cuts, c)
		}
	}
	if bi >= 0 {
		for _, c := range cuts[bi:] {
			doc.cuts = append(doc.cuts, c+delta)
		}
	}
	return doc, Change{Start: a, OldEnd: b, NewEnd: nb}
}

// splice joins the spans of old before a, those of the new part, and those
// of old from b on, shifted by delta.
func splice(old, part []Span, a, b, delta int) []Span {
	out := make([]Span, 0, len(old)+len(part))
	for _, sp := range old {
		if sp.Start < a {
			out = append(out, sp)
		}
	}
	out = append(out, part...)
	for _, sp := range old {
		if sp.Start >= b {
			out = append(out, Span{sp.Start + delta, sp.End + delta})
		}
	}
	return out
}

// shiftPaper copies a paper that lies after the change, its spans moved by
// delta; its tags are copied too, so that Venue and Orgs point at the
// copies, and so is its VenueText, once for all the papers that share it
// (those under one group header): texts maps each to its copy.
// A paper under none of the sections after the change is under the
// section in effect at the end of the part, atEnd.
func shiftPaper(e *Paper, delta, index int, secMap map[*Section]*Section, atEnd *Section, texts map[*Tag]*Tag) *Paper {
	sh := func(sp Span) Span {
		if sp.IsZero() {
			return sp
		}
		return Span{sp.Start + delta, sp.End + delta}
	}
	c := *e
	c.Index = index
	c.Span, c.TitleSpan, c.AbbrevSpan, c.Gap = sh(e.Span), sh(e.TitleSpan), sh(e.AbbrevSpan), sh(e.Gap)
	c.Section = atEnd
	if s, ok := secMap[e.Section]; ok {
		c.Section = s
	}
	// nil stays nil: the copy must be what Parse makes.
	shTag := func(t *Tag) *Tag {
		tc := *t
		tc.Span, tc.Inner, tc.NameSpan, tc.SepSpan, tc.YearSpan, tc.RestSpan = sh(t.Span), sh(t.Inner), sh(t.NameSpan), sh(t.SepSpan), sh(t.YearSpan), sh(t.RestSpan)
		return &tc
	}
	tags := make(map[*Tag]*Tag, len(e.Tags))
	c.Tags = cloneLen(e.Tags)
	for i, t := range e.Tags {
		tags[t] = shTag(t)
		c.Tags[i] = tags[t]
	}
	if t := e.VenueText; t != nil {
		if texts[t] == nil {
			texts[t] = shTag(t)
		}
		c.VenueText = texts[t]
	}
	if e.Venue != nil {
		c.Venue = tags[e.Venue]
	}
	c.Orgs = cloneLen(e.Orgs)
	for i, o := range e.Orgs {
		c.Orgs[i] = Org{Name: o.Name, Span: sh(o.Span), Tag: tags[o.Tag]}
	}
	c.Notes = cloneLen(e.Notes)
	for i, sp := range e.Notes {
		c.Notes[i] = sh(sp)
	}
	c.Links = cloneLen(e.Links)
	for i, l := range e.Links {
		c.Links[i] = Link{Label: l.Label, URL: l.URL, Span: sh(l.Span), LabelSpan: sh(l.LabelSpan), URLSpan: sh(l.URLSpan)}
	}
	return &c
}

// emptyHeading reports whether one of secs has no text.
func emptyHeading(secs []*Section) bool {
	for _, sec := range secs {
		if sec.TitleSpan.Len() == 0 {
			return true
		}
	}
	return false
}

// cloneLen returns a new slice as long as s, nil when s is nil.
func cloneLen[T any](s []T) []T {
	if s == nil {
		return nil
	}
	return make([]T, len(s))
}

// cloneStrings gives the strings of a part parsed again memory of their
// own (see Reparse).
func cloneStrings(d *Document) {
	for _, sec := range d.Sections {
		sec.Title = strings.Clone(sec.Title)
	}
	for _, e := range d.Papers {
		e.Title, e.Abbrev = strings.Clone(e.Title), strings.Clone(e.Abbrev)
		for _, t := range e.Tags {
			t.Raw, t.Name, t.Sep, t.YearText, t.Rest = strings.Clone(t.Raw), strings.Clone(t.Name), strings.Clone(t.Sep), strings.Clone(t.YearText), strings.Clone(t.Rest)
		}
		for i := range e.Orgs {
			e.Orgs[i].Name = strings.Clone(e.Orgs[i].Name)
		}
		for i := range e.Links {
			e.Links[i].Label, e.Links[i].URL = strings.Clone(e.Links[i].Label), strings.Clone(e.Links[i].URL)
		}
	}
	for i := range d.Comments {
		d.Comments[i].Text = strings.Clone(d.Comments[i].Text)
	}
}

// cutPoints are the offsets at which a document may be parsed in part:
// the starts of entry heading lines in column 0 after a blank line. An
// entry heading closes the entry before it (a plain heading might be a
// sub-heading of its notes), and after a blank line no paragraph, list or
// quote goes on at column 0; fences and HTML blocks are checked by the
// scanner when the new text is read.
func cutPoints(d *Document) []int {
	cuts := []int{}
	for _, e := range d.Papers {
		if e.Form != HeadingForm {
			continue
		}
		ls := bytes.LastIndexByte(d.Src[:e.Span.Start], '\n') + 1
		if ls == 0 || d.Src[ls] != '#' {
			continue
		}
		if len(bytes.TrimSpace(d.Src[prevLineStart(d.Src, ls):ls])) == 0 {
			cuts = append(cuts, ls)
		}
	}
	return cuts
}

// lineEnd returns the offset of the newline ending the line at off, or
// len(src).
func lineEnd(src []byte, off int) int {
	if i := bytes.IndexByte(src[off:], '\n'); i >= 0 {
		return off + i
	}
	return len(src)
}

// prevLineStart returns the start of the line before the one starting at
// ls.
func prevLineStart(src []byte, ls int) int {
	if ls == 0 {
		return 0
	}
	return bytes.LastIndexByte(src[:ls-1], '\n') + 1
}

// hasLevel1 reports whether b holds a level-1 ATX heading line, which may
// title the whole file.
func hasLevel1(b []byte) bool {
	for off := 0; off < len(b); {
		end := nextLine(b, off)
		line := bytes.TrimLeft(bytes.TrimRight(b[off:end], "\r\n"), " ")
		if len(line) > 0 && line[0] == '#' && (len(line) == 1 || line[1] == ' ' || line[1] == '\t') {
			return true
		}
		off = end
	}
	return false
}

// entryLevel is the heading level most heading entries use (see
// Document.EntryLevel).
func entryLevel(papers []*Paper) int {
	levels := map[int]int{}
	for _, e := range papers {
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
	return best
}
