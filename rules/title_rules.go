package rules

import (
	"fmt"
	"strings"

	"github.com/paperlint/papers/lint"
	"github.com/paperlint/papers/notes"
	"github.com/paperlint/papers/title"
)

// titleRules are the rules on paper titles across every file of the run.
func titleRules() []*lint.Rule {
	return []*lint.Rule{DuplicateTitle, SimilarTitle}
}

// titleEntry is one paper of the run, in run order (files in the order the
// runner holds them, papers in source order). It is kept small: a run may
// hold a million of them, twice.
type titleEntry struct {
	file  *lint.File
	paper *notes.Paper
}

// span is the title as written with its trailing abbreviation: the notes
// parser splits `(DIN)` off, but `(v2)` or `(ISS++)` tells papers apart, so
// title.Normalize must see it and decide.
func (e *titleEntry) span() (start, end int) {
	start, end = e.paper.TitleSpan.Start, e.paper.TitleSpan.End
	if e.paper.Abbrev != "" && e.paper.AbbrevSpan.End > end && e.paper.AbbrevSpan.End <= len(e.file.Src) {
		end = e.paper.AbbrevSpan.End
	}
	return start, end
}

// collectTitles gathers the titles of the notes files, with the entries
// they come from. Entries without a title (an entry-format finding) are
// skipped.
func collectTitles(files []*lint.File) (entries []titleEntry, titles []string) {
	n := 0
	for _, f := range files {
		n += len(f.Notes.Papers)
	}
	entries = make([]titleEntry, 0, n)
	titles = make([]string, 0, n)
	for _, f := range files {
		for _, e := range f.Notes.Papers {
			if e.Title == "" {
				continue
			}
			te := titleEntry{file: f, paper: e}
			text := e.Title // a substring of the parsed source: no copy
			if start, end := te.span(); end > e.TitleSpan.End {
				text = string(f.Src[start:end])
			}
			entries = append(entries, te)
			titles = append(titles, text)
		}
	}
	return entries, titles
}

// titleAnalysis is the work both title rules share: the run's entries,
// their titles and the title index: normalising and tokenising a million
// titles is most of the work of either rule, and the index serves both
// (duplicates are its groups of equal token sequences).
type titleAnalysis struct {
	entries []titleEntry
	titles  []string
	index   *title.Index
}

// titleAnalysisOfRun builds the title analysis once per run.
var titleAnalysisOfRun = &lint.Analysis[*titleAnalysis]{
	Name:  "titles",
	Scope: lint.PerRun,
	Run: func(p *lint.AnalysisPass) *titleAnalysis {
		entries, titles := collectTitles(p.NotesFiles())
		return &titleAnalysis{entries: entries, titles: titles, index: title.NewIndex(titles, p.Jobs)}
	},
}

// pairFilter holds the options both title rules share: which pairs of
// entries are not worth reporting.
type pairFilter struct {
	ignoreSameFile       bool
	ignoreAcrossSections bool
}

// skip reports whether the pair (a, b) is excluded by the options. Sections
// belong to a file, so ignore-across-sections only concerns two entries of
// one file: entries of different files are always "across files", which
// ignore-same-file does not touch.
func (f pairFilter) skip(a, b *titleEntry) bool {
	if a.file != b.file {
		return false
	}
	if f.ignoreSameFile {
		return true
	}
	return f.ignoreAcrossSections && a.paper.Section != b.paper.Section
}

// location is `notes.md:120`, the other occurrence as a reader finds it.
func location(e *titleEntry) string {
	start, _ := e.span()
	return fmt.Sprintf("%s:%d", e.file.Path, e.file.Lines().Position(start).Line)
}

// venueText is the entry's venue tag as written, brackets included, else
// the venue text its group header or venue line gives (`CCS 2024`), or "".
func venueText(e *titleEntry) string {
	v := e.paper.VenueOrText()
	if v == nil {
		return ""
	}
	return e.file.Slice(v.Span.Start, v.Span.End)
}

// sameVenue reports whether two entries' venue tags name the same venue and
// year. Spellings the registry knows as one venue (an alias, a former tag)
// agree; an entry without a venue tag agrees with none.
func sameVenue(p *lint.Pass, a, b *titleEntry) bool {
	va, vb := a.paper.VenueOrText(), b.paper.VenueOrText()
	if va == nil || vb == nil {
		return false
	}
	return va.Year == vb.Year && venueID(p, va) == venueID(p, vb)
}

func venueID(p *lint.Pass, t *notes.Tag) string {
	name := strings.TrimSpace(t.Name)
	if name == "" {
		name = strings.TrimSpace(t.Raw)
	}
	if p.Venues != nil {
		if v, ok := p.Venues.Lookup(name); ok {
			return v.Tag
		}
	}
	return strings.ToLower(name)
}

// maxListed is how many other occurrences a message names; the rest are
// counted ("and 3 more") and all of them, up to maxRelated, are Related
// locations.
const (
	maxListed  = 3
	maxRelated = 50
)

// joinListed joins the descriptions of the other occurrences for a message.
func joinListed(parts []string, total int) string {
	if total > len(parts) {
		return strings.Join(parts, ", ") + fmt.Sprintf(" and %d more", total-len(parts))
	}
	switch len(parts) {
	case 0:
		return ""
	case 1:
		return parts[0]
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " and " + parts[len(parts)-1]
}

// keySet is a set of normalised titles, for allow-lists.
type keySet map[string]bool

func newKeySet(titles []string) keySet {
	if len(titles) == 0 {
		return nil
	}
	s := make(keySet, len(titles))
	for _, t := range titles {
		if k := title.Normalize(t); k != "" {
			s[k] = true
		}
	}
	return s
}

// validateAllowTitles checks an allow-list of titles: each must have a key,
// or it would silently allow nothing.
func validateAllowTitles(list []string) error {
	for _, t := range list {
		if title.Normalize(t) == "" {
			return fmt.Errorf("allow: %q has no letters or digits to compare", t)
		}
	}
	return nil
}

// groupTally is a group of entries with equal titles and where they are:
// findings list a few of them and count the rest from the tallies, so that
// a title repeated thousands of times is not compared copy by copy.
type groupTally struct {
	members   []int // increasing
	inFile    map[*lint.File]int
	inSection map[sectionKey]int
}

// count is how many members of the group a finding on e may name.
func (t *groupTally) count(e *titleEntry, f pairFilter) int {
	n := len(t.members) - t.inFile[e.file] // members in other files always count
	switch {
	case f.ignoreSameFile:
	case f.ignoreAcrossSections:
		n += t.inSection[sectionOf(e)]
	default:
		n += t.inFile[e.file]
	}
	return n
}

// newGroupTally counts where the entries g (increasing) stand.
func newGroupTally(entries []titleEntry, g []int) *groupTally {
	t := &groupTally{members: g, inFile: map[*lint.File]int{}, inSection: map[sectionKey]int{}}
	for _, j := range g {
		t.inFile[entries[j].file]++
		t.inSection[sectionOf(&entries[j])]++
	}
	return t
}

// sectionKey is a section of a notes file (a nil section: before the
// first heading).
type sectionKey struct {
	file    *lint.File
	section *notes.Section
}

func sectionOf(e *titleEntry) sectionKey { return sectionKey{e.file, e.paper.Section} }
