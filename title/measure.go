package title

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/paperlint/papers/internal/cjkletter"
)

// Token kinds. Only plain words may differ by a typo; everything else
// (numbers, versions, symbols such as ISS++, CJK runs, roman numerals and
// words shorter than minTypoRunes) must match exactly, because there a single
// changed character is usually a different paper: GPT-3/GPT-4, CNN/RNN,
// II/III, 图像分类/图像分割.
const (
	kindExact uint8 = iota
	kindWord
)

// Function-word classes: a word may be replaced by another word of the same
// class ("Survey of X" / "Survey on X", "A Survey" / "The Survey").
const (
	classNone uint8 = iota
	classArticle
	classPreposition
)

// minTypoRunes is the shortest word that may carry a typo. Shorter words are
// mostly acronyms or function words where one letter is the whole difference
// (CNN/RNN, GAN/GNN, on/no).
const minTypoRunes = 4

// maxShortSubstitution is the longest word in which a substituted letter is
// still treated as a different word: BERT/BART, Mask/Task, Inter/Intra,
// Light/Night. Transpositions, insertions and deletions are still allowed
// there (Dount/Donut, CPTN/CTPN, Graph/Graphs).
const maxShortSubstitution = 5

// minDoubleTypoRunes is the shortest word allowed two edits
// (Damerau–Levenshtein distance 2); shorter words get one.
const minDoubleTypoRunes = 10

// functionWords maps the English function words Similar treats specially to
// their class and whether the word may be missing from one of the titles.
// Negations (no, not, without) and "to"/"from" substitutions are deliberately
// absent: they invert the meaning.
var functionWords = map[string]struct {
	class uint8
	drop  bool
}{
	"a": {classArticle, true}, "an": {classArticle, true}, "the": {classArticle, true},
	"of": {classPreposition, true}, "for": {classPreposition, true}, "on": {classPreposition, true},
	"in": {classPreposition, true}, "with": {classPreposition, true}, "via": {classPreposition, true},
	"by": {classPreposition, true}, "at": {classPreposition, true}, "into": {classPreposition, true},
	"onto": {classPreposition, true}, "towards": {classPreposition, true}, "toward": {classPreposition, true},
	"to": {classNone, true}, "from": {classNone, true}, "and": {classNone, true}, "using": {classNone, true},
}

// token is the interned form of one distinct token string.
type token struct {
	s     string
	h     uint64 // hash of the token inside a sequence hash
	ph    uint64 // polynomial hash of its bytes, to hash titles without spaces
	pw    uint64 // byteBase^len(s), to append ph to a running hash
	first rune
	runes int32
	kind  uint8
	class uint8
	drop  bool
	alpha bool // letters only: may be joined to a neighbour (pre training / pretraining)
}

func newToken(s string) token {
	t := token{s: s, h: tokenHash(s), pw: 1}
	for i := 0; i < len(s); i++ {
		t.ph = t.ph*byteBase + uint64(s[i])
		t.pw *= byteBase
	}
	t.first, _ = utf8.DecodeRuneInString(s)
	t.runes = int32(utf8.RuneCountInString(s))
	t.alpha = true
	cjk := false
	for _, r := range s {
		switch {
		case cjkletter.Is(r):
			cjk = true
		case unicode.IsLetter(r), unicode.IsMark(r):
		default:
			t.alpha = false
		}
	}
	if fw, ok := functionWords[s]; ok {
		t.class, t.drop = fw.class, fw.drop
	}
	if t.alpha && !cjk && t.runes >= minTypoRunes && !isRoman(s) {
		t.kind = kindWord
	}
	return t
}

// isRoman reports whether s is a well-formed lower-case roman numeral (viii,
// xiv): those are numbers, and numbers must match exactly.
func isRoman(s string) bool {
	if s == "" {
		return false
	}
	rest := s
	for _, group := range [][]string{
		{"mmm", "mm", "m"},
		{"cm", "cd", "dccc", "dcc", "dc", "d", "ccc", "cc", "c"},
		{"xc", "xl", "lxxx", "lxx", "lx", "l", "xxx", "xx", "x"},
		{"ix", "iv", "viii", "vii", "vi", "v", "iii", "ii", "i"},
	} {
		for _, g := range group {
			if strings.HasPrefix(rest, g) {
				rest = rest[len(g):]
				break
			}
		}
	}
	return rest == ""
}

// typoDistance returns the Damerau–Levenshtein (optimal string alignment)
// distance between two word tokens when they count as the same word with a
// typo, or -1 when they do not. See SIMILARITY.md for the rules.
func typoDistance(x, y *token) int {
	if x.kind != kindWord || y.kind != kindWord || x.first != y.first {
		return -1
	}
	short := min(x.runes, y.runes)
	limit := int32(1)
	if short >= minDoubleTypoRunes {
		limit = 2
	}
	if x.runes-y.runes > limit || y.runes-x.runes > limit {
		return -1
	}
	d := osa([]rune(x.s), []rune(y.s), int(limit))
	if d < 0 {
		return -1
	}
	if d == 1 && x.runes == y.runes && short <= maxShortSubstitution && !isTransposition(x.s, y.s) {
		return -1
	}
	return d
}

// isTransposition reports whether y is x with two adjacent runes swapped.
func isTransposition(x, y string) bool {
	a, b := []rune(x), []rune(y)
	if len(a) != len(b) {
		return false
	}
	for i := 0; i+1 < len(a); i++ {
		if a[i] != b[i] {
			return a[i] == b[i+1] && a[i+1] == b[i] && string(a[i+2:]) == string(b[i+2:])
		}
	}
	return false
}

// osa returns the optimal-string-alignment distance between a and b, or -1 as
// soon as it must exceed limit.
func osa(a, b []rune, limit int) int {
	n, m := len(a), len(b)
	// Three rows suffice: the transposition looks two rows back.
	prev2 := make([]int, m+1)
	prev := make([]int, m+1)
	cur := make([]int, m+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= n; i++ {
		cur[0] = i
		best := cur[0]
		for j := 1; j <= m; j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			v := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				v = min(v, prev2[j-2]+1)
			}
			cur[j] = v
			best = min(best, v)
		}
		if best > limit {
			return -1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	if prev[m] > limit {
		return -1
	}
	return prev[m]
}

// verdict is the outcome of comparing two token sequences: the cost in
// character edits and the differing segment of each side, for the reason.
type verdict struct {
	cost int
	a, b string
}

// compare decides whether the token sequences a and b (ids into toks) are the
// same title up to one small edit. The edits, each tried in turn:
//
//   - one word differs by a typo (typoDistance), cost = its distance;
//   - one function word is swapped for another of its class, cost 1;
//   - one droppable function word is present in only one title, cost 1;
//   - the letters without spaces are equal and at most two word boundaries
//     differ, each between letters (pre training / pretraining), cost 1 each.
//
// Anything else, including two differing words, is not similar.
func compare(toks []token, a, b []uint32) (verdict, bool) {
	if len(a) == len(b) {
		j, diffs := -1, 0
		for i := range a {
			if a[i] != b[i] {
				if diffs == 0 {
					j = i
				}
				diffs++
			}
		}
		if diffs == 1 {
			x, y := &toks[a[j]], &toks[b[j]]
			if x.class != classNone && x.class == y.class {
				return segment(toks, a, b), true
			}
			if d := typoDistance(x, y); d > 0 {
				v := segment(toks, a, b)
				v.cost = d
				return v, true
			}
		}
	} else if len(a) == len(b)+1 || len(b) == len(a)+1 {
		long, short := a, b
		if len(b) > len(a) {
			long, short = b, a
		}
		i := 0
		for i < len(short) && long[i] == short[i] {
			i++
		}
		if toks[long[i]].drop && equalIDs(long[i+1:], short[i:]) {
			return segment(toks, a, b), true
		}
	}
	return joinVerdict(toks, a, b)
}

// joinVerdict accepts titles that differ only in where words are split:
// their letters without spaces are equal and at most two boundaries differ,
// each between two letters, so "pre training" / "pretraining" and
// "multi view" / "multiview" pair while "gpt 3" / "gpt3" cannot arise (digits
// are always split off) and numbers never merge.
func joinVerdict(toks []token, a, b []uint32) (verdict, bool) {
	var ia, ib, oa, ob int // token index and byte offset inside it, per side
	moved := 0
	for ia < len(a) && ib < len(b) {
		sa, sb := toks[a[ia]].s, toks[b[ib]].s
		if sa[oa] != sb[ob] {
			return verdict{}, false
		}
		oa++
		ob++
		endA, endB := oa == len(sa), ob == len(sb)
		if endA != endB {
			// A boundary on one side only: both tokens around it must be
			// letters.
			moved++
			if moved > 2 {
				return verdict{}, false
			}
			if endA && (!toks[a[ia]].alpha || ia+1 >= len(a) || !toks[a[ia+1]].alpha || !toks[b[ib]].alpha) {
				return verdict{}, false
			}
			if endB && (!toks[b[ib]].alpha || ib+1 >= len(b) || !toks[b[ib+1]].alpha || !toks[a[ia]].alpha) {
				return verdict{}, false
			}
		}
		if endA {
			ia, oa = ia+1, 0
		}
		if endB {
			ib, ob = ib+1, 0
		}
	}
	if ia != len(a) || ib != len(b) || moved == 0 {
		return verdict{}, false
	}
	v := segment(toks, a, b)
	v.cost = moved
	return v, true
}

// segment returns the differing middle of a and b (common leading and
// trailing tokens removed) with cost 1. When one side would be empty it is
// widened by a neighbouring token each way so the reason shows some context.
func segment(toks []token, a, b []uint32) verdict {
	p := 0
	for p < len(a) && p < len(b) && a[p] == b[p] {
		p++
	}
	s := 0
	for s < len(a)-p && s < len(b)-p && a[len(a)-1-s] == b[len(b)-1-s] {
		s++
	}
	ea, eb := len(a)-s, len(b)-s
	if p == ea || p == eb {
		if p > 0 {
			p--
		}
		if ea < len(a) && eb < len(b) {
			ea, eb = ea+1, eb+1
		}
	}
	return verdict{cost: 1, a: joinTokens(toks, a[p:ea]), b: joinTokens(toks, b[p:eb])}
}

func joinTokens(toks []token, ids []uint32) string {
	var sb strings.Builder
	for i, id := range ids {
		if i > 0 {
			sb.WriteByte(' ')
		}
		sb.WriteString(toks[id].s)
	}
	return sb.String()
}

func equalIDs(a, b []uint32) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// Hashing constants. Sequence and byte hashes are polynomial hashes modulo
// 2^64 over well-mixed token hashes; a collision only costs one extra
// comparison, never a wrong answer, because every candidate is verified.
const (
	seqBase  = 0x9E3779B97F4A7C15 | 1
	byteBase = 0x100000001B3
)

// tokenHash is a token's hash inside sequence hashes.
func tokenHash(s string) uint64 { return mix64(fnv64(s) ^ 0x9e3779b97f4a7c15) }

func fnv64(s string) uint64 {
	h := uint64(0xcbf29ce484222325)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 0x100000001b3
	}
	return h
}

// mix64 is the SplitMix64 finaliser.
func mix64(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}
