package match

import (
	"github.com/paperlint/papers/bib"
	"github.com/paperlint/papers/internal/ident"
)

// ArXivID returns e's arXiv identifier without its version suffix, in lower
// case as identifiers compare ("2001.08361", "hep-th/9901001"), "" when e
// names none. It is read from the eprint field (unless archivePrefix or
// eprinttype names another archive), an arxiv.org URL, an arXiv DOI
// (10.48550/arXiv.ID), DBLP's CoRR volume "abs/ID", and "arXiv:ID" in
// journal, howpublished, note or booktitle: see ident.EntryArXiv.
func ArXivID(e *bib.Entry) string { return ident.ArXivKey(ident.EntryArXiv(e.Get)) }
