package cjkletter

import (
	"testing"
	"unicode"
)

func TestIs(t *testing.T) {
	tests := []struct {
		name string
		r    rune
		want bool
	}{
		{"han", '中', true},
		{"han extension A", '\u3400', true},
		{"han extension B", '\U00020000', true},
		{"compatibility ideograph", '\uF900', true},
		{"radical", '⺀', true},
		{"hiragana", 'あ', true},
		{"katakana", 'カ', true},
		{"prolonged sound mark", 'ー', true},
		{"iteration mark", '々', true},
		{"closing mark", '〆', true},
		{"ideographic zero", '〇', true},
		{"vertical kana repeat mark", '〱', true},
		{"masu mark", '〼', true},
		{"voiced sound mark", '゛', true},
		{"half-width katakana", 'ｶ', true},
		{"half-width prolonged sound mark", 'ｰ', true},
		{"hangul syllable", '한', true},
		{"hangul jamo", '\u1100', true},
		{"hangul jamo vowel", '\u1161', true},
		{"hangul compatibility jamo", 'ㄱ', true},
		{"half-width hangul", 'ﾡ', true},
		{"hangul jamo extended A", '\uA960', true},
		{"hangul jamo extended B", '\uD7B0', true},
		{"bopomofo", 'ㄅ', true},
		{"ascii", 'a', false},
		{"latin", 'é', false},
		{"greek", 'α', false},
		{"before jamo", '\u10FF', false},
		{"after jamo", '\u1200', false},
		{"ideographic comma", '、', false},
		{"ideographic full stop", '。', false},
		{"ideographic space", '\u3000', false},
		{"katakana middle dot", '・', false},
		{"double hyphen", '゠', false},
		{"corner bracket", '「', false},
		{"full-width letter", 'Ａ', false},
		{"full-width comma", '，', false},
		{"hangul tone mark", '\u302E', false},
		{"yi", 'ꀀ', false},
		{"cjk compatibility form", '︰', false},
		{"emoji", '😀', false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Is(tt.r); got != tt.want {
				t.Errorf("Is(%U %q) = %v, want %v", tt.r, tt.r, got, tt.want)
			}
		})
	}
}

// TestScripts checks the ranges against the Unicode tables: every letter
// of the five scripts is a CJK letter, and every CJK letter is of one of
// them or one of the few Common characters named in Is's comment.
// Unassigned code points inside the blocks do not matter.
func TestScripts(t *testing.T) {
	common := map[rune]bool{0x3006: true, 0x30FC: true, 0x309B: true, 0x309C: true, 0xFF70: true, 0x303C: true}
	for r := 0x3031; r <= 0x3035; r++ {
		common[rune(r)] = true
	}
	scripts := []*unicode.RangeTable{unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul, unicode.Bopomofo}
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if !unicode.In(r, unicode.L, unicode.M, unicode.N, unicode.P, unicode.S) {
			continue
		}
		in := unicode.In(r, scripts...)
		switch got := Is(r); {
		case got && !in && !common[r] && !unicode.Is(unicode.Inherited, r):
			t.Errorf("%U is a CJK letter but of none of the scripts", r)
		case !got && in && unicode.IsLetter(r):
			t.Errorf("%U is a letter of a CJK script but not a CJK letter", r)
		}
	}
}
