package org

import (
	"slices"
	"strings"
)

// Suggest returns the canonical names of the organisations tag is likely a misspelling of, nearest
// first, then by name. It returns nil for a known tag (Canonical answers it), for an ambiguous short
// form (Ambiguous answers it), and for a tag that an organisation lists as related (CASIA is not a
// typo of CAS).
//
// Tags are compared in lower case with white space collapsed, against names and variants, by
// Damerau–Levenshtein distance (optimal string alignment) with a threshold that grows with the
// length of tag, because short organisation tags are dense (UCSD, UCSB, UCLA; KAIST, KAUST):
//   - up to 3 characters: only two swapped neighbours ("CUM" -> CMU);
//   - 4 or 5 characters: two swapped neighbours, a letter added or dropped when the shorter name
//     keeps 4 letters ("Badu" -> Baidu) or the letter doubles its neighbour, or the same letters
//     scrambled by two edits; never a substitution ("UCSB" is not UCSD, "KAUST" is not KAIST);
//   - 6 characters or more: two edits of any kind ("Stanfrod" -> Stanford).
func (r *Registry) Suggest(tag string) []string {
	key := normalize(tag)
	if key == "" {
		return nil
	}
	if _, ok := r.byName[key]; ok {
		return nil
	}
	if _, ok := r.ambiguous[key]; ok {
		return nil
	}
	in := []rune(key)
	best := make(map[*Org]int)
	for _, o := range r.orgs {
		if slices.ContainsFunc(o.Related, func(rel string) bool { return normalize(rel) == key }) {
			continue
		}
		for _, n := range o.names() {
			d, ok := typo(in, []rune(normalize(n)))
			if !ok {
				continue
			}
			if have, seen := best[o]; !seen || d < have {
				best[o] = d
			}
		}
	}
	if len(best) == 0 {
		return nil
	}
	orgs := make([]*Org, 0, len(best))
	for _, o := range r.orgs { // registry order, so the result never depends on map order
		if _, ok := best[o]; ok {
			orgs = append(orgs, o)
		}
	}
	slices.SortStableFunc(orgs, func(a, b *Org) int {
		if best[a] != best[b] {
			return best[a] - best[b]
		}
		return strings.Compare(a.Name, b.Name)
	})
	out := make([]string, len(orgs))
	for i, o := range orgs {
		out[i] = o.Name
	}
	return out
}

// typo reports the distance between in and name (both normalised) and whether in is close enough
// to be a misspelling of name; see Suggest for the thresholds.
func typo(in, name []rune) (int, bool) {
	d := distance(in, name)
	switch {
	case d == 0:
		return 0, false
	case len(in) <= 3:
		return d, d == 1 && len(in) == len(name) && !sameAt(in, name)
	case len(in) <= 5:
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
// ("mitt" and "mit").
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

// distance is the Damerau–Levenshtein distance between a and b in its optimal-string-alignment
// form: insertions, deletions, substitutions and swaps of two neighbours each cost 1, and no
// substring is edited twice. (The venue package has the same function; neither imports the other.)
func distance(a, b []rune) int {
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
