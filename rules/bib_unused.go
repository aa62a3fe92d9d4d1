package rules

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/paperlint/papers/bib"
	"github.com/paperlint/papers/lint"
)

// BibUnused reports an entry of a companion .bib that no paper of its notes
// refers to: a paper dropped from the notes whose entry stayed, or an entry
// added for a paper never written up. An entry that a used entry reaches
// through crossref counts as used.
//
// It is off by default, since many .bib files are shared with papers being
// written. Only .bib files that are some notes file's companion are
// checked, and the companion must be named on the command line too
// (`papers lint notes.md notes.bib`): a companion read only for reference
// has its findings dropped.
var BibUnused = &lint.Rule{
	ID:       "bib-unused",
	Summary:  "an entry of a companion .bib is cited by no paper of its notes (off by default)",
	Severity: lint.Off,
	Scope:    lint.CorpusScope,
	Requires: []lint.Analyzer{companionEntries},
	Check:    checkBibUnused,
}

func checkBibUnused(p *lint.Pass) {
	// The notes files of each companion, in run order.
	var comps []*lint.File
	users := map[*lint.File][]*lint.File{}
	for _, f := range p.NotesFiles() {
		c := f.Companion
		if c == nil || c.Bib == nil {
			continue
		}
		if _, ok := users[c]; !ok {
			comps = append(comps, c)
		}
		users[c] = append(users[c], f)
	}
	for _, c := range comps {
		used := map[*bib.Entry]bool{}
		for _, nf := range users[c] {
			for _, es := range companionEntries.Of(p, nf) {
				for _, e := range es {
					markUsed(c.Bib, e, used)
				}
			}
		}
		who := notesNames(users[c])
		for _, e := range c.Bib.Entries {
			if used[e] || e.Key == "" {
				continue
			}
			s, end := entryHead(e)
			p.Report(lint.Diagnostic{
				File: c.Path, Start: s, End: end,
				Message: fmt.Sprintf("entry %q is cited by no paper of %s: remove it, or add the paper to the notes", e.Key, who),
			})
		}
	}
}

// markUsed marks e used, and the entries it reaches through crossref.
func markUsed(f *bib.File, e *bib.Entry, used map[*bib.Entry]bool) {
	for i := 0; e != nil && !used[e] && i < 8; i++ {
		used[e] = true
		ref := strings.TrimSpace(e.Get("crossref"))
		if ref == "" {
			return
		}
		e = f.Entry(ref)
	}
}

// maxNamed is how many notes files a bib-unused message names; a .bib
// shared by a folder of weekly notes would otherwise repeat hundreds of
// names in every message.
const maxNamed = 3

// notesNames names the notes files for a message: "a.md, b.md", or
// "a.md, b.md, c.md and 12 other notes files".
func notesNames(files []*lint.File) string {
	var names []string
	for _, nf := range files[:min(len(files), maxNamed)] {
		names = append(names, filepath.Base(nf.Path))
	}
	s := strings.Join(names, ", ")
	switch n := len(files) - maxNamed; {
	case n == 1:
		s += " and 1 other notes file"
	case n > 1:
		s += fmt.Sprintf(" and %d other notes files", n)
	}
	return s
}
