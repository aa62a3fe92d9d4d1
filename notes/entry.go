package notes

import (
	"slices"
	"strings"
	"unicode"

	"github.com/yuin/goldmark/ast"
)

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
		e = parenEntry(s, ts, opt)
	}
	if e == nil {
		return nil
	}
	e.Form = HeadingForm
	return e
}

// parenEntry reads a heading whose text is a title followed by the venue and
// year in parentheses, and optionally by HTML anchors:
//
//	### JIT-Picking: Differential Fuzzing of JavaScript Engines (CCS 2022)<a name="jit-picking"></a>
//
// The venue must be a known one (Options.IsVenue) with a two- or
// four-digit year and nothing else, and the title read as one (two
// words or more, no HTML), so that a topic heading ending in parentheses
// (`## Fuzzing (2020 survey)`, `### Tools (open source)`) stays a section.
// The venue is kept in VenueText, as a group header's is: it is not a tag.
func parenEntry(s string, line Span, opt Options) *Paper {
	if opt.IsVenue == nil {
		return nil
	}
	end := trailingAnchors(s, line)
	if end <= line.Start || s[end-1] != ')' {
		return nil
	}
	open := strings.LastIndexByte(s[line.Start:end-1], '(')
	if open < 0 {
		return nil
	}
	open += line.Start
	in := trimSpan(s, Span{open + 1, end - 1})
	v := textTag(s, in.Start, in.End, opt)
	if v == nil || v.Name == "" || strings.TrimSpace(v.Rest) != "" || !opt.IsVenue(v.Name) {
		return nil
	}
	// Two words will do beside a known venue and year (`Parser-Directed
	// Fuzzing (PLDI 2019)`); one word is a topic (`Fuzzing (CCS 2020)`).
	title := trimSpan(s, Span{line.Start, open})
	if words := strings.Fields(s[title.Start:title.End]); len(words) < 2 || strings.ContainsAny(s[title.Start:title.End], "<>") {
		return nil
	}
	// The anchors are part of the entry's line, not of its notes.
	e := &Paper{Span: line, VenueText: v}
	e.setTitle(s, title)
	if e.Title == "" {
		return nil
	}
	return e
}

// trailingAnchors returns the end of s[line] without the HTML anchors
// (`<a name="x"></a>`, `<a id="x"/>`) and spaces that close it.
func trailingAnchors(s string, line Span) int {
	end := trimRightSpace(s, line.Start, line.End)
	for end > line.Start && s[end-1] == '>' {
		lt := strings.LastIndexByte(s[line.Start:end], '<')
		if lt < 0 {
			break
		}
		tag := strings.ToLower(s[line.Start+lt : end])
		if tag != "</a>" && !strings.HasPrefix(tag, "<a ") {
			break
		}
		end = trimRightSpace(s, line.Start, line.Start+lt)
	}
	return end
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
	shape := false // a heading read as a paper by its shape: [tag] Title text
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
		t := newTag(s, i, te, kind, opt.Year)
		if len(lead) == 0 && !looksLikeVenue(t, opt) {
			// A heading `### [thesis] Directing greybox fuzzing ...` is a
			// paper by its shape, whatever the tag: a topic heading has no
			// bracketed tag before a title.
			if strict || t.Name == "" || !titleLike(s[te:end]) {
				break
			}
			shape = true
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
		if shape && e.Venue == nil {
			// The tag stands where venues stand: read it as one, so that
			// venue-name says what it does not know.
			e.Venue, lead[0].IsVenue = lead[0], true
			e.Orgs = e.Orgs[:0]
			for _, t := range lead[1:] {
				e.Orgs = append(e.Orgs, splitOrgs(t)...)
			}
		}
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
		trail = append(trail, newTag(s, ts, k, kind, opt.Year)) // right to left
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

// titleLike reports whether s reads as a paper title: three words or more
// with letters, and no HTML.
func titleLike(s string) bool {
	if strings.ContainsAny(s, "<>") {
		return false
	}
	words := 0
	for _, w := range strings.Fields(s) {
		if strings.IndexFunc(w, unicode.IsLetter) >= 0 {
			words++
		}
	}
	return words >= 3
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

// textTag reads s[a:b], a venue and year written without brackets (`CCS
// 2024`, `NeurIPS'23`, `arXiv 2023`), as a tag whose Span and Inner are
// that text. It returns nil unless the text has a year after a short name
// (at most five words). A catch-all name such as `Others 2024` keeps the
// year and names no venue.
func textTag(s string, a, b int, opt Options) *Tag {
	if b-a > 80 || strings.ContainsAny(s[a:b], "[]*<>\n") {
		return nil
	}
	t := &Tag{Span: Span{a, b}, Inner: Span{a, b}, Raw: s[a:b]}
	parseVenueParts(t, opt.Year)
	if !t.HasYear() || t.Name == "" || len(strings.Fields(t.Name)) > 5 {
		return nil
	}
	switch strings.ToLower(t.Name) {
	case "others", "other", "misc", "miscellaneous", "etc":
		t.Name, t.NameSpan = "", Span{}
	}
	t.IsVenue = true
	return t
}

// groupHeader reads a list item's only line as a bold group header that
// names a venue and year (`**CCS 2024**`, `**NeurIPS'23**`), or returns nil.
func groupHeader(s string, line Span, opt Options) *Tag {
	sp := trimSpan(s, line)
	for _, mark := range []string{"**", "__"} {
		t := s[sp.Start:sp.End]
		if len(t) > 2*len(mark) && strings.HasPrefix(t, mark) && strings.HasSuffix(t, mark) {
			in := trimSpan(s, Span{sp.Start + len(mark), sp.End - len(mark)})
			return textTag(s, in.Start, in.End, opt)
		}
	}
	return nil
}

// groupEntry reads a list item's only line under a group header as an entry
// when it is a link and nothing else (`[Title](url)`, a trailing hard break
// `\` allowed): the title is the link's label and the venue the group's.
func groupEntry(s string, line Span, group *Tag) *Paper {
	sp := trimSpan(s, line)
	if sp.Len() > 0 && s[sp.End-1] == '\\' {
		sp = trimSpan(s, Span{sp.Start, sp.End - 1})
	}
	t := s[sp.Start:sp.End]
	k := strings.Index(t, "](")
	if len(t) < 4 || t[0] != '[' || k < 2 || t[len(t)-1] != ')' || strings.Contains(t[k+2:], "](") {
		return nil
	}
	e := &Paper{Form: ListForm, Span: line, VenueText: group}
	e.setTitle(s, sp)
	if len(e.Links) == 0 || e.Title == "" {
		return nil
	}
	e.Span = Span{line.Start, sp.End}
	return e
}

// paragraphEntry reads a paragraph as an entry when its first line is a
// bold title, its second the authors in italics and its third starts with
// the venue and year:
//
//	**Title** \
//	*A. Author, B. Author* \
//	CVPR 2023. [[Paper](url)] \
//
// All three are needed: a bold line alone is often a label, and a post or
// a video has no venue line.
func paragraphEntry(n *ast.Paragraph, s string, opt Options) *Paper {
	lines := n.Lines()
	if lines.Len() < 3 {
		return nil
	}
	line := func(i int) Span {
		seg := lines.At(i)
		sp := trimSpan(s, Span{seg.Start, seg.Stop})
		if sp.Len() > 0 && s[sp.End-1] == '\\' {
			sp = trimSpan(s, Span{sp.Start, sp.End - 1})
		}
		return sp
	}
	title, authors, ven := line(0), line(1), line(2)
	tt, at := s[title.Start:title.End], s[authors.Start:authors.End]
	if len(tt) < 5 || !strings.HasPrefix(tt, "**") || !strings.HasSuffix(tt, "**") || strings.Contains(tt[2:len(tt)-2], "**") {
		return nil
	}
	if len(at) < 3 || at[0] != '*' || at[1] == '*' || at[len(at)-1] != '*' {
		return nil
	}
	// `arXiv 2023. [[Paper](url)]`: the venue ends at the first ". " or
	// link.
	vt := s[ven.Start:ven.End]
	if k := strings.Index(vt, "["); k >= 0 {
		vt = vt[:k]
	}
	vt = strings.TrimRight(strings.TrimSpace(vt), ".")
	v := textTag(s, ven.Start, ven.Start+len(vt), opt)
	if v == nil {
		return nil
	}
	e := &Paper{Form: ParagraphForm, Span: title, VenueText: v}
	e.setTitle(s, title)
	if e.Title == "" {
		return nil
	}
	last := lines.At(lines.Len() - 1)
	e.Notes = append(e.Notes, Span{lines.At(1).Start, trimRightSpace(s, last.Start, last.Stop)})
	return e
}
