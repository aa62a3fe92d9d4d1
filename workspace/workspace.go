// Package workspace is the set of files that papers checks: it goes from
// the configuration to the registries (lint.Env), to the inputs (files
// named, folders walked, excludes, each notes file paired once with its
// companion .bib, .bib files kept in the order given), to parsed files. It
// can replace one file's text, from disk or from an editor buffer, and
// parse again only what depends on it.
//
// The lint runner checks a Workspace (it implements lint.Workspace);
// `papers lint`, `papers bib` and the editor server share it, so that they
// see the same files the same way.
package workspace

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"sync"

	"github.com/paperlint/papers/bib"
	"github.com/paperlint/papers/internal/par"
	"github.com/paperlint/papers/lint"
	"github.com/paperlint/papers/resolve"
)

// Options say how a workspace reads its inputs.
type Options struct {
	// Year is the current year (see lint.Env.Year).
	Year int
	// Jobs bounds the goroutines that read and parse files; <= 0 means
	// one (the caller decides the budget: papers lint's --jobs).
	Jobs int
	// Bib is the companion .bib of every notes file (--bib), when set.
	Bib string
	// Exclude are globs of paths skipped when walking folders, besides the
	// config's.
	Exclude []string
	// StdinName is the name given to standard input ("-" when empty); its
	// extension decides whether it is notes or a .bib.
	StdinName string
	// MaxFileSize refuses inputs (standard input too) larger than this many
	// bytes; 0 means no limit.
	MaxFileSize int64
	// Incremental makes Update parse a changed notes file again only
	// around the change when it can (lint.ReparseFile), for an editor
	// server that updates a file after every keystroke.
	Incremental bool
	// Resolver, when set, becomes the Env's (lint.Env.Resolver): the
	// sources bib-mismatch looks published versions of preprints up in.
	// Its Venues are set to the Env's registry, and its sources are
	// memoized (resolve.Memoized) for the workspace's life: the runs of
	// one workspace look each paper up once, however many they are.
	Resolver *resolve.Resolver
	// Context, when set, becomes the Env's (lint.Env.Context): the
	// lookups of the workspace's runs stop when it is cancelled (an
	// interrupted command). Nil means context.Background().
	Context context.Context
}

// Workspace holds the inputs of a run and their parsed files.
type Workspace struct {
	env     *lint.Env
	opt     Options
	jobs    int
	exclude *lint.Globs // Options.Exclude, compiled

	mu     sync.Mutex
	inputs []lint.Input
	// rank orders the .bib files of one folder as the user gave them: the
	// macros of the first are known in the next.
	rank      map[string]int
	files     []*lint.File // parsed inputs, nil until parsed
	fromStdin map[string]bool
	refused   map[string]bool
}

// New makes an empty workspace for cfg: the registries are built from it
// (an error names the config's line).
func New(cfg *lint.Config, opt Options) (*Workspace, error) {
	env, err := lint.NewEnv(cfg, opt.Year)
	if err != nil {
		return nil, err
	}
	if opt.Resolver != nil {
		// A copy: the caller's resolver keeps its own registry and
		// sources.
		r := *opt.Resolver
		r.Venues = env.Venues
		// Every run of the workspace (each round of --fix, each run of
		// an editor) asks the sources again: memoized, they answer each
		// question once for the workspace's life, and a failed lookup
		// fails once.
		r.Sources = make([]resolve.Source, len(opt.Resolver.Sources))
		for i, s := range opt.Resolver.Sources {
			r.Sources[i] = resolve.Memoized(s)
		}
		env.Resolver = &r
	}
	env.Context = opt.Context
	jobs := max(opt.Jobs, 1)
	return &Workspace{env: env, opt: opt, jobs: jobs, exclude: lint.CompileGlobs(opt.Exclude), rank: map[string]int{}, fromStdin: map[string]bool{}, refused: map[string]bool{}}, nil
}

// FromInputs makes a workspace of inputs given in memory, in their order;
// a notes input's Companion names another input. Tests and Go programs
// that lint text they hold use it.
func FromInputs(cfg *lint.Config, opt Options, inputs []lint.Input) (*Workspace, error) {
	w, err := New(cfg, opt)
	if err != nil {
		return nil, err
	}
	w.inputs = append(w.inputs, inputs...)
	for i, in := range w.inputs {
		w.rank[in.Path] = i
	}
	return w, nil
}

// Env is what the files are read with: the config, the registries and the
// current year.
func (w *Workspace) Env() *lint.Env { return w.env }

// Jobs is the worker budget the workspace was made with.
func (w *Workspace) Jobs() int { return w.jobs }

// Inputs returns the inputs in order: files named and found, then the
// companions read for reference. The slice is the caller's.
func (w *Workspace) Inputs() []lint.Input {
	w.mu.Lock()
	defer w.mu.Unlock()
	return append([]lint.Input(nil), w.inputs...)
}

// FromStdin reports whether path is the name given to standard input.
func (w *Workspace) FromStdin(path string) bool { return w.fromStdin[path] }

// Refused reports whether the config's companion of the notes file path
// was refused (it leaves the workspace): nothing is to be written for it.
func (w *Workspace) Refused(path string) bool { return w.refused[path] }

// Files returns the parsed files in input order, each notes file's
// Companion set. Files are parsed on first use, in parallel; the .bib
// files of one folder are read in the order the user gave them by one
// reader, so that `@string` macros defined in one (abbrev.bib) are known
// in the next (articles.bib), as when LaTeX is given
// \bibliography{abbrev,articles}.
func (w *Workspace) Files() []*lint.File {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.files == nil {
		w.files = make([]*lint.File, len(w.inputs))
		groups := w.parseGroups()
		par.Do(len(groups), w.jobs, func(g int) { w.parseGroup(groups[g]) })
		w.pair()
	}
	return append([]*lint.File(nil), w.files...)
}

// parseGroups returns the inputs to parse as units of work: each notes
// file alone, and the .bib files of each folder together, in their rank.
func (w *Workspace) parseGroups() [][]int {
	var groups [][]int
	bibDirs := map[string]int{}
	for i, in := range w.inputs {
		if kindOf(in) != lint.BibFile {
			groups = append(groups, []int{i})
			continue
		}
		dir := filepath.Dir(in.Path)
		g, ok := bibDirs[dir]
		if !ok {
			g = len(groups)
			bibDirs[dir] = g
			groups = append(groups, nil)
		}
		groups[g] = append(groups[g], i)
	}
	for _, g := range groups {
		w.sortByRank(g)
	}
	return groups
}

// sortByRank orders the inputs of a .bib group as the user gave them.
func (w *Workspace) sortByRank(g []int) {
	for a := 1; a < len(g); a++ {
		for b := a; b > 0 && w.rankOf(g[b]) < w.rankOf(g[b-1]); b-- {
			g[b], g[b-1] = g[b-1], g[b]
		}
	}
}

func (w *Workspace) rankOf(i int) int {
	if r, ok := w.rank[w.inputs[i].Path]; ok {
		return r
	}
	return len(w.rank) + i
}

// parseGroup parses one group's inputs into w.files.
func (w *Workspace) parseGroup(g []int) {
	var macros *bib.Reader
	for _, i := range g {
		if kindOf(w.inputs[i]) == lint.BibFile && macros == nil {
			macros = bib.NewReader()
		}
		w.files[i] = lint.ParseFile(w.inputs[i], w.env, w.jobs, macros)
	}
}

// pair sets each notes file's Companion from its input.
func (w *Workspace) pair() {
	at := make(map[string]*lint.File, len(w.files))
	for _, f := range w.files {
		at[f.Path] = f
	}
	for i, in := range w.inputs {
		if in.Companion != "" && w.files[i].Kind == lint.NotesFile {
			w.files[i].Companion = at[in.Companion]
		}
	}
}

// Update replaces the text of the file at path and parses it again. A .bib
// is parsed again with the .bib files of its folder that come after it,
// since they may use its macros; notes files paired with a .bib parsed
// again get the new one as Companion.
func (w *Workspace) Update(path string, src []byte) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.update(map[string][]byte{path: src})
}

// UpdateAll is Update for several files at once (lint.UpdaterOfMany): the
// texts are replaced, then the files are parsed again in parallel, as
// Files parses them the first time (a fixed notes file and its fixed .bib
// side by side). Nothing changes when a path is unknown.
func (w *Workspace) UpdateAll(texts map[string][]byte) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.update(texts)
}

// update is Update and UpdateAll, with w.mu held. A notes file is parsed
// again alone (in part, for an editor: Options.Incremental) and keeps its
// companion; a .bib group from its first changed file on.
func (w *Workspace) update(texts map[string][]byte) error {
	changed := make(map[int]bool, len(texts))
	for p := range texts {
		at := w.indexOf(p)
		if at < 0 {
			return fmt.Errorf("%s: not a file of this workspace", p)
		}
		changed[at] = true
	}
	for at := range changed {
		w.inputs[at].Src = texts[w.inputs[at].Path]
	}
	if w.files == nil {
		return nil // parsed on first use
	}
	var (
		tasks []func()
		bib   bool
	)
	for _, g := range w.parseGroups() {
		k := slices.IndexFunc(g, func(i int) bool { return changed[i] })
		switch {
		case k < 0:
			continue
		case kindOf(w.inputs[g[0]]) != lint.BibFile:
			at := g[0] // a notes file is a group of its own
			tasks = append(tasks, func() {
				comp := w.files[at].Companion
				if w.opt.Incremental {
					w.files[at] = lint.ReparseFile(w.files[at], w.inputs[at], w.env, w.jobs)
				} else {
					w.files[at] = nil // let the old parse go first: it can be large
					w.files[at] = lint.ParseFile(w.inputs[at], w.env, w.jobs, nil)
				}
				w.files[at].Companion = comp
			})
		default:
			// The reader that holds the macros of the files before the
			// first changed one is rebuilt from the start of the group;
			// the old parses go first.
			for _, i := range g[k:] {
				w.files[i] = nil
			}
			tasks = append(tasks, func() { w.parseGroup(g) })
			bib = true
		}
	}
	par.Do(len(tasks), w.jobs, func(i int) { tasks[i]() })
	if bib {
		w.pair() // notes paired with a .bib parsed again get the new one
	}
	return nil
}

func kindOf(in lint.Input) lint.Kind {
	if in.Kind != 0 {
		return in.Kind
	}
	return lint.KindOf(in.Path)
}

// Remove drops the file at path from the workspace (it was deleted): notes
// files that had it as their companion have none now, and every file is
// parsed again on next use, since the .bib files after a removed .bib lose
// its macros. It reports whether path was a file of the workspace.
func (w *Workspace) Remove(path string) bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	at := w.indexOf(path)
	if at < 0 {
		return false
	}
	w.inputs = append(w.inputs[:at:at], w.inputs[at+1:]...)
	for i := range w.inputs {
		if w.inputs[i].Companion == path {
			w.inputs[i].Companion = ""
		}
	}
	delete(w.rank, path)
	w.files = nil
	return true
}

// AddInput adds a file held in memory, such as an editor's buffer that is
// not saved yet, pairing a notes file with its companion .bib as Add does.
// A path that is already an input is left as it is. Every file is parsed
// again on next use.
func (w *Workspace) AddInput(in lint.Input) []error {
	w.mu.Lock()
	defer w.mu.Unlock()
	seen := make(map[string]bool, len(w.inputs)+1)
	for _, have := range w.inputs {
		seen[have.Path] = true
	}
	if seen[in.Path] {
		return nil
	}
	if in.Kind == 0 {
		in.Kind = lint.KindOf(in.Path)
	}
	start := len(w.inputs)
	w.inputs = append(w.inputs, in)
	seen[in.Path] = true
	if _, ok := w.rank[in.Path]; !ok {
		w.rank[in.Path] = len(w.rank)
	}
	errs := w.pairFrom(start, seen, readAhead{})
	w.files = nil
	return errs
}

// indexOf returns the index of the input at path, -1 when there is none.
// The caller holds mu.
func (w *Workspace) indexOf(path string) int {
	for i, in := range w.inputs {
		if in.Path == path {
			return i
		}
	}
	return -1
}
