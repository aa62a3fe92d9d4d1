package cjk

import (
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/paperlint/papers/internal/cjkletter"
)

// The analyser works one line at a time: no rule looks across a line
// break. A line is cut into units (a CJK letter, a Latin word, a run of
// one punctuation mark, a run of spaces, a token that must not change),
// the punctuation check decides which marks to replace, and the spacing
// check then looks at every pair of neighbouring units, seeing marks as
// they will be after the replacements when both kinds are checked.
//
// This file is the tokenizer that cuts a line into units; protect.go holds
// the recognisers of the tokens that must not change (URLs, paths, code,
// math and the like).

type ukind uint8

const (
	uSpace ukind = iota // a run of ASCII spaces: the only whitespace that is ever edited
	uBreak              // a tab, a carriage return or another space: never crossed
	uCJK                // a run of CJK letters
	uWord               // a Latin word: "BERT", "3.9", "C++", "15%", "y_t", "v1.2"
	uFull               // a run of one full-width punctuation mark
	uQuote              // one curly quote
	uPunct              // a run of one ASCII mark, or one other symbol
	uAtom               // a token that must not change
)

type akind uint8

const (
	aNone   akind = iota
	aCode         // `inline code`
	aMath         // $math$, $$math$$
	aVerb         // %s, $1, \d, &amp;, [[wiki link]], [^1]
	aURL          // URLs and paths: Latin-looking on their left, untouchable on their right
	aCaller       // Context.Protected, Context.Before and Context.After
)

type unit struct {
	start, end  int
	r           rune  // the mark of punctuation runs
	first, last rune  // edge runes of words, runs of CJK letters and atoms
	effR        rune  // the mark after replacement
	n           int32 // length of a run of marks, in runes
	mate        int32 // index of the matching bracket, or -1
	kind        ukind
	atom        akind
	eff         ukind // the kind after replacement
	fw          bool  // a word with full-width letters or digits
	virtual     bool  // Context.Before or After: never edited
	changed     bool  // the punctuation check replaces the unit
}

// side classifies a unit's edge as its neighbour sees it.
type side uint8

const (
	sNone   side = iota // nothing: line edge, markup the caller keeps opaque
	sCJK                // a CJK letter
	sLatin              // a Latin letter or digit
	sFull               // full-width punctuation
	sQuote              // a curly quote on a line with Chinese or Japanese
	sObject             // code, math, format verbs: visible but neutral
	sURL                // the end of a URL or path: spaces next to it stay
	sPunct              // anything else
)

const maxDepth = 64

// bigLine is the length from which a line's units and findings are sized
// in advance.
const bigLine = 1 << 16

type scanner struct {
	text  string
	ctx   Context
	opt   Options
	kinds Kind
	conv  uint8 // bit set of convertible marks, see convBit

	units    []unit
	findings []Finding
	intern   *messages      // a Checker's messages, reused; nil for Check
	edits    []Edit         // backing store of the findings' edits
	emit     func(*Finding) // CheckEach's sink: findings are not kept
	window   int            // units from which a line is checked in windows
	out      Finding        // the finding handed to emit
	outEdits []Edit         // its edits
	buf      []byte         // message under construction

	// Per line.
	cj     bool // the line has Chinese or Japanese text (or CJKAround)
	words  int  // Latin words on the line
	spaced bool // the line has a space between two words
	busy   bool // the line has something a rule can act on

	stack [maxDepth]int32
	depth int
	over  int // brackets opened beyond maxDepth

	spanIdx  int // next Context.Protected span to consider
	spanPrev int // end of the last accepted span

	// Searches for a closing delimiter that failed on this line: a later
	// search with the same limit fails too, which keeps hostile lines
	// ("`a `b `c ...") linear.
	noCode  [8]int // no backtick run of length n+1 from here to noLimit
	noMath  int    // no closing "$" from here to noLimit
	noDMath int    // no "$$" from here to noLimit
	noWiki  int    // no "]]" from here to noLimit
	noLimit int

	// A check of one part of a text cut for checking in parallel
	// (CheckPart).
	cuts    []int // the cuts after the part's start
	nextCut int   // the first of cuts not passed yet
	stopped bool  // the check reached a cut it stops at (atCut)
	resume  bool  // the check starts at a cut, not at a line start
}

var scanners = sync.Pool{New: func() any { return new(scanner) }}

func getScanner(text string, ctx *Context, opt Options, kinds Kind) *scanner {
	s := scanners.Get().(*scanner)
	s.text = text
	s.ctx = *ctx
	s.opt = opt
	s.kinds = kinds
	s.conv = convSet(opt.Convert)
	s.window = windowUnits
	s.spanIdx, s.spanPrev = 0, 0
	s.cuts, s.nextCut, s.stopped, s.resume = nil, 0, false, false
	return s
}

func putScanner(s *scanner) {
	s.text = ""
	s.ctx = Context{}
	s.findings = nil
	s.edits = nil // owned by the returned findings
	s.emit, s.out = nil, Finding{}
	s.intern = nil
	if cap(s.units) > 1<<12 {
		s.units = nil // do not pin the memory of one huge line
	}
	scanners.Put(s)
}

func convBit(b byte) uint8 {
	if i := strings.IndexByte(DefaultConvert, b); i >= 0 {
		return 1 << i
	}
	return 0
}

func convSet(s string) uint8 {
	if s == "" {
		return 0xFF
	}
	var set uint8
	for i := 0; i < len(s); i++ {
		set |= convBit(s[i])
	}
	return set
}

func (s *scanner) converts(b byte) bool { return s.conv&convBit(b) != 0 }

// run checks every line of the text.
func (s *scanner) run() { s.runFrom(0) }

// runFrom checks the text from pos, a line start or a cut (CheckPart), to
// its end or to the cut the check stops at.
func (s *scanner) runFrom(pos int) {
	for {
		end := s.lineEnd(pos)
		s.line(pos, end, pos == 0, end == len(s.text))
		if s.stopped || end >= len(s.text) {
			return
		}
		pos = end + 1
	}
}

// validSpan accepts a non-empty span after the previous one. An empty span
// protects nothing, and where an insertion lands next to it is ambiguous.
func validSpan(sp Span, prevEnd, n int) bool {
	return sp.Start >= prevEnd && sp.End > sp.Start && sp.End <= n
}

// peekSpan returns the next valid protected span, skipping invalid ones.
func (s *scanner) peekSpan() *Span {
	for s.spanIdx < len(s.ctx.Protected) {
		sp := &s.ctx.Protected[s.spanIdx]
		if validSpan(*sp, s.spanPrev, len(s.text)) {
			return sp
		}
		s.spanIdx++
	}
	return nil
}

func (s *scanner) takeSpan(sp *Span) {
	s.spanPrev = sp.End
	s.spanIdx++
}

// lineEnd returns the offset of the newline that ends the line starting at
// pos, or len(text). A newline inside a protected span does not end a line.
func (s *scanner) lineEnd(pos int) int {
	text := s.text
	i := pos
	for {
		nl := strings.IndexByte(text[i:], '\n')
		if nl < 0 {
			return len(text)
		}
		nl += i
		inside := false
		prev := s.spanPrev
		for k := s.spanIdx; k < len(s.ctx.Protected); k++ {
			sp := s.ctx.Protected[k]
			if !validSpan(sp, prev, len(text)) {
				continue
			}
			if sp.Start > nl {
				break
			}
			if sp.End > nl {
				inside = true
				i = sp.End
				break
			}
			prev = sp.End
		}
		if !inside {
			return nl
		}
	}
}

// line checks the line [ls, le).
func (s *scanner) line(ls, le int, first, last bool) {
	s.units = s.units[:0]
	// A check resumed at a cut starts as a check from the line start
	// stands when it stops there: on a Chinese line (atCut).
	s.cj = s.ctx.CJKAround || s.resume
	s.resume = false
	s.words = 0
	s.spaced = false
	s.busy = false
	s.depth, s.over = 0, 0
	s.resetMemo(-1)
	if first && s.ctx.Before != 0 {
		s.virtual(ls, s.ctx.Before)
	}
	if n := le - ls; n > bigLine {
		// A huge line (a paragraph pasted from a PDF, a minified file) has
		// about one unit per six bytes of mixed text and, at worst, about
		// one finding per unit: sized once instead of grown by a quarter
		// at a time. Growing copies each unit and finding several times,
		// and each copy of hundreds of megabytes is one step the garbage
		// collector cannot interrupt: it waited seconds for it. A line of
		// Chinese text is checked in windows (flushWindow): room for one
		// window is enough unless a bracket stays open.
		s.units = slices.Grow(s.units, min(n/5, s.window+s.window/4))
	}
	s.tokenize(ls, le)
	if s.stopped {
		return
	}
	if last && s.ctx.After != 0 {
		s.virtual(le, s.ctx.After)
	}
	if !s.busy {
		return
	}
	if n := len(s.units); n > bigLine/4 && s.emit == nil {
		s.findings = slices.Grow(s.findings, n)
		s.edits = slices.Grow(s.edits, n)
	}
	if s.kinds&Punctuation != 0 {
		s.punctuation()
	}
	if s.kinds&Spacing != 0 {
		s.spacing()
	}
}

// flushWindow checks the units of a huge line tokenized so far and keeps
// only the last, so that the line's units never all sit in memory (one
// 20 MB line of mixed text has 3.4 million). It is called only where
// nothing decided later can change what it decides:
//
//   - the last unit is a run of CJK letters: it is never replaced, every
//     look to the right of an earlier unit (nextNS, rightOf) stops at it,
//     and every look to the left of a later one (prevNS, leftOf,
//     terminal) stops at it too, so it is kept as the first unit of the
//     next window and the pairs around it are each seen once;
//   - no bracket is open: every pair so far lies in this window;
//   - the line has Chinese or Japanese text, which it cannot lose: the
//     English-line checks, which count words over the whole line, never
//     run on it.
func (s *scanner) flushWindow() {
	if s.kinds&Punctuation != 0 {
		s.punctuation()
	}
	if s.kinds&Spacing != 0 {
		s.spacing()
	}
	s.units[0] = s.units[len(s.units)-1]
	s.units = s.units[:1]
}

// windowUnits is the number of units from which a line is checked in
// windows (flushWindow); tests set a scanner's window lower.
const windowUnits = 1 << 14

// resetMemo forgets the failed searches; limit is the end they ran to.
func (s *scanner) resetMemo(limit int) {
	s.noLimit = limit
	for i := range s.noCode {
		s.noCode[i] = 1 << 62
	}
	s.noMath, s.noDMath, s.noWiki = 1<<62, 1<<62, 1<<62
}

// failed reports whether a search from i to limit is known to fail.
func (s *scanner) failed(memo *int, i, limit int) bool {
	if limit != s.noLimit {
		s.resetMemo(limit)
		return false
	}
	return i >= *memo
}

func (s *scanner) fail(memo *int, i int) { *memo = min(*memo, i) }

func (s *scanner) virtual(at int, r rune) {
	s.push(unit{start: at, end: at, kind: uAtom, atom: aCaller, first: r, last: r, virtual: true})
	if r >= 0x80 {
		s.busy = true
	}
	if isCJ(r) {
		s.cj = true
	}
}

func (s *scanner) push(u unit) {
	u.mate = -1
	u.eff = u.kind
	u.effR = u.r
	s.units = append(s.units, u)
	switch u.kind {
	case uPunct, uFull:
		if u.r == '(' || u.r == ')' || u.r == '（' || u.r == '）' {
			s.bracket(len(s.units) - 1)
		}
	case uWord:
		if n := len(s.units); n >= 3 && s.units[n-2].kind == uSpace && s.units[n-3].kind == uWord {
			s.spaced = true
		}
		s.words++
	}
}

// bracket pairs the round bracket at unit i with an open one.
func (s *scanner) bracket(i int) {
	u := &s.units[i]
	if u.r == '(' || u.r == '（' {
		if s.depth < maxDepth {
			s.stack[s.depth] = int32(i)
			s.depth++
		} else {
			s.over++
		}
		return
	}
	if s.over > 0 {
		s.over--
	} else if s.depth > 0 {
		s.depth--
		o := s.stack[s.depth]
		s.units[o].mate = int32(i)
		u.mate = o
	}
}

func (s *scanner) lastUnit() *unit {
	if len(s.units) == 0 {
		return nil
	}
	return &s.units[len(s.units)-1]
}

// wordStart reports whether a token starting now starts a word of its own,
// which paths and bare www. addresses must.
func (s *scanner) wordStart() bool {
	u := s.lastUnit()
	if u == nil {
		return true
	}
	switch u.kind {
	case uSpace, uBreak, uFull:
		return true
	case uQuote:
		return isOpenQuote(u.r)
	case uPunct:
		return strings.ContainsRune("([{<\"'*_~|", u.r)
	case uAtom:
		return u.atom == aCaller && (u.last == 0 || u.last == Object)
	}
	return false
}

func (s *scanner) tokenize(ls, le int) {
	text := s.text
	i := ls
	for {
		if len(s.units) >= s.window && s.depth == 0 && s.over == 0 && s.cj && s.units[len(s.units)-1].kind == uCJK {
			s.flushWindow()
		}
		if s.cuts != nil && s.atCut() {
			// What is left is the part's that starts here: check the
			// window up to here and stop.
			if len(s.units) > 1 {
				s.flushWindow()
			}
			s.stopped = true
			return
		}
		limit := le
		if sp := s.peekSpan(); sp != nil && sp.Start <= le {
			if sp.Start <= i {
				// The span starts here; tokens stop at span starts, so
				// one cannot start earlier, but stay safe if it does.
				if sp.Start == i {
					s.push(unit{start: i, end: sp.End, kind: uAtom, atom: aCaller, first: sp.First, last: sp.Last})
					if sp.First >= 0x80 || sp.Last >= 0x80 {
						s.busy = true
					}
					if isCJ(sp.First) || isCJ(sp.Last) {
						s.cj = true
					}
					i = sp.End
				}
				s.takeSpan(sp)
				continue
			}
			limit = sp.Start
		}
		if i >= le {
			return
		}
		if text[i] < 0x80 {
			i = s.ascii(i, limit)
			continue
		}
		s.busy = true
		r, size := decode3(text, i, limit)
		switch {
		case r == utf8.RuneError && size == 1: // an invalid byte: a mark like any other
			s.push(unit{start: i, end: i + 1, kind: uPunct, r: r, n: 1})
			i++
		case cjkletter.Is(r):
			// A run of CJK letters is one unit: the rules only look at its
			// edges.
			j := i + size
			last := r
			cj := !isHangul(r)
			for j < limit && s.text[j] >= 0x80 {
				if b0 := text[j]; b0 >= 0xE5 && b0 <= 0xE9 && j+2 < limit && text[j+1]&0xC0 == 0x80 && text[j+2]&0xC0 == 0x80 {
					// U+5000..U+9FFF, inside CJK Unified Ideographs: most
					// of a Chinese text, read without the general checks.
					last = rune(b0&0x0F)<<12 | rune(text[j+1]&0x3F)<<6 | rune(text[j+2]&0x3F)
					cj = true
					j += 3
					continue
				}
				r2, size2 := decode3(s.text, j, limit)
				if !cjkletter.Is(r2) {
					break
				}
				if !cj {
					cj = !isHangul(r2)
				}
				last = r2
				j += size2
			}
			s.push(unit{start: i, end: j, kind: uCJK, r: r, first: r, last: last})
			s.cj = s.cj || cj
			i = j
		case isWordRune(r):
			i = s.word(i, limit)
		case isFull(r):
			// Repeated sentence marks are one unit ("！！" is one
			// finding); brackets are not, each one pairs with another.
			j := i + size
			n := int32(1)
			for collapsible(r) && j+size <= limit && text[j:j+size] == text[i:i+size] {
				j += size
				n++
			}
			s.push(unit{start: i, end: j, kind: uFull, r: r, n: n})
			i = j
		case isQuote(r):
			s.push(unit{start: i, end: i + size, kind: uQuote, r: r, n: 1})
			i += size
		case isUnicodeSpace(r):
			s.push(unit{start: i, end: i + size, kind: uBreak, r: r})
			i += size
		case r == Object:
			s.push(unit{start: i, end: i + size, kind: uAtom, atom: aCaller, first: Object, last: Object})
			i += size
		default:
			s.push(unit{start: i, end: i + size, kind: uPunct, r: r, n: 1})
			i += size
		}
	}
}

// decode3 decodes the rune at text[i], taking a short cut for the
// three-byte sequences of the Basic Multilingual Plane, where CJK lives.
func decode3(text string, i, limit int) (rune, int) {
	if i+2 < limit {
		b0, b1, b2 := text[i], text[i+1], text[i+2]
		if b0 >= 0xE1 && b0 <= 0xEF && b0 != 0xED && b1&0xC0 == 0x80 && b2&0xC0 == 0x80 {
			return rune(b0&0x0F)<<12 | rune(b1&0x3F)<<6 | rune(b2&0x3F), 3
		}
	}
	return utf8.DecodeRuneInString(text[i:limit])
}

// ascii reads the token at text[i], an ASCII byte, and returns its end.
func (s *scanner) ascii(i, limit int) int {
	text := s.text
	b := text[i]
	next := byte(0)
	if i+1 < limit {
		next = text[i+1]
	}
	switch {
	case b == ' ':
		j := i + 1
		for j < limit && text[j] == ' ' {
			j++
		}
		s.push(unit{start: i, end: j, kind: uSpace})
		return j
	case b == '\t' || b == '\r' || b == '\v' || b == '\f':
		s.push(unit{start: i, end: i + 1, kind: uBreak, r: rune(b)})
		return i + 1
	case isASCIIAlnum(b):
		return s.word(i, limit)
	case (b == '-' || b == '+') && next >= '0' && next <= '9' && !s.afterWord():
		return s.word(i, limit) // a signed number: "范围 -255 或 +255 之间"
	case b == '`':
		if j, f, l := s.codeSpan(i, limit); j > 0 {
			s.push(unit{start: i, end: j, kind: uAtom, atom: aCode, first: f, last: l})
			return j
		}
		j := i + 1
		for j < limit && text[j] == '`' {
			j++
		}
		s.push(unit{start: i, end: j, kind: uPunct, r: '`', n: int32(j - i)})
		return j
	case b == '$':
		if j := s.math(i, limit); j > 0 {
			s.push(unit{start: i, end: j, kind: uAtom, atom: aMath})
			return j
		}
		if next >= '0' && next <= '9' { // $1: a placeholder or an amount, never spaced
			j := i + 1
			for j < limit && text[j] >= '0' && text[j] <= '9' {
				j++
			}
			s.push(unit{start: i, end: j, kind: uAtom, atom: aVerb})
			return j
		}
	case b == '%':
		if j := formatVerb(text, i, limit); j > 0 {
			s.push(unit{start: i, end: j, kind: uAtom, atom: aVerb})
			return j
		}
	case b == '\\':
		if isASCIILetter(next) { // \d, \alpha
			j := i + 2
			for j < limit && isASCIILetter(text[j]) {
				j++
			}
			s.push(unit{start: i, end: j, kind: uAtom, atom: aVerb})
			return j
		}
		if next > ' ' && next < 0x7F { // an escaped mark: \* \$ \(
			s.push(unit{start: i, end: i + 2, kind: uAtom, atom: aVerb})
			return i + 2
		}
	case b == '&':
		if j := entity(text, i, limit); j > 0 {
			s.push(unit{start: i, end: j, kind: uAtom, atom: aVerb})
			return j
		}
	case b == '[' || b == '!':
		if j := s.wikiLink(i, limit); j > 0 {
			s.push(unit{start: i, end: j, kind: uAtom, atom: aVerb})
			return j
		}
		if j := footnoteRef(text, i, limit); j > 0 {
			s.push(unit{start: i, end: j, kind: uAtom, atom: aVerb})
			return j
		}
	case b == '/' || b == '.' || b == '~':
		if s.wordStart() && leadingPath(text, i, limit) {
			return s.url(i, limit)
		}
	}
	// A run of one mark. Only the convertible sentence marks form runs:
	// "!!" and "..." are single findings, "--" is left to itself.
	j := i + 1
	if strings.IndexByte(",.:;!?", b) >= 0 {
		for j < limit && text[j] == b {
			j++
		}
	}
	s.push(unit{start: i, end: j, kind: uPunct, r: rune(b), n: int32(j - i)})
	return j
}

func (s *scanner) afterWord() bool {
	u := s.lastUnit()
	return u != nil && u.kind == uWord
}

// word reads a Latin word, or a URL or path starting with a letter or digit.
func (s *scanner) word(i, limit int) int {
	text := s.text
	start := s.wordStart()
	if start && text[i]|0x20 == 'w' && hasPrefixFold(text[i:limit], "www.") {
		return s.url(i, limit)
	}
	j := i
	var first, last rune
	fw := false
	slashed := false // the word contains "/" or "#": it may be a path
	if text[j] == '-' || text[j] == '+' {
		first = rune(text[j])
		j++
	}
	for j < limit {
		// Most words are plain ASCII: skip them a byte at a time.
		if k := j; isASCIIAlnum(text[k]) {
			for k < limit && isASCIIAlnum(text[k]) {
				k++
			}
			if first == 0 {
				first = rune(text[j])
			}
			last = rune(text[k-1])
			j = k
			continue
		}
		r, size := utf8.DecodeRuneInString(text[j:limit])
		switch {
		case isWordRune(r):
			if first == 0 {
				first = r
			}
			if fullwidthAlnum(r) != 0 {
				fw = true
			}
			last = r
			j += size
			continue
		case last == 0:
		case unicode.Is(unicode.Mn, r): // a combining accent
			j += size
			continue
		case isJoiner(r):
			if r2, _ := utf8.DecodeRuneInString(text[j+size : limit]); j+size < limit && isWordRune(r2) {
				slashed = slashed || r == '/'
				j += size
				continue
			}
		case r == '+' || r == '#': // C++, C#, 2+
			if isWordRune(last) || last == '+' || last == '#' {
				slashed = slashed || r == '#'
				last = r
				j += size
				continue
			}
		case r == '%' || r == '‰' || r == '°' || r == '℃': // 15%, 90°
			if isDigit(last) {
				last = r
				j += size
				continue
			}
		}
		break
	}
	if j == i { // cannot happen for a word rune; guard against a loop
		j = i + 1
	}
	// URLs and paths start like words; look for them only when the word
	// runs into their marks, so plain words are scanned once.
	if text[i] < 0x80 {
		k := j
		for k < limit && isPathByte(text[k]) { // "wiki-/_x": the word stops at "-"
			k++
		}
		if k < limit && text[k] == ':' && schemeURL(text, i, limit) {
			return s.url(i, limit)
		}
		if start && (k < limit && (text[k] == '/' || text[k] == '#') || slashed) &&
			(pathAt(text, i, limit) || pathHashAt(text, i, limit)) {
			return s.url(i, limit)
		}
	}
	s.push(unit{start: i, end: j, kind: uWord, first: first, last: last, fw: fw})
	if fw {
		s.busy = true
	}
	return j
}

// isJoiner reports the marks that join two word runes into one word: 3.9,
// v1.2, y_t, A/B, 12:30, 1,000, it's, Patch-Feature, a@b.org, R&D.
func isJoiner(r rune) bool {
	switch r {
	case '.', '_', '-', '/', ':', ',', '\'', '’', '@', '&':
		return true
	}
	return false
}

func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}
