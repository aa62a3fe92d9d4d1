package lint

import (
	"strings"
	"unicode/utf8"
)

// internalErrorPrefix starts the message of a finding that stands for a
// rule's panic (see runCheck).
const internalErrorPrefix = "internal error in rule "

// Diagnostic is one finding. It is 88 bytes: a dense notes file has a
// million findings, most of them a span, a message and a fix of one small
// edit, so that edit is kept inside the finding (see SetFix) and what few
// findings have (related places, suggestions) sits behind one pointer.
type Diagnostic struct {
	Rule     string
	Severity Severity
	// edit is the finding's fix when SetFix could keep it inline.
	edit inlineEdit
	// File is the path of the file the span is in.
	File string
	// Start and End are byte offsets of the span in File.
	Start, End int
	Message    string
	// Fix, when not nil, repairs the finding. A fix that SetFix keeps
	// inline leaves it nil: read a finding's fix with HasFix, FixMessage
	// and FixEdits, which see both.
	Fix *Fix
	// More, when not nil, holds the finding's related places and
	// suggestions; read them with Related and Suggestions.
	More *More
}

// inlineEdit is a fix of one edit whose message is the finding's, kept in
// the finding instead of a Fix and an Edit of their own (72 bytes more per
// finding): the edit starts off bytes after the finding's start, replaces
// n bytes, and writes the rune held in r (three bytes, low first: a rune
// is 21 bits), or nothing when it is 0. It moves with the finding's start.
// Six bytes with no alignment of their own: they share the word of the
// one-byte Severity, so that the finding stays 88 bytes.
type inlineEdit struct {
	set bool
	off uint8
	n   uint8
	r   [3]byte
}

// rune returns the character the edit writes, 0 for none.
func (e inlineEdit) rune() rune {
	return rune(e.r[0]) | rune(e.r[1])<<8 | rune(e.r[2])<<16
}

// SetFix sets the finding's fix: message msg, applying edits together.
// A fix of one edit whose message is the finding's, within 255 bytes
// after its start, that writes one character or deletes, is kept inline
// (no allocation); any other gets a Fix of its own. Set Start and Message
// first. The edits are copied.
func (d *Diagnostic) SetFix(msg string, edits ...Edit) {
	d.edit, d.Fix = inlineEdit{}, nil
	if len(edits) == 1 && msg == d.Message {
		if e, ok := inlineOf(d.Start, edits[0]); ok {
			d.edit = e
			return
		}
	}
	d.Fix = &Fix{Message: msg, Edits: append([]Edit(nil), edits...)}
}

// inlineOf returns e as the inline edit of a finding that starts at start,
// and whether it can be one: within 255 bytes after start, replacing at
// most 255 bytes, writing one character or nothing.
func inlineOf(start int, e Edit) (inlineEdit, bool) {
	off, n := e.Start-start, e.End-e.Start
	if r, ok := oneRune(e.New); ok && off >= 0 && off <= 0xFF && n >= 0 && n <= 0xFF {
		return inlineEdit{set: true, off: uint8(off), n: uint8(n), r: [3]byte{byte(r), byte(r >> 8), byte(r >> 16)}}, true
	}
	return inlineEdit{}, false
}

// oneRune reports whether s is empty (r is 0) or one valid character other
// than NUL, which a rune says exactly.
func oneRune(s string) (rune, bool) {
	if s == "" {
		return 0, true
	}
	r, n := utf8.DecodeRuneInString(s)
	if n != len(s) || r == utf8.RuneError || r == 0 {
		return 0, false
	}
	return r, true
}

// HasFix reports whether the finding has a fix with at least one edit.
func (d *Diagnostic) HasFix() bool {
	return d.edit.set || d.Fix != nil && len(d.Fix.Edits) > 0
}

// FixMessage returns the message of the finding's fix ("" when it has
// none).
func (d *Diagnostic) FixMessage() string {
	if d.edit.set {
		return d.Message
	}
	if d.Fix != nil {
		return d.Fix.Message
	}
	return ""
}

// FixEdits returns the edits of the finding's fix (none when it has no
// fix). An inline edit is written into buf, which the result then shares:
// pass a buffer of the caller's to read many findings without allocating,
// or nil. The edits of a Fix are returned as they are: do not modify them.
func (d *Diagnostic) FixEdits(buf []Edit) []Edit {
	if d.edit.set {
		return append(buf[:0], d.inlineEdit())
	}
	if d.Fix != nil {
		return d.Fix.Edits
	}
	return nil
}

// inlineEdit returns the inline edit as an Edit.
func (d *Diagnostic) inlineEdit() Edit {
	e := Edit{Start: d.Start + int(d.edit.off)}
	e.End = e.Start + int(d.edit.n)
	if r := d.edit.rune(); r != 0 {
		e.New = runeString(r)
	}
	return e
}

// runeString is string(r) without an allocation for the characters that
// fixes write most: ASCII, CJK punctuation and full-width forms.
func runeString(r rune) string {
	switch {
	case r < 0x80:
		return asciiStrings[r]
	case r >= 0x3000 && r < 0x3040:
		return cjkPunctStrings[r-0x3000]
	case r >= 0xFF00 && r < 0xFFF0:
		return fullWidthStrings[r-0xFF00]
	}
	return string(r)
}

var asciiStrings, cjkPunctStrings, fullWidthStrings = runeStrings(0, 0x80), runeStrings(0x3000, 0x3040), runeStrings(0xFF00, 0xFFF0)

// runeStrings returns string(r) for each r in [from, to).
func runeStrings(from, to rune) []string {
	out := make([]string, to-from)
	for r := from; r < to; r++ {
		out[r-from] = string(r)
	}
	return out
}

// firstFixEdit returns where the fix's first edit in the file starts, -1
// when it has none.
func (d *Diagnostic) firstFixEdit() int {
	if d.edit.set {
		return d.Start + int(d.edit.off)
	}
	return firstEdit(d.Fix)
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
