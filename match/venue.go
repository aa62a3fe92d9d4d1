package match

import (
	"strconv"
	"strings"

	"github.com/paperlint/papers/bib"
	"github.com/paperlint/papers/venue"
)

// Year returns e's year: the first run of four digits reading as a year from
// 1000 to 2999 in its year field, else in its date field; 0 when there is
// none. So "2019a" (a year made unique for author-year styles) is 2019, and
// "19" or "in press" is 0.
func Year(e *bib.Entry) int {
	for _, name := range []string{"year", "date"} {
		v := strings.TrimSpace(bib.PlainText(e.Get(name)))
		if v == "" {
			continue
		}
		if y, ok := yearIn(v); ok {
			return y
		}
	}
	return 0
}

// yearIn returns the first run of exactly four digits in s that reads as a
// year from 1000 to 2999.
func yearIn(s string) (int, bool) {
	for i := 0; i < len(s); {
		if !isDigit(s[i]) {
			i++
			continue
		}
		j := i
		for j < len(s) && isDigit(s[j]) {
			j++
		}
		if j-i == 4 && (s[i] == '1' || s[i] == '2') {
			y, err := strconv.Atoi(s[i:j])
			if err == nil {
				return y, true
			}
		}
		i = j
	}
	return 0, false
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// VenueOf resolves e's booktitle or journal to a venue of reg: it hands the
// fields reg.ResolveBib reads to it (see there for how names match), with
// whether e has an arXiv identifier (ArXivID) for an entry that names no
// booktitle and no journal. ok is false when nothing matches, when two
// venues match equally well, or when reg or e is nil.
func VenueOf(reg *venue.Registry, e *bib.Entry) (*venue.Venue, bool) {
	if reg == nil || e == nil {
		return nil, false
	}
	f := venue.BibFields{
		Booktitle: e.Get("booktitle"), Journal: e.Get("journal"),
		Number: e.Get("number"), Series: e.Get("series"),
	}
	if f.Booktitle == "" && f.Journal == "" {
		f.Howpublished, f.Publisher, f.Note = e.Get("howpublished"), e.Get("publisher"), e.Get("note")
		f.ArXiv = ArXivID(e) != ""
	}
	return reg.ResolveBib(f)
}
