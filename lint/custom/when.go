package custom

import (
	"fmt"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/paperlint/papers/venue"
)

// cond is a compiled when: the entries a rule applies to.
type cond struct {
	venues []string
	kinds  []venue.Kind
	// from and to bound the year; 0 leaves that end open. hasYear says a
	// year range was given.
	from, to int
	hasYear  bool
	section  *regexp.Regexp
	files    []string
}

// venueKinds are the kinds when: kind accepts.
var venueKinds = []venue.Kind{venue.Conference, venue.Journal, venue.Workshop, venue.Preprint}

// compileWhen checks a rule's when against its scope.
func compileWhen(s *Spec, scope string) (cond, error) {
	w := s.When
	c := cond{venues: w.Venue, files: w.Files}
	for _, k := range w.Kind {
		kind := venue.Kind(strings.ToLower(k))
		if !slices.Contains(venueKinds, kind) {
			return c, fmt.Errorf("%s: custom rule %s: when: kind %q is not one of conference, journal, workshop, preprint", s.At("when.kind"), s.ID, k)
		}
		c.kinds = append(c.kinds, kind)
	}
	if w.Year != "" {
		from, to, err := yearRange(w.Year)
		if err != nil {
			return c, fmt.Errorf("%s: custom rule %s: when: %w", s.At("when.year"), s.ID, err)
		}
		c.from, c.to, c.hasYear = from, to, true
	}
	if w.Section != "" {
		re, err := regexp.Compile(w.Section)
		if err != nil {
			return c, fmt.Errorf("%s: custom rule %s: when: bad section pattern: %w", s.At("when.section"), s.ID, err)
		}
		c.section = re
	}
	for _, g := range w.Files {
		if _, err := filepath.Match(g, ""); err != nil {
			return c, fmt.Errorf("%s: custom rule %s: when: bad files glob %q: %w", s.At("when.files"), s.ID, g, err)
		}
	}
	// A section heading has no venue or year; a .bib entry no section.
	switch {
	case scope == ScopeSection && (len(c.venues) > 0 || len(c.kinds) > 0 || c.hasYear):
		return c, fmt.Errorf("%s: custom rule %s: when: venue, kind and year concern papers; scope section reads section headings", s.At("when"), s.ID)
	case strings.HasPrefix(scope, ScopeBibField) && c.section != nil:
		return c, fmt.Errorf("%s: custom rule %s: when: section concerns notes; scope %s reads .bib entries", s.At("when.section"), s.ID, scope)
	}
	return c, nil
}

// yearRange reads 2021-, -2019, 2018-2020 or 2021.
func yearRange(s string) (from, to int, err error) {
	bad := fmt.Errorf("year %q: write 2021- (from 2021), -2019 (up to 2019), 2018-2020 or 2021", s)
	a, b, isRange := strings.Cut(strings.TrimSpace(s), "-")
	parse := func(t string) (int, bool) {
		t = strings.TrimSpace(t)
		if t == "" {
			return 0, true
		}
		n, err := strconv.Atoi(t)
		return n, err == nil && n >= 1000 && n <= 9999
	}
	from, ok1 := parse(a)
	to, ok2 := parse(b)
	switch {
	case !ok1 || !ok2 || a == "" && b == "":
		return 0, 0, bad
	case !isRange:
		to = from
	case from != 0 && to != 0 && from > to:
		return 0, 0, fmt.Errorf("year %q: the range ends before it starts", s)
	}
	return from, to, nil
}

// needsVenue reports whether the condition reads venues.
func (c *cond) needsVenue() bool { return len(c.venues) > 0 || len(c.kinds) > 0 }

// empty reports whether the condition lets every unit through.
func (c *cond) empty() bool { return !c.needsVenue() && !c.hasYear && c.section == nil }

// filter is a condition applied to the units of one file: the venues
// resolved with the file's registry, each section's verdict kept.
type filter struct {
	c        *cond
	venues   []string
	sections map[int]bool
}

// filter prepares c for the units of it.
func (c *cond) filter(it *Items) *filter {
	f := &filter{c: c}
	for _, v := range c.venues {
		key, _ := venueOf(it.venues, v)
		f.venues = append(f.venues, key)
	}
	if c.section != nil {
		f.sections = map[int]bool{}
	}
	return f
}

// ok reports whether u is one of the units the rule applies to.
func (f *filter) ok(u *unit) bool {
	c := f.c
	if c.empty() {
		return true
	}
	if c.hasYear && (u.year == 0 || c.from != 0 && u.year < c.from || c.to != 0 && u.year > c.to) {
		return false
	}
	if len(f.venues) > 0 && (u.venueKey == "" || !slices.Contains(f.venues, u.venueKey)) {
		return false
	}
	if len(c.kinds) > 0 && !slices.Contains(c.kinds, u.kind) {
		return false
	}
	if c.section != nil {
		sec := u.section
		if u.paper != nil {
			sec = u.paper.Section
		}
		title, idx := "", -1
		if sec != nil {
			title, idx = sec.Title, sec.Index
		}
		ok, seen := f.sections[idx]
		if !seen {
			ok = c.section.MatchString(title)
			f.sections[idx] = ok
		}
		if !ok {
			return false
		}
	}
	return true
}
