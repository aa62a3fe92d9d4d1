package lint

import (
	"bytes"
	"math/rand/v2"
	"slices"
	"sort"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/paperlint/papers/notes"
)

func TestLineIndexPositions(t *testing.T) {
	src := []byte("\ufeffab\r\n\t中😀x\nlast")
	li := NewLineIndex(src)
	tests := []struct {
		off                       int
		line, col, col16, colByte int
	}{
		{3, 1, 1, 1, 1},  // after the BOM: column 1 in every unit (the BOM is invisible)
		{4, 1, 2, 2, 2},  // 'b'
		{7, 2, 1, 1, 1},  // tab
		{8, 2, 2, 2, 2},  // 中
		{11, 2, 3, 3, 5}, // 😀: one character, two UTF-16 units
		{15, 2, 4, 5, 9}, // x
		{17, 3, 1, 1, 1}, // "last"
		{21, 3, 5, 5, 5}, // end of file
		{99, 3, 5, 5, 5}, // clamped
	}
	for _, tt := range tests {
		p := li.Position(tt.off)
		if p.Line != tt.line || p.Column != tt.col || p.Column16 != tt.col16 || p.ColumnByte != tt.colByte {
			t.Errorf("Position(%d) = line %d col %d col16 %d colByte %d; want %d %d %d %d",
				tt.off, p.Line, p.Column, p.Column16, p.ColumnByte, tt.line, tt.col, tt.col16, tt.colByte)
		}
	}
	if got := string(li.Line(1)); got != "ab" {
		t.Errorf("Line(1) = %q (BOM and CR must go)", got)
	}
	if got := string(li.Line(3)); got != "last" {
		t.Errorf("Line(3) = %q", got)
	}
	if li.Lines() != 3 || li.Line(4) != nil {
		t.Errorf("Lines() = %d", li.Lines())
	}
}

// A line of several megabytes must not shift columns.
func TestLineIndexLongLine(t *testing.T) {
	long := make([]byte, 0, 3<<20)
	for len(long) < 3<<20 {
		long = append(long, "中文ab"...)
	}
	src := append(append([]byte("x\n"), long...), "\nend"...)
	li := NewLineIndex(src)
	p := li.Position(2 + len(long))
	if p.Line != 2 || p.Column != 1+len(long)/8*4 {
		t.Errorf("end of long line: line %d col %d", p.Line, p.Column)
	}
	if q := li.Position(len(src) - 1); q.Line != 3 || q.Column != 3 {
		t.Errorf("after it: %+v", q)
	}
}

// TestPositionOnLongLines compares positions on long lines (which use
// marks) with a plain scan from the line start, at every offset, with
// 1- to 4-byte characters, invalid bytes, a BOM and CRLF endings.
func TestPositionOnLongLines(t *testing.T) {
	var b strings.Builder
	b.WriteString("\ufeff")
	pieces := []string{"a", "中", "😀", "é", "\xff", "\t", " ", "BERT", "，", "\xe4\xb8", "\xbf", "\xed\xa0\x80", "\xf0\x9f"}
	for line := range 3 {
		for i := range 3000 + line*500 {
			b.WriteString(pieces[(i*7+line)%len(pieces)])
		}
		b.WriteString("\r\n")
	}
	b.WriteString("short\n")
	src := []byte(b.String())
	li := NewLineIndex(src)
	plain := func(off int) Position {
		line := sort.Search(len(li.starts), func(i int) bool { return li.starts[i] > off }) - 1
		start := li.starts[line]
		if line == 0 && off >= 3 {
			start = 3
		}
		col, col16 := columnsByDecode(src[start:off])
		return Position{Offset: off, Line: line + 1, Column: col, Column16: col16, ColumnByte: off - start + 1}
	}
	// Backwards, so that marks are built by a lookup far into the line.
	for off := len(src); off >= 0; off-- {
		if got, want := li.Position(off), plain(off); got != want {
			t.Fatalf("offset %d: got %+v, want %+v", off, got, want)
		}
	}
}

// TestLineMarks checks the marks of long lines, whose valid stretches are
// counted a word at a time, against marks made a character at a time,
// on random lines of 1- to 4-byte characters, invalid and truncated
// sequences and runs of stray continuation bytes.
func TestLineMarks(t *testing.T) {
	pieces := []string{"a", "BERT ", "中文", "，", "é", "😀", "\xff", "\xe4\xb8", "\xbf", "\xbf\xbf\xbf\xbf\xbf", "\xed\xa0\x80", "\xf0\x9f"}
	rng := rand.New(rand.NewPCG(11, 12))
	for round := range 300 {
		var b []byte
		for len(b) < 200+rng.IntN(3000) {
			// Long clean stretches, as in real text, and dirty ones.
			k := rng.IntN(6)
			if round%2 == 1 && rng.IntN(4) == 0 { // even rounds: valid UTF-8 only
				k = rng.IntN(len(pieces))
			}
			b = append(b, pieces[k]...)
		}
		var got lineMarks
		got.build(b, 0, false)
		if utf8.Valid(b) {
			var trusted lineMarks
			trusted.build(b, 0, true)
			if !slices.Equal(trusted.off, got.off) || !slices.Equal(trusted.col, got.col) || !slices.Equal(trusted.c16, got.c16) {
				t.Fatalf("round %d: marks of valid %q differ when trusted", round, b)
			}
		}
		// Marks a character at a time: at the first character start
		// at or past every markEvery bytes.
		var want lineMarks
		col, col16, next := 1, 1, 0
		for at := 0; at < len(b); {
			if at >= next {
				want.off = append(want.off, at)
				want.col = append(want.col, col)
				want.c16 = append(want.c16, col16)
				next = at + markEvery
			}
			r, w := utf8.DecodeRune(b[at:])
			at += w
			col++
			col16++
			if r >= 0x10000 {
				col16++
			}
		}
		if !slices.Equal(got.off, want.off) || !slices.Equal(got.col, want.col) || !slices.Equal(got.c16, want.c16) {
			t.Fatalf("round %d: marks of %q\n got %v %v %v\nwant %v %v %v", round, b, got.off, got.col, got.c16, want.off, want.col, want.c16)
		}
	}
}

// Offset is the inverse of Position in every unit, after astral characters
// (an emoji is two UTF-16 units), CJK (three bytes), a BOM and CRLF.
func TestOffsetInverse(t *testing.T) {
	src := []byte("\xef\xbb\xbf# 标题😀x\r\n- 用😀BERT编码\n\nend")
	li := NewLineIndex(src)
	for off := 3; off <= len(src); off++ {
		if off < len(src) && !utf8.RuneStart(src[off]) {
			continue
		}
		p := li.Position(off)
		for unit, col := range map[ColumnUnit]int{Characters: p.Column, UTF16: p.Column16, Bytes: p.ColumnByte} {
			if got := li.Offset(p.Line, col, unit); got != off && (src[off-1] != '\r' || got != off-1) {
				t.Errorf("offset %d: Position %+v, Offset(%d, %d, %v) = %d", off, p, p.Line, col, unit, got)
			}
		}
	}
	// Past the end of a line: its end, before the CRLF.
	if got := li.Offset(1, 99, UTF16); got != bytes.IndexByte(src, '\r') {
		t.Errorf("column past the line's end: %d", got)
	}
	// Inside an emoji (its second UTF-16 unit): the emoji's start.
	emoji := bytes.Index(src, []byte("😀"))
	if got := li.Offset(1, li.Position(emoji).Column16+1, UTF16); got != emoji {
		t.Errorf("inside an emoji: %d, want %d", got, emoji)
	}
	if got := li.Offset(9, 1, UTF16); got != len(src) {
		t.Errorf("line past the end: %d", got)
	}
}

// A lone CR ends a line, as CRLF and LF do.
func TestLineIndexLoneCR(t *testing.T) {
	src := []byte("a\rbc\r\nd\ne")
	li := NewLineIndex(src)
	for _, c := range []struct {
		off, line, col int
		text           string
	}{{0, 1, 1, "a"}, {2, 2, 1, "bc"}, {3, 2, 2, "bc"}, {6, 3, 1, "d"}, {8, 4, 1, "e"}} {
		p := li.Position(c.off)
		if p.Line != c.line || p.Column != c.col || string(li.Line(p.Line)) != c.text {
			t.Errorf("offset %d: line %d col %d %q, want %d %d %q", c.off, p.Line, p.Column, li.Line(p.Line), c.line, c.col, c.text)
		}
	}
}

// TestPositionFrom checks PositionFrom against Position for offsets after
// an earlier one (on its line, or lines on, found by a search from its
// line), on text with CJK, emoji, invalid bytes, a BOM, CRLF and lone CR
// line ends, and lines long enough to have marks.
func TestPositionFrom(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	pieces := []string{"a", "中文", "😀", "\xe4\xbd", "\xbd", " ", "\r\n", "\n", "\r", "BERT", "，"}
	for round := range 100 {
		var b strings.Builder
		if round%4 == 0 {
			b.WriteString("\uFEFF")
		}
		for range rng.IntN(3000) {
			p := pieces[rng.IntN(len(pieces))]
			if (p == "\n" || p == "\r\n" || p == "\r") && round%2 == 0 && rng.IntN(20) != 0 {
				p = "x" // mostly long lines in half the rounds, many short ones in the others
			}
			b.WriteString(p)
		}
		src := []byte(b.String())
		li := NewLineIndex(src)
		for k := range 300 {
			a := rng.IntN(len(src) + 1)
			if k < 5 {
				a = min(k, len(src)) // from inside the BOM, and just after it
			}
			off := a + rng.IntN(2*markEvery)
			if k%3 == 0 {
				off = a + rng.IntN(len(src)-a+1) // lines on, as far as the end
			}
			if off > len(src) {
				off = len(src)
			}
			if got, want := li.PositionFrom(li.Position(a), off), li.Position(off); got != want {
				t.Fatalf("round %d: PositionFrom(Position(%d), %d) = %+v, want %+v", round, a, off, got, want)
			}
			// The line, against a search of every line start.
			line := sort.Search(len(li.starts), func(i int) bool { return li.starts[i] > off })
			if got := li.Position(off).Line; got != line {
				t.Fatalf("round %d: Position(%d).Line = %d, want %d", round, off, got, line)
			}
		}
	}
}

// TestAdvanceIsDecodeRune checks advance's shortcuts against counting
// with utf8.DecodeRune: every lead byte followed by bytes at the edges of
// the continuation range, cut at every length, and random strings of
// UTF-8 pieces and stray bytes.
func TestAdvanceIsDecodeRune(t *testing.T) {
	check := func(seg []byte) {
		t.Helper()
		c, c16 := advance(seg, 1, 1)
		if wc, wc16 := columnsByDecode(seg); c != wc || c16 != wc16 {
			t.Fatalf("advance(%q) = %d, %d; DecodeRune counts %d, %d", seg, c, c16, wc, wc16)
		}
	}
	edges := []byte{0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xFF}
	for lead := 0x80; lead <= 0xFF; lead++ {
		for _, b1 := range edges {
			for _, b2 := range edges {
				for _, b3 := range edges {
					seg := []byte{byte(lead), b1, b2, b3, 'x'}
					for n := 1; n <= len(seg); n++ {
						check(seg[:n])
					}
				}
			}
		}
	}
	pieces := []string{"a", " ", "用", "，", "€", "😀", "é", "\xed\xa0\x80", "\xe4\xb8", "\xbf", "\xff", "\xf0\x9f"}
	rng := rand.New(rand.NewPCG(9, 10))
	for range 20000 {
		var b []byte
		for range rng.IntN(12) {
			b = append(b, pieces[rng.IntN(len(pieces))]...)
		}
		check(b)
	}
}

// columnsByDecode returns the columns (characters, UTF-16 units) after
// seg from column 1, decoding each character with utf8.DecodeRune: what
// the line index's counting must agree with.
func columnsByDecode(seg []byte) (int, int) {
	col, col16 := 1, 1
	for len(seg) > 0 {
		r, w := utf8.DecodeRune(seg)
		seg = seg[w:]
		col++
		col16++
		if r >= 0x10000 {
			col16++
		}
	}
	return col, col16
}

// TestLinesTrustParse: a file's line index skips checking UTF-8 only when
// its notes were parsed from the same bytes and found valid.
func TestLinesTrustParse(t *testing.T) {
	src := []byte("中文 text\n")
	for _, c := range []struct {
		name  string
		doc   *notes.Document
		trust bool
	}{
		{"no notes", nil, false},
		{"checked, same bytes", &notes.Document{Src: src, ValidUTF8: true}, true},
		{"not checked", &notes.Document{Src: src}, false},
		{"checked, other bytes", &notes.Document{Src: bytes.Clone(src), ValidUTF8: true}, false},
	} {
		f := &File{Path: "x.md", Src: src, Notes: c.doc}
		if got := f.Lines().valid; got != c.trust {
			t.Errorf("%s: trusted %v, want %v", c.name, got, c.trust)
		}
	}
}
