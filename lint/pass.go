package lint

import (
	"fmt"
	"slices"

	"github.com/paperlint/papers/org"
	"github.com/paperlint/papers/venue"
)

// Pass is what a rule's Check sees: the file (or files) in scope, the
// registries, the rule's options for this run, and a way to report.
type Pass struct {
	Rule *Rule
	// Severity is the rule's severity in this run.
	Severity Severity
	// Options is the rule's options struct for this run (nil when the rule
	// has none).
	Options any
	// File is the file being checked, nil for corpus rules.
	File *File
	// Files are every file of the run (for corpus rules); for other rules
	// it holds File alone.
	Files []*File
	// Venues and Orgs are the registries, extended by config.
	Venues *venue.Registry
	Orgs   *org.Registry
	// Config is the run's configuration (never nil).
	Config *Config
	// Jobs is the number of goroutines the rule may use for parallel parts
	// of its own work.
	Jobs int
	// Year is the current year (venue-year reports years after the next).
	Year int

	res   *runResults
	diags []Diagnostic
	// lists are findings handed over whole with ReportList, in report
	// order with diags' earlier findings flushed between them.
	lists []findingList
	// copyLists makes ReportList copy: an editor's RunCache keeps the
	// analyses a list may come from, which must not change.
	copyLists bool
}

func (p *Pass) results() *runResults { return p.res }

// Report records a finding. Rule, Severity and File are filled in when left
// empty; File defaults to the pass's file.
func (p *Pass) Report(d Diagnostic) {
	p.complete(&d)
	p.diags = append(p.diags, d)
}

// complete fills in what a finding left empty: the rule, its severity in
// this run, the pass's file; and an end before the start becomes the start.
func (p *Pass) complete(d *Diagnostic) {
	if d.Rule == "" {
		d.Rule = p.Rule.ID
	}
	if d.Severity == Off {
		d.Severity = p.Severity
	}
	if d.File == "" && p.File != nil {
		d.File = p.File.Path
	}
	if d.End < d.Start {
		d.End = d.Start
	}
}

// ReportAll records findings as Report does, making room for all of them
// at once (the CJK rules report tens of thousands on a big list).
func (p *Pass) ReportAll(ds []Diagnostic) {
	p.diags = slices.Grow(p.diags, len(ds))
	for _, d := range ds {
		p.Report(d)
	}
}

// ReportList records the findings of ds as Report does, taking the list
// itself instead of copying it: for a rule that hands over a large list an
// analysis built for it alone (the CJK analysis of a dense notes file has a
// million findings; each copy of one is 88 bytes). Empty fields are
// filled in place, and the runner may sort and filter the list, so the
// caller must not use it again, nor hand it to another pass.
func (p *Pass) ReportList(ds []Diagnostic) {
	if p.copyLists {
		p.ReportAll(ds)
		return
	}
	if len(ds) == 0 {
		return
	}
	for i := range ds {
		p.complete(&ds[i])
	}
	p.addList(diagList(ds))
}

// ReportCompact records the compact findings of cs, which are the pass's
// rule's, at its severity, in its file, taking the list itself as
// ReportList does: a rule that reports millions of findings in one file
// keeps them in 32 bytes each until they are written (CompactFinding).
// The caller must not use cs again, nor hand it to another pass. It
// panics (reported as an internal error of the rule) in a pass without a
// file, a corpus rule's, whose findings must each name theirs.
func (p *Pass) ReportCompact(cs []CompactFinding) {
	if p.File == nil {
		panic(fmt.Sprintf("rule %s: ReportCompact in a pass without a file", p.Rule.ID))
	}
	if len(cs) == 0 {
		return
	}
	c := &compactList{rule: p.Rule.ID, file: p.File.Path, severity: p.Severity, items: cs}
	if p.copyLists {
		p.diags = findingList{c: c}.appendTo(p.diags)
		return
	}
	p.addList(findingList{c: c})
}

// addList adds l after the findings reported so far.
func (p *Pass) addList(l findingList) {
	if len(p.diags) > 0 {
		p.lists = append(p.lists, diagList(p.diags))
		p.diags = nil
	}
	p.lists = append(p.lists, l)
}

// findings returns every finding of the pass as lists, in report order.
func (p *Pass) findings() []findingList {
	if len(p.diags) > 0 || len(p.lists) == 0 {
		return append(p.lists, diagList(p.diags))
	}
	return p.lists
}

// flatten joins lists into one new slice of Diagnostics.
func flatten(lists []findingList) []Diagnostic {
	n := 0
	for _, l := range lists {
		n += l.len()
	}
	out := make([]Diagnostic, 0, n)
	for _, l := range lists {
		out = l.appendTo(out)
	}
	return out
}

// Grow makes room for n more findings, for a rule that reports a known
// number of them in several ReportAll calls.
func (p *Pass) Grow(n int) { p.diags = slices.Grow(p.diags, n) }

// Reportf records a finding at [start, end) of f with a formatted message.
func (p *Pass) Reportf(f *File, start, end int, format string, args ...any) {
	p.Report(Diagnostic{File: f.Path, Start: start, End: end, Message: fmt.Sprintf(format, args...)})
}

// NotesFiles returns the notes files of the pass.
func (p *Pass) NotesFiles() []*File { return notesFiles(p.Files) }

// notesFiles returns the notes files among files.
func notesFiles(files []*File) []*File {
	var out []*File
	for _, f := range files {
		if f.Kind == NotesFile && f.Notes != nil {
			out = append(out, f)
		}
	}
	return out
}

// BibFiles returns the .bib files of the pass that are linted: a companion
// read only for the notes rules (Quiet) is left out, since its own findings
// would be dropped. Notes rules reach it through File.Companion.
func (p *Pass) BibFiles() []*File {
	var out []*File
	for _, f := range p.Files {
		if f.Kind == BibFile && f.Bib != nil && !f.Quiet {
			out = append(out, f)
		}
	}
	return out
}
