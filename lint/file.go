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
	// LintAlso is false for a companion .bib that was not named by the user:
	// it is read so that notes rules can compare with it, but its own
	// findings are not reported.
	Quiet bool
}

// File is a parsed file of a run.
type File struct {
	Path  string
	Src   []byte
	Kind  Kind
	Notes *notes.Document // for NotesFile
	Bib   *bib.File       // for BibFile
	// Companion is the .bib paired with a notes file, nil when it has none.
	Companion *File
	// Quiet files are read for reference only; findings in them are dropped.
	Quiet bool

	companionOf []*File // the notes files whose Companion this is

	linesOnce sync.Once
	lines     *LineIndex
	dirs      *directives

	memoMu sync.Mutex
	memo   map[string]*memoEntry
}

type memoEntry struct {
	once sync.Once
	v    any
}

// Memo returns what fn computes for key, computing it once per file however
// many rules ask, from whichever goroutine asks first. Rules that share
// expensive work use it: the two CJK rules analyse the prose once.
func (f *File) Memo(key string, fn func() any) any {
	f.memoMu.Lock()
	if f.memo == nil {
		f.memo = map[string]*memoEntry{}
	}
	e, ok := f.memo[key]
	if !ok {
		e = &memoEntry{}
		f.memo[key] = e
	}
	f.memoMu.Unlock()
	e.once.Do(func() { e.v = fn() })
	return e.v
}

// Lines returns the file's line index, built on first use.
func (f *File) Lines() *LineIndex {
	f.linesOnce.Do(func() { f.lines = NewLineIndex(f.Src) })
	return f.lines
}

// Text returns the source bytes of [start, end) as a string.
func (f *File) Text(start, end int) string {
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

// CompanionOf returns the notes files of the run whose companion f is, in
// input order: work about a .bib that every notes file pairing with it
// needs (such as near misses among its entries) can be done once for all
// of them.
func (f *File) CompanionOf() []*File { return f.companionOf }

// resetMemo forgets what Memo computed: a new run starts afresh even on
// files parsed before.
func (f *File) resetMemo() {
	f.memoMu.Lock()
	f.memo = nil
	f.memoMu.Unlock()
}
