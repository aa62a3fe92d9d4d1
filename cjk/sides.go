package cjk

import "github.com/paperlint/papers/internal/cjkletter"

// sideOf classifies the left (left == true) or right edge of u as its
// neighbour sees it, after the replacements decided so far.
func (s *scanner) sideOf(u *unit, left bool) (side, rune) {
	switch u.eff {
	case uCJK:
		if left {
			return sCJK, u.first
		}
		return sCJK, u.last
	case uWord:
		if left {
			return sLatin, u.first
		}
		return sLatin, u.last
	case uFull:
		return sFull, u.effR
	case uQuote:
		if s.cj {
			return sQuote, u.r
		}
		return sPunct, u.r
	case uPunct:
		return sPunct, u.effR
	case uAtom:
		edge := u.last
		if left {
			edge = u.first
		}
		switch u.atom {
		case aCaller:
			return s.classify(edge)
		case aURL:
			if left {
				return sLatin, edge
			}
			return sURL, 0
		case aCode:
			if edge != 0 {
				return sLatin, edge
			}
		}
		return sObject, 0
	}
	return sNone, 0
}

// classify gives the side of a rune that stands for a caller's span.
func (s *scanner) classify(r rune) (side, rune) {
	switch {
	case r == 0 || r == ' ' || isUnicodeSpace(r):
		return sNone, 0
	case r == Object:
		return sObject, r
	case cjkletter.Is(r):
		return sCJK, r
	case isWordRune(r):
		return sLatin, r
	case isFull(r):
		return sFull, r
	case isQuote(r):
		if s.cj {
			return sQuote, r
		}
	}
	return sPunct, r
}

// prevNS returns the nearest unit before i that is not a space, and whether
// it touches i. It returns -1 at the start of the line or at a break.
func (s *scanner) prevNS(i int) (int, bool) {
	adj := true
	for j := i - 1; j >= 0; j-- {
		switch s.units[j].kind {
		case uSpace:
			adj = false
			continue
		case uBreak:
			return -1, false
		}
		return j, adj
	}
	return -1, false
}

// nextNS is prevNS in the other direction.
func (s *scanner) nextNS(i int) (int, bool) {
	adj := true
	for j := i + 1; j < len(s.units); j++ {
		switch s.units[j].kind {
		case uSpace:
			adj = false
			continue
		case uBreak:
			return -1, false
		}
		return j, adj
	}
	return -1, false
}

// leftOf returns the side of the nearest non-space unit before i.
func (s *scanner) leftOf(i int) (side, rune, int, bool) {
	j, adj := s.prevNS(i)
	if j < 0 {
		return sNone, 0, -1, false
	}
	sd, r := s.sideOf(&s.units[j], false)
	return sd, r, j, adj
}

// rightOf returns the side of the nearest non-space unit after i, and
// whether it touches i.
func (s *scanner) rightOf(i int) (side, rune, bool) {
	j, adj := s.nextNS(i)
	if j < 0 {
		return sNone, 0, false
	}
	sd, r := s.sideOf(&s.units[j], true)
	return sd, r, adj
}

func isCJSide(sd side, r rune) bool { return sd == sCJK && !isHangul(r) }
