package rules

// The analyses below are exported for rules of other modules, which list
// them in lint.Rule.Requires and read them with Of, as the built-in rules
// do: the runner builds each once per run, whichever rules need it.

// BibIndex indexes the entries of each .bib file of the run (companions
// read for reference included) by normalised title, DOI and arXiv id:
// BibIndex.Of(p, bibFile) is a *match.Index.
var BibIndex = bibIndex

// CompanionEntries pairs each paper of a notes file with the entries of
// its companion .bib that are the same paper (same normalised title, DOI
// or arXiv id): CompanionEntries.Of(p, notesFile)[i] are the entries of
// notesFile.Notes.Papers[i], nil for a notes file without a companion.
var CompanionEntries = companionEntries
