package bibgen

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/paperlint/papers/bib"
)

// EscapeText turns plain text from the notes (Markdown, not LaTeX) into the
// value of a BibTeX field: LaTeX's special characters are escaped (& as \&,
// _ as \_, ~ as \textasciitilde{}), Markdown backslash escapes are undone,
// $...$ math is kept, braces are kept as groups when they balance and
// dropped otherwise (an unbalanced brace would end the value early), and
// white space runs become one space. Non-ASCII characters are left as they
// are; bib.WriteOptions.ASCII escapes them when asked.
func EscapeText(s string) string { return latexText(s, false) }

// ProtectTitle is EscapeText for a title, with the words a BibTeX style must
// not lower-case wrapped in braces: acronyms (GPU, BERT), words with a
// capital after the first letter (DeepFM, iPhone, YOLOv7) and words mixing
// capitals and digits (3D, V2), and every capitalised word that does not
// start the title or a sentence or clause of it (after ":", ".", "?", "!"):
// proper nouns (Facebook, Transformer) look the same as title case, and
// plain styles would print "in facebook search". A hyphenated word is braced
// whole when one of its parts needs it (MS-TCT, U-Net). Words already inside
// braces in the source are not braced again, and math is braced as a whole.
//
// Styles such as plain lower-case every title character that is not inside
// braces, except the first one and the one after a colon; so "DeepFM" would
// come out as "Deepfm" and "Facebook" as "facebook" without protection.
func ProtectTitle(s string) string { return latexText(s, true) }

type tokKind uint8

const (
	tokRune  tokKind = iota // one character of text
	tokMath                 // $...$, delimiters included
	tokOpen                 // a brace that opens a group
	tokClose                // a brace that closes a group
	tokSpace                // a run of white space
)

type token struct {
	kind tokKind
	r    rune   // tokRune
	s    string // tokMath
}

// tokenize reads Markdown text: a backslash before ASCII punctuation makes it
// a literal character, $...$ (closed on the same text) is math, and braces
// are group delimiters only when they balance over the whole text.
func tokenize(s string) []token {
	var toks []token
	var braces []int // indices of brace tokens, to drop them if unbalanced
	depth, balanced := 0, true
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == '\\' && i+1 < len(s) && isASCIIPunct(s[i+1]):
			toks = append(toks, token{kind: tokRune, r: rune(s[i+1])})
			i += 2
			continue
		case r == '$':
			// Math is kept as written only within one line: a line break
			// inside it would be kept too, and a next line starting with
			// "@name(" reads to BibTeX as a new entry (found by fuzzing).
			if end := closingDollar(s, i+1); end > i+1 && bib.BracesBalance(s[i:end]) && !strings.ContainsAny(s[i:end], "\n\r") {
				toks = append(toks, token{kind: tokMath, s: s[i : end+1]})
				i = end + 1
				continue
			}
			toks = append(toks, token{kind: tokRune, r: r})
		case r == '{':
			braces = append(braces, len(toks))
			toks = append(toks, token{kind: tokOpen})
			depth++
		case r == '}':
			braces = append(braces, len(toks))
			toks = append(toks, token{kind: tokClose})
			depth--
			if depth < 0 {
				balanced = false
			}
		case unicode.IsSpace(r):
			if len(toks) == 0 || toks[len(toks)-1].kind != tokSpace {
				toks = append(toks, token{kind: tokSpace})
			}
		default:
			toks = append(toks, token{kind: tokRune, r: r})
		}
		i += n
	}
	if depth != 0 {
		balanced = false
	}
	if !balanced {
		// Drop every brace: keeping half of a pair would end the BibTeX
		// value early or swallow the next field.
		kept := toks[:0]
		j := 0
		for i, t := range toks {
			if j < len(braces) && braces[j] == i {
				j++
				continue
			}
			kept = append(kept, t)
		}
		toks = kept
	}
	// Trim white space at both ends; dropped braces may leave two spaces
	// side by side, which are merged too.
	out := toks[:0]
	for _, t := range toks {
		if t.kind == tokSpace && (len(out) == 0 || out[len(out)-1].kind == tokSpace) {
			continue
		}
		out = append(out, t)
	}
	for len(out) > 0 && out[len(out)-1].kind == tokSpace {
		out = out[:len(out)-1]
	}
	return out
}

// closingDollar returns the index of the $ that closes math opened just
// before from, or -1. As in Pandoc's tex_math_dollars, the opening $ must
// have a non-space character right after it and the closing one a non-space
// character right before it and no digit right after it, so "costs $5 and
// $6" is not math. An escaped \$ does not close it, nor does a $ after a line
// break.
func closingDollar(s string, from int) int {
	if from >= len(s) || s[from] == ' ' || s[from] == '\t' || s[from] == '\n' {
		return -1
	}
	for j := from; j < len(s); j++ {
		switch s[j] {
		case '\\':
			j++
		case '\n':
			return -1
		case '$':
			if prev := s[j-1]; prev == ' ' || prev == '\t' {
				continue
			}
			if j+1 < len(s) && s[j+1] >= '0' && s[j+1] <= '9' {
				continue
			}
			return j
		}
	}
	return -1
}

func isASCIIPunct(c byte) bool {
	return c < utf8.RuneSelf && unicode.IsPunct(rune(c)) || c == '$' || c == '^' || c == '`' || c == '|' || c == '~' || c == '<' || c == '>' || c == '=' || c == '+'
}

func latexText(s string, protect bool) string {
	toks := tokenize(s)
	var b strings.Builder
	b.Grow(len(s) + 8)
	depth := 0
	var word []rune
	initial := true // the next word starts the title or a sentence of it
	open, closing := groupOpen, groupClose
	if strings.ContainsAny(s, groupOpen+groupClose) {
		open, closing = "{", "}"
	}
	flush := func() {
		if len(word) == 0 {
			return
		}
		if protect && depth == 0 {
			writeProtected(&b, word, initial, open, closing)
		} else {
			for _, r := range word {
				writeEscaped(&b, r)
			}
		}
		switch word[len(word)-1] {
		case ':', '.', '?', '!', '：', '。', '？', '！':
			initial = true
		default:
			initial = false
		}
		word = word[:0]
	}
	for _, t := range toks {
		switch t.kind {
		case tokRune:
			word = append(word, t.r)
			continue
		case tokMath:
			flush()
			initial = false
			if protect && depth == 0 {
				// change.case$ lower-cases letters inside $...$ too.
				b.WriteString("{" + t.s + "}")
			} else {
				b.WriteString(t.s)
			}
			continue
		}
		flush()
		switch t.kind {
		case tokOpen:
			b.WriteByte('{')
			depth++
			initial = false
		case tokClose:
			b.WriteByte('}')
			depth--
		case tokSpace:
			b.WriteByte(' ')
		}
	}
	flush()
	out := b.String()
	if protect && open == groupOpen {
		// Neighbouring protected words share one group:
		// "Defending {Person Detection Against} by", not
		// "Defending {Person} {Detection} {Against} by".
		out = strings.ReplaceAll(out, groupClose+" "+groupOpen, " ")
		out = strings.NewReplacer(groupOpen, "{", groupClose, "}").Replace(out)
	}
	return out
}

// groupOpen and groupClose mark the braces writeProtected adds, so that
// neighbouring groups can be joined; they are private-use characters, and a
// title holding them (latexText checks) gets plain braces.
const (
	groupOpen  = "\uE000"
	groupClose = "\uE001"
)

// writeProtected writes one word, with its core (from the first to the last
// letter or digit) in braces when a style must not change its case: see
// needsProtection, and a capitalised word that is not initial.
func writeProtected(b *strings.Builder, word []rune, initial bool, open, closing string) {
	first, last := -1, -1
	for i, r := range word {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if first < 0 {
				first = i
			}
			last = i
		}
	}
	if first < 0 || !needsProtection(word[first:last+1]) && (initial || !unicode.IsUpper(word[first])) {
		for _, r := range word {
			writeEscaped(b, r)
		}
		return
	}
	for _, r := range word[:first] {
		writeEscaped(b, r)
	}
	b.WriteString(open)
	for _, r := range word[first : last+1] {
		writeEscaped(b, r)
	}
	b.WriteString(closing)
	for _, r := range word[last+1:] {
		writeEscaped(b, r)
	}
}

// needsProtection reports whether a word keeps capitals a style would lower:
// one of its hyphen- or slash-separated parts has a capital after its first
// character (BERT, DeepFM, iPhone), mixes capitals and digits (3D, V2),
// or is a single capital joined to another part (U-Net, I/O).
func needsProtection(core []rune) bool {
	parts := splitParts(core)
	for _, p := range parts {
		upper, digit := false, false
		for i, r := range p {
			if unicode.IsUpper(r) {
				if i > 0 {
					return true
				}
				upper = true
			}
			if unicode.IsDigit(r) {
				digit = true
			}
		}
		if upper && digit {
			return true
		}
		if len(parts) > 1 && len(p) == 1 && upper {
			return true
		}
	}
	return false
}

func splitParts(core []rune) [][]rune {
	var parts [][]rune
	start := 0
	for i, r := range core {
		if r == '-' || r == '/' || r == '‐' || r == '–' {
			if i > start {
				parts = append(parts, core[start:i])
			}
			start = i + 1
		}
	}
	if start < len(core) {
		parts = append(parts, core[start:])
	}
	return parts
}

// writeEscaped writes one text character as LaTeX.
func writeEscaped(b *strings.Builder, r rune) {
	switch r {
	case '&', '%', '$', '#', '_':
		b.WriteByte('\\')
		b.WriteRune(r)
	case '~':
		b.WriteString(`\textasciitilde{}`)
	case '^':
		b.WriteString(`\textasciicircum{}`)
	case '\\':
		b.WriteString(`\textbackslash{}`)
	case '{':
		// A literal brace (written \{ in Markdown): \{ would still count
		// as a brace for BibTeX and could unbalance the value.
		b.WriteString(`\textbraceleft{}`)
	case '}':
		b.WriteString(`\textbraceright{}`)
	default:
		b.WriteRune(r)
	}
}
