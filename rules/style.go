package rules

import (
	"github.com/paperlint/papers/lint"
	"github.com/paperlint/papers/notes"
)

// convention is the notes convention a file is held to: the config's
// style where it says, else the file's majority (style: auto), else the
// seed's.
type convention struct {
	orgTagsOptional bool
	fourDigitYears  bool
	fullWidth       bool   // 【KDD 2018】 brackets
	notesOptional   bool   // a reading list of one-line entries
	yearSep         string // between venue and a four-digit year: the file's most common, " " by default
}

// minEntries is how many entries a file needs before its majority counts
// as a convention: three papers without an organisation tag are missing
// tags, not a style.
const minEntries = 5

// conventionAnalysis learns each notes file's convention, for org-tag,
// venue-format and empty-notes.
var conventionAnalysis = &lint.Analysis[convention]{
	Name:  "convention",
	Scope: lint.PerFile,
	Kind:  lint.NotesFile,
	Run: func(p *lint.AnalysisPass) convention {
		return conventionOf(p.File.Notes, p.Config.Style)
	},
}

// conventionOf applies style to doc: explicit settings win, auto learns
// the rest from doc, seed keeps the seed's.
func conventionOf(doc *notes.Document, style lint.Style) convention {
	c := convention{yearSep: yearSeparator(doc)}
	if style.Seed {
		return c
	}
	learnt := Detect(doc)
	c.orgTagsOptional = setting(style.OrgTags, learnt.OrgTags, lint.OrgTagsOptional)
	c.fourDigitYears = setting(style.Year, learnt.Year, lint.YearFourDigit)
	c.notesOptional = setting(style.Notes, learnt.Notes, lint.NotesOptional)
	c.fullWidth = setting(style.Brackets, learnt.Brackets, lint.BracketsFull)
	return c
}

// setting reports whether one setting of the style is the value on: the
// config's when it says, else the one learnt from the file.
func setting(configured, learnt, on string) bool {
	if configured != "" {
		return configured == on
	}
	return learnt == on
}

// Detect returns the convention that most entries of doc follow, as a
// style with explicit settings; a setting with no majority (or too few
// entries to tell) is the seed's. `papers init --detect` writes it.
func Detect(docs ...*notes.Document) lint.Style {
	s := lint.Style{OrgTags: lint.OrgTagsRequired, Year: lint.YearTwoDigit, Brackets: lint.BracketsASCII, Notes: lint.NotesRequired}
	entries, withOrg, withNotes, two, four, full, ascii := 0, 0, 0, 0, 0, 0, 0
	for _, doc := range docs {
		if doc == nil {
			continue
		}
		for _, e := range doc.Papers {
			entries++
			if len(e.Orgs) > 0 {
				withOrg++
			}
			if len(e.Notes) > 0 {
				withNotes++
			}
			if e.Venue != nil {
				if e.Venue.Bracket == notes.LenticularBrackets {
					full++
				} else {
					ascii++
				}
				switch len(e.Venue.YearText) {
				case 2:
					two++
				case 4:
					four++
				}
			}
		}
	}
	if entries >= minEntries && 2*withOrg < entries {
		s.OrgTags = lint.OrgTagsOptional
	}
	if entries >= minEntries && 2*withNotes < entries {
		s.Notes = lint.NotesOptional
	}
	if two+four >= minEntries && four > two {
		s.Year = lint.YearFourDigit
	}
	if full+ascii >= minEntries && full > ascii {
		s.Brackets = lint.BracketsFull
	}
	return s
}

// yearSeparator is what most four-digit venue tags of doc write between the
// venue and the year: " " (`[KDD 2018]`) unless "'" (`[KDD'2018]`) is
// more common.
func yearSeparator(doc *notes.Document) string {
	space, apos := 0, 0
	if doc != nil {
		for _, e := range doc.Papers {
			if e.Venue == nil || len(e.Venue.YearText) != 4 {
				continue
			}
			if e.Venue.Sep == "'" {
				apos++
			} else {
				space++
			}
		}
	}
	if apos > space {
		return "'"
	}
	return " "
}
