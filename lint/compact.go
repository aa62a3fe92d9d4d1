package lint

import (
	"cmp"
	"math"
	"slices"
	"strings"
)

// CompactFinding is a finding of a rule that reports millions in one file
// (the CJK rules on a dense notes file, three million on one 20 MB line of
// mixed text), kept in 32 bytes instead of a Diagnostic's 88: its span as
// 32-bit offsets, its message, and a fix of one small edit inline (see
// Diagnostic.SetFix). Its rule, severity and file are those of the pass
// that reports it (Pass.ReportCompact), kept once for the whole list. It
// becomes a Diagnostic when it is read: the run's findings then take a
// third of the memory until they are written, a memory the kernel must
// hand over zeroed, and the collector has one pointer in four words to
// follow instead of five in eleven.
type CompactFinding struct {
	msg        string
	start, end uint32
	edit       inlineEdit
}

// SetCompact makes c the finding [start, end) with message msg and the fix
// of edits (none, or one edit whose message is msg), and reports true,
// when it can be kept compact: offsets below 4 GiB and a fix that
// Diagnostic.SetFix keeps inline. Otherwise it leaves c as it was and
// reports false: report the finding as a Diagnostic.
func (c *CompactFinding) SetCompact(start, end int, msg string, edits ...Edit) bool {
	if start < 0 || end > math.MaxUint32 || start > math.MaxUint32 {
		return false
	}
	var e inlineEdit
	switch len(edits) {
	case 0:
	case 1:
		var ok bool
		if e, ok = inlineOf(start, edits[0]); !ok {
			return false
		}
	default:
		return false
	}
	end = max(end, start) // as Pass.complete does
	*c = CompactFinding{msg: msg, start: uint32(start), end: uint32(end), edit: e}
	return true
}

// compactList is a list of compact findings of one rule in one file, with
// what they share.
type compactList struct {
	rule, file string
	severity   Severity
	items      []CompactFinding
}

// diag returns item i as a Diagnostic.
func (c *compactList) diag(i int) Diagnostic { return c.diagOf(&c.items[i]) }

// diagOf returns it, an item of c, as a Diagnostic.
func (c *compactList) diagOf(it *CompactFinding) Diagnostic {
	return Diagnostic{Rule: c.rule, Severity: c.severity, edit: it.edit, File: c.file,
		Start: int(it.start), End: int(it.end), Message: it.msg}
}

// findingList is one sorted list of findings as the runner keeps them:
// Diagnostics, or (c not nil) compact findings of one rule in one file.
type findingList struct {
	ds []Diagnostic
	c  *compactList
}

// diagList is the findingList of ds.
func diagList(ds []Diagnostic) findingList { return findingList{ds: ds} }

// len is the number of findings in l.
func (l findingList) len() int {
	if l.c != nil {
		return len(l.c.items)
	}
	return len(l.ds)
}

// at returns finding i of l: in l's memory for Diagnostics, else made in
// *tmp, which the result then is (valid until tmp is written again).
func (l findingList) at(i int, tmp *Diagnostic) *Diagnostic {
	if l.c != nil {
		*tmp = l.c.diag(i)
		return tmp
	}
	return &l.ds[i]
}

// file returns the file of finding i.
func (l findingList) file(i int) string {
	if l.c != nil {
		return l.c.file
	}
	return l.ds[i].File
}

// slice returns the findings [lo, hi) of l.
func (l findingList) slice(lo, hi int) findingList {
	if l.c != nil {
		c := *l.c
		c.items = c.items[lo:hi]
		return findingList{c: &c}
	}
	return findingList{ds: l.ds[lo:hi]}
}

// appendTo appends the findings of l to out, as Diagnostics.
func (l findingList) appendTo(out []Diagnostic) []Diagnostic {
	if l.c == nil {
		return append(out, l.ds...)
	}
	out = slices.Grow(out, len(l.c.items))
	for i := range l.c.items {
		out = append(out, l.c.diag(i))
	}
	return out
}

// compareAt compares finding i of l with d as compareDiag does, without
// making a Diagnostic of a compact finding.
func (l findingList) compareAt(i int, d *Diagnostic) int {
	if l.c == nil {
		return compareDiag(&l.ds[i], d)
	}
	c, it := l.c, &l.c.items[i]
	if x := strings.Compare(c.file, d.File); x != 0 {
		return x
	}
	if x := cmp.Compare(int(it.start), d.Start); x != 0 {
		return x
	}
	if x := strings.Compare(c.rule, d.Rule); x != 0 {
		return x
	}
	if x := cmp.Compare(int(it.end), d.End); x != 0 {
		return x
	}
	return strings.Compare(it.msg, d.Message)
}

// appendRange appends the findings [lo, hi) of l to out, as Diagnostics.
func (l findingList) appendRange(out []Diagnostic, lo, hi int) []Diagnostic {
	if l.c == nil {
		return append(out, l.ds[lo:hi]...)
	}
	for i := lo; i < hi; i++ {
		out = append(out, l.c.diagOf(&l.c.items[i]))
	}
	return out
}

// diags returns the findings of l as Diagnostics: l's own for a list of
// them, else a new list.
func (l findingList) diags() []Diagnostic {
	if l.c == nil {
		return l.ds
	}
	return l.appendTo(nil)
}

// sort sorts l in place by SortDiagnostics' order.
func (l findingList) sort() {
	if l.c == nil {
		SortDiagnostics(l.ds)
		return
	}
	// One rule, one file: the order is by start, end and message. The
	// messages are compared only between findings of one span (cmp.Or
	// would compare them for every pair: most of the check that the 20 MB
	// line's 2.36 million findings are in order, which they are).
	cmpItems := func(a, b CompactFinding) int {
		if a.start != b.start {
			return cmp.Compare(a.start, b.start)
		}
		if a.end != b.end {
			return cmp.Compare(a.end, b.end)
		}
		return strings.Compare(a.msg, b.msg)
	}
	if !slices.IsSortedFunc(l.c.items, cmpItems) {
		slices.SortStableFunc(l.c.items, cmpItems)
	}
}

// dropWhere returns l without the findings drop reports, as the
// function dropWhere does: l itself when nothing is dropped.
func (l findingList) dropWhere(drop func(d *Diagnostic) bool) findingList {
	if l.c == nil {
		return findingList{ds: dropWhere(l.ds, drop)}
	}
	var tmp Diagnostic
	kept := dropWhere(l.c.items, func(it *CompactFinding) bool {
		tmp = l.c.diagOf(it)
		return drop(&tmp)
	})
	if len(kept) == len(l.c.items) {
		return l
	}
	c := *l.c
	c.items = kept
	return findingList{c: &c}
}

// fixOf is a finding with a fix, as a round of Fix applies it: a
// Diagnostic, or a compact finding of a list.
type fixOf struct {
	d *Diagnostic
	c *CompactFinding
}

// firstEdit returns where the fix's first edit starts, -1 for none.
func (f fixOf) firstEdit() int {
	if f.c != nil {
		return int(f.c.start) + int(f.c.edit.off)
	}
	return f.d.firstFixEdit()
}

// edits returns the fix's edits (see Diagnostic.FixEdits).
func (f fixOf) edits(buf []Edit) []Edit {
	if f.c != nil {
		d := Diagnostic{Start: int(f.c.start), edit: f.c.edit}
		return d.FixEdits(buf)
	}
	return f.d.FixEdits(buf)
}
