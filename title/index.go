package title

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
// Titles are identified by their position in the slice.
func NewIndex(titles []string) *Index { return &Index{ix: buildIndex(titles)} }

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
// Similar does.
func (x *Index) Similar(opt Options) []Pair {
	return x.ix.expand(x.ix.candidates(opt.threshold()))
}
