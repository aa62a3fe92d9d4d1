package resolve

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/paperlint/papers/bib"
	"github.com/paperlint/papers/match"
	"github.com/paperlint/papers/title"
	"github.com/paperlint/papers/venue"
)

// Level is how far Judge trusts a record.
type Level int

// The levels, from refused to fully accepted.
const (
	// Refused: the record may be another paper.
	Refused Level = iota
	// OtherVersion: the same paper in another version than the notes cite
	// (the arXiv preprint of a proceedings paper, the published version of
	// a preprint, the workshop version of a conference paper). Its authors
	// are the paper's, but its pages, DOI and publisher belong to the other
	// version, so Complete takes the authors only.
	OtherVersion
	// Same: the same paper at the venue the notes name (or the notes name
	// none). Complete takes every field it can use.
	Same
)

// String names the level.
func (l Level) String() string {
	switch l {
	case Refused:
		return "refused"
	case OtherVersion:
		return "other version"
	case Same:
		return "same"
	}
	return fmt.Sprintf("Level(%d)", int(l))
}

// Verdict is what Judge decided about one record.
type Verdict struct {
	Level Level
	// Why says, for a refused record, why it was refused ("the title
	// differs: \"trojan\" vs \"trojaning\""); for another version, which
	// one it is ("the arXiv version"). Empty for Same.
	Why string
	// TitleOK is set when the titles match by the title package's measure.
	TitleOK bool
	// TitleScore is title.Match's score when TitleOK, else the share of
	// title words the two have in common (for ranking refused records).
	TitleScore float64
	// YearOff is the record's year minus the notes' year; 0 when either is
	// unknown.
	YearOff int
}

// Judge decides whether the record e is the paper q describes:
//
//   - the titles must match by title.Match (equal normalised keys, or one
//     small edit such as a typo or a dropped article); the notes' title is
//     also tried with its abbreviation in front ("DCN: Deep & Cross ...");
//   - when the notes give a year, the record's must be within one of it (a
//     preprint is often a year older than its proceedings);
//   - when the notes name a venue, the record's must be that venue as the
//     registry resolves it (match.VenueOf), or the record must be another
//     version of the paper: an arXiv preprint of it, the published version
//     of a preprint, or a workshop held with the named conference; for a
//     venue the registry does not know, the record's booktitle or journal
//     must name it as a word ("DLRS@RecSys" names DLRS).
//
// Anything else is refused, with the reason.
func Judge(q Query, e *bib.Entry, reg *venue.Registry) Verdict {
	if reg == nil {
		reg = venue.Default()
	}
	var v Verdict
	rt := e.Get("title")
	if strings.TrimSpace(bib.PlainText(rt)) == "" {
		v.Why = "the record has no title"
		return v
	}
	score, _, ok := title.Match(q.Title, rt, title.Options{})
	if !ok && q.Abbrev != "" {
		score, _, ok = title.Match(q.Abbrev+": "+q.Title, rt, title.Options{})
	}
	if !ok {
		v.TitleScore = overlap(q.Title, rt)
		v.Why = "the title differs: " + titleDiff(q.Title, rt)
		return v
	}
	v.TitleOK, v.TitleScore = true, score

	ry := match.Year(e)
	if q.Year != 0 {
		if ry == 0 {
			v.Why = "the record has no year"
			return v
		}
		v.YearOff = ry - q.Year
		if v.YearOff > 1 || v.YearOff < -1 {
			v.Why = fmt.Sprintf("the record's year is %d, the notes say %d", ry, q.Year)
			return v
		}
	}
	v.Level, v.Why = venueAgreement(q, e, reg)
	return v
}

// venueAgreement compares the notes' venue with the record's; see Judge.
func venueAgreement(q Query, e *bib.Entry, reg *venue.Registry) (Level, string) {
	if q.VenueTag == "" {
		return Same, ""
	}
	text := venueText(e)
	rv, rok := recordVenue(reg, e)
	if q.Venue == nil {
		// A tag the registry does not know: the record must name it.
		if mentions(text, q.VenueTag) {
			return Same, ""
		}
		return Refused, fmt.Sprintf("the record's venue %s does not name %s", describeVenue(text, rv, rok), q.VenueTag)
	}
	notesPreprint := q.Venue.Kind == venue.Preprint
	switch {
	case rok && rv.Tag == q.Venue.Tag:
		return Same, ""
	case rok && rv.Kind == venue.Preprint && !notesPreprint:
		return OtherVersion, "the " + rv.Tag + " version"
	case notesPreprint && (rok || strings.TrimSpace(text) != ""):
		return OtherVersion, "the published version (" + describeVenue(text, rv, rok) + ")"
	case rok && rv.Kind == venue.Workshop && workshopOf(rv, text, q.Venue):
		return OtherVersion, "the workshop version (" + rv.Tag + ")"
	case !rok && strings.TrimSpace(text) == "":
		return Refused, "the record names no venue, the notes say " + q.VenueTag
	}
	return Refused, fmt.Sprintf("the record's venue is %s, the notes say %s", describeVenue(text, rv, rok), q.VenueTag)
}

// recordVenue resolves the record's venue: its booktitle or journal
// (match.VenueOf), else the stream of its DBLP key: DBLP names venues by
// short forms the registry may not list ("SP" for S&P), but its keys
// ("DBLP:conf/sp/WangYSLVZZ19") name the stream the registry records.
func recordVenue(reg *venue.Registry, e *bib.Entry) (*venue.Venue, bool) {
	if v, ok := match.VenueOf(reg, e); ok {
		return v, true
	}
	key, ok := strings.CutPrefix(e.Key, "DBLP:")
	if !ok {
		return nil, false
	}
	parts := strings.Split(key, "/")
	if len(parts) < 3 {
		return nil, false
	}
	stream := parts[0] + "/" + parts[1]
	for _, v := range reg.All() {
		if v.DBLP == stream {
			return v, true
		}
	}
	return nil, false
}

// workshopOf reports whether the workshop w (with the record's venue text)
// is held with the conference c: its booktitle names c, or its tag starts
// with c's (CVPRW and CVPR).
func workshopOf(w *venue.Venue, text string, c *venue.Venue) bool {
	if strings.HasPrefix(venue.Normalize(w.Tag), venue.Normalize(c.Tag)) {
		return true
	}
	for _, n := range c.Names() {
		if mentions(text, n) {
			return true
		}
	}
	return false
}

// venueText is the record's booktitle, journal, howpublished and series as
// plain text.
func venueText(e *bib.Entry) string {
	var parts []string
	for _, f := range []string{"booktitle", "journal", "howpublished", "series"} {
		if s := strings.TrimSpace(bib.PlainText(e.Get(f))); s != "" {
			parts = append(parts, s)
		}
	}
	return strings.Join(parts, "; ")
}

// describeVenue names the record's venue for a message.
func describeVenue(text string, v *venue.Venue, ok bool) string {
	switch {
	case ok:
		return v.Tag
	case text != "":
		return fmt.Sprintf("%q", shorten(text))
	}
	return "unknown"
}

// mentions reports whether name appears in text as a whole word or run of
// words, ignoring case, white space and "&" (as venue.Normalize does): "DLRS"
// in "DLRS@RecSys 2016", "S&P" in "IEEE S&P".
func mentions(text, name string) bool {
	want := venue.Normalize(name)
	if want == "" {
		return false
	}
	words := strings.FieldsFunc(text, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '&'
	})
	for i := range words {
		joined := ""
		for j := i; j < len(words) && len(joined) < len(want); j++ {
			joined += venue.Normalize(words[j])
			if joined == want {
				return true
			}
		}
	}
	return false
}

// words returns the words of a title's normalised key.
func words(s string) []string {
	return strings.Fields(title.Normalize(s))
}

// overlap is the share of the two titles' words that both have (Dice's
// coefficient on word sets), for ranking refused records.
func overlap(a, b string) float64 {
	wa, wb := words(a), words(b)
	if len(wa)+len(wb) == 0 {
		return 0
	}
	in := map[string]int{}
	for _, w := range wa {
		in[w]++
	}
	common := 0
	for _, w := range wb {
		if in[w] > 0 {
			in[w]--
			common++
		}
	}
	return 2 * float64(common) / float64(len(wa)+len(wb))
}

// titleDiff names the words that only one of the titles has, the notes'
// first: `"trojan" vs "trojaning"`.
func titleDiff(notesTitle, recordTitle string) string {
	wa, wb := words(notesTitle), words(recordTitle)
	only := func(x, y []string) []string {
		in := map[string]int{}
		for _, w := range y {
			in[w]++
		}
		var out []string
		for _, w := range x {
			if in[w] > 0 {
				in[w]--
				continue
			}
			out = append(out, w)
		}
		return out
	}
	a, b := only(wa, wb), only(wb, wa)
	if len(a) == 0 && len(b) == 0 {
		// Same words in another order.
		return fmt.Sprintf("%q vs %q", strings.Join(wa, " "), strings.Join(wb, " "))
	}
	return fmt.Sprintf("%q vs %q", shorten(strings.Join(a, " ")), shorten(strings.Join(b, " ")))
}
