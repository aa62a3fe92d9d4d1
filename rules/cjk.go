package rules

import (
	"bytes"
	"fmt"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"github.com/paperlint/papers/cjk"
	"github.com/paperlint/papers/internal/cjkletter"
	"github.com/paperlint/papers/internal/par"
	"github.com/paperlint/papers/lint"
	"github.com/paperlint/papers/notes"
)

// SpacingOptions are the options of cjk-spacing.
type SpacingOptions struct {
	// Style is "always" (one space between CJK and Latin letters or digits,
	// the Chinese copywriting guidelines' convention) or "never".
	Style string `yaml:"style"`
	// Labels also checks link labels and the text of one-line HTML
	// elements (see notes.Document.Labels); on by default.
	Labels bool `yaml:"labels"`
}

// Validate checks the style.
func (o *SpacingOptions) Validate() error {
	switch o.Style {
	case "always", "never":
		return nil
	}
	return fmt.Errorf("style %q: want always or never", o.Style)
}

// PunctuationOptions are the options of cjk-punctuation.
type PunctuationOptions struct {
	// Brackets is "as-written" (ASCII parentheses become full-width only
	// around Chinese content) or "full-width" (every pair in Chinese text).
	Brackets string `yaml:"brackets"`
	// Convert lists the half-width marks that convert, out of ",.:;!?()".
	Convert string `yaml:"convert"`
	// Labels also checks link labels and the text of one-line HTML
	// elements (see notes.Document.Labels); on by default.
	Labels bool `yaml:"labels"`
}

// Validate checks the options.
func (o *PunctuationOptions) Validate() error {
	switch o.Brackets {
	case "as-written", "full-width":
	default:
		return fmt.Errorf("brackets %q: want as-written or full-width", o.Brackets)
	}
	return o.cjk().Validate()
}

func (o *PunctuationOptions) cjk() cjk.Options {
	opt := cjk.Options{Convert: o.Convert}
	if o.Convert == "" {
		opt.Convert = cjk.NoConvert
	}
	if o.Brackets == "full-width" {
		opt.Brackets = cjk.BracketsFullWidth
	}
	return opt
}

// CJKSpacing wants one space between CJK and Latin text and none next to
// full-width punctuation, in notes and section headings.
var CJKSpacing = &lint.Rule{
	ID:         "cjk-spacing",
	Summary:    "spacing between CJK and Latin text: one space between them, none next to full-width punctuation",
	Severity:   lint.Warning,
	Scope:      lint.NotesScope,
	Fixable:    true,
	NewOptions: lint.Defaults(func() *SpacingOptions { return &SpacingOptions{Style: "always", Labels: true} }),
	Requires:   []lint.Analyzer{proseAnalysis},
	Local:      true, // each prose run on its own
	Check:      func(p *lint.Pass) { reportProse(p, cjk.Spacing) },
}

// CJKPunctuation wants full-width punctuation in Chinese text, half-width
// in English text, ASCII digits and letters, and no repeated marks.
var CJKPunctuation = &lint.Rule{
	ID:       "cjk-punctuation",
	Summary:  "punctuation in mixed CJK/Latin text: full-width in Chinese, half-width in English, no repeats",
	Severity: lint.Warning,
	Scope:    lint.NotesScope,
	Fixable:  true,
	NewOptions: lint.Defaults(func() *PunctuationOptions {
		return &PunctuationOptions{Brackets: "as-written", Convert: cjk.DefaultConvert, Labels: true}
	}),
	Requires: []lint.Analyzer{proseAnalysis},
	Local:    true, // each prose run on its own
	Check:    func(p *lint.Pass) { reportProse(p, cjk.Punctuation) },
}

// proseFindings are the findings of the shared CJK analysis, by kind.
type proseFindings struct {
	spacing, punctuation diagChunks
	// labels are the findings in link labels and HTML text (nil for
	// the findings of labels themselves).
	labels *proseFindings
}

// of returns the findings of kind.
func (pf *proseFindings) of(kind cjk.Kind) *diagChunks {
	if kind == cjk.Spacing {
		return &pf.spacing
	}
	return &pf.punctuation
}

// diagChunks is a list of findings kept in blocks that are never moved: a
// notes file can have millions of CJK findings (one 20 MB line of mixed
// text, three million), and a slice grown by append would copy each of
// them several times over. Each is kept compact (lint.CompactFinding, 32
// bytes) unless it cannot be (a fix of several edits: a pair of brackets),
// and then is one of the few Diagnostics of other. The rules hand the
// blocks over as they are (Pass.ReportCompact); the run's merge reads
// each finding once, letting each block go as soon as it is merged.
type diagChunks struct {
	blocks [][]lint.CompactFinding
	other  []lint.Diagnostic
}

// add adds the finding [start, end) with message msg, whose fix is the
// edits fx (message msg), at the end of the list.
func (c *diagChunks) add(start, end int, msg string, fx ...lint.Edit) {
	k := len(c.blocks)
	if k == 0 || len(c.blocks[k-1]) == cap(c.blocks[k-1]) {
		// Blocks double up to 64k findings (2 MB): few blocks for a large
		// file, little waste for a small one.
		size := 16
		if k > 0 {
			size = min(2*cap(c.blocks[k-1]), 1<<16)
		}
		c.blocks = append(c.blocks, make([]lint.CompactFinding, 0, size))
		k++
	}
	b := &c.blocks[k-1]
	*b = (*b)[:len(*b)+1]
	if (*b)[len(*b)-1].SetCompact(start, end, msg, fx...) {
		return
	}
	*b = (*b)[:len(*b)-1]
	d := lint.Diagnostic{Start: start, End: end, Message: msg}
	if len(fx) > 0 {
		d.SetFix(msg, fx...)
	}
	c.other = append(c.other, d)
}

// appendChunks adds the findings of o after those of c, moving o's blocks.
func (c *diagChunks) appendChunks(o *diagChunks) {
	c.blocks = append(c.blocks, o.blocks...)
	c.other = append(c.other, o.other...)
}

// reportTo hands every block of the list over to the pass, in order, and
// then the other findings: each block is read by this one rule (one kind
// of one file), so the pass takes it without copying it. The runner
// sorts and merges the lists.
func (c *diagChunks) reportTo(p *lint.Pass) {
	for _, b := range c.blocks {
		p.ReportCompact(b)
	}
	p.ReportList(c.other)
}

// proseAnalysis is the CJK analysis of a notes file's prose that the two
// CJK rules share: the prose is tokenised once, with the options of the
// CJK rules that run and their kinds, so that spacing advice already knows
// which marks become full-width.
var proseAnalysis = &lint.Analysis[*proseFindings]{
	Name:  "cjk-prose",
	Scope: lint.PerFile,
	Kind:  lint.NotesFile,
	Run:   analyseProse,
}

// reportProse reports the findings of one kind from the shared analysis.
func reportProse(p *lint.Pass, kind cjk.Kind) {
	f := notesOf(p)
	if f == nil {
		return
	}
	pf := proseAnalysis.Of(p, f)
	pf.of(kind).reportTo(p)
	labels := false
	switch o := p.Options.(type) {
	case *SpacingOptions:
		labels = o.Labels
	case *PunctuationOptions:
		labels = o.Labels
	}
	if labels {
		pf.labels.of(kind).reportTo(p)
	}
}

// analyseProse runs the cjk analyser on each prose run of the notes (note
// text and section headings; never titles, tags, code, links, HTML or front
// matter), with the options of the CJK rules that need it.
func analyseProse(p *lint.AnalysisPass) *proseFindings {
	f := p.File
	if f.Notes == nil {
		return &proseFindings{labels: &proseFindings{}}
	}
	var opt cjk.Options
	var kinds cjk.Kind
	for _, r := range p.Rules {
		switch o := r.Options.(type) {
		case *SpacingOptions:
			kinds |= cjk.Spacing
			if o.Style == "never" {
				opt.Spacing = cjk.SpaceNever
			}
		case *PunctuationOptions:
			kinds |= cjk.Punctuation
			po := o.cjk()
			opt.Brackets, opt.Convert = po.Brackets, po.Convert
		}
	}
	if kinds == 0 {
		return &proseFindings{labels: &proseFindings{}}
	}
	// The prose of a large file is analysed in parallel parts, cut at run
	// boundaries; the parts' findings are joined in order.
	runs := f.Notes.Prose
	jobs := max(p.Jobs, 1)
	parts := 1
	if len(f.Src) > 1<<20 {
		parts = jobs
	}
	outs := make([]proseFindings, parts)
	par.Do(parts, 0, func(k int) {
		lo, hi := len(runs)*k/parts, len(runs)*(k+1)/parts
		outs[k] = analyseRuns(f.Src, runs[lo:hi], opt, kinds, jobs)
	})
	// Labels are few and short: one pass, kept apart so that each rule
	// reports them only when its labels option is on.
	var labels proseFindings
	if len(f.Notes.Labels) > 0 {
		labels = analyseRuns(f.Src, f.Notes.Labels, opt, kinds, jobs)
	}
	if parts == 1 {
		outs[0].labels = &labels
		return &outs[0]
	}
	out := &proseFindings{labels: &labels}
	for i := range outs {
		out.spacing.appendChunks(&outs[i].spacing)
		out.punctuation.appendChunks(&outs[i].punctuation)
	}
	return out
}

// analyseRuns checks a slice of prose runs of src. Each finding goes
// straight from the analyser into its block (cjk.Checker.CheckEach): the
// blocks are in the analyser's order, which the runner sorts. A huge run
// (one long line of pasted text) is checked in up to jobs parts at once.
func analyseRuns(src []byte, runs []notes.Span, opt cjk.Options, kinds cjk.Kind, jobs int) proseFindings {
	var (
		out   proseFindings
		check cjk.Checker
	)
	sink := proseSink{out: &out}
	emit := sink.emit // one closure for every run
	lineEnd, lineCJK := -1, false
	for _, run := range runs {
		if run.End <= run.Start || run.End > len(src) {
			continue
		}
		// A view, not a copy: src is never modified during a run.
		text := unsafe.String(&src[run.Start], run.End-run.Start)
		if run.Start >= lineEnd {
			var lineStart int
			lineStart, lineEnd = lineBounds(src, run.Start)
			lineCJK = hasCJK(src[lineStart:lineEnd])
		}
		if !lineCJK && !hasWide(text) {
			continue // an English line with no full-width characters: nothing to find
		}
		ctx := cjk.Context{Before: runeBefore(src, run.Start), After: runeAfter(src, run.End), CJKAround: lineCJK}
		if cuts := cjk.Cuts(text, ctx, jobs); cuts != nil {
			analyseInParts(&out, text, run.Start, ctx, opt, kinds, cuts)
			continue
		}
		sink.base = run.Start
		check.CheckEach(text, ctx, opt, kinds, emit)
	}
	return out
}

// analyseInParts checks text, a run at base cut at cuts, one part per
// goroutine, and adds the findings of the parts that make the run's
// (cjk.Chain) to out. On one 20 MB line of mixed text this halves the
// analysis on two cores.
func analyseInParts(out *proseFindings, text string, base int, ctx cjk.Context, opt cjk.Options, kinds cjk.Kind, cuts []int) {
	parts := make([]proseFindings, len(cuts)+1)
	next := make([]int, len(parts))
	par.Do(len(parts), 0, func(k int) {
		var check cjk.Checker
		sink := proseSink{out: &parts[k], base: base}
		next[k] = check.CheckPart(text, ctx, opt, kinds, cuts, k, sink.emit)
	})
	for _, k := range cjk.Chain(next) {
		out.spacing.appendChunks(&parts[k].spacing)
		out.punctuation.appendChunks(&parts[k].punctuation)
	}
}

// proseSink turns the analyser's findings in a run at base into findings
// of the file, in out.
type proseSink struct {
	out  *proseFindings
	base int
}

func (s *proseSink) emit(fd *cjk.Finding) {
	out := &s.out.punctuation
	if fd.Kind == cjk.Spacing {
		out = &s.out.spacing
	}
	base := s.base
	switch len(fd.Edits) {
	case 0:
		out.add(base+fd.Start, base+fd.End, fd.Message)
	case 1:
		// Most findings: kept inside the compact finding, no allocation.
		e := fd.Edits[0]
		out.add(base+fd.Start, base+fd.End, fd.Message, lint.Edit{Start: base + e.Start, End: base + e.End, New: e.New})
	default:
		edits := make([]lint.Edit, len(fd.Edits))
		for i, e := range fd.Edits {
			edits[i] = lint.Edit{Start: base + e.Start, End: base + e.End, New: e.New}
		}
		out.add(base+fd.Start, base+fd.End, fd.Message, edits...)
	}
}

func lineBounds(src []byte, off int) (int, int) {
	s := bytes.LastIndexByte(src[:off], '\n') + 1
	e := bytes.IndexByte(src[off:], '\n')
	if e < 0 {
		return s, len(src)
	}
	return s, off + e
}

func hasCJK(b []byte) bool {
	for i := 0; i < len(b); {
		if b[i] < 0xE1 { // a CJK letter is U+1100 or above: three bytes or more
			i++
			continue
		}
		r, w := utf8.DecodeRune(b[i:])
		if cjkletter.Is(r) {
			return true
		}
		i += w
	}
	return false
}

// hasWide reports whether s has full-width forms (U+FF00 block) or CJK
// punctuation, which the analyser may turn half-width on English lines.
func hasWide(s string) bool {
	for _, r := range s {
		if r >= 0x3000 && r <= 0x303F || r >= 0xFF00 && r <= 0xFFEF || r == '…' {
			return true
		}
	}
	return false
}

// runeBefore tells the analyser what a reader sees just before a prose
// run: the end of inline code, nothing at a line start or after a list or
// heading marker, and a neutral object after other markup (emphasis, link),
// so that no space is ever inserted inside markup.
func runeBefore(src []byte, off int) rune {
	if off == 0 {
		return 0
	}
	r, w := utf8.DecodeLastRune(src[:off])
	switch r {
	case '\n', '\r', ' ', '\t':
		return 0
	case '`':
		i := off - w
		for i > 0 && src[i-1] == '`' {
			i--
		}
		if i == 0 {
			return cjk.Object
		}
		c, _ := utf8.DecodeLastRune(src[:i])
		return edgeOfCode(c)
	}
	if r < 0x80 && !unicode.IsLetter(r) && !unicode.IsDigit(r) {
		return cjk.Object
	}
	return r
}

// runeAfter is runeBefore's mirror for the end of a run.
func runeAfter(src []byte, off int) rune {
	if off >= len(src) {
		return 0
	}
	r, w := utf8.DecodeRune(src[off:])
	switch r {
	case '\n', '\r', ' ', '\t':
		return 0
	case '`':
		i := off + w
		for i < len(src) && src[i] == '`' {
			i++
		}
		if i >= len(src) {
			return cjk.Object
		}
		c, _ := utf8.DecodeRune(src[i:])
		return edgeOfCode(c)
	}
	if r < 0x80 && !unicode.IsLetter(r) && !unicode.IsDigit(r) {
		return cjk.Object
	}
	return r
}

// edgeOfCode is what an inline code span shows its neighbour: code that
// starts or ends with a letter or digit wants a space next to Chinese text,
// like a Latin word (`围绕 `+"`AVObject`"+` 进行`); code that ends in
// punctuation, such as a call `+"`f(x)`"+`, is left as written.
func edgeOfCode(c rune) rune {
	if unicode.IsLetter(c) || unicode.IsDigit(c) {
		return c
	}
	return cjk.Object
}
