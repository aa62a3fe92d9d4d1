package rules

import (
	"strings"

	"github.com/paperlint/papers/bib"
	"github.com/paperlint/papers/lint"
	"github.com/paperlint/papers/notes"
	"github.com/paperlint/papers/resolve"
)

// preprintUpgrade is a companion entry that cites an arXiv preprint of a
// paper whose published version a source has.
type preprintUpgrade struct {
	// Notes and Paper are the notes file and the index of the paper that
	// reports it: the first paper of a linted notes file paired with the
	// entry, so that an entry two notes files cite is reported once.
	Notes *lint.File
	Paper int
	// Chosen is the published record and Judge's verdict.
	Chosen *resolve.Candidate
	// Text is the entry that replaces the preprint's, as the project's
	// writer writes it (no final newline); "" when the record cannot be
	// written as an entry.
	Text string
}

// preprintUpgrades looks up, once per run, the published version of every
// paper whose companion .bib entry cites its arXiv preprint (journal
// "arXiv preprint arXiv:...", CoRR, eprint with archivePrefix arXiv, an
// arxiv.org url), for bib-mismatch. It asks the run's Resolver
// (lint.Env.Resolver: the user's libraries, and with --online DBLP,
// Crossref and arXiv) through resolve.Resolver.Published, with the
// resolver's bounded concurrency, under the run's context (Env.Context,
// cancelled by an interrupt). It is a Lookup analysis: a run without a
// resolver does not build it, so a plain run stays offline, its output
// unchanged, and the editor keeps bib-mismatch's findings per file. Only the papers of
// notes files that are linted (not read for reference) are looked up: the
// findings of the others would be dropped.
var preprintUpgrades = &lint.Analysis[map[*bib.Entry]*preprintUpgrade]{
	Name:     "preprint-upgrades",
	Scope:    lint.PerRun,
	Requires: []lint.Analyzer{companionEntries},
	// Built only when the run has a resolver: bib-mismatch's findings on
	// a notes file then depend on that file (and its companion) alone,
	// and the editor's RunCache keeps them while another file changes.
	Lookup: true,
	Run: func(p *lint.AnalysisPass) map[*bib.Entry]*preprintUpgrade {
		if p.Resolver == nil {
			return nil
		}
		type item struct {
			f     *lint.File
			paper int
			e     *bib.Entry
		}
		var items []item
		var qs []resolve.Query
		seen := map[*bib.Entry]bool{}
		for _, f := range p.NotesFiles() {
			if f.Quiet || f.Notes == nil || f.Companion == nil || f.Companion.Bib == nil {
				continue
			}
			pairs := companionEntries.Of(p, f)
			for i, pp := range f.Notes.Papers {
				if i >= len(pairs) || len(pairs[i]) == 0 {
					continue
				}
				e := pairs[i][0]
				if seen[e] || e.Incomplete || !resolve.CitesPreprint(e, p.Venues) {
					continue
				}
				seen[e] = true
				items = append(items, item{f, i, e})
				qs = append(qs, resolve.PublishedQuery(preprintQuery(pp, e, p)))
			}
		}
		if len(qs) == 0 {
			return nil
		}
		r := *p.Resolver
		r.Venues = p.Venues
		outs := r.Published(p.Context, qs)
		found := map[*bib.Entry]*preprintUpgrade{}
		for i, o := range outs {
			if o.Chosen == nil {
				continue
			}
			it := items[i]
			up := &preprintUpgrade{Notes: it.f, Paper: it.paper, Chosen: o.Chosen}
			if repl := resolve.Replacement(it.e, o.Chosen.Record); repl != nil {
				if text, _, err := bib.FormatEntry(repl, bib.WriteOptions{}); err == nil {
					up.Text = strings.TrimSuffix(text, "\n")
				}
			}
			found[it.e] = up
		}
		return found
	},
}

// preprintQuery is what the notes and the entry say of the paper: the
// notes' title, venue and year (the entry's year when the tag has none).
func preprintQuery(pp *notes.Paper, e *bib.Entry, p *lint.AnalysisPass) resolve.Query {
	q := resolve.QueryFor(pp, e, p.Venues)
	if pp.Venue != nil && pp.Venue.Year != 0 {
		q.Year = pp.Venue.Year
	}
	return q
}

// reportPreprint reports that the entry e of f's companion cites the
// preprint of paper pp while up has its published version. When the
// companion is linted, the finding is on the entry, with a fix that
// replaces it by the published record under the same key (so every \cite
// keeps working); when it is read for reference only, its findings would
// be dropped, so the finding is on the paper in the notes, without a fix.
func reportPreprint(p *lint.Pass, f *lint.File, pp *notes.Paper, e *bib.Entry, up *preprintUpgrade) {
	comp := f.Companion
	rec := up.Chosen.Record
	found := rec.Source + " has the published version: " + rec.Describe()
	notesStart, notesEnd := pp.TitleSpan.Start, pp.TitleSpan.End
	if pp.Venue != nil && pp.Venue.Name != "" {
		notesStart, notesEnd = pp.Venue.Span.Start, pp.Venue.Span.End
	}
	if comp.Quiet {
		p.Report(lint.Diagnostic{
			Start: notesStart, End: notesEnd,
			Message: bibWhere(comp, e.Span.Start) + " cites the arXiv preprint (entry " + quote(e.Key) + "); " + found +
				"; lint " + comp.Path + " with --fix to replace the entry",
			More: &lint.More{Related: []lint.Related{{File: comp.Path, Start: e.Span.Start, End: entryEnd(e), Message: "entry " + quote(e.Key) + " cites arXiv"}}},
		})
		return
	}
	s, end := entryHead(e)
	d := lint.Diagnostic{
		File: comp.Path, Start: s, End: end,
		Message: "entry " + quote(e.Key) + " cites the arXiv preprint; " + found,
		More:    &lint.More{Related: []lint.Related{{File: f.Path, Start: notesStart, End: notesEnd, Message: "the paper in the notes"}}},
	}
	if up.Text != "" {
		typ := strings.ToLower(up.Chosen.Record.Entry.Type)
		d.Fix = &lint.Fix{
			Message: "replace the entry by the published version from " + rec.Source + " (@" + typ + ", key " + e.Key + " kept)",
			Edits:   []lint.Edit{{Start: e.Span.Start, End: e.Span.End, New: up.Text}},
		}
	}
	p.Report(d)
}

// entryEnd is where the entry's head ends, for a related span.
func entryEnd(e *bib.Entry) int {
	_, end := entryHead(e)
	return end
}

// quote writes s in double quotes, as %q would for plain text.
func quote(s string) string { return `"` + s + `"` }
