package bib

// Span is a half-open range [Start, End) of byte offsets into a file's source.
// Spans of values built in code (NewEntry, Entry.Set) are zero.
type Span struct {
	Start, End int
}

// Len returns the number of bytes in the span.
func (s Span) Len() int { return s.End - s.Start }

// Contains reports whether o lies within s.
func (s Span) Contains(o Span) bool { return s.Start <= o.Start && o.End <= s.End }

// Diagnostic codes reported by the reader.
const (
	// CodeSyntax marks input that BibTeX cannot read as written.
	CodeSyntax = "syntax"
	// CodeDuplicateKey marks an entry whose key equals an earlier one,
	// ignoring case as BibTeX does.
	CodeDuplicateKey = "duplicate-key"
	// CodeDuplicateField marks a field that appears a second time in an entry.
	CodeDuplicateField = "duplicate-field"
	// CodeUndefinedMacro marks a bare word in a value that names no @string.
	CodeUndefinedMacro = "undefined-macro"
)

// Diagnostic is a problem found while reading a file. Start and End are byte
// offsets into the file named by File; the lint engine converts them to
// line:col at the edge.
type Diagnostic struct {
	Code    string // one of the Code* constants
	File    string // name the file was read under
	Span           // where the problem is
	Message string // what is wrong and what to do
	Related []Related
}

// Related points at another place that explains a diagnostic, such as the
// first definition of a duplicated key. File may differ from the diagnostic's
// own file when several files are read together.
type Related struct {
	File    string
	Span    Span
	Message string
}
