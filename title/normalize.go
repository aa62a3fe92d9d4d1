package title

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/paperlint/papers/internal/cjkletter"
	"github.com/paperlint/papers/internal/latex"
	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"
)

// Normalize returns the comparison key of a paper title: two titles are exact
// duplicates when their keys are equal. The key is meant for comparing, not for
// display. Steps, in order:
//
//  1. LaTeX markup is resolved by latex.Plain, as bib.PlainText resolves it:
//     {\"o}, \"o and \"{o} become ö, \c{c} becomes ç, \ss becomes ß, {\i}
//     becomes ı, $\alpha$ becomes α, other control words are dropped and their
//     arguments kept, braces, $ and ~ disappear. So M{\"o}bius and Möbius get
//     the same key. Titles without \ { } $ or ~ skip this step.
//  2. Unicode NFKC: full-width letters and digits, ligatures (ﬁ), superscripts
//     and compatibility forms become their plain equivalents.
//  3. A trailing single-word abbreviation in parentheses is dropped:
//     "Deep Interest Network for Click-Through Rate Prediction(DIN)" and the
//     same title without "(DIN)" share a key. The group must be one word of
//     at most 24 characters made of letters (hyphens, dots, apostrophes and
//     "&" allowed) and at least two words must remain. Digits and other
//     symbols disqualify it: "(v2)", "(DCN-V2)" and "(ISS++)" stay, since a
//     version tells papers apart.
//  4. A leading single-word name before a colon is dropped when at least five
//     words (separated by spaces: Proof-of-Concept is one) follow it: "DCN: Deep & Cross Network for Ad Click Predictions"
//     matches the title written without "DCN:" or with "(DCN)" at the end.
//     The five-word floor keeps short subtitles such as "X: A Survey" or
//     "X: An Empirical Study" whole, because there the name is what tells two
//     papers apart. The same word rules as in 3 apply, so "YOLOv3:" and
//     "ISS++:" stay (ISS and ISS++ are different papers with the same
//     subtitle). A name made of several words ("Llama 2:", "Diffusion
//     Models in NLP:") is part of the title and stays. The price: two papers
//     whose one-word names differ but whose five-plus-word subtitles are
//     equal get the same key; Duplicates reports them, and callers report
//     duplicates as warnings.
//  5. Unicode full case folding (so ß and ss, Σ and σ compare equal).
//  6. Tokenising: runs of letters, runs of digits and runs of CJK characters
//     are tokens, joined in the key by one space. Letters and digits are
//     split apart, so GPT-3, GPT 3 and GPT3 share the key "gpt 3" while GPT-4
//     stays different. A decimal point between digits is kept (3.5). An
//     apostrophe inside a word is dropped (don't -> dont). "+", "*" and "#"
//     directly after a word stay part of it, so ISS and ISS++, C and C++, A
//     and A* differ. "&" is read as "and". Every other punctuation or space
//     character separates tokens.
//
// Scripts are never transliterated: Chinese, Japanese, Korean, Cyrillic or
// Greek text is kept as it is, so two different Chinese titles never share a
// key. Accents are kept too (Möbius and Mobius differ here; Similar pairs
// them). Markdown emphasis around a title must be removed by the caller.
func Normalize(s string) string {
	var n normalizer
	return string(n.appendKey(make([]byte, 0, len(s)+8), s))
}

// AppendKey appends the Normalize key of s to dst: a caller that only
// looks the key up (in a map, with string(key)) allocates nothing for it.
func AppendKey(dst []byte, s string) []byte {
	var n normalizer
	return n.appendKey(dst, s)
}

// normalizer holds the case folder, which is stateful and not safe for
// concurrent use, so each goroutine needs its own.
type normalizer struct {
	fold  cases.Caser
	ready bool
}

// appendKey appends the key of s to dst.
func (n *normalizer) appendKey(dst []byte, s string) []byte {
	if latex.HasMarkup(s) {
		s = latex.Plain(s)
	}
	ascii := isASCII(s)
	if !ascii {
		s = norm.NFKC.String(s)
	}
	s = stripAbbreviations(s)
	if !ascii {
		if !n.ready {
			n.fold = cases.Fold()
			n.ready = true
		}
		s = n.fold.String(s)
		// Folding can produce text that is no longer NFKC (a folded
		// compatibility character); normalise again in that rare case.
		if !norm.NFKC.IsNormalString(s) {
			s = norm.NFKC.String(s)
		}
	}
	return appendTokens(dst, s)
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// Abbreviation limits; see Normalize.
const (
	maxAbbrevRunes      = 24
	minWordsAfterTrail  = 2
	minWordsAfterLeader = 5
)

// stripAbbreviations drops a trailing "(ABBR)" and a leading "Name:" as
// described in Normalize. It runs before case folding only because it does not
// depend on case; it needs the parentheses and colon that tokenising removes.
func stripAbbreviations(s string) string {
	s = strings.TrimSpace(s)
	if strings.HasSuffix(s, ")") {
		if open := strings.LastIndexByte(s, '('); open >= 0 {
			inner := strings.TrimSpace(s[open+1 : len(s)-1])
			if isAbbreviation(inner) && hasWords(s[:open], minWordsAfterTrail) {
				s = strings.TrimSpace(s[:open])
			}
		}
	}
	if colon := strings.IndexByte(s, ':'); colon > 0 {
		prefix := strings.TrimSpace(s[:colon])
		if isAbbreviation(prefix) && hasSpacedWords(s[colon+1:], minWordsAfterLeader) {
			s = strings.TrimSpace(s[colon+1:])
		}
	}
	return s
}

// isAbbreviation reports whether s looks like a paper's short name: one word
// of at most maxAbbrevRunes letters, possibly with hyphens, dots, apostrophes
// or "&"; no digits or other symbols (YOLOv3, ISS++ are versions of a name),
// no CJK (a CJK run before a colon is a phrase, not a name).
func isAbbreviation(s string) bool {
	if s == "" || utf8.RuneCountInString(s) > maxAbbrevRunes {
		return false
	}
	letter := false
	for _, r := range s {
		switch {
		case unicode.IsSpace(r), r == '(', r == ')', r == ':':
			return false
		case cjkletter.Is(r):
			return false
		case unicode.IsLetter(r):
			letter = true
		case unicode.IsMark(r), r == '-', r == '.', r == '&', isApostrophe(r):
		default:
			// Digits and symbols mark versions and variants (YOLOv3,
			// DCN-V2, ISS++): the name is then what tells papers apart.
			return false
		}
	}
	return letter
}

// hasWords reports whether s has at least n maximal runs of letters and
// digits.
func hasWords(s string, n int) bool {
	in := false
	for _, r := range s {
		w := r < utf8.RuneSelf && asciiClass[r] != clNone ||
			r >= utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r))
		if w && !in {
			if n--; n <= 0 {
				return true
			}
		}
		in = w
	}
	return n <= 0
}

// hasSpacedWords reports whether s has at least n words separated by spaces,
// each with a letter or digit. The leading-name rule counts words this way:
// "Revery: From Proof-of-Concept to Exploitable" has four words after the
// name, not six, so Revery stays. Its journal version, which a list may
// shorten to "From proof-of-concept to exploitable", is another publication,
// and a hyphenated compound is one word of the subtitle, not three.
func hasSpacedWords(s string, n int) bool {
	in, word := false, false
	for _, r := range s {
		if unicode.IsSpace(r) {
			if in && word {
				if n--; n <= 0 {
					return true
				}
			}
			in, word = false, false
			continue
		}
		in = true
		if !word && (r < utf8.RuneSelf && asciiClass[r] != clNone ||
			r >= utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r))) {
			word = true
		}
	}
	if in && word {
		n--
	}
	return n <= 0
}

// Character classes of the tokeniser. A token holds one class only, except
// that marks attach to whatever precedes them and symbols (+ * #) attach to
// the word they follow.
const (
	clNone = iota
	clLetter
	clDigit
	clCJK
	clSym
)

// appendTokens appends the tokens of the (already folded, NFKC) string s to
// dst, separated by single spaces. ASCII upper case is lowered here so that
// the all-ASCII path can skip the Unicode case folder.
func appendTokens(dst []byte, s string) []byte {
	start := len(dst)
	prev := clNone
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf && asciiClass[c] != clNone {
			// Fast path for ASCII letters and digits, most of every title.
			cl := int(asciiClass[c])
			if prev != cl && len(dst) > start {
				dst = append(dst, ' ')
			}
			if c >= 'A' && c <= 'Z' {
				c += 'a' - 'A'
			}
			dst = append(dst, c)
			prev = cl
			i++
			continue
		}
		if c == ' ' {
			// The separator between most words: what the switch below
			// does with it, without its calls.
			prev = clNone
			i++
			continue
		}
		r, size := rune(c), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		next := i + size
		cl := classify(r)
		switch {
		case cl != clNone:
			if prev != cl && len(dst) > start {
				dst = append(dst, ' ')
			}
			dst = utf8.AppendRune(dst, cherokeeUpper(r))
			prev = cl
		case r >= utf8.RuneSelf && unicode.IsMark(r): // no ASCII character is a mark
			if prev == clNone {
				if len(dst) > start {
					dst = append(dst, ' ')
				}
				prev = clLetter
			}
			dst = utf8.AppendRune(dst, r)
		case r == '.' && prev == clDigit && next < len(s) && s[next] >= '0' && s[next] <= '9':
			// Decimal point: 3.5 is one number, not 3 and 5.
			dst = append(dst, '.')
		case isApostrophe(r) && prev == clLetter && next < len(s) && startsWithLetter(s[next:]):
			// don't, Parkinson's: the apostrophe joins, it does not split.
		case (r == '+' || r == '*' || r == '#') && prev != clNone:
			dst = append(dst, byte(r))
			prev = clSym
		case r == '&':
			if len(dst) > start {
				dst = append(dst, ' ')
			}
			dst = append(dst, "and"...)
			prev = clNone
		default:
			prev = clNone
		}
		i = next
	}
	return dst
}

// cherokeeUpper maps Cherokee small letters to capitals. Unicode case folding
// folds Cherokee to capitals, but golang.org/x/text/cases.Fold swaps the two
// cases instead, so Ꭸ and ꭸ would get different keys and Normalize would not
// be idempotent (found by FuzzNormalize).
func cherokeeUpper(r rune) rune {
	switch {
	case r >= 0xAB70 && r <= 0xABBF:
		return r - 0xAB70 + 0x13A0
	case r >= 0x13F8 && r <= 0x13FD:
		return r - 8
	}
	return r
}

// asciiClass is classify for ASCII bytes, as a table.
var asciiClass = func() (t [utf8.RuneSelf]uint8) {
	for c := range t {
		t[c] = uint8(classify(rune(c)))
	}
	return t
}()

func classify(r rune) int {
	switch {
	case r < utf8.RuneSelf:
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z':
			return clLetter
		case r >= '0' && r <= '9':
			return clDigit
		}
		return clNone
	case cjkletter.Is(r):
		return clCJK
	case unicode.IsLetter(r):
		return clLetter
	case unicode.IsDigit(r) || unicode.IsNumber(r):
		return clDigit
	}
	return clNone
}

func isApostrophe(r rune) bool {
	return r == '\'' || r == '\u2019' || r == '\u02BC'
}

func startsWithLetter(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return classify(r) == clLetter
}
