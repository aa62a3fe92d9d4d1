package bib

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// LaTeX accents: the command character or name and its Unicode combining mark.
// These tables are read-only after start-up.
var (
	symbolAccents = map[byte]rune{
		'`': '\u0300', '\'': '\u0301', '^': '\u0302', '~': '\u0303', '=': '\u0304',
		'.': '\u0307', '"': '\u0308',
	}
	letterAccents = map[string]rune{
		"u": '\u0306', "r": '\u030A', "H": '\u030B', "v": '\u030C', "d": '\u0323',
		"c": '\u0327', "k": '\u0328', "b": '\u0331', "t": '\u0361',
	}
	// accentCommands maps a combining mark back to its LaTeX command.
	accentCommands = func() map[rune]string {
		m := make(map[rune]string)
		for c, r := range symbolAccents {
			m[r] = string(c)
		}
		for name, r := range letterAccents {
			if name != "t" { // \t joins two letters; not for single characters
				m[r] = name
			}
		}
		return m
	}()
	// letterEscapes are letters and marks with a LaTeX command of their own,
	// used by EscapeLaTeX before decomposition is tried.
	letterEscapes = map[rune]string{
		'ß': `{\ss}`, 'æ': `{\ae}`, 'Æ': `{\AE}`, 'œ': `{\oe}`, 'Œ': `{\OE}`,
		'ø': `{\o}`, 'Ø': `{\O}`, 'å': `{\aa}`, 'Å': `{\AA}`, 'ł': `{\l}`, 'Ł': `{\L}`,
		'ı': `{\i}`, 'ȷ': `{\j}`,
		'–': `--`, '—': `---`, '‘': "`", '’': `'`, '“': "``", '”': `''`,
		'\u00a0': `~`, '…': `{\ldots}`, '¡': "{!`}", '¿': "{?`}", '§': `{\S}`, '¶': `{\P}`,
		'©': `{\copyright}`, '£': `{\pounds}`,
	}
	// commandText is what PlainText writes for a LaTeX control word.
	commandText = map[string]string{
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
)

// PlainText returns BibTeX/LaTeX text as plain Unicode for comparisons:
// accents such as {\"o}, \'{e} or {\v{c}} become ö, é, č; \ss, \o, \ldots and
// the like become their characters; other commands (\emph, \textsc) are
// dropped and their arguments kept; braces and $ are removed; ~ and white
// space runs become one space; -- and --- become – and —; curly and LaTeX
// quotes (LaTeX's doubled backquote and apostrophe, and the curly quotes
// U+2018, U+2019, U+201C, U+201D) become ASCII ' and ". The result is NFC
// and trimmed.
// It is meant for comparing titles and names, not for display.
func PlainText(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	plainInto(&b, s)
	return norm.NFC.String(collapseSpace(b.String()))
}

func plainInto(b *strings.Builder, s string) {
	for i := 0; i < len(s); {
		c := s[i]
		switch c {
		case '{', '}', '$':
			i++
		case '~':
			b.WriteByte(' ')
			i++
		case '\\':
			i = plainCommand(b, s, i)
		case '-':
			j := i
			for j < len(s) && s[j] == '-' {
				j++
			}
			switch j - i {
			case 2:
				b.WriteString("–")
			case 3:
				b.WriteString("—")
			default:
				b.WriteString(s[i:j])
			}
			i = j
		case '`', '\'':
			if i+1 < len(s) && s[i+1] == c {
				b.WriteByte('"')
				i += 2
			} else {
				b.WriteByte('\'')
				i++
			}
		default:
			r, size := utf8.DecodeRuneInString(s[i:])
			switch r {
			case '‘', '’':
				b.WriteByte('\'')
			case '“', '”':
				b.WriteByte('"')
			default:
				b.WriteString(s[i : i+size])
			}
			i += size
		}
	}
}

func isLetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

// plainCommand writes the plain text of the command at s[i] == '\\' and
// returns the offset after it.
func plainCommand(b *strings.Builder, s string, i int) int {
	if i+1 >= len(s) {
		return i + 1
	}
	c := s[i+1]
	if mark, ok := symbolAccents[c]; ok {
		base, next := accentArg(s, i+2)
		writeAccented(b, base, mark, c)
		return next
	}
	if !isLetter(c) {
		switch c {
		case '\\', ' ', ',', ';', ':', '\n', '\t':
			b.WriteByte(' ')
		case '-', '/', '!':
			// hyphenation point, italic correction, negative thin space
		default:
			b.WriteByte(c) // \& \% \$ \# \_ \{ \}
		}
		return i + 2
	}
	j := i + 1
	for j < len(s) && isLetter(s[j]) {
		j++
	}
	name := s[i+1 : j]
	k := j
	for k < len(s) && (s[k] == ' ' || s[k] == '\t' || s[k] == '\n' || s[k] == '\r') {
		k++ // TeX eats the spaces after a control word
	}
	if mark, ok := letterAccents[name]; ok {
		base, next := accentArg(s, k)
		writeAccented(b, base, mark, 0)
		return next
	}
	if t, ok := commandText[name]; ok {
		b.WriteString(t)
	}
	return k
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
			return s[i+1 : i+2], i + 2
		}
		var b strings.Builder
		next := plainCommand(&b, s, i)
		return b.String(), next
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
	var b strings.Builder
	plainInto(&b, arg)
	return b.String()
}

// writeAccented writes base with mark after its first character; with no
// base it writes the accent character itself (\~{} is a tilde).
func writeAccented(b *strings.Builder, base string, mark rune, sym byte) {
	if base == "" {
		if sym == '~' || sym == '^' {
			b.WriteByte(sym)
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
	b.WriteString(base[:size])
	b.WriteRune(mark)
	b.WriteString(base[size:])
}

// collapseSpace turns runs of white space into one space and trims the ends.
func collapseSpace(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) {
			space = b.Len() > 0
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	return b.String()
}

// EscapeLaTeX writes the non-ASCII characters of s as LaTeX: accented Latin
// letters as {\"o}, {\'e}, {\v{c}}; letters such as ß, ø, æ, ł as {\ss},
// {\o}, {\ae}, {\l}; dashes as -- and ---; curly quotes as LaTeX quotes (a
// backquote, an apostrophe, or two of them); a no-break space as ~. ASCII
// text, LaTeX included, is left as it is. Characters with no such form (CJK,
// Greek, emoji) are left in place and returned in missing, in order, once
// each.
func EscapeLaTeX(s string) (out string, missing []rune) {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return s, nil
	}
	var b strings.Builder
	b.Grow(len(s) + 16)
	for _, r := range s {
		if r < utf8.RuneSelf {
			b.WriteRune(r)
			continue
		}
		if e, ok := escapeRune(r); ok {
			b.WriteString(e)
			continue
		}
		b.WriteRune(r)
		if !containsRune(missing, r) {
			missing = append(missing, r)
		}
	}
	return b.String(), missing
}

func containsRune(rs []rune, r rune) bool {
	for _, x := range rs {
		if x == r {
			return true
		}
	}
	return false
}

// escapeRune returns the LaTeX form of one non-ASCII character.
func escapeRune(r rune) (string, bool) {
	if e, ok := letterEscapes[r]; ok {
		return e, true
	}
	d := []rune(norm.NFD.String(string(r)))
	if len(d) < 2 || d[0] >= utf8.RuneSelf || !isLetter(byte(d[0])) {
		return "", false
	}
	inner := string(d[0])
	for i, mark := range d[1:] {
		cmd, ok := accentCommands[mark]
		if !ok {
			return "", false
		}
		switch {
		case isLetter(cmd[0]):
			inner = `\` + cmd + `{` + inner + `}`
		case i == 0:
			inner = `\` + cmd + inner
		default:
			inner = `\` + cmd + `{` + inner + `}`
		}
	}
	return "{" + inner + "}", true
}
