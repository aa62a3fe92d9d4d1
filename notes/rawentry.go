package notes

import (
	"strings"

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
	if !ok || info == nil || h.Lines().Len() != 1 {
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

// withRawEntries replaces the ATX heading parser (the one block parser
// triggered by "#") of a goldmark block parser list by entryHeadingParser.
func withRawEntries(blocks []util.PrioritizedValue) []util.PrioritizedValue {
	out := make([]util.PrioritizedValue, len(blocks))
	for i, b := range blocks {
		if bp, ok := b.Value.(parser.BlockParser); ok && string(bp.Trigger()) == "#" {
			b.Value = entryHeadingParser{bp}
		}
		out[i] = b
	}
	return out
}
