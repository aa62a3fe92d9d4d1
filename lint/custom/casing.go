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
	// exceptions are words written as listed whatever their case in the
	// text (PyTorch, iPhone, of when a title must keep it so).
	exceptions []string
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
	c := &casing{exceptions: exceptions}
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

// appendWords appends the words of text[start:end] to out. Only the first
// part of a hyphenated word is a word here (Click-through and
// Click-Through are both title case; Pre-training must stay as it is).
func appendWords(out []word, text string, start, end int) []word {
	out = out[:0]
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
// (Chinese) is a name or an acronym the style must not touch. Only the
// first letter of any other word can be out of case (the rest is lower
// case), so a word in case costs no allocation: a title rule reads every
// word of every title.
func (c *casing) want(w string, at word) (string, bool) {
	for _, e := range c.exceptions {
		if strings.EqualFold(w, e) {
			return e, true
		}
	}
	if c.style == upperCase {
		return strings.ToUpper(w), true
	}
	if !plainWord(w) {
		return w, false
	}
	upper := true
	switch {
	case c.style == lowerCase:
		upper = false
	case at.opens:
	case c.style == sentenceCase:
		upper = false
	case !at.last && len(w) <= 3 && minorWords[strings.ToLower(w)]:
		upper = false
	}
	return withFirst(w, upper), true
}

// withFirst is w with its first letter in upper or lower case.
func withFirst(w string, upper bool) string {
	r, n := utf8.DecodeRuneInString(w)
	to := unicode.ToLower(r)
	if upper {
		to = unicode.ToUpper(r)
	}
	if to == r {
		return w
	}
	return string(to) + w[n:]
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
