package lsp

import (
	"fmt"
	"net/url"
	"path/filepath"
	"strings"

	protocol "github.com/tliron/glsp/protocol_3_16"

	"github.com/paperlint/papers/lint"
	"github.com/paperlint/papers/lint/report"
)

// Position encodings of LSP 3.17 (general.positionEncodings), which
// glsp's 3.16 types lack.
const (
	encUTF16 = "utf-16"
	encUTF8  = "utf-8"
)

// uriToPath returns the file path of a file: URI.
func uriToPath(uri string) (string, error) {
	u, err := url.Parse(uri)
	if err != nil {
		return "", fmt.Errorf("document URI %q: %w", uri, err)
	}
	if u.Scheme != "file" {
		return "", fmt.Errorf("document URI %q: only file: URIs are linted", uri)
	}
	p := u.Path
	if len(p) >= 3 && p[0] == '/' && p[2] == ':' { // /C:/notes.md on Windows
		p = p[1:]
	}
	return filepath.Clean(filepath.FromSlash(p)), nil
}

// pathToURI returns the file: URI of an absolute path.
func pathToURI(path string) string {
	p := filepath.ToSlash(path)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	return (&url.URL{Scheme: "file", Path: p}).String()
}

// converter turns byte offsets of the files of one run into LSP positions
// in the encoding the client negotiated, through each file's line index.
type converter struct {
	utf8 bool
}

func (c converter) unit() lint.ColumnUnit {
	if c.utf8 {
		return lint.Bytes
	}
	return lint.UTF16
}

// position converts a byte offset of f.
func (c converter) position(f *lint.File, off int) protocol.Position {
	return c.positionIn(f.Lines(), off)
}

// positionIn converts a byte offset of the text li indexes.
func (c converter) positionIn(li *lint.LineIndex, off int) protocol.Position {
	p := li.Position(off)
	col := p.Column16
	if c.utf8 {
		col = p.ColumnByte
	}
	return protocol.Position{Line: protocol.UInteger(p.Line - 1), Character: protocol.UInteger(col - 1)}
}

// rangeOf converts a byte range of f.
func (c converter) rangeOf(f *lint.File, start, end int) protocol.Range {
	return protocol.Range{Start: c.position(f, start), End: c.position(f, end)}
}

// offset converts an LSP position in a text indexed by li to a byte offset.
func (c converter) offset(li *lint.LineIndex, p protocol.Position) int {
	return li.Offset(int(p.Line)+1, int(p.Character)+1, c.unit())
}

// severity maps a finding's severity.
func severity(s lint.Severity) protocol.DiagnosticSeverity {
	switch s {
	case lint.Error:
		return protocol.DiagnosticSeverityError
	case lint.Warning:
		return protocol.DiagnosticSeverityWarning
	}
	return protocol.DiagnosticSeverityInformation
}

// diagnostic converts a finding of f. docs are the rules' pages (made once:
// a large file has tens of thousands of findings); files finds the files
// of related locations (the other copy of a duplicate, in another file);
// uriOf gives the URI to name a path by.
func (c converter) diagnostic(d *lint.Diagnostic, f *lint.File, docs map[string]*protocol.CodeDescription, files map[string]*lint.File, uriOf func(string) string) protocol.Diagnostic {
	sev := severity(d.Severity)
	source := "papers"
	code := protocol.IntegerOrString{Value: d.Rule}
	msg := d.Message
	if len(d.Suggestions()) > 0 {
		msg += " (did you mean " + strings.Join(d.Suggestions(), ", ") + "?)"
	}
	pd := protocol.Diagnostic{Range: c.rangeOf(f, d.Start, d.End), Severity: &sev, Code: &code, Source: &source, Message: msg}
	pd.CodeDescription = docs[d.Rule]
	for _, rel := range d.Related() {
		rf := files[rel.File]
		if rf == nil {
			continue
		}
		m := rel.Message
		if m == "" {
			m = "see also"
		}
		pd.RelatedInformation = append(pd.RelatedInformation, protocol.DiagnosticRelatedInformation{
			Location: protocol.Location{URI: uriOf(rel.File), Range: c.rangeOf(rf, rel.Start, rel.End)},
			Message:  m,
		})
	}
	return pd
}

// ruleDocs are the pages of the rules, for codeDescription.
func ruleDocs(rules []*lint.Rule) map[string]*protocol.CodeDescription {
	out := make(map[string]*protocol.CodeDescription, len(rules))
	for _, r := range rules {
		out[r.ID] = &protocol.CodeDescription{HRef: report.HelpURI(r.DocURL())}
	}
	return out
}
