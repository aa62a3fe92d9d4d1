package cjk

import (
	"testing"
	"unicode/utf8"

	"github.com/paperlint/papers/internal/cjkletter"
)

// TestDecode3 compares the short cut with the standard decoder on every
// three-byte rune and on broken sequences.
func TestDecode3(t *testing.T) {
	for r := rune(0x800); r < 0x10000; r++ {
		if r >= 0xD800 && r <= 0xDFFF {
			continue
		}
		s := string(r) + "x"
		g, n := decode3(s, 0, len(s))
		w, m := utf8.DecodeRuneInString(s)
		if g != w || n != m {
			t.Fatalf("%U: got %U/%d, want %U/%d", r, g, n, w, m)
		}
	}
	for _, s := range []string{"\xe4\xb8", "\xe4\xb8x", "\xed\xa0\x80", "\xe0\x80\x80", "\xef\xbf\xbf", "\xef\xbc", "\xf0\x9f\x94\xa5"} {
		g, n := decode3(s, 0, len(s))
		w, m := utf8.DecodeRuneInString(s)
		if g != w || n != m {
			t.Fatalf("%q: got %U/%d, want %U/%d", s, g, n, w, m)
		}
	}
}

// TestFastCJKRange checks what the tokenizer's short cut assumes: every
// rune with a UTF-8 lead byte E5..E9 (U+5000..U+9FFF) is a Chinese or
// Japanese letter.
func TestFastCJKRange(t *testing.T) {
	for r := rune(0x5000); r <= 0x9FFF; r++ {
		if !cjkletter.Is(r) || isHangul(r) {
			t.Fatalf("U+%04X: cjkletter.Is %v, isHangul %v", r, cjkletter.Is(r), isHangul(r))
		}
	}
}
