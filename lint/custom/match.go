package custom

import (
	"regexp"
	"regexp/syntax"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// matcher is a compiled pattern with what makes it cheap on large files:
// the literals one of which every match contains, searched for in the
// whole file at once (strings.Index, which uses the CPU's vector
// instructions) before the pattern runs on the few items that hold one.
// A hundred rules over the notes of 10,000 papers would otherwise run a
// hundred regular expressions over 8 MB of text.
type matcher struct {
	re *regexp.Regexp
	// lits holds the literals; nil when the pattern has none (each item is
	// then matched).
	lits []string
	// fold says lits are lower-case, to be searched in the file's
	// ASCII-folded text.
	fold bool
	// whole keeps only matches that are whole words (see wholeWord).
	whole bool
}

// newMatcher compiles pattern (ignoring case when asked) for matches that
// are whole words or not.
func newMatcher(pattern string, ignoreCase, whole bool) (*matcher, error) {
	if ignoreCase {
		pattern = "(?i)" + pattern
	}
	re, err := regexp.Compile(pattern)
	if err != nil {
		return nil, err
	}
	m := &matcher{re: re, whole: whole}
	if tree, err := syntax.Parse(pattern, syntax.Perl); err == nil {
		m.lits, m.fold = requiredLiterals(tree.Simplify())
	}
	return m, nil
}

// wordsPattern is the pattern of a list of words: each matched as written,
// the longer first so that an alternation prefers MSRA to MS.
func wordsPattern(words []string) string {
	ws := slices.Clone(words)
	slices.SortStableFunc(ws, func(a, b string) int { return len(b) - len(a) })
	quoted := make([]string, len(ws))
	for i, w := range ws {
		quoted[i] = regexp.QuoteMeta(w)
	}
	return strings.Join(quoted, "|")
}

// maxLiterals bounds the literals of a prefilter: past it, searching for
// each costs more than matching the items.
const maxLiterals = 16

// requiredLiterals returns literals such that every match of re contains
// one of them, and whether they are case-folded; nil when there are none
// worth searching for.
func requiredLiterals(re *syntax.Regexp) ([]string, bool) {
	lits, fold, ok := literalsOf(re)
	if !ok || len(lits) == 0 || len(lits) > maxLiterals {
		return nil, false
	}
	if fold {
		for i, l := range lits {
			if !asciiFoldable(l) {
				return nil, false
			}
			lits[i] = foldASCII(l)
		}
	}
	slices.Sort(lits)
	return slices.Compact(lits), fold
}

// literalsOf is requiredLiterals' walk. A set mixing folded and exact
// literals is folded as a whole (a folded search finds the exact ones too).
func literalsOf(re *syntax.Regexp) (lits []string, fold, ok bool) {
	switch re.Op {
	case syntax.OpLiteral:
		return []string{string(re.Rune)}, re.Flags&syntax.FoldCase != 0, true
	case syntax.OpCapture:
		return literalsOf(re.Sub[0])
	case syntax.OpPlus:
		return literalsOf(re.Sub[0])
	case syntax.OpRepeat:
		if re.Min >= 1 {
			return literalsOf(re.Sub[0])
		}
	case syntax.OpConcat:
		// The child with the longest shortest literal narrows the search
		// most.
		best, bestLen := -1, 0
		var bestLits []string
		bestFold := false
		for i, s := range re.Sub {
			l, f, ok := literalsOf(s)
			if !ok {
				continue
			}
			if n := shortest(l); n > bestLen {
				best, bestLen, bestLits, bestFold = i, n, l, f
			}
		}
		if best >= 0 {
			return bestLits, bestFold, true
		}
	case syntax.OpAlternate:
		for _, s := range re.Sub {
			l, f, ok := literalsOf(s)
			if !ok {
				return nil, false, false
			}
			lits = append(lits, l...)
			fold = fold || f
		}
		return lits, fold, true
	}
	return nil, false, false
}

// shortest is the length of the shortest string of lits.
func shortest(lits []string) int {
	n := -1
	for _, l := range lits {
		if n < 0 || len(l) < n {
			n = len(l)
		}
	}
	return max(n, 0)
}

// asciiFoldable reports whether folding s to lower-case ASCII finds every
// case variant that (?i) matches: no letter of s outside ASCII has a case.
// (?i)k and (?i)s also match the Kelvin sign and the long s; a text that
// holds one is not searched folded (see foldedText).
func asciiFoldable(s string) bool {
	for _, r := range s {
		if r >= utf8.RuneSelf && unicode.SimpleFold(r) != r {
			return false
		}
	}
	return true
}

// foldASCII lower-cases the ASCII letters of s; its length is unchanged, so
// offsets in the folded text are offsets in s.
func foldASCII(s string) string {
	b := []byte(s)
	changed := false
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
			changed = true
		}
	}
	if !changed {
		return s
	}
	return string(b)
}

// foldedText is text with its ASCII letters lower-cased, or "" when the
// text holds a Kelvin sign or a long s, which (?i)k and (?i)s match but
// ASCII folding does not make: the folded prefilter is then not used.
func foldedText(text string) (string, bool) {
	if strings.Contains(text, "\u212a") || strings.Contains(text, "\u017f") {
		return "", false
	}
	return foldASCII(text), true
}

// candidates calls fn with the index of each item of items (sorted, not
// overlapping) that may hold a match, in order.
func (m *matcher) candidates(it *Items, items []item, fn func(k int)) {
	text := it.text
	if m.fold {
		text = it.folded
	}
	if m.lits == nil || m.fold && !it.hasFolded {
		for k := range items {
			fn(k)
		}
		return
	}
	if len(m.lits) == 1 {
		scanLiteral(text, m.lits[0], items, fn)
		return
	}
	var hits []int
	for _, lit := range m.lits {
		scanLiteral(text, lit, items, func(k int) { hits = append(hits, k) })
	}
	slices.Sort(hits)
	for _, k := range slices.Compact(hits) {
		fn(k)
	}
}

// scanLiteral calls fn, in order, with each item that holds lit.
func scanLiteral(text, lit string, items []item, fn func(k int)) {
	pos, k := 0, 0
	for k < len(items) {
		if pos < items[k].start {
			pos = items[k].start
		}
		i := strings.Index(text[pos:], lit)
		if i < 0 {
			return
		}
		at := pos + i
		// The first item that ends after the occurrence starts.
		k += sort.Search(len(items)-k, func(j int) bool { return items[k+j].end > at })
		if k == len(items) {
			return
		}
		if at >= items[k].start && at+len(lit) <= items[k].end {
			fn(k)
			pos = items[k].end
			k++
			continue
		}
		pos = at + 1
	}
}

// each calls fn with each match in text[start:end] (offsets in text),
// whole words only when the matcher asks; fn returns false to stop.
func (m *matcher) each(text string, start, end int, fn func(s, e int) bool) {
	for _, loc := range m.re.FindAllStringIndex(text[start:end], -1) {
		s, e := start+loc[0], start+loc[1]
		if m.whole && !wholeWord(text, s, e) {
			continue
		}
		if !fn(s, e) {
			return
		}
	}
}

// matches reports whether text[start:end] holds a match.
func (m *matcher) matches(text string, start, end int) bool {
	found := false
	m.each(text, start, end, func(int, int) bool { found = true; return false })
	return found
}

// wholeWord reports whether text[s:e] is not part of a longer word: a
// letter, digit or underscore at an end of the match must not go on into
// one beside it. Han, kana and Hangul are not space-delimited, so a match
// that ends in one of them needs no boundary there (待补充 is found inside
// 这里待补充。).
func wholeWord(text string, s, e int) bool {
	if s >= e {
		return true
	}
	first, _ := utf8.DecodeRuneInString(text[s:])
	if isWordRune(first) && s > 0 {
		if before, _ := utf8.DecodeLastRuneInString(text[:s]); isWordRune(before) {
			return false
		}
	}
	last, _ := utf8.DecodeLastRuneInString(text[:e])
	if isWordRune(last) && e < len(text) {
		if after, _ := utf8.DecodeRuneInString(text[e:]); isWordRune(after) {
			return false
		}
	}
	return true
}

// isWordRune reports whether r is part of a space-delimited word.
func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return r == '_' || '0' <= r && r <= '9' || 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z'
	}
	if unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul) {
		return false
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}
