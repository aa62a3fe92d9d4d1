package lint

import (
	"path/filepath"
	"strings"
	"sync"

	"github.com/paperlint/papers/bib"
	"github.com/paperlint/papers/notes"
)

// Kind is what a file holds.
type Kind int

// File kinds.
const (
	NotesFile Kind = iota + 1
	BibFile
)

func (k Kind) String() string {
	switch k {
	case NotesFile:
		return "notes"
	case BibFile:
		return "bib"
	}
	return "unknown"
}

// KindOf tells a file's kind from its name: `.bib` is BibTeX, the rest is
// Markdown notes.
func KindOf(path string) Kind {
	if strings.EqualFold(filepath.Ext(path), ".bib") {
		return BibFile
	}
	return NotesFile
}

// Input is a file to lint: its name and bytes.
type Input struct {
	Path string
	Src  []byte
	Kind Kind // 0: decided by KindOf(Path)
	// Companion, for a notes file, is the path of its .bib; empty when it
	// has none. The .bib itself must be among the run's inputs.
	Companion string
	// Quiet is true for a file that was not named by the user (a companion
	// .bib, the rest of the workspace around a named file): it is read so
	// that notes and corpus rules can compare with it, but its own
	// findings are not reported.
	Quiet bool
}

// File is a parsed file: its text and what parsing made of it. A File is
// never changed once parsed (a new text makes a new File), so that runs and
// the editor server can share it; what a run computes from it (analyses,
// directives) belongs to the run.
type File struct {
	Path string
	Src  []byte
	// Text is Src as a string, sharing its bytes: Src is never modified.
	Text  string
	Kind  Kind
	Notes *notes.Document // for NotesFile
	Bib   *bib.File       // for BibFile
	// Companion is the .bib paired with a notes file, nil when it has none.
	// The workspace sets it when it pairs the files.
	Companion *File
	// Quiet files are read for reference only; findings in them are dropped.
	Quiet bool
	// Reparsed, when not nil, says which part of the file an edit parsed
	// again (ReparseFile); nil for a file parsed whole.
	Reparsed *Reparsed

	linesOnce sync.Once
	lines     *LineIndex
}

// Lines returns the file's line index, built on first use.
func (f *File) Lines() *LineIndex {
	f.linesOnce.Do(func() {
		f.lines = NewLineIndex(f.Src)
		// The notes parser checked the text: the marks of a long line
		// need not check it again.
		if d := f.Notes; d != nil && d.ValidUTF8 && sameBytes(d.Src, f.Src) {
			f.lines.valid = true
		}
	})
	return f.lines
}

// Slice returns the source text of [start, end), or "" when out of range.
func (f *File) Slice(start, end int) string {
	if start < 0 || end > len(f.Src) || start > end {
		return ""
	}
	return string(f.Src[start:end])
}

// Protected reports whether an edit of [start, end) would touch text no fix
// may change (code, URLs, HTML, math, front matter).
func (f *File) Protected(start, end int) bool {
	if f.Notes == nil {
		return false
	}
	return f.Notes.IsProtected(notes.Span{Start: start, End: end})
}

// sameBytes reports whether a and b are the same memory.
func sameBytes(a, b []byte) bool {
	return len(a) == len(b) && (len(a) == 0 || &a[0] == &b[0])
}
