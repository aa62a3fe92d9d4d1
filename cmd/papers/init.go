package main

import (
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/paperlint/papers/lint"
	"github.com/paperlint/papers/rules"
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
	text, err := defaultConfigText(rules.All())
	if err != nil {
		fmt.Fprintf(e.stderr, "papers init: %v\n", err)
		return exitTrouble
	}
	if *toStdout {
		fmt.Fprint(e.stdout, text)
		return exitOK
	}
	if _, err := os.Stat(lint.ConfigFileName); err == nil && !*force {
		fmt.Fprintf(e.stderr, "papers init: %s exists; use --force to overwrite it\n", lint.ConfigFileName)
		return exitTrouble
	} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
		fmt.Fprintf(e.stderr, "papers init: %v\n", err)
		return exitTrouble
	}
	if err := os.WriteFile(lint.ConfigFileName, []byte(text), 0o644); err != nil {
		fmt.Fprintf(e.stderr, "papers init: %v\n", err)
		return exitTrouble
	}
	fmt.Fprintf(e.stderr, "papers: wrote %s\n", lint.ConfigFileName)
	return exitOK
}

// defaultConfigText renders a config that sets every rule to its default,
// with the rule's options and their defaults, so that the file documents
// what can be configured. It decodes back to the defaults (a test checks).
func defaultConfigText(rs []*lint.Rule) (string, error) {
	var b strings.Builder
	b.WriteString(`# papers configuration. Found in the current folder or its nearest parent,
# or named with --config. Unknown keys are errors.
#
# Each rule takes a severity (off, info, warning, error) or a section with
# "severity:" and the rule's options. Docs: docs/rules/<rule-id>.md
rules:
`)
	for _, r := range rs {
		fmt.Fprintf(&b, "  # %s\n", r.Summary)
		if r.NewOptions == nil {
			fmt.Fprintf(&b, "  %s: %s\n", r.ID, r.Severity)
			continue
		}
		fmt.Fprintf(&b, "  %s:\n    severity: %s\n", r.ID, r.Severity)
		opts, err := yaml.Marshal(r.NewOptions())
		if err != nil {
			return "", fmt.Errorf("rule %s options: %w", r.ID, err)
		}
		if s := strings.TrimSpace(string(opts)); s != "{}" && s != "" {
			for _, line := range strings.Split(s, "\n") {
				fmt.Fprintf(&b, "    %s\n", line)
			}
		}
	}
	b.WriteString(`
# Venues the built-in registry lacks (see docs/venues.md):
# venues:
#   - tag: DLRS
#     kind: workshop            # conference, journal, workshop or preprint
#     booktitle: Workshop on Deep Learning for Recommender Systems
#     first-year: 2016
# Spellings to read as a known venue:
# venue-aliases:
#   Oakland: S&P
# Settle ambiguous organisation tags for every file:
# org-aliases:
#   MS: MSRA
# Companion .bib of a notes file, when it is not <notes>.bib or references.bib:
# bib:
#   README.md: refs/papers.bib
# Key template of the entries papers bib builds (--key-format wins):
# bib-key-format: '{venue}{year}{word}'
# .bib files papers bib takes authors and pages from (inside this folder):
# library:
#   - refs/zotero.bib
# Let papers bib ask DBLP, Crossref and arXiv (sends titles; --offline wins):
# online: false
# Paths not to lint when walking folders:
# exclude:
#   - drafts/**
# Rules without Go: a RE2 pattern matched in one part of each entry
# (title, venue, org, section, note or entry).
# custom-rules:
#   - id: no-todo
#     pattern: 'TODO'
#     scope: note
#     message: unfinished note
#     severity: info
`)
	return b.String(), nil
}
