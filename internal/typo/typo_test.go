package typo

import "testing"

func TestDistance(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"", "", 0},
		{"abc", "", 3},
		{"", "abc", 3},
		{"kdd", "kdd", 0},
		{"cpvr", "cvpr", 1},
		{"arivx", "arxiv", 2},
		{"neurlps", "neurips", 1},
		{"ca", "abc", 3}, // optimal string alignment: no edit of a swapped pair
		{"kitten", "sitting", 3},
		{"北京", "北大", 1},
	}
	for _, tt := range tests {
		if got := Distance([]rune(tt.a), []rune(tt.b)); got != tt.want {
			t.Errorf("Distance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
		if got := Distance([]rune(tt.b), []rune(tt.a)); got != tt.want {
			t.Errorf("Distance(%q, %q) = %d, want %d (symmetry)", tt.b, tt.a, got, tt.want)
		}
	}
}

func TestLikely(t *testing.T) {
	tests := []struct {
		in, name string
		want     bool
	}{
		{"dkd", "kdd", true},         // swap in a short name
		{"css", "ccs", false},        // substitution in a short name
		{"kddd", "kdd", true},        // doubled letter
		{"icse", "icde", false},      // substitution at 4 letters
		{"arivx", "arxiv", true},     // scrambled letters
		{"neurlps", "neurips", true}, // 6+ letters: one substitution
		{"standford", "stanford", true},
		{"abc", "xyz", false},
		{"kdd", "kdd", false}, // equal is no typo
	}
	for _, tt := range tests {
		if _, got := Likely([]rune(tt.in), []rune(tt.name)); got != tt.want {
			t.Errorf("Likely(%q, %q) = %v, want %v", tt.in, tt.name, got, tt.want)
		}
	}
}
