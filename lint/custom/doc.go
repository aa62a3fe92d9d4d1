// Package custom is the language of the declarative rules that users
// write in .papers.yaml under custom-rules: no Go, a few keys per rule.
//
// A rule has an id, a message (a text/template: {{.Match}}, {{.Title}},
// {{.Venue}}, {{.Year}}, {{.Org}}, {{.Section}}, and {{.Replacement}} and
// {{.Count}} where they apply), a severity, a scope (the part of each
// paper it reads: title, venue, org, note, section, link, entry, or
// bib-field:NAME of each .bib entry), an optional when (venue, kind, year,
// section, files) and one kind, with Vale's key names where Vale has one:
//
//	existence       tokens (whole words) or pattern must not occur
//	substitution    swap: pattern -> replacement, fixable
//	occurrence      the scope's items (or pattern's matches) in a paper number in [min, max]
//	conditional     where first matches in a paper, second must too
//	consistency     either: spellings of which a file (per: file) or the run (per: run) uses one, fixable
//	capitalization  match: title, sentence, upper, lower or a pattern, with exceptions, fixable
//
// Decode reads the config's list, Compile checks it (errors name the
// config's line and column) and compiles every pattern once. A run then
// calls Set.Scan once per file, which extracts the texts of every scope
// the enabled rules read, and Rule.Check for each rule on them: a hundred
// rules over one file walk its papers once. Each pattern's required
// literals (TODO in `\bTODO\b`) are searched for in the whole file before
// the pattern runs, on the few items that hold one.
//
// The package knows nothing of the lint engine: package lint turns each
// Rule into a lint.Rule and each Finding into a diagnostic.
package custom
