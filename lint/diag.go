package lint

import "strings"

// internalErrorPrefix starts the message of a finding that stands for a
// rule's panic (see runCheck).
const internalErrorPrefix = "internal error in rule "

// Diagnostic is one finding.
type Diagnostic struct {
	Rule     string
	Severity Severity
	// File is the path of the file the span is in.
	File string
	// Start and End are byte offsets of the span in File.
	Start, End int
	Message    string
	// Related are other places that explain the finding (the other copy of
	// a duplicate, the .bib entry a note disagrees with).
	Related []Related
	// Fix, when not nil, repairs the finding.
	Fix *Fix
	// Suggestions are possible repairs that are not safe to apply without a
	// human (a typo'd venue that may be one of several).
	Suggestions []string
}

// Related is a secondary location of a diagnostic.
type Related struct {
	File       string
	Start, End int
	Message    string
}

// Fix is a repair: edits to the diagnostic's file, applied all together or
// not at all.
type Fix struct {
	Message string
	Edits   []Edit
}

// Edit replaces the bytes [Start, End) with New.
type Edit struct {
	Start, End int
	New        string
}

// InternalError reports whether d stands for a rule that panicked: the
// runner turns the panic into such a finding so that the other rules'
// findings still come out. The editor server logs these instead of showing
// them in the text.
func (d *Diagnostic) InternalError() bool {
	return strings.HasPrefix(d.Message, internalErrorPrefix)
}
