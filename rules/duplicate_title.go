package rules

import (
	"fmt"

	"github.com/paperlint/papers/lint"
	"github.com/paperlint/papers/title"
)

// DuplicateTitleOptions are the options of duplicate-title.
type DuplicateTitleOptions struct {
	// IgnoreSameFile drops repeats inside one file: only repeats across the
	// files of the run are reported.
	IgnoreSameFile bool `yaml:"ignore-same-file"`
	// IgnoreAcrossSections drops repeats in different sections of one file:
	// some lists file a paper under two topics on purpose.
	IgnoreAcrossSections bool `yaml:"ignore-across-sections"`
	// Allow lists titles that may appear more than once, compared after
	// title.Normalize: two different papers that share a title, or a paper
	// listed twice on purpose.
	Allow []string `yaml:"allow"`
}

// Validate checks the allow-list.
func (o *DuplicateTitleOptions) Validate() error { return validateAllowTitles(o.Allow) }

// DuplicateTitle reports papers listed more than once: entries whose titles
// are equal after title.Normalize (case, accents, LaTeX, punctuation and
// spacing, a trailing `(DIN)` or leading `DIN:` aside), in one file or
// across the files of the run. Every occurrence is reported and points to
// the others; the message says whether their venue tags agree, because two
// different papers can share a title and the venue is the first hint.
var DuplicateTitle = &lint.Rule{
	ID:         "duplicate-title",
	Summary:    "a paper is listed twice: two entries have the same normalised title",
	Severity:   lint.Warning,
	Scope:      lint.CorpusScope,
	NewOptions: lint.Defaults(func() *DuplicateTitleOptions { return &DuplicateTitleOptions{} }),
	Requires:   []lint.Analyzer{titleAnalysisOfRun},
	Check:      checkDuplicateTitle,
}

func checkDuplicateTitle(p *lint.Pass) {
	opt := lint.OptionsOf[DuplicateTitleOptions](p)
	a := titleAnalysisOfRun.Of(p, nil)
	entries, titles := a.entries, a.titles
	if len(entries) < 2 {
		return
	}
	groups := a.index.Duplicates()
	allow := newKeySet(opt.Allow)
	filter := pairFilter{ignoreSameFile: opt.IgnoreSameFile, ignoreAcrossSections: opt.IgnoreAcrossSections}
	var others []int
	for _, g := range groups {
		if allow != nil && allow[title.Normalize(titles[g[0]])] {
			continue
		}
		// A finding lists a few copies and counts the rest: the counts come
		// from per-file and per-section tallies, so that a title repeated
		// thousands of times is not compared copy by copy.
		t := newGroupTally(entries, g)
		for _, i := range g {
			e := &entries[i]
			total := t.count(e, filter)
			if !filter.ignoreSameFile {
				total-- // e itself, counted with its file (or section)
			}
			if total == 0 {
				continue
			}
			others = others[:0]
			for _, j := range g {
				if j != i && !filter.skip(e, &entries[j]) {
					if others = append(others, j); len(others) == max(maxListed, maxRelated) {
						break
					}
				}
			}
			reportDuplicate(p, entries, i, others, total)
		}
	}
}

// reportDuplicate reports entry i, a repeat of total entries, the first of
// which are others (at least as many as a finding lists).
func reportDuplicate(p *lint.Pass, entries []titleEntry, i int, others []int, total int) {
	e := &entries[i]
	here := venueText(e)
	parts := make([]string, 0, min(len(others), maxListed))
	start, end := e.span()
	d := lint.Diagnostic{File: e.file.Path, Start: start, End: end}
	for k, j := range others[:min(len(others), max(maxListed, maxRelated))] {
		o := &entries[j]
		there := venueText(o)
		if k < maxListed {
			parts = append(parts, location(o)+venueAgreement(p, e, o, here, there))
		}
		if k < maxRelated {
			msg := "also listed here"
			if there != "" {
				msg += " as " + there
			}
			ostart, oend := o.span()
			d.AddRelated(lint.Related{File: o.file.Path, Start: ostart, End: oend, Message: msg})
		}
	}
	d.Message = "duplicate title, also listed at " + joinListed(parts, total)
	p.Report(d)
}

// venueAgreement describes the other occurrence's venue tag against this
// one's: ` as [KDD'18] (same venue)`, ` as [CVPR'23] (venue differs: [KDD'18]
// here)`, ` without a venue tag`.
func venueAgreement(p *lint.Pass, e, o *titleEntry, here, there string) string {
	switch {
	case there == "" && here == "":
		return " (neither has a venue tag)"
	case there == "":
		return " without a venue tag"
	case here == "":
		return fmt.Sprintf(" as %s (no venue tag here)", there)
	case sameVenue(p, e, o):
		return fmt.Sprintf(" as %s (same venue)", there)
	}
	return fmt.Sprintf(" as %s (venue differs: %s here)", there, here)
}
