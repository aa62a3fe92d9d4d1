package report

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	"github.com/paperlint/papers/lint"
)

// writeGitHub prints GitHub Actions workflow commands, which the runner turns
// into inline annotations on the pull request's diff:
//
//	::error file=notes.md,line=3,col=5,endLine=3,endColumn=9,title=venue-name::message
func writeGitHub(w io.Writer, diags []lint.Diagnostic, ix *index, jobs int) error {
	return inParts(w, len(diags), jobs, func(buf *bytes.Buffer, lo, hi int) error {
		for i := lo; i < hi; i++ {
			writeGitHubLine(buf, &diags[i], ix)
		}
		return nil
	})
}

func writeGitHubLine(buf *bytes.Buffer, d *lint.Diagnostic, ix *index) {
	s, e := ix.pos(d.File, d.Start), ix.pos(d.File, d.End)
	level := "warning"
	switch d.Severity {
	case lint.Error:
		level = "error"
	case lint.Info:
		level = "notice"
	}
	fmt.Fprintf(buf, "::%s file=%s,line=%d,col=%d", level, ghProperty(d.File), s.Line, s.Column)
	if e.Line >= s.Line {
		fmt.Fprintf(buf, ",endLine=%d", e.Line)
		if e.Line == s.Line && e.Column > s.Column {
			fmt.Fprintf(buf, ",endColumn=%d", e.Column)
		}
	}
	msg := d.Message
	if d.Fix != nil && d.Fix.Message != "" {
		msg += " (fix: " + d.Fix.Message + ")"
	}
	fmt.Fprintf(buf, ",title=%s::%s\n", ghProperty("papers "+d.Rule), ghData(msg))
}

// The escapers of workflow commands; a Replacer is safe for concurrent use.
var (
	ghDataEscaper     = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")
	ghPropertyEscaper = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")
)

// ghData escapes a workflow command's message.
func ghData(s string) string { return ghDataEscaper.Replace(s) }

// ghProperty escapes a workflow command's property value.
func ghProperty(s string) string { return ghPropertyEscaper.Replace(s) }
