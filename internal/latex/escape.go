package latex

import (
	"slices"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// accentCommands maps a combining mark back to its LaTeX command, for
// Escape. Read-only after start-up.
var accentCommands = func() map[rune]string {
	m := make(map[rune]string, len(accents))
	for cmd, r := range accents {
		if cmd != "t" { // \t joins two letters; not for single characters
			m[r] = cmd
		}
	}
	return m
}()

// letterEscapes are letters and marks with a LaTeX command of their own,
// used by Escape before decomposition is tried.
var letterEscapes = map[rune]string{
	'ß': `{\ss}`, 'æ': `{\ae}`, 'Æ': `{\AE}`, 'œ': `{\oe}`, 'Œ': `{\OE}`,
	'ø': `{\o}`, 'Ø': `{\O}`, 'å': `{\aa}`, 'Å': `{\AA}`, 'ł': `{\l}`, 'Ł': `{\L}`,
	'ı': `{\i}`, 'ȷ': `{\j}`,
	'–': `--`, '—': `---`, '‘': "`", '’': `'`, '“': "``", '”': `''`,
	'\u00a0': `~`, '…': `{\ldots}`, '¡': "{!`}", '¿': "{?`}", '§': `{\S}`, '¶': `{\P}`,
	'©': `{\copyright}`, '£': `{\pounds}`,
}

// Escape writes the non-ASCII characters of s as LaTeX: accented Latin
// letters as {\"o}, {\'e}, {\v{c}}; letters such as ß, ø, æ, ł as {\ss},
// {\o}, {\ae}, {\l}; dashes as -- and ---; curly quotes as LaTeX quotes (a
// backquote, an apostrophe, or two of them); a no-break space as ~. ASCII
// text, LaTeX included, is left as it is. Characters with no such form (CJK,
// Greek, emoji) are left in place and returned in missing, in order, once
// each.
func Escape(s string) (out string, missing []rune) {
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
		if !slices.Contains(missing, r) {
			missing = append(missing, r)
		}
	}
	return b.String(), missing
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
