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

// openAtEnd reports whether the piece of src that root parses, ending at end,
// ends inside a block that would have gone on past end in a parse of the
// whole file: fenced code whose closing fence did not come (its content
// then runs to the piece's end, the blank line before the cut included),
// or an HTML block of the kinds a blank line does not end (comments,
// <pre>, <script>, <style>, <textarea>, <?, <!X, <![CDATA[) whose end
// did not come. Only a block at the top level can: a piece ends before an
// ATX heading in column 0 after a blank line, which ends every list item
// and block quote, and with them what they hold. splitScanner decides
// where pieces may start, line by line and without goldmark's view of
// containers; this check on goldmark's own tree makes a wrong guess cost
// a parse of the whole, never a different document.
func openAtEnd(root ast.Node, src []byte, end int) bool {
	switch b := root.LastChild().(type) {
	case *ast.FencedCodeBlock:
		l := b.Lines()
		return l.Len() > 0 && l.At(l.Len()-1).Stop >= end
	case *ast.HTMLBlock:
		closer := htmlClosers[b.HTMLBlockType]
		if closer == "" || b.HasClosure() || b.Lines().Len() == 0 {
			return false
		}
		// goldmark ends a block on its first line without saying so
		// (HasClosure is false): `<!-- note -->` on a line of its own.
		first := b.Lines().At(0)
		return !htmlClosed(first.Value(src), closer)
	}
	return false
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
	html      string // what ends the open HTML block, or ""
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
		// A closing fence: at least as long as the opening one, then
		// only spaces and tabs.
		if indent < 4 && bytes.HasPrefix(trimmed, sc.fence) && len(bytes.TrimRight(bytes.TrimLeft(trimmed, string(sc.fence[:1])), " \t")) == 0 {
			sc.fence = nil
		}
	case sc.html != "":
		if htmlClosed(line, sc.html) {
			sc.html = ""
		}
	default:
		// Each pattern is tried once: a line that opens nothing (most
		// lines) tries both, then may be a cut.
		if indent < 4 {
			if n := opensFence(trimmed); n > 0 {
				sc.fence = trimmed[:n]
				break
			}
			if closer := htmlCloser(trimmed); closer != "" {
				sc.html = closer
				break
			}
		}
		cut = sc.prevBlank && indent == 0 && isATXHeading(line)
	}
	sc.prevBlank = len(bytes.TrimSpace(line)) == 0
	return cut
}

// opensFence returns the length of the fence that t (a line, its
// indentation trimmed) opens: three or more backticks not followed by
// another backtick on the line (the info string of a backtick fence holds
// none), or three or more tildes; 0 if it opens none.
func opensFence(t []byte) int {
	if len(t) < 3 || (t[0] != '`' && t[0] != '~') {
		return 0
	}
	k := 0
	for k < len(t) && t[k] == t[0] {
		k++
	}
	if k < 3 || t[0] == '`' && bytes.IndexByte(t[k:], '`') >= 0 {
		return 0
	}
	return k
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
func (sc *splitScanner) clean() bool { return sc.fence == nil && sc.html == "" && sc.prevBlank }

func isATXHeading(line []byte) bool {
	k := 0
	for k < len(line) && k < 7 && line[k] == '#' {
		k++
	}
	return k >= 1 && k <= 6 && (k == len(line) || line[k] == ' ' || line[k] == '\t')
}

// htmlClosers are what ends an HTML block of each kind that a blank line
// does not end (CommonMark's kinds 1 to 5), as goldmark reads them: any
// of four closing tags, ignoring case, for <pre>, <script>, <style> and
// <textarea> (type1Closer), then `-->`, `?>`, `>` and `]]>`.
var htmlClosers = map[ast.HTMLBlockType]string{
	ast.HTMLBlockType1: type1Closer, ast.HTMLBlockType2: "-->", ast.HTMLBlockType3: "?>",
	ast.HTMLBlockType4: ">", ast.HTMLBlockType5: "]]>",
}

// type1Closer stands for the closing tags that end a <pre>, <script>,
// <style> or <textarea> block: any of the four, whichever opened it.
const type1Closer = "</pre|script|style|textarea>"

// htmlCloser returns what ends the HTML block that the line t (its
// indentation trimmed) starts when a blank line does not end it (an entry
// of htmlClosers), and "" when t starts none or ends it on the same line.
// It follows goldmark's patterns (parser/html_block.go): `<pre`,
// `<script`, `<style` or `<textarea` in any case, then the line's end,
// white space, `>` or `/>`; `<!--`; `<?`; `<!` and an upper-case letter;
// `<![CDATA[`.
func htmlCloser(t []byte) string {
	if len(t) < 2 || t[0] != '<' {
		return ""
	}
	closer := ""
	switch {
	case bytes.HasPrefix(t, []byte("<!--")):
		closer = "-->"
	case t[1] == '?':
		closer = "?>"
	case t[1] == '!' && len(t) > 2 && t[2] >= 'A' && t[2] <= 'Z':
		closer = ">"
	case bytes.HasPrefix(t, []byte("<![CDATA[")):
		closer = "]]>"
	default:
		for _, tag := range []string{"script", "pre", "style", "textarea"} {
			rest := t[1:]
			if len(rest) < len(tag) || !bytes.EqualFold(rest[:len(tag)], []byte(tag)) {
				continue
			}
			if after := rest[len(tag):]; len(after) == 0 || after[0] == ' ' || after[0] == '\t' || after[0] == '>' ||
				bytes.HasPrefix(after, []byte("/>")) {
				closer = type1Closer
			}
			break
		}
	}
	if closer == "" || htmlClosed(t, closer) {
		return ""
	}
	return closer
}

// htmlClosed reports whether line holds closer (an entry of htmlClosers).
func htmlClosed(line []byte, closer string) bool {
	if closer != type1Closer {
		return bytes.Contains(line, []byte(closer))
	}
	lower := bytes.ToLower(line)
	for _, tag := range []string{"</script>", "</pre>", "</style>", "</textarea>"} {
		if bytes.Contains(lower, []byte(tag)) {
			return true
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
			// The line starts after a newline or a lone carriage return
			// (a line ending too, for goldmark as for CommonMark).
			ls := bytes.LastIndexAny(src[:open], "\n\r") + 1
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
