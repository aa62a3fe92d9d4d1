package notes

import (
	"bytes"
	"fmt"
	"slices"
	"sort"
	"unicode/utf8"
	"unsafe"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"

	"github.com/paperlint/papers/internal/par"
)

// Options tune how entries are recognised.
type Options struct {
	// IsVenue reports whether a tag text without a year (`arXiv`, `TPAMI`)
	// names a known venue. Without it, only tags with a year are venues.
	IsVenue func(name string) bool
	// Jobs is how many goroutines parse the pieces of a large file at
	// once; <= 0 means 1. The caller owns the worker budget (a server
	// holds many runs, each with its own), so Parse does not look at
	// GOMAXPROCS. With more than one job, the UTF-8 check of the whole
	// file also runs beside the pieces.
	Jobs int
	// Year is the current year, against which two-digit years (`KDD'18`)
	// are read: up to one past its last two digits they are 20YY, above
	// that 19YY, so that in 2026 `[ICLR'27]` is 2027 and `[ICML'98]` is
	// 1998. Callers set it (a run reads its clock once, and passes it
	// down). 0 reads 00..68 as 20YY and 69..99 as 19YY, POSIX strptime's
	// fixed %y window, rather than looking at the clock: a Document must
	// not depend on the day it was parsed (tests and a long-lived server
	// would see a file read differently after New Year), and the window is
	// right for every paper from 1969 to 2068.
	Year int
}

// jobs is Jobs, at least 1.
func (o Options) jobs() int { return max(o.Jobs, 1) }

// Parse reads src as a notes file. It never fails: what cannot be read as
// written is listed in Document.Problems and parsing goes on. The Document
// refers to src (its strings share src's memory): src must not be modified
// afterwards.
func Parse(path string, src []byte, opt Options) *Document {
	return parse(path, src, opt, pieceCount(len(src), opt.jobs()))
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
	// Lines over the nesting limits CommonMark implementations set are
	// read as plain text (see limit.go): goldmark sees them inert.
	if over := scanLimits(parseSrc, 0, len(parseSrc)); len(over) > 0 {
		var buf []byte
		if len(parseSrc) > 0 && &parseSrc[0] != &src[0] {
			buf = parseSrc
		}
		parseSrc = neutralise(parseSrc, buf, over)
		doc.Limits = limitProblems(over)
	}
	// The UTF-8 check reads the whole file: with more than one job it runs
	// beside goldmark. A large file is parsed in pieces, each walked as soon
	// as goldmark is done with it and the pieces before it are walked, so
	// that only a few pieces' syntax trees are alive at once (a tree is about five times the size of its text:
	// keeping a 78 MB file's tree whole gave the garbage collector 400 MB
	// more to mark, again and again).
	var parts []*parseState
	par.Do(2, opt.jobs(), func(i int) {
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
		// The pieces are parsed on jobs goroutines and walked in order on
		// one more, each walk starting from the state the walk before it
		// left, as one walk of the whole file would: the section in
		// effect, and the open entry whose sub-headings (`#### 细节`
		// under `### Title[...]`) and their notes a piece may start with.
		// A tree waits only for the walks before it, which take a
		// fraction of a parse: few trees are alive at once.
		parseParts := func(cuts []int) (ok bool) {
			n := len(cuts) - 1
			parts = make([]*parseState, n)
			roots := make([]chan ast.Node, n)
			for k := range roots {
				roots[k] = make(chan ast.Node, 1)
			}
			ok = true
			par.Do(n+1, opt.jobs()+1, func(i int) {
				if i > 0 {
					var root ast.Node
					defer func() { roots[i-1] <- root }() // nil after a panic, which par.Do raises
					root = parsePiece(mdFor, parseSrc, cuts[i-1], cuts[i], &pieceInfo{s: s, opt: opt})
					return
				}
				var prev *parseState
				for k := range n {
					root := <-roots[k]
					part := &parseState{doc: &Document{Path: path, Src: src}, src: src, s: s, opt: opt}
					if prev != nil {
						part.section, part.openEntry = prev.section, prev.openEntry
					}
					parts[k], prev = part, part
					if root == nil {
						continue
					}
					if k+1 < n && openAtEnd(root, parseSrc, cuts[k+1]) {
						ok = false
					}
					part.walkTop(root)
				}
			})
			return ok
		}
		if !parseParts(cuts) {
			// A cut fell inside a block goldmark kept open (see
			// openAtEnd): the file is parsed in one piece.
			parseParts([]int{0, len(parseSrc)})
		}
	})
	p.join(parts)
	p.finish()
	return doc
}

// join appends the pieces' documents to p's in order. A piece starts at a
// heading, so no entry or prose run straddles two pieces, and each piece's
// walk went on from the section in effect at the end of the ones before it;
// what is left is the file's title (see fileTitle).
func (p *parseState) join(parts []*parseState) {
	doc := p.doc
	title := fileTitle(parts)
	// Sized once: appending the pieces' lists of a 100k-paper file one by
	// one grew them a dozen times.
	var nSec, nPap, nProse, nLab, nProt, nCom int
	for _, part := range parts {
		pd := part.doc
		nSec += len(pd.Sections)
		nPap += len(pd.Papers)
		nProse += len(pd.Prose)
		nLab += len(pd.Labels)
		nProt += len(pd.Protected)
		nCom += len(pd.Comments)
	}
	doc.Sections = slices.Grow(doc.Sections, nSec)
	doc.Papers = slices.Grow(doc.Papers, nPap)
	doc.Prose = slices.Grow(doc.Prose, nProse)
	doc.Labels = slices.Grow(doc.Labels, nLab)
	doc.Protected = slices.Grow(doc.Protected, nProt)
	doc.Comments = slices.Grow(doc.Comments, nCom)
	// section is the section in effect after the pieces joined so far;
	// beforeTitle the one in effect where the title heading stands.
	var section, beforeTitle *Section
	for _, part := range parts {
		pd := part.doc
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
			if title != nil && e.Section == title {
				e.Section = beforeTitle
			}
			e.Index = len(doc.Papers)
			doc.Papers = append(doc.Papers, e)
		}
		doc.Prose = append(doc.Prose, pd.Prose...)
		doc.Labels = append(doc.Labels, pd.Labels...)
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

func (p *parseState) checkUTF8() {
	if utf8.Valid(p.src) {
		p.doc.ValidUTF8 = true
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

func (p *parseState) finish() {
	p.doc.EntryLevel = entryLevel(p.doc.Papers)
	parenSections(p.doc)
	sortSpans(p.doc.Protected)
}

// sortSpans orders spans by their start.
func sortSpans(sps []Span) {
	sort.Slice(sps, func(i, j int) bool { return sps[i].Start < sps[j].Start })
}

// parenSections puts each paper read from a heading with its venue in
// parentheses (parenEntry) under the nearest heading above it of a lower
// level. Such lists write papers whose venue is unknown or missing as
// headings of the same level (`### Fuzzing: a survey` beside `### Title
// (CCS 2022)`); those stay sections, and a paper must not take a sibling
// paper's title as its topic (papers bib writes the section as keywords).
// It runs on the whole document, after the pieces are joined or a part
// parsed again, so that every way of parsing gives the same sections. A
// paper whose section is already right is not written: Reparse shares the
// papers before the change with the old document.
func parenSections(d *Document) {
	var stack []*Section // the open headings, levels rising
	si := 0
	for _, e := range d.Papers {
		for si < len(d.Sections) && d.Sections[si].Span.Start < e.Span.Start {
			sec := d.Sections[si]
			for len(stack) > 0 && stack[len(stack)-1].Level >= sec.Level {
				stack = stack[:len(stack)-1]
			}
			stack = append(stack, sec)
			si++
		}
		if e.Form != HeadingForm || e.VenueText == nil {
			continue
		}
		var want *Section
		for i := len(stack) - 1; i >= 0; i-- {
			if stack[i].Level < e.Level {
				want = stack[i]
				break
			}
		}
		if e.Section != want {
			e.Section = want
		}
	}
}
