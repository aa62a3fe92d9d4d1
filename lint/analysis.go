package lint

import (
	"context"
	"fmt"
	"sync"

	"github.com/paperlint/papers/org"
	"github.com/paperlint/papers/resolve"
	"github.com/paperlint/papers/venue"
)

// AnalysisScope says what one result of an analysis covers.
type AnalysisScope int

const (
	// PerFile analyses give one result per file of their Kind (every file
	// of the run when Kind is 0); files read for reference only are
	// included when the analysis is Quiet.
	PerFile AnalysisScope = iota + 1
	// PerCompanion analyses give one result per .bib that is the companion
	// of at least one notes file; the pass holds that .bib and its notes.
	PerCompanion
	// PerRun analyses give one result for the whole run.
	PerRun
)

// Analyzer is an Analysis of any result type, as rules and other analyses
// list them in Requires.
type Analyzer interface {
	// spec describes the analysis to the runner.
	spec() *analysisSpec
}

// analysisSpec is an analysis with its result type erased.
type analysisSpec struct {
	name     string
	scope    AnalysisScope
	kind     Kind
	quiet    bool
	lookup   bool
	requires []Analyzer
	run      func(*AnalysisPass) any
}

// Analysis is work that several rules share, declared once and built once
// per run before the rules that need it, in the manner of
// golang.org/x/tools/go/analysis: a rule lists the analyses it needs in
// Rule.Requires and reads their results with Of. The runner builds every
// analysis that an enabled rule needs, each unit (file, companion or run)
// once, as soon as the analyses it requires are done; no goroutine waits
// for another.
//
// T is the result type. An Analysis's address is its identity: the rules
// that share it must list the same value, usually a package-level one
// (the custom rules of a config share one made with them). Its Run must
// not keep the pass.
type Analysis[T any] struct {
	// Name identifies the analysis in messages.
	Name string
	// Scope says what one result covers.
	Scope AnalysisScope
	// Kind restricts a PerFile analysis to notes or .bib files; 0 is both.
	Kind Kind
	// Quiet makes a PerFile analysis run on files read for reference only
	// (Input.Quiet: companions, the rest of the workspace around the files
	// given) too; without it they are skipped, since no rule reports on
	// them. Analyses that corpus rules or other analyses read across files
	// (a .bib's index, a notes file's companion entries) set it.
	Quiet bool
	// Requires lists the analyses whose results Run reads.
	Requires []Analyzer
	// Lookup marks an analysis that looks papers up through the run's
	// resolver (Env.Resolver) and has nothing to give without one. A run
	// without a resolver (the default, and the editor server's) does not
	// build it: Of returns T's zero value, and the rules that require it
	// are what they would be without it. In particular an editor's
	// RunCache keeps their findings on the files that did not change, as
	// it keeps those of any rule that reads nothing beyond its file,
	// instead of checking every file again because of a run-wide lookup
	// that does not happen.
	Lookup bool
	// Run computes the result for the unit the pass holds.
	Run func(*AnalysisPass) T

	once sync.Once
	s    *analysisSpec
}

// spec is built on first use and read-only after: runners of several
// goroutines (tests, the editor server) share package-level analyses.
func (a *Analysis[T]) spec() *analysisSpec {
	a.once.Do(func() {
		a.s = &analysisSpec{name: a.Name, scope: a.Scope, kind: a.Kind, quiet: a.Quiet, lookup: a.Lookup, requires: a.Requires,
			run: func(p *AnalysisPass) any { return a.Run(p) }}
	})
	return a.s
}

// Of returns the analysis' result for f: f's own for a PerFile analysis,
// that of the .bib f (or of f's companion, for a notes file) for a
// PerCompanion one, and the run's for a PerRun one (f may be nil). It
// panics, which the runner reports as an internal error of the rule, when
// the analysis is not among the caller's Requires or failed, and when a
// rule or analysis over one file asks for a file other than its own, its
// companion .bib or the notes whose companion it is: the runner starts a
// file's task as soon as the units of those files are done, and another
// file's may not be built yet. What reads across every file is a corpus
// rule or a PerRun analysis.
func (a *Analysis[T]) Of(r Results, f *File) T {
	v := r.results().get(a, f)
	t, _ := v.(T)
	return t
}

// Results is where analysis results are read from: a *Pass or an
// *AnalysisPass.
type Results interface {
	results() *runResults
}

// RuleRun is a rule as it runs: its settings in this run.
type RuleRun struct {
	Rule     *Rule
	Severity Severity
	// Options is the rule's options for this run (nil when it has none).
	Options any
}

// AnalysisPass is what an analysis' Run sees.
type AnalysisPass struct {
	// File is the file of a PerFile analysis, or the .bib of a PerCompanion
	// one; nil for PerRun.
	File *File
	// Users are, for a PerCompanion analysis, the notes files whose
	// companion File is, in input order.
	Users []*File
	// Files are every file of the run.
	Files []*File
	// Rules are the enabled rules of the run that need this analysis,
	// directly or through another analysis, with their options: an
	// analysis shared by rules with options of their own (the CJK prose
	// analysis) reads them here.
	Rules []RuleRun
	// Venues and Orgs are the registries, extended by config.
	Venues *venue.Registry
	Orgs   *org.Registry
	// Config is the run's configuration (never nil).
	Config *Config
	// Jobs is the number of goroutines the analysis may use for its own
	// parallel parts.
	Jobs int
	// Year is the current year.
	Year int
	// Resolver is the workspace's (Env.Resolver): nil when the run looks
	// nothing up, which analyses must respect by doing no lookup.
	Resolver *resolve.Resolver
	// Context is the run's (Env.Context, never nil): lookups are made
	// with it, so that a cancelled command stops them.
	Context context.Context

	res *runResults
}

func (p *AnalysisPass) results() *runResults { return p.res }

// NotesFiles returns the notes files of the run.
func (p *AnalysisPass) NotesFiles() []*File { return notesFiles(p.Files) }

// unitResult is the result of one unit of an analysis.
type unitResult struct {
	v     any
	panic any // what the analysis panicked with, when it did
}

// analysisResults holds an analysis' results in one run.
type analysisResults struct {
	spec *analysisSpec
	// byFile holds PerFile and PerCompanion results by the file's index.
	byFile map[*File]*unitResult
	run    *unitResult
}

// runResults holds every analysis result of a run, and which analyses
// each rule may read.
type runResults struct {
	of        map[*analysisSpec]*analysisResults
	companion map[*File]*File // notes file -> companion, for PerCompanion lookups
	allowed   map[*analysisSpec]bool
	reader    string // the rule or analysis reading, for messages
	// file, when not nil, is the file of the task reading: it waits for
	// the units of that file and of the files linked to it (its
	// companion, the notes whose companion it is), and may read no other
	// file's (the unit may not be built yet).
	file *File
}

// get returns a's result for f, or panics with a message naming the
// reader.
func (r *runResults) get(a Analyzer, f *File) any {
	s := a.spec()
	if r == nil || !r.allowed[s] {
		panic(fmt.Sprintf("%s reads analysis %s without listing it in Requires", readerName(r), s.name))
	}
	ar := r.of[s]
	if ar == nil {
		// A Lookup analysis in a run without a resolver: not built.
		var zero any
		return zero
	}
	var u *unitResult
	switch s.scope {
	case PerRun:
		u = ar.run
	case PerCompanion:
		if f != nil && f.Kind == NotesFile {
			f = r.companion[f]
		}
		u = r.unit(ar, s, f)
	default:
		u = r.unit(ar, s, f)
	}
	if u == nil {
		var zero any
		return zero
	}
	if u.panic != nil {
		panic(fmt.Sprintf("analysis %s failed: %v", s.name, u.panic))
	}
	return u.v
}

// unit is the unit of ar for f, which the reader must wait for.
func (r *runResults) unit(ar *analysisResults, s *analysisSpec, f *File) *unitResult {
	if r.file != nil && f != nil && f != r.file && !linkedFiles(r.file, f) {
		panic(fmt.Sprintf("%s reads analysis %s of %s while checking %s: a task over one file may read the analyses of that file, its companion and the notes it is the companion of", readerName(r), s.name, f.Path, r.file.Path))
	}
	return ar.byFile[f]
}

// linkedFiles reports whether a and b are a notes file and its companion.
func linkedFiles(a, b *File) bool {
	return a.Kind == NotesFile && a.Companion == b || b.Kind == NotesFile && b.Companion == a
}

func readerName(r *runResults) string {
	if r == nil || r.reader == "" {
		return "a rule"
	}
	return r.reader
}

// view returns results readable by reader, which may read the analyses in
// requires.
func (r *runResults) view(reader string, requires []Analyzer) *runResults {
	allowed := make(map[*analysisSpec]bool, len(requires))
	for _, a := range requires {
		allowed[a.spec()] = true
	}
	return &runResults{of: r.of, companion: r.companion, allowed: allowed, reader: reader}
}

// analysesOf returns the analyses that rules need, each once, dependencies
// first, or an error naming a cycle.
func analysesOf(rules []*Rule) ([]*analysisSpec, error) {
	var order []*analysisSpec
	state := map[*analysisSpec]int{} // 1: visiting, 2: done
	var visit func(s *analysisSpec, path []string) error
	visit = func(s *analysisSpec, path []string) error {
		switch state[s] {
		case 1:
			return fmt.Errorf("analyses require each other: %v -> %s", path, s.name)
		case 2:
			return nil
		}
		state[s] = 1
		for _, d := range s.requires {
			if err := visit(d.spec(), append(path, s.name)); err != nil {
				return err
			}
		}
		state[s] = 2
		order = append(order, s)
		return nil
	}
	for _, r := range rules {
		for _, a := range r.Requires {
			if err := visit(a.spec(), []string{r.ID}); err != nil {
				return nil, err
			}
		}
	}
	return order, nil
}
