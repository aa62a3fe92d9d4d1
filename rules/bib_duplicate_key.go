package rules

import (
	"github.com/paperlint/papers/bib"
	"github.com/paperlint/papers/lint"
)

// BibDuplicateKey reports an entry whose citation key equals an earlier
// entry's key ignoring case, as BibTeX compares them: BibTeX keeps the first
// and \cite{key} can never reach the second. Keys that differ only in case
// (DBLP:conf/iclr/ChenG024 and DBLP:conf/iclr/Cheng024) collide too. The
// finding is on the later key, with the earlier one as related place.
//
// Keys are compared within one .bib file: two files of a run are not
// necessarily cited together.
var BibDuplicateKey = &lint.Rule{
	ID:       "bib-duplicate-key",
	Summary:  "two entries have the same citation key, ignoring case as BibTeX does",
	Severity: lint.Error,
	Scope:    lint.BibScope,
	Check:    func(p *lint.Pass) { reportScanner(p, bib.CodeDuplicateKey) },
}
