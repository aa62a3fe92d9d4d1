package notes

import (
	"bytes"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// chunkMin is the size below which a file is parsed in one piece: splitting
// pays only when goldmark's parse is long enough to share among cores.
const chunkMin = 4 << 20

// pieceSize is the size of the pieces a large file is cut into: small
// enough that the syntax trees of the pieces being parsed and walked at one
// time stay small, large enough that a piece's overhead does not matter.
const pieceSize = 2 << 20

// pieceCount is how many pieces parse cuts src into: one for a small
// file, else enough for every job and for pieces of about pieceSize.
func pieceCount(size, jobs int) int {
	if size < chunkMin {
		return 1
	}
	return max(jobs, (size+pieceSize-1)/pieceSize)
}

// parsePiece runs goldmark on src[from:to] (md, or mdNoDefs for a file
// without link reference definitions). The reader sees the whole file
// up to the piece's end and starts at the piece's beginning, so every
// offset goldmark reports is an offset of src and the pieces' roots can be
// walked in order as if they were one document.
func parsePiece(md goldmark.Markdown, src []byte, from, to int, info *pieceInfo) ast.Node {
	r := text.NewReader(src[:to])
	if from > 0 {
		// Start at the line at from (a piece starts at a line's start):
		// what ResetPosition does at 0. Advance(from) would step through
		// every byte before it, for every piece. Line numbers then count
		// from the piece's start; goldmark only compares them.
		r.SetPosition(-1, text.NewSegment(from, from))
		r.AdvanceLine()
	}
	pc := parser.NewContext()
	pc.Set(pieceInfoKey, info)
	return md.Parser().Parse(r, parser.WithContext(pc))
}

// splitPoints returns the offsets [0, c1, ..., len(src)] of at most n
// pieces of src. A piece may start only where no Markdown construct can go
// on: at an ATX heading in column 0 after a blank line, outside fenced code,
// HTML comments and raw HTML blocks. A file with link reference
// definitions is not split, since a definition applies to the whole file.
// Whether a file is large enough to split is pieceCount's to say (tests
// split files of a few hundred kilobytes, which it would not).
func splitPoints(src []byte, n int) []int {
	if n < 2 {
		return []int{0, len(src)}
	}
	cuts := []int{0}
	next := len(src) / n
	sc := splitScanner{prevBlank: true}
	for off := 0; off < len(src); {
		end := nextLine(src, off)
		if sc.step(src[off:end]) && off >= next {
			cuts = append(cuts, off)
			next = off + len(src)/n
			if len(cuts) == n {
				return append(cuts, len(src))
			}
		}
		off = end
	}
	return append(cuts, len(src))
}

// nextLine returns the offset just past the line at off (its newline
// included).
func nextLine(src []byte, off int) int {
	if i := bytes.IndexByte(src[off:], '\n'); i >= 0 {
		return off + i + 1
	}
	return len(src)
}

// splitScanner follows a file line by line, telling where a piece may
// start: whether a fence, or an HTML block that blank lines do not end, is
// open, and whether the last line was blank.
type splitScanner struct {
	fence     []byte // the open fence, or nil
	inHTML    bool
	prevBlank bool
}

// step reads one line (its line ending included or not) and reports
// whether a piece may start at it: an ATX heading in column 0 after a
// blank line, outside fenced code and HTML blocks.
func (sc *splitScanner) step(raw []byte) (cut bool) {
	line := bytes.TrimRight(raw, "\r\n")
	trimmed := bytes.TrimLeft(line, " ")
	indent := len(line) - len(trimmed)
	switch {
	case sc.fence != nil:
		if indent < 4 && bytes.HasPrefix(trimmed, sc.fence) && len(bytes.Trim(trimmed, string(sc.fence[:1]))) == 0 {
			sc.fence = nil
		}
	case sc.inHTML:
		if bytes.Contains(line, []byte("-->")) || bytes.Contains(line, []byte("</pre>")) ||
			bytes.Contains(line, []byte("</script>")) || bytes.Contains(line, []byte("</style>")) ||
			bytes.Contains(line, []byte("</textarea>")) {
			sc.inHTML = false
		}
	case indent < 4 && (bytes.HasPrefix(trimmed, []byte("```")) || bytes.HasPrefix(trimmed, []byte("~~~"))):
		k := 0
		for k < len(trimmed) && trimmed[k] == trimmed[0] {
			k++
		}
		sc.fence = trimmed[:k]
	case indent < 4 && opensHTML(trimmed):
		sc.inHTML = true
	default:
		cut = sc.prevBlank && indent == 0 && isATXHeading(line)
	}
	sc.prevBlank = len(bytes.TrimSpace(line)) == 0
	return cut
}

// scan reads the lines of src from off up to to (a line start) and
// returns to.
func (sc *splitScanner) scan(src []byte, off, to int) int {
	for off < to {
		end := nextLine(src, off)
		sc.step(src[off:end])
		off = end
	}
	return to
}

// clean reports whether a piece may start at the next line, if it is a
// heading in column 0.
func (sc *splitScanner) clean() bool { return sc.fence == nil && !sc.inHTML && sc.prevBlank }

func isATXHeading(line []byte) bool {
	k := 0
	for k < len(line) && k < 7 && line[k] == '#' {
		k++
	}
	return k >= 1 && k <= 6 && (k == len(line) || line[k] == ' ' || line[k] == '\t')
}

// opensHTML reports whether a line starts an HTML block that blank lines do
// not end (comments, <pre>, <script>, <style>, <textarea>) and that is not
// closed on the same line.
func opensHTML(t []byte) bool {
	if len(t) < 4 || t[0] != '<' {
		return false
	}
	for _, o := range []struct{ open, close string }{
		{"<!--", "-->"}, {"<pre", "</pre>"}, {"<script", "</script>"}, {"<style", "</style>"}, {"<textarea", "</textarea>"},
	} {
		if bytes.HasPrefix(bytes.ToLower(t[:min(len(t), len(o.open))]), []byte(o.open)) {
			return !bytes.Contains(t, []byte(o.close))
		}
	}
	return false
}

// hasLinkDefinition reports whether src may define a link reference
// (`[label]: destination` at the start of a line, or of a block quote or
// list item on it: a definition there applies to the whole file too). It
// errs on the side of yes.
func hasLinkDefinition(src []byte) bool {
	for off := 0; ; {
		i := bytes.Index(src[off:], []byte("]:"))
		if i < 0 {
			return false
		}
		i += off
		off = i + 2
		if escapedAt(src, i) {
			continue // "\]" closes no label
		}
		// The label's "[" is the last unescaped one before "]:" (a label
		// holds no unescaped bracket, but may hold "\[" and "\]" as
		// goldmark reads escapes); it may be on an earlier line.
		open := -1
		for j := i - 1; j >= 0; j-- {
			if c := src[j]; (c == '[' || c == ']') && !escapedAt(src, j) {
				if c == '[' {
					open = j
				}
				break
			}
		}
		if open >= 0 {
			ls := bytes.LastIndexByte(src[:open], '\n') + 1
			if len(stripContainers(src[ls:open])) == 0 {
				return true
			}
		}
	}
}

// escapedAt reports whether the byte at i follows an odd run of
// backslashes, so that it is read as a literal character. Walks over
// unescaped "]" stop at the previous unescaped bracket, so the runs a
// search counts do not overlap and hasLinkDefinition stays linear.
func escapedAt(src []byte, i int) bool {
	n := 0
	for i-n-1 >= 0 && src[i-n-1] == '\\' {
		n++
	}
	return n%2 == 1
}

// stripContainers drops what may open block quotes and list items at the
// start of a line ("> ", "- ", "12. ", and spaces), so that what follows
// is seen as the start of a paragraph.
func stripContainers(t []byte) []byte {
	for {
		n := len(t)
		t = bytes.TrimLeft(t, " \t")
		switch {
		case len(t) > 0 && t[0] == '>':
			t = t[1:]
		case len(t) > 1 && (t[0] == '-' || t[0] == '*' || t[0] == '+') && (t[1] == ' ' || t[1] == '\t'):
			t = t[2:]
		default:
			k := 0
			for k < len(t) && k < 9 && t[k] >= '0' && t[k] <= '9' {
				k++
			}
			if k > 0 && k+1 < len(t) && (t[k] == '.' || t[k] == ')') && (t[k+1] == ' ' || t[k+1] == '\t') {
				t = t[k+2:]
			}
		}
		if len(t) == n {
			return t
		}
	}
}
