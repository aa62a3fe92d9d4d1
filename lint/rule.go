// Package lint is the engine of papers: rules as values, the pass a rule runs
// on, diagnostics with their fixes, configuration, inline directives, the
// runner that lints files in parallel and the fixer that applies fixes until
// nothing changes.
//
// The engine knows no rule by name: rules are handed to it (package rules
// registers the built-in ones), so a third party can build a binary with
// rules of its own by appending to that list.
//
// From another module, a rule is a *Rule: an ID, a Summary, a default
// Severity, a Scope (one notes file, one .bib, or every file of the run),
// options made by NewOptions and read with OptionsOf, and a Check that
// reports Diagnostics (with a Fix when the repair is safe) through its
// Pass. Work several rules need is a declared *Analysis, listed in their
// Requires and read with Analysis.Of; the runner builds it once per file
// (or companion .bib, or run) before them. NewRunner(rules, cfg) takes the
// rules and a config (LoadConfig, or nil for the defaults), adds the
// config's custom rules (package custom) and checks the config against
// them; Runner.Run lints a Workspace (package workspace reads one from
// disk, or from memory with workspace.FromInputs) and Runner.Fix applies
// the fixes; package report prints the findings in papers' formats, and
// package linttest tests a rule on fixtures whose expected findings are
// written in them.
package lint

import (
	"fmt"
	"strings"
)

// Severity is how serious a finding is.
type Severity uint8

// Severities, from "not reported" up.
const (
	Off Severity = iota
	Info
	Warning
	Error
)

func (s Severity) String() string {
	switch s {
	case Off:
		return "off"
	case Info:
		return "info"
	case Warning:
		return "warning"
	case Error:
		return "error"
	}
	return fmt.Sprintf("severity(%d)", int(s))
}

// ParseSeverity reads "off", "info", "warning" or "error".
func ParseSeverity(s string) (Severity, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "off", "none", "false":
		return Off, nil
	case "info", "note", "suggestion":
		return Info, nil
	case "warning", "warn":
		return Warning, nil
	case "error", "err":
		return Error, nil
	}
	return Off, fmt.Errorf("unknown severity %q (want off, info, warning or error)", s)
}

// Scope says what a rule looks at.
type Scope int

const (
	// NotesScope rules see one notes file at a time.
	NotesScope Scope = iota + 1
	// BibScope rules see one .bib file at a time.
	BibScope
	// CorpusScope rules see every file of the run at once: duplicates across
	// files, notes against their companion .bib, spellings across files.
	CorpusScope
)

func (s Scope) String() string {
	switch s {
	case NotesScope:
		return "notes"
	case BibScope:
		return "bib"
	case CorpusScope:
		return "corpus"
	}
	return "unknown"
}

// Rule is one check. Rules are values: the engine runs whatever list it is
// given.
type Rule struct {
	// ID is the stable kebab-case name used in config, directives and output.
	ID string
	// Summary is one line, shown by `papers rules`.
	Summary string
	// Severity is the default; config may change it or turn the rule off.
	Severity Severity
	// Scope says which files the rule's Check sees.
	Scope Scope
	// Fixable is true when the rule attaches fixes to (some of) its findings.
	// It must be set for such a rule, unless its fixes come only from an
	// analysis that looks papers up (Analysis.Lookup): the first round of
	// Runner.Fix runs only the rules that can fix.
	Fixable bool
	// NewOptions, when not nil, makes the rule's options holding their
	// defaults: a pointer to a fresh options struct. The engine calls it for
	// each run and decodes the rule's config section into the result; Check
	// reads it with OptionsOf.
	NewOptions func() any
	// Requires lists the analyses whose results Check reads (with
	// Analysis.Of); the runner builds them before Check runs.
	Requires []Analyzer
	// Local, for a NotesScope rule whose analyses are all PerFile, says
	// that its findings in a part of a notes file (the entries and prose
	// from one entry heading to another) depend on that part alone: not on
	// the rest of the file (majorities, the level most entries use) nor
	// on other files. After an edit an editor server's runner then checks
	// again only the part parsed again (File.Reparsed) and keeps the
	// rule's other findings (RunCache). A rule wrongly marked Local gives
	// stale findings in the editor; the runner's tests compare a run made
	// so with a whole run.
	Local bool
	// Doc is the rule's page under docs/rules, relative to the repository,
	// or a URL; empty is docs/rules/<ID>.md.
	Doc string
	// Source is where a rule declared in config was written
	// (path:line:col); empty for rules written in Go.
	Source string
	// Check inspects the pass's files and reports findings.
	Check func(*Pass)
}

// DocURL is the rule's documentation page: Doc, else its page under
// docs/rules; empty for a rule declared in config that names none, since
// such a rule has no page.
func (r *Rule) DocURL() string {
	switch {
	case r.Doc != "":
		return r.Doc
	case r.Source != "":
		return ""
	}
	return "docs/rules/" + r.ID + ".md"
}

// OptionsOf returns the pass's options as the rule's options type T. It
// panics (reported as an internal error of the rule) when the rule's
// NewOptions makes another type.
func OptionsOf[T any](p *Pass) *T {
	o, ok := p.Options.(*T)
	if !ok || o == nil {
		panic(fmt.Sprintf("rule %s: options are %T, not *%T", p.Rule.ID, p.Options, *new(T)))
	}
	return o
}

// Defaults returns a NewOptions function for a rule whose options default
// to what fn makes: `NewOptions: lint.Defaults(func() *MyOptions { return
// &MyOptions{Limit: 3} })`.
func Defaults[T any](fn func() *T) func() any {
	return func() any { return fn() }
}
