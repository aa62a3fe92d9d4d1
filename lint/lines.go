package lint

import (
	"bytes"
	"sort"
	"unicode/utf8"
)

// LineIndex converts byte offsets of one file to line and column numbers.
// It is built once per file; lookups are a binary search plus a scan of one
// line, so a line of several megabytes costs one scan per lookup, never a
// shift of columns.
type LineIndex struct {
	src    []byte
	starts []int // byte offset of each line's first byte
	bom    int   // 3 when the file starts with a UTF-8 BOM
}

// NewLineIndex indexes src.
func NewLineIndex(src []byte) *LineIndex {
	// Counting first sizes the index exactly: files run to millions of lines.
	starts := make([]int, 1, bytes.Count(src, []byte{'\n'})+1)
	for off := 0; ; {
		i := bytes.IndexByte(src[off:], '\n')
		if i < 0 {
			break
		}
		off += i + 1
		starts = append(starts, off)
	}
	li := &LineIndex{src: src, starts: starts}
	if len(src) >= 3 && src[0] == 0xEF && src[1] == 0xBB && src[2] == 0xBF {
		li.bom = 3
	}
	return li
}

// Position is a location in a file, 1-based.
type Position struct {
	Offset int
	Line   int
	// Column counts Unicode characters (a tab is one), as editors and
	// GitHub annotations do.
	Column int
	// Column16 counts UTF-16 code units, as SARIF declares.
	Column16 int
	// ColumnByte counts bytes, as rdjson's spec does.
	ColumnByte int
}

// Position converts a byte offset. Offsets past the end are clamped.
func (li *LineIndex) Position(off int) Position {
	if off < 0 {
		off = 0
	}
	if off > len(li.src) {
		off = len(li.src)
	}
	line := sort.Search(len(li.starts), func(i int) bool { return li.starts[i] > off }) - 1
	start := li.starts[line]
	if line == 0 && li.bom > 0 && off >= li.bom {
		start = li.bom // a BOM is not a character anyone sees
	}
	col, col16 := 1, 1
	seg := li.src[start:off]
	for len(seg) > 0 {
		r, w := utf8.DecodeRune(seg)
		seg = seg[w:]
		col++
		if r >= 0x10000 {
			col16 += 2
		} else {
			col16++
		}
	}
	return Position{Offset: off, Line: line + 1, Column: col, Column16: col16, ColumnByte: off - start + 1}
}

// Line returns the text of 1-based line n without its line ending.
func (li *LineIndex) Line(n int) []byte {
	if n < 1 || n > len(li.starts) {
		return nil
	}
	start := li.starts[n-1]
	if n == 1 {
		start = li.bom
	}
	end := len(li.src)
	if n < len(li.starts) {
		end = li.starts[n] - 1
	}
	if end > start && li.src[end-1] == '\r' {
		end--
	}
	if end < start {
		end = start
	}
	return li.src[start:end]
}

// LineStart returns the byte offset where 1-based line n starts.
func (li *LineIndex) LineStart(n int) int {
	if n < 1 {
		return 0
	}
	if n > len(li.starts) {
		return len(li.src)
	}
	return li.starts[n-1]
}

// Lines is the number of lines.
func (li *LineIndex) Lines() int { return len(li.starts) }
