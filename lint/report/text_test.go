package report

import (
	"bytes"
	"fmt"
	"io"
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/paperlint/papers/lint"
)

func TestTextLines(t *testing.T) {
	got := render(t, "text", fixtureDiags(fixture(t)), Options{})
	want := strings.Join([]string{
		"notes.md:1:5: info: 论文 needs a space [cjk-spacing]",
		"notes.md:2:32: warning: custom pattern matched [custom-venue]",
		// Related places are shown only with Context (on a terminal): piped,
		// the format is one line per finding.
		"notes.md:3:20: error: NIPS'18: the venue is NeurIPS from 2018 [venue-name]",
		"notes.md:3:15: info: two lines [cjk-spacing]",
		// The newline of the message must not start a new output line.
		`notes.md:4:5: warning: unknown rule "x": 100% sure, <really> second line [directive]`,
		"refs dir/论文 refs.bib:2:12: warning: keep {Deep Interest Network} in braces [title-case]",
		"missing.md:1:1: error: somewhere [venue-name]",
	}, "\n") + "\n"
	if got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
	if strings.Contains(got, "\ufeff") || strings.Contains(got, "\r") {
		t.Errorf("a BOM or CR leaked into the output: %q", got)
	}
}

// TestTextContext checks the source line and the caret row of each
// fixture finding: CJK characters and emoji take two terminal columns
// (in the padding and under the span), a tab stays a tab, the BOM and CR
// are not shown.
func TestTextContext(t *testing.T) {
	fds := fixture(t)
	sp := func(n int) string { return strings.Repeat(" ", n) }
	caret := func(n int) string { return "^" + strings.Repeat("~", n-1) }
	tests := []struct {
		name string
		i    int // index into fixture
		want []string
	}{
		{"cjk after BOM", 0, []string{
			"notes.md:1:5: info: 论文 needs a space [cjk-spacing]",
			"    # 每周论文合集",
			// "# " is 2 columns, 每周 is 4; 论文 is 4 columns wide.
			sp(4+2+4) + caret(4),
		}},
		{"emoji and tab before the span", 1, []string{
			"notes.md:2:32: warning: custom pattern matched [custom-venue]",
			"    ### 😀Deep\tInterest Network(DIN)[KDD'18][Ali]",
			sp(4+4+2+4) + "\t" + sp(21) + caret(8),
		}},
		{"fix, suggestion and related", 2, []string{
			"notes.md:3:20: error: NIPS'18: the venue is NeurIPS from 2018 [venue-name]",
			"    - 是对原始的深度推荐模型的改进，见[NIPS'18]",
			// 14 ideographs and a fullwidth comma and 见 are 2 columns each.
			sp(4+2+14*2+2*2+1) + caret(7),
			"    fix: write NeurIPS",
			"    suggestion: NeurIPS",
			"    notes.md:2:32: a venue tag written right",
			"    refs dir/论文 refs.bib:2:12: the .bib entry",
		}},
		{"span over two lines is underlined to the end of its first line", 3, []string{
			"notes.md:3:15: info: two lines [cjk-spacing]",
			"    - 是对原始的深度推荐模型的改进，见[NIPS'18]",
			sp(4+2+12*2) + caret(4*2+9),
		}},
		{"tab and emoji", 4, []string{
			`notes.md:4:5: warning: unknown rule "x": 100% sure, <really> second line [directive]`,
			"    \t😀😀 [ECCV'21] end",
			"    \t" + sp(2*2+1) + caret(9),
		}},
		{"file without source has no context", 6, []string{
			"missing.md:1:1: error: somewhere [venue-name]",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := render(t, "text", []lint.Diagnostic{fds[tt.i].diag}, Options{Context: true})
			want := strings.Join(tt.want, "\n") + "\n"
			if got != want {
				t.Errorf("got:\n%s\nwant:\n%s\n(got %q)", got, want, got)
			}
		})
	}
}

// TestTextCaretEdgeCases covers a long line (cut around the span), a span
// at the end of a line, an empty span, and a stray CR inside a line.
func TestTextCaretEdgeCases(t *testing.T) {
	long := strings.Repeat("a", 400) + "X" + strings.Repeat("b", 400) + "\n"
	tests := []struct {
		name       string
		src        string
		start, end int
		want       []string
	}{
		{
			name: "long line is cut with an ellipsis and the caret still under the span",
			src:  long, start: 400, end: 401,
			want: []string{
				"    …" + strings.Repeat("a", 100) + "X" + strings.Repeat("b", 99),
				"     " + strings.Repeat(" ", 100) + "^",
			},
		},
		{
			name: "empty span gets one caret",
			src:  "abc def\n", start: 4, end: 4,
			want: []string{"    abc def", "        ^"},
		},
		{
			name: "span at the line end",
			src:  "abc\r\ndef\r\n", start: 3, end: 3,
			want: []string{"    abc", "       ^"},
		},
		{
			name: "a lone CR ends a line",
			src:  "a\rb[X]\n", start: 3, end: 6,
			want: []string{"    b[X]", "     ^~~"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := &lint.File{Path: "x.md", Src: []byte(tt.src), Kind: lint.NotesFile}
			d := lint.Diagnostic{Rule: "r", Severity: lint.Warning, File: "x.md", Start: tt.start, End: tt.end, Message: "m"}
			var b strings.Builder
			if err := Write(&b, "text", []lint.Diagnostic{d}, []*lint.File{f}, Options{Context: true}); err != nil {
				t.Fatal(err)
			}
			lines := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
			if len(lines) != 1+len(tt.want) {
				t.Fatalf("got %d lines, want %d: %q", len(lines), 1+len(tt.want), b.String())
			}
			for i, w := range tt.want {
				if lines[i+1] != w {
					t.Errorf("line %d:\n got %q\nwant %q", i+2, lines[i+1], w)
				}
			}
		})
	}
}

func TestTextColor(t *testing.T) {
	fds := fixture(t)
	diags := []lint.Diagnostic{fds[0].diag, fds[1].diag, fds[2].diag}
	plain := render(t, "text", diags, Options{Context: true})
	if strings.Contains(plain, "\x1b") {
		t.Errorf("escape codes without Color: %q", plain)
	}
	colored := render(t, "text", diags, Options{Context: true, Color: true})
	for _, want := range []string{
		ansiBlue + "info" + ansiReset,
		ansiYellow + ansiBold + "warning" + ansiReset,
		ansiRed + ansiBold + "error" + ansiReset,
		ansiBold + "notes.md:3:20:" + ansiReset,
		ansiDim + "[venue-name]" + ansiReset,
		ansiRed + ansiBold + "^~~~~~~" + ansiReset, // 7 characters of NIPS'18
		ansiGreen + "fix:" + ansiReset + " write NeurIPS",
		ansiGreen + "suggestion:" + ansiReset + " NeurIPS",
	} {
		if !strings.Contains(colored, want) {
			t.Errorf("colored output lacks %q:\n%q", want, colored)
		}
	}
	// Without the escape codes the colored output is the plain one.
	stripped := colored
	for _, c := range []string{ansiReset, ansiBold, ansiRed, ansiYellow, ansiBlue, ansiGreen, ansiDim} {
		stripped = strings.ReplaceAll(stripped, c, "")
	}
	if stripped != plain {
		t.Errorf("colored output minus colors differs:\n%s\n---\n%s", stripped, plain)
	}
}

func TestIsWide(t *testing.T) {
	tests := []struct {
		r    rune
		want bool
	}{
		{'a', false}, {'\t', false}, {'é', false}, {'论', true}, {'，', true},
		{'😀', true}, {'ｶ', false}, // halfwidth katakana
		{'한', true},
	}
	for _, tt := range tests {
		if got := isWide(tt.r); got != tt.want {
			t.Errorf("isWide(%q) = %v, want %v", tt.r, got, tt.want)
		}
	}
}

// writeCaretWhole is writeCaret as it was, reading the whole line: the
// reference TestCaretWindow compares with.
func writeCaretWhole(w io.Writer, line []byte, d lint.Diagnostic, p lint.Position, ix *index, paint func(string, string) string) {
	const maxShown = 200
	// A stray CR inside the line would send the terminal's cursor back to
	// the start; a space keeps the column count that Position gave.
	text := strings.ReplaceAll(string(line), "\r", " ")
	startCol := p.Column - 1 // characters before the span
	end := ix.pos(d.File, d.End)
	spanChars := 1
	if end.Line == p.Line && end.Column > p.Column {
		spanChars = end.Column - p.Column
	} else if end.Line != p.Line {
		spanChars = max(utf8.RuneCountInString(text)-startCol, 1)
	}
	runes := []rune(text)
	// Long lines (minified or generated) are cut around the span.
	from := 0
	if len(runes) > maxShown && startCol > maxShown/2 {
		from = startCol - maxShown/2
	}
	to := min(len(runes), from+maxShown)
	shown := string(runes[from:to])
	prefix := ""
	if from > 0 {
		prefix = "…"
	}
	fmt.Fprintf(w, "    %s%s\n", prefix, shown)
	var pad strings.Builder
	pad.WriteString("    ")
	if from > 0 {
		pad.WriteString(" ")
	}
	for _, r := range runes[from:min(startCol, len(runes))] {
		switch {
		case r == '\t':
			pad.WriteByte('\t')
		case isWide(r):
			pad.WriteString("  ")
		default:
			pad.WriteByte(' ')
		}
	}
	carets := 0
	for i := startCol; i < min(startCol+spanChars, len(runes), to); i++ {
		if isWide(runes[i]) {
			carets += 2
		} else {
			carets++
		}
	}
	carets = max(carets, 1)
	fmt.Fprintf(w, "%s%s\n", pad.String(), paint(ansiRed+ansiBold, "^"+strings.Repeat("~", carets-1)))
}

// TestCaretWindow compares writeCaret, which reads a window of the line,
// with writeCaretWhole on lines short and long, with wide characters,
// tabs, CRs, emoji and invalid bytes, and spans empty, short, long and
// running past the line.
func TestCaretWindow(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	pieces := []string{"a", "中", "😀", "\t", "\r", "BERT", "，", "\xff", " ", "é"}
	for round := range 400 {
		var b strings.Builder
		n := rng.IntN(600)
		if round%4 == 0 {
			n = rng.IntN(5)
		}
		for range n {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		src := b.String() + "\nnext line\n"
		f := &lint.File{Path: "n.md", Src: []byte(src), Kind: lint.NotesFile}
		ix := newIndex([]*lint.File{f})
		lineLen := len(src) - len("\nnext line\n")
		start := rng.IntN(lineLen + 1)
		end := start
		switch rng.IntN(4) {
		case 1:
			end = min(start+rng.IntN(8), lineLen)
		case 2:
			end = min(start+rng.IntN(400), lineLen)
		case 3:
			end = len(src) - 2 // on the next line
		}
		// Findings start and end between characters.
		for start > 0 && !utf8.RuneStart(src[start]) {
			start--
		}
		for end < len(src) && !utf8.RuneStart(src[end]) {
			end++
		}
		d := lint.Diagnostic{File: "n.md", Start: start, End: end}
		p := ix.pos("n.md", start)
		line := ix.line("n.md", p.Line)
		paint := func(_, s string) string { return s }
		var got, want bytes.Buffer
		writeCaret(&got, line, d, p, ix, paint)
		writeCaretWhole(&want, line, d, p, ix, paint)
		if got.String() != want.String() {
			t.Fatalf("round %d, span [%d, %d) of %q:\ngot\n%s\nwant\n%s", round, start, end, line, got.String(), want.String())
		}
	}
}

// TestIsCleanWordAtATime checks the eight-bytes-at-a-time isClean against
// the byte loop: every byte value at every place of words around a run of
// clean text, and random strings that mix them.
func TestIsCleanWordAtATime(t *testing.T) {
	for _, all := range []bool{false, true} {
		for n := 0; n <= 19; n++ {
			for at := 0; at < n; at++ {
				for c := 0; c < 256; c++ {
					b := []byte(strings.Repeat("a", n))
					b[at] = byte(c)
					if got, want := isClean(string(b), all), cleanBytes(string(b), all); got != want {
						t.Fatalf("isClean(%q, %v) = %v, byte loop says %v", b, all, got, want)
					}
				}
			}
		}
		r := rand.New(rand.NewPCG(1, 2))
		alphabet := []byte{'a', ' ', '\t', '\n', 0x1b, 0x1f, 0x20, 0x7e, 0x7f, 0x80, 0xc2, 0xc3, 0xe4, 0xff}
		for range 20000 {
			b := make([]byte, r.IntN(40))
			for i := range b {
				b[i] = alphabet[r.IntN(len(alphabet))]
				if r.IntN(3) > 0 {
					b[i] = 'a' + byte(r.IntN(26))
				}
			}
			if got, want := isClean(string(b), all), cleanBytes(string(b), all); got != want {
				t.Fatalf("isClean(%q, %v) = %v, byte loop says %v", b, all, got, want)
			}
		}
	}
}

// TestTextRepeatedMessages writes findings whose messages repeat, clean
// and with control characters, in runs and alternating, and messages that
// start at the same byte with different lengths (substrings of one text):
// a message is copied unchecked only when the same string was seen clean.
func TestTextRepeatedMessages(t *testing.T) {
	base := "clean\x1b[31m"
	msgs := []string{"clean", "esc \x1b[31m", "clean", "esc \x1b[31m", "esc \x1b[31m", "two\nlines", base[:5], base, base[:5], base, "clean", "clean"}
	var diags []lint.Diagnostic
	var want strings.Builder
	for i, m := range msgs {
		diags = append(diags, lint.Diagnostic{Rule: "r", Severity: lint.Warning, File: "x.md", Start: i, End: i + 1, Message: m})
		fmt.Fprintf(&want, "x.md:1:%d: warning: %s [r]\n", i+1, appendOneLine(nil, m))
	}
	files := []*lint.File{{Path: "x.md", Src: []byte("0123456789ab"), Text: "0123456789ab"}}
	var got bytes.Buffer
	if err := Write(&got, "text", diags, files, Options{}); err != nil {
		t.Fatal(err)
	}
	if got.String() != want.String() {
		t.Errorf("got\n%s\nwant\n%s", got.String(), want.String())
	}
}
