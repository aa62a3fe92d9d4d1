package cjk

import (
	"strings"
	"unicode/utf8"
)

// The recognisers of protected text: the tokenizer (scan.go) asks them
// whether a URL, a path, inline code, math, a printf verb, an HTML entity,
// a footnote reference or a wiki link starts at a byte, and makes what they
// find one unit that no check edits. Each returns the end of what it
// recognised, or -1 (or false) when nothing starts there.

// url pushes the URL or path starting at text[i].
func (s *scanner) url(i, limit int) int {
	j := urlEnd(s.text, i, limit)
	s.push(unit{start: i, end: j, kind: uAtom, atom: aURL, first: rune(s.text[i])})
	return j
}

// schemeURL reports "scheme://x" at text[i].
func schemeURL(text string, i, limit int) bool {
	j := i
	for j < limit && j-i <= 32 && (isASCIIAlnum(text[j]) || text[j] == '+' || text[j] == '.' || text[j] == '-') {
		j++
	}
	return j > i && strings.HasPrefix(text[j:limit], "://") && j+3 < limit && text[j+3] > ' '
}

func isPathByte(b byte) bool { return isASCIIAlnum(b) || b == '.' || b == '_' || b == '-' }

// pathAt reports a relative path at text[i]: two or more path characters,
// a slash, and then either something that is not an ASCII letter or digit
// ("wiki/网页", "wiki-/_x") or a second slash ("Web/CSS/网格"). Single
// slashes between words are words: A/B, HTTP/2, TCP/IP, encoder/decoder.
func pathAt(text string, i, limit int) bool {
	j := i
	for j < limit && isPathByte(text[j]) {
		j++
	}
	if j-i < 2 || j+1 >= limit || text[j] != '/' {
		return false
	}
	if c := text[j+1]; !isASCIIAlnum(c) && c > ' ' && c != '/' {
		return true
	}
	end := urlEnd(text, i, limit)
	return strings.IndexByte(text[j+1:end], '/') >= 0
}

// pathHashAt reports a file name with an anchor: "foo-bar_01#copy测试".
func pathHashAt(text string, i, limit int) bool {
	j := i
	marked := false
	for j < limit && isPathByte(text[j]) {
		if !isASCIILetter(text[j]) {
			marked = true
		}
		j++
	}
	return marked && j-i >= 2 && j+1 < limit && text[j] == '#' && text[j+1] > ' '
}

// leadingPath reports /abs/path, ./rel, ../rel and ~/home at text[i].
func leadingPath(text string, i, limit int) bool {
	rest := text[i:limit]
	switch {
	case strings.HasPrefix(rest, "./"), strings.HasPrefix(rest, "~/"):
		rest = rest[2:]
	case strings.HasPrefix(rest, "../"):
		rest = rest[3:]
	case strings.HasPrefix(rest, "/"):
		rest = rest[1:]
	default:
		return false
	}
	return rest != "" && (isPathByte(rest[0]) || rest[0] == '~')
}

// urlEnd returns the end of a URL or path that starts at text[i]: the next
// whitespace, full-width mark, quote or angle bracket, without trailing
// sentence punctuation or an unbalanced closing bracket.
func urlEnd(text string, i, limit int) int {
	j := i
	depth := 0
	for j < limit {
		c := text[j]
		if c < 0x80 {
			if c <= ' ' || c == '<' || c == '>' || c == '"' || c == '`' {
				break
			}
			// An unbalanced ")" closes the parenthesis or Markdown link
			// around the URL: "[BERT](https://x.org)模型".
			if c == '(' {
				depth++
			} else if c == ')' {
				if depth == 0 {
					break
				}
				depth--
			}
			j++
			continue
		}
		r, size := utf8.DecodeRuneInString(text[j:limit])
		if isFull(r) || isQuote(r) || isUnicodeSpace(r) {
			break
		}
		j += size
	}
	// Unbalanced closing brackets at the end belong to the text around
	// the URL: "(see https://x.org/a)".
	open := strings.Count(text[i:j], "(") + strings.Count(text[i:j], "[")
	closed := strings.Count(text[i:j], ")") + strings.Count(text[i:j], "]")
	for j > i {
		c := text[j-1]
		if strings.IndexByte(".,:;!?'*_~", c) >= 0 {
			j--
			continue
		}
		if (c == ')' || c == ']') && open < closed {
			closed--
			j--
			continue
		}
		break
	}
	if j == i {
		j = i + 1
	}
	return j
}

// codeSpan returns the end of the inline code starting at text[i] and the
// edge runes of its content, or -1.
func (s *scanner) codeSpan(i, limit int) (int, rune, rune) {
	text := s.text
	n := 0
	for i+n < limit && text[i+n] == '`' {
		n++
	}
	var memo *int
	if n <= len(s.noCode) {
		memo = &s.noCode[n-1]
		if s.failed(memo, i, limit) {
			return -1, 0, 0
		}
	}
	j := i + n
	for j < limit {
		k := strings.IndexByte(text[j:limit], '`')
		if k < 0 {
			break
		}
		k += j
		m := k
		for m < limit && text[m] == '`' {
			m++
		}
		if m-k == n {
			content := text[i+n : k]
			if len(content) >= 2 && content[0] == ' ' && content[len(content)-1] == ' ' && strings.Trim(content, " ") != "" {
				content = content[1 : len(content)-1]
			}
			f, _ := utf8.DecodeRuneInString(content)
			l, _ := utf8.DecodeLastRuneInString(content)
			if !isWordRune(f) {
				f = 0
			}
			if !isWordRune(l) {
				l = 0
			}
			return m, f, l
		}
		j = m
	}
	if memo != nil {
		s.fail(memo, i)
	}
	return -1, 0, 0
}

// math returns the end of inline math starting at text[i], or -1. Like
// Pandoc, "$" opens math only before a non-space and closes it only after a
// non-space and not before a digit, so "$1或$2" and "花了$5和$10" are not math.
func (s *scanner) math(i, limit int) int {
	text := s.text
	if i+1 < limit && text[i+1] == '$' {
		if s.failed(&s.noDMath, i, limit) {
			return -1
		}
		if k := strings.Index(text[i+2:limit], "$$"); k > 0 {
			return i + 2 + k + 2
		} else if k < 0 {
			s.fail(&s.noDMath, i)
		}
		return -1
	}
	if i+1 >= limit || text[i+1] == ' ' || text[i+1] == '\t' || s.failed(&s.noMath, i, limit) {
		return -1
	}
	for j := i + 2; j < limit; j++ {
		if text[j] != '$' {
			continue
		}
		if p := text[j-1]; p == ' ' || p == '\t' || p == '\\' {
			continue
		}
		if j+1 < limit && text[j+1] >= '0' && text[j+1] <= '9' {
			continue
		}
		return j + 1
	}
	s.fail(&s.noMath, i)
	return -1
}

// formatVerb returns the end of a printf verb (%s, %5.2f, %%) at text[i], or -1.
func formatVerb(text string, i, limit int) int {
	j := i + 1
	for j < limit && strings.IndexByte("-+#0", text[j]) >= 0 {
		j++
	}
	for j < limit && (text[j] >= '0' && text[j] <= '9' || text[j] == '.') {
		j++
	}
	if j < limit && (isASCIILetter(text[j]) || text[j] == '%' && j == i+1) {
		return j + 1
	}
	return -1
}

// entity returns the end of an HTML entity (&amp; &#34; &#x4E2D;) at text[i], or -1.
func entity(text string, i, limit int) int {
	j := i + 1
	switch {
	case j+1 < limit && text[j] == '#' && (text[j+1] == 'x' || text[j+1] == 'X'):
		j += 2
		for j < limit && j-i <= 9 && (isASCIIAlnum(text[j])) {
			j++
		}
	case j < limit && text[j] == '#':
		j++
		for j < limit && j-i <= 9 && text[j] >= '0' && text[j] <= '9' {
			j++
		}
	default:
		for j < limit && j-i <= 32 && isASCIIAlnum(text[j]) {
			j++
		}
	}
	if j > i+2 && j < limit && text[j] == ';' {
		return j + 1
	}
	return -1
}

// footnoteRef returns the end of a footnote reference such as [^1] or
// [^note] at text[i], or -1.
func footnoteRef(text string, i, limit int) int {
	if !strings.HasPrefix(text[i:limit], "[^") {
		return -1
	}
	for j := i + 2; j < limit && j-i <= 64; j++ {
		switch c := text[j]; {
		case c == ']':
			if j > i+2 {
				return j + 1
			}
			return -1
		case c <= ' ' || c == '[':
			return -1
		}
	}
	return -1
}

// wikiLink returns the end of [[page]] or ![[embed]] at text[i], or -1.
func (s *scanner) wikiLink(i, limit int) int {
	text := s.text
	j := i
	if text[j] == '!' {
		j++
	}
	if !strings.HasPrefix(text[j:limit], "[[") || s.failed(&s.noWiki, j, limit) {
		return -1
	}
	k := strings.Index(text[j+2:limit], "]]")
	if k < 0 {
		s.fail(&s.noWiki, j)
	}
	if k <= 0 {
		return -1
	}
	return j + 2 + k + 2
}
