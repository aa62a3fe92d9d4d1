package lint

import (
	"sort"
	"sync"
	"weak"

	"github.com/paperlint/papers/notes"
)

// Reparsed says which part of a notes file an edit parsed again, for a
// File that ReparseFile made from another: the runner of an editor server
// then checks again only that part with the rules that allow it
// (Rule.Local), and keeps their other findings (RunCache).
type Reparsed struct {
	// base is the file this one was made from. It is weak: a long
	// editing session must not keep every version of a file alive, each
	// through the next.
	base weak.Pointer[File]
	// The bytes [Start, OldEnd) of the base file are [Start, NewEnd) of
	// this one; what lies outside was not parsed again, only moved by
	// NewEnd-OldEnd when after it.
	Start, OldEnd, NewEnd int
}

// Base returns the file this one was made from, nil when it is gone.
func (r *Reparsed) Base() *File { return r.base.Value() }

// ReparseFile parses the text of in, an edit of base's text (same path),
// again in part when it can: a notes file only from the entry heading
// before the change to the one after it (notes.Reparse), with
// File.Reparsed saying which part. Other files, and notes files that must
// be read whole, are parsed as ParseFile does.
func ReparseFile(base *File, in Input, env *Env, jobs int) *File {
	if base == nil || base.Kind != NotesFile || base.Notes == nil || KindOf(in.Path) != NotesFile && in.Kind != NotesFile {
		return ParseFile(in, env, jobs, nil)
	}
	start, oldEnd, newEnd := changed(base.Src, in.Src)
	f := &File{Path: in.Path, Src: in.Src, Text: bytesString(in.Src), Kind: NotesFile, Quiet: in.Quiet}
	ok := func() (ok bool) {
		// A parser bug costs the shortcut, not the file: it is parsed
		// whole instead.
		defer func() {
			if recover() != nil {
				ok = false
			}
		}()
		doc, ch := notes.Reparse(base.Notes, in.Src, start, oldEnd, newEnd, notesOptions(env, jobs))
		f.Notes = doc
		if !ch.Whole {
			f.Reparsed = &Reparsed{base: weak.Make(base), Start: ch.Start, OldEnd: ch.OldEnd, NewEnd: ch.NewEnd}
		}
		return true
	}()
	if !ok {
		return ParseFile(in, env, jobs, nil)
	}
	return f
}

// changed returns the part of a that b replaces: a[start:oldEnd] became
// b[start:newEnd], the rest is the same.
func changed(a, b []byte) (start, oldEnd, newEnd int) {
	n := min(len(a), len(b))
	// Blocks first (compared by the runtime's memequal), then bytes: the
	// files an editor changes a byte of are megabytes long.
	const block = 4096
	for start+block <= n && string(a[start:start+block]) == string(b[start:start+block]) {
		start += block
	}
	for start < n && a[start] == b[start] {
		start++
	}
	k := 0
	for k+block <= n-start && string(a[len(a)-k-block:len(a)-k]) == string(b[len(b)-k-block:len(b)-k]) {
		k += block
	}
	for k < n-start && a[len(a)-1-k] == b[len(b)-1-k] {
		k++
	}
	return start, len(a) - k, len(b) - k
}

// part returns a view of the notes file f holding only the entries, prose,
// comments and problems that start in [from, to): what Local rules check
// again after an edit. Its offsets are f's; it shares f's line index.
func (f *File) part(from, to int) *File {
	d := f.Notes
	sub := &notes.Document{Path: d.Path, Src: d.Src, Sections: d.Sections, Protected: d.Protected, EntryLevel: d.EntryLevel}
	i := sort.Search(len(d.Papers), func(i int) bool { return d.Papers[i].Span.Start >= from })
	for ; i < len(d.Papers) && d.Papers[i].Span.Start < to; i++ {
		sub.Papers = append(sub.Papers, d.Papers[i])
	}
	sub.Prose = spansIn(d.Prose, from, to)
	for _, c := range d.Comments {
		if c.Span.Start >= from && c.Span.Start < to {
			sub.Comments = append(sub.Comments, c)
		}
	}
	for _, pr := range d.Problems {
		if pr.Span.Start >= from && pr.Span.Start < to {
			sub.Problems = append(sub.Problems, pr)
		}
	}
	p := &File{Path: f.Path, Src: f.Src, Text: f.Text, Kind: f.Kind, Notes: sub, Companion: f.Companion, Quiet: f.Quiet}
	p.linesOnce.Do(func() { p.lines = f.Lines() })
	return p
}

// spansIn returns the spans of sps (sorted by start) that start in
// [from, to).
func spansIn(sps []notes.Span, from, to int) []notes.Span {
	i := sort.Search(len(sps), func(i int) bool { return sps[i].Start >= from })
	j := sort.Search(len(sps), func(i int) bool { return sps[i].Start >= to })
	return sps[i:j:j]
}

// RunCache keeps what a runner's run computed, for the next run of the same
// runner to reuse, as an editor server runs after every change: the
// findings of each rule on each file when the rule reads nothing beyond
// the file (its PerFile analyses, its companion), the PerFile analyses,
// and the directives, for every file that did not change (the same *File
// with the same Companion); and, for a notes file parsed again in part
// (File.Reparsed), the findings of Local rules outside that part. Each run
// keeps only what it saw, so a RunCache does not grow over a session.
//
// Runs sharing a RunCache must not overlap, and the runner's rules, config and
// Only must stay as they were.
type RunCache struct {
	mu    sync.Mutex
	files map[*File]*cacheFile
}

// NewRunCache returns an empty RunCache.
func NewRunCache() *RunCache { return &RunCache{files: map[*File]*cacheFile{}} }

// cacheFile is what a run kept of one file.
type cacheFile struct {
	companion *File
	rules     map[*Rule][]Diagnostic
	units     map[*analysisSpec]*unitResult
	dirs      *directives // nil for a file without directives
	dirsRead  bool
}

// take returns the last run's files and empties the memo.
func (m *RunCache) take() map[*File]*cacheFile {
	m.mu.Lock()
	defer m.mu.Unlock()
	fs := m.files
	m.files = map[*File]*cacheFile{}
	return fs
}

// put keeps a run's files.
func (m *RunCache) put(fs map[*File]*cacheFile) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.files = fs
}

// shiftFindings moves the findings of a Local rule on the base of a file
// parsed again in part to the new file: those before the part stay, those
// in it go (the part is checked again), those after it move by delta.
func shiftFindings(ds []Diagnostic, path string, r *Reparsed) []Diagnostic {
	delta := r.NewEnd - r.OldEnd
	out := make([]Diagnostic, 0, len(ds))
	for _, d := range ds {
		switch {
		case d.Start < r.Start:
			out = append(out, d)
		case d.Start >= r.OldEnd:
			d.Start, d.End = d.Start+delta, d.End+delta
			if d.Fix != nil { // an inline fix moves with the finding's start
				fx := *d.Fix
				fx.Edits = make([]Edit, len(d.Fix.Edits))
				for i, e := range d.Fix.Edits {
					fx.Edits[i] = Edit{Start: e.Start + delta, End: e.End + delta, New: e.New}
				}
				d.Fix = &fx
			}
			if old := d.Related(); len(old) > 0 {
				rel := make([]Related, len(old))
				for i, x := range old {
					if x.File == path && x.Start >= r.OldEnd {
						x.Start, x.End = x.Start+delta, x.End+delta
					}
					rel[i] = x
				}
				more := *d.More // shared with the kept finding: copied, not changed
				more.Related = rel
				d.More = &more
			}
			out = append(out, d)
		}
	}
	return out
}

// memoRun is one run's use of the runner's RunCache: what it may reuse, and
// what it keeps for the next run. Without a RunCache it reuses and keeps
// nothing, and the run is what it always was.
type memoRun struct {
	memo *RunCache
	prev map[*File]*cacheFile

	mu   sync.Mutex // next is filled by tasks running at once
	next map[*File]*cacheFile

	// parts are the notes files parsed again in part whose base the last
	// run saw, with their parts; bases what that run kept of the bases.
	parts map[*File]*File
	bases map[*File]*cacheFile
	// fileLocal rules read nothing beyond their file (their analyses are
	// perFile); local ones are also Local, and checked on parts.
	fileLocal, local map[*Rule]bool
	// perFile analyses are PerFile and read PerFile analyses only.
	perFile map[*analysisSpec]bool
	// localNeeds are the analyses Local rules read (built on parts);
	// wholeNeeds those the other rules and analyses read (built on
	// whole files).
	localNeeds, wholeNeed map[*analysisSpec]bool
}

// newMemoRun plans a run's use of the RunCache. absent are the Lookup
// analyses that a run without a resolver does not build: their result is
// the zero value whatever the files, so they count as PerFile, and a rule
// that requires one keeps its findings on an unchanged file as it did
// before it required it. (A run with a resolver builds them; a rule that
// reads a PerRun one is then checked again on every file, while the
// resolver answers each lookup once for the workspace's life. A rule's
// findings kept by a run without a resolver are not reused by one with
// it, which does not count the rule as reading nothing beyond its file.)
func (r *Runner) newMemoRun(enabled []*Rule, specs []*analysisSpec, files []*File, absent map[*analysisSpec]bool) *memoRun {
	mr := &memoRun{memo: r.RunCache}
	if r.RunCache == nil {
		return mr
	}
	mr.prev, mr.next = r.RunCache.take(), map[*File]*cacheFile{}
	mr.perFile = map[*analysisSpec]bool{}
	for s := range absent {
		mr.perFile[s] = true
	}
	for _, s := range specs { // dependencies first
		ok := s.scope == PerFile
		for _, d := range s.requires {
			ok = ok && mr.perFile[d.spec()]
		}
		mr.perFile[s] = ok
	}
	mr.fileLocal, mr.local = map[*Rule]bool{}, map[*Rule]bool{}
	mr.localNeeds, mr.wholeNeed = map[*analysisSpec]bool{}, map[*analysisSpec]bool{}
	var need func(set map[*analysisSpec]bool, as []Analyzer)
	need = func(set map[*analysisSpec]bool, as []Analyzer) {
		for _, a := range as {
			if s := a.spec(); !set[s] && !absent[s] {
				set[s] = true
				need(set, s.requires)
			}
		}
	}
	for _, rule := range enabled {
		ok := rule.Scope != CorpusScope
		for _, a := range rule.Requires {
			ok = ok && mr.perFile[a.spec()]
		}
		mr.fileLocal[rule] = ok
		mr.local[rule] = ok && rule.Local && rule.Scope == NotesScope
		if mr.local[rule] {
			need(mr.localNeeds, rule.Requires)
		} else {
			need(mr.wholeNeed, rule.Requires)
		}
	}
	for _, s := range specs {
		if s.scope != PerFile {
			need(mr.wholeNeed, s.requires)
		}
	}
	mr.parts, mr.bases = map[*File]*File{}, map[*File]*cacheFile{}
	for _, f := range files {
		if f.Reparsed == nil || f.Notes == nil || f.Quiet {
			continue
		}
		if bm := mr.prev[f.Reparsed.Base()]; bm != nil {
			mr.parts[f] = f.part(f.Reparsed.Start, f.Reparsed.NewEnd)
			mr.bases[f] = bm
		}
	}
	return mr
}

// reused returns what the last run kept of f when f did not change.
func (mr *memoRun) reused(f *File) *cacheFile {
	if m := mr.prev[f]; m != nil && m.companion == f.Companion {
		return m
	}
	return nil
}

// unit returns the result of a PerFile analysis on f kept from the last
// run, nil when it must be built.
func (mr *memoRun) unit(s *analysisSpec, f *File) *unitResult {
	if !mr.perFile[s] {
		return nil
	}
	if m := mr.reused(f); m != nil {
		if u := m.units[s]; u != nil {
			mr.keepUnit(s, f, u)
			return u
		}
	}
	return nil
}

// wholeNeeds reports whether an analysis must be built on the whole of f:
// always, unless f did not change or was parsed again in part and only
// rules whose findings are kept or checked on the part read it.
func (mr *memoRun) wholeNeeds(s *analysisSpec, f *File) bool {
	if mr.memo == nil || mr.wholeNeed[s] {
		return true
	}
	return mr.reused(f) == nil && mr.parts[f] == nil
}

// kept returns the findings of rule on f kept from the last run, when f
// did not change and rule reads nothing beyond it.
func (mr *memoRun) kept(rule *Rule, f *File) ([]Diagnostic, bool) {
	if !mr.fileLocal[rule] {
		return nil, false
	}
	if m := mr.reused(f); m != nil {
		ds, ok := m.rules[rule]
		return ds, ok
	}
	return nil, false
}

// partly returns the findings of a Local rule on the base of f, when f was
// parsed again in part: the rule then checks the part only.
func (mr *memoRun) partly(rule *Rule, f *File) ([]Diagnostic, bool) {
	if !mr.local[rule] || mr.parts[f] == nil {
		return nil, false
	}
	ds, ok := mr.bases[f].rules[rule]
	return ds, ok
}

// keeps reports whether the findings of rule are kept for the next run.
func (mr *memoRun) keeps(rule *Rule) bool { return mr.memo != nil && mr.fileLocal[rule] }

// file returns what this run keeps of f; the caller holds mu.
func (mr *memoRun) file(f *File) *cacheFile {
	m := mr.next[f]
	if m == nil {
		m = &cacheFile{companion: f.Companion, rules: map[*Rule][]Diagnostic{}, units: map[*analysisSpec]*unitResult{}}
		mr.next[f] = m
	}
	return m
}

// keepFindings keeps the findings of rule on f.
func (mr *memoRun) keepFindings(rule *Rule, f *File, ds []Diagnostic) {
	if !mr.keeps(rule) {
		return
	}
	mr.mu.Lock()
	defer mr.mu.Unlock()
	mr.file(f).rules[rule] = ds
}

// keepUnit keeps the result of a PerFile analysis on f.
func (mr *memoRun) keepUnit(s *analysisSpec, f *File, u *unitResult) {
	if mr.memo == nil || !mr.perFile[s] {
		return
	}
	mr.mu.Lock()
	defer mr.mu.Unlock()
	mr.file(f).units[s] = u
}

// directives returns the directives of f, kept from the last run when f
// did not change.
func (mr *memoRun) directives(f *File, known map[string]bool) *directives {
	if mr.memo == nil {
		return parseDirectives(f, known)
	}
	var d *directives
	if m := mr.reused(f); m != nil && m.dirsRead {
		d = m.dirs
	} else {
		d = parseDirectives(f, known)
	}
	mr.mu.Lock()
	defer mr.mu.Unlock()
	m := mr.file(f)
	m.dirs, m.dirsRead = d, true
	return d
}

// done hands what this run kept to the RunCache.
func (mr *memoRun) done() {
	if mr.memo != nil {
		mr.memo.put(mr.next)
	}
}
