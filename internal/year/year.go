// Package year expands the two-digit years of venue tags such as KDD'18.
// It is the one home of that rule: the notes parser and the venue registry
// both read tags, and two copies used to disagree at century edges.
package year

// posixLimit is the last two-digit year that POSIX's %y reads as 20YY.
const posixLimit = 68

// Expand turns a two-digit year into a four-digit one relative to thisYear,
// the current year, which the caller passes in so that a run decides "now"
// once and tests can pin it. From 00 up to the two digits of next year it
// is this century, above that the previous one. Next year is included
// because notes cite accepted papers of a conference that takes place next
// year (ICLR'27 written in late 2026). With thisYear 2026: 00..27 ->
// 2000..2027, 28..99 -> 1928..1999. The century is that of next year, so in
// 2099 "00" is 2100, and in 1999 "98" is 1998. Values outside 0..99 are
// returned unchanged, so a four-digit year passes through. A thisYear of 0
// (not known) reads years by POSIX's fixed %y window.
func Expand(yy, thisYear int) int {
	if yy < 0 || yy > 99 {
		return yy
	}
	if thisYear <= 0 {
		// No current year: POSIX strptime's fixed %y window (00..68 are
		// 2000..2068, 69..99 are 1969..1999), a rule that does not depend
		// on the day the file is read.
		if yy <= posixLimit {
			return 2000 + yy
		}
		return 1900 + yy
	}
	next := thisYear + 1
	century := next / 100 * 100
	if yy <= next%100 {
		return century + yy
	}
	return century - 100 + yy
}
