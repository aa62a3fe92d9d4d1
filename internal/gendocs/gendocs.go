package main

import (
	"bytes"
	"fmt"
	"go/format"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/paperlint/papers/lint"
	"github.com/paperlint/papers/rules"
)

// Paths of the generated files, relative to the module root.
const (
	readmePath = "README.md"
	initPath   = "cmd/papers/init_gen.go"
)

// generate returns the generated files, keyed by their slash-separated
// path under root. README.md is read from root: only its rules table is
// generated, the rest is kept as written.
func generate(root string) (map[string][]byte, error) {
	rs := rules.All()
	readme, err := os.ReadFile(filepath.Join(root, readmePath))
	if err != nil {
		return nil, err
	}
	readme, err = replaceRulesTable(readme, rulesTable(rs))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", readmePath, err)
	}
	tmpl, err := initTemplate(rs)
	if err != nil {
		return nil, err
	}
	src, err := initGoFile(tmpl)
	if err != nil {
		return nil, err
	}
	return map[string][]byte{readmePath: readme, initPath: src}, nil
}

func sortedKeys(m map[string][]byte) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// rulesTable is the README's table: one row per rule, in the order of
// rules.All(), which is the order `papers rules` prints.
func rulesTable(rs []*lint.Rule) string {
	var b strings.Builder
	b.WriteString("| rule | default | fix | what it checks |\n|---|---|---|---|\n")
	for _, r := range rs {
		fix := ""
		if r.Fixable {
			fix = "yes"
		}
		fmt.Fprintf(&b, "| [%s](%s) | %s | %s | %s |\n", r.ID, r.DocURL(), r.Severity, fix, escapeCell(r.Summary))
	}
	// An empty cell is written "| |", as the table was written by hand.
	return strings.ReplaceAll(b.String(), "|  |", "| |")
}

// bracketGroup is a tag such as [VENUE'YY] or [Google] in a summary.
var bracketGroup = regexp.MustCompile(`\[[^\]\[]*\]`)

// escapeCell writes a summary as a Markdown table cell: a "|" must not end
// the cell, and a tag in brackets is code, so that Markdown neither reads
// it as a link reference nor drops the brackets.
func escapeCell(s string) string {
	s = bracketGroup.ReplaceAllString(s, "`$0`")
	return strings.ReplaceAll(s, "|", `\|`)
}

// replaceRulesTable puts table in the place of the first table (a run of
// lines starting with "|") after the "## Rules" heading.
func replaceRulesTable(readme []byte, table string) ([]byte, error) {
	lines := strings.SplitAfter(string(readme), "\n")
	sec := slices.IndexFunc(lines, func(l string) bool { return strings.TrimRight(l, "\r\n") == "## Rules" })
	if sec < 0 {
		return nil, fmt.Errorf("no \"## Rules\" heading")
	}
	start := -1
	for i := sec + 1; i < len(lines); i++ {
		if strings.HasPrefix(lines[i], "## ") {
			break
		}
		if strings.HasPrefix(lines[i], "|") {
			start = i
			break
		}
	}
	if start < 0 {
		return nil, fmt.Errorf("no table under \"## Rules\"")
	}
	end := start
	for end < len(lines) && strings.HasPrefix(lines[end], "|") {
		end++
	}
	var out bytes.Buffer
	out.WriteString(strings.Join(lines[:start], ""))
	out.WriteString(table)
	out.WriteString(strings.Join(lines[end:], ""))
	return out.Bytes(), nil
}

// initTemplate renders a config that sets every rule to its default, with
// the rule's options and their defaults, so that the file documents what
// can be configured. It decodes back to the defaults (cmd/papers tests it).
func initTemplate(rs []*lint.Rule) (string, error) {
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
# .bib files papers bib takes authors and pages from, and papers lint the
# published versions of the preprints a .bib cites (inside this folder):
# library:
#   - refs/zotero.bib
# Let papers bib and papers lint ask DBLP, Crossref and arXiv (sends titles;
# --offline wins):
# online: false
# The sources to ask, in order (--sources wins); one left out is not asked:
# sources: [library, dblp, crossref, arxiv]
# Your address, sent to Crossref only as mailto (its polite pool):
# email: you@example.org
# The notes convention the format rules expect. auto (the default) learns
# each file's majority; seed holds every file to Title[VENUE'YY][Org] with
# notes; a mapping sets org-tags (required|optional), year
# (two-digit|four-digit), brackets (ascii|full-width) and notes
# (required|optional). papers init --detect writes the detected one.
# style: auto
# Paths not to lint when walking folders:
# exclude:
#   - drafts/**
# Rules without Go (README: Custom rules): an id, a kind (existence,
# substitution, occurrence, conditional, consistency, capitalization) and
# its keys, a scope (title, venue, org, note, section, link, entry,
# bib-field:NAME), a message, optionally a severity and when.
# custom-rules:
#   - id: no-todo
#     kind: existence
#     tokens: [TODO, FIXME]
#     scope: note
#     message: 'unfinished note: {{.Match}}'
#     severity: info
#     url: https://example.org/wiki/no-todo   # optional: the rule's documentation
#   - id: msra
#     kind: substitution
#     swap: {MS: MSRA}
#     scope: org
#     message: 'write [{{.Replacement}}], not [{{.Match}}]'
`)
	return b.String(), nil
}

// initGoFile is the Go source holding the template, one quoted line of it
// per source line so that a change shows as a readable diff.
func initGoFile(tmpl string) ([]byte, error) {
	var b strings.Builder
	b.WriteString("// Code generated by go run ./internal/gendocs; DO NOT EDIT.\n\npackage main\n\n")
	b.WriteString("// initTemplate is the .papers.yaml that `papers init` writes: every rule\n")
	b.WriteString("// with its default severity and options, generated from rules.All().\n")
	b.WriteString("const initTemplate = ")
	lines := strings.SplitAfter(tmpl, "\n")
	if lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	for i, l := range lines {
		if i > 0 {
			b.WriteString(" +\n\t")
		}
		fmt.Fprintf(&b, "%q", l)
	}
	b.WriteString("\n")
	return format.Source([]byte(b.String()))
}
