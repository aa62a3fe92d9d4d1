package benchgen

import (
	"bytes"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Note lengths in characters (runes), as the brief asks: 60 to 200. The
// clean text aims inside a slightly narrower band so that removing a few
// spaces (a spacing defect) or adding a prefix cannot leave the band.
const (
	noteMin       = 60
	noteMax       = 200
	noteAimMin    = 64
	noteAimMax    = 192
	maxSpaceDrops = 3
)

// gap marks a place between Chinese and Latin text where a clean note has
// a space. It never reaches the output: render turns it into " " or, for a
// planted defect, into nothing.
const gap = '\x01'

// noteResult is one rendered note with the defects it carries. text is
// only valid until the next call of make.
type noteResult struct {
	text        []byte
	asciiPunct  int // ASCII , : ( ) written right after a Chinese character
	asciiParens int // the part of asciiPunct that is ( or )
	cjkSpacings int // missing spaces between Chinese and Latin letters or digits
}

// isHan reports whether r is a Chinese character. The spacing and
// punctuation defects are defined against Han only: full-width punctuation
// is not Han, so "BERT，" needs no space.
func isHan(r rune) bool { return r >= 0x2E80 && unicode.Is(unicode.Han, r) }

func isLatin(r rune) bool {
	return r < utf8.RuneSelf && ('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9')
}

// class sorts runes for the spacing rule: a gap goes between han and
// latin, in either order.
type class uint8

const (
	other class = iota
	han
	latin
)

func classOf(r rune) class {
	switch {
	case isLatin(r):
		return latin
	case isHan(r):
		return han
	}
	return other
}

func needsGap(a, b class) bool { return a == han && b == latin || a == latin && b == han }

// clause is a note template cut into literal text and slots. Literals are
// stored with their gaps already marked, so filling a clause only has to
// look at the edges of each piece.
type clause struct{ segs []segment }

type segment struct {
	lit         string // with gaps marked; empty for a slot
	runes       int    // runes of lit, gaps included
	first, last class  // of lit
	slot        byte   // slot letter, 0 for a literal
}

// clauses are noteClauses, compiled once.
var clauses = func() []clause {
	out := make([]clause, len(noteClauses))
	for i, t := range noteClauses {
		for len(t) > 0 {
			j := strings.IndexByte(t, '{')
			if j < 0 || j+2 >= len(t) || t[j+2] != '}' {
				j = len(t)
			}
			if j > 0 {
				out[i].segs = append(out[i].segs, literal(t[:j]))
			}
			if j < len(t) {
				out[i].segs = append(out[i].segs, segment{slot: t[j+1]})
				j += 3
			}
			t = t[j:]
		}
	}
	return out
}()

// literal marks the gaps inside a piece of template text.
func literal(s string) segment {
	var b []byte
	prev := other
	for _, c := range s {
		cl := classOf(c)
		if needsGap(prev, cl) {
			b = append(b, gap)
		}
		b = utf8.AppendRune(b, c)
		prev = cl
	}
	f, _ := utf8.DecodeRuneInString(s)
	l, _ := utf8.DecodeLastRuneInString(s)
	return segment{lit: string(b), runes: utf8.RuneCount(b), first: classOf(f), last: classOf(l)}
}

// noteGen renders notes. It keeps scratch buffers between calls: the
// generator writes hundreds of thousands of notes.
type noteGen struct {
	r     *rand.Rand
	body  []byte // the note with gaps marked
	out   []byte // the rendered note
	gaps  []int
	spots []int
	used  []int
	// The last {T} and {D} of the clause being filled: {U} and {E} must
	// name something else ("on COCO and COCO" reads wrong).
	term, dataset string
}

// pickOther picks an element of s other than not.
func pickOther(r *rand.Rand, s []string, not string) string {
	for {
		if v := pick(r, s); v != not {
			return v
		}
	}
}

// appendSlot appends the text of one slot (see noteClauses).
func (g *noteGen) appendSlot(b []byte, s byte, f field, method string) []byte {
	r := g.r
	switch s {
	case 'T':
		g.term = pick(r, noteTerms[f])
		return append(b, g.term...)
	case 'U':
		return append(b, pickOther(r, noteTerms[f], g.term)...)
	case 'D':
		g.dataset = pick(r, noteDatasets[f])
		return append(b, g.dataset...)
	case 'E':
		return append(b, pickOther(r, noteDatasets[f], g.dataset)...)
	case 'B':
		return append(b, pick(r, noteBaselines[f])...)
	case 'M':
		if method == "" {
			return append(b, "该方法"...)
		}
		return append(b, method...)
	case 'K':
		return append(b, pick(r, noteMetrics)...)
	case 'H':
		return append(b, pick(r, noteHardware)...)
	case 'L':
		return append(b, pick(r, noteLangs)...)
	case 'C':
		return append(b, pick(r, noteCode)...)
	case 'N', 'P':
		return strconv.AppendInt(b, int64(2+r.IntN(11)), 10)
	case 'F':
		b = strconv.AppendInt(b, int64(1+r.IntN(9)), 10)
		return strconv.AppendInt(append(b, '.'), int64(r.IntN(10)), 10)
	case 'R':
		return strconv.AppendInt(append(b, "0."...), int64(50+r.IntN(50)), 10)
	case 'X':
		return strconv.AppendInt(b, int64(20+r.IntN(980)), 10)
	}
	return b
}

// fill appends clause c to g.body and returns the runes it added. prev is
// the class of the last rune before it.
func (g *noteGen) fill(c *clause, prev class, f field, method string) int {
	n := 0
	for i := range c.segs {
		s := &c.segs[i]
		if s.slot == 0 {
			if needsGap(prev, s.first) {
				g.body = append(g.body, gap)
				n++
			}
			g.body = append(g.body, s.lit...)
			n += s.runes
			prev = s.last
			continue
		}
		// A slot value has no gaps inside (no value mixes Chinese and
		// Latin), so only its edges matter.
		at := len(g.body)
		g.body = g.appendSlot(g.body, s.slot, f, method)
		v := g.body[at:]
		if len(v) == 0 {
			continue
		}
		first, _ := utf8.DecodeRune(v)
		if fc := classOf(first); needsGap(prev, fc) {
			g.body = slices.Insert(g.body, at, gap)
			n++
		}
		v = g.body[len(g.body)-len(v):]
		last, _ := utf8.DecodeLastRune(v)
		prev = classOf(last)
		n += utf8.RuneCount(v)
	}
	return n
}

// make renders one note for a paper of field f. wantPunct and wantSpacing
// plant the two note defects: at least one ASCII punctuation mark right
// after a Chinese character, and at least one missing space between
// Chinese and Latin text.
//
// A dense note drops every gap, as notes written without spaces do.
func (g *noteGen) make(f field, method string, wantPunct, wantSpacing, dense bool) noteResult {
	for attempt := 0; ; attempt++ {
		g.compose(f, method)
		if !wantSpacing || bytes.IndexByte(g.body, gap) >= 0 || attempt >= 20 {
			break
		}
	}
	if wantSpacing && bytes.IndexByte(g.body, gap) < 0 {
		// Twenty compositions without a single Latin word: practically
		// impossible, but the count in MANIFEST must stay exact, so end
		// the note with a clause that has one.
		g.body = append(g.body, "，在\x01"...)
		g.body = append(g.body, pick(g.r, noteDatasets[f])...)
		g.body = append(g.body, "\x01上验证"...)
	}
	if wantPunct && len(punctSpots(g.body, g.spots[:0])) == 0 {
		// A prefix is a Chinese label and a full-width colon: a spot.
		g.body = slices.Insert(g.body, 0, []byte(pick(g.r, notePrefixes))...)
	}
	return g.render(wantPunct, wantSpacing, dense)
}

// compose joins clauses into g.body until the note reaches a length drawn
// from the aimed band.
func (g *noteGen) compose(f field, method string) {
	// Most notes are short, a few run long: the minimum of four uniform
	// draws skews the aim towards the lower end of the band (and brings
	// notes.md to about 780 bytes a paper).
	span := noteAimMax - noteAimMin + 1
	aim := noteAimMin + min(g.r.IntN(span), g.r.IntN(span), g.r.IntN(span), g.r.IntN(span))
	g.body = g.body[:0]
	g.used = g.used[:0]
	n := 0
	sep := false // whether the next clause needs a comma before it
	if g.r.IntN(4) == 0 {
		p := pick(g.r, notePrefixes)
		g.body = append(g.body, p...)
		n += utf8.RuneCountInString(p)
	}
	for tries := 0; n < aim && tries < 40; tries++ {
		t := g.r.IntN(len(clauses))
		if slices.Contains(g.used, t) {
			continue // a note says each thing once
		}
		mark, added := len(g.body), 0
		if sep {
			g.body = append(g.body, "，"...)
			added = 1
		}
		// What precedes a clause is a comma, a colon or nothing: never
		// Han or Latin, so no gap at its start.
		added += g.fill(&clauses[t], other, f, method)
		if n+added > noteAimMax {
			g.body = g.body[:mark]
			continue
		}
		g.used = append(g.used, t)
		n += added
		sep = true
	}
	// Short clauses fill the rest when the draw was unlucky; each is
	// Chinese only, so it neither adds nor removes a gap.
	for n < noteAimMin {
		g.body = append(g.body, "，实验比较充分"...)
		n += 7
	}
	if g.r.IntN(2) == 0 && n < noteAimMax {
		g.body = append(g.body, "。"...)
	}
}

// punctSpots appends to dst the byte offsets of full-width , : ( ) that
// directly follow a Han character in s.
func punctSpots(s []byte, dst []int) []int {
	for _, p := range []string{"，", "：", "（", "）"} {
		for i := 0; ; {
			j := bytes.Index(s[i:], []byte(p))
			if j < 0 {
				break
			}
			at := i + j
			if prev, _ := utf8.DecodeLastRune(s[:at]); isHan(prev) {
				dst = append(dst, at)
			}
			i = at + len(p)
		}
	}
	slices.Sort(dst)
	return dst
}

// asciiFor maps the full-width punctuation starting s to the ASCII mark
// people type by mistake.
func asciiFor(s []byte) byte {
	switch {
	case bytes.HasPrefix(s, []byte("，")):
		return ','
	case bytes.HasPrefix(s, []byte("：")):
		return ':'
	case bytes.HasPrefix(s, []byte("（")):
		return '('
	}
	return ')'
}

// render resolves the gap marks of g.body and plants the requested
// defects. A spacing defect drops 1 (most often) to 3 of the gaps, a
// punctuation defect replaces 1 or 2 of the spots.
func (g *noteGen) render(wantPunct, wantSpacing, dense bool) noteResult {
	var res noteResult
	var drop, repl []int // byte offsets in body
	if wantSpacing {
		g.gaps = g.gaps[:0]
		for i, c := range g.body {
			if c == gap {
				g.gaps = append(g.gaps, i)
			}
		}
		k := 1
		switch x := g.r.IntN(10); {
		case x >= 9:
			k = 3
		case x >= 6:
			k = 2
		}
		k = min(k, len(g.gaps), maxSpaceDrops)
		if dense {
			k = len(g.gaps)
		}
		drop = choose(g.r, g.gaps, k)
		res.cjkSpacings = k
	}
	if wantPunct {
		g.spots = punctSpots(g.body, g.spots[:0])
		k := min(1+g.r.IntN(2), len(g.spots))
		repl = choose(g.r, g.spots, k)
		res.asciiPunct = k
	}
	g.out = g.out[:0]
	if drop == nil && repl == nil {
		// Clean note, the common case: every gap becomes a space.
		body := g.body
		for {
			j := bytes.IndexByte(body, gap)
			if j < 0 {
				break
			}
			g.out = append(append(g.out, body[:j]...), ' ')
			body = body[j+1:]
		}
		g.out = append(g.out, body...)
		res.text = g.out
		return res
	}
	for i := 0; i < len(g.body); i++ {
		c := g.body[i]
		switch {
		case c == gap:
			if !slices.Contains(drop, i) {
				g.out = append(g.out, ' ')
			}
		case c >= utf8.RuneSelf && slices.Contains(repl, i):
			a := asciiFor(g.body[i:])
			if a == '(' || a == ')' {
				res.asciiParens++
			}
			g.out = append(g.out, a)
			i += len("，") - 1 // all four marks are three bytes long
		default:
			g.out = append(g.out, c)
		}
	}
	res.text = g.out
	return res
}

// choose returns k distinct elements of s (a partial Fisher-Yates shuffle
// that reorders s).
func choose(r *rand.Rand, s []int, k int) []int {
	for i := 0; i < k; i++ {
		j := i + r.IntN(len(s)-i)
		s[i], s[j] = s[j], s[i]
	}
	return s[:k]
}
