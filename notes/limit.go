package notes

import (
	"bytes"
	"fmt"
)

// goldmark, the Markdown parser papers uses, has no nesting limits, and
// some constructs cost it time quadratic in their size: a line of 100,000
// `>` (block quotes nested 100,000 deep) or of `1. 1. 1. ...` (nested list
// items) took 4 to 6 s, and `[a](` repeated on one line (each `](` starts a
// link destination that goldmark scans to the end of the line, counting
// parentheses) 2 s for 100 KB and minutes for 1 MB. CommonMark
// implementations that face untrusted input bound exactly these:
//
//   - markdown-it stops nesting blocks at `maxNesting`, 100 in its default
//     preset (lib/presets/default.mjs: `maxNesting: 100`; lib/parser_block.mjs
//     skips the rest once `state.level >= maxNesting`);
//   - cmark gives up on a link destination nested more than 32
//     parentheses deep (src/inlines.c, manual_scan_link_url_2:
//     `if (nb_p > 32) return -1;`), and markdown-it likewise
//     (lib/helpers/parse_link_destination.mjs: `if (level > 32) return result`).
//
// So before goldmark sees a file, one linear scan finds the lines over
// those limits, and goldmark is given a copy of the file in which their
// markup is replaced by inert bytes of the same length: those lines are
// read as plain text, every offset stays the user's, and the
// markdown-limit rule says where and why. A notes file a person writes
// never comes near either limit.

// MaxBlockNesting is how many block quotes and list items one line may
// open: markdown-it's maxNesting (default preset). The markers after it
// are read as text.
const MaxBlockNesting = 100

// MaxIndent is how many columns of whitespace may stand among the block
// markers that open a line: a list item nests one level per two columns
// of indentation (`- a`, then `  - b`), so MaxIndent columns hold
// MaxBlockNesting levels. goldmark measures the indentation again for each
// open container, so a line nested a thousand items deep by indentation
// costs it a million steps.
const MaxIndent = 2 * MaxBlockNesting

// MaxLinkParens is how deep parentheses may nest after a link's `](` on
// one line: cmark's and markdown-it's bound on a link destination. A line
// deeper than that has its brackets and parentheses read as text.
const MaxLinkParens = 32

// MaxLinkOpeners is how many link openers (`[`, `![`) one paragraph may
// leave open: markdown-it's maxNesting again, at which its inline parser
// reads the rest of the paragraph as text (lib/parser_inline.mjs,
// skipToken: "Too much nesting, just skip until the end of the
// paragraph"). goldmark keeps a node for each open `[` until the paragraph
// ends: 1 MB of `[` took it 5 s.
const MaxLinkOpeners = MaxBlockNesting

// inert replaces markup bytes in the copy goldmark reads: a letter is
// text wherever it stands, starts no block and joins no delimiter run.
const inert = 'x'

// limitKind is which limit a line goes over.
type limitKind int

const (
	blockLimit  limitKind = iota // quotes and list items: MaxBlockNesting
	indentLimit                  // indentation: MaxIndent
	parenLimit                   // link destination: MaxLinkParens
	openerLimit                  // open `[`: MaxLinkOpeners
	limitKinds
)

// overLimit is one line over one or more limits.
type overLimit struct {
	start, end int // the line, its line ending included
	// at is, per limit, the offset of the first byte over it, or -1;
	// depth how deep the line goes (for openerLimit, the paragraph).
	at, depth [limitKinds]int
	// markersEnd is where the line's block markers end: the markers and
	// whitespace from at[blockLimit] or at[indentLimit] to it are read as
	// text.
	markersEnd int
	// lines is how many lines the entry covers: the lines of a paragraph
	// after it went over MaxLinkOpeners are one entry.
	lines int
}

// over reports whether the line goes over any limit.
func (l *overLimit) over() bool {
	for _, at := range l.at {
		if at >= 0 {
			return true
		}
	}
	return false
}

// onlyOpeners reports whether the entry is over MaxLinkOpeners alone
// from its first byte: a line of a paragraph that went over it before.
func (l *overLimit) onlyOpeners() bool {
	return l.at[openerLimit] == l.start && l.at[blockLimit] < 0 && l.at[indentLimit] < 0 && l.at[parenLimit] < 0
}

// scanLimits returns the lines of src[from:to] over a limit, outside
// fenced code and HTML blocks (which goldmark reads literally). from is
// the start of a line at which no fence is open and no paragraph goes on.
// It reads each line once.
func scanLimits(src []byte, from, to int) []overLimit {
	return scanLimitsWith(src, from, to, limitScanner{})
}

// scanLimitsWith is scanLimits starting with ls.
func scanLimitsWith(src []byte, from, to int, ls limitScanner) []overLimit {
	var over []overLimit
	for off := from; off < to; {
		end := nextLine(src, off)
		if l := ls.line(src, off, end); l.over() {
			// The lines of a paragraph read as text are one entry: a
			// paragraph of a million lines must not cost a million.
			if n := len(over); n > 0 && l.onlyOpeners() && over[n-1].end == l.start && over[n-1].at[openerLimit] >= 0 &&
				over[n-1].at[parenLimit] < 0 && over[n-1].at[blockLimit] < 0 && over[n-1].at[indentLimit] < 0 {
				over[n-1].end = l.end
				over[n-1].lines++
				over[n-1].depth[openerLimit] = max(over[n-1].depth[openerLimit], l.depth[openerLimit])
			} else {
				over = append(over, l)
			}
		}
		off = end
	}
	if len(over) == 0 {
		return nil
	}
	// Rarely any line is over: only then follow fences, a second pass, so
	// that ordinary files pay nothing for it.
	sc := splitScanner{prevBlank: true}
	kept := over[:0]
	at := from
	for _, l := range over {
		at = sc.scan(src, at, l.start)
		if sc.fence == nil && sc.html == "" {
			kept = append(kept, l)
		}
	}
	return kept
}

// limitScanner follows the link openers of the paragraph a line is in.
type limitScanner struct {
	open     int  // `[` not yet closed in the paragraph
	skipping bool // the paragraph went over MaxLinkOpeners: the rest is text
	// everyByte turns off the skip to a line's first `[`, for the test
	// that the skip changes nothing.
	everyByte bool
}

// line reads the line src[start:end].
func (ls *limitScanner) line(src []byte, start, end int) overLimit {
	l := overLimit{start: start, end: end, at: [limitKinds]int{-1, -1, -1, -1}, lines: 1}
	line := src[start:end]
	n, over, overIndent, mend := blockMarkers(line)
	if n > MaxBlockNesting {
		l.at[blockLimit], l.depth[blockLimit], l.markersEnd = start+over, n, start+mend
	}
	if overIndent > 0 {
		l.at[indentLimit], l.depth[indentLimit], l.markersEnd = start+overIndent, mend, start+mend
	}
	if at, deepest := linkParens(line); at >= 0 {
		l.at[parenLimit], l.depth[parenLimit] = start+at, deepest
	}
	// A paragraph ends at a blank line; a list item or a heading starts a
	// block of its own. Other lines (`> more`) may go on a paragraph: over
	// counting openers only reads more as text, never less.
	rest := bytes.TrimRight(line[mend:], " \t\r\n")
	if len(rest) == 0 || (n > 0 && line[firstNonSpace(line)] != '>') || isATXHeading(rest) ||
		bytes.HasPrefix(rest, []byte("```")) || bytes.HasPrefix(rest, []byte("~~~")) {
		ls.open, ls.skipping = 0, false
	}
	if ls.skipping {
		l.at[openerLimit], l.depth[openerLimit] = start, ls.open
		return l
	}
	// With no `[` open, the bytes before the line's first `[` change
	// nothing (a `]` closes no opener): the scan starts at that `[`, or
	// rather at the run of backslashes before it, which may escape it.
	from := mend
	if ls.open == 0 && !ls.everyByte {
		j := bytes.IndexByte(line[mend:], '[')
		if j < 0 {
			return l
		}
		for from += j; from > mend && line[from-1] == '\\'; from-- {
		}
	}
	for i := from; i < len(line); i++ {
		switch line[i] {
		case '\\':
			if i+1 < len(line) && isASCIIPunct(line[i+1]) {
				i++
			}
		case '[':
			ls.open++
			if ls.open > MaxLinkOpeners {
				l.at[openerLimit], ls.skipping = start+i, true
			}
		case ']':
			if ls.open > 0 {
				ls.open--
			}
		}
	}
	if ls.skipping {
		l.depth[openerLimit] = ls.open
	}
	if isATXHeading(rest) {
		ls.open, ls.skipping = 0, false
	}
	return l
}

// firstNonSpace returns the index of the first byte of line that is not a
// space or a tab.
func firstNonSpace(line []byte) int {
	i := 0
	for i < len(line)-1 && (line[i] == ' ' || line[i] == '\t') {
		i++
	}
	return i
}

// blockMarkers counts the block quote and list item markers that open
// the line (`> > 1. - text`) and returns where the one after
// MaxBlockNesting starts (0 if none), where the whitespace among them
// first goes past MaxIndent columns (0 if it does not), and where the
// markers and the whitespace after them end. A thematic break (`- - -`)
// opens nothing; a blank line nests nothing.
func blockMarkers(line []byte) (n, over, overIndent, end int) {
	i, ws := 0, 0
	for {
		// The space that ends a marker is part of it (`1. 1. x` is not
		// indented); the rest counts.
		afterMarker := n > 0
		for i < len(line) && (line[i] == ' ' || line[i] == '\t') {
			switch {
			case afterMarker:
				afterMarker = false
			case line[i] == '\t':
				ws += 4 - ws%4
			default:
				ws++
			}
			if ws > MaxIndent && overIndent == 0 {
				overIndent = i
			}
			i++
		}
		w := markerWidth(line[i:])
		if w == 0 {
			if n > MaxBlockNesting && isThematicBreak(line) {
				return 0, 0, 0, 0
			}
			if len(bytes.TrimRight(line[i:], "\r\n")) == 0 {
				overIndent = 0
			}
			return n, over, overIndent, i
		}
		n++
		if n == MaxBlockNesting+1 {
			over = i
		}
		i += w
	}
}

// markerWidth returns the length of the block quote or list item marker
// at the start of b, or 0.
func markerWidth(b []byte) int {
	if len(b) == 0 {
		return 0
	}
	switch c := b[0]; {
	case c == '>':
		return 1
	case c == '-' || c == '+' || c == '*':
		if len(b) == 1 || isSpaceOrEOL(b[1]) {
			return 1
		}
	case c >= '0' && c <= '9':
		k := 1
		for k < len(b) && k < 10 && b[k] >= '0' && b[k] <= '9' {
			k++
		}
		if k < 10 && k < len(b) && (b[k] == '.' || b[k] == ')') && (k+1 == len(b) || isSpaceOrEOL(b[k+1])) {
			return k + 1
		}
	}
	return 0
}

func isSpaceOrEOL(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// isThematicBreak reports whether line is three or more of one of `-*_`,
// with spaces and tabs between.
func isThematicBreak(line []byte) bool {
	var mark byte
	n := 0
	for _, c := range bytes.TrimRight(line, "\r\n") {
		switch {
		case c == ' ' || c == '\t':
		case (c == '-' || c == '*' || c == '_') && (mark == 0 || c == mark):
			mark = c
			n++
		default:
			return false
		}
	}
	return n >= 3
}

// linkParens follows the nesting of parentheses on the line from its
// first `](` on, as goldmark's link destination scanner counts them
// (a backslash before punctuation escapes it). It returns the offset of
// the first parenthesis deeper than MaxLinkParens, or -1, and the deepest
// nesting. Bounding the depth bounds goldmark's work: a destination scan
// that starts at depth k ends where the depth falls below k, and only one
// scan can start at depth k before that, so the scans cost at most
// MaxLinkParens+1 passes over the line.
func linkParens(line []byte) (at, deepest int) {
	i := bytes.Index(line, []byte("]("))
	if i < 0 {
		return -1, 0
	}
	at = -1
	depth := 0
	for i++; i < len(line); i++ {
		switch c := line[i]; c {
		case '\\':
			if i+1 < len(line) && isASCIIPunct(line[i+1]) {
				i++
			}
		case '(':
			depth++
			if depth > deepest {
				deepest = depth
				if depth > MaxLinkParens && at < 0 {
					at = i
				}
			}
		case ')':
			if depth > 0 {
				depth--
			}
		}
	}
	return at, deepest
}

func isASCIIPunct(c byte) bool {
	return c >= '!' && c <= '/' || c >= ':' && c <= '@' || c >= '[' && c <= '`' || c >= '{' && c <= '~'
}

// neutralise returns a copy of src (src itself when over is empty, or
// buf when the caller made a copy already) in which the markup of each
// line over a limit is inert: the block markers after MaxBlockNesting,
// and every bracket and parenthesis of a line over MaxLinkParens or
// MaxLinkOpeners.
func neutralise(src, buf []byte, over []overLimit) []byte {
	if len(over) == 0 {
		return src
	}
	if buf == nil {
		buf = append([]byte(nil), src...)
	}
	for _, l := range over {
		if from := firstOf(l.at[blockLimit], l.at[indentLimit]); from >= 0 {
			for i := from; i < l.markersEnd; i++ {
				buf[i] = inert
			}
		}
		if l.at[parenLimit] >= 0 || l.at[openerLimit] >= 0 {
			for i := l.start; i < l.end; i++ {
				switch buf[i] {
				case '[', ']', '(', ')':
					buf[i] = inert
				}
			}
		}
	}
	return buf
}

// firstOf returns the smaller of two offsets that are not -1, or -1.
func firstOf(a, b int) int {
	switch {
	case a < 0:
		return b
	case b < 0:
		return a
	}
	return min(a, b)
}

// limitMessages say what a line over each limit is.
var limitMessages = [limitKinds]string{
	blockLimit: "%d nested block quotes and list items on one line, over the limit of %d " +
		"(markdown-it's maxNesting): %s read as plain text from there",
	indentLimit: "block markers and indentation %d columns wide opening one line, over the limit of %d " +
		"(enough for markdown-it's maxNesting of list items): %s read as plain text from there",
	parenLimit: "parentheses nested %d deep after a link's \"](\", over the limit of %d " +
		"(cmark's and markdown-it's for a link destination): %s read as plain text",
	openerLimit: "%d link openers \"[\" left open in one paragraph, over the limit of %d " +
		"(markdown-it's maxNesting): %s read as plain text",
}

var limitValues = [limitKinds]int{MaxBlockNesting, MaxIndent, MaxLinkParens, MaxLinkOpeners}

// limitProblems describes the lines over a limit for Document.Limits: one
// Problem per run of consecutive lines over the same limit, at the first
// byte over it.
func limitProblems(over []overLimit) []Problem {
	type run struct {
		at, lines, depth int
		kind             limitKind
	}
	var runs []run
	prevEnd := -1
	for _, l := range over {
		for k := range limitKinds {
			at := l.at[k]
			if at < 0 {
				continue
			}
			if n := len(runs); n > 0 && prevEnd == l.start && runs[n-1].kind == k {
				runs[n-1].lines += l.lines
				runs[n-1].depth = max(runs[n-1].depth, l.depth[k])
				continue
			}
			runs = append(runs, run{at: at, lines: l.lines, depth: l.depth[k], kind: k})
		}
		prevEnd = l.end
	}
	out := make([]Problem, len(runs))
	for i, r := range runs {
		lines := "the line is"
		if r.lines > 1 {
			lines = fmt.Sprintf("this line and the %d after it are", r.lines-1)
		}
		out[i] = Problem{Span: Span{r.at, r.at + 1}, Message: fmt.Sprintf(limitMessages[r.kind], r.depth, limitValues[r.kind], lines)}
	}
	return out
}
