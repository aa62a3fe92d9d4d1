package org

import (
	"slices"
	"strings"

	"github.com/paperlint/papers/internal/typo"
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
			d, ok := typo.Likely(in, []rune(normalize(n)))
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
