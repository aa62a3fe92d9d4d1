package custom

import (
	"strings"

	"github.com/paperlint/papers/notes"
)

// Finding is one finding of a rule, in the file whose Items it was found
// in: a byte range, a message and, for fixable kinds, a fix (package lint
// makes a lint.Diagnostic of it).
type Finding struct {
	Start, End int
	Message    string
	// Edits, applied together, repair the finding; nil when it has no
	// fix, or when an edit would touch text no fix may change (code, URLs,
	// math, HTML). FixMessage says what they do.
	Edits      []Edit
	FixMessage string
}

// Edit replaces the bytes [Start, End) with New.
type Edit struct {
	Start, End int
	New        string
}

// Check runs the rule over docs, the items of one file (or, for a PerRun
// rule, of every file of the run the rule applies to), and reports each
// finding with the index of its file in docs.
func (r *Rule) Check(docs []*Items, report func(doc int, f Finding)) {
	if r.Kind == Consistency {
		r.checkConsistency(docs, report)
		return
	}
	for i, it := range docs {
		emit := func(f Finding) { report(i, f) }
		switch r.Kind {
		case Existence:
			r.checkExistence(it, emit)
		case Substitution:
			r.checkSubstitution(it, emit)
		case Occurrence:
			r.checkOccurrence(it, emit)
		case Conditional:
			r.checkConditional(it, emit)
		case Capitalization:
			r.checkCapitalization(it, emit)
		}
	}
}

// eachMatch calls fn with each match of m in the rule's items of it that
// belong to a unit the rule applies to, in file order, with the unit's
// index and the part of m that matched.
func (r *Rule) eachMatch(it *Items, m *matcher, fn func(ui, part, s, e int)) {
	items := it.byScope[r.scope]
	f := r.when.filter(it)
	var keep func(k int) bool
	if !r.when.empty() {
		keep = func(k int) bool { return f.ok(&it.units[items[k].unit]) }
	}
	m.run(it, items, keep, func(k, part, s, e int) {
		if keep == nil || keep(k) {
			fn(items[k].unit, part, s, e)
		}
	})
}

func (r *Rule) checkExistence(it *Items, emit func(Finding)) {
	r.eachMatch(it, r.m, func(ui, _, s, e int) {
		emit(Finding{Start: s, End: e, Message: r.msg.render(it, &it.units[ui], Data{Match: it.text[s:e]})})
	})
}

func (r *Rule) checkSubstitution(it *Items, emit func(Finding)) {
	r.eachMatch(it, r.swaps.m, func(ui, i, s, e int) {
		m := it.text[s:e]
		re := r.swaps.anchored[i]
		repl := string(re.ExpandString(nil, r.spec.Swap[i].Replacement, m, re.FindStringSubmatchIndex(m)))
		if repl == m {
			return
		}
		emit(it.finding(r, &it.units[ui], s, e, m, repl))
	})
}

// finding is a finding at [s, e) whose fix writes repl there.
func (it *Items) finding(r *Rule, u *unit, s, e int, match, repl string) Finding {
	f := Finding{Start: s, End: e, Message: r.msg.render(it, u, Data{Match: match, Replacement: repl})}
	if !it.protected(s, e) {
		f.Edits, f.FixMessage = []Edit{{Start: s, End: e, New: repl}}, "write "+repl
	}
	return f
}

// protected reports whether [s, e) touches text no fix may change.
func (it *Items) protected(s, e int) bool {
	return it.notes != nil && it.notes.IsProtected(notes.Span{Start: s, End: e})
}

// applies reports whether u is a unit of the rule's scope: a section
// heading for section, a .bib entry for a .bib field, a paper otherwise.
func (r *Rule) applies(u *unit) bool {
	switch {
	case r.scope == ScopeSection:
		return u.section != nil
	case r.Bib:
		return u.entry != nil
	}
	return u.paper != nil
}

func (r *Rule) checkOccurrence(it *Items, emit func(Finding)) {
	items := it.byScope[r.scope]
	counts := make([]int, len(it.units))
	if r.m == nil {
		for _, x := range items {
			counts[x.unit]++
		}
	} else {
		// The when filter is applied to the counts below.
		r.m.run(it, items, nil, func(k, _, _, _ int) { counts[items[k].unit]++ })
	}
	f := r.when.filter(it)
	for i := range it.units {
		u := &it.units[i]
		n := counts[i]
		if !r.applies(u) || (r.min < 0 || n >= r.min) && (r.max < 0 || n <= r.max) || !f.ok(u) {
			continue
		}
		s, e := u.anchor[0], u.anchor[1]
		emit(Finding{Start: s, End: e, Message: r.msg.render(it, u, Data{Match: it.text[s:e], Count: n})})
	}
}

func (r *Rule) checkConditional(it *Items, emit func(Finding)) {
	// The first match of first in each unit, in file order.
	type hit struct{ unit, s, e int }
	var hits []hit
	r.eachMatch(it, r.first, func(ui, _, s, e int) {
		if len(hits) == 0 || hits[len(hits)-1].unit != ui {
			hits = append(hits, hit{ui, s, e})
		}
	})
	if len(hits) == 0 {
		return
	}
	has := make([]bool, len(it.units))
	items := it.byScope[r.scope]
	r.second.run(it, items, nil, func(k, _, _, _ int) { has[items[k].unit] = true })
	for _, h := range hits {
		if !has[h.unit] {
			emit(Finding{Start: h.s, End: h.e, Message: r.msg.render(it, &it.units[h.unit], Data{Match: it.text[h.s:h.e]})})
		}
	}
}

func (r *Rule) checkCapitalization(it *Items, emit func(Finding)) {
	items := it.byScope[r.scope]
	f := r.when.filter(it)
	c := r.casing
	var ws []word
	for _, x := range items {
		u := &it.units[x.unit]
		if !f.ok(u) {
			continue
		}
		text := it.text[x.start:x.end]
		if c.pattern != nil {
			if !c.pattern.MatchString(text) {
				emit(Finding{Start: x.start, End: x.end, Message: r.msg.render(it, u, Data{Match: text})})
			}
			continue
		}
		var edits []Edit
		ws = appendWords(ws, it.text, x.start, x.end)
		for _, w := range ws {
			got := it.text[w.start:w.end]
			want, ok := c.want(got, w)
			if !ok || want == got || it.protected(w.start, w.end) {
				continue
			}
			edits = append(edits, Edit{Start: w.start, End: w.end, New: want})
		}
		if len(edits) == 0 {
			continue
		}
		fixed := applyEdits(it.text, x.start, x.end, edits)
		emit(Finding{Start: x.start, End: x.end, Message: r.msg.render(it, u, Data{Match: text, Replacement: fixed}),
			Edits: edits, FixMessage: "write " + fixed})
	}
}

// applyEdits returns text[start:end] with edits (sorted, inside it)
// applied.
func applyEdits(text string, start, end int, edits []Edit) string {
	var b strings.Builder
	at := start
	for _, e := range edits {
		b.WriteString(text[at:e.Start])
		b.WriteString(e.New)
		at = e.End
	}
	b.WriteString(text[at:end])
	return b.String()
}
