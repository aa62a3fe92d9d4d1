// Package resolve completes the BibTeX entries that `papers bib` builds from
// the notes (title, venue, year, no author) with the authors, pages and DOI
// of a record found elsewhere: in the user's own .bib libraries (Library) or,
// through package resolve/online, in DBLP, Crossref and arXiv.
//
// Every place a record can come from is a Source: a small interface that
// looks a paper up by DOI, by arXiv identifier, or by title, venue and year.
// A Resolver tries its sources in order for each paper and hands each
// candidate to Judge, which accepts it only when the record is the same
// paper: the normalised titles match by the measure of package title, the
// years agree within one (a preprint is often a year older than its
// proceedings), and the venue agrees when the notes name one. A paper
// whose candidates are all refused stays unresolved, and the Outcome says
// which candidate came closest and why it was refused: a wrong author list
// is worse than none, since nobody goes looking for it.
//
// Complete adds the accepted record's fields (author, pages, doi,
// publisher, volume, number, url, as the entry type wants them) to the
// built entry; its key, type, title, venue and year stay the notes'.
//
// The package does no I/O of its own except reading the library files it is
// given; the online sources and their cache live in resolve/online.
package resolve
