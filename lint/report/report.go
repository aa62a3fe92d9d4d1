// Package report prints diagnostics in the formats papers offers: text for
// people, json for scripts, github for Actions annotations, sarif for code
// scanning, checkstyle for CI servers and rdjson for reviewdog.
package report

import (
	"fmt"
	"io"
	"io/fs"
	"sort"
	"strings"

	"github.com/paperlint/papers/lint"
)

// Formats lists the output formats, for --help and validation.
var Formats = []string{"text", "json", "github", "sarif", "checkstyle", "rdjson"}

// Options tune the output.
type Options struct {
	// Color adds ANSI colours to text output.
	Color bool
	// Context prints the source line and a caret under each finding.
	Context bool
	// Rules describe the rules of the run, for formats that list them (SARIF).
	Rules []*lint.Rule
	// ToolVersion is written where a format records it.
	ToolVersion string
	// Jobs is how many goroutines format the parts of a large output
	// (many thousands of findings); <= 0 means 1. The caller owns the
	// worker budget, so Write does not look at GOMAXPROCS.
	Jobs int
	// Docs holds the rules' documentation pages, at the paths Rule.DocURL
	// gives (docs/rules/<id>.md). SARIF takes each rule's full description
	// and help from its page, and links (helpUri, rdjson's code.url) only
	// to pages it holds or to a rule's own http(s) URL: a rule without a
	// page here gets no link rather than a broken one.
	Docs fs.FS
	// SrcRoot is the absolute path of the folder that relative paths are
	// relative to (the working directory). SARIF writes a path inside it,
	// absolute or not, as a URI relative to %SRCROOT%.
	SrcRoot string
	// ExitCode, when set, is the exit code of the run, which SARIF records
	// in its invocation.
	ExitCode *int
	// Command is the command line that lists every finding, such as
	// `papers lint notes.md`; the github format's notice about findings
	// GitHub would not show names it.
	Command string
	// StepSummary says that a GitHub step summary is written too, which
	// the github format's notice then points to.
	StepSummary bool
}

// jobs is Jobs, at least 1.
func (o Options) jobs() int { return max(o.Jobs, 1) }

// Write prints diags, in SortDiagnostics' order, in the named format. files
// gives access to each file's source for positions; a diagnostic whose file
// is missing gets line 1.
func Write(w io.Writer, format string, diags []lint.Diagnostic, files []*lint.File, opt Options) error {
	return WriteFindings(w, format, lint.NewFindings(files, diags), opt)
}

// WriteFindings is Write for a run's findings as the runner keeps them
// (lint.Runner.RunFindings): they are merged as they are written, a window
// at a time, never into one more list of them all. f.Files gives access to
// each file's source.
func WriteFindings(w io.Writer, format string, f *lint.Findings, opt Options) error {
	idx := newIndex(f.Files)
	switch format {
	case "text", "":
		return writeText(w, f, idx, opt)
	case "json":
		return writeJSON(w, f, idx, opt.jobs())
	case "github":
		return writeGitHub(w, f, idx, opt)
	case "sarif":
		return writeSARIF(w, f, idx, opt)
	case "checkstyle":
		return writeCheckstyle(w, f, idx)
	case "rdjson":
		return writeRDJSON(w, f, idx, opt)
	}
	return fmt.Errorf("unknown format %q (want one of %s)", format, strings.Join(Formats, ", "))
}

// index finds each diagnostic's file.
type index struct {
	byPath map[string]*lint.File
}

func newIndex(files []*lint.File) *index {
	m := make(map[string]*lint.File, len(files))
	for _, f := range files {
		m[f.Path] = f
	}
	return &index{byPath: m}
}

func (ix *index) pos(path string, off int) lint.Position {
	return posIn(ix.lines(path), off)
}

// lines returns the line index of the file at path, nil when the run has
// no such file. A writer that goes through many findings of one file
// looks it up once.
func (ix *index) lines(path string) *lint.LineIndex {
	if f := ix.byPath[path]; f != nil {
		return f.Lines()
	}
	return nil
}

// posIn converts off with lines, a file's index, or nil for a file the run
// does not have (line 1, column 1).
func posIn(lines *lint.LineIndex, off int) lint.Position {
	if lines == nil {
		return lint.Position{Offset: off, Line: 1, Column: 1, Column16: 1, ColumnByte: 1}
	}
	return lines.Position(off)
}

// posFrom is pos(path, off) for an offset at or after prev, the position
// of an earlier offset of the same file: on one line, only the text
// between them is decoded (lint.LineIndex.PositionFrom).
func (ix *index) posFrom(prev lint.Position, path string, off int) lint.Position {
	f := ix.byPath[path]
	if f == nil {
		return ix.pos(path, off)
	}
	return f.Lines().PositionFrom(prev, off)
}

func (ix *index) line(path string, n int) []byte {
	f := ix.byPath[path]
	if f == nil {
		return nil
	}
	return f.Lines().Line(n)
}

// sortedRules returns the rule ids used by the findings, sorted.
func sortedRules(f *lint.Findings) []string {
	seen := map[string]bool{}
	var ids []string
	f.Each(func(d *lint.Diagnostic) {
		if !seen[d.Rule] {
			seen[d.Rule] = true
			ids = append(ids, d.Rule)
		}
	})
	sort.Strings(ids)
	return ids
}
