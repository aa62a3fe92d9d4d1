package rules

import (
	"fmt"
	"path/filepath"

	"github.com/paperlint/papers/bib"
	"github.com/paperlint/papers/lint"
	"github.com/paperlint/papers/notes"
	"github.com/paperlint/papers/title"
)

// BibMissing reports a paper of the notes that has no entry in the notes'
// companion .bib, so it cannot be cited. Papers and entries are paired by
// match.Index: the normalised title (case, LaTeX and braces in the .bib,
// a trailing "(DIN)" in the notes do not matter; Chinese titles are
// compared as Chinese), else a DOI or arXiv link of the paper. When an
// entry's title is one small edit away, the finding names it: a typo on one
// side is the likely cause.
//
// Notes files without a companion .bib are not checked.
var BibMissing = &lint.Rule{
	ID:       "bib-missing",
	Summary:  "a paper of the notes has no entry in its companion .bib",
	Severity: lint.Warning,
	Scope:    lint.NotesScope,
	Requires: []lint.Analyzer{companionEntries, nearMissAnalysis},
	Check:    checkBibMissing,
}

func checkBibMissing(p *lint.Pass) {
	f := notesOf(p)
	if f == nil || f.Companion == nil || f.Companion.Bib == nil {
		return
	}
	comp := f.Companion
	pairs := companionEntries.Of(p, f)
	var missing []*notes.Paper
	for i, pp := range f.Notes.Papers {
		if pp.Title == "" {
			continue // entry-format reports entries without a title
		}
		if len(pairs[i]) == 0 {
			missing = append(missing, pp)
		}
	}
	if len(missing) == 0 {
		return
	}
	// An entry that matches another paper of this file is that paper's,
	// not a misspelt copy of this one. The set is built when a near miss
	// first needs it: most missing papers have none, and a large .bib
	// matched by most papers made it a map of 100,000 entries.
	var used map[*bib.Entry]bool
	isUsed := func(e *bib.Entry) bool {
		if used == nil {
			used = make(map[*bib.Entry]bool, len(comp.Bib.Entries))
			for _, es := range pairs {
				for _, e := range es {
					used[e] = true
				}
			}
		}
		return used[e]
	}
	similar := nearMissAnalysis.Of(p, comp)
	near := map[int]*bib.Entry{}
	for i, pp := range missing {
		for _, e := range similar[pp] {
			if !isUsed(e) {
				near[i] = e
				break
			}
		}
	}
	name := filepath.Base(comp.Path)
	for i, pp := range missing {
		d := lint.Diagnostic{
			Start: pp.TitleSpan.Start, End: pp.TitleSpan.End,
			Message: fmt.Sprintf("no entry in %s for %q; add one (papers bib writes it) so the paper can be cited", name, pp.Title),
		}
		if e := near[i]; e != nil {
			s, end := entryHead(e)
			d.Message = fmt.Sprintf("no entry in %s for %q; %s has %q (%s): a typo on one side?",
				name, pp.Title, bibWhere(comp, e.Span.Start), bib.PlainText(e.Get("title")), e.Key)
			d.SetRelated([]lint.Related{{File: comp.Path, Start: s, End: end, Message: fmt.Sprintf("entry %q has a similar title", e.Key)}})
		}
		p.Report(d)
	}
}

// nearMissAnalysis gives, for each paper without an entry in any notes
// file whose companion is the .bib, the entries of the .bib whose title is
// one small edit from the paper's (title.Similar), in .bib order. It is
// built once per .bib for all those notes files, with one title.Similar
// call over their missing titles and the entries' titles, so that a folder
// of many notes files sharing one large .bib does not compare each file
// with every entry again. (Pairs do not depend on the other titles of the
// call, so each file gets what a call of its own would give.)
var nearMissAnalysis = &lint.Analysis[map[*notes.Paper][]*bib.Entry]{
	Name:     "near-misses",
	Scope:    lint.PerCompanion,
	Requires: []lint.Analyzer{companionEntries},
	Run:      nearMisses,
}

func nearMisses(p *lint.AnalysisPass) map[*notes.Paper][]*bib.Entry {
	comp := p.File
	var missing []*notes.Paper
	// An entry that a paper of every one of these files matches is no
	// near miss for any of them: it is left out (with one notes file,
	// every matched entry is).
	users := p.Users
	type use struct{ files, last int } // files using the entry; the last one counted, from 1
	usedBy := make(map[*bib.Entry]use, len(comp.Bib.Entries))
	for k, nf := range users {
		pairs := companionEntries.Of(p, nf)
		for i, pp := range nf.Notes.Papers {
			if pp.Title != "" && len(pairs[i]) == 0 {
				missing = append(missing, pp)
			}
			for _, e := range pairs[i] {
				if u := usedBy[e]; u.last != k+1 {
					usedBy[e] = use{u.files + 1, k + 1}
				}
			}
		}
	}
	out := map[*notes.Paper][]*bib.Entry{}
	if len(missing) == 0 {
		return out
	}
	titles := make([]string, 0, len(missing)+len(comp.Bib.Entries))
	for _, pp := range missing {
		titles = append(titles, pp.Title)
	}
	entries := make([]*bib.Entry, 0, len(comp.Bib.Entries))
	for _, e := range comp.Bib.Entries {
		if usedBy[e].files == len(users) {
			continue
		}
		if t := e.Get("title"); t != "" {
			titles = append(titles, t)
			entries = append(entries, e)
		}
	}
	for _, pr := range title.Similar(titles, title.Options{Jobs: p.Jobs}) {
		if pr.A < len(missing) && pr.B >= len(missing) {
			pp := missing[pr.A]
			out[pp] = append(out[pp], entries[pr.B-len(missing)])
		}
	}
	return out
}
