// Package typo decides whether one short name is a likely misspelling of
// another: the Damerau–Levenshtein distance with length-aware thresholds
// that the venue and organisation registries use for their suggestions,
// and that the config uses for "did you mean".
package typo

import "slices"

// Likely reports the distance between in and name (both normalised) and whether in is close
// enough to be a misspelling of name. The threshold grows with the length of in, because one
// edit turns most three-letter tags into another plausible tag:
//   - up to 3 characters: only two swapped neighbours;
//   - 4 or 5 characters: one swap, or an added or dropped character when the shorter name still
//     has 4 characters or the character is doubled, or the same letters scrambled by two edits;
//     a substituted character is never enough (ICSE is not a typo of ICDE);
//   - 6 characters or more: two edits of any kind.
func Likely(in, name []rune) (int, bool) {
	d := Distance(in, name)
	switch {
	case d == 0:
		return 0, false
	case len(in) <= 3:
		return d, d == 1 && len(in) == len(name) && !sameAt(in, name)
	case len(in) <= 5:
		// Short acronyms are dense (ICDE, ICME, ICSE, ICPR, ICLR): a substitution, or a letter
		// added to a three-letter tag, lands on another real name too often to be a typo.
		if d == 2 {
			return d, sameLetters(in, name)
		}
		if d != 1 {
			return d, false
		}
		if len(in) == len(name) {
			return d, !sameAt(in, name)
		}
		return d, min(len(in), len(name)) >= 4 || doubled(in, name)
	default:
		return d, d <= 2
	}
}

// sameAt reports whether two equally long strings at distance 1 differ by a substitution rather
// than a swap of neighbours: a substitution leaves them differing at exactly one position.
func sameAt(a, b []rune) bool {
	diff := 0
	for i := range a {
		if a[i] != b[i] {
			diff++
		}
	}
	return diff == 1
}

// doubled reports whether the longer of a and b is the shorter with one character repeated
// ("kddd" and "kdd"). The caller knows they are one insertion apart.
func doubled(a, b []rune) bool {
	if len(a) < len(b) {
		a, b = b, a
	}
	if len(a) != len(b)+1 {
		return false
	}
	for i := range a {
		if !slices.Equal(slices.Concat(a[:i], a[i+1:]), b) {
			continue
		}
		if (i > 0 && a[i-1] == a[i]) || (i+1 < len(a) && a[i+1] == a[i]) {
			return true
		}
	}
	return false
}

// sameLetters reports whether a and b are anagrams of each other.
func sameLetters(a, b []rune) bool {
	if len(a) != len(b) {
		return false
	}
	x, y := slices.Clone(a), slices.Clone(b)
	slices.Sort(x)
	slices.Sort(y)
	return slices.Equal(x, y)
}

// Distance is the Damerau–Levenshtein distance between a and b in its optimal-string-alignment
// form: insertions, deletions, substitutions and swaps of two neighbours each cost 1, and no
// substring is edited twice.
func Distance(a, b []rune) int {
	// Three rolling rows: the swap case looks two rows back.
	prev2 := make([]int, len(b)+1)
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}
