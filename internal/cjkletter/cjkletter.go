// Package cjkletter is the one definition of a CJK letter: the characters
// of the scripts written without spaces between words. The mixed-script
// analyser (cjk), the title normaliser (title) and the prose rules (rules)
// all ask it, so that a character is CJK for all of them or for none.
package cjkletter

import "unicode"

// Is reports a CJK letter: Han (with the radicals and the ideographic
// iteration and numeral marks 々 〆 〇 〡..〩 〸..〻), Hiragana, Katakana
// (with the prolonged-sound mark ー, the voicing marks and the half-width
// forms), Hangul (syllables and jamo, half-width included) and Bopomofo.
// Punctuation is not a letter, even when it is full-width or belongs to a
// CJK block: 、。・゠ and the full-width forms of ASCII are not CJK letters.
//
// The common cases are decided by ranges before the Unicode tables are
// consulted, because the analyser asks this of every non-ASCII rune.
func Is(r rune) bool {
	switch {
	case r < 0x2E80:
		// Below the CJK radicals only the Hangul jamo are CJK letters:
		// decomposed (NFD) Korean text is written with them.
		return r >= 0x1100 && r <= 0x11FF
	case r >= 0x4E00 && r <= 0x9FFF: // CJK Unified Ideographs: the common case first
		return true
	case r >= 0x3040 && r <= 0x30FF: // Hiragana and Katakana
		return r != 0x30FB && r != 0x30A0 // ・ and ゠ are punctuation
	case r >= 0xAC00 && r <= 0xD7A3: // Hangul syllables
		return true
	case r >= 0x3000 && r <= 0x303F: // CJK symbols and punctuation: a few letters
		return r == 0x3005 || r == 0x3006 || r == 0x3007 || r >= 0x3021 && r <= 0x3029 || r >= 0x3031 && r <= 0x3035 || r >= 0x3038 && r <= 0x303C
	case r >= 0xFF00 && r <= 0xFFEF: // full-width forms: only half-width kana and jamo are letters
		return r >= 0xFF66 && r <= 0xFF9D || r >= 0xFFA0 && r <= 0xFFDC
	case r >= 0x3400 && r <= 0x4DBF: // Extension A
		return true
	case r >= 0xA000 && r < 0xAC00 || r >= 0xD7B0 && r < 0x10000: // Yi, Latin and other scripts, specials
		return r >= 0xA960 && r <= 0xA97F || r >= 0xD7B0 && r <= 0xD7FF || r >= 0xF900 && r <= 0xFAFF // Hangul jamo ext, compatibility ideographs
	}
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul, unicode.Bopomofo)
}
