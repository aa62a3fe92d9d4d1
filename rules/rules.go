// Package rules holds the built-in rules of papers, one file per rule next
// to its test, and All, the list that registers them.
//
// Another module adds rules of its own by building a binary that calls
// lint.NewRunner with append(rules.All(), theirs...) and runs it over a
// workspace.Workspace (examples/ruleset in the repository is such a
// module, and the Example below is the shortest one). Its rules may read
// the analyses this package shares with them, BibIndex and
// CompanionEntries, by listing them in Requires: the runner builds each
// once per run, for the built-in rules and theirs alike.
package rules

//go:generate go run ../internal/gendocs -root ..

import (
	"github.com/paperlint/papers/lint"
)

// All returns the built-in rules in the order `papers rules` lists them.
func All() []*lint.Rule {
	all := []*lint.Rule{
		Encoding,
		MarkdownLimit,
		EntryFormat,
		VenueFormat,
		VenueName,
		VenueYear,
		OrgTag,
		OrgName,
		EmptyNotes,
		CJKSpacing,
		CJKPunctuation,
	}
	all = append(all, bibRules()...)
	return append(all, titleRules()...)
}

// notesOf returns the pass's notes document, or nil.
func notesOf(p *lint.Pass) *lint.File {
	if p.File == nil || p.File.Notes == nil {
		return nil
	}
	return p.File
}
