package venue

import (
	"slices"
	"strings"

	"github.com/paperlint/papers/internal/typo"
)

// genericWords start the names of too many venues to suggest them.
var genericWords = map[string]bool{"ieee": true, "acm": true, "proceedings": true, "international": true, "annual": true, "journal": true, "the": true}

// Suggest returns the known venues that name is likely a misspelling of, nearest first, then by tag.
// It returns nil when name is itself a known name (Lookup wins: ICLR is never a typo of ICML) or
// when nothing is close enough.
//
// Names are compared after Normalize by Damerau–Levenshtein distance (optimal string alignment),
// with a threshold that grows with the length of name, because one edit turns most short tags into
// another plausible tag:
//   - up to 3 characters: only two swapped neighbours ("DKD" -> KDD, but "CSS" is not a typo of
//     CCS);
//   - 4 or 5 characters: two swapped neighbours ("CPVR" -> CVPR), a letter added or dropped when
//     the shorter name keeps 4 letters ("EMNP" -> EMNLP, "SIGMD" -> SIGMOD) or the letter
//     doubles its neighbour ("KDDD" -> KDD), or the same letters scrambled by two edits
//     ("Arivx" -> arXiv); never a substitution ("ICSE" is neither ICDE nor ICS, "PODC" is not
//     PODS);
//   - 6 characters or more: two edits of any kind ("NeurlPS" -> NeurIPS).
//
// When no name is that close, a name that is the first word of known tags ("Usenix" of USENIX
// Security and USENIX ATC) suggests those venues: the rest of the tag was left out.
//
// A suggestion is advice, not a fix: a venue missing from the registry (ICPR) may well look
// like one that is in it.
func (r *Registry) Suggest(name string) []*Venue {
	if _, ok := r.Lookup(name); ok {
		return nil
	}
	in := []rune(Normalize(name))
	if len(in) == 0 {
		return nil
	}
	type hit struct {
		v    *Venue
		dist int
	}
	var hits []hit
	for _, v := range r.venues {
		best := -1
		for _, n := range v.Names() {
			if d, ok := typo.Likely(in, []rune(Normalize(n))); ok && (best < 0 || d < best) {
				best = d
			}
		}
		if best >= 0 {
			hits = append(hits, hit{v, best})
		}
	}
	if len(hits) == 0 && !genericWords[string(in)] {
		for _, v := range r.venues {
			for _, n := range append([]string{v.Tag}, v.Aliases...) {
				if w := strings.Fields(n); len(w) > 1 && len(w) <= 3 && Normalize(w[0]) == string(in) {
					hits = append(hits, hit{v, 0})
					break
				}
			}
		}
	}
	slices.SortFunc(hits, func(a, b hit) int {
		if a.dist != b.dist {
			return a.dist - b.dist
		}
		return strings.Compare(a.v.Tag, b.v.Tag)
	})
	out := make([]*Venue, len(hits))
	for i, h := range hits {
		out[i] = h.v
	}
	if len(out) == 0 {
		return nil
	}
	return out
}
