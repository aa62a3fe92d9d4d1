package rules

import (
	"reflect"
	"strings"
	"testing"

	"github.com/paperlint/papers/lint"
)

func TestLineBounds(t *testing.T) {
	src := []byte("ab\ncdé\n\nf")
	tests := []struct{ off, start, end int }{
		{0, 0, 2},  // first line
		{1, 0, 2},  // inside it
		{2, 0, 2},  // at its newline
		{3, 3, 7},  // second line, é is two bytes
		{6, 3, 7},  // inside é
		{8, 8, 8},  // the empty line
		{9, 9, 10}, // the last line has no newline
		{10, 9, 10},
	}
	for _, tt := range tests {
		s, e := lineBounds(src, tt.off)
		if s != tt.start || e != tt.end {
			t.Errorf("lineBounds(%d) = %d, %d; want %d, %d", tt.off, s, e, tt.start, tt.end)
		}
	}
}

// TestHasCJK checks that a line counts as CJK by the same letter class as
// the analyser's (internal/cjkletter). The rules' own class used to leave
// out the Common-script letters (ー, 〆, half-width ｰ) and, below U+2E80,
// the Hangul jamo of decomposed Korean.
func TestHasCJK(t *testing.T) {
	tests := []struct {
		name, line string
		want       bool
	}{
		{"han", "用BERT编码", true},
		{"prolonged sound mark", "GPT-4ー", true},
		{"closing mark", "〆", true},
		{"half-width prolonged sound mark", "ｰ", true},
		{"decomposed hangul", "\u1112\u1161\u11ab", true},
		{"katakana middle dot", "Tokyo・Kyoto", false},
		{"full-width comma only", "a，b", false},
		{"latin", "Möbius and ẞ", false},
		{"empty", "", false},
	}
	for _, tt := range tests {
		if got := hasCJK([]byte(tt.line)); got != tt.want {
			t.Errorf("%s: hasCJK(%q) = %v, want %v", tt.name, tt.line, got, tt.want)
		}
	}
}

// TestHugeProseRunInParts lints one long line of mixed text, which the
// prose analysis checks in parts at once when it may use more than one
// goroutine (cjk.Cuts), and expects the findings of one goroutine: same
// spans, messages and fixes, in the same order.
func TestHugeProseRunInParts(t *testing.T) {
	// Markup (code, links) would cut the line into several prose runs:
	// the line is one run, as text pasted from a PDF is.
	pieces := []string{"在Criteo数据集上", "用BERT编码,", "效果提升了15%!!", "括号(用T5改写,然后训练)之后",
		"公式$x用y$不变", "日本語のテキスト", "한국어BERT", "  ", "。", "...然后"}
	var b strings.Builder
	b.WriteString("# Notes\n\n## Topic\n\nAttention Is All You Need[NeurIPS'17][Google]\n- ")
	for i := 0; b.Len() < 3<<20; i++ {
		b.WriteString(pieces[(i*7+i/len(pieces))%len(pieces)])
	}
	b.WriteString("\n")
	inputs := []lint.Input{{Path: "notes.md", Src: []byte(b.String())}}
	lintWith := func(jobs int) []lint.Diagnostic {
		r, err := lint.NewRunner(All(), lint.DefaultConfig())
		if err != nil {
			t.Fatal(err)
		}
		r.Only = map[string]bool{"cjk-spacing": true, "cjk-punctuation": true}
		r.Jobs = jobs
		return run(r, inputs).Diagnostics
	}
	one, four := lintWith(1), lintWith(4)
	if len(one) < 100000 {
		t.Fatalf("%d findings on %d bytes of mixed text: the line is not what the test means", len(one), b.Len())
	}
	if len(four) != len(one) {
		t.Fatalf("%d findings in parts, %d on one goroutine", len(four), len(one))
	}
	for i := range one {
		a, c := one[i], four[i]
		if a.Rule != c.Rule || a.Start != c.Start || a.End != c.End || a.Message != c.Message ||
			a.FixMessage() != c.FixMessage() || !reflect.DeepEqual(a.FixEdits(nil), c.FixEdits(nil)) {
			t.Fatalf("finding %d differs:\n parts %+v\n one   %+v", i, c, a)
		}
	}
}
