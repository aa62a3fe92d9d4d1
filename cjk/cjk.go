// Package cjk checks the spacing and punctuation of mixed CJK/Latin prose,
// the way Chinese paper-reading notes are written: "用 BERT 编码，效果提升 3.9%。"
//
// The package is a pure text analyser. It knows nothing about Markdown or
// files: the caller hands it a prose segment (a text node, a heading, a line)
// and gets back findings, each with the byte edits that fix it. Two kinds of
// finding exist, one per lint rule built on top of the package:
//
//   - Spacing: one space between CJK and Latin letters or digits, no space
//     next to full-width punctuation, none between a number and "%" or "°".
//   - Punctuation: half-width marks inside Chinese text become full-width,
//     full-width marks inside English lines become half-width, full-width
//     letters and digits become ASCII, repeated marks collapse, and "..."
//     inside Chinese text becomes "……".
//
// Tokens that must never change are recognised and skipped: URLs, e-mail
// addresses, file paths, inline code, inline math ($...$ and $$...$$),
// format verbs (%s, $1, \d), HTML entities, wiki links ([[...]]), footnote
// references ([^1]), abbreviations (e.g., i.e.), versions (v1.2), decimals,
// times and words such as C++, A/B or HTTP/2. Callers that cut the prose out
// of a larger document describe what lies around it with a Context.
//
// The checks work a line at a time and never reason across a newline, a tab
// or an ideographic space, nor edit them.
//
// Fixes only ever insert or delete ASCII spaces and swap the punctuation
// pairs listed above; applying them twice changes nothing more. The edits
// of one Check call never overlap, whatever kinds it checks. When the two
// kinds are checked by separate calls (one per lint rule), their edits do
// not overlap either, and a fix of one kind may reveal a finding of the
// other (a comma turned full-width must lose the space after it), which the
// next round of a fix loop picks up: checking both kinds in one call sees
// the marks as they will be and fixes everything in one round.
package cjk

import (
	"cmp"
	"slices"
	"strings"
)

// Kind selects a family of findings. Kinds combine as a bit mask.
type Kind uint8

const (
	// Spacing findings add or remove spaces (rule cjk-spacing).
	Spacing Kind = 1 << iota
	// Punctuation findings replace punctuation marks or full-width
	// letters and digits (rule cjk-punctuation).
	Punctuation

	// AllKinds selects every kind of finding.
	AllKinds = Spacing | Punctuation
)

// String returns "spacing", "punctuation", or the names of a mask joined by "|".
func (k Kind) String() string {
	switch k {
	case Spacing:
		return "spacing"
	case Punctuation:
		return "punctuation"
	case AllKinds:
		return "spacing|punctuation"
	case 0:
		return "none"
	}
	return "unknown"
}

// SpacingStyle says what to do with the boundary between CJK and Latin text.
type SpacingStyle uint8

const (
	// SpaceAlways wants one space between CJK and Latin letters or digits
	// ("用 BERT 编码"). It is the default.
	SpaceAlways SpacingStyle = iota
	// SpaceNever wants no space there ("用BERT编码") and reports spaces
	// between CJK and Latin text as findings.
	SpaceNever
)

// BracketStyle says when ASCII parentheses in Chinese text become full-width.
type BracketStyle uint8

const (
	// BracketsAsWritten keeps ASCII parentheses as written, except around
	// Chinese content: "(融合相邻的算子)" becomes "（融合相邻的算子）",
	// while "APE(Adversarial Patch)模块" keeps its ASCII parentheses (and
	// gets a space after them). It is the default.
	BracketsAsWritten BracketStyle = iota
	// BracketsFullWidth turns every ASCII pair that sits in Chinese text
	// full-width: "成像 (NMRI) 是" becomes "成像（NMRI）是".
	BracketsFullWidth
)

// DefaultConvert is the set of half-width marks converted when
// Options.Convert is empty.
const DefaultConvert = ",.:;!?()"

// NoConvert turns every half-width/full-width conversion off when used as
// Options.Convert; repeated marks and full-width letters are still reported.
const NoConvert = "-"

// Options tune the checks. The zero value is the default configuration.
type Options struct {
	// Spacing is the style of the CJK/Latin boundary.
	Spacing SpacingStyle
	// Brackets says when ASCII parentheses become full-width.
	Brackets BracketStyle
	// Convert lists the half-width marks that may be converted, out of
	// ",.:;!?()". It applies in both directions: a mark that is not listed
	// is neither turned full-width in Chinese text nor half-width in
	// English text, and "..." only becomes "……" when "." is listed.
	// "(" and ")" convert as a pair, so both must be listed. "" means
	// DefaultConvert; NoConvert (or any string without those marks)
	// converts nothing.
	Convert string
}

// Validate reports an Options value that the checks cannot honour.
func (o Options) Validate() error {
	if o.Spacing > SpaceNever {
		return optionError("unknown spacing style")
	}
	if o.Brackets > BracketsFullWidth {
		return optionError("unknown bracket style")
	}
	if o.Convert == NoConvert {
		return nil
	}
	for _, r := range o.Convert {
		if !strings.ContainsRune(DefaultConvert, r) {
			return optionError("convert: " + quote(string(r)) + " is not one of " + quote(DefaultConvert))
		}
	}
	return nil
}

type optionError string

func (e optionError) Error() string { return "cjk: " + string(e) }

// Object stands for something visible that is neither CJK nor Latin prose,
// such as inline code, an image or inline HTML, when passed as
// Context.Before, Context.After or a Span edge: no space is added next to
// it, and a space between it and full-width punctuation is removed.
const Object rune = '\uFFFC'

// Context describes what surrounds and interrupts a segment in the document
// it was cut from. The zero value means the segment stands alone.
//
// The simplest correct way to check Markdown is to pass a whole line (or
// paragraph) and protect its markup with Spans: gaps between prose and
// markup are then seen once, from both sides. Checking text nodes one by
// one with Before and After works too, but a gap between two nodes that
// are both checked (around "**" or "[") is then reported by both, and the
// node inside the markup would put its space inside it.
type Context struct {
	// Before and After are the runes just outside the segment, as a reader
	// sees them: the last rune of the preceding text, the first rune of a
	// following link text, 'a' for an adjacent code span with Latin
	// content, Object for something neutral. 0 means nothing, or markup
	// the checks must not reason across (a list marker, a line start);
	// spaces at such an edge are left alone. Spaces are only ever added
	// or removed inside the segment.
	Before, After rune
	// Protected are byte ranges of the segment that must not change, in
	// increasing order and not overlapping: inline code, emphasis
	// delimiters, link brackets and destinations, HTML. Ranges that are
	// empty, out of order, overlapping or out of bounds are ignored.
	Protected []Span
	// CJKAround says that the line the segment belongs to contains CJK
	// text outside the segment. Full-width punctuation is only turned
	// half-width on English lines, so a caller that checks a line piece
	// by piece must set it for the pieces of a Chinese line.
	CJKAround bool
}

// Span is a protected byte range [Start, End) of a segment. First and Last are
// the runes the range shows the text on its left and on its right, with the
// meaning of Context.Before and Context.After:
//
//	`BERT` (code)            {First: 'B', Last: 'T'}    spaced like the word BERT
//	"**" opening "**BERT**"  {First: 'B', Last: 0}      a space may go before it, never after
//	"**" closing "**BERT**"  {First: 0, Last: 'T'}      a space may go after it, never before
//	"[" of "[BERT](url)"     {First: 'B', Last: 0}
//	"](url)"                 {First: 0, Last: 'T'}
//	<img ...>                {First: Object, Last: Object}
//	"- " (a list marker)     {First: 0, Last: 0}
type Span struct {
	Start, End  int
	First, Last rune
}

// Finding is one problem in a segment.
type Finding struct {
	// Kind is Spacing or Punctuation.
	Kind Kind
	// Start and End delimit the offending text, as byte offsets into the
	// segment.
	Start, End int
	// Message says what to write instead, such as
	// `add a space between "用" and "BERT"`.
	Message string
	// Edits fix the finding. They never overlap the edits of another
	// finding of the same Check call.
	Edits []Edit
}

// Edit replaces the bytes [Start, End) of the segment with New. Start == End
// inserts.
type Edit struct {
	Start, End int
	New        string
}

// Check reports the findings of the given kinds in text, ordered by Start.
// It returns nil when there is nothing to report.
func Check(text string, ctx Context, opt Options, kinds Kind) []Finding {
	return check(text, ctx, opt, kinds, windowUnits)
}

// check is Check with lines of window units or more checked in windows
// (see scanner.flushWindow); the tests make windows of a few units.
func check(text string, ctx Context, opt Options, kinds Kind, window int) []Finding {
	if kinds&AllKinds == 0 {
		return nil
	}
	if quiet(text, ctx) {
		return nil
	}
	s := getScanner(text, &ctx, opt, kinds)
	s.window = window
	s.run()
	out := s.findings
	s.findings = nil
	putScanner(s)
	sortFindings(out)
	return out
}

// Checker checks many segments one after another, reusing its memory: the
// findings a Check returns are valid until the next Check on the same
// Checker. A caller that turns each finding into its own record right away
// (the notes linter checks tens of thousands of segments per file) avoids a
// findings slice and an edits slice per segment. The zero Checker is ready
// to use; it is not safe for concurrent use.
type Checker struct {
	findings []Finding
	edits    []Edit
	intern   *messages
}

// Check is the package's Check, with results valid until the next call.
func (c *Checker) Check(text string, ctx Context, opt Options, kinds Kind) []Finding {
	if kinds&AllKinds == 0 || quiet(text, ctx) {
		return nil
	}
	s := getScanner(text, &ctx, opt, kinds)
	s.findings, s.edits = c.findings[:0], c.edits[:0]
	if c.intern == nil {
		c.intern = &messages{}
	}
	s.intern = c.intern
	s.run()
	c.findings, c.edits = s.findings, s.edits
	s.findings, s.edits = nil, nil
	putScanner(s)
	sortFindings(c.findings)
	if cap(c.findings) > 1<<16 {
		// One huge segment must not pin its findings' memory for the rest
		// of the run: the returned slice stays valid, the next call starts
		// afresh.
		out := c.findings
		c.findings, c.edits = nil, nil
		return out
	}
	return c.findings
}

// CheckEach is Check handing each finding to emit as soon as it is found,
// instead of collecting them: a caller that turns findings into records of
// its own (the notes linter) then writes each finding once, not into a list
// first, which for one huge line of mixed text is most of the work. The
// finding and its Edits are valid only during the call. Findings come in
// the order the checks make them, not sorted: per line (per window of a
// huge line), the punctuation check's (bracket pairs first) before the
// spacing check's, each in increasing order otherwise. Sorting them stably
// by Start, then End, gives Check's order.
func (c *Checker) CheckEach(text string, ctx Context, opt Options, kinds Kind, emit func(*Finding)) {
	if kinds&AllKinds == 0 || quiet(text, ctx) {
		return
	}
	s := getScanner(text, &ctx, opt, kinds)
	if c.intern == nil {
		c.intern = &messages{}
	}
	s.intern = c.intern
	s.emit = emit
	s.run()
	s.emit = nil
	putScanner(s)
}

// sortFindings orders findings by Start, then End, keeping the order of
// equal ones.
func sortFindings(out []Finding) {
	if len(out) > 1 {
		slices.SortStableFunc(out, func(a, b Finding) int {
			if c := cmp.Compare(a.Start, b.Start); c != 0 {
				return c
			}
			return cmp.Compare(a.End, b.End)
		})
	}
}

// quiet reports text that cannot have findings: pure ASCII with no CJK or
// full-width neighbour, which is most English prose.
func quiet(text string, ctx Context) bool {
	if ctx.Before >= 0x80 || ctx.After >= 0x80 {
		return false
	}
	for i := 0; i < len(text); i++ {
		if text[i] >= 0x80 {
			return false
		}
	}
	return true
}

// Edits returns the edits of all findings, sorted by offset. The edits of
// one Check call never overlap.
func Edits(findings []Finding) []Edit {
	var n int
	for _, f := range findings {
		n += len(f.Edits)
	}
	if n == 0 {
		return nil
	}
	out := make([]Edit, 0, n)
	for _, f := range findings {
		out = append(out, f.Edits...)
	}
	slices.SortStableFunc(out, compareEdits)
	return out
}

func compareEdits(a, b Edit) int {
	if c := cmp.Compare(a.Start, b.Start); c != 0 {
		return c
	}
	return cmp.Compare(a.End, b.End)
}

// Apply returns text with the edits applied. Edits may come in any order;
// one that overlaps an earlier one (in Start order) or falls outside text is
// skipped, so Apply never fails.
func Apply(text string, edits []Edit) string {
	out, _ := apply(text, edits, nil)
	return out
}

// apply applies edits and moves the protected spans with the text around
// them; spans are copied, never modified in place.
func apply(text string, edits []Edit, spans []Span) (string, []Span) {
	if len(edits) == 0 {
		return text, spans
	}
	sorted := slices.Clone(edits)
	slices.SortStableFunc(sorted, compareEdits)
	var moved []Span
	if len(spans) > 0 {
		moved = slices.Clone(spans)
	}
	var b strings.Builder
	b.Grow(len(text) + 16)
	last := 0
	delta := 0
	si := 0
	for _, e := range sorted {
		if e.Start < last || e.End < e.Start || e.End > len(text) {
			continue
		}
		// Shift every span that ends before this edit by the delta so far.
		for si < len(moved) && moved[si].End <= e.Start {
			moved[si].Start += delta
			moved[si].End += delta
			si++
		}
		b.WriteString(text[last:e.Start])
		b.WriteString(e.New)
		delta += len(e.New) - (e.End - e.Start)
		last = e.End
	}
	b.WriteString(text[last:])
	for ; si < len(moved); si++ {
		moved[si].Start += delta
		moved[si].End += delta
	}
	return b.String(), moved
}

// Fix applies the edits of every finding of the given kinds and returns the
// fixed text. It checks the result again until nothing is left to fix (a
// few rounds at most), so Fix(Fix(x)) == Fix(x).
func Fix(text string, ctx Context, opt Options, kinds Kind) string {
	for range 8 {
		fs := Check(text, ctx, opt, kinds)
		if len(fs) == 0 {
			return text
		}
		text, ctx.Protected = apply(text, Edits(fs), ctx.Protected)
	}
	return text
}
