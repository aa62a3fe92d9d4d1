package title

import (
	"strings"
	"unicode/utf8"
)

// combining maps a LaTeX accent command to the Unicode combining mark it
// stands for. The mark is written after the base letter and NFKC composes the
// pair afterwards, so {\"o}, \"o and \"{o} all end up as the single rune ö and
// compare equal to a title typed with ö directly.
var combining = map[string]rune{
	"`":  '\u0300',
	"'":  '\u0301',
	"^":  '\u0302',
	"~":  '\u0303',
	"=":  '\u0304',
	"u":  '\u0306',
	".":  '\u0307',
	"\"": '\u0308',
	"r":  '\u030A',
	"H":  '\u030B',
	"v":  '\u030C',
	"d":  '\u0323',
	"c":  '\u0327',
	"k":  '\u0328',
	"b":  '\u0331',
	"t":  '\u0361',
}

// letterCommands are LaTeX control words that stand for a letter on their own.
var letterCommands = map[string]string{
	"ss": "ß", "o": "ø", "O": "Ø", "ae": "æ", "AE": "Æ", "oe": "œ", "OE": "Œ",
	"aa": "å", "AA": "Å", "l": "ł", "L": "Ł",
	// Dotless i and j are only ever written as the base of an accent
	// (\'{\i}); the accent supplies the dot's replacement, so the plain letter
	// is what composes correctly under NFKC.
	"i": "i", "j": "j",
	"LaTeX": "LaTeX", "TeX": "TeX", "BibTeX": "BibTeX",
	// Greek letters appear in math mode in titles ($\alpha$-divergence).
	"alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ε", "varepsilon": "ε", "zeta": "ζ", "eta": "η", "theta": "θ", "vartheta": "θ", "iota": "ι", "kappa": "κ", "lambda": "λ", "mu": "μ", "nu": "ν", "xi": "ξ", "pi": "π", "rho": "ρ", "sigma": "σ", "tau": "τ", "upsilon": "υ", "phi": "φ", "varphi": "φ", "chi": "χ", "psi": "ψ", "omega": "ω", "Gamma": "Γ", "Delta": "Δ", "Theta": "Θ", "Lambda": "Λ", "Xi": "Ξ", "Pi": "Π", "Sigma": "Σ", "Phi": "Φ", "Psi": "Ψ", "Omega": "Ω",
}

// hasLaTeX reports whether s contains anything delatex would change. It
// runs on every title, so it reads bytes through a table rather than with
// strings.ContainsAny, which builds its set on each call.
func hasLaTeX(s string) bool {
	for i := 0; i < len(s); i++ {
		if latexByte[s[i]] {
			return true
		}
	}
	return false
}

// latexByte marks the bytes of LaTeX markup: \ { } $ ~.
var latexByte = [256]bool{'\\': true, '{': true, '}': true, '$': true, '~': true}

// delatex rewrites the LaTeX a BibTeX title may carry into plain Unicode text:
// accents become combining marks, letter commands become their letters, other
// control words are dropped while their arguments stay, and braces, math
// shifts and ties disappear. It never fails: unknown or malformed markup is
// dropped rather than reported, because the result is only a comparison key.
func delatex(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		c := s[i]
		switch c {
		case '{', '}', '$':
			i++
		case '~':
			b.WriteByte(' ')
			i++
		case '\\':
			i = delatexCommand(&b, s, i+1)
		default:
			b.WriteByte(c)
			i++
		}
	}
	return b.String()
}

// delatexCommand handles the control sequence whose name starts at s[i] (just
// after the backslash) and returns the index after it and its argument.
func delatexCommand(b *strings.Builder, s string, i int) int {
	if i >= len(s) {
		return i
	}
	c := s[i]
	if !isASCIILetter(c) {
		// Control symbol: \" \' \^ ... are accents; \& \% \_ \# \$ \{ \}
		// are the literal character; \\ \, \; \! and "\ " are spacing; \- is a
		// hyphenation hint that must vanish so Trans\-former stays one word.
		name := s[i : i+1]
		if mark, ok := combining[name]; ok {
			return accentArgument(b, s, i+1, mark)
		}
		switch c {
		case '\\', ',', ';', '!', ' ', ':':
			b.WriteByte(' ')
		case '-', '/':
		default:
			b.WriteByte(c)
		}
		return i + 1
	}
	j := i
	for j < len(s) && isASCIILetter(s[j]) {
		j++
	}
	name := s[i:j]
	// A one-letter accent such as \c or \v is an accent only when followed by
	// an argument ({c} or " c"); \cite or \vec are other words entirely.
	if mark, ok := combining[name]; ok && j < len(s) && (s[j] == '{' || s[j] == ' ') {
		return accentArgument(b, s, j, mark)
	}
	// TeX swallows the spaces after a control word, so Stra\ss e is Straße.
	k := j
	for k < len(s) && s[k] == ' ' {
		k++
	}
	if repl, ok := letterCommands[name]; ok {
		b.WriteString(repl)
		return k
	}
	// Any other command (\emph, \textbf, \mathcal ...) is dropped; its
	// argument in braces is ordinary text and stays. Keep a separator so the
	// word before it does not run into the one after.
	if k > j {
		b.WriteByte(' ')
	}
	return k
}

// accentArgument reads the argument of an accent starting at s[i]: {x},
// {\i}, {} or a single letter after optional spaces. It writes the base
// followed by mark and returns the index after the argument.
func accentArgument(b *strings.Builder, s string, i int, mark rune) int {
	for i < len(s) && s[i] == ' ' {
		i++
	}
	if i >= len(s) {
		return i
	}
	if s[i] == '{' {
		end := strings.IndexByte(s[i:], '}')
		if end < 0 {
			end = len(s) - i
		}
		inner := delatex(s[i+1 : i+end])
		if inner != "" {
			_, n := utf8.DecodeRuneInString(inner)
			b.WriteString(inner[:n])
			b.WriteRune(mark)
			b.WriteString(inner[n:])
		}
		if i+end < len(s) {
			return i + end + 1
		}
		return len(s)
	}
	if s[i] == '\\' {
		// \"\i: the base is itself a control word.
		var inner strings.Builder
		next := delatexCommand(&inner, s, i+1)
		b.WriteString(strings.TrimSpace(inner.String()))
		b.WriteRune(mark)
		return next
	}
	_, n := utf8.DecodeRuneInString(s[i:])
	b.WriteString(s[i : i+n])
	b.WriteRune(mark)
	return i + n
}

func isASCIILetter(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}
