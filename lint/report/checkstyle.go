package report

import (
	"encoding/xml"
	"fmt"
	"io"

	"github.com/paperlint/papers/lint"
)

type csResult struct {
	XMLName xml.Name `xml:"checkstyle"`
	Version string   `xml:"version,attr"`
	Files   []csFile `xml:"file"`
}

type csFile struct {
	Name   string    `xml:"name,attr"`
	Errors []csError `xml:"error"`
}

type csError struct {
	Line     int    `xml:"line,attr"`
	Column   int    `xml:"column,attr"`
	Severity string `xml:"severity,attr"`
	Message  string `xml:"message,attr"`
	Source   string `xml:"source,attr"`
}

// writeCheckstyle prints the Checkstyle XML that Jenkins, GitLab and
// reviewdog read. Severities map to error, warning, info and ignore.
func writeCheckstyle(w io.Writer, f *lint.Findings, ix *index) error {
	res := checkstyleOf(f, ix)
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(res); err != nil {
		return fmt.Errorf("checkstyle: %w", err)
	}
	_, err := io.WriteString(w, "\n")
	return err
}

// checkstyleOf is the Checkstyle document of the findings of f.
func checkstyleOf(f *lint.Findings, ix *index) csResult {
	res := csResult{Version: "4.3"}
	pos := map[string]int{}
	_ = f.Windows(partSize, func(_ int, ds []lint.Diagnostic) error { // never fails
		for i := range ds {
			addCheckstyle(&res, pos, &ds[i], ix)
		}
		return nil
	})
	return res
}

// addCheckstyle adds d to its file's errors in res; pos has each file's
// place in res.Files.
func addCheckstyle(res *csResult, pos map[string]int, d *lint.Diagnostic, ix *index) {
	i, ok := pos[d.File]
	if !ok {
		i = len(res.Files)
		pos[d.File] = i
		res.Files = append(res.Files, csFile{Name: d.File})
	}
	p := ix.pos(d.File, d.Start)
	sev := d.Severity.String()
	if d.Severity == lint.Off {
		sev = "ignore" // checkstyle's word; "off" is not one of its severities
	}
	res.Files[i].Errors = append(res.Files[i].Errors, csError{
		Line: p.Line, Column: p.Column, Severity: sev,
		Message: d.Message, Source: "papers." + d.Rule,
	})
}

// checkstyleStream writes the Checkstyle XML a file at a time: the bytes
// writeCheckstyle writes for all the findings, when each file's findings
// come in one write (as lint.Runner.RunStream hands them over).
type checkstyleStream struct {
	open bool // the checkstyle element is started
}

// write writes the file elements of the findings of f.
func (c *checkstyleStream) write(w io.Writer, f *lint.Findings, ix *index) error {
	if f.Len() == 0 {
		return nil
	}
	if !c.open {
		if _, err := io.WriteString(w, xml.Header+`<checkstyle version="4.3">`); err != nil {
			return err
		}
		c.open = true
	}
	res := checkstyleOf(f, ix)
	// Each file element as the whole document's encoder indents it: on a
	// line of its own, one level in.
	for _, file := range res.Files {
		if _, err := io.WriteString(w, "\n"); err != nil {
			return err
		}
		enc := xml.NewEncoder(w)
		enc.Indent("  ", "  ")
		if err := enc.EncodeElement(file, xml.StartElement{Name: xml.Name{Local: "file"}}); err != nil {
			return fmt.Errorf("checkstyle: %w", err)
		}
		if err := enc.Flush(); err != nil {
			return err
		}
	}
	return nil
}

// close ends the document, or writes the empty one when no finding came.
func (c *checkstyleStream) close(w io.Writer) error {
	if !c.open {
		return writeCheckstyle(w, lint.NewFindings(nil), newIndex(nil))
	}
	_, err := io.WriteString(w, "\n</checkstyle>\n")
	return err
}
