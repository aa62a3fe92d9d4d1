package notes

import (
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// A paper entry written as a heading (`### Title[NeurIPS'19][Google]`) is
// a tenth of a notes file and the costliest part of goldmark's inline
// parsing: every tag bracket starts a link label that goldmark tries to
// resolve. The walk takes nothing from an entry line's inline nodes except
// code spans, inline links and images, autolinks and raw HTML (comments
// carry directives), which need "`", "](" or "<". So when the file has no
// link reference definitions (a "[tag][org]" could then be a link), an
// ATX heading that is an entry and has none of those is read by the entry
// parser as goldmark opens it, and kept raw: goldmark skips its inline
// parsing. TestRawEntriesChangeNothing checks the documents are the same.

// entryHeading is an entry heading kept raw, with its parsed paper.
type entryHeading struct {
	ast.Heading
	paper *Paper
}

// IsRaw tells goldmark not to parse the heading's text as inline content.
func (*entryHeading) IsRaw() bool { return true }

// pieceInfoKey holds the *pieceInfo of the piece being parsed in the
// goldmark parser context.
var pieceInfoKey = parser.NewContextKey()

// pieceInfo is what the entry heading parser needs of the file.
type pieceInfo struct {
	s   string // the user's file (offsets are the same as goldmark's source)
	opt Options
}

// entryHeadingParser is goldmark's ATX heading parser, opening entries it
// can keep raw as entryHeading nodes.
type entryHeadingParser struct {
	parser.BlockParser
}

// Open opens the heading as goldmark does, then keeps an entry raw.
func (b entryHeadingParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	n, state := b.BlockParser.Open(parent, reader, pc)
	h, ok := n.(*ast.Heading)
	info, _ := pc.Get(pieceInfoKey).(*pieceInfo)
	if !ok || info == nil || h.Lines().Len() != 1 || parent.Kind() != ast.KindDocument {
		// A heading inside a list item or a block quote is never an
		// entry: the walk reads its text as prose, so it must stay an
		// ordinary heading (found by fuzzing: "- # Title[]").
		return n, state
	}
	seg := h.Lines().At(0)
	if seg.Stop > len(info.s) || needsInline(info.s[seg.Start:seg.Stop]) {
		return n, state
	}
	e := headingEntry(h, info.s, info.opt)
	if e == nil {
		return n, state
	}
	eh := &entryHeading{paper: e}
	eh.Level = h.Level
	eh.SetLines(h.Lines())
	return eh, state
}

// needsInline reports whether inline parsing of an entry line could give a
// node the walk uses.
func needsInline(line string) bool {
	return strings.IndexByte(line, '`') >= 0 || strings.IndexByte(line, '<') >= 0 || strings.Contains(line, "](")
}

// The bullet notes are most of a notes file, and most of them are plain:
// no code, link, emphasis, escape, entity or HTML, nothing for goldmark's
// inline parser but one text node per line. The paragraphs of a list item
// that are plain are kept raw when the item closes (so a setext heading or
// a table has already claimed its lines), and the walk reads their lines
// as prose, as it would have read their text nodes.

// rawText is a plain paragraph of a list item, kept raw.
type rawText struct {
	ast.TextBlock
}

// IsRaw tells goldmark not to parse the paragraph's inline content.
func (*rawText) IsRaw() bool { return true }

// rawItemParser is goldmark's list item parser, keeping the item's plain
// paragraphs raw when it closes the item.
type rawItemParser struct {
	parser.BlockParser
}

// Close closes the item as goldmark does, then keeps its plain paragraphs
// raw. The item is closed, so no later line can continue them.
func (b rawItemParser) Close(node ast.Node, reader text.Reader, pc parser.Context) {
	b.BlockParser.Close(node, reader, pc)
	info, _ := pc.Get(pieceInfoKey).(*pieceInfo)
	if info == nil {
		return
	}
	for c := node.FirstChild(); c != nil; {
		next := c.NextSibling()
		if para, ok := c.(*ast.Paragraph); ok && plainLines(para.Lines(), info.s) {
			r := &rawText{}
			r.SetLines(para.Lines())
			r.SetBlankPreviousLines(para.HasBlankPreviousLines())
			node.ReplaceChild(node, para, r)
		}
		c = next
	}
}

// plainLines reports whether no line of a paragraph holds a byte that an
// inline parser of goldmark (or its escapes and entities) could act on.
func plainLines(lines *text.Segments, s string) bool {
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		if seg.Stop > len(s) || seg.Start > seg.Stop {
			return false
		}
		for _, c := range []byte(s[seg.Start:seg.Stop]) {
			if inlineByte[c] {
				return false
			}
		}
	}
	return true
}

// inlineByte marks the bytes that start or affect inline syntax: code
// spans, links and images, autolinks and HTML, emphasis, strikethrough,
// escapes and entities; and the form feed and vertical tab, which
// goldmark's text nodes keep where a raw line's trimming would drop them
// (found by fuzzing: "* \f").
var inlineByte = [256]bool{'`': true, '[': true, ']': true, '!': true, '<': true, '*': true, '_': true, '~': true, '\\': true, '&': true, '\f': true, '\v': true}

// rawTextProse returns the prose of a raw paragraph's line: the line
// without its line break and trailing white space, as goldmark's text node
// for it would be.
func rawTextProse(seg text.Segment, s string) Span {
	end := seg.Stop
	for end > seg.Start && isSpaceByte(s[end-1]) {
		end--
	}
	return Span{seg.Start, end}
}

// isSpaceByte is goldmark's util.IsSpace.
func isSpaceByte(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'
}

// rawEntries is the goldmark extension that keeps plain entry headings and
// plain list item paragraphs raw: it registers entryHeadingParser and
// rawItemParser, made from goldmark's public constructors, just before
// goldmark's own ATX heading and list item parsers. Block parsers are tried
// in priority order and the first that opens a block wins, so ours open
// every heading and list item goldmark's would; goldmark's are asked only
// about the lines ours decline, and decline them too. The tree is the one
// goldmark builds, with entries and plain paragraphs raw.
type rawEntries struct{}

// The priorities of goldmark's ATX heading and list item parsers in
// parser.DefaultBlockParsers. They are not exported; if goldmark changed
// them, ours could come after its own and nothing would be kept raw:
// TestRawEntriesChangeNothing counts the raw nodes and fails then.
const (
	atxHeadingPriority = 600
	listItemPriority   = 400
)

// Extend registers the raw entry block parsers with m's parser. They take
// no parser options (heading attributes, automatic heading ids): the
// project sets none, and a raw entry heading has no inline content to
// read them from.
func (rawEntries) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithBlockParsers(
		util.Prioritized(entryHeadingParser{parser.NewATXHeadingParser()}, atxHeadingPriority-1),
		util.Prioritized(rawItemParser{parser.NewListItemParser()}, listItemPriority-1),
	))
}
