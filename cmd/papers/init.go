package main

import (
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"

	"github.com/paperlint/papers/internal/atomicfile"
	"github.com/paperlint/papers/lint"
)

func cmdInit(args []string, e *env) int {
	fset := newFlagSet("init", "init [--force] [--stdout]\n\nWrites a commented .papers.yaml listing every rule with its default severity and options.", e.stderr)
	force := fset.Bool("force", false, "overwrite an existing .papers.yaml")
	toStdout := fset.Bool("stdout", false, "print the config instead of writing it")
	if _, err := parseInterspersed(fset, args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitTrouble
	}
	// initTemplate is generated from rules.All() by go generate ./rules
	// (internal/gendocs), which a test keeps current.
	text := initTemplate
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
