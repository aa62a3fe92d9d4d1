// Package venue is the registry of publication venues that paper notes cite as [TAG'YY]: their
// canonical tags and aliases, former tags after a rename, the BibTeX entry type and year-free
// booktitle or journal that `papers bib` writes, and the years each venue was held.
//
// The built-in registry is embedded from venues.yaml (Default); configuration adds venues and aliases
// with Registry.With. Registry.ResolveBib resolves the booktitle or journal of a .bib entry to a venue.
// A Registry and the Venues it hands out are shared and must not be modified.
package venue

import "slices"

// Kind says what sort of venue a tag names.
type Kind string

// The kinds of venue the registry knows.
const (
	Conference Kind = "conference"
	Journal    Kind = "journal"
	Workshop   Kind = "workshop"
	Preprint   Kind = "preprint"
)

// BibTeX entry types the registry uses.
const (
	EntryInProceedings = "inproceedings"
	EntryArticle       = "article"
	EntryMisc          = "misc"
)

// Venue is one conference, journal, workshop or preprint server.
type Venue struct {
	// Tag is the spelling notes should use inside [TAG'YY], e.g. "NeurIPS", "S&P", "arXiv".
	Tag string
	// Aliases are other spellings of the same venue (not including Tag or the Former tags).
	Aliases []string
	// Accepted are other names that are right as written and resolve to the venue for BibTeX:
	// a conference whose papers appear in this journal ([SIGGRAPH'24] is a TOG article).
	Accepted []string
	// Former lists the tags the venue carried before a rename, oldest first.
	Former []Former
	// Kind is conference, journal, workshop or preprint.
	Kind Kind
	// EntryType is the BibTeX entry type for current papers: inproceedings, article or misc.
	EntryType string
	// Booktitle is the year-free proceedings title; empty when no single title fits (workshops).
	Booktitle string
	// Journal is the year-free journal title, for article and misc entries.
	Journal string
	// JournalAbbrev is the abbreviated journal string DBLP writes, e.g. "J. Mach. Learn. Res.".
	JournalAbbrev string
	// Series is the book series proceedings appear in, e.g. "Lecture Notes in Computer Science".
	Series string
	// Publisher is set only where it is stable across years.
	Publisher string
	// DBLP is the DBLP key stream, e.g. "conf/nips".
	DBLP string
	// Fields are the research areas, e.g. "ml", "cv", "systems".
	Fields []string
	// Earlier, when set, is how the venue was cited before its papers moved into a journal.
	Earlier *Earlier
	// Held says in which years the venue took place.
	Held Held
	// Unverified names the fields (by their venues.yaml key) whose values no source confirmed.
	Unverified []string
}

// Former is a tag a venue used before it was renamed.
type Former struct {
	// Tag is the old tag, e.g. "NIPS".
	Tag string
	// Until is the last year the old tag applies.
	Until int
	// Verified is false when the reference did not check the rename against a source.
	Verified bool
}

// Earlier is how a venue's papers were cited up to a year: PLDI, POPL and OOPSLA papers are
// journal articles in PACMPL now but were proceedings papers before.
type Earlier struct {
	// Until is the last year this form applies.
	Until int
	// EntryType is the BibTeX entry type of that period.
	EntryType string
	// Booktitle is the proceedings title of that period; empty when the registry does not know it.
	Booktitle string
}

// TagFor returns the tag a paper of the given year should carry: a verified former tag when the
// year falls in its period (NIPS up to 2017), the current Tag otherwise. Unverified renames are
// recorded in Former but never applied here, because a fix built on them could be wrong.
func (v *Venue) TagFor(year int) string {
	for _, f := range v.Former { // oldest first, so the first period that covers year wins
		if f.Verified && year <= f.Until {
			return f.Tag
		}
	}
	return v.Tag
}

// EntryFor returns the BibTeX entry type, booktitle and journal for a paper of the given year,
// taking Earlier into account: POPL 2017 is an inproceedings, POPL 2018 a PACMPL article.
func (v *Venue) EntryFor(year int) (entryType, booktitle, journal string) {
	if v.Earlier != nil && year <= v.Earlier.Until {
		return v.Earlier.EntryType, v.Earlier.Booktitle, ""
	}
	return v.EntryType, v.Booktitle, v.Journal
}

// Names returns every name that resolves to the venue: Tag, Aliases, Accepted and Former tags, in
// that order.
func (v *Venue) Names() []string {
	names := make([]string, 0, 1+len(v.Aliases)+len(v.Accepted)+len(v.Former))
	names = append(names, v.Tag)
	names = append(names, v.Aliases...)
	names = append(names, v.Accepted...)
	for _, f := range v.Former {
		names = append(names, f.Tag)
	}
	return names
}

// IsUnverified reports whether the reference left the named field (a venues.yaml key such as
// "booktitle" or "publisher") unchecked.
func (v *Venue) IsUnverified(field string) bool {
	return slices.Contains(v.Unverified, field)
}

// IsAccepted reports whether name is one of the venue's Accepted names: right as written,
// though it is not the venue's tag.
func (v *Venue) IsAccepted(name string) bool {
	n := Normalize(name)
	return slices.ContainsFunc(v.Accepted, func(a string) bool { return Normalize(a) == n })
}
