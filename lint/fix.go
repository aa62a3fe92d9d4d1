package lint

import (
	"sort"
)

// MaxFixRounds bounds the fix loop: fixes of one round may make new findings
// (or fixes that overlapped may now apply), so the runner lints again after
// each round until nothing changes.
const MaxFixRounds = 10

// FixResult is the outcome of a fix run.
type FixResult struct {
	// Result holds the findings that remain after the last round.
	*Result
	// Fixed maps each changed file's path to its new content.
	Fixed map[string][]byte
	// Applied counts the fixes applied per file.
	Applied map[string]int
	// Rounds is how many rounds applied at least one fix.
	Rounds int
}

// Fix lints the workspace, applies every safe fix, and repeats until no fix
// applies or MaxFixRounds is reached. Quiet files (companions read for
// reference) are never changed. The workspace is updated with the fixed
// texts; nothing is written to disk: the caller decides.
func (r *Runner) Fix(ws Workspace) *FixResult {
	fr := &FixResult{Fixed: map[string][]byte{}, Applied: map[string]int{}}
	// The rounds read the rules' sorted lists as they merge; only the
	// findings that remain after the last round become one list (a dense
	// list's first round has a million findings).
	//
	// The first round runs only the rules that can fix: the others' findings
	// would be thrown away when a fix changes the text, which it does on
	// any list that has something to fix. When nothing is fixed, the other
	// rules run on the same texts and their findings join the first
	// round's: a rule's findings all come from one of the two runs, so the
	// merge orders them as one run would.
	first, rest := r.fixRounds(ws)
	files, lists := first.run(ws, nil)
	for round := 0; round < MaxFixRounds; round++ {
		changed := applyRound(files, lists, fr, r.jobs())
		if len(changed) == 0 {
			if round == 0 && rest != nil {
				_, more := rest.run(ws, nil)
				lists = append(lists, more...)
			}
			break
		}
		fr.Rounds++
		// The round's findings and the changed files' old parses are
		// not read again, so the collector may free them during the next
		// parse (files and lists are dead until reassigned; the
		// workspace lets its old parses go first): on a large list they
		// are hundreds of megabytes.
		if err := update(ws, changed, fr.Fixed); err != nil {
			// The workspace gave the paths: it cannot lose them.
			panic(err)
		}
		files, lists = r.run(ws, nil)
	}
	fr.Result = &Result{Files: files, Diagnostics: mergeSorted(lists)}
	return fr
}

// fixRounds returns the runner of Fix's first round, and the one that
// completes it when that round fixes nothing (nil when first is r). The
// first runs the rules that can fix: Fixable ones and, when papers are
// looked up, those that read a lookup (bib-mismatch's fix replaces a
// preprint by the published version it found). An editor's runner
// (RunCache) keeps whole runs: it is not split.
func (r *Runner) fixRounds(ws Workspace) (first, rest *Runner) {
	if r.RunCache != nil || r.part != nil {
		return r, nil
	}
	lookups := ws.Env().Resolver != nil
	fixes := func(rule *Rule) bool { return rule.Fixable || lookups && readsLookup(rule) }
	f, o := *r, *r
	f.part = fixes
	o.part = func(rule *Rule) bool { return !fixes(rule) }
	o.noDirectives = true
	return &f, &o
}

// readsLookup reports whether rule requires, directly or not, an analysis
// that looks papers up.
func readsLookup(rule *Rule) bool {
	seen := map[*analysisSpec]bool{}
	var visit func(as []Analyzer) bool
	visit = func(as []Analyzer) bool {
		for _, a := range as {
			s := a.spec()
			if seen[s] {
				continue
			}
			seen[s] = true
			if s.lookup || visit(s.requires) {
				return true
			}
		}
		return false
	}
	return visit(rule.Requires)
}

// update gives ws the new texts of the changed files, all at once when it
// can take them so.
func update(ws Workspace, changed []string, texts map[string][]byte) error {
	if u, ok := ws.(UpdaterOfMany); ok {
		these := make(map[string][]byte, len(changed))
		for _, path := range changed {
			these[path] = texts[path]
		}
		return u.UpdateAll(these)
	}
	for _, path := range changed {
		if err := ws.Update(path, texts[path]); err != nil {
			return err
		}
	}
	return nil
}

// applyRound applies the fixes of the findings in lists (sorted lists, as
// Runner.run returns them) to the files that are not Quiet, with up to jobs
// goroutines, updating fr, and returns the paths of the files it changed,
// in file order. The findings are visited in their merged order, which
// decides between fixes that start at the same place.
func applyRound(files []*File, lists []findingList, fr *FixResult, jobs int) []string {
	// Pointers, not copies: a dense list has a million fixable findings.
	byFile := map[string][]fixOf{}
	_ = mergeRuns(lists, false, func(l findingList, lo, hi int) error { // never fails
		if c := l.c; c != nil {
			// A run of one rule in one file: its file looked up once, its
			// findings not made Diagnostics to ask for their fixes.
			fs := byFile[c.file]
			for i := lo; i < hi; i++ {
				if c.items[i].edit.set {
					fs = append(fs, fixOf{c: &c.items[i]})
				}
			}
			if len(fs) > 0 {
				byFile[c.file] = fs
			}
			return nil
		}
		for i := lo; i < hi; i++ {
			if d := &l.ds[i]; d.HasFix() {
				byFile[d.File] = append(byFile[d.File], fixOf{d: d})
			}
		}
		return nil
	})
	// Each file's fixes are applied on their own (a notes file and its
	// .bib side by side); byFile is only read from here on.
	type outcome struct {
		src []byte
		n   int
	}
	out := make([]outcome, len(files))
	parallel(len(files), jobs, func(i int) {
		if f := files[i]; !f.Quiet && len(byFile[f.Path]) > 0 {
			out[i].src, out[i].n = applyFixes(f, byFile[f.Path])
		}
	})
	var changed []string
	for i, f := range files {
		if out[i].n == 0 {
			continue
		}
		fr.Fixed[f.Path] = out[i].src
		fr.Applied[f.Path] += out[i].n
		changed = append(changed, f.Path)
	}
	return changed
}

// ApplyFixes applies the fixes of ds to f's source and returns the new
// source and how many fixes were applied. A fix is applied whole or not at
// all; it is skipped when one of its edits is out of range, touches a
// protected span (code, URLs, HTML, math, front matter), or overlaps an edit
// already taken this round (the next round gets another chance).
func ApplyFixes(f *File, ds []Diagnostic) ([]byte, int) {
	ps := make([]fixOf, len(ds))
	for i := range ds {
		ps[i] = fixOf{d: &ds[i]}
	}
	return applyFixes(f, ps)
}

// applyFixes is ApplyFixes on references to the findings, which it orders
// by their first edit.
func applyFixes(f *File, ds []fixOf) ([]byte, int) {
	sort.SliceStable(ds, func(i, j int) bool { return ds[i].firstEdit() < ds[j].firstEdit() })
	// Most fixes are one edit: the taken edits are sized for that, not
	// grown by doubling (a dense list takes a million in one round).
	taken := edits{list: make([]Edit, 0, len(ds))}
	var buf []Edit
	applied := 0
	for _, d := range ds {
		es := d.edits(buf)
		if len(es) == 0 || !fixFits(f, es, &taken) {
			continue
		}
		for _, e := range es {
			taken.add(e)
		}
		applied++
	}
	if applied == 0 {
		return f.Src, 0
	}
	return applySorted(f.Src, taken.list), applied
}

// edits are the edits taken in a round, sorted by Start and not
// overlapping, so that a new edit is checked against its neighbours only:
// a large list takes a hundred thousand fixes in one round.
type edits struct{ list []Edit }

// near returns the taken edits that could overlap e.
func (t *edits) near(e Edit) []Edit {
	i := sort.Search(len(t.list), func(k int) bool { return t.list[k].Start > e.End })
	j := i
	// Starts and ends both increase along the list, so the overlapping
	// ones are a run just before i.
	for j > 0 && t.list[j-1].End >= e.Start {
		j--
	}
	return t.list[j:i]
}

func (t *edits) add(e Edit) {
	i := sort.Search(len(t.list), func(k int) bool {
		a := t.list[k]
		return a.Start > e.Start || a.Start == e.Start && a.End > e.End
	})
	t.list = append(t.list, Edit{})
	copy(t.list[i+1:], t.list[i:])
	t.list[i] = e
}

func firstEdit(fx *Fix) int {
	if fx == nil || len(fx.Edits) == 0 {
		return -1
	}
	m := fx.Edits[0].Start
	for _, e := range fx.Edits[1:] {
		m = min(m, e.Start)
	}
	return m
}

func fixFits(f *File, es []Edit, taken *edits) bool {
	for i, e := range es {
		if e.Start < 0 || e.End > len(f.Src) || e.Start > e.End {
			return false
		}
		if f.Protected(e.Start, e.End) {
			return false
		}
		for _, o := range es[:i] {
			if overlaps(e, o) {
				return false
			}
		}
		for _, t := range taken.near(e) {
			if overlaps(e, t) {
				return false
			}
		}
	}
	return true
}

// overlaps reports whether two edits conflict. Two insertions at the same
// offset conflict (their order would be arbitrary), and so does an insertion
// at the start or inside of a replaced range.
func overlaps(a, b Edit) bool {
	ai, bi := a.Start == a.End, b.Start == b.End
	switch {
	case ai && bi:
		return a.Start == b.Start
	case ai:
		return b.Start <= a.Start && a.Start < b.End
	case bi:
		return a.Start <= b.Start && b.Start < a.End
	}
	return a.Start < b.End && b.Start < a.End
}

// ApplyEdits applies non-overlapping edits to src.
func ApplyEdits(src []byte, edits []Edit) []byte {
	es := append([]Edit(nil), edits...)
	sort.Slice(es, func(i, j int) bool {
		if es[i].Start != es[j].Start {
			return es[i].Start < es[j].Start
		}
		return es[i].End < es[j].End
	})
	return applySorted(src, es)
}

// applySorted is ApplyEdits for edits already in its order, by start and
// then end, as a round's taken edits are: a dense list's round takes a
// million, and copying them (Edits hold strings: a typed copy) to sort
// them again cost 0.23 s of CPU on the 100k list.
func applySorted(src []byte, es []Edit) []byte {
	grow := 0
	for _, e := range es {
		grow += len(e.New) - (e.End - e.Start)
	}
	out := make([]byte, 0, len(src)+max(grow, 0))
	last := 0
	for _, e := range es {
		out = append(out, src[last:e.Start]...)
		out = append(out, e.New...)
		last = e.End
	}
	return append(out, src[last:]...)
}
