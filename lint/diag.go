package lint

import "strings"

// internalErrorPrefix starts the message of a finding that stands for a
// rule's panic (see runCheck).
const internalErrorPrefix = "internal error in rule "

// Diagnostic is one finding. It is 88 bytes: a dense notes file has a
// million findings, most of them a span, a message and a fix, so what few
// findings have (related places, suggestions) sits behind one pointer.
type Diagnostic struct {
	Rule     string
	Severity Severity
	// File is the path of the file the span is in.
	File string
	// Start and End are byte offsets of the span in File.
	Start, End int
	Message    string
	// Fix, when not nil, repairs the finding.
	Fix *Fix
	// More, when not nil, holds the finding's related places and
	// suggestions; read them with Related and Suggestions.
	More *More
}

// More is what a finding may have beyond its span, message and fix.
type More struct {
	// Related are other places that explain the finding (the other copy of
	// a duplicate, the .bib entry a note disagrees with).
	Related []Related
	// Suggestions are possible repairs that are not safe to apply without a
	// human (a typo'd venue that may be one of several).
	Suggestions []string
}

// Related returns the finding's related places (nil when it has none).
func (d *Diagnostic) Related() []Related {
	if d.More == nil {
		return nil
	}
	return d.More.Related
}

// Suggestions returns the finding's suggestions (nil when it has none).
func (d *Diagnostic) Suggestions() []string {
	if d.More == nil {
		return nil
	}
	return d.More.Suggestions
}

// SetRelated sets the finding's related places.
func (d *Diagnostic) SetRelated(rel []Related) {
	if d.More == nil {
		if rel == nil {
			return
		}
		d.More = &More{}
	}
	d.More.Related = rel
}

// AddRelated appends related places to the finding's.
func (d *Diagnostic) AddRelated(rel ...Related) {
	if d.More == nil {
		d.More = &More{}
	}
	d.More.Related = append(d.More.Related, rel...)
}

// WithRelated returns a More holding rel, or nil when rel is empty, for a
// finding written as a literal.
func WithRelated(rel []Related) *More {
	if len(rel) == 0 {
		return nil
	}
	return &More{Related: rel}
}

// AddSuggestion appends a suggestion to the finding's.
func (d *Diagnostic) AddSuggestion(s string) {
	if d.More == nil {
		d.More = &More{}
	}
	d.More.Suggestions = append(d.More.Suggestions, s)
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
