package main

import (
	"bytes"
	"cmp"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/paperlint/papers/docs"
	"github.com/paperlint/papers/internal/atomicfile"
	"github.com/paperlint/papers/internal/confine"
	"github.com/paperlint/papers/internal/safeio"
	"github.com/paperlint/papers/internal/udiff"
	"github.com/paperlint/papers/lint"
	"github.com/paperlint/papers/lint/report"
	"github.com/paperlint/papers/rules"
	"github.com/paperlint/papers/workspace"
)

type lintFlags struct {
	format, config, bib, stdinName string
	sort                           string
	maxWarnings, jobs, maxFindings int
	maxFileSize                    sizeFlag
	quiet, noColor, fix, diff      bool
	force                          bool
	allowOutside, noWorkspace      bool
	statistics, exitZero           bool
	exclude, only                  stringList
	lookup                         lookupFlags
}

// sortOrders are the values of --sort; the first is the default, the
// order the runner gives.
func sortOrders() []string { return []string{"file", "severity", "rule"} }

func cmdLint(args []string, e *env) int {
	var lf lintFlags
	fs := newFlagSet("lint", "lint [flags] [paths|-]\n\nLints Markdown notes (*.md, *.markdown) and .bib files; folders are walked.\nWith no path, the current folder is linted (standard input with --stdin-filename);\n- reads standard input. A summary line follows the findings on stderr.", e.stderr)
	fs.StringVar(&lf.format, "format", "text", "output format: "+strings.Join(report.Formats, ", "))
	fs.StringVar(&lf.config, "config", "", "config file (default: .papers.yaml in each path's folder or its nearest parent)")
	fs.StringVar(&lf.bib, "bib", "", "companion .bib for the notes (default: the config's bib mapping, else <notes>.bib, else references.bib beside them)")
	fs.StringVar(&lf.stdinName, "stdin-filename", "", "name to report for standard input, which also decides its kind (.bib or notes); with no path, standard input is read")
	fs.IntVar(&lf.maxWarnings, "max-warnings", -1, "exit 1 when there are more than this many warnings (-1: no limit)")
	fs.IntVar(&lf.jobs, "jobs", 0, fmt.Sprintf("files and rules checked at once (0: one per CPU; at most %d)", maxJobs))
	lf.maxFileSize = safeio.DefaultMaxSize
	fs.Var(&lf.maxFileSize, "max-file-size", "refuse inputs larger than this (standard input too), such as 64MB")
	fs.BoolVar(&lf.quiet, "quiet", false, "report errors only")
	fs.IntVar(&lf.maxFindings, "max-findings", 0, "report at most this many findings of each rule in each file, and count the rest on stderr (0: all); for CI on untrusted input")
	fs.BoolVar(&lf.noColor, "no-color", false, "no colour in text output (NO_COLOR in the environment does the same)")
	fs.BoolVar(&lf.fix, "fix", false, "apply safe fixes in place (atomically), then report what is left; with - write the fixed text to stdout")
	fs.BoolVar(&lf.diff, "diff", false, "print the fixes as a unified diff and write nothing; exit 1 when there is a fix to print")
	fs.BoolVar(&lf.force, "force", false, "with --fix, also rewrite read-only files and files with several hard links")
	fs.Var(&lf.exclude, "exclude", "glob of paths to skip when walking folders (repeatable)")
	fs.BoolVar(&lf.allowOutside, "allow-outside", false, "let the config's bib: mapping name files outside the config's folder")
	fs.BoolVar(&lf.noWorkspace, "no-workspace", false, "with files given, let the corpus rules see those files only, not the rest of their workspace")
	fs.Var(&lf.only, "rule", "run only this rule (repeatable, or comma-separated); a rule off by default then runs at warning")
	fs.BoolVar(&lf.statistics, "statistics", false, "print how many findings each rule has (and how many --fix repairs) instead of the findings; text or json")
	fs.StringVar(&lf.sort, "sort", sortOrders()[0], "order of the findings: "+strings.Join(sortOrders(), ", ")+" (by file and position, most severe first, by rule id)")
	fs.BoolVar(&lf.exitZero, "exit-zero", false, "exit 0 even when there are findings at error severity (2 still means the run failed)")
	addLookupFlags(fs, &lf.lookup, "the published versions of the arXiv preprints a companion .bib cites (bib-mismatch)")
	paths, err := parseInterspersed(fs, args)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitTrouble
	}
	lf.lookup.given(fs)
	if !slices.Contains(report.Formats, lf.format) {
		fmt.Fprintf(e.stderr, "papers lint: unknown --format %q (want one of %s)\n", lf.format, strings.Join(report.Formats, ", "))
		return exitTrouble
	}
	if lf.fix && lf.diff {
		fmt.Fprintln(e.stderr, "papers lint: --fix and --diff do not go together: --diff shows the fixes without writing them")
		return exitTrouble
	}
	if !slices.Contains(sortOrders(), lf.sort) {
		fmt.Fprintf(e.stderr, "papers lint: unknown --sort %q (want one of %s)\n", lf.sort, strings.Join(sortOrders(), ", "))
		return exitTrouble
	}
	if lf.statistics && lf.format != "text" && lf.format != "json" {
		fmt.Fprintf(e.stderr, "papers lint: --statistics prints text or json, not --format %s\n", lf.format)
		return exitTrouble
	}
	if lf.stdinName != "" {
		// --stdin-filename names standard input: with no path it is what
		// is read, and with paths one of them must be "-", else the name
		// would be ignored and the folder linted instead.
		switch {
		case len(paths) == 0 && e.stdinIsTerminal:
			fmt.Fprintln(e.stderr, "papers lint: --stdin-filename reads standard input, which is a terminal: pipe the text in")
			return exitTrouble
		case len(paths) == 0:
			paths = []string{"-"}
		case !slices.Contains(paths, "-"):
			fmt.Fprintln(e.stderr, "papers lint: --stdin-filename names standard input, which no path reads: add - to the paths")
			return exitTrouble
		}
	}

	given := paths
	if len(paths) == 0 {
		paths = []string{"."}
	}
	// Each path is linted under the config found from its own folder
	// upwards (like ESLint and ruff), so that a hook or an editor running
	// from elsewhere gets what `papers lint` gets in the notes' folder.
	// The findings stay in the runner's sorted lists, merged as they are
	// written: a dense list has millions of them, and one more list of
	// them all would be as large again.
	found := lint.NewFindings(nil)
	var ruleList []*lint.Rule
	trouble, stdinFix, diffPrinted, inputs := false, false, false, 0
	code := exitOK
	color := e.isTerminal && !lf.noColor && e.getenv("NO_COLOR") == "" && !lf.diff
	opt := report.Options{
		Color: color, Context: e.isTerminal || lf.format == "text" && e.getenv("PAPERS_CONTEXT") == "1",
		ToolVersion: version(), Docs: docs.FS(), ExitCode: &code,
		Jobs:    jobsOf(lf.jobs, io.Discard),
		Command: commandLine("", lf.config, given),
	}
	if wd, err := os.Getwd(); err == nil {
		opt.SrcRoot = wd
	}
	groups := groupByConfig(paths, &lf)
	// The findings are written as the rules hand them over, file by file
	// (text, JSON, rdjson, Checkstyle: report.Streams), when nothing needs them all
	// first: the run then holds the work in flight, not every finding
	// (see lint.Runner.RunStream); --quiet keeps the errors of each file.
	// Another --sort, --max-findings and --max-warnings read them all
	// before the first is written (the last two say so before them);
	// several configs' findings are merged in one order. The stream is made at the first hand-over,
	// when the run's rules are known (rdjson links each rule's page).
	var (
		sw             *report.Stream
		streamedCounts report.Counts
		streamErr      error
		streamed       bool
	)
	newStream := func(rules []*lint.Rule) *report.Stream {
		o := opt
		o.Rules = rules
		s, _ := report.NewStream(e.stdout, lf.format, o) // report.Streams accepts the format
		return s
	}
	canStream := len(groups) == 1 && report.Streams(lf.format) && lf.sort == sortOrders()[0] && lf.maxFindings == 0 &&
		lf.maxWarnings < 0 && !lf.statistics && !lf.fix && !lf.diff
	for _, g := range groups {
		var emit func(rules []*lint.Rule, f *lint.Findings) error
		if canStream {
			emit = func(rules []*lint.Rule, f *lint.Findings) error {
				if sw == nil {
					sw = newStream(rules)
				}
				c := report.CountFindings(f)
				streamedCounts.Errors += c.Errors
				streamedCounts.Warnings += c.Warnings
				streamedCounts.Infos += c.Infos
				streamedCounts.Fixable += c.Fixable
				if lf.quiet {
					f = errorsOf(f)
				}
				return sw.Write(f)
			}
		}
		gr, code := lintGroup(g, &lf, e, emit)
		if code == exitTrouble && gr == nil {
			return exitTrouble
		}
		streamed = streamed || gr.streamed
		streamErr = cmp.Or(streamErr, gr.streamErr)
		trouble = trouble || gr.trouble
		stdinFix = stdinFix || gr.stdinFix
		diffPrinted = diffPrinted || gr.diffPrinted
		inputs += gr.inputs
		found.Append(gr.found) // in group order, as a stable sort of them all would give
		for _, r := range gr.rules {
			if !slices.ContainsFunc(ruleList, func(x *lint.Rule) bool { return x.ID == r.ID }) {
				ruleList = append(ruleList, r)
			}
		}
	}
	if inputs == 0 && trouble {
		return exitTrouble
	}
	if inputs == 0 {
		// An empty folder, or paths that hold no notes: say so rather than
		// pass in silence, which reads as "all is well".
		fmt.Fprintf(e.stderr, "papers: no notes (*.md, *.markdown) or .bib files in %s\n", strings.Join(paths, " "))
	}

	// What is shown: all the findings, or, when a flag picks some or
	// another order, one list of them. --quiet and --max-findings keep
	// copies of what they pick as the findings are read in order, not a
	// copy of them all: --max-findings is for files with millions.
	shown := found
	if lf.quiet || lf.maxFindings > 0 {
		c := newFindingCap(lf.maxFindings)
		var kept []lint.Diagnostic
		_ = found.Windows(1<<12, func(_ int, ds []lint.Diagnostic) error { // never fails
			for i := range ds {
				if d := &ds[i]; (!lf.quiet || d.Severity == lint.Error) && c.keep(d) {
					kept = append(kept, *d)
				}
			}
			return nil
		})
		c.report(e)
		shown = lint.NewFindings(found.Files, kept)
	}
	if lf.sort != sortOrders()[0] {
		diags := shown.Slice()
		sortFindings(diags, lf.sort)
		shown = lint.NewFindings(found.Files, diags)
	}
	out := e.stdout
	if lf.diff || stdinFix {
		// stdout carries the diff or the fixed text; findings go to stderr.
		out = e.stderr
	}

	counts := report.CountFindings(found)
	if streamed {
		counts = streamedCounts
	}
	switch {
	case trouble:
		code = exitTrouble
	case lf.exitZero:
	case counts.Errors > 0, diffPrinted:
		code = exitFindings
	case lf.maxWarnings >= 0 && counts.Warnings > lf.maxWarnings:
		fmt.Fprintf(e.stderr, "papers: %d warnings, more than --max-warnings %d\n", counts.Warnings, lf.maxWarnings)
		code = exitFindings
	}

	opt.Rules = ruleList
	opt.Color = opt.Color && !stdinFix
	if lf.format == "github" && e.getenv("GITHUB_STEP_SUMMARY") != "" {
		if err := appendStepSummary(e, shown, inputs, opt, commandLine("--fix", lf.config, given)); err != nil {
			fmt.Fprintf(e.stderr, "papers: step summary: %v\n", err)
			code = exitTrouble
		} else {
			opt.StepSummary = true
		}
	}
	switch {
	case streamed:
		err = streamErr
		if sw == nil {
			sw = newStream(ruleList) // nothing was handed over
		}
		if err == nil {
			err = sw.Close()
		}
	case lf.statistics:
		err = report.WriteStatistics(out, lf.format, shown, ruleList)
	default:
		err = report.WriteFindings(out, lf.format, shown, opt)
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "papers: %v\n", err)
		return exitTrouble
	}
	// The summary line goes to stderr for the formats people read (text,
	// and github, whose stdout the runner turns into annotations while
	// stderr stays in the log), on a terminal or not; machine formats keep
	// stderr for errors.
	if (lf.format == "text" || lf.format == "github") && counts.Total() > 0 {
		fmt.Fprintln(e.stderr, counts.Line(inputs, !lf.fix && !lf.diff))
	}
	return code
}

// errorsOf returns the findings of f at error severity (--quiet).
func errorsOf(f *lint.Findings) *lint.Findings {
	var kept []lint.Diagnostic
	_ = f.Windows(1<<12, func(_ int, ds []lint.Diagnostic) error { // never fails
		for i := range ds {
			if ds[i].Severity == lint.Error {
				kept = append(kept, ds[i])
			}
		}
		return nil
	})
	return lint.NewFindings(f.Files, kept)
}

// findingCap keeps the first max findings of each rule in each file (all
// of them when max <= 0) and then says on stderr how many it left out, so
// that a hostile file cannot make a CI log or an annotation upload of
// millions of lines.
type findingCap struct {
	max   int
	seen  map[capKey]int
	order []capKey // in the order first met
}

type capKey struct{ file, rule string }

func newFindingCap(max int) *findingCap { return &findingCap{max: max, seen: map[capKey]int{}} }

// keep counts d and reports whether it is among the first max of its
// rule in its file.
func (c *findingCap) keep(d *lint.Diagnostic) bool {
	if c.max <= 0 {
		return true
	}
	k := capKey{d.File, d.Rule}
	if c.seen[k] == 0 {
		c.order = append(c.order, k)
	}
	c.seen[k]++
	return c.seen[k] <= c.max
}

// report says, per file and rule, how many findings were left out.
func (c *findingCap) report(e *env) {
	for _, k := range c.order {
		if n := c.seen[k] - c.max; n > 0 {
			fmt.Fprintf(e.stderr, "papers: %s: %d more %s %s not shown (--max-findings %d)\n", k.file, n, k.rule, plural(n, "finding", "findings"), c.max)
		}
	}
}

// sortFindings puts diags in the --sort order: by file and position (the
// runner's order), most severe first, or by rule id; ties keep the
// runner's order.
func sortFindings(diags []lint.Diagnostic, order string) {
	switch order {
	case "severity":
		slices.SortStableFunc(diags, func(a, b lint.Diagnostic) int { return cmp.Compare(b.Severity, a.Severity) })
	case "rule":
		slices.SortStableFunc(diags, func(a, b lint.Diagnostic) int { return strings.Compare(a.Rule, b.Rule) })
	}
}

// commandLine is the papers lint command, with flag (such as --fix) when
// it is not "", that checks the same paths with the same config, quoted
// for a POSIX shell: what a report tells the user to run.
func commandLine(flag, config string, paths []string) string {
	args := []string{"papers", "lint"}
	if flag != "" {
		args = append(args, flag)
	}
	if config != "" {
		args = append(args, "--config", config)
	}
	if len(paths) > 0 && strings.HasPrefix(paths[0], "-") && paths[0] != "-" {
		args = append(args, "--")
	}
	args = append(args, paths...)
	for i, a := range args {
		args[i] = shellQuote(a)
	}
	return strings.Join(args, " ")
}

// shellQuote quotes s for a POSIX shell when it holds anything but
// letters, digits and - _ . / : = @ % + , (and is not empty).
func shellQuote(s string) string {
	plain := func(r rune) bool {
		return r < 0x80 && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("-_./:=@%+,", r))
	}
	if s != "" && strings.IndexFunc(s, func(r rune) bool { return !plain(r) }) < 0 {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// appendStepSummary appends the run's Markdown summary to the file that
// $GITHUB_STEP_SUMMARY names, with links to the lines of the repository at
// the commit the workflow runs on.
func appendStepSummary(e *env, shown *lint.Findings, inputs int, opt report.Options, fixCommand string) error {
	repo := report.GitHubRepo{Root: e.getenv("GITHUB_WORKSPACE"), Dir: opt.SrcRoot}
	if server, name, sha := e.getenv("GITHUB_SERVER_URL"), e.getenv("GITHUB_REPOSITORY"), e.getenv("GITHUB_SHA"); server != "" && name != "" && sha != "" {
		repo.BlobURL = strings.TrimSuffix(server, "/") + "/" + name + "/blob/" + sha + "/"
	}
	var buf bytes.Buffer
	if err := report.WriteStepSummary(&buf, shown, inputs, opt, fixCommand, repo); err != nil {
		return err
	}
	path := e.getenv("GITHUB_STEP_SUMMARY")
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
	if err != nil {
		return err
	}
	if _, err := buf.WriteTo(f); err != nil {
		_ = f.Close()
		return fmt.Errorf("%s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}

// configGroup is the paths linted under one config.
type configGroup struct {
	config string // the config file, "" for the defaults
	paths  []string
}

// groupByConfig groups paths by the config found from each one's folder
// upwards (--config names one for all), in the order they come.
func groupByConfig(paths []string, lf *lintFlags) []configGroup {
	if lf.config != "" {
		return []configGroup{{config: lf.config, paths: paths}}
	}
	var groups []configGroup
	at := map[string]int{}
	for _, p := range paths {
		dir := p
		switch {
		case p == "-" && lf.stdinName != "":
			dir = filepath.Dir(lf.stdinName)
		case p == "-":
			dir = "."
		default:
			if st, err := os.Stat(p); err != nil || !st.IsDir() {
				dir = filepath.Dir(p)
			}
		}
		cfg := lint.FindConfig(dir)
		k, ok := at[cfg]
		if !ok {
			k = len(groups)
			at[cfg] = k
			groups = append(groups, configGroup{config: cfg})
		}
		groups[k].paths = append(groups[k].paths, p)
	}
	return groups
}

// groupResult is what linting one config group gave.
type groupResult struct {
	found                          *lint.Findings
	rules                          []*lint.Rule
	inputs                         int
	trouble, stdinFix, diffPrinted bool
	// streamed says that the findings went to emit, not to found;
	// streamErr is emit's first error.
	streamed  bool
	streamErr error
}

// lintGroup lints (and fixes) one group's paths under its config. A nil
// result with exitTrouble stops the command (a config or flag error).
// With emit, the findings of a lint run go to it, with the run's rules,
// as the rules hand them over, except when papers are looked up: what the
// lookups could not reach is said on stderr after the run, and before the
// findings.
func lintGroup(g configGroup, lf *lintFlags, e *env, emit func(rules []*lint.Rule, f *lint.Findings) error) (*groupResult, int) {
	cfg := lint.DefaultConfig()
	if g.config != "" {
		var err error
		if cfg, err = lint.LoadConfig(g.config); err != nil {
			fmt.Fprintf(e.stderr, "papers: %v\n", err)
			return nil, exitTrouble
		}
	}
	cfg.AllowOutside = lf.allowOutside
	runner, err := lint.NewRunner(rules.All(), cfg)
	if err != nil {
		fmt.Fprintf(e.stderr, "papers: %v\n", err)
		return nil, exitTrouble
	}
	// --jobs is the worker budget of this run, passed down to the
	// workspace (reading and parsing) and the rules.
	runner.Jobs = jobsOf(lf.jobs, e.stderr)
	if len(lf.only) > 0 {
		runner.Only = map[string]bool{}
		for _, id := range lf.only {
			if !runner.KnownRule(id) {
				fmt.Fprintf(e.stderr, "papers lint: unknown rule %q in --rule (see `papers rules`)\n", id)
				return nil, exitTrouble
			}
			runner.Only[id] = true
		}
	}
	// Papers are looked up only when the flags or the config name a
	// library or online: true; otherwise the run reads its files and
	// nothing else.
	resolver, lookupTrouble, err := newLookup(lf.lookup, cfg, "papers lint", e)
	if err != nil {
		fmt.Fprintf(e.stderr, "papers lint: %v\n", err)
		return nil, exitTrouble
	}
	var failed lookupErrors
	if resolver != nil {
		resolver.Sources = counted(resolver.Sources, &failed)
		if e.errTerminal {
			resolver.Progress = func(done, total int) {
				fmt.Fprintf(e.stderr, "\rresolving %d/%d ...", done, total)
				if done == total {
					fmt.Fprint(e.stderr, "\r\x1b[K")
				}
			}
		}
	}
	ws, err := workspace.New(cfg, workspace.Options{Year: time.Now().Year(), Jobs: runner.Jobs, Bib: lf.bib, Exclude: lf.exclude, StdinName: lf.stdinName, MaxFileSize: int64(lf.maxFileSize), Resolver: resolver, Context: e.context()})
	if err != nil {
		fmt.Fprintf(e.stderr, "papers: %v\n", err)
		return nil, exitTrouble
	}
	gr := &groupResult{rules: runner.Rules, trouble: lookupTrouble}
	defer failed.report(e)
	gr.trouble = addPaths(ws, g.paths, e) || gr.trouble
	inputs := ws.Inputs()
	gr.inputs = len(inputs)
	if !lf.noWorkspace && namesFiles(g.paths) {
		// Files were given (a pre-commit hook's staged files, an editor's
		// buffer): the corpus rules read the rest of the workspace too,
		// and report in the files given only.
		for _, n := range ws.AddContext(workspace.Root(contextAnchor(g.paths, lf))) {
			fmt.Fprintf(e.stderr, "papers: %s\n", n)
		}
	}

	if e.firstGC != nil {
		e.firstGC.Raise(heapPerInputByte * inputBytes(ws.Inputs()))
	}

	switch {
	case lf.fix || lf.diff:
		fr := runner.Fix(ws)
		gr.found = lint.NewFindings(fr.Files, fr.Diagnostics)
		for _, in := range inputs {
			fixed, ok := fr.Fixed[in.Path]
			if !ok && (!lf.fix || !ws.FromStdin(in.Path)) {
				continue
			}
			if !ok {
				fixed = in.Src
			}
			switch {
			case lf.diff:
				if err := udiff.Write(e.stdout, "a/"+in.Path, "b/"+in.Path, in.Src, fixed); err != nil {
					fmt.Fprintf(e.stderr, "papers: %v\n", err)
					return nil, exitTrouble
				}
				gr.diffPrinted = gr.diffPrinted || !bytes.Equal(in.Src, fixed)
			case ws.FromStdin(in.Path):
				gr.stdinFix = true
				if _, err := e.stdout.Write(fixed); err != nil {
					fmt.Fprintf(e.stderr, "papers: write stdout: %v\n", err)
					return nil, exitTrouble
				}
			default:
				if err := writeFixed(in, fixed, cfg, lf.force, e); err != nil {
					fmt.Fprintf(e.stderr, "papers: %v\n", err)
					gr.trouble = true
					continue
				}
				n := fr.Applied[in.Path]
				fmt.Fprintf(e.stderr, "papers: fixed %s (%d %s)\n", in.Path, n, plural(n, "fix", "fixes"))
			}
		}
	case emit != nil && resolver == nil:
		files, err := runner.RunStream(ws, func(f *lint.Findings) error { return emit(runner.Rules, f) })
		gr.found, gr.streamed, gr.streamErr = lint.NewFindings(files), true, err
	default:
		gr.found = runner.RunFindings(ws)
	}
	return gr, exitOK
}

// heapPerInputByte is how much heap a lint run may hold, per byte of the
// input it lints, before the garbage collector's first cycle (see gcstart). A run
// keeps its files' text, their parse and its findings to the end: a dense
// 100,000-paper list with its .bib (142 MB) holds about 4 bytes per input
// byte at the end and allocates about 8 in all, so the collector's usual
// pace (a cycle each time the heap doubles) lets it grow to 6 or more
// anyway, and the cycles on the way there free little. Measured on that
// list, three runs of each, alternated: 1.87-2.04 s and 0.99-1.00 GB
// instead of 2.02-2.14 s and 0.89-0.99 GB. Below 43 MB of input the
// first cycle stays at firstGCHeap.
const heapPerInputByte = 6

// inputBytes is the size of the text of the inputs that are linted: the
// files read for reference (the rest of the workspace around a staged
// file, a companion .bib) are parsed but hold no findings, and a hook
// linting one file of a large repository is better off collecting early
// (50 lists of 2,000 papers: 710 MB instead of 880 with them counted, for
// 9% more time).
func inputBytes(inputs []lint.Input) uint64 {
	var n uint64
	for _, in := range inputs {
		if !in.Quiet {
			n += uint64(len(in.Src))
		}
	}
	return n
}

// namesFiles reports whether paths name a file or standard input, not only
// folders.
func namesFiles(paths []string) bool {
	for _, p := range paths {
		if p == "-" {
			return true
		}
		if st, err := os.Stat(p); err == nil && !st.IsDir() {
			return true
		}
	}
	return false
}

// contextAnchor is the path whose workspace is read around the files
// given: the first file, or standard input's name.
func contextAnchor(paths []string, lf *lintFlags) string {
	for _, p := range paths {
		if p == "-" {
			if lf.stdinName != "" {
				return lf.stdinName
			}
			return "."
		}
		if st, err := os.Stat(p); err == nil && !st.IsDir() {
			return p
		}
	}
	return "."
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

// writeFixed writes a fixed file through a symbolic link that stays in the
// workspace, only if the file still holds what was read (an editor may
// have saved it meanwhile).
func writeFixed(in lint.Input, fixed []byte, cfg *lint.Config, force bool, e *env) error {
	root, err := confine.RootOf(cfg.Path, in.Path)
	if err != nil {
		return fmt.Errorf("%s: %w", in.Path, err)
	}
	target, err := confine.WriteTarget(root, in.Path, true)
	if err != nil {
		return err
	}
	return e.writeFile(target, fixed, atomicfile.Options{Expect: in.Src, Force: force})
}

// addPaths adds the paths to the workspace, saying on stderr what could not
// be read (trouble) and what was skipped.
func addPaths(ws *workspace.Workspace, paths []string, e *env) (trouble bool) {
	errs, notices := ws.Add(paths, e.stdin)
	for _, err := range errs {
		fmt.Fprintf(e.stderr, "papers: %v\n", err)
	}
	for _, n := range notices {
		fmt.Fprintf(e.stderr, "papers: %s\n", n)
	}
	return len(errs) > 0
}

// plural picks the word for n things.
func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
