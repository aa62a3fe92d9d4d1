package rules

import "testing"

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
