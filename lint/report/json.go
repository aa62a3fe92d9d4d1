package report

import (
	"io"

	"github.com/paperlint/papers/lint"
)

// JSONDiagnostic is one element of `--format json` output. Lines and columns
// are 1-based, columns count Unicode characters; offsets are 0-based bytes.
type JSONDiagnostic struct {
	File        string        `json:"file"`
	Line        int           `json:"line"`
	Column      int           `json:"column"`
	EndLine     int           `json:"end_line"`
	EndColumn   int           `json:"end_column"`
	Offset      int           `json:"offset"`
	EndOffset   int           `json:"end_offset"`
	Rule        string        `json:"rule"`
	Severity    string        `json:"severity"`
	Message     string        `json:"message"`
	Fix         *JSONFix      `json:"fix,omitempty"`
	Suggestions []string      `json:"suggestions,omitempty"`
	Related     []JSONRelated `json:"related,omitempty"`
}

// JSONFix is a diagnostic's fix: edits to its file, applied together.
type JSONFix struct {
	Message string     `json:"message"`
	Edits   []JSONEdit `json:"edits"`
}

// JSONEdit replaces [offset, end_offset) of the file with new_text.
type JSONEdit struct {
	Line      int    `json:"line"`
	Column    int    `json:"column"`
	EndLine   int    `json:"end_line"`
	EndColumn int    `json:"end_column"`
	Offset    int    `json:"offset"`
	EndOffset int    `json:"end_offset"`
	NewText   string `json:"new_text"`
}

// JSONRelated is another location that explains a diagnostic.
type JSONRelated struct {
	File      string `json:"file"`
	Line      int    `json:"line"`
	Column    int    `json:"column"`
	EndLine   int    `json:"end_line"`
	EndColumn int    `json:"end_column"`
	Offset    int    `json:"offset"`
	EndOffset int    `json:"end_offset"`
	Message   string `json:"message"`
}

// toJSON converts one diagnostic to its JSON form.
func toJSON(d *lint.Diagnostic, ix *index) JSONDiagnostic {
	s := ix.pos(d.File, d.Start)
	e := ix.posFrom(s, d.File, d.End)
	jd := JSONDiagnostic{
		File: d.File, Line: s.Line, Column: s.Column, EndLine: e.Line, EndColumn: e.Column,
		Offset: d.Start, EndOffset: d.End, Rule: d.Rule, Severity: d.Severity.String(),
		Message: d.Message, Suggestions: d.Suggestions(),
	}
	if d.Fix != nil || d.HasFix() {
		var one [1]lint.Edit
		jf := &JSONFix{Message: d.FixMessage(), Edits: []JSONEdit{}}
		for _, ed := range d.FixEdits(one[:0]) {
			a, b := ix.pos(d.File, ed.Start), ix.pos(d.File, ed.End)
			jf.Edits = append(jf.Edits, JSONEdit{
				Line: a.Line, Column: a.Column, EndLine: b.Line, EndColumn: b.Column,
				Offset: ed.Start, EndOffset: ed.End, NewText: ed.New,
			})
		}
		jd.Fix = jf
	}
	for _, r := range d.Related() {
		a, b := ix.pos(r.File, r.Start), ix.pos(r.File, r.End)
		jd.Related = append(jd.Related, JSONRelated{
			File: r.File, Line: a.Line, Column: a.Column, EndLine: b.Line, EndColumn: b.Column,
			Offset: r.Start, EndOffset: r.End, Message: r.Message,
		})
	}
	return jd
}

// writeJSON prints an indented JSON array of JSONDiagnostic, formatted in
// parallel parts and written as it goes.
func writeJSON(w io.Writer, f *lint.Findings, ix *index, jobs int) error {
	return writeSplice(w, jsonSplice(ix), f, jobs)
}

// jsonSplice is the JSON array of findings, as an arraySplice.
func jsonSplice(ix *index) *arraySplice {
	return &arraySplice{skeleton: []byte("[]\n"), marker: "[]", prefix: "  ", indent: "  ",
		item: func(_ int, d *lint.Diagnostic) any { return toJSON(d, ix) }}
}
