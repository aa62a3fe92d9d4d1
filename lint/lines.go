package lint

import (
	"bytes"
	"encoding/binary"
	"math/bits"
	"sort"
	"sync"
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
	valid  bool  // src is known to be valid UTF-8

	// marks holds, for each long line asked about, the columns at points
	// along it (*lineMarks by line number), so that a lookup scans at most
	// markEvery bytes: a paragraph of a hundred kilobytes on one line with
	// thousands of findings would otherwise cost findings x length.
	marks sync.Map
}

// Lines longer than longLine bytes get marks every markEvery bytes: a
// lookup then decodes 64 bytes on average (one 20 MB line with 2.4 million
// findings: 24 bytes of marks per 128 bytes of line, and the text output
// 0.6 s faster than with marks every kilobyte).
const (
	longLine  = 4096
	markEvery = 128
)

// lineMarks are the columns at rune starts along one long line.
type lineMarks struct {
	once sync.Once
	off  []int // byte offsets, increasing, the first the line's start
	col  []int // Column at off
	c16  []int // Column16 at off
}

// NewLineIndex indexes src. Lines end at "\n", "\r\n" or a lone "\r", as
// CommonMark and editors read them: a file saved with old Mac line endings
// is not one line.
func NewLineIndex(src []byte) *LineIndex {
	var starts []int
	if bytes.IndexByte(src, '\r') < 0 {
		// Counting first sizes the index exactly: files run to millions
		// of lines.
		starts = make([]int, 1, bytes.Count(src, []byte{'\n'})+1)
		for off := 0; ; {
			i := bytes.IndexByte(src[off:], '\n')
			if i < 0 {
				break
			}
			off += i + 1
			starts = append(starts, off)
		}
	} else {
		starts = []int{0}
		for i := 0; i < len(src); i++ {
			switch src[i] {
			case '\n':
				starts = append(starts, i+1)
			case '\r':
				if i+1 < len(src) && src[i+1] == '\n' {
					continue // the \n ends the line
				}
				starts = append(starts, i+1)
			}
		}
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
	return li.positionOnLine(off, li.lineOf(off, 0))
}

// lineOf returns the 0-based line of off (0 <= off <= len(src)), which is
// at or after line from: it looks a line, then 2, 4, 8... lines on before
// it halves the step, so that a writer going through a file's findings in
// order finds each one's line near the last one's (on the 100k-paper
// notes, 1.6 million lines, a search from the start cost 80 ms of
// cache misses for a million findings).
func (li *LineIndex) lineOf(off, from int) int {
	lo, hi := from, len(li.starts) // starts[lo] <= off; starts[hi] > off or hi == len
	for step := 1; lo+step < hi; step *= 2 {
		if li.starts[lo+step] > off {
			hi = lo + step
			break
		}
		lo += step
	}
	for hi-lo > 1 {
		mid := int(uint(lo+hi) >> 1)
		if li.starts[mid] > off {
			hi = mid
		} else {
			lo = mid
		}
	}
	return lo
}

// positionOnLine is Position(off) for off on 0-based line.
func (li *LineIndex) positionOnLine(off, line int) Position {
	start := li.starts[line]
	if line == 0 && li.bom > 0 && off >= li.bom {
		start = li.bom // a BOM is not a character anyone sees
	}
	col, col16 := 1, 1
	from := start
	if end := li.lineEnd(line); end-start > longLine && off-start > markEvery {
		m := li.marksOf(line, start, end)
		k := sort.Search(len(m.off), func(k int) bool { return m.off[k] > off }) - 1
		from, col, col16 = m.off[k], m.col[k], m.c16[k]
	}
	col, col16 = advance(li.src[from:off], col, col16)
	return Position{Offset: off, Line: line + 1, Column: col, Column16: col16, ColumnByte: off - start + 1}
}

// PositionFrom is Position(off) for an offset at or after p, a position
// Position gave, on the same line and less than markEvery bytes on: it
// decodes only the text between them. A writer that goes through one
// line's findings in order (a long line with thousands) then does not
// search and decode for each one. The line of an offset on a later line
// is searched for from p's; earlier offsets go through Position.
func (li *LineIndex) PositionFrom(p Position, off int) Position {
	if off < p.Offset || off-p.Offset >= markEvery || p.Line < 1 || p.Line > len(li.starts) ||
		off >= li.lineEnd(p.Line-1) || p.Offset >= len(li.src) || !utf8.RuneStart(li.src[p.Offset]) ||
		p.Line == 1 && p.Offset < li.bom {
		// A continuation byte may sit inside a rune that decoding from
		// the line's start reads whole: not a place to start from.
		if off > p.Offset && off <= len(li.src) && p.Line >= 1 && p.Line <= len(li.starts) && li.starts[p.Line-1] <= p.Offset {
			return li.positionOnLine(off, li.lineOf(off, p.Line-1)) // a later line: searched from p's
		}
		return li.Position(off)
	}
	col, col16 := advance(li.src[p.Offset:off], p.Column, p.Column16)
	return Position{Offset: off, Line: p.Line, Column: col, Column16: col16, ColumnByte: p.ColumnByte + off - p.Offset}
}

// advance returns the columns (characters, UTF-16 code units) after seg,
// from col and col16 before it. An invalid byte counts as one character,
// as utf8.DecodeRune reads it.
func advance(seg []byte, col, col16 int) (int, int) {
	for i := 0; i < len(seg); {
		col++
		col16++
		if seg[i] < utf8.RuneSelf {
			i++ // not a call: most text between findings is ASCII
			continue
		}
		w, pair := charAt(seg, i)
		i += w
		if pair {
			col16++
		}
	}
	return col, col16
}

// charAt returns the width of the character at seg[i] as utf8.DecodeRune
// reads it, and whether UTF-16 writes it in two units. ASCII and
// well-formed three-byte characters (CJK text, full-width punctuation)
// are counted without decoding them: a writer goes through the text
// before every finding, 2.4 million on one 20 MB line.
func charAt(seg []byte, i int) (w int, pair bool) {
	c := seg[i]
	if c < utf8.RuneSelf {
		return 1, false
	}
	// E1-EC and EE-EF start a three-byte character whenever two
	// continuation bytes follow (after E0 and ED fewer second bytes are
	// allowed); it is below U+10000.
	if c >= 0xE1 && c != 0xED && c <= 0xEF && i+2 < len(seg) && seg[i+1]&0xC0 == 0x80 && seg[i+2]&0xC0 == 0x80 {
		return 3, false
	}
	r, w := utf8.DecodeRune(seg[i:])
	return w, r >= 0x10000
}

// lineEnd returns the offset just past 0-based line i (its newline
// included).
func (li *LineIndex) lineEnd(i int) int {
	if i+1 < len(li.starts) {
		return li.starts[i+1]
	}
	return len(li.src)
}

// marksOf returns the marks of 0-based line i, [start, end), building them
// on first use; any number of goroutines may ask at once.
func (li *LineIndex) marksOf(i, start, end int) *lineMarks {
	v, _ := li.marks.LoadOrStore(i, &lineMarks{})
	m := v.(*lineMarks)
	m.once.Do(func() { m.build(li.src[:end], start, li.valid) })
	return m
}

// build sets the marks of the line src[start:]. Every writer formatting a
// part of a long line's findings waits for them (a 20 MB line's took 0.06
// s counted a character at a time): a stretch of valid UTF-8 between two
// marks is counted a word at a time (utf8.Valid, unless valid says src is
// valid UTF-8, then its lead bytes), anything else a character at a time
// as advance does.
func (m *lineMarks) build(src []byte, start int, valid bool) {
	n := (len(src)-start)/markEvery + 1
	m.off, m.col, m.c16 = make([]int, 0, n), make([]int, 0, n), make([]int, 0, n)
	col, col16 := 1, 1
	for at := start; at < len(src); {
		m.off = append(m.off, at)
		m.col = append(m.col, col)
		m.c16 = append(m.c16, col16)
		next := min(at+markEvery, len(src))
		// The stretch ends where a character starts: valid UTF-8 up to
		// there is decoded a character at a time exactly as it is cut.
		to := next
		for to < len(src) && src[to]&0xC0 == 0x80 && to-next < utf8.UTFMax {
			to++
		}
		if seg := src[at:to]; (to == len(src) || src[to]&0xC0 != 0x80) && (valid || utf8.Valid(seg)) {
			chars, astral := countChars(seg)
			col += chars
			col16 += chars + astral
			at = to
			continue
		}
		for at < next {
			w, pair := charAt(src, at)
			at += w
			col++
			col16++
			if pair {
				col16++
			}
		}
	}
	if len(m.off) == 0 {
		m.off, m.col, m.c16 = []int{start}, []int{1}, []int{1}
	}
}

// countChars returns the characters of s, valid UTF-8, and how many of
// them are outside the BMP (two UTF-16 units): its bytes that are not
// continuation bytes (10xxxxxx), and its four-byte lead bytes (11110xxx),
// eight bytes at a time.
func countChars(s []byte) (chars, astral int) {
	const highs = 0x8080808080808080
	i := 0
	for ; i+8 <= len(s); i += 8 {
		x := binary.LittleEndian.Uint64(s[i:])
		// Bit 7 of each byte, and bits 6, 5, 4 shifted onto it.
		cont := x &^ (x << 1) & highs
		lead4 := x & (x << 1) & (x << 2) & (x << 3) & highs
		chars += 8 - bits.OnesCount64(cont)
		astral += bits.OnesCount64(lead4)
	}
	for ; i < len(s); i++ {
		if s[i]&0xC0 != 0x80 {
			chars++
		}
		if s[i] >= 0xF0 {
			astral++
		}
	}
	return chars, astral
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

// ColumnUnit is what a column counts, for Offset.
type ColumnUnit int

// Column units, as Position reports them.
const (
	// Characters counts Unicode characters (Position.Column).
	Characters ColumnUnit = iota
	// UTF16 counts UTF-16 code units (Position.Column16), as the Language
	// Server Protocol does by default.
	UTF16
	// Bytes counts UTF-8 bytes (Position.ColumnByte).
	Bytes
)

// Offset converts a 1-based line and a 1-based column counted in unit back
// to a byte offset: the inverse of Position. A column past the end of the
// line gives the offset of the line's end (before its line ending), a line
// past the last gives the end of the file, and a column inside a character
// (the second UTF-16 unit of an emoji, a byte inside a CJK character) gives
// the start of that character, so that an edit never splits one.
func (li *LineIndex) Offset(line, col int, unit ColumnUnit) int {
	if line < 1 {
		return 0
	}
	if line > len(li.starts) {
		return len(li.src)
	}
	start := li.starts[line-1]
	if line == 1 {
		start = li.bom
	}
	end := li.lineEnd(line - 1)
	if end > start && li.src[end-1] == '\n' {
		end--
		if end > start && li.src[end-1] == '\r' {
			end--
		}
	}
	at, c := start, 1
	for at < end && c < col {
		r, w := utf8.DecodeRune(li.src[at:end])
		n := 1
		switch {
		case unit == Bytes:
			n = w
		case unit == UTF16 && r >= 0x10000:
			n = 2
		}
		if c+n > col {
			break // col falls inside this character
		}
		c += n
		at += w
	}
	return at
}
