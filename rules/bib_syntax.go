package rules

import (
	"github.com/paperlint/papers/bib"
	"github.com/paperlint/papers/lint"
)

// BibSyntax reports what the .bib scanner could not read as BibTeX reads it:
// an entry that is not closed, a missing comma between fields, a value
// that is neither braced, quoted, a number nor a macro name, unbalanced
// braces, an entry without a key. The scanner's message says where and
// what to write; reading resumes at the next entry, so one mistake does not
// hide the rest of the file.
//
// Undefined @string macros are readable (BibTeX warns and uses an empty
// string), so bib-field-format reports them.
var BibSyntax = &lint.Rule{
	ID:       "bib-syntax",
	Summary:  "the .bib cannot be read as written (unclosed entry, missing comma, unbalanced braces, bare value)",
	Severity: lint.Error,
	Scope:    lint.BibScope,
	Check:    func(p *lint.Pass) { reportScanner(p, bib.CodeSyntax) },
}
