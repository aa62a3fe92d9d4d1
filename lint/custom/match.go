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

// A hundred rules over the notes of 10,000 papers would run a hundred
// regular expressions over 8 MB of text. Instead, each pattern is read at
// compile time for the literals it needs:
//
//   - a pattern that matches a few strings only (TODO, 待补充,
//     colou?r, tensor ?flow, a list of tokens, each swap key and spelling
//     that is a word) is those strings, and needs no regular expression:
//     its matches are where the strings occur;
//   - any other pattern has literals one of which each match contains
//     (TODO in \bTODO\b), and runs only on the items that hold one.
//
// Every literal of every rule goes in one table, and Set.Scan finds them
// all in one pass over each file (see litTable.scan), shared by the rules.

// matcher is a compiled pattern, or a list of them (a swap's keys, the
// spellings of a consistency group, the tokens of an existence rule), each
// a part. Matches of all parts are taken from left to right without
// overlapping; where several start at one place, the earlier part wins, and
// inside a part what its regular expression prefers.
type matcher struct {
	parts []part
	// whole keeps only the matches that are whole words (see wholeWord).
	whole bool
}

// part is one pattern of a matcher.
type part struct {
	// re is the pattern; it also runs when the literal search cannot
	// (see Items.foldSafe).
	re *regexp.Regexp
	// strs are the strings the pattern matches, in the order it prefers
	// them, when it matches a few strings only; nil otherwise.
	strs []litRef
	// pre are the literals one of which every match contains, for a part
	// without strs; nil when there are none (every item is matched).
	pre []int
	// fold is true when the literals are matched ignoring case.
	fold bool
}

// litRef is a string of a part: its literal in the table, and the string
// as the pattern writes it, which a case-sensitive match must equal.
type litRef struct {
	id   int
	text string
}

// litTable holds the literals of every rule of a set, lower-cased, for
// one search per file.
type litTable struct {
	lits []string
	ids  map[string]int
	// second maps a literal's first two bytes to the literals that start
	// with them.
	second [256]*[256][]int
}

// minLiteral is the shortest literal worth searching for: a one-byte
// literal occurs everywhere.
const minLiteral = 2

// add returns the id of literal s (lower-case ASCII).
func (t *litTable) add(s string) int {
	if id, ok := t.ids[s]; ok {
		return id
	}
	if t.ids == nil {
		t.ids = map[string]int{}
	}
	id := len(t.lits)
	t.lits = append(t.lits, s)
	t.ids[s] = id
	row := t.second[s[0]]
	if row == nil {
		row = new([256][]int)
		t.second[s[0]] = row
	}
	row[s[1]] = append(row[s[1]], id)
	return id
}

// scan returns, for each literal that need asks for, the offsets where it
// occurs in text, ASCII letters compared ignoring case (a literal matched
// with its case is checked again where it was found). The text is folded
// on the fly rather than copied: a notes file may be tens of megabytes.
func (t *litTable) scan(text string, need []bool) [][]int32 {
	hits := make([][]int32, len(t.lits))
	// pairs has a bit for each two bytes (lower-cased) that start a
	// literal: 8 KB, in the CPU's first cache, which the table of
	// literals by their first two bytes is not. Each byte of the text
	// costs two table reads and a bit test, without a branch the CPU
	// mispredicts: most pairs start no literal.
	var pairs [1 << 16 / 64]uint64
	for id, ok := range need {
		if ok {
			l := t.lits[id]
			pair := uint16(l[0])<<8 | uint16(l[1])
			pairs[pair/64] |= 1 << (pair % 64)
		}
	}
	if len(text) < 2 {
		return hits
	}
	next := foldTable[text[0]]
	for i := 0; i+1 < len(text); i++ {
		a, b := next, foldTable[text[i+1]]
		next = b
		pair := uint16(a)<<8 | uint16(b)
		if pairs[pair/64]&(1<<(pair%64)) == 0 {
			continue
		}
		for _, id := range t.second[a][b] {
			if need[id] && hasPrefixFold(text[i:], t.lits[id]) {
				hits[id] = append(hits[id], int32(i))
			}
		}
	}
	return hits
}

// foldTable lower-cases ASCII letters and keeps every other byte.
var foldTable = func() (t [256]byte) {
	for i := range t {
		t[i] = lower(byte(i))
	}
	return t
}()

// lower lower-cases an ASCII letter.
func lower(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// hasPrefixFold reports whether s starts with lit (lower-case), ASCII
// letters compared ignoring case.
func hasPrefixFold(s, lit string) bool {
	if len(s) < len(lit) {
		return false
	}
	for i := 0; i < len(lit); i++ {
		if lower(s[i]) != lit[i] {
			return false
		}
	}
	return true
}

// newMatcher compiles patterns (ignoring case when asked) as the parts of
// one matcher whose literals go in t.
func newMatcher(t *litTable, patterns []string, ignoreCase, whole bool) (*matcher, error) {
	m := &matcher{whole: whole}
	for _, p := range patterns {
		if ignoreCase {
			p = "(?i)" + p
		}
		re, err := regexp.Compile(p)
		if err != nil {
			return nil, err
		}
		pt := part{re: re}
		tree, err := syntax.Parse(p, syntax.Perl)
		if err != nil {
			return nil, err // regexp.Compile accepted it: cannot happen
		}
		tree = tree.Simplify()
		if strs, fold, ok := literalSet(tree); ok && searchable(strs, fold) {
			pt.fold = fold
			for _, s := range strs {
				pt.strs = append(pt.strs, litRef{id: t.add(foldASCII(s)), text: s})
			}
		} else if lits, fold := requiredLiterals(tree); lits != nil {
			pt.fold = fold
			for _, l := range lits {
				pt.pre = append(pt.pre, t.add(l))
			}
		}
		m.parts = append(m.parts, pt)
	}
	return m, nil
}

// searchable reports whether strs can be found through the literal
// table: each long enough, and folded ones without a letter outside ASCII
// that has a case.
func searchable(strs []string, fold bool) bool {
	for _, s := range strs {
		if len(s) < minLiteral || fold && !asciiFoldable(s) {
			return false
		}
	}
	return true
}

// literals lists the literal ids of m, for Scan to search.
func (m *matcher) literals() []int {
	var ids []int
	for _, p := range m.parts {
		for _, s := range p.strs {
			ids = append(ids, s.id)
		}
		ids = append(ids, p.pre...)
	}
	return ids
}

// maxStrings bounds the strings of a pattern read as a set of strings.
const maxStrings = 64

// literalSet returns the strings re matches, in the order leftmost-first
// matching prefers them, when there are at most maxStrings of them and
// all are matched with the same case sensitivity; fold says they are
// matched ignoring case.
func literalSet(re *syntax.Regexp) (strs []string, fold, ok bool) {
	strs, fold, ok = expand(re)
	if !ok || len(strs) == 0 || slices.Contains(strs, "") {
		return nil, false, false
	}
	// A string listed twice is matched at its first place.
	out := strs[:0]
	seen := map[string]bool{}
	for _, s := range strs {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out, fold, true
}

// expand is literalSet's walk; an empty string stands for an empty match.
func expand(re *syntax.Regexp) (strs []string, fold, ok bool) {
	switch re.Op {
	case syntax.OpLiteral:
		s := string(re.Rune)
		return []string{s}, re.Flags&syntax.FoldCase != 0 && caseMatters([]string{s}), true
	case syntax.OpEmptyMatch:
		return []string{""}, false, true
	case syntax.OpCharClass:
		n := 0
		for i := 0; i+1 < len(re.Rune); i += 2 {
			n += int(re.Rune[i+1]-re.Rune[i]) + 1
		}
		if n > 4 {
			return nil, false, false
		}
		for i := 0; i+1 < len(re.Rune); i += 2 {
			for r := re.Rune[i]; r <= re.Rune[i+1]; r++ {
				strs = append(strs, string(r))
			}
		}
		return strs, false, true
	case syntax.OpCapture:
		return expand(re.Sub[0])
	case syntax.OpQuest:
		s, f, ok := expand(re.Sub[0])
		if !ok {
			return nil, false, false
		}
		if re.Flags&syntax.NonGreedy != 0 {
			return append([]string{""}, s...), f, true
		}
		return append(s, ""), f, true
	case syntax.OpAlternate, syntax.OpConcat:
		strs = []string{""}
		if re.Op == syntax.OpAlternate {
			strs = nil
		}
		folds := map[bool]bool{}
		for _, sub := range re.Sub {
			s, f, ok := expand(sub)
			if !ok {
				return nil, false, false
			}
			if caseMatters(s) {
				folds[f] = true
			}
			if re.Op == syntax.OpAlternate {
				strs = append(strs, s...)
			} else {
				strs = product(strs, s)
			}
			if len(strs) > maxStrings || len(folds) > 1 {
				return nil, false, false
			}
		}
		return strs, folds[true], true
	}
	return nil, false, false
}

// caseMatters reports whether any of strs has a letter with case, so
// that whether it is folded matters.
func caseMatters(strs []string) bool {
	for _, s := range strs {
		for _, r := range s {
			if unicode.SimpleFold(r) != r {
				return true
			}
		}
	}
	return false
}

// product is each of a followed by each of b, in preference order.
func product(a, b []string) []string {
	out := make([]string, 0, len(a)*len(b))
	for _, x := range a {
		for _, y := range b {
			out = append(out, x+y)
		}
	}
	return out
}

// maxLiterals bounds the literals of a prefilter: past it, the items that
// hold one are most of them.
const maxLiterals = 16

// requiredLiterals returns literals such that every match of re contains
// one of them, lower-cased, and whether they are matched ignoring case;
// nil when there are none worth searching for.
func requiredLiterals(re *syntax.Regexp) ([]string, bool) {
	lits, fold, ok := literalsOf(re)
	if !ok || len(lits) == 0 || len(lits) > maxLiterals {
		return nil, false
	}
	for i, l := range lits {
		if len(l) < minLiteral || fold && !asciiFoldable(l) {
			return nil, false
		}
		lits[i] = foldASCII(l)
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
	case syntax.OpCapture, syntax.OpPlus:
		return literalsOf(re.Sub[0])
	case syntax.OpRepeat:
		if re.Min >= 1 {
			return literalsOf(re.Sub[0])
		}
	case syntax.OpConcat:
		// The child with the longest shortest literal narrows the search
		// most.
		bestLen := 0
		for _, s := range re.Sub {
			l, f, ok := literalsOf(s)
			if n := shortest(l); ok && n > bestLen {
				lits, fold, bestLen = l, f, n
			}
		}
		return lits, fold, bestLen > 0
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
// holds one is not searched folded (see foldSafe).
func asciiFoldable(s string) bool {
	for _, r := range s {
		if r >= utf8.RuneSelf && unicode.SimpleFold(r) != r {
			return false
		}
	}
	return true
}

// foldASCII lower-cases the ASCII letters of s.
func foldASCII(s string) string {
	i := strings.IndexFunc(s, func(r rune) bool { return 'A' <= r && r <= 'Z' })
	if i < 0 {
		return s
	}
	b := []byte(s)
	for ; i < len(b); i++ {
		if c := b[i]; 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// foldSafe reports whether a search of text with its ASCII letters folded
// finds every (?i) match: not when the text holds a Kelvin sign or a long
// s, which (?i)k and (?i)s match and ASCII folding does not make k or s.
func foldSafe(text string) bool {
	return !strings.Contains(text, "\u212a") && !strings.Contains(text, "\u017f")
}

// match is one match of a matcher: where, in which item and part, and the
// part's preference for it among matches at the same place.
type match struct {
	item, part, pref int
	start, end       int
}

// run calls fn with each match of m in items (sorted, not overlapping), in
// file order. keep, when not nil, says which items to read at all.
func (m *matcher) run(it *Items, items []item, keep func(k int) bool, fn func(k, part, s, e int)) {
	var ms []match
	for pi := range m.parts {
		ms = m.parts[pi].collect(it, items, keep, pi, ms)
	}
	if len(ms) == 0 {
		return
	}
	slices.SortFunc(ms, func(a, b match) int {
		if a.start != b.start {
			return a.start - b.start
		}
		if a.part != b.part {
			return a.part - b.part
		}
		return a.pref - b.pref
	})
	end := -1
	for _, x := range ms {
		empty := x.start == x.end
		if x.start < end || empty && x.start == end {
			continue // overlaps the match taken before, or is empty right after it
		}
		end = x.end
		if m.whole && !wholeWord(it.text, x.start, x.end) {
			continue
		}
		fn(x.item, x.part, x.start, x.end)
	}
}

// collect appends the matches of part pi in items to ms.
func (p *part) collect(it *Items, items []item, keep func(int) bool, pi int, ms []match) []match {
	switch {
	case p.fold && !it.foldSafe || it.hits == nil || p.strs == nil && p.pre == nil:
		// No literal to search for: every item is matched.
		for k := range items {
			ms = p.matchItem(it, items, keep, k, pi, ms)
		}
	case p.strs != nil:
		for pref, s := range p.strs {
			n := len(s.text)
			eachHit(it.hits[s.id], items, n, func(k, at int) {
				if p.fold || it.text[at:at+n] == s.text {
					ms = append(ms, match{item: k, part: pi, pref: pref, start: at, end: at + n})
				}
			})
		}
	default:
		var cands []int
		for _, id := range p.pre {
			eachHit(it.hits[id], items, len(it.table.lits[id]), func(k, _ int) { cands = append(cands, k) })
		}
		slices.Sort(cands)
		for _, k := range slices.Compact(cands) {
			ms = p.matchItem(it, items, keep, k, pi, ms)
		}
	}
	return ms
}

// matchItem appends the matches of the part's pattern in item k, unless
// keep leaves the item out.
func (p *part) matchItem(it *Items, items []item, keep func(int) bool, k, pi int, ms []match) []match {
	if keep != nil && !keep(k) {
		return ms
	}
	x := items[k]
	text := it.text[x.start:x.end]
	if p.strs == nil {
		for _, loc := range p.re.FindAllStringIndex(text, -1) {
			ms = append(ms, match{item: k, part: pi, start: x.start + loc[0], end: x.start + loc[1]})
		}
		return ms
	}
	// A few strings: every place one starts, as the literal search finds
	// them, even inside another (ODO in TODODO), since the match taken
	// there may be another part's.
	for at := 0; at < len(text); {
		loc := p.re.FindStringIndex(text[at:])
		if loc == nil {
			break
		}
		ms = append(ms, match{item: k, part: pi, start: x.start + at + loc[0], end: x.start + at + loc[1]})
		_, n := utf8.DecodeRuneInString(text[at+loc[0]:])
		at += loc[0] + n
	}
	return ms
}

// eachHit calls fn with each hit (an offset where a literal of n bytes
// starts) that lies inside an item, and that item's index.
func eachHit(hits []int32, items []item, n int, fn func(k, at int)) {
	k := 0
	for _, h := range hits {
		at := int(h)
		// The first item that ends after the hit starts.
		if k < len(items) && items[k].end <= at {
			k += sort.Search(len(items)-k, func(j int) bool { return items[k+j].end > at })
		}
		if k == len(items) {
			return
		}
		if at >= items[k].start && at+n <= items[k].end {
			fn(k, at)
		}
	}
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
