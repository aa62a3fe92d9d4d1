package cjk

import "unicode/utf8"

type want uint8

const (
	keep want = iota // leave the gap as written
	one              // at least one space: insert one where there is none
	none             // no space: delete the spaces
)

// spacing looks at every pair of neighbouring units on the line.
func (s *scanner) spacing() {
	prev := -1
	gap := -1 // the space unit between prev and the current unit, or -1
	for i := range s.units {
		switch s.units[i].kind {
		case uSpace:
			gap = i
			continue
		case uBreak:
			prev, gap = -1, -1
			continue
		}
		if prev >= 0 && !s.asWanted(&s.units[prev], &s.units[i], gap >= 0) {
			s.gap(prev, i, gap)
		}
		prev, gap = i, -1
	}
}

// asWanted reports, for the commonest pairs, that the gap between x and y
// is already what decide wants, so that gap need not look at it: two CJK
// runs only meet across a space, which stays; two Latin words keep their
// gap; a CJK run and a Latin word want one space (SpaceAlways) or none
// (SpaceNever). Other pairs are left to decide.
func (s *scanner) asWanted(x, y *unit, spaced bool) bool {
	if (x.eff != uCJK && x.eff != uWord) || (y.eff != uCJK && y.eff != uWord) {
		return false
	}
	if x.eff == y.eff {
		return true
	}
	return spaced == (s.opt.Spacing == SpaceAlways)
}

// gap decides the whitespace between units xi and yi; g is the index of the
// space unit between them, or -1 when they touch.
func (s *scanner) gap(xi, yi, g int) {
	x, y := &s.units[xi], &s.units[yi]
	xs, xr := s.sideOf(x, false)
	ys, yr := s.sideOf(y, true)
	w, why := s.decide(xi, yi, xs, xr, ys, yr)
	switch {
	case w == one && g < 0:
		s.add(Spacing, s.rangeStart(x), s.rangeEnd(y),
			s.msg("add a space between ", s.unitText(x, false), " and ", s.unitText(y, true), ""),
			Edit{x.end, x.end, " "})
	case w == none && g >= 0:
		sp := &s.units[g]
		s.add(Spacing, s.rangeStart(x), s.rangeEnd(y),
			s.msg("remove the space between ", s.unitText(x, false), " and ", s.unitText(y, true), why),
			Edit{sp.start, sp.end, ""})
	}
}

// rangeStart and rangeEnd delimit a spacing finding: the two units around
// the gap, or only the CJK letter next to it.
func (s *scanner) rangeStart(u *unit) int {
	if u.virtual {
		return u.end
	}
	if u.kind == uCJK {
		_, n := utf8.DecodeLastRuneInString(s.text[u.start:u.end])
		return u.end - n
	}
	return u.start
}

func (s *scanner) rangeEnd(u *unit) int {
	if u.virtual {
		return u.start
	}
	if u.kind == uCJK {
		_, n := utf8.DecodeRuneInString(s.text[u.start:u.end])
		return u.start + n
	}
	return u.end
}

func (s *scanner) decide(xi, yi int, xs side, xr rune, ys side, yr rune) (want, string) {
	// No space next to full-width punctuation, whatever the style: it
	// carries its own spacing. The space stays next to ASCII marks
	// ("）- 发布"), URLs (a GitHub autolink would swallow the "，") and
	// markup the caller keeps opaque. Lines without Chinese or Japanese
	// are left alone: "【CVPR 2024】 Title" is a tag, not a sentence.
	if !s.cj {
		if xs == sFull || ys == sFull || xs == sQuote || ys == sQuote {
			return keep, ""
		}
	} else if xs == sFull || ys == sFull {
		other := ys
		if ys == sFull {
			other = xs
		}
		switch other {
		case sCJK, sLatin, sFull, sQuote, sObject:
			return none, " (full-width punctuation)"
		}
		return keep, ""
	}
	// Curly quotes on a Chinese line are full-width punctuation too.
	if xs == sQuote || ys == sQuote {
		other := ys
		if ys == sQuote {
			other = xs
		}
		switch other {
		case sCJK, sLatin, sObject:
			return none, " (full-width quote)"
		}
	}
	// "15 %" -> "15%", "90 °" -> "90°".
	if xs == sLatin && isDigit(xr) && ys == sPunct && (yr == '%' || yr == '°' || yr == '‰' || yr == '℃') {
		return none, " (a number and its unit)"
	}
	if xs == sCJK && ys == sLatin || xs == sLatin && ys == sCJK {
		if s.opt.Spacing == SpaceNever {
			return none, ""
		}
		return one, ""
	}
	if s.opt.Spacing != SpaceAlways {
		return keep, ""
	}
	switch {
	// "Yes!升级" -> "Yes! 升级": an exclamation that stays ASCII ends a Latin word.
	case xs == sPunct && xr == '!' && ys == sCJK && xi > 0 && s.units[xi-1].kind == uWord && s.units[xi-1].end == s.units[xi].start:
		return one, ""
	// ASCII brackets next to CJK: "吉利汽车 (00175)", "APE(...) 模块".
	case xs == sCJK && ys == sPunct && (yr == '(' || yr == '['):
		return one, ""
	case xs == sPunct && (xr == ')' || xr == ']') && ys == sCJK:
		return one, ""
	// Dashes, bars and plus signs between Chinese words: "季度 - 财报".
	case ys == sPunct && isDashLike(yr) && (xs == sCJK || xs == sQuote && isCloseQuote(xr)) && s.dashBetween(yi):
		return one, ""
	case xs == sPunct && isDashLike(xr) && (ys == sCJK || ys == sQuote && isOpenQuote(yr)) && s.dashBetween(xi):
		return one, ""
	}
	return keep, ""
}

func isDashLike(r rune) bool { return r == '-' || r == '|' || r == '+' }

// dashBetween reports a lone "-", "|" or "+" between Chinese words, closing
// and opening brackets or quotes, with at least one CJK letter beside it.
// "腾讯-ADR" and "A-B" are not.
func (s *scanner) dashBetween(i int) bool {
	if s.units[i].n != 1 || s.units[i].changed {
		return false
	}
	ls, lr, _, _ := s.leftOf(i)
	rs, rr, _ := s.rightOf(i)
	left := ls == sCJK || ls == sFull && isFullClose(lr) || ls == sQuote && isCloseQuote(lr)
	right := rs == sCJK || rs == sFull && isFullOpen(rr) || rs == sQuote && isOpenQuote(rr)
	return left && right && (ls == sCJK || rs == sCJK)
}
