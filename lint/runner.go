package lint

import (
	"cmp"
	"context"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync/atomic"
	"unsafe"

	"github.com/paperlint/papers/internal/par"
)

// Runner runs a set of rules under one configuration over a workspace.
type Runner struct {
	// Rules are the rules of the run, built-in and custom.
	Rules    []*Rule
	Config   *Config
	settings map[string]Settings
	known    map[string]bool
	// Jobs is the worker budget: how many rules and analyses run at once,
	// passed down to their own parallel parts; 0 means one per CPU.
	Jobs int
	// Only, when not empty, restricts the run to these rule ids.
	Only map[string]bool
	// RunCache, when not nil, lets a run reuse what the last run of this
	// runner computed for what did not change (an editor server's runs);
	// nil computes everything, as papers lint does.
	RunCache *RunCache
	// part, when not nil, restricts a run to the enabled rules it keeps
	// (Fix's rounds); noDirectives leaves the directives' own findings
	// out (a run that completes another one, which had them).
	part         func(rule *Rule) bool
	noDirectives bool
}

// NewRunner resolves the config against the rules (unknown rule ids and bad
// options are errors) and adds the config's custom rules.
func NewRunner(rules []*Rule, cfg *Config) (*Runner, error) {
	if cfg == nil {
		cfg = DefaultConfig()
	}
	return cfg.runner(rules)
}

// Check reports what NewRunner would find wrong in the config with these
// rules: commands that run no rule (papers bib) still reject a config that
// papers lint rejects.
func (cfg *Config) Check(rules []*Rule) error {
	_, err := cfg.runner(rules)
	return err
}

func (cfg *Config) runner(rules []*Rule) (*Runner, error) {
	custom, err := CustomRules(cfg)
	if err != nil {
		return nil, err
	}
	all := append(append([]*Rule(nil), rules...), custom...)
	seen := map[string]bool{}
	for _, r := range all {
		if seen[r.ID] {
			where := cfg.Path
			if r.Source != "" {
				where = r.Source
			}
			return nil, fmt.Errorf("%s: rule id %q is used twice", where, r.ID)
		}
		seen[r.ID] = true
	}
	if _, err := analysesOf(all); err != nil {
		return nil, err
	}
	settings, err := cfg.Resolve(all)
	if err != nil {
		return nil, err
	}
	return &Runner{Rules: all, Config: cfg, settings: settings, known: seen}, nil
}

// Settings returns a rule's effective settings in this run.
func (r *Runner) Settings(id string) Settings { return r.settings[id] }

// KnownRule reports whether id names a rule of the run.
func (r *Runner) KnownRule(id string) bool { return r.known[id] }

// Result is the outcome of a run.
type Result struct {
	Files       []*File
	Diagnostics []Diagnostic
}

// jobs is the worker budget; runtime.GOMAXPROCS is the default.
func (r *Runner) jobs() int {
	if r.Jobs > 0 {
		return r.Jobs
	}
	return runtime.GOMAXPROCS(0)
}

// parallel runs fn(i) for i in [0, n) on at most jobs goroutines; a panic
// comes back to the caller's goroutine (see internal/par).
func parallel(n, jobs int, fn func(i int)) { par.Do(n, jobs, fn) }

// Run runs every enabled rule on the workspace's files. Each analysis that
// an enabled rule needs is built once per unit (file, companion .bib or
// run), each (rule, file) pair and each corpus rule is a task, and all of
// them go to one worker pool that starts a task as soon as the analyses it
// needs are done: a single large file still uses every core, and no
// goroutine waits for another. With a RunCache, what the last run computed for
// files that did not change is reused (see RunCache).
func (r *Runner) Run(ws Workspace) *Result {
	files, lists := r.run(ws, nil)
	return &Result{Files: files, Diagnostics: mergeSorted(lists)}
}

// RunFindings is Run with the findings left in the rules' sorted lists,
// merged as they are read (see Findings): what a command that only writes
// the findings out needs, without one more list of them all.
func (r *Runner) RunFindings(ws Workspace) *Findings {
	files, lists := r.run(ws, nil)
	return findingsOf(files, lists)
}

// run is Run up to the merge: the files and their findings' sorted lists.
// With a stream, the findings go to it as the tasks end, and run returns
// no list.
func (r *Runner) run(ws Workspace, st *stream) ([]*File, []findingList) {
	env := ws.Env()
	files := ws.Files()
	enabled := make([]*Rule, 0, len(r.Rules))
	for _, rule := range r.Rules {
		if r.enabled(rule) && (r.part == nil || r.part(rule)) {
			enabled = append(enabled, rule)
		}
	}
	specs, err := analysesOf(enabled)
	if err != nil {
		// NewRunner checked every rule; Only cannot make a cycle.
		panic(err)
	}
	// An analysis that only looks papers up is not built in a run without
	// a resolver: its readers get its zero value (runResults.get), and
	// the RunCache takes it for the constant it then is.
	var absent map[*analysisSpec]bool
	if env.Resolver == nil {
		specs, absent = withoutLookups(specs)
	}
	ctx := env.Context
	if ctx == nil {
		ctx = context.Background()
	}
	res := &runResults{of: make(map[*analysisSpec]*analysisResults, len(specs)), companion: map[*File]*File{}}
	users := map[*File][]*File{}
	for _, f := range files {
		if f.Kind == NotesFile && f.Notes != nil && f.Companion != nil {
			res.companion[f] = f.Companion
			users[f.Companion] = append(users[f.Companion], f)
		}
	}
	needers := rulesNeeding(enabled, r)
	mr := r.newMemoRun(enabled, specs, files, absent)

	// Tasks: the analyses' units, dependencies first, then the rules'
	// tasks. group[i] is the group of the unit a task builds; waits[i]
	// the groups of the units it reads. In a run without a RunCache each
	// unit is a group of its own, and a task over one file waits for the
	// units of that file and of the files linked to it (its companion, or
	// the notes a .bib is the companion of), which is all it may read
	// (runResults.get checks it): a file's rules start when its analyses
	// are done, not when every file's are, so the first files are done,
	// and their findings written, while the next ones are checked. An
	// editor's RunCache keeps or rebuilds units across runs (parts of a
	// file parsed again): there each analysis is one group.
	unitDeps := r.RunCache == nil
	type specGroups struct {
		all    []int
		byFile map[*File]int
	}
	groupsOf := make(map[*analysisSpec]*specGroups, len(specs))
	var groupUnits []*unitResult // with unitDeps, the unit of each group
	nGroups := 0
	linked := map[*File][]*File{}
	for _, f := range files {
		if f.Kind == NotesFile && f.Companion != nil {
			linked[f.Companion] = append(linked[f.Companion], f)
		}
	}
	near := func(f *File) []*File {
		out := append([]*File{f}, linked[f]...)
		if f.Kind == NotesFile && f.Companion != nil {
			out = append(out, f.Companion)
		}
		return out
	}
	// rank orders the files by path, the order their findings are
	// written in: the tasks of a file are handed out before those of the
	// files after it.
	rank := make(map[*File]int, len(files))
	byPath := slices.Clone(files)
	slices.SortStableFunc(byPath, func(a, b *File) int { return strings.Compare(a.Path, b.Path) })
	for i, f := range byPath {
		rank[f] = i
	}
	var (
		group []int
		waits [][]int
		run   []func() []findingList
		// urgent marks the tasks over every file (a PerRun analysis,
		// a corpus rule): each is one long task no other goroutine can
		// share, so it goes before the per-file tasks that can run, which
		// then fill the other goroutines. Handed out last, a corpus rule
		// ran alone at the end: 0.6 s of bib-duplicate-entry on 50 lists.
		urgent []bool
		// fileOf is the file a task works on (nil: every file), for
		// its rank, and for a stream to know where a rule may report.
		fileOf []*File
	)
	waitFor := func(requires []Analyzer, f *File) []int {
		var ws []int
		for _, a := range requires {
			sg, ok := groupsOf[a.spec()]
			if !ok {
				continue // an absent Lookup analysis
			}
			if !unitDeps || f == nil || a.spec().scope == PerRun {
				ws = append(ws, sg.all...)
				continue
			}
			for _, nf := range near(f) {
				if g, ok := sg.byFile[nf]; ok {
					ws = append(ws, g)
				}
			}
		}
		return ws
	}
	view := func(reader string, requires []Analyzer, f *File) *runResults {
		v := res.view(reader, requires)
		if unitDeps {
			v.file = f
		}
		return v
	}
	for _, s := range specs {
		sg := &specGroups{byFile: map[*File]int{}}
		groupsOf[s] = sg
		if !unitDeps {
			sg.all = []int{nGroups}
			nGroups++
		}
		ar := &analysisResults{spec: s, byFile: map[*File]*unitResult{}}
		res.of[s] = ar
		base := AnalysisPass{Files: files, Rules: needers[s], Venues: env.Venues, Orgs: env.Orgs, Config: r.Config,
			Jobs: r.jobs(), Year: env.Year, Resolver: env.Resolver, Context: ctx}
		add := func(u *unitResult, p AnalysisPass) {
			g := 0
			if unitDeps {
				g = nGroups
				nGroups++
				sg.all = append(sg.all, g)
				if p.File != nil {
					sg.byFile[p.File] = g
				}
				groupUnits = append(groupUnits, u)
			} else {
				g = sg.all[0]
			}
			p.res = view("analysis "+s.name, s.requires, p.File)
			group = append(group, g)
			urgent = append(urgent, s.scope == PerRun)
			fileOf = append(fileOf, p.File)
			waits = append(waits, waitFor(s.requires, p.File))
			run = append(run, func() []findingList { buildUnit(s, u, &p); return nil })
		}
		switch s.scope {
		case PerRun:
			ar.run = &unitResult{}
			add(ar.run, base)
		case PerCompanion:
			for _, f := range files {
				if us := users[f]; len(us) > 0 {
					u := &unitResult{}
					ar.byFile[f] = u
					p := base
					p.File, p.Users = f, us
					add(u, p)
				}
			}
		default:
			for _, f := range files {
				if (s.kind == 0 || f.Kind == s.kind) && (s.quiet || !f.Quiet) {
					if u := mr.unit(s, f); u != nil {
						ar.byFile[f] = u // kept from the last run: no task
						continue
					}
					if !mr.wholeNeeds(s, f) {
						continue // only Local rules read it: built on the part
					}
					u := &unitResult{}
					ar.byFile[f] = u
					mr.keepUnit(s, f, u)
					p := base
					p.File = f
					add(u, p)
				}
			}
			for f, part := range mr.parts {
				if mr.localNeeds[s] && (s.kind == 0 || f.Kind == s.kind) && (s.quiet || !f.Quiet) {
					u := &unitResult{}
					ar.byFile[part] = u
					p := base
					p.File = part
					add(u, p)
				}
			}
		}
	}
	firstRule := len(run)
	for _, rule := range enabled {
		newPass := func(f *File) *Pass {
			s := r.settings[rule.ID]
			p := &Pass{Rule: rule, Severity: r.severity(rule), Options: s.Options, Venues: env.Venues, Orgs: env.Orgs,
				Config: r.Config, Jobs: r.jobs(), Year: env.Year, res: view("rule "+rule.ID, rule.Requires, f),
				copyLists: r.RunCache != nil}
			if f != nil {
				p.File, p.Files = f, []*File{f}
			} else {
				p.Files = files
			}
			return p
		}
		check := func(f *File) []findingList {
			p := newPass(f)
			runCheck(p)
			return p.findings()
		}
		addRule := func(f *File) {
			group = append(group, -1)
			urgent = append(urgent, f == nil)
			fileOf = append(fileOf, f)
			waits = append(waits, waitFor(rule.Requires, f))
			if f == nil {
				run = append(run, func() []findingList { return check(nil) })
				return
			}
			if ds, ok := mr.kept(rule, f); ok {
				mr.keepFindings(rule, f, ds)
				run = append(run, func() []findingList { return []findingList{diagList(slices.Clone(ds))} })
				return
			}
			if old, ok := mr.partly(rule, f); ok {
				// Checked again in the part parsed again; kept, moved,
				// elsewhere.
				part := mr.parts[f]
				run = append(run, func() []findingList {
					ds := append(shiftFindings(old, f.Path, f.Reparsed), flatten(check(part))...)
					SortDiagnostics(ds)
					mr.keepFindings(rule, f, ds)
					return []findingList{diagList(slices.Clone(ds))}
				})
				return
			}
			run = append(run, func() []findingList {
				ds := check(f)
				if mr.keeps(rule) {
					mr.keepFindings(rule, f, flatten(ds))
				}
				return ds
			})
		}
		switch rule.Scope {
		case CorpusScope:
			addRule(nil)
		case NotesScope, BibScope:
			want := NotesFile
			if rule.Scope == BibScope {
				want = BibFile
			}
			for _, f := range files {
				if f.Kind == want && !f.Quiet {
					addRule(f)
				}
			}
		}
	}
	// What an urgent task waits for is urgent too (the .bib indexes that
	// bib-duplicate-entry reads), transitively: tasks come after those
	// of the analyses they wait for, so one pass from the end sees every
	// task that waits for a group before the group's own tasks.
	urgentGroup := make([]bool, nGroups)
	for i := len(run) - 1; i >= 0; i-- {
		if g := group[i]; g >= 0 && urgentGroup[g] {
			urgent[i] = true
		}
		if urgent[i] {
			for _, g := range waits[i] {
				urgentGroup[g] = true
			}
		}
	}
	priority := make([]int, len(run))
	for i := range run {
		switch {
		case urgent[i]:
			priority[i] = -1
		case fileOf[i] != nil:
			priority[i] = rank[fileOf[i]]
		}
	}
	out := make([][]findingList, len(run))
	release := releaser(groupUnits, waits, unitDeps)
	if st != nil {
		st.start(files, group, fileOf, mr)
	}
	par.DoGraph(len(run), r.jobs(), group, waits, priority, func(i int) {
		o := run[i]()
		release(i)
		if st != nil {
			st.done(i, o)
			return
		}
		out[i] = o
	})
	if st != nil {
		st.finish()
		mr.done()
		return files, nil
	}
	out = out[firstRule:]

	// Directives are read once per file, after the rules, in parallel.
	dirs := make([]*directives, len(files))
	parallel(len(files), r.jobs(), func(i int) { dirs[i] = mr.directives(files[i], r.known) })
	mr.done()
	at := make(map[string]int, len(files))
	for i, f := range files {
		at[f.Path] = i
	}

	// Each list (a file's directive findings, a task's findings) is sorted
	// on its own, most already are, and the lists are merged: cheaper than
	// sorting a hundred thousand findings of 88 bytes at the end of the
	// run, on one core.
	lists := make([]findingList, 0, len(files)+len(out))
	for i, f := range files {
		if dirs[i] != nil && !f.Quiet && !r.noDirectives {
			lists = append(lists, diagList(dirs[i].diags))
		}
	}
	for _, task := range out {
		for _, l := range task {
			if l.len() > 0 {
				lists = append(lists, l)
			}
		}
	}
	out = nil // the lists are all that holds the findings now
	parallel(len(lists), r.jobs(), func(i int) {
		lists[i] = dropSuppressedList(lists[i], files, at, dirs)
		lists[i].sort()
	})
	return files, lists
}

// dropSuppressed returns ds without the findings in Quiet files and those
// a directive suppresses (dropWhere).
func dropSuppressed(ds []Diagnostic, files []*File, at map[string]int, dirs []*directives) []Diagnostic {
	return dropWhere(ds, func(d *Diagnostic) bool {
		i, ok := at[d.File]
		return ok && (files[i].Quiet || dirs[i].suppressed(d.Rule, d.Start))
	})
}

// dropSuppressedList is dropSuppressed for a list of the runner's. The
// findings of a compact list share their rule and file: the file is
// looked up once, and the list kept whole when no directive there turns
// the rule off.
func dropSuppressedList(l findingList, files []*File, at map[string]int, dirs []*directives) findingList {
	if l.c == nil {
		return diagList(dropSuppressed(l.ds, files, at, dirs))
	}
	i, ok := at[l.c.file]
	switch {
	case !ok:
		return l
	case files[i].Quiet:
		return findingList{}
	}
	return dropSuppressedIn(l, dirs[i])
}

// dropWhere returns ds without the findings drop reports (Diagnostics or
// compact findings). A list is copied only when something is dropped:
// most lists lose nothing.
func dropWhere[T any](ds []T, drop func(d *T) bool) []T {
	for k := range ds {
		if !drop(&ds[k]) {
			continue
		}
		kept := make([]T, k, len(ds)-1)
		copy(kept, ds[:k])
		for j := k + 1; j < len(ds); j++ {
			if !drop(&ds[j]) {
				kept = append(kept, ds[j])
			}
		}
		return kept
	}
	return ds
}

// releaser returns what a task calls when it is done: once every task
// that reads a unit of an analysis has run, its result is dropped, so a
// run's memory holds the findings, not every intermediate result until the
// end (the CJK analysis of a dense list holds as many findings as the
// rules copy out of it). units[g] is the unit group g builds. An editor's
// RunCache keeps results for the next run: then nothing is dropped.
func releaser(units []*unitResult, waits [][]int, enabled bool) func(task int) {
	if !enabled {
		return func(int) {}
	}
	readers := make([]atomic.Int32, len(units))
	for _, ws := range waits {
		for _, g := range ws {
			readers[g].Add(1)
		}
	}
	return func(task int) {
		for _, g := range waits[task] {
			if readers[g].Add(-1) == 0 {
				// Only this goroutine touches the unit now: every task
				// that reads it is done, and the task that built it was
				// done before the first reader started.
				units[g].v = nil
			}
		}
	}
}

// withoutLookups returns specs without the Lookup analyses, and those as
// a set.
func withoutLookups(specs []*analysisSpec) (kept []*analysisSpec, absent map[*analysisSpec]bool) {
	kept = specs[:0:0]
	for _, s := range specs {
		if s.lookup {
			if absent == nil {
				absent = map[*analysisSpec]bool{}
			}
			absent[s] = true
			continue
		}
		kept = append(kept, s)
	}
	return kept, absent
}

// rulesNeeding returns, for each analysis, the enabled rules that need it
// directly or through another analysis, in rule order.
func rulesNeeding(enabled []*Rule, r *Runner) map[*analysisSpec][]RuleRun {
	out := map[*analysisSpec][]RuleRun{}
	for _, rule := range enabled {
		rr := RuleRun{Rule: rule, Severity: r.severity(rule), Options: r.settings[rule.ID].Options}
		seen := map[*analysisSpec]bool{}
		var visit func(a Analyzer)
		visit = func(a Analyzer) {
			s := a.spec()
			if seen[s] {
				return
			}
			seen[s] = true
			out[s] = append(out[s], rr)
			for _, d := range s.requires {
				visit(d)
			}
		}
		for _, a := range rule.Requires {
			visit(a)
		}
	}
	return out
}

// buildUnit runs one unit of an analysis, keeping a panic as the unit's
// failure: the rules that read it report an internal error, the others
// run as usual.
func buildUnit(s *analysisSpec, u *unitResult, p *AnalysisPass) {
	defer func() {
		if v := recover(); v != nil {
			u.panic = firstLine(v)
		}
	}()
	u.v = s.run(p)
}

// runCheck runs a rule and turns a panic into a finding: one broken rule
// must not take the other rules' findings down with it.
func runCheck(p *Pass) {
	defer func() {
		if v := recover(); v != nil {
			d := Diagnostic{Rule: p.Rule.ID, Severity: Error, Message: fmt.Sprintf("%s%s: %v (please report it)", internalErrorPrefix, p.Rule.ID, firstLine(v))}
			if p.File != nil {
				d.File = p.File.Path
			} else if len(p.Files) > 0 {
				d.File = p.Files[0].Path
			}
			p.diags = append(p.diags, d)
		}
	}()
	p.Rule.Check(p)
}

func (r *Runner) enabled(rule *Rule) bool {
	if len(r.Only) > 0 && !r.Only[rule.ID] {
		return false
	}
	return r.severity(rule) != Off
}

// severity is a rule's severity in this run. A rule that is off by default
// (bib-unused) but asked for by name with Only runs at warning, unless the
// config turned it off itself.
func (r *Runner) severity(rule *Rule) Severity {
	s := r.settings[rule.ID].Severity
	if s == Off && r.Only[rule.ID] && rule.Severity == Off {
		if rc := r.Config.Rules[rule.ID]; rc == nil || rc.Severity == nil {
			return Warning
		}
	}
	return s
}

// SortDiagnostics orders findings by file, position and rule, so that output
// is the same from run to run whatever the scheduling.
func SortDiagnostics(ds []Diagnostic) {
	if !slices.IsSortedFunc(ds, compareDiagnostics) {
		slices.SortStableFunc(ds, compareDiagnostics)
	}
}

// compareDiagnostics is the order of SortDiagnostics.
func compareDiagnostics(a, b Diagnostic) int { return compareDiag(&a, &b) }

// compareDiag is compareDiagnostics without copying the findings.
func compareDiag(a, b *Diagnostic) int {
	if c := strings.Compare(a.File, b.File); c != 0 {
		return c
	}
	if c := cmp.Compare(a.Start, b.Start); c != 0 {
		return c
	}
	if c := strings.Compare(a.Rule, b.Rule); c != 0 {
		return c
	}
	if c := cmp.Compare(a.End, b.End); c != 0 {
		return c
	}
	return strings.Compare(a.Message, b.Message)
}

// mergeSorted merges lists sorted by compareDiagnostics into one sorted
// list (see mergeRuns). Each finding is copied once, and each list is let
// go as soon as it is merged.
func mergeSorted(lists []findingList) []Diagnostic {
	n, nonEmpty, only := 0, 0, 0
	for i, l := range lists {
		n += l.len()
		if l.len() > 0 {
			nonEmpty, only = nonEmpty+1, i
		}
	}
	if nonEmpty == 1 {
		return lists[only].diags()
	}
	out := make([]Diagnostic, 0, n)
	_ = mergeRuns(lists, true, func(l findingList, lo, hi int) error { // never fails
		out = l.appendRange(out, lo, hi)
		return nil
	})
	return out
}

// mergeRuns merges lists, each sorted by compareDiagnostics, a run at a
// time: run gets the findings [lo, hi) of list l, which come next in the
// order. Equal findings keep the order of their lists, so the order is what
// a stable sort of the lists joined in order gives. With release, a list
// used up is let go at once (lists[i] = findingList{}): with the lists of
// one analysis in blocks, the memory of merged findings is freed as the
// merge goes on. A heap holds the head of every list; the list on top
// gives all its findings that come before the head of the runner-up, each
// compared where it is (a compact one is not made a Diagnostic to be
// compared): the blocks of one analysis, and most of a rule's findings in
// a file, are one run each, instead of a heap operation per finding. It
// returns run's first error.
func mergeRuns(lists []findingList, release bool, run func(l findingList, lo, hi int) error) error {
	h := make(listHeap, 0, len(lists))
	// heads[i] is the head of list i when it is compact, made from it.
	var heads []Diagnostic
	for i, l := range lists {
		if l.len() == 0 {
			continue
		}
		h = append(h, listHead{list: i})
		if l.c != nil {
			if heads == nil {
				heads = make([]Diagnostic, len(lists))
			}
			heads[i] = l.c.diag(0)
		}
	}
	head := func(k listHead) *Diagnostic {
		if l := lists[k.list]; l.c == nil {
			return &l.ds[k.at]
		}
		return &heads[k.list]
	}
	less := func(a, b listHead) bool {
		if c := compareDiag(head(a), head(b)); c != 0 {
			return c < 0
		}
		return a.list < b.list
	}
	for i := len(h)/2 - 1; i >= 0; i-- {
		h.down(i, less)
	}
	for len(h) > 0 {
		top := &h[0]
		l := lists[top.list]
		end := l.len()
		if len(h) > 1 {
			// The runner-up is the smaller child of the top; the top's
			// findings come before its head while they compare less, or
			// equal from an earlier list.
			r := 1
			if len(h) > 2 && less(h[2], h[1]) {
				r = 2
			}
			next, tieFirst := head(h[r]), top.list < h[r].list
			end = top.at + 1
			for end < l.len() {
				c := l.compareAt(end, next)
				if c > 0 || c == 0 && !tieFirst {
					break
				}
				end++
			}
		}
		if err := run(l, top.at, end); err != nil {
			return err
		}
		top.at = end
		if top.at == l.len() {
			if release {
				lists[top.list] = findingList{}
			}
			if heads != nil {
				heads[top.list] = Diagnostic{} // drop its pointers
			}
			h[0] = h[len(h)-1]
			h = h[:len(h)-1]
		} else if l.c != nil {
			heads[top.list] = l.c.diag(top.at)
		}
		h.down(0, less)
	}
	return nil
}

// listHead is the next finding of one list in mergeRuns.
type listHead struct{ list, at int }

// listHeap is a binary min-heap of list heads.
type listHeap []listHead

// down moves the element at i down to its place.
func (h listHeap) down(i int, less func(a, b listHead) bool) {
	for {
		l := 2*i + 1
		if l >= len(h) {
			return
		}
		m := l
		if r := l + 1; r < len(h) && less(h[r], h[l]) {
			m = r
		}
		if !less(h[m], h[i]) {
			return
		}
		h[i], h[m] = h[m], h[i]
		i = m
	}
}

// bytesString views b as a string without copying it: inputs can be tens of
// megabytes, and the engine never modifies an Input's Src (fixes build new
// slices), so the string stays immutable as Go requires.
func bytesString(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	return unsafe.String(&b[0], len(b))
}

// firstLine is the first line of a panic value (par adds a stack trace).
func firstLine(v any) string {
	s := fmt.Sprint(v)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}
