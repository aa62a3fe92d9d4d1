package notes

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/paperlint/papers/internal/year"
)

// apostrophes are the characters people put between venue and year: the
// ASCII one the format wants, and the curly and accent look-alikes that
// editors and input methods produce.
const apostrophes = "'’‘`´′"

// expandYear turns a two-digit year into four digits relative to thisYear,
// the current year that Options.Year gives (see year.Expand; 0 reads years
// by POSIX's fixed %y window, never the clock).
func expandYear(yy, thisYear int) int {
	return year.Expand(yy, thisYear)
}

// findTagEnd returns the index just past the bracket that closes the tag
// opening at s[i], or -1. Tags do not nest; a newline ends the search.
func findTagEnd(s string, i int) (end int, kind Bracket) {
	switch {
	case s[i] == '[':
		for j := i + 1; j < len(s); j++ {
			switch s[j] {
			case ']':
				return j + 1, ASCIIBrackets
			case '[', '\n':
				return -1, 0
			}
		}
	case strings.HasPrefix(s[i:], "【"):
		if k := strings.Index(s[i:], "】"); k > 0 && !strings.Contains(s[i:i+k], "\n") {
			return i + k + len("】"), LenticularBrackets
		}
	}
	return -1, 0
}

// findTagStart returns the index of the bracket that opens the tag closing
// just before s[end], or -1.
func findTagStart(s string, end int) (start int, kind Bracket) {
	switch {
	case end > 0 && s[end-1] == ']':
		for j := end - 2; j >= 0; j-- {
			switch s[j] {
			case '[':
				return j, ASCIIBrackets
			case ']', '\n':
				return -1, 0
			}
		}
	case strings.HasSuffix(s[:end], "】"):
		if k := strings.LastIndex(s[:end-len("】")], "【"); k >= 0 && !strings.Contains(s[k:end], "\n") {
			return k, LenticularBrackets
		}
	}
	return -1, 0
}

// newTag reads the bracket group src[start:end] (absolute offsets) and fills
// in the venue fields when its text looks like `NAME'YY`, reading a
// two-digit year relative to thisYear (expandYear).
func newTag(src string, start, end int, kind Bracket, thisYear int) *Tag {
	open, closeLen := 1, 1
	if kind == LenticularBrackets {
		open, closeLen = len("【"), len("】")
	}
	t := &Tag{
		Span:    Span{start, end},
		Inner:   Span{start + open, end - closeLen},
		Bracket: kind,
	}
	t.Raw = src[t.Inner.Start:t.Inner.End]
	parseVenueParts(t, thisYear)
	return t
}

// parseVenueParts splits a tag's text into name, separator, year and rest.
// It is lenient on purpose: `NIPS'19`, `NIPS' 18`, `NSDI22`, `ISSCC’24`,
// `NeurIPS 2022`, `NIPS'2019`, `Arxiv'24.10` and `ICLR 2023 (Oral)` are all
// read, so that venue-format can say what differs from `NAME'YY`. A
// two-digit year is read relative to thisYear (expandYear).
func parseVenueParts(t *Tag, thisYear int) {
	raw := t.Raw
	base := t.Inner.Start
	// Leading and trailing spaces inside the brackets belong to no part.
	lo, hi := 0, len(raw)
	for lo < hi && raw[lo] == ' ' {
		lo++
	}
	for hi > lo && raw[hi-1] == ' ' {
		hi--
	}
	s := raw[lo:hi]
	if s == "" {
		return
	}
	nameEnd, sepEnd, yearEnd := -1, -1, -1

	// An apostrophe decides where the name ends.
	if i := strings.IndexAny(s, apostrophes); i > 0 {
		nameEnd = i
		_, w := utf8.DecodeRuneInString(s[i:])
		j := i + w
		for j < len(s) && s[j] == ' ' {
			j++
		}
		sepEnd = j
		k := j
		for k < len(s) && s[k] >= '0' && s[k] <= '9' {
			k++
		}
		if n := k - j; n == 2 || n == 4 {
			yearEnd = k
		} else {
			yearEnd = j // `NIPS'` or `NIPS'1`: separator without a usable year
		}
	} else {
		// Otherwise the first run of 2 or 4 digits that follows a non-empty
		// name and is not glued to more letters or digits is the year.
		for i := 1; i < len(s); i++ {
			if !isDigit(s[i]) || isDigit(s[i-1]) {
				continue
			}
			k := i
			for k < len(s) && isDigit(s[k]) {
				k++
			}
			if n := k - i; n != 2 && n != 4 {
				continue
			}
			if k < len(s) && isLetter(s[k]) {
				continue // `3D2Net`-like word, not a year
			}
			ne := i
			for ne > 0 && (s[ne-1] == ' ' || s[ne-1] == '-') {
				ne--
			}
			if ne == 0 {
				continue
			}
			nameEnd, sepEnd, yearEnd = ne, i, k
			break
		}
	}
	if nameEnd < 0 {
		t.Name = s
		t.NameSpan = Span{base + lo, base + hi}
		return
	}
	// A name needs a letter: `[2022/6/15]` is a date and `[360]` a
	// company, neither a venue with a year.
	if !strings.ContainsFunc(s[:nameEnd], unicode.IsLetter) {
		t.Name = s
		t.NameSpan = Span{base + lo, base + hi}
		return
	}
	t.Name = strings.TrimRight(s[:nameEnd], " ")
	t.NameSpan = Span{base + lo, base + lo + len(t.Name)}
	t.Sep = s[len(t.Name):sepEnd]
	t.SepSpan = Span{base + lo + len(t.Name), base + lo + sepEnd}
	t.YearText = s[sepEnd:yearEnd]
	t.YearSpan = Span{base + lo + sepEnd, base + lo + yearEnd}
	t.Rest = s[yearEnd:]
	t.RestSpan = Span{base + lo + yearEnd, base + hi}
	if y, ok := atoi(t.YearText); ok {
		if len(t.YearText) == 2 {
			y = expandYear(y, thisYear)
		}
		t.Year = y
	}
}

// HasYear reports whether the tag carries a year.
func (t *Tag) HasYear() bool { return t.Year != 0 }

func isDigit(b byte) bool { return b >= '0' && b <= '9' }

func isLetter(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z'
}

func atoi(s string) (int, bool) {
	if s == "" {
		return 0, false
	}
	n := 0
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return 0, false
		}
		n = n*10 + int(s[i]-'0')
	}
	return n, true
}

// splitOrgs splits an org tag's text into organisations: `[BJTU,Baidu]`,
// `[BJTU, Baidu]`, `[清华，百度]` and `[A、B]` each name two.
func splitOrgs(t *Tag) []Org {
	var orgs []Org
	s := t.Raw
	base := t.Inner.Start
	start := 0
	flush := func(end int) {
		a, b := start, end
		for a < b && unicode.IsSpace(rune(s[a])) {
			a++
		}
		for b > a && unicode.IsSpace(rune(s[b-1])) {
			b--
		}
		if a < b {
			orgs = append(orgs, Org{Name: s[a:b], Span: Span{base + a, base + b}, Tag: t})
		}
	}
	for i, r := range s {
		switch r {
		case ',', '，', '、', ';', '；':
			flush(i)
			start = i + utf8.RuneLen(r)
		}
	}
	flush(len(s))
	return orgs
}
