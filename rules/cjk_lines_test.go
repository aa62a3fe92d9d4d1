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
