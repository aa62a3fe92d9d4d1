package main

import (
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"strings"
	"time"

	"github.com/paperlint/papers/internal/atomicfile"
	"github.com/paperlint/papers/internal/safeio"
	"github.com/paperlint/papers/lint"
	"github.com/paperlint/papers/notes"
	"github.com/paperlint/papers/rules"
	"github.com/paperlint/papers/workspace"
)

func cmdInit(args []string, e *env) int {
	fset := newFlagSet("init", "init [--force] [--stdout] [--detect]\n\nWrites a commented .papers.yaml listing every rule with its default severity and options.", e.stderr)
	force := fset.Bool("force", false, "overwrite an existing .papers.yaml")
	toStdout := fset.Bool("stdout", false, "print the config instead of writing it")
	detect := fset.Bool("detect", false, "write the notes convention (style:) that most entries of the notes files under this folder follow")
	if _, err := parseInterspersed(fset, args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitTrouble
	}
	// initTemplate is generated from rules.All() by go generate ./rules
	// (internal/gendocs), which a test keeps current.
	text := initTemplate
	if *detect {
		block, err := detectStyle(e)
		if err != nil {
			fmt.Fprintf(e.stderr, "papers init: --detect: %v\n", err)
			return exitTrouble
		}
		text = strings.Replace(text, "# style: auto\n", block, 1)
	}
	if *toStdout {
		if _, err := fmt.Fprint(e.stdout, text); err != nil {
			fmt.Fprintf(e.stderr, "papers init: write stdout: %v\n", err)
			return exitTrouble
		}
		return exitOK
	}
	if _, err := os.Stat(lint.ConfigFileName); err == nil && !*force {
		fmt.Fprintf(e.stderr, "papers init: %s exists; use --force to overwrite it\n", lint.ConfigFileName)
		return exitTrouble
	} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
		fmt.Fprintf(e.stderr, "papers init: %v\n", err)
		return exitTrouble
	}
	// Written atomically: a full disk leaves no empty .papers.yaml.
	if err := e.writeFile(lint.ConfigFileName, []byte(text), atomicfile.Options{Perm: 0o644, Force: *force}); err != nil {
		fmt.Fprintf(e.stderr, "papers init: %v\n", err)
		return exitTrouble
	}
	fmt.Fprintf(e.stderr, "papers: wrote %s\n", lint.ConfigFileName)
	return exitOK
}

// detectStyle reads the notes files under the current folder (as papers
// lint . finds them) and renders the style most of their entries follow.
func detectStyle(e *env) (string, error) {
	ws, err := workspace.New(lint.DefaultConfig(), workspace.Options{Year: time.Now().Year(), Jobs: jobsOf(0, e.stderr), MaxFileSize: safeio.DefaultMaxSize})
	if err != nil {
		return "", err
	}
	errs, _ := ws.Add([]string{"."}, nil)
	if len(errs) > 0 {
		return "", errs[0]
	}
	var docs []*notes.Document
	papers := 0
	for _, f := range ws.Files() {
		if f.Kind == lint.NotesFile && f.Notes != nil {
			docs = append(docs, f.Notes)
			papers += len(f.Notes.Papers)
		}
	}
	s := rules.Detect(docs...)
	return fmt.Sprintf("# Detected from %d %s with %d %s (papers init --detect):\nstyle:\n  org-tags: %s\n  year: %s\n  brackets: %s\n  notes: %s\n",
		len(docs), plural(len(docs), "notes file", "notes files"), papers, plural(papers, "entry", "entries"), s.OrgTags, s.Year, s.Brackets, s.Notes), nil
}
