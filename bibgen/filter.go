package bibgen

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/paperlint/papers/notes"
	"github.com/paperlint/papers/venue"
)

// Filter selects papers. Each non-empty criterion must hold; within one
// criterion any of the listed values may match.
type Filter struct {
	// Sections match when one of them is a case-insensitive substring of the
	// paper's section title: "推荐" matches "推荐系统", "retrieval" matches
	// "Dense Retrieval". A paper before any section never matches.
	Sections []string
	// Venues are venue names resolved through the registry, so "NeurIPS"
	// matches NIPS'17 and NeurIPS'22 papers and "S&P" matches [ISP'19].
	// A name the registry does not know matches papers whose venue tag is
	// written the same (compared as venue.Normalize does).
	Venues []string
	// Years, when not zero, is the range the venue tag's year must fall in.
	Years YearRange
}

// YearRange is an inclusive range of years; the zero value matches any year.
type YearRange struct {
	From, To int
}

// IsZero reports whether the range is unset.
func (y YearRange) IsZero() bool { return y.From == 0 && y.To == 0 }

// Contains reports whether year lies in the range.
func (y YearRange) Contains(year int) bool {
	return y.IsZero() || year >= y.From && year <= y.To
}

// ParseYearRange reads "2019" or "2019-2022" (four-digit years, the first
// not after the second).
func ParseYearRange(s string) (YearRange, error) {
	s = strings.TrimSpace(s)
	from, to, isRange := strings.Cut(s, "-")
	a, err := parseYear(from)
	if err != nil {
		return YearRange{}, fmt.Errorf("year %q: %w", s, err)
	}
	if !isRange {
		return YearRange{From: a, To: a}, nil
	}
	b, err := parseYear(to)
	if err != nil {
		return YearRange{}, fmt.Errorf("year range %q: %w", s, err)
	}
	if a > b {
		return YearRange{}, fmt.Errorf("year range %q: %d is after %d", s, a, b)
	}
	return YearRange{From: a, To: b}, nil
}

func parseYear(s string) (int, error) {
	s = strings.TrimSpace(s)
	if len(s) != 4 {
		return 0, fmt.Errorf("want a four-digit year such as 2019, or a range such as 2019-2022")
	}
	y, err := strconv.Atoi(s)
	if err != nil || y < 1000 {
		return 0, fmt.Errorf("want a four-digit year such as 2019, or a range such as 2019-2022")
	}
	return y, nil
}

// UnknownVenues returns the Venues the registry does not know, which match
// only papers whose tag is written the same; callers may warn about typos.
func (f *Filter) UnknownVenues(reg *venue.Registry) []string {
	var out []string
	for _, name := range f.Venues {
		if _, ok := reg.Lookup(name); !ok {
			out = append(out, name)
		}
	}
	return out
}

// Match reports whether p passes the filter.
func (f *Filter) Match(p *notes.Paper, reg *venue.Registry) bool { return f.match(nil, p, reg) }

// match is Match with the paper's document, whose bare URLs may give the
// year.
func (f *Filter) match(d *notes.Document, p *notes.Paper, reg *venue.Registry) bool {
	if len(f.Sections) > 0 {
		if p.Section == nil {
			return false
		}
		sec := strings.ToLower(p.Section.Title)
		ok := false
		for _, s := range f.Sections {
			if strings.Contains(sec, strings.ToLower(strings.TrimSpace(s))) {
				ok = true
				break
			}
		}
		if !ok {
			return false
		}
	}
	if len(f.Venues) > 0 {
		if p.VenueOrText() == nil || !f.venueMatch(p.VenueOrText().Name, reg) {
			return false
		}
	}
	if !f.Years.IsZero() && !f.Years.Contains(yearOf(d, p)) {
		return false
	}
	return true
}

func (f *Filter) venueMatch(name string, reg *venue.Registry) bool {
	pv, pok := reg.Lookup(name)
	for _, want := range f.Venues {
		wv, wok := reg.Lookup(want)
		switch {
		case wok && pok:
			if wv.Tag == pv.Tag {
				return true
			}
		case !wok:
			if venue.Normalize(want) == venue.Normalize(name) {
				return true
			}
		}
	}
	return false
}
