// Command papers is papers lint with one rule of a research group's own,
// journal-doi, added to the built-in ones: a module that builds its own
// linter from the papers packages, as golangci-lint's custom builds do.
//
//	go build -o papers .
//	./papers lint [--format F] [--config FILE] [--fix] [paths...]
//	./papers rules
//
// or, without building: go run . lint testdata/notes.md testdata/notes.bib
//
// journal-doi reads each paper's companion .bib entry through
// rules.CompanionEntries, an analysis the runner builds once for it and
// for the built-in rules that need it.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/paperlint/papers/lint"
	"github.com/paperlint/papers/lint/report"
	"github.com/paperlint/papers/rules"
	"github.com/paperlint/papers/workspace"
)

// JournalDOI reports a paper of the notes whose companion .bib entry is a
// journal article without a doi: the group cites journals by DOI.
var JournalDOI = &lint.Rule{
	ID:       "journal-doi",
	Summary:  "the companion .bib entry of a journal paper has no doi",
	Severity: lint.Warning,
	Scope:    lint.NotesScope,
	Requires: []lint.Analyzer{rules.CompanionEntries},
	Doc:      "https://example.com/ruleset/journal-doi",
	Check: func(p *lint.Pass) {
		entries := rules.CompanionEntries.Of(p, p.File)
		for i, paper := range p.File.Notes.Papers {
			for _, e := range entries[i] {
				if e.Has("journal") && !e.Has("doi") {
					p.Reportf(p.File, paper.TitleSpan.Start, paper.TitleSpan.End,
						"%q is a journal paper: add the doi to entry %s", paper.Title, e.Key)
				}
			}
		}
	},
}

// ruleSet is the built-in rules and the group's own.
func ruleSet() []*lint.Rule { return append(rules.All(), JournalDOI) }

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// Exit codes, as papers has them.
const (
	exitOK       = 0
	exitFindings = 1
	exitTrouble  = 2
)

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprintln(stderr, "usage: papers lint [--format F] [--config FILE] [--fix] [paths...] | papers rules")
		return exitTrouble
	}
	switch args[0] {
	case "lint":
		return lintCmd(args[1:], stdout, stderr)
	case "rules":
		runner, err := lint.NewRunner(ruleSet(), nil)
		if err != nil {
			fmt.Fprintf(stderr, "papers: %v\n", err)
			return exitTrouble
		}
		for _, r := range runner.Rules {
			fmt.Fprintf(stdout, "%s\t%s\t%s\n", r.ID, r.Severity, r.Summary)
		}
		return exitOK
	}
	fmt.Fprintf(stderr, "papers: unknown command %q\n", args[0])
	return exitTrouble
}

// lintCmd lints the paths (the current folder by default) with the rule
// set and prints the findings.
func lintCmd(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("lint", flag.ContinueOnError)
	fs.SetOutput(stderr)
	format := fs.String("format", "text", "output format: text, json, github, sarif, checkstyle, rdjson")
	config := fs.String("config", "", "config file (default: .papers.yaml found from the current folder)")
	fix := fs.Bool("fix", false, "apply safe fixes in place, then report what is left")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitTrouble
	}
	paths := fs.Args()
	if len(paths) == 0 {
		paths = []string{"."}
	}
	cfg, err := loadConfig(*config, paths[0])
	if err != nil {
		fmt.Fprintf(stderr, "papers: %v\n", err)
		return exitTrouble
	}
	runner, err := lint.NewRunner(ruleSet(), cfg)
	if err != nil {
		fmt.Fprintf(stderr, "papers: %v\n", err)
		return exitTrouble
	}
	ws, err := workspace.New(cfg, workspace.Options{Year: time.Now().Year(), Jobs: 4})
	if err != nil {
		fmt.Fprintf(stderr, "papers: %v\n", err)
		return exitTrouble
	}
	errs, notices := ws.Add(paths, os.Stdin)
	for _, n := range notices {
		fmt.Fprintf(stderr, "papers: %s\n", n)
	}
	for _, err := range errs {
		fmt.Fprintf(stderr, "papers: %v\n", err)
	}
	if *fix {
		if code := applyFixes(runner, ws, stderr); code != exitOK {
			return code
		}
	}
	res := runner.Run(ws)
	if err := report.Write(stdout, *format, res.Diagnostics, res.Files, report.Options{Rules: runner.Rules}); err != nil {
		fmt.Fprintf(stderr, "papers: %v\n", err)
		return exitTrouble
	}
	switch {
	case len(errs) > 0:
		return exitTrouble
	case hasErrors(res.Diagnostics):
		return exitFindings
	}
	return exitOK
}

// applyFixes runs the fix loop and writes the files it changed. papers
// itself writes them atomically (a temporary file, then a rename); this
// example keeps to os.WriteFile.
func applyFixes(runner *lint.Runner, ws *workspace.Workspace, stderr io.Writer) int {
	fr := runner.Fix(ws)
	for path, src := range fr.Fixed {
		if err := os.WriteFile(path, src, 0o644); err != nil {
			fmt.Fprintf(stderr, "papers: %v\n", err)
			return exitTrouble
		}
	}
	return exitOK
}

// loadConfig reads the config named, else the one found from the folder
// of the first path upwards, else the defaults. (papers itself finds one
// for each path.)
func loadConfig(path, first string) (*lint.Config, error) {
	if path == "" {
		dir := first
		if st, err := os.Stat(first); err != nil || !st.IsDir() {
			dir = filepath.Dir(first)
		}
		path = lint.FindConfig(dir)
	}
	if path == "" {
		return lint.DefaultConfig(), nil
	}
	return lint.LoadConfig(path)
}

// hasErrors reports whether a finding is at error severity.
func hasErrors(ds []lint.Diagnostic) bool {
	for _, d := range ds {
		if d.Severity == lint.Error {
			return true
		}
	}
	return false
}
