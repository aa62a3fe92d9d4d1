package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"

	"github.com/paperlint/papers/internal/atomicfile"
	"github.com/paperlint/papers/internal/par"
	"github.com/paperlint/papers/internal/udiff"
	"github.com/paperlint/papers/lint"
	"github.com/paperlint/papers/lint/report"
	"github.com/paperlint/papers/rules"
)

type lintFlags struct {
	format, config, bib, stdinName string
	maxWarnings, jobs              int
	quiet, noColor, fix, diff      bool
	allowOutside                   bool
	exclude, only                  stringList
	// fromStdin holds the name given to standard input, when it was read.
	fromStdin map[string]bool
	// refused holds the notes whose configured companion was refused (it
	// leaves the workspace), so that nothing is written for them.
	refused map[string]bool
}

func cmdLint(args []string, e *env) int {
	lf := lintFlags{fromStdin: map[string]bool{}}
	fs := newFlagSet("lint", "lint [flags] [paths|-]\n\nLints Markdown notes (*.md, *.markdown) and .bib files; folders are walked.\nWith no path, the current folder is linted; - reads standard input.", e.stderr)
	fs.StringVar(&lf.format, "format", "text", "output format: "+strings.Join(report.Formats, ", "))
	fs.StringVar(&lf.config, "config", "", "config file (default: .papers.yaml in the current folder or its nearest parent)")
	fs.StringVar(&lf.bib, "bib", "", "companion .bib for the notes (default: the config's bib mapping, else <notes>.bib, else references.bib beside them)")
	fs.StringVar(&lf.stdinName, "stdin-filename", "", "name to report for standard input, which also decides its kind (.bib or notes)")
	fs.IntVar(&lf.maxWarnings, "max-warnings", -1, "exit 1 when there are more than this many warnings (-1: no limit)")
	fs.IntVar(&lf.jobs, "jobs", 0, "files and rules checked at once (0: one per CPU)")
	fs.BoolVar(&lf.quiet, "quiet", false, "report errors only")
	fs.BoolVar(&lf.noColor, "no-color", false, "no colour in text output (NO_COLOR in the environment does the same)")
	fs.BoolVar(&lf.fix, "fix", false, "apply safe fixes in place (atomically), then report what is left; with - write the fixed text to stdout")
	fs.BoolVar(&lf.diff, "diff", false, "print the fixes as a unified diff and write nothing")
	fs.Var(&lf.exclude, "exclude", "glob of paths to skip when walking folders (repeatable)")
	fs.BoolVar(&lf.allowOutside, "allow-outside", false, "let the config's bib: mapping name files outside the config's folder")
	fs.Var(&lf.only, "rule", "run only this rule (repeatable, or comma-separated); a rule off by default then runs at warning")
	paths, err := parseInterspersed(fs, args)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitTrouble
	}
	if !contains(report.Formats, lf.format) {
		fmt.Fprintf(e.stderr, "papers lint: unknown --format %q (want one of %s)\n", lf.format, strings.Join(report.Formats, ", "))
		return exitTrouble
	}
	if lf.fix && lf.diff {
		fmt.Fprintln(e.stderr, "papers lint: --fix and --diff do not go together: --diff shows the fixes without writing them")
		return exitTrouble
	}

	cfg, err := loadConfig(lf.config)
	if err != nil {
		fmt.Fprintf(e.stderr, "papers: %v\n", err)
		return exitTrouble
	}
	cfg.AllowOutside = lf.allowOutside
	runner, err := lint.NewRunner(rules.All(), cfg)
	if err != nil {
		fmt.Fprintf(e.stderr, "papers: %v\n", err)
		return exitTrouble
	}
	if lf.jobs > 0 {
		// --jobs bounds the cores used, everywhere (goldmark pieces, rules).
		runtime.GOMAXPROCS(lf.jobs)
	}
	runner.Jobs = lf.jobs
	if len(lf.only) > 0 {
		runner.Only = map[string]bool{}
		for _, id := range lf.only {
			if !runner.KnownRule(id) {
				fmt.Fprintf(e.stderr, "papers lint: unknown rule %q in --rule (see `papers rules`)\n", id)
				return exitTrouble
			}
			runner.Only[id] = true
		}
	}

	if len(paths) == 0 {
		paths = []string{"."}
	}
	inputs, trouble := collectInputs(paths, &lf, cfg, e)
	if len(inputs) == 0 && trouble {
		return exitTrouble
	}

	var res *lint.Result
	stdinFix := false
	switch {
	case lf.fix || lf.diff:
		fr := runner.Fix(inputs)
		res = fr.Result
		for _, in := range inputs {
			fixed, ok := fr.Fixed[in.Path]
			if !ok && (!lf.fix || !lf.fromStdin[in.Path]) {
				continue
			}
			if !ok {
				fixed = in.Src
			}
			switch {
			case lf.diff:
				if err := udiff.Write(e.stdout, "a/"+in.Path, "b/"+in.Path, in.Src, fixed); err != nil {
					fmt.Fprintf(e.stderr, "papers: %v\n", err)
					return exitTrouble
				}
			case lf.fromStdin[in.Path]:
				stdinFix = true
				if _, err := e.stdout.Write(fixed); err != nil {
					fmt.Fprintf(e.stderr, "papers: write stdout: %v\n", err)
					return exitTrouble
				}
			default:
				if err := atomicfile.Write(in.Path, fixed, 0o644); err != nil {
					fmt.Fprintf(e.stderr, "papers: %v\n", err)
					trouble = true
					continue
				}
				n := fr.Applied[in.Path]
				fmt.Fprintf(e.stderr, "papers: fixed %s (%d %s)\n", in.Path, n, plural(n, "fix", "fixes"))
			}
		}
	default:
		res = runner.Run(inputs)
	}

	diags := res.Diagnostics
	if lf.quiet {
		kept := diags[:0:0]
		for _, d := range diags {
			if d.Severity == lint.Error {
				kept = append(kept, d)
			}
		}
		diags = kept
	}
	out := e.stdout
	if lf.diff || stdinFix {
		// stdout carries the diff or the fixed text; findings go to stderr.
		out = e.stderr
	}
	color := e.isTerminal && !lf.noColor && e.getenv("NO_COLOR") == "" && !lf.diff && !stdinFix
	opt := report.Options{Color: color, Context: e.isTerminal || lf.format == "text" && e.getenv("PAPERS_CONTEXT") == "1", Rules: runner.Rules, ToolVersion: version(), Jobs: runtime.GOMAXPROCS(0)}
	if err := report.Write(out, lf.format, diags, res.Files, opt); err != nil {
		fmt.Fprintf(e.stderr, "papers: %v\n", err)
		return exitTrouble
	}

	errs, warns := 0, 0
	for _, d := range res.Diagnostics {
		switch d.Severity {
		case lint.Error:
			errs++
		case lint.Warning:
			warns++
		}
	}
	if lf.format == "text" && e.isTerminal && len(res.Diagnostics) > 0 {
		infos := len(res.Diagnostics) - errs - warns
		fmt.Fprintf(e.stderr, "%d %s, %d %s, %d %s in %d %s\n", errs, plural(errs, "error", "errors"),
			warns, plural(warns, "warning", "warnings"), infos, plural(infos, "info", "infos"), len(inputs), plural(len(inputs), "file", "files"))
	}
	switch {
	case trouble:
		return exitTrouble
	case errs > 0:
		return exitFindings
	case lf.maxWarnings >= 0 && warns > lf.maxWarnings:
		fmt.Fprintf(e.stderr, "papers: %d warnings, more than --max-warnings %d\n", warns, lf.maxWarnings)
		return exitFindings
	}
	return exitOK
}

func stdinPath(lf *lintFlags) string {
	if lf.stdinName != "" {
		return lf.stdinName
	}
	return "-"
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func loadConfig(path string) (*lint.Config, error) {
	if path == "" {
		path = lint.FindConfig(".")
		if path == "" {
			return lint.DefaultConfig(), nil
		}
	}
	return lint.LoadConfig(path)
}

// collectInputs reads the named files and walks the named folders. A file
// that cannot be read is reported on stderr and the others go on; trouble is
// true when that happened.
func collectInputs(paths []string, lf *lintFlags, cfg *lint.Config, e *env) (inputs []lint.Input, trouble bool) {
	seen := map[string]bool{}
	var named []string
	for _, p := range paths {
		if p == "-" {
			src, err := io.ReadAll(e.stdin)
			if err != nil {
				fmt.Fprintf(e.stderr, "papers: read standard input: %v\n", err)
				trouble = true
				continue
			}
			name := stdinPath(lf)
			lf.fromStdin[name] = true
			inputs = append(inputs, lint.Input{Path: name, Src: src, Kind: lint.KindOf(name)})
			seen[name] = true
			continue
		}
		st, err := os.Stat(p)
		if err != nil {
			fmt.Fprintf(e.stderr, "papers: %s: %v\n", p, unwrapPathError(err))
			trouble = true
			continue
		}
		if !st.IsDir() {
			named = append(named, filepath.Clean(p))
			continue
		}
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				fmt.Fprintf(e.stderr, "papers: %s: %v\n", path, unwrapPathError(err))
				trouble = true
				return nil
			}
			if d.IsDir() {
				if d.Name() == ".git" || path != p && (lint.MatchAny(lf.exclude, filepath.ToSlash(path)) || cfg.Excluded(path)) {
					return filepath.SkipDir
				}
				return nil
			}
			switch strings.ToLower(filepath.Ext(path)) {
			case ".md", ".markdown", ".bib":
			default:
				return nil
			}
			if lint.MatchAny(lf.exclude, filepath.ToSlash(path)) || cfg.Excluded(path) {
				return nil
			}
			named = append(named, filepath.Clean(path))
			return nil
		})
		if err != nil {
			fmt.Fprintf(e.stderr, "papers: %s: %v\n", p, err)
			trouble = true
		}
	}
	sort.Strings(named)
	var toRead []string
	for _, p := range named {
		if !seen[p] {
			seen[p] = true
			toRead = append(toRead, p)
		}
	}
	srcs, errs := readFiles(toRead)
	for i, p := range toRead {
		if errs[i] != nil {
			fmt.Fprintf(e.stderr, "papers: %s: %v\n", p, unwrapPathError(errs[i]))
			trouble = true
			continue
		}
		inputs = append(inputs, lint.Input{Path: p, Src: srcs[i], Kind: lint.KindOf(p)})
	}
	// Pair each notes file with its companion .bib, reading the .bib for
	// reference when it was not named.
	n := len(inputs)
	var comps []string // companions to read, each once
	var users [][]int  // the notes inputs of each
	at := map[string]int{}
	for i := 0; i < n; i++ {
		if inputs[i].Kind != lint.NotesFile {
			continue
		}
		comp, err := companionFor(inputs[i].Path, lf.bib, cfg, lf.fromStdin[inputs[i].Path])
		if err != nil {
			fmt.Fprintf(e.stderr, "papers: %v\n", err)
			trouble = true
			if lf.refused == nil {
				lf.refused = map[string]bool{}
			}
			lf.refused[inputs[i].Path] = true
		}
		if comp == "" {
			continue
		}
		comp = filepath.Clean(comp)
		inputs[i].Companion = comp
		if seen[comp] {
			continue
		}
		k, ok := at[comp]
		if !ok {
			k = len(comps)
			at[comp] = k
			comps = append(comps, comp)
			users = append(users, nil)
		}
		users[k] = append(users[k], i)
	}
	srcs, errs = readFiles(comps)
	for k, comp := range comps {
		if errs[k] != nil {
			if lf.bib != "" {
				fmt.Fprintf(e.stderr, "papers: --bib %s: %v\n", comp, unwrapPathError(errs[k]))
				trouble = true
			}
			for _, i := range users[k] {
				inputs[i].Companion = ""
			}
			continue
		}
		inputs = append(inputs, lint.Input{Path: comp, Src: srcs[k], Kind: lint.BibFile, Quiet: true})
	}
	return inputs, trouble
}

// readFiles reads paths concurrently (a notes file and its .bib can be
// a hundred megabytes together; a repository, hundreds of small files).
func readFiles(paths []string) ([][]byte, []error) {
	srcs := make([][]byte, len(paths))
	errs := make([]error, len(paths))
	par.Do(len(paths), 2*runtime.GOMAXPROCS(0), func(i int) { srcs[i], errs[i] = os.ReadFile(paths[i]) })
	return srcs, errs
}

// companionFor finds a notes file's .bib: --bib, then the config's mapping,
// then <notes>.bib beside it, then references.bib in the same folder.
// A mapping that leaves the config's folder is an error, and the notes
// then have no companion.
func companionFor(notesPath, flagBib string, cfg *lint.Config, fromStdin bool) (string, error) {
	if flagBib != "" {
		return flagBib, nil
	}
	if fromStdin {
		return "", nil
	}
	if c, err := cfg.CompanionFor(notesPath); c != "" || err != nil {
		return c, err
	}
	base := strings.TrimSuffix(notesPath, filepath.Ext(notesPath))
	for _, c := range []string{base + ".bib", filepath.Join(filepath.Dir(notesPath), "references.bib")} {
		if st, err := os.Stat(c); err == nil && !st.IsDir() {
			return c, nil
		}
	}
	return "", nil
}

// unwrapPathError drops the path from an *fs.PathError, which the caller
// already prints.
func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// plural picks the word for n things.
func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
