package bib

import (
	"fmt"
	"hash/maphash"
	"os"
	"strings"

	"github.com/nickng/bibtex"
)

// File is one .bib file as read: every entry, macro definition, preamble and
// comment with its span, and the diagnostics found while reading it.
type File struct {
	Name   string // name the file was read under (a path, usually)
	Source string // the whole input

	// Blocks partition Source in order: the spans are contiguous, the first
	// starts at 0 and the last ends at len(Source). Nothing is lost.
	Blocks []Block

	Entries     []*Entry     // entries in source order, including incomplete ones
	Strings     []*StringDef // @string definitions in source order
	Preambles   []*Preamble  // @preamble blocks in source order
	Comments    []*Comment   // @comment blocks, % comments (also inside entries) and non-blank free text
	Diagnostics []Diagnostic // in the order they were found
}

// BlockKind says what a Block holds.
type BlockKind int

// Kinds of top-level blocks.
const (
	BlockText     BlockKind = iota // free text between entries (often only white space)
	BlockComment                   // a % comment line or an @comment{...}; see Block.Comment
	BlockEntry                     // an entry; see Block.Entry
	BlockString                    // an @string definition; see Block.String
	BlockPreamble                  // an @preamble; see Block.Preamble
	BlockInvalid                   // an @ block that could not be read; a diagnostic says why
)

// String returns a lower-case name for the kind.
func (k BlockKind) String() string {
	switch k {
	case BlockText:
		return "text"
	case BlockComment:
		return "comment"
	case BlockEntry:
		return "entry"
	case BlockString:
		return "string"
	case BlockPreamble:
		return "preamble"
	case BlockInvalid:
		return "invalid"
	}
	return fmt.Sprintf("BlockKind(%d)", int(k))
}

// Block is one top-level piece of a file. Exactly one of the pointers is set
// for kinds Comment, Entry, String and Preamble; Comment is also set for
// non-blank Text blocks.
type Block struct {
	Kind     BlockKind
	Span     Span
	Entry    *Entry
	String   *StringDef
	Preamble *Preamble
	Comment  *Comment
}

// CommentKind says how a comment was written.
type CommentKind int

// Kinds of comments.
const (
	CommentPercent CommentKind = iota // from % to the end of the line, at top level or between fields
	CommentAt                         // @comment{...} or @comment(...)
	CommentText                       // free text between entries, which BibTeX ignores
)

// Comment is text BibTeX ignores.
type Comment struct {
	Kind CommentKind
	Span Span   // the whole comment, including % or @comment{ and }
	Text string // the content: after %, inside the delimiters, or the free text itself
}

// StringDef is an @string{name = value} definition.
type StringDef struct {
	Span      Span   // from @ to the closing delimiter
	Name      string // as written; macro names compare case-insensitively
	NameSpan  Span
	ValueSpan Span
	Raw       string // the value's source text
	Value     string // the value resolved with the macros defined before it
	Parts     []Part
}

// Preamble is an @preamble{...} block.
type Preamble struct {
	Span      Span
	ValueSpan Span
	Raw       string
	Value     string
	Parts     []Part
}

// Reader reads files in order, sharing macros between them and reporting
// keys that repeat across them. The zero value is not ready: use NewReader.
// A Reader must not be used by several goroutines at once; use one Reader per
// goroutine (Parse does that).
type Reader struct {
	macros *Macros
	// keys indexes the keys read so far, for the duplicate-key check:
	// the hash of a key with ASCII letters lowered (BibTeX compares keys
	// ignoring case) -> its position in refs, where refs with the same hash
	// are chained. Lowering each key into a string of its own to be a map
	// key cost an allocation per entry; the seed keeps a hostile file from
	// choosing keys whose hashes collide.
	keys map[uint64]int32
	refs []keyRef
	seed maphash.Seed
	// storeEveryPart stores a value of one part as well (see Field.parts),
	// for the tests that compare what Field.Part rebuilds with what was read.
	storeEveryPart bool
}

type keyRef struct {
	file string
	span Span
	key  string
	next int32 // the ref read before it with the same hash, or -1
}

// NewReader returns a Reader whose macros are the 12 month macros only.
func NewReader() *Reader {
	return &Reader{macros: NewMacros(), keys: make(map[uint64]int32), seed: maphash.MakeSeed()}
}

// Macros returns the macros defined so far; later Parse calls see them and add to them.
func (r *Reader) Macros() *Macros { return r.macros }

// Parse reads src, named name in diagnostics, with the macros and keys of the
// files read before it. It never fails: problems are in File.Diagnostics.
func (r *Reader) Parse(name string, src []byte) *File {
	return r.parseString(name, string(src))
}

// ParseString is Parse for a string source; it does not copy src.
func (r *Reader) ParseString(name, src string) *File {
	return r.parseString(name, src)
}

// ParseFile reads the file at path and parses it like Parse. The error is only
// about reading the file.
func (r *Reader) ParseFile(path string) (*File, error) {
	src, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("bib: reading %s: %w", path, err)
	}
	return r.parseString(path, string(src)), nil
}

func (r *Reader) parseString(name, src string) *File {
	f := &File{Name: name, Source: src}
	// Size the lists from the number of @ signs: a cheap, vectorised count
	// that saves the repeated growth of large slices.
	// The cap keeps a file full of @ signs from reserving much memory.
	if ats := min(strings.Count(src, "@"), len(src)/48); ats > 0 {
		f.Entries = make([]*Entry, 0, ats)
		f.Blocks = make([]Block, 0, 2*ats+2) // text before each entry, the entry, text after the last
		if len(r.keys) == 0 && ats > 1024 {
			// The keys map too: growing it to 100,000 keys rehashed it
			// a dozen times (60 ms of a 100k-entry file's 450).
			r.keys = make(map[uint64]int32, ats)
			r.refs = make([]keyRef, 0, ats)
		}
	}
	sc := scanner{r: r, f: f, s: src, n: len(src)}
	sc.run()
	return f
}

// Parse reads one file on its own, with only the 12 month macros predefined.
// It is safe to call from several goroutines.
func Parse(name string, src []byte) *File {
	return NewReader().Parse(name, src)
}

// ParseFiles reads the files at paths in order with one Reader, so that
// macros defined in one file are known in the files after it and keys are
// compared across files (BibTeX reads "a.bib,b.bib" the same way). The error
// is only about reading a file; syntax problems are diagnostics.
func ParseFiles(paths ...string) ([]*File, *Macros, error) {
	r := NewReader()
	files := make([]*File, 0, len(paths))
	for _, p := range paths {
		f, err := r.ParseFile(p)
		if err != nil {
			return files, r.macros, err
		}
		files = append(files, f)
	}
	return files, r.macros, nil
}

// Text returns the source text of span s, or "" when s is not inside the file.
func (f *File) Text(s Span) string {
	if s.Start < 0 || s.End > len(f.Source) || s.Start > s.End {
		return ""
	}
	return f.Source[s.Start:s.End]
}

// Entry returns the first entry whose key equals key, ignoring case as
// BibTeX does, or nil.
func (f *File) Entry(key string) *Entry {
	for _, e := range f.Entries {
		if equalFoldASCII(e.Key, key) {
			return e
		}
	}
	return nil
}

// BibTex returns the file in nickng/bibtex's model: entries as
// Entry.BibEntry returns them, @string definitions as BibVars holding their
// resolved value, and preambles. Use it to hand the file to code written for
// that package; it carries no spans.
func (f *File) BibTex() *bibtex.BibTex {
	b := bibtex.NewBibTex()
	for _, s := range f.Strings {
		b.AddStringVar(s.Name, bibtex.NewBibConst(s.Value))
	}
	for _, p := range f.Preambles {
		b.AddPreamble(partsBibString(p.Parts))
	}
	for _, e := range f.Entries {
		b.AddEntry(e.BibEntry())
	}
	return b
}
