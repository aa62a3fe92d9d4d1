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
			for _, es := range companionEntries(nf) {
				for _, e := range es {
					markUsed(c.Bib, e, used)
				}
			}
		}
		var names []string
		for _, nf := range users[c] {
			names = append(names, filepath.Base(nf.Path))
		}
		for _, e := range c.Bib.Entries {
			if used[e] || e.Key == "" {
				continue
			}
			s, end := entryHead(e)
			p.Report(lint.Diagnostic{
				File: c.Path, Start: s, End: end,
				Message: fmt.Sprintf("entry %q is cited by no paper of %s: remove it, or add the paper to the notes", e.Key, strings.Join(names, ", ")),
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
