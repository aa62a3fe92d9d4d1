package rules

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/paperlint/papers/lint"
	"github.com/paperlint/papers/title"
)

// SimilarTitleOptions are the options of similar-title.
type SimilarTitleOptions struct {
	// Threshold is the lowest similarity reported, in (0, 1]: 1 minus the
	// edits of the one difference found over the longer normalised title's
	// length in characters. 0.9 allows one edit in a title of 10 characters
	// or more. Raising it drops pairs of short titles first.
	Threshold float64 `yaml:"threshold"`
	// IgnoreSameFile drops pairs inside one file.
	IgnoreSameFile bool `yaml:"ignore-same-file"`
	// IgnoreAcrossSections drops pairs in different sections of one file.
	IgnoreAcrossSections bool `yaml:"ignore-across-sections"`
	// Allow lists groups of titles that are different papers however close
	// they look: no two titles of one group are paired. A group has at least
	// two titles, compared after title.Normalize.
	Allow [][]string `yaml:"allow"`
}

// Validate checks the threshold and the allow-list.
func (o *SimilarTitleOptions) Validate() error {
	if !(o.Threshold > 0 && o.Threshold <= 1) {
		return fmt.Errorf("threshold %v: want a number above 0 and at most 1 (default %v)", o.Threshold, title.DefaultThreshold)
	}
	for _, g := range o.Allow {
		if len(g) < 2 {
			return fmt.Errorf("allow: %q: a group needs at least two titles, such as [Title A, Title B]", g)
		}
		if err := validateAllowTitles(g); err != nil {
			return err
		}
	}
	return nil
}

// allowedPairs returns the pairs of normalised titles the allow-list
// names, each stored both ways round so that a lookup needs no ordering.
func (o *SimilarTitleOptions) allowedPairs() map[[2]string]bool {
	if len(o.Allow) == 0 {
		return nil
	}
	set := map[[2]string]bool{}
	for _, g := range o.Allow {
		keys := make([]string, len(g))
		for i, t := range g {
			keys[i] = title.Normalize(t)
		}
		for i := range keys {
			for j := range keys {
				if i != j {
					set[[2]string{keys[i], keys[j]}] = true
				}
			}
		}
	}
	return set
}

// SimilarTitle reports titles that are probably the same paper written
// with a typo or a small edit (`Dount`/`Donut`, `CPTN`/`CTPN`, a dropped
// "the", "Pre-training"/"Pretraining"), by title.Similar's measure: one
// difference, verified, above a threshold. Titles that only share most of
// their words or differ in a number or version are not paired. Exact repeats
// are duplicate-title's job.
var SimilarTitle = &lint.Rule{
	ID:         "similar-title",
	Summary:    "two titles differ by a typo or a small edit and are probably the same paper",
	Severity:   lint.Info,
	Scope:      lint.CorpusScope,
	NewOptions: lint.Defaults(func() *SimilarTitleOptions { return &SimilarTitleOptions{Threshold: title.DefaultThreshold} }),
	Requires:   []lint.Analyzer{titleAnalysisOfRun},
	Check:      checkSimilarTitle,
}

// similarLink is one side of a similar pair: entry `of` is close to entry
// `to`, and reason names the difference `of`'s side first.
type similarLink struct {
	of, to int
	score  float64
	reason string
}

func checkSimilarTitle(p *lint.Pass) {
	opt := lint.OptionsOf[SimilarTitleOptions](p)
	a := titleAnalysisOfRun.Of(p, nil)
	entries, titles := a.entries, a.titles
	if len(entries) < 2 {
		return
	}
	allow := opt.allowedPairs()
	filter := pairFilter{ignoreSameFile: opt.IgnoreSameFile, ignoreAcrossSections: opt.IgnoreAcrossSections}
	// The pairs come grouped: a title repeated n times and a variant
	// repeated m times are one group pair, not n x m pairs. Each entry
	// gets its partner groups; a finding lists a few partners and counts
	// the rest from per-file and per-section tallies.
	partners := map[int][]similarGroup{}
	tallies := map[int]*groupTally{} // by a group's first entry
	tally := func(g []int) *groupTally {
		t := tallies[g[0]]
		if t == nil {
			t = newGroupTally(entries, g)
			tallies[g[0]] = t
		}
		return t
	}
	for _, gp := range a.index.SimilarGroups(title.Options{Threshold: opt.Threshold}) {
		if allow != nil && allow[[2]string{title.Normalize(titles[gp.A[0]]), title.Normalize(titles[gp.B[0]])}] {
			continue
		}
		ta, tb := tally(gp.A), tally(gp.B)
		for _, x := range gp.A {
			partners[x] = append(partners[x], similarGroup{tally: tb, score: gp.Score, reason: reasonText(gp.InA, gp.InB, fmt.Sprintf("%q vs %q", gp.InA, gp.InB))})
		}
		for _, y := range gp.B {
			partners[y] = append(partners[y], similarGroup{tally: ta, score: gp.Score, reason: reasonText(gp.InB, gp.InA, fmt.Sprintf("%q vs %q", gp.InB, gp.InA))})
		}
	}
	// Every entry of a pair is reported once, naming all the titles it is
	// close to, so that the finding shows on whichever line a reader is at.
	xs := slices.Sorted(maps.Keys(partners))
	for _, x := range xs {
		e := &entries[x]
		total := 0
		for _, g := range partners[x] {
			total += g.tally.count(e, filter)
		}
		if total == 0 {
			continue
		}
		reportSimilar(p, entries, x, firstLinks(entries, x, partners[x], filter), total)
	}
}

// similarGroup is a group of exact duplicates similar to an entry.
type similarGroup struct {
	tally  *groupTally
	score  float64
	reason string // this entry's side first
}

// firstLinks returns the partners of entry x that a finding names, in
// increasing order of entry, at most as many as it lists or relates.
func firstLinks(entries []titleEntry, x int, groups []similarGroup, f pairFilter) []similarLink {
	limit := max(maxListed, maxRelated)
	at := make([]int, len(groups)) // next member of each group
	var out []similarLink
	for len(out) < limit {
		best := -1
		for k, g := range groups {
			for at[k] < len(g.tally.members) && f.skip(&entries[x], &entries[g.tally.members[at[k]]]) {
				at[k]++
			}
			if at[k] < len(g.tally.members) && (best < 0 || g.tally.members[at[k]] < groups[best].tally.members[at[best]]) {
				best = k
			}
		}
		if best < 0 {
			break
		}
		g := groups[best]
		out = append(out, similarLink{of: x, to: g.tally.members[at[best]], score: g.score, reason: g.reason})
		at[best]++
	}
	return out
}

// reportSimilar reports entry x, close to total entries, the first of which
// are links.
func reportSimilar(p *lint.Pass, entries []titleEntry, x int, links []similarLink, total int) {
	e := &entries[x]
	start, end := e.span()
	d := lint.Diagnostic{File: e.file.Path, Start: start, End: end}
	parts := make([]string, 0, min(len(links), maxListed))
	for k, l := range links {
		o := &entries[l.to]
		if k < maxListed {
			parts = append(parts, fmt.Sprintf("%s (%s, similarity %.2f)", location(o), l.reason, l.score))
		}
		if k < maxRelated {
			ostart, oend := o.span()
			d.AddRelated(lint.Related{File: o.file.Path, Start: ostart, End: oend, Message: "similar title here"})
		}
	}
	noun := "similar title at "
	if total > 1 {
		noun = "similar titles at "
	}
	d.Message = noun + joinListed(parts, total) + ": the same paper written two ways?"
	p.Report(d)
}

// splitReason reads title.Pair.Reason, `"dount" vs "donut"`, into its two
// sides, or two empty strings when it is not in that form.
func splitReason(r string) (a, b string) {
	qa, err := strconv.QuotedPrefix(r)
	if err != nil {
		return "", ""
	}
	rest, found := strings.CutPrefix(r[len(qa):], " vs ")
	if !found {
		return "", ""
	}
	qb, err := strconv.QuotedPrefix(rest)
	if err != nil || len(qb) != len(rest) {
		return "", ""
	}
	a, _ = strconv.Unquote(qa)
	b, _ = strconv.Unquote(qb)
	return a, b
}

// reasonText is the difference as the message shows it, this entry's side
// first; the raw reason when it could not be split.
func reasonText(here, there, raw string) string {
	if here == "" && there == "" {
		return raw
	}
	return fmt.Sprintf("%q here, %q there", here, there)
}
