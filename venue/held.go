package venue

import (
	"slices"

	"github.com/paperlint/papers/internal/year"
)

// Cadences a venue can be held at.
const (
	Annual     = "annual"
	Even       = "even"       // every second year, in even years
	Odd        = "odd"        // every second year, in odd years
	Irregular  = "irregular"  // no rule; Years lists them when known
	Continuous = "continuous" // journals and preprint servers: every year since First
)

// Held describes the years a venue took place.
type Held struct {
	// First is the first year held (the first volume for journals); 0 when unknown.
	First int
	// Cadence is annual, even, odd, irregular or continuous.
	Cadence string
	// Until is the last year Cadence applies (0: no end); Then is the cadence after it.
	Until int
	// Then is the cadence from Until+1 on.
	Then string
	// Extra are years held outside the cadence.
	Extra []int
	// Skip are years the cadence would include but the venue was not held.
	Skip []int
	// Years, when not empty, is the full list of years held and overrides the other fields.
	Years []int
	// Verified is false when the reference marks these years as not checked against a source.
	Verified bool
}

// HeldIn reports whether the venue took place in year. known is false when the registry cannot
// vouch for the answer: the years are unverified, the cadence is irregular with no list, or the
// cadence is missing. A "venue not held that year" finding should only come from held=false,
// known=true. Years after the present are extrapolated from the cadence.
func (h Held) HeldIn(year int) (held bool, known bool) {
	held, determinable := h.eval(year)
	return held, determinable && h.Verified
}

func (h Held) eval(year int) (held bool, determinable bool) {
	if len(h.Years) > 0 {
		return slices.Contains(h.Years, year), true
	}
	if h.First > 0 && year < h.First {
		return false, true // First is a hard lower bound
	}
	if slices.Contains(h.Skip, year) {
		return false, true
	}
	if slices.Contains(h.Extra, year) {
		return true, true
	}
	cadence := h.Cadence
	if h.Until > 0 && year > h.Until {
		cadence = h.Then
	}
	switch cadence {
	case Annual, Continuous:
		return true, true
	case Even:
		return year%2 == 0, true
	case Odd:
		return year%2 != 0, true
	default: // irregular without a list, or no cadence after Until: no way to tell
		return h.First > 0 && year >= h.First, false
	}
}

// ExpandYearFrom turns a two-digit year into a four-digit one relative to thisYear: see year.Expand,
// the one home of the rule (the notes parser uses it too). With thisYear 2026: 00..27 -> 2000..2027,
// 28..99 -> 1928..1999. Values outside 0..99 are returned unchanged.
func ExpandYearFrom(yy, thisYear int) int {
	return year.Expand(yy, thisYear)
}
