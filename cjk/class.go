package cjk

import (
	"strconv"
	"unicode"

	"github.com/paperlint/papers/internal/cjkletter"
)

// isHangul reports Korean letters. Korean is spaced like CJK text but
// punctuated with ASCII marks, so punctuation rules leave it alone.
func isHangul(r rune) bool {
	if r >= 0xAC00 && r <= 0xD7A3 {
		return true
	}
	return r >= 0x1100 && unicode.Is(unicode.Hangul, r)
}

// isCJ reports the CJK letters whose text uses full-width punctuation:
// Chinese and Japanese.
func isCJ(r rune) bool { return cjkletter.Is(r) && !isHangul(r) }

// fullwidthAlnum returns the ASCII letter or digit for a full-width one
// (U+FF10..U+FF19, U+FF21..U+FF3A, U+FF41..U+FF5A), or 0.
func fullwidthAlnum(r rune) rune {
	switch {
	case r >= 0xFF10 && r <= 0xFF19, r >= 0xFF21 && r <= 0xFF3A, r >= 0xFF41 && r <= 0xFF5A:
		return r - 0xFEE0
	}
	return 0
}

// isWordRune reports a rune of a Latin word for spacing purposes: ASCII
// letters and digits, letters of the Latin, Greek and Cyrillic scripts
// ("Möbius", "α"), and full-width letters and digits, which the
// punctuation check turns into ASCII.
func isWordRune(r rune) bool {
	if r < 0x80 {
		return isASCIIAlnum(byte(r))
	}
	if fullwidthAlnum(r) != 0 {
		return true
	}
	if r >= 0xC0 && r <= 0x24F {
		return r != 0xD7 && r != 0xF7 // × and ÷
	}
	if r >= 0x2000 && r <= 0x2BFF || r >= 0x3000 && r <= 0xA63F || r >= 0xFE30 { // punctuation, symbols, CJK
		return false
	}
	return unicode.IsLetter(r) && unicode.In(r, unicode.Latin, unicode.Greek, unicode.Cyrillic)
}

func isASCIIAlnum(b byte) bool {
	return b >= '0' && b <= '9' || b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z'
}

func isASCIILetter(b byte) bool { return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' }

func isDigit(r rune) bool {
	return r >= '0' && r <= '9' || r >= 0xFF10 && r <= 0xFF19
}

// isFull reports the full-width punctuation next to which no space is
// written. The full-width tilde and dashes are not in the set: "20% ～ 30%"
// is a common and legitimate way to write a range.
func isFull(r rune) bool {
	switch r {
	case '，', '。', '、', '；', '：', '！', '？',
		'（', '）', '【', '】', '「', '」', '『', '』', '《', '》', '〈', '〉', '〔', '〕', '［', '］', '｛', '｝':
		return true
	}
	return false
}

func isFullOpen(r rune) bool {
	switch r {
	case '（', '【', '「', '『', '《', '〈', '〔', '［', '｛':
		return true
	}
	return false
}

func isFullClose(r rune) bool {
	switch r {
	case '）', '】', '」', '』', '》', '〉', '〕', '］', '｝':
		return true
	}
	return false
}

// isQuote reports the curly quotes, which are full-width punctuation in
// Chinese text and ordinary typography in English text.
func isQuote(r rune) bool { return r == '“' || r == '”' || r == '‘' || r == '’' }

func isOpenQuote(r rune) bool  { return r == '“' || r == '‘' }
func isCloseQuote(r rune) bool { return r == '”' || r == '’' }

// toFull maps the convertible ASCII marks to their full-width forms.
func toFull(b byte) rune {
	switch b {
	case ',':
		return '，'
	case '.':
		return '。'
	case ':':
		return '：'
	case ';':
		return '；'
	case '!':
		return '！'
	case '?':
		return '？'
	case '(':
		return '（'
	case ')':
		return '）'
	}
	return 0
}

// toHalf maps the convertible full-width marks to ASCII.
func toHalf(r rune) byte {
	switch r {
	case '，':
		return ','
	case '。':
		return '.'
	case '：':
		return ':'
	case '；':
		return ';'
	case '！':
		return '!'
	case '？':
		return '?'
	case '（':
		return '('
	case '）':
		return ')'
	}
	return 0
}

// collapsible reports the full-width marks that must not be repeated.
func collapsible(r rune) bool {
	switch r {
	case '，', '。', '、', '；', '：', '！', '？':
		return true
	}
	return false
}

// isUnicodeSpace reports whitespace other than the ASCII space, which the
// checks never cross nor edit (tabs, newlines, the ideographic space).
func isUnicodeSpace(r rune) bool {
	return r == '\t' || r == '\n' || r == '\r' || r == '\v' || r == '\f' || r == 0x85 || r == 0xA0 ||
		r == 0x3000 || r >= 0x2000 && r <= 0x200A || r == 0x2028 || r == 0x2029 || r == 0x202F || r == 0x205F
}

func quote(s string) string { return strconv.Quote(s) }
