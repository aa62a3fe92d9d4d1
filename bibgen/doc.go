// Package bibgen builds BibTeX entries for the papers of a notes file: the
// entry type, booktitle or journal from the venue registry, a title whose
// acronyms and CamelCase names are protected by braces, the year of the venue
// tag, and a citation key that stays the same when other papers are added.
//
// Where the companion .bib already holds a paper (found with package match,
// as the lint rules find it), Generate hands that entry out unchanged: it
// carries the authors and pages the notes lack. Only the other papers get an
// entry built from the notes, and those have no author; callers should tell
// the user so.
//
// The package writes nothing itself: callers print the entries with bib.Write,
// which fixes the field order and alignment.
package bibgen
