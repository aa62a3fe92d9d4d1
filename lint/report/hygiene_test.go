package report

import (
	"bytes"
	"strings"
	"testing"

	"github.com/paperlint/papers/lint"
)

// TestTextEscapesControlCharacters: a file name holding a newline and a
// workflow command, and notes holding ESC and OSC sequences, are printed
// escaped: one line per finding, and nothing that a terminal or GitHub
// would act on.
func TestTextEscapesControlCharacters(t *testing.T) {
	name := "x\n::error file=README.md,line=1::Injected.md"
	src := []byte("### Title[KDD'18][Ali]\n- a \x1b]8;;http://evil\x07link\x1b]8;;\x07 \x1b[2Jcleared 用BERT\n")
	at := bytes.Index(src, []byte("用BERT"))
	f := &lint.File{Path: name, Src: src, Kind: lint.NotesFile}
	d := lint.Diagnostic{Rule: "cjk-spacing", Severity: lint.Warning, File: name, Start: at, End: at + len("用BERT"),
		Message: "title \x1b[31mred\x1b[0m\u009b: add a space", More: &lint.More{Related: []lint.Related{{File: name, Start: 0, End: 3, Message: "see \x1b[1mhere"}}}}
	for _, ctx := range []bool{false, true} {
		var buf bytes.Buffer
		if err := Write(&buf, "text", []lint.Diagnostic{d}, []*lint.File{f}, Options{Context: ctx}); err != nil {
			t.Fatal(err)
		}
		out := buf.String()
		if strings.ContainsAny(out, "\x1b\x07\u009b") {
			t.Errorf("context %v: raw control characters in %q", ctx, out)
		}
		if strings.Contains(out, "\n::error") {
			t.Errorf("context %v: a line starts a workflow command: %q", ctx, out)
		}
		first := strings.SplitN(out, "\n", 2)[0]
		want := `x\n::error file=README.md,line=1::Injected.md:2:`
		if !strings.HasPrefix(first, want) || !strings.Contains(first, `title \x1b[31mred\x1b[0m\u009b: add a space [cjk-spacing]`) {
			t.Errorf("context %v: first line %q", ctx, first)
		}
		if ctx {
			lines := strings.Split(out, "\n")
			// The caret sits under 用BERT, after the escapes' widths.
			src, caret := lines[1], lines[2]
			col := strings.Index(src, "用BERT")
			pad := strings.Index(caret, "^")
			// 用 is two columns wide: the pad counts display columns, and
			// everything before it on this line is ASCII once escaped.
			if pad != col {
				t.Errorf("caret at %d, span at %d:\n%s\n%s", pad, col, src, caret)
			}
		}
	}
}
