package title

import (
	"bytes"
	"cmp"
	"hash/maphash"
	"slices"
)

// Duplicates groups the indices of titles whose Normalize keys are equal.
// Each group has at least two indices in increasing order, and groups are
// ordered by their first index, so the result is deterministic. Titles whose
// key is empty (nothing but punctuation) are never grouped.
//
// Keys are written back to back into one buffer and found again through a
// map from their hash, so no string is allocated per title.
func Duplicates(titles []string) [][]int {
	seed := maphash.MakeSeed()
	return duplicates(titles, func(key []byte) uint64 { return maphash.Bytes(seed, key) })
}

// duplicates is Duplicates with the key hash given, so that tests can force
// collisions.
func duplicates(titles []string, hash func([]byte) uint64) [][]int {
	var n normalizer
	// A key is about as long as its title ("&" becomes "and", NFKC may
	// expand a little): sizing the buffer for that avoids regrowing it.
	size := 0
	for _, t := range titles {
		size += len(t) + len(t)/8 + 4
	}
	buf := make([]byte, 0, size)
	off := make([]int, len(titles)+1) // key of title i is buf[off[i]:off[i+1]]
	// byHash maps a key's hash to the first title with that key; other keys
	// with the same hash (a collision, or the same hash by chance) are
	// chained through more.
	byHash := make(map[uint64]int32, len(titles))
	more := map[int32]int32{} // first title -> next first title with the same hash
	group := make(map[int32]int32)
	var groups [][]int
	for i, t := range titles {
		buf = n.appendKey(buf, t)
		off[i+1] = len(buf)
		key := buf[off[i]:off[i+1]]
		if len(key) == 0 {
			continue
		}
		h := hash(key)
		first, ok := byHash[h]
		for ok && !bytes.Equal(buf[off[first]:off[first+1]], key) {
			first, ok = more[first]
		}
		switch {
		case !ok:
			if prev, clash := byHash[h]; clash {
				more[int32(i)] = prev
			}
			byHash[h] = int32(i)
		default:
			g, seen := group[first]
			if !seen {
				g = int32(len(groups))
				group[first] = g
				groups = append(groups, []int{int(first)})
			}
			groups[g] = append(groups[g], i)
		}
	}
	// Groups were created when their second member appeared; order them by
	// their first member instead so that the order follows the input.
	slices.SortFunc(groups, func(a, b []int) int { return cmp.Compare(a[0], b[0]) })
	return groups
}
