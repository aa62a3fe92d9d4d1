package lint

import (
	"cmp"
	"fmt"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"time"
	"unsafe"

	"github.com/paperlint/papers/bib"
	"github.com/paperlint/papers/internal/par"
	"github.com/paperlint/papers/notes"
	"github.com/paperlint/papers/org"
	"github.com/paperlint/papers/venue"
)

// Runner lints files with a set of rules under one configuration.
type Runner struct {
	// Rules are the rules of the run, built-in and custom.
	Rules    []*Rule
	Config   *Config
	Venues   *venue.Registry
	Orgs     *org.Registry
	settings map[string]Settings
	known    map[string]bool
	// Jobs bounds the goroutines used; 0 means GOMAXPROCS.
	Jobs int
	// Only, when not empty, restricts the run to these rule ids.
	Only map[string]bool
}

// NewRunner resolves the config against the rules (unknown rule ids and bad
// options are errors), adds the config's custom rules, and extends the
// registries with the config's venues and aliases.
func NewRunner(rules []*Rule, cfg *Config) (*Runner, error) {
	if cfg == nil {
		cfg = DefaultConfig()
	}
	custom, err := CustomRules(cfg)
	if err != nil {
		return nil, err
	}
	all := append(append([]*Rule(nil), rules...), custom...)
	seen := map[string]bool{}
	for _, r := range all {
		if seen[r.ID] {
			return nil, fmt.Errorf("%s: rule id %q is used twice", cfg.Path, r.ID)
		}
		seen[r.ID] = true
	}
	settings, err := cfg.Resolve(all)
	if err != nil {
		return nil, err
	}
	venues, err := venuesFromConfig(cfg)
	if err != nil {
		return nil, err
	}
	orgs, err := org.Default().With(nil, cfg.OrgAliases)
	if err != nil {
		return nil, fmt.Errorf("%s: org-aliases: %w", cfg.Path, err)
	}
	return &Runner{Rules: all, Config: cfg, Venues: venues, Orgs: orgs, settings: settings, known: seen}, nil
}

func venuesFromConfig(cfg *Config) (*venue.Registry, error) {
	if len(cfg.Venues) == 0 && len(cfg.VenueAliases) == 0 {
		return venue.Default(), nil
	}
	extra := make([]venue.Venue, 0, len(cfg.Venues))
	for _, v := range cfg.Venues {
		kind := venue.Kind(v.Kind)
		if kind == "" {
			kind = venue.Conference
			if v.Journal != "" {
				kind = venue.Journal
			}
		}
		extra = append(extra, venue.Venue{
			Tag: v.Tag, Aliases: v.Aliases, Kind: kind, EntryType: v.EntryType,
			Booktitle: v.Booktitle, Journal: v.Journal, Publisher: v.Publisher,
			Held: venue.Held{First: v.First, Cadence: venue.Annual, Verified: v.First != 0},
		})
	}
	r, err := venue.Default().With(extra, cfg.VenueAliases)
	if err != nil {
		return nil, fmt.Errorf("%s: venues: %w", cfg.Path, err)
	}
	return r, nil
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

// Parse reads one input into a File.
func (r *Runner) Parse(in Input) *File { return r.parse(in, nil) }

// parse reads one input; a .bib is read with reader when it is not nil, so
// that the files of one folder share their @string macros.
func (r *Runner) parse(in Input, reader *bib.Reader) (f *File) {
	k := in.Kind
	if k == 0 {
		k = KindOf(in.Path)
	}
	f = &File{Path: in.Path, Src: in.Src, Kind: k, Quiet: in.Quiet}
	// A parser bug must cost one file, not the run: the file gets a finding
	// saying so and the other files are linted.
	defer func() {
		if v := recover(); v != nil {
			msg := fmt.Sprintf("internal error reading %s: %v (please report it)", in.Path, firstLine(v))
			switch k {
			case NotesFile:
				f.Notes = &notes.Document{Path: in.Path, Src: in.Src, Problems: []notes.Problem{{Message: msg}}}
			case BibFile:
				f.Bib = &bib.File{Name: in.Path, Source: bytesString(in.Src), Diagnostics: []bib.Diagnostic{{Code: bib.CodeSyntax, File: in.Path, Message: msg}}}
			}
		}
	}()
	switch k {
	case NotesFile:
		f.Notes = notes.Parse(in.Path, in.Src, notes.Options{IsVenue: r.isVenue, Jobs: runtime.GOMAXPROCS(0), Year: time.Now().Year()})
	case BibFile:
		if reader == nil {
			reader = bib.NewReader()
		}
		f.Bib = reader.ParseString(in.Path, bytesString(in.Src))
	}
	return f
}

func (r *Runner) isVenue(name string) bool {
	_, ok := r.Venues.Lookup(name)
	return ok
}

func (r *Runner) jobs() int {
	if r.Jobs > 0 {
		return r.Jobs
	}
	return runtime.GOMAXPROCS(0)
}

// parallel runs fn(i) for i in [0, n) on at most jobs goroutines; a panic
// comes back to the caller's goroutine (see internal/par).
func parallel(n, jobs int, fn func(i int)) { par.Do(n, jobs, fn) }

// Run parses the inputs and runs every enabled rule on them. Files are
// parsed in parallel, then each (file, rule) pair and each corpus rule is a
// task of one worker pool, so a single large file still uses every core.
//
// The .bib files of one folder are read in their input order by one
// bib.Reader, so that `@string` macros defined in one (abbrev.bib) are
// known in the next (articles.bib), as when LaTeX is given
// \bibliography{abbrev,articles}. Each folder's files form one task.
func (r *Runner) Run(inputs []Input) *Result {
	files := make([]*File, len(inputs))
	var tasks [][]int
	bibDirs := map[string]int{}
	for i, in := range inputs {
		if r.kindOf(in) != BibFile {
			tasks = append(tasks, []int{i})
			continue
		}
		dir := filepath.Dir(in.Path)
		t, ok := bibDirs[dir]
		if !ok {
			t = len(tasks)
			bibDirs[dir] = t
			tasks = append(tasks, nil)
		}
		tasks[t] = append(tasks[t], i)
	}
	parallel(len(tasks), r.jobs(), func(t int) {
		var reader *bib.Reader
		for _, i := range tasks[t] {
			if r.kindOf(inputs[i]) == BibFile {
				if reader == nil {
					reader = bib.NewReader()
				}
				files[i] = r.parse(inputs[i], reader)
				continue
			}
			files[i] = r.Parse(inputs[i])
		}
	})
	return r.RunFiles(files, inputs)
}

func (r *Runner) kindOf(in Input) Kind {
	if in.Kind != 0 {
		return in.Kind
	}
	return KindOf(in.Path)
}

// RunFiles runs the rules on already parsed files. inputs, when given,
// carries the companion pairing.
func (r *Runner) RunFiles(files []*File, inputs []Input) *Result {
	byPath := make(map[string]*File, len(files))
	for _, f := range files {
		byPath[f.Path] = f
		f.resetMemo()
		f.companionOf = nil
	}
	for i, in := range inputs {
		if in.Companion != "" && i < len(files) {
			comp := byPath[in.Companion]
			files[i].Companion = comp
			if comp != nil && files[i].Kind == NotesFile && files[i].Notes != nil {
				comp.companionOf = append(comp.companionOf, files[i])
			}
		}
	}

	type task struct {
		rule *Rule
		file *File // nil for corpus rules
	}
	var tasks []task
	for _, rule := range r.Rules {
		if !r.enabled(rule) {
			continue
		}
		switch rule.Scope {
		case CorpusScope:
			tasks = append(tasks, task{rule: rule})
		case NotesScope, BibScope:
			want := NotesFile
			if rule.Scope == BibScope {
				want = BibFile
			}
			for _, f := range files {
				if f.Kind == want && !f.Quiet {
					tasks = append(tasks, task{rule, f})
				}
			}
		}
	}
	out := make([][]Diagnostic, len(tasks))
	// More goroutines than cores: rules that share work through File.Memo
	// wait for each other, and a waiting goroutine must not hold a core
	// that another rule could use. The Go scheduler keeps the running ones
	// to GOMAXPROCS.
	parallel(len(tasks), 4*r.jobs(), func(i int) {
		t := tasks[i]
		s := r.settings[t.rule.ID]
		p := &Pass{Rule: t.rule, Severity: r.severity(t.rule), Options: s.Options, Venues: r.Venues, Orgs: r.Orgs, Config: r.Config, runner: r}
		if t.file != nil {
			p.File, p.Files = t.file, []*File{t.file}
		} else {
			p.Files = files
		}
		runCheck(p)
		out[i] = p.diags
	})
	// Directives are read once per file, after the rules, in parallel.
	parallel(len(files), r.jobs(), func(i int) { files[i].dirs = parseDirectives(files[i], r.known) })

	// Each list (a file's directive findings, a task's findings) is sorted
	// on its own, most already are, and the lists are merged: cheaper than
	// sorting a hundred thousand findings of 128 bytes at the end of the
	// run, on one core.
	lists := make([][]Diagnostic, 0, len(files)+len(out))
	for _, f := range files {
		if f.dirs != nil && !f.Quiet {
			lists = append(lists, f.dirs.diags)
		}
	}
	for _, ds := range out {
		kept := ds[:0]
		for _, d := range ds {
			f := byPath[d.File]
			if f != nil && (f.Quiet || f.dirs.suppressed(d.Rule, d.Start)) {
				continue
			}
			kept = append(kept, d)
		}
		lists = append(lists, kept)
	}
	parallel(len(lists), r.jobs(), func(i int) { SortDiagnostics(lists[i]) })
	diags := mergeSorted(lists)
	return &Result{Files: files, Diagnostics: diags}
}

// runCheck runs a rule and turns a panic into a finding: one broken rule
// must not take the other rules' findings down with it.
func runCheck(p *Pass) {
	defer func() {
		if v := recover(); v != nil {
			d := Diagnostic{Rule: p.Rule.ID, Severity: Error, Message: fmt.Sprintf("internal error in rule %s: %v (please report it)", p.Rule.ID, firstLine(v))}
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
// list. Equal findings keep the order of their lists, so the result is
// what a stable sort of the lists joined in order gives. Each finding is
// copied once: a heap holds the head of every list.
func mergeSorted(lists [][]Diagnostic) []Diagnostic {
	n := 0
	h := make(listHeap, 0, len(lists))
	for i, l := range lists {
		n += len(l)
		if len(l) > 0 {
			h = append(h, listHead{list: i})
		}
	}
	if len(h) == 1 {
		return lists[h[0].list]
	}
	out := make([]Diagnostic, 0, n)
	less := func(a, b listHead) bool {
		if c := compareDiag(&lists[a.list][a.at], &lists[b.list][b.at]); c != 0 {
			return c < 0
		}
		return a.list < b.list
	}
	for i := len(h)/2 - 1; i >= 0; i-- {
		h.down(i, less)
	}
	for len(h) > 0 {
		top := &h[0]
		out = append(out, lists[top.list][top.at])
		top.at++
		if top.at == len(lists[top.list]) {
			h[0] = h[len(h)-1]
			h = h[:len(h)-1]
		}
		h.down(0, less)
	}
	return out
}

// listHead is the next finding of one list in mergeSorted.
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
