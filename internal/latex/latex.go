// Package latex converts between the LaTeX of BibTeX values and plain
// Unicode text. It is the one home of the accent table: the .bib model
// (bib.PlainText, bib.EscapeLaTeX), the title normaliser and the venue
// matcher all read LaTeX through it, so that {\"o}, \"o and \"{o} mean ö
// everywhere.
package latex

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// accents maps a LaTeX accent command to the Unicode combining mark it
// stands for: the control symbols \` \' \^ \~ \= \. \" and the one-letter
// control words \u \r \H \v \d \c \k \b \t. The table is read-only.
var accents = map[string]rune{
	"`": '\u0300', "'": '\u0301', "^": '\u0302', "~": '\u0303', "=": '\u0304',
	".": '\u0307', "\"": '\u0308',
	"u": '\u0306', "r": '\u030A', "H": '\u030B', "v": '\u030C', "d": '\u0323',
	"c": '\u0327', "k": '\u0328', "b": '\u0331', "t": '\u0361',
}

// commandText is what Plain writes for a LaTeX control word that stands for
// a character or a word of its own. Read-only.
var commandText = map[string]string{
	"ss": "ß", "ae": "æ", "AE": "Æ", "oe": "œ", "OE": "Œ", "o": "ø", "O": "Ø",
	"aa": "å", "AA": "Å", "l": "ł", "L": "Ł", "i": "ı", "j": "ȷ",
	"ldots": "…", "dots": "…", "textellipsis": "…", "S": "§", "P": "¶",
	"copyright": "©", "textcopyright": "©", "pounds": "£", "textregistered": "®",
	"texttrademark": "™", "textdegree": "°", "euro": "€",
	"textendash": "–", "textemdash": "—", "textquoteleft": "'", "textquoteright": "'",
	"textquotedblleft": `"`, "textquotedblright": `"`, "guillemotleft": "«", "guillemotright": "»",
	"textbackslash": `\`, "textasciitilde": "~", "textunderscore": "_", "textbar": "|",
	"LaTeX": "LaTeX", "TeX": "TeX", "BibTeX": "BibTeX",
	"alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ε", "varepsilon": "ε",
	"zeta": "ζ", "eta": "η", "theta": "θ", "vartheta": "ϑ", "iota": "ι", "kappa": "κ",
	"lambda": "λ", "mu": "μ", "nu": "ν", "xi": "ξ", "pi": "π", "rho": "ρ", "sigma": "σ",
	"tau": "τ", "upsilon": "υ", "phi": "ϕ", "varphi": "φ", "chi": "χ", "psi": "ψ", "omega": "ω",
	"Gamma": "Γ", "Delta": "Δ", "Theta": "Θ", "Lambda": "Λ", "Xi": "Ξ", "Pi": "Π",
	"Sigma": "Σ", "Upsilon": "Υ", "Phi": "Φ", "Psi": "Ψ", "Omega": "Ω",
	"ell": "ℓ", "infty": "∞", "pm": "±", "times": "×", "cdot": "·", "le": "≤", "leq": "≤",
	"ge": "≥", "geq": "≥", "neq": "≠", "approx": "≈", "to": "→", "rightarrow": "→",
}

// Plain returns BibTeX/LaTeX text as plain Unicode for comparisons:
// accents such as {\"o}, \'{e} or {\v{c}} become ö, é, č; \ss, \o, \ldots and
// the like become their characters; other commands (\emph, \textsc) are
// dropped and their arguments kept; braces and $ are removed; ~ and white
// space runs become one space; -- and --- become – and —; curly and LaTeX
// quotes (LaTeX's doubled backquote and apostrophe, and the curly quotes
// U+2018, U+2019, U+201C, U+201D) become ASCII ' and ". The result is NFC
// and trimmed.
// It is meant for comparing titles and names, not for display.
func Plain(s string) string {
	var w writer
	w.b.Grow(len(s))
	w.plain(s)
	return norm.NFC.String(w.b.String())
}

// writer builds Plain's text and collapses white space as it goes, so that
// a value spread over several lines (as DBLP writes titles) needs no second
// copy: a space is only written, once, before the next non-space, and never
// at the start or the end.
type writer struct {
	b     strings.Builder
	space bool // white space is pending
}

// sp records white space.
func (w *writer) sp() { w.space = w.b.Len() > 0 }

// str writes s, which holds no white space.
func (w *writer) str(s string) {
	w.flush()
	w.b.WriteString(s)
}

// byte1 writes c, which is not white space.
func (w *writer) byte1(c byte) {
	w.flush()
	w.b.WriteByte(c)
}

// text writes s, which may hold white space.
func (w *writer) text(s string) {
	for _, r := range s {
		if unicode.IsSpace(r) {
			w.sp()
			continue
		}
		w.flush()
		w.b.WriteRune(r)
	}
}

func (w *writer) flush() {
	if w.space {
		w.b.WriteByte(' ')
		w.space = false
	}
}

// plain writes the plain text of s.
func (w *writer) plain(s string) {
	for i := 0; i < len(s); {
		c := s[i]
		switch c {
		case '{', '}', '$':
			i++
		case '~', ' ', '\t', '\n', '\r', '\v', '\f':
			w.sp()
			i++
		case '\\':
			i = w.command(s, i)
		case '-':
			j := i
			for j < len(s) && s[j] == '-' {
				j++
			}
			switch j - i {
			case 2:
				w.str("–")
			case 3:
				w.str("—")
			default:
				w.str(s[i:j])
			}
			i = j
		case '`', '\'':
			if i+1 < len(s) && s[i+1] == c {
				w.byte1('"')
				i += 2
			} else {
				w.byte1('\'')
				i++
			}
		default:
			r, size := utf8.DecodeRuneInString(s[i:])
			switch {
			case r == '‘' || r == '’':
				w.byte1('\'')
			case r == '“' || r == '”':
				w.byte1('"')
			case unicode.IsSpace(r):
				w.sp()
			case r == utf8.RuneError && size == 1:
				w.str("\uFFFD") // a byte that is not UTF-8
			default:
				w.str(s[i : i+size])
			}
			i += size
		}
	}
}

func isLetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

// command writes the plain text of the command at s[i] == '\\' and
// returns the offset after it.
func (w *writer) command(s string, i int) int {
	if i+1 >= len(s) {
		return i + 1
	}
	c := s[i+1]
	if mark, ok := accents[s[i+1:i+2]]; ok && !isLetter(c) {
		base, next := accentArg(s, i+2)
		w.accented(base, mark, c)
		return next
	}
	if !isLetter(c) {
		switch c {
		case '\\', ' ', ',', ';', ':', '\n', '\t':
			w.sp()
		case '-', '/', '!':
			// hyphenation point, italic correction, negative thin space
		default:
			if c >= utf8.RuneSelf { // a backslash before a non-ASCII character
				_, size := utf8.DecodeRuneInString(s[i+1:])
				w.text(s[i+1 : i+1+size])
				return i + 1 + size
			}
			w.text(s[i+1 : i+2]) // \& \% \$ \# \_ \{ \} and the like
		}
		return i + 2
	}
	j := i + 1
	for j < len(s) && isLetter(s[j]) {
		j++
	}
	name := s[i+1 : j]
	k := skipSpace(s, j) // TeX eats the spaces after a control word
	if mark, ok := accents[name]; ok {
		base, next := accentArg(s, k)
		w.accented(base, mark, 0)
		return next
	}
	if t, ok := commandText[name]; ok {
		w.str(t)
		return k
	}
	// Any other command (\emph, \log, \quad, \xspace) is dropped and its
	// braced argument stays as ordinary text. When white space followed it,
	// keep one space, so that "$n\log n$" does not read as "nn".
	if k > j {
		w.sp()
	}
	return k
}

// skipSpace returns the offset of the first byte at or after i that is not
// white space.
func skipSpace(s string, i int) int {
	for i < len(s) && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r') {
		i++
	}
	return i
}

// accentArg reads the argument of an accent at s[i]: a braced group, \i or
// \j, another command, or one character. It returns the argument as plain
// text, with \i and \j as i and j.
func accentArg(s string, i int) (string, int) {
	for i < len(s) && s[i] == ' ' {
		i++
	}
	if i >= len(s) {
		return "", i
	}
	switch s[i] {
	case '{':
		depth := 0
		for j := i; j < len(s); j++ {
			switch s[j] {
			case '{':
				depth++
			case '}':
				depth--
				if depth == 0 {
					return accentBase(s[i+1 : j]), j + 1
				}
			}
		}
		return accentBase(s[i+1:]), len(s)
	case '\\':
		if i+2 <= len(s) && (i+2 == len(s) || !isLetter(s[i+2])) && i+1 < len(s) && (s[i+1] == 'i' || s[i+1] == 'j') {
			// \i and \j are control words: TeX eats the spaces after
			// them, so \'\i n is "ín".
			return s[i+1 : i+2], skipSpace(s, i+2)
		}
		var w writer
		next := w.command(s, i)
		return w.b.String(), next
	case '}':
		return "", i
	}
	_, size := utf8.DecodeRuneInString(s[i:])
	return s[i : i+size], i + size
}

func accentBase(arg string) string {
	switch strings.TrimSpace(arg) {
	case `\i`:
		return "i"
	case `\j`:
		return "j"
	}
	var w writer
	w.plain(arg)
	return w.b.String()
}

// accented writes base with mark after its first character; with no base
// it writes the accent character itself (\~{} is a tilde).
func (w *writer) accented(base string, mark rune, sym byte) {
	if base == "" {
		if sym == '~' || sym == '^' {
			w.byte1(sym)
		}
		return
	}
	// The mark goes after the first letter and the marks already on it.
	_, size := utf8.DecodeRuneInString(base)
	for size < len(base) {
		r, n := utf8.DecodeRuneInString(base[size:])
		if !unicode.Is(unicode.Mn, r) {
			break
		}
		size += n
	}
	w.text(base[:size])
	w.flush()
	w.b.WriteRune(mark)
	w.text(base[size:])
}

// HasMarkup reports whether s contains a byte of LaTeX markup: \ { } $ or ~.
// Text without any is left alone by callers that only need Plain for
// markup (title keys), so the common plain title skips the conversion. It
// runs on every title, so it reads bytes through a table rather than with
// strings.ContainsAny, which builds its set on each call.
func HasMarkup(s string) bool {
	for i := 0; i < len(s); i++ {
		if markupByte[s[i]] {
			return true
		}
	}
	return false
}

// markupByte marks the bytes of LaTeX markup: \ { } $ ~. Read-only.
var markupByte = [256]bool{'\\': true, '{': true, '}': true, '$': true, '~': true}
