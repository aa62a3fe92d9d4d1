package title

import (
	"cmp"
	"slices"
)

// Duplicates groups the indices of titles whose Normalize keys are equal.
// Each group has at least two indices in increasing order, and groups are
// ordered by their first index, so the result is deterministic. Titles whose
// key is empty (nothing but punctuation) are never grouped.
func Duplicates(titles []string) [][]int {
	var n normalizer
	first := make(map[string]int, len(titles)) // key -> index into groups, or -1-i for a single title i
	var groups [][]int
	var buf []byte
	for i, t := range titles {
		buf = n.appendKey(buf[:0], t)
		if len(buf) == 0 {
			continue
		}
		g, ok := first[string(buf)]
		switch {
		case !ok:
			first[string(buf)] = -1 - i
		case g < 0:
			first[string(buf)] = len(groups)
			groups = append(groups, []int{-1 - g, i})
		default:
			groups[g] = append(groups[g], i)
		}
	}
	// Groups were created when their second member appeared; order them by
	// their first member instead so that the order follows the input.
	slices.SortFunc(groups, func(a, b []int) int { return cmp.Compare(a[0], b[0]) })
	return groups
}
