package title

import (
	"cmp"
	"fmt"
	"slices"
)

// DefaultThreshold is the lowest Score a pair needs when Options.Threshold is
// zero. With one character edit per pair, 0.9 means the longer normalised
// title has at least 10 characters; two edits need 20.
const DefaultThreshold = 0.9

// Options tunes Similar and Match.
type Options struct {
	// Threshold is the lowest Score a pair needs to be reported, normally in
	// (0, 1]. Zero means DefaultThreshold. Raising it drops pairs of short
	// titles first, since one edit weighs more in a short title; it never
	// admits a pair the token rules reject.
	Threshold float64
	// Jobs is how many goroutines Similar uses on a long list; <= 0 means
	// 1. The caller owns the worker budget, so Similar does not look at
	// GOMAXPROCS. An Index's methods use the jobs it was built with.
	Jobs int
}

func (o Options) threshold() float64 {
	if o.Threshold == 0 {
		return DefaultThreshold
	}
	return o.Threshold
}

// Pair is two titles that are probably the same paper written differently.
type Pair struct {
	// A and B are indices into the titles passed to Similar, A < B.
	A, B int
	// Score is 1 - edits/length: edits is the cost of the one difference
	// found (character edits of a typo, 1 for a swapped or missing function
	// word, 1 per moved word boundary) and length is the rune length of the
	// longer normalised title.
	Score float64
	// Reason names the difference in normalised form, title A's side first:
	// `"dount" vs "donut"`, `"x a survey" vs "x survey"`.
	Reason string
}

// Similar returns the pairs of titles that are near-duplicates but not exact
// duplicates (those are Duplicates' job): probably the same paper written
// with one small edit.
//
// The measure compares Normalize keys as token sequences and accepts exactly
// one of these edits:
//
//   - a typo in one word: both words at least 4 letters, letters only (no
//     digits, symbols, CJK or roman numerals), same first letter,
//     Damerau–Levenshtein distance 1 (2 for words of 10+ letters), and in
//     words of at most 5 letters no substituted letter (Dount/Donut and
//     CPTN/CTPN pair, BERT/BART, CNN/RNN, Global/Local do not);
//   - one function word swapped for another of its class (articles, or
//     prepositions such as of/for/on/in);
//   - one function word (a, the, of, for, to, and, ...) present in one title
//     only;
//   - word boundaries moved, at most two, between letters (Pre-training and
//     Pretraining).
//
// Numbers, versions and symbols never take part in an edit, so YOLOv6 and
// YOLOv7, GPT-3 and GPT-4, ResNet-50 and ResNet-101, ISS and ISS++ are not
// paired, and neither are titles that differ in a content word ("X: A Survey"
// and "X: A Benchmark"). A pair is reported when its Score reaches
// Options.Threshold. SIMILARITY.md explains the choices.
//
// When titles i and j are exact duplicates and title k is similar to them,
// both (i, k) and (j, k) are reported. Pairs are ordered by A, then B.
//
// Titles are not compared all against all: every title emits a handful of
// hash keys (its token sequence with one word masked to its first letter or
// class, or with one function word deleted, and its letters without spaces),
// and only titles sharing a key are compared, so the work grows linearly with
// the number of titles.
func Similar(titles []string, opt Options) []Pair {
	ix := buildIndex(titles, opt.Jobs)
	found := ix.candidates(opt.threshold())
	return ix.expand(found)
}

// Match reports whether titles a and b are the same paper up to one small
// edit, by the measure Similar uses, with the Score and Reason a Pair would
// carry. Titles with equal Normalize keys match with Score 1 and an empty
// Reason. It suits one-off checks, such as a .bib title against a notes title.
func Match(a, b string, opt Options) (score float64, reason string, ok bool) {
	ix := buildIndex([]string{a, b}, 1)
	ra, rb := ix.rep[0], ix.rep[1]
	switch {
	case ra < 0 || rb < 0:
		return 0, "", false
	case ra == rb:
		return 1, "", true
	}
	v, ok := compare(ix.toks, ix.tokens(ra), ix.tokens(rb))
	if !ok {
		return 0, "", false
	}
	score = ix.score(ra, rb, v.cost)
	if score < opt.threshold() {
		return score, "", false
	}
	return score, fmt.Sprintf("%q vs %q", v.a, v.b), true
}

// index holds the titles as sequences of interned tokens. Titles with equal
// keys share one representative ("rep"); only reps are compared.
type index struct {
	dict  map[string]uint32
	toks  []token
	seq   []uint32 // token ids of all reps, back to back
	off   []int32  // rep r's tokens are seq[off[r]:off[r+1]]
	runes []int32  // rune length of rep r's key
	rep   []int32  // per title: its rep, or -1 for an empty key
	head  []int32  // per rep: its first title
	tail  []int32  // per rep: its last title
	next  []int32  // per title: the next title with the same rep, or -1
	jobs  int      // goroutines that work on a long list, at least 1
}

func (ix *index) tokens(r int32) []uint32 { return ix.seq[ix.off[r]:ix.off[r+1]] }

func (ix *index) score(r, s int32, cost int) float64 {
	return 1 - float64(cost)/float64(max(ix.runes[r], ix.runes[s]))
}

// buildIndex builds the index of titles with jobs goroutines (<= 0 means
// 1), which its candidates use too.
func buildIndex(titles []string, jobs int) *index {
	ix := &index{
		dict: make(map[string]uint32),
		off:  []int32{0},
		rep:  make([]int32, len(titles)),
		next: make([]int32, len(titles)),
		jobs: max(jobs, 1),
	}
	chunks := tokenizeAll(titles, ix.jobs)
	total := 0
	for _, c := range chunks {
		total += len(c.ids)
	}
	ix.seq = make([]uint32, 0, total)
	byHash := make(map[uint64]int32, len(titles))
	var chain []int32 // per rep: the next rep with the same hash, or -1
	var trans []uint32
	var ids []uint32
	for _, c := range chunks {
		// Translate the chunk's local token ids to the index's ids.
		trans = trans[:0]
		for _, s := range c.vocab {
			id, ok := ix.dict[s]
			if !ok {
				id = uint32(len(ix.toks))
				ix.toks = append(ix.toks, newToken(s))
				ix.dict[s] = id
			}
			trans = append(trans, id)
		}
		for j, h := range c.hashes {
			i := c.lo + j
			ix.next[i] = -1
			local := c.ids[c.off[j]:c.off[j+1]]
			if len(local) == 0 {
				ix.rep[i] = -1
				continue
			}
			ids = ids[:0]
			for _, id := range local {
				ids = append(ids, trans[id])
			}
			r, ok := byHash[h]
			for ok && r >= 0 && !equalIDs(ix.tokens(r), ids) {
				r = chain[r]
			}
			if ok && r >= 0 {
				ix.rep[i] = r
				ix.next[ix.tail[r]] = int32(i)
				ix.tail[r] = int32(i)
				continue
			}
			r = int32(len(ix.head))
			if prev, ok := byHash[h]; ok {
				chain = append(chain, prev) // rare: a hash collision between different keys
			} else {
				chain = append(chain, -1)
			}
			byHash[h] = r
			ix.rep[i] = r
			ix.head = append(ix.head, int32(i))
			ix.tail = append(ix.tail, int32(i))
			ix.seq = append(ix.seq, ids...)
			ix.off = append(ix.off, int32(len(ix.seq)))
			ix.runes = append(ix.runes, c.runes[j])
		}
	}
	return ix
}

// Key namespaces keep the three kinds of keys apart.
const (
	nsSeq  = 0x243F6A8885A308D3 // whole sequence, or the sequence with a function word deleted
	nsMask = 0x13198A2E03707344 // sequence with one word masked to its first letter or class
	nsJoin = 0xA4093822299F31D0 // letters without spaces
)

func seqKey(ns, h uint64, n int) uint64 { return mix64(h ^ ns ^ uint64(n)*0x9E3779B97F4A7C15) }

// found is an accepted pair of reps.
type found struct {
	r, s int32 // r < s
	v    verdict
}

// candidates emits every rep's keys, sorts them, and compares the reps that
// share a key. Keys per rep with n tokens:
//
//   - its sequence hash (nsSeq);
//   - for each droppable function word, the sequence without it (nsSeq), which
//     meets the plain sequence of a title lacking that word;
//   - for each word that may carry a typo, the sequence with that word replaced
//     by its first letter (nsMask), which meets a title with a typo in the same
//     word (typos keep the first letter, see typoDistance); for each classed
//     function word, the sequence with the word replaced by its class (nsMask);
//   - the hash of its letters without spaces (nsJoin).
func (ix *index) candidates(threshold float64) []found {
	nreps := len(ix.head)
	if nreps < 2 {
		return nil
	}
	// A record is a key's top 32 bits above the rep index. 32 bits are
	// plenty: a chance collision only adds a comparison (about 26,000 among
	// the 15 million keys of a million titles), and a short key sorts in
	// three radix passes.
	const low = 1<<32 - 1
	if uint64(nreps) > low {
		return nil // more titles than an index can address; not reachable with real lists
	}
	// Each worker emits and sorts the keys of its share of reps; the sorted
	// parts are then merged, which is one pass instead of three.
	parts := make([][]uint64, ix.jobs)
	nparts := parallel(nreps, ix.jobs, func(p, lo, hi int) {
		recs := ix.appendKeys(make([]uint64, 0, 2*(ix.off[hi]-ix.off[lo])+2*int32(hi-lo)), lo, hi)
		parts[p] = radixSortHigh(recs)
	})
	recs := mergeSorted(parts[:nparts])
	var out []found
	for start := 0; start < len(recs); {
		end := start + 1
		for end < len(recs) && recs[end]&^low == recs[start]&^low {
			end++
		}
		for x := start; x < end; x++ {
			for y := x + 1; y < end; y++ {
				r, s := int32(recs[x]&low), int32(recs[y]&low)
				if r == s {
					continue
				}
				if r > s {
					r, s = s, r
				}
				a, b := ix.tokens(r), ix.tokens(s)
				if len(a)-len(b) > 2 || len(b)-len(a) > 2 {
					continue
				}
				v, ok := compare(ix.toks, a, b)
				if ok && ix.score(r, s, v.cost) >= threshold {
					out = append(out, found{r, s, v})
				}
			}
		}
		start = end
	}
	// A pair can share more than one key ("x a y" / "x the y" share a mask
	// key and a deletion key); keep one.
	slices.SortFunc(out, func(p, q found) int {
		return cmp.Or(cmp.Compare(p.r, q.r), cmp.Compare(p.s, q.s))
	})
	return slices.CompactFunc(out, func(p, q found) bool { return p.r == q.r && p.s == q.s })
}

// appendKeys appends the records (key above rep index) of reps [lo, hi).
func (ix *index) appendKeys(recs []uint64, lo, hi int) []uint64 {
	const low = 1<<32 - 1
	var pre []uint64 // pre[j]: hash of the first j tokens
	var pow []uint64 // pow[j]: seqBase^j
	for r := lo; r < hi; r++ {
		ids := ix.tokens(int32(r))
		n := len(ids)
		for len(pow) <= n {
			if len(pow) == 0 {
				pow = append(pow, 1)
			} else {
				pow = append(pow, pow[len(pow)-1]*seqBase)
			}
		}
		pre = append(pre[:0], 0)
		var join uint64
		for _, id := range ids {
			t := &ix.toks[id]
			pre = append(pre, pre[len(pre)-1]*seqBase+t.h)
			join = join*t.pw + t.ph
		}
		full := pre[n]
		rep := uint64(r)
		recs = append(recs,
			seqKey(nsSeq, full, n)&^low|rep,
			seqKey(nsJoin, join, 0)&^low|rep)
		for j, id := range ids {
			t := &ix.toks[id]
			c := pow[n-1-j]
			if t.drop {
				recs = append(recs, seqKey(nsSeq, pre[j]*c+full-pre[j+1]*c, n-1)&^low|rep)
			}
			var mask uint64
			switch {
			case t.kind == kindWord:
				mask = mix64(uint64(t.first) ^ 0x452821E638D01377)
			case t.class != classNone:
				mask = mix64(uint64(t.class) ^ 0xBE5466CF34E90C6C)
			default:
				continue
			}
			recs = append(recs, seqKey(nsMask, full-t.h*c+mask*c, n)&^low|rep)
		}
	}
	return recs
}

// expand turns pairs of reps into pairs of titles, every member of one rep
// with every member of the other.
func (ix *index) expand(fs []found) []Pair {
	var out []Pair
	for _, f := range fs {
		score := ix.score(f.r, f.s, f.v.cost)
		ab := fmt.Sprintf("%q vs %q", f.v.a, f.v.b)
		ba := fmt.Sprintf("%q vs %q", f.v.b, f.v.a)
		for a := ix.head[f.r]; a >= 0; a = ix.next[a] {
			for b := ix.head[f.s]; b >= 0; b = ix.next[b] {
				if a < b {
					out = append(out, Pair{A: int(a), B: int(b), Score: score, Reason: ab})
				} else {
					out = append(out, Pair{A: int(b), B: int(a), Score: score, Reason: ba})
				}
			}
		}
	}
	slices.SortFunc(out, func(p, q Pair) int {
		return cmp.Or(cmp.Compare(p.A, q.A), cmp.Compare(p.B, q.B))
	})
	return out
}

// mergeSorted merges slices each sorted by their top 32 bits.
func mergeSorted(parts [][]uint64) []uint64 {
	for len(parts) > 1 {
		var next [][]uint64
		for i := 0; i+1 < len(parts); i += 2 {
			next = append(next, merge2(parts[i], parts[i+1]))
		}
		if len(parts)%2 == 1 {
			next = append(next, parts[len(parts)-1])
		}
		parts = next
	}
	if len(parts) == 0 {
		return nil
	}
	return parts[0]
}

func merge2(a, b []uint64) []uint64 {
	const high = ^uint64(1<<32 - 1)
	out := make([]uint64, 0, len(a)+len(b))
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		if a[i]&high <= b[j]&high {
			out = append(out, a[i])
			i++
		} else {
			out = append(out, b[j])
			j++
		}
	}
	out = append(out, a[i:]...)
	return append(out, b[j:]...)
}

// radixSortHigh sorts records by their top 32 bits (the key), least
// significant 11-bit digit first (three passes: 2,048 buckets keep the
// scatter's write positions in cache, 65,536 did not). Only grouping matters, so the low 32 bits
// (the rep index) are left in arrival order. It returns the sorted slice,
// which is either recs or a scratch buffer.
func radixSortHigh(recs []uint64) []uint64 {
	const digit = 11
	const mask = 1<<digit - 1
	tmp := make([]uint64, len(recs))
	var count [1 << digit]int
	for shift := uint(32); shift < 64; shift += digit {
		clear(count[:])
		for _, k := range recs {
			count[(k>>shift)&mask]++
		}
		sum := 0
		for i, c := range count {
			count[i] = sum
			sum += c
		}
		for _, k := range recs {
			d := (k >> shift) & mask
			tmp[count[d]] = k
			count[d]++
		}
		recs, tmp = tmp, recs
	}
	return recs
}
