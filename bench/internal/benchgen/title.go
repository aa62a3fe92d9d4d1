package benchgen

import (
	"math/rand/v2"
	"strings"
	"unicode"
)

// pick returns a random element of s.
func pick[T any](r *rand.Rand, s []T) T { return s[r.IntN(len(s))] }

// methodName invents a method name such as FlashDet or OmniRank.
func methodName(r *rand.Rand) string {
	name := pick(r, methodPrefixes) + pick(r, methodSuffixes)
	if r.IntN(10) == 0 {
		name += "-" + pick(r, []string{"V2", "XL", "Lite", "Pro"})
	}
	return name
}

// makeTitle builds one title for field f. It returns the title, the
// abbreviation written after it in parentheses (may be empty) and the name
// the notes use for the method (may be empty).
func makeTitle(r *rand.Rand, f field) (title, abbr, method string) {
	adj := func() string { return pick(r, titleAdjectives) }
	noun := func() string { return pick(r, titleNouns[f]) }
	tech := func() string { return pick(r, titleTechniques) }
	ctx := func() string { return pick(r, titleContexts) }
	withMethod := false
	switch r.IntN(17) {
	case 0:
		method, withMethod = methodName(r), true
		title = method + ": " + adj() + " " + noun() + " via " + tech()
	case 1:
		title = adj() + " " + noun() + " with " + tech()
	case 2:
		title = "Towards " + adj() + " " + noun() + " " + ctx()
	case 3:
		method, withMethod = methodName(r), true
		a, b := adj(), adj()
		for b == a {
			b = adj()
		}
		title = method + ": " + a + " and " + b + " " + noun() + " " + ctx()
	case 4:
		title = "Learning " + adj() + " Representations for " + noun()
	case 5:
		title = "Rethinking " + tech() + " for " + noun()
	case 6:
		title = "On the " + pick(r, titleProperties) + " of " + tech() + " in " + noun()
	case 7:
		title = tech() + " Is All You Need for " + adj() + " " + noun()
	case 8:
		method, withMethod = methodName(r), true
		title = method + ": Scaling " + noun() + " to " + pick(r, titleScales)
	case 9:
		title = "When " + tech() + " Meets " + noun()
	case 10:
		title = "A " + adj() + " Framework for " + noun() + " " + ctx()
	case 11:
		title = adj() + " " + noun() + ": " + pick(r, titleStudies)
	case 12:
		title = "Revisiting " + noun() + " " + ctx() + ": Strong Baselines and Beyond"
	case 13:
		method, withMethod = methodName(r), true
		title = method + ": Exploiting " + tech() + " for " + adj() + " " + noun()
	case 14:
		title = "Understanding and Improving " + tech() + " for " + noun()
	case 15:
		title = adj() + " " + tech() + " for " + adj() + " " + noun() + " " + ctx()
	default:
		title = noun() + " " + ctx() + " via " + adj() + " " + tech()
	}
	if !withMethod && r.IntN(100) < 35 {
		if r.IntN(2) == 0 {
			abbr = methodName(r)
		} else if abbr = acronym(title); len(abbr) > 6 {
			// Nobody names a method TCDSDPT.
			abbr = methodName(r)
		}
		method = abbr
	}
	return title, abbr, method
}

// acronym takes the capital initials of a title's words, as authors do for
// names like DIN or DCN. Short words (for, with, ...) do not count.
func acronym(title string) string {
	var b strings.Builder
	for _, w := range strings.FieldsFunc(title, func(r rune) bool { return r == ' ' || r == '-' || r == ':' }) {
		if c := rune(w[0]); unicode.IsUpper(c) && len(w) > 2 {
			b.WriteRune(c)
		}
	}
	if b.Len() < 2 {
		return "X" + b.String() + "Net"
	}
	return b.String()
}

// wordCount counts words the way a reader does: hyphenated words are one.
func wordCount(title string) int { return len(strings.Fields(title)) }

// typo makes a one-letter typo in title: a letter of a word of five or more
// letters is replaced, dropped or doubled. It returns "" when the title has
// no such word.
func typo(r *rand.Rand, title string) string {
	words := strings.Split(title, " ")
	var cand []int
	for i, w := range words {
		if len(w) >= 5 && isASCIILetters(w) {
			cand = append(cand, i)
		}
	}
	if len(cand) == 0 {
		return ""
	}
	i := pick(r, cand)
	w := words[i]
	// Keep the first and last letters: that is where people's typos are
	// least likely, and it keeps capitalisation intact.
	j := 1 + r.IntN(len(w)-2)
	switch r.IntN(3) {
	case 0: // replace with a neighbouring letter of the alphabet
		c := w[j]
		if c == 'z' || c == 'Z' {
			c--
		} else {
			c++
		}
		w = w[:j] + string(c) + w[j+1:]
	case 1: // drop
		w = w[:j] + w[j+1:]
	default: // double
		w = w[:j] + w[j:j+1] + w[j:]
	}
	words[i] = w
	return strings.Join(words, " ")
}

func isASCIILetters(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if (c < 'a' || c > 'z') && (c < 'A' || c > 'Z') {
			return false
		}
	}
	return true
}

// bibTitle protects the words BibTeX styles would lower-case wrongly:
// acronyms, mixed-case names and words with digits, as DBLP does
// ({BERT}, {FlashDet}, {3D}).
func bibTitle(title string) string {
	var b strings.Builder
	b.Grow(len(title) + 8)
	for i := 0; i < len(title); {
		j := strings.IndexByte(title[i:], ' ')
		if j < 0 {
			j = len(title)
		} else {
			j += i
		}
		w := title[i:j]
		core := strings.TrimRight(w, ":?,")
		if needsBraces(core) {
			b.WriteByte('{')
			b.WriteString(core)
			b.WriteByte('}')
			b.WriteString(w[len(core):])
		} else {
			b.WriteString(w)
		}
		if j < len(title) {
			b.WriteByte(' ')
		}
		i = j + 1
	}
	return b.String()
}

func needsBraces(w string) bool {
	for _, part := range strings.Split(w, "-") {
		for i := 0; i < len(part); i++ {
			c := part[i]
			if '0' <= c && c <= '9' || i > 0 && 'A' <= c && c <= 'Z' {
				return true
			}
		}
	}
	return false
}
