package title

import (
	"cmp"
	"slices"
)

// Index is a list of titles normalised and tokenised once, for callers that
// need both the exact and the near duplicates of the same titles (the
// duplicate-title and similar-title rules share one). Its Duplicates and
// Similar give the same results as the functions of those names on its
// titles. An Index is not changed after NewIndex, so any number of
// goroutines may use it at once.
type Index struct {
	ix *index
}

// NewIndex normalises and tokenises titles, in parallel for long lists.
// Titles are identified by their position in the slice. jobs is how many
// goroutines the index uses on a long list, here and in Similar and
// SimilarGroups; <= 0 means 1.
func NewIndex(titles []string, jobs int) *Index { return &Index{ix: buildIndex(titles, jobs)} }

// Duplicates groups the indices of titles whose Normalize keys are equal,
// as the function Duplicates does: groups of two or more in increasing
// order, ordered by their first index, titles with an empty key never
// grouped.
func (x *Index) Duplicates() [][]int {
	ix := x.ix
	var groups [][]int
	// Titles with equal token sequences share a representative, and
	// representatives are numbered in the order of their first title, so
	// walking them in order gives groups ordered by first index, and each
	// chain lists its titles in increasing order.
	for r, h := range ix.head {
		if ix.tail[r] == h {
			continue
		}
		var g []int
		for i := h; i >= 0; i = ix.next[i] {
			g = append(g, int(i))
		}
		groups = append(groups, g)
	}
	return groups
}

// Similar returns the pairs of near-duplicate titles, as the function
// Similar does (with the index's jobs, not opt.Jobs).
func (x *Index) Similar(opt Options) []Pair {
	return x.ix.expand(x.ix.candidates(opt.threshold()))
}

// GroupPair is Similar's pairs between two groups of titles: the titles of
// a group are exact duplicates of one another (equal Normalize keys), and
// every title of A is similar to every title of B. Similar reports each
// such pair of titles; a group pair says it once, so that a title repeated
// thousands of times does not make millions of pairs.
type GroupPair struct {
	// A and B are indices into the titles, each in increasing order.
	A, B []int
	// Score is the Score of each of the pairs.
	Score float64
	// InA and InB are the difference as it reads in A's titles and in
	// B's (Pair.Reason quotes them, its A's side first).
	InA, InB string
}

// SimilarGroups returns Similar's pairs grouped (see GroupPair), ordered by
// the first index of A, then of B; A's first index is below B's.
func (x *Index) SimilarGroups(opt Options) []GroupPair {
	ix := x.ix
	members := func(r int32) []int {
		var m []int
		for a := ix.head[r]; a >= 0; a = ix.next[a] {
			m = append(m, int(a))
		}
		return m
	}
	found := ix.candidates(opt.threshold())
	out := make([]GroupPair, 0, len(found))
	for _, f := range found {
		g := GroupPair{A: members(f.r), B: members(f.s), Score: ix.score(f.r, f.s, f.v.cost), InA: f.v.a, InB: f.v.b}
		if g.B[0] < g.A[0] {
			g.A, g.B, g.InA, g.InB = g.B, g.A, g.InB, g.InA
		}
		out = append(out, g)
	}
	slices.SortFunc(out, func(p, q GroupPair) int {
		return cmp.Or(cmp.Compare(p.A[0], q.A[0]), cmp.Compare(p.B[0], q.B[0]))
	})
	return out
}
