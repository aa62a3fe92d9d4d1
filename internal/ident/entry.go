package ident

import (
	"strings"

	"github.com/paperlint/papers/internal/latex"
)

// EntryDOI returns the DOI of a .bib entry, as DOI returns it, from its doi
// field or else from a resolver URL in its url field; "" when it has none.
// get returns the value of the entry's field of that name ("" when absent),
// as bib.Entry.Get does.
func EntryDOI(get func(field string) string) string {
	if d := DOI(get("doi")); d != "" {
		return d
	}
	if u := get("url"); indexFold(u, "doi.org/") >= 0 {
		return DOI(u)
	}
	return ""
}

// EntryArXiv returns the arXiv identifier of a .bib entry, as written and
// without its version ("2001.08361", "hep-th/9901001"), "" when it names
// none; get is as for EntryDOI. It is read, in this order, from the eprint
// field (unless archivePrefix or eprinttype names another archive), an
// arXiv link in url (see ArXivFromURL), an arXiv DOI in doi
// (10.48550/arXiv.ID), DBLP's CoRR volume "abs/ID", and "arXiv:ID" in
// journal, howpublished, note or booktitle.
func EntryArXiv(get func(field string) string) string {
	if ep := get("eprint"); ep != "" {
		arch := strings.ToLower(strings.TrimSpace(get("archiveprefix") + get("eprinttype")))
		if arch == "" || arch == "arxiv" {
			if id := findArXiv(ep, arch == "arxiv"); id != "" {
				return id
			}
		}
	}
	if u := get("url"); u != "" {
		if id := ArXivFromURL(u); id != "" {
			return id
		}
	}
	if d := get("doi"); indexFold(d, "10.48550/") >= 0 {
		if id := arXivFromDOI(d); id != "" {
			return id
		}
	}
	if j := get("journal"); strings.EqualFold(strings.TrimSpace(latex.Plain(j)), "corr") {
		if v := strings.TrimSpace(get("volume")); hasPrefixFold(v, "abs/") {
			if id := findArXiv(v[len("abs/"):], true); id != "" {
				return id
			}
		}
	}
	for _, name := range [...]string{"journal", "howpublished", "note", "booktitle"} {
		if id := ArXivInText(get(name)); id != "" {
			return id
		}
	}
	return ""
}
