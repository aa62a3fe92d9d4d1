package cjk

import (
	"unicode/utf8"

	"github.com/paperlint/papers/internal/cjkletter"
)

// A huge text (one 20 MB line of mixed prose) is checked by several
// scanners at once, each from a cut in the text, without changing a
// finding. A cut is the start of a run of Chinese or Japanese letters.
// When a check from the start of the text reaches a cut with a unit that
// is that very run, no bracket open and a Chinese line, it stands where a
// huge line's check may flush its window (scanner.flushWindow): everything
// after depends only on that run and the text after it, which is the state
// a check started at the cut is in after its first unit. So the earlier
// scanner stops there, and the findings after it are the later scanner's.
// When it passes a cut in another state (the cut fell inside inline code,
// a URL, a bracket, an English line), it goes on to the next cut, and the
// work of the part it skipped is dropped: slower, never different.

// partMin is the size below which a text is not worth cutting: a part
// should take far longer to check than a goroutine takes to start.
const partMin = 1 << 18

// cutSearch is how far past an even share of the text Cuts looks for the
// start of a run of Chinese or Japanese letters.
const cutSearch = 1 << 16

// Cuts returns where CheckPart may cut text into at most n parts of about
// equal size: increasing offsets, each the start of a run of Chinese or
// Japanese letters. It returns nil when text is too short to be worth
// cutting, when ctx protects spans (a span may run across a cut), or when
// it finds no run to cut at.
func Cuts(text string, ctx Context, n int) []int {
	if n < 2 || len(text) < 2*partMin || len(ctx.Protected) > 0 {
		return nil
	}
	n = min(n, len(text)/partMin)
	var cuts []int
	last := 0
	for k := 1; k < n; k++ {
		at := max(len(text)*k/n, last+1)
		if c := runStart(text, at, min(at+cutSearch, len(text))); c > last {
			cuts = append(cuts, c)
			last = c
		}
	}
	return cuts
}

// runStart returns the first offset in [from, to) where a run of CJK
// letters with a Chinese or Japanese first letter starts (the letter before
// is not a CJK letter), or -1.
func runStart(text string, from, to int) int {
	i := from
	for i < to && !utf8.RuneStart(text[i]) {
		i++
	}
	prev := rune(-1)
	if i > 0 {
		prev, _ = utf8.DecodeLastRuneInString(text[:i])
	}
	for i < to {
		r, size := utf8.DecodeRuneInString(text[i:])
		if isCJ(r) && !cjkletter.Is(prev) {
			return i
		}
		prev = r
		i += size
	}
	return -1
}

// CheckPart is CheckEach on part k of text cut at cuts (from Cuts, with
// the same text and ctx): part 0 starts at the start of text, part k at
// cuts[k-1]. It checks from there towards the end of text and stops at
// the first later cut where a check of the text from its start stands in
// the state the check of the part starting at that cut starts in (see
// above). It returns the number of that part, or len(cuts)+1 when it ran
// to the end.
//
// The findings of text are those of part 0, then those of the part it
// returned, then of the part that one returned, and so on (Chain); the
// findings of parts not reached are not text's. The parts may be checked
// at the same time, each on its own Checker.
func (c *Checker) CheckPart(text string, ctx Context, opt Options, kinds Kind, cuts []int, k int, emit func(*Finding)) int {
	end := len(cuts) + 1
	if k < 0 || k >= end {
		return end
	}
	if k > 0 && len(ctx.Protected) > 0 {
		return end // never cut (Cuts); part 0 checks everything
	}
	if kinds&AllKinds == 0 || quiet(text, ctx) {
		return end
	}
	s := getScanner(text, &ctx, opt, kinds)
	if c.intern == nil {
		c.intern = &messages{}
	}
	s.intern = c.intern
	s.emit = emit
	from := 0
	if len(ctx.Protected) == 0 {
		s.cuts = cuts[k:]
		if k > 0 {
			from = cuts[k-1]
			s.resume = true
		}
	}
	s.runFrom(from)
	next := end
	if s.stopped {
		next = k + 1 + s.nextCut
	}
	s.emit = nil
	putScanner(s)
	return next
}

// Chain returns the parts whose findings make those of the whole text, in
// order, given next[k], what CheckPart returned for part k.
func Chain(next []int) []int {
	var chain []int
	for k := 0; k < len(next); k = next[k] {
		chain = append(chain, k)
		if next[k] <= k {
			break // not from CheckPart
		}
	}
	return chain
}

// atCut reports, before the next unit is read, whether the check stands
// at its next cut in the state a check of the part starting there starts
// in; it moves past the cuts behind it. A cut that is reached in another
// state is passed.
func (s *scanner) atCut() bool {
	if s.nextCut >= len(s.cuts) || len(s.units) == 0 {
		return false
	}
	u := &s.units[len(s.units)-1]
	for s.nextCut < len(s.cuts) && s.cuts[s.nextCut] < u.start {
		s.nextCut++
	}
	return s.nextCut < len(s.cuts) && s.cuts[s.nextCut] == u.start &&
		u.kind == uCJK && !u.virtual && s.depth == 0 && s.over == 0 && s.cj
}
