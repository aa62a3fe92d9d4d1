package notes

import (
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
)

// md is shared: a goldmark parser is safe for concurrent use once built.
var md = goldmark.New(goldmark.WithExtensions(extension.Table, extension.Strikethrough))

// mdNoDefs is md without the step that looks for link reference
// definitions at the start of every paragraph: a file without any (most
// notes files; hasLinkDefinition says) gives the same document, faster.
// It also keeps plain entry headings and plain list item paragraphs raw,
// out of goldmark's inline parsing (rawEntries, see raw.go).
var mdNoDefs = newNoDefs(rawEntries{})

// newNoDefs builds a parser that reads no link reference definitions, with
// md's extensions and ext. Tests build it without rawEntries to check that
// keeping entries raw changes no document.
func newNoDefs(ext ...goldmark.Extender) goldmark.Markdown {
	return goldmark.New(
		goldmark.WithParser(parser.NewParser(
			parser.WithBlockParsers(parser.DefaultBlockParsers()...),
			parser.WithInlineParsers(parser.DefaultInlineParsers()...),
		)),
		goldmark.WithExtensions(append([]goldmark.Extender{extension.Table, extension.Strikethrough}, ext...)...),
	)
}
