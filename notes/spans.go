package notes

import (
	"sort"
	"strings"

	"github.com/yuin/goldmark/ast"
)

func headingText(h *ast.Heading) Span {
	if h.Lines().Len() == 0 {
		return Span{}
	}
	seg := h.Lines().At(0)
	last := h.Lines().At(h.Lines().Len() - 1)
	return Span{seg.Start, last.Stop}
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
