package custom

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// casing is a capitalization rule's style: title, sentence, upper or
// lower case, or a pattern the text must match.
type casing struct {
	style   string
	pattern *regexp.Regexp
	// exceptions map a word, lower-cased, to how it is written (PyTorch,
	// iPhone, of when a title must keep it so).
	exceptions map[string]string
}

// Case styles; Vale writes them $title, $sentence, $upper, $lower.
const (
	titleCase    = "title"
	sentenceCase = "sentence"
	upperCase    = "upper"
	lowerCase    = "lower"
)

// newCasing reads match: a style, or else a RE2 pattern.
func newCasing(match string, exceptions []string) (*casing, error) {
	c := &casing{exceptions: map[string]string{}}
	for _, e := range exceptions {
		c.exceptions[strings.ToLower(e)] = e
	}
	switch style := strings.TrimPrefix(match, "$"); style {
	case titleCase, sentenceCase, upperCase, lowerCase:
		c.style = style
		return c, nil
	}
	re, err := regexp.Compile(match)
	if err != nil {
		return nil, err
	}
	c.pattern = re
	return c, nil
}

// minorWords stay lower-case inside a title: articles, coordinating
// conjunctions and short prepositions (Chicago style). Longer prepositions
// (with, from, into) are left as written: titles differ on them.
var minorWords = map[string]bool{
	"a": true, "an": true, "the": true, "and": true, "but": true, "or": true, "nor": true,
	"as": true, "at": true, "by": true, "for": true, "in": true, "of": true, "off": true,
	"on": true, "per": true, "to": true, "up": true, "via": true, "vs": true,
}

// word is a word of a text: a run of letters (and apostrophes between
// them) that starts at start.
type word struct {
	start, end int
	// opens is true for the first word and one after a colon or a
	// sentence's end, which every case but lower capitalises.
	opens bool
	// last is true for the text's last word.
	last bool
}

// words splits text[start:end] into words. Only the first part of a
// hyphenated word is a word here (Click-through and Click-Through are
// both title case; Pre-training must stay as it is).
func words(text string, start, end int) []word {
	var out []word
	opens := true
	for i := start; i < end; {
		r, n := utf8.DecodeRuneInString(text[i:end])
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			if strings.ContainsRune(":?!.", r) {
				opens = true
			}
			i += n
			continue
		}
		j := i
		for j < end {
			r, n := utf8.DecodeRuneInString(text[j:end])
			if unicode.IsLetter(r) || unicode.IsDigit(r) || (r == '\'' || r == '’') && j+n < end && isLetterAt(text, j+n) {
				j += n
				continue
			}
			break
		}
		out = append(out, word{start: i, end: j, opens: opens})
		opens = false
		// Skip the rest of a hyphenated or dotted compound.
		for j < end {
			r, n := utf8.DecodeRuneInString(text[j:end])
			if r == '-' || r == '.' && j+n < end && isLetterAt(text, j+n) || unicode.IsLetter(r) || unicode.IsDigit(r) {
				j += n
				continue
			}
			break
		}
		i = j
	}
	if len(out) > 0 {
		out[len(out)-1].last = true
	}
	return out
}

// isLetterAt reports whether a letter starts at text[i].
func isLetterAt(text string, i int) bool {
	r, _ := utf8.DecodeRuneInString(text[i:])
	return unicode.IsLetter(r)
}

// want returns how the style writes w, and false when w is left as it
// is: an exception is written as listed; a word with a digit, a capital
// after its first letter (BERT, DeepFM, iPhone) or letters without case
// (Chinese) is a name or an acronym the style must not touch.
func (c *casing) want(w string, at word) (string, bool) {
	if e, ok := c.exceptions[strings.ToLower(w)]; ok {
		return e, true
	}
	switch c.style {
	case upperCase:
		return strings.ToUpper(w), true
	case lowerCase:
		if !plainWord(w) {
			return w, false
		}
		return strings.ToLower(w), true
	}
	if !plainWord(w) {
		return w, false
	}
	lower := strings.ToLower(w)
	switch {
	case at.opens:
		return capitalise(lower), true
	case c.style == sentenceCase:
		return lower, true
	case minorWords[lower] && !at.last:
		return lower, true
	}
	return capitalise(lower), true
}

// plainWord reports whether w is an ordinary word: letters with case,
// none of them a capital after the first.
func plainWord(w string) bool {
	cased := false
	for i, r := range w {
		switch {
		case unicode.IsDigit(r):
			return false
		case unicode.IsUpper(r) && i > 0:
			return false
		case unicode.IsUpper(r) || unicode.IsLower(r):
			cased = true
		}
	}
	return cased
}

// capitalise upper-cases w's first letter.
func capitalise(w string) string {
	r, n := utf8.DecodeRuneInString(w)
	return string(unicode.ToUpper(r)) + w[n:]
}
