package report

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	"github.com/paperlint/papers/lint"
)

// ghAnnotationsPerKind is how many annotations of each kind (error,
// warning, notice) GitHub keeps from one step; it drops the rest without a
// word, so papers prints no more than that and says what it left out.
const ghAnnotationsPerKind = 10

// GitHub's annotation kinds, most severe first: ghKinds of them, numbered
// as ghKind numbers them.
const (
	ghError = iota
	ghWarning
	ghNotice
	ghKinds
)

// ghKind is the annotation kind of a severity.
func ghKind(s lint.Severity) int {
	switch s {
	case lint.Error:
		return ghError
	case lint.Info:
		return ghNotice
	}
	return ghWarning
}

// ghKindName is the workflow command of an annotation kind.
func ghKindName(k int) string {
	return [ghKinds]string{"error", "warning", "notice"}[k]
}

// ghKindWords name the findings of an annotation kind, one and many, as
// the summary line on stderr says them.
func ghKindWords(k int) (one, many string) {
	w := [ghKinds][2]string{{"error", "errors"}, {"warning", "warnings"}, {"info", "infos"}}[k]
	return w[0], w[1]
}

// writeGitHub prints GitHub Actions workflow commands, which the runner turns
// into inline annotations on the pull request's diff:
//
//	::error file=notes.md,line=3,col=5,endLine=3,endColumn=9,title=venue-name::message
//
// GitHub shows ghAnnotationsPerKind annotations of each kind per step, so
// the most severe findings come first (in their order within a kind), at
// most that many of each kind, and when some are left out, a last notice
// says how many and where to see them all; that notice takes the place of
// one notice finding so that GitHub keeps it.
func writeGitHub(w io.Writer, f *lint.Findings, ix *index, opt Options) error {
	var count [ghKinds]int
	f.Each(func(d *lint.Diagnostic) { count[ghKind(d.Severity)]++ })
	var keep [ghKinds]int
	cut := false
	for k, n := range count {
		keep[k] = min(n, ghAnnotationsPerKind)
		cut = cut || n > keep[k]
	}
	if cut && keep[ghNotice] == ghAnnotationsPerKind {
		keep[ghNotice]-- // room for the notice that counts what is left out
	}
	shown := firstOfKinds(f, keep)
	var buf bytes.Buffer
	var left [ghKinds]int
	for k := range shown {
		for i := range shown[k] {
			writeGitHubLine(&buf, &shown[k][i], ix)
		}
		left[k] = count[k] - keep[k]
	}
	if cut {
		buf.WriteString("::notice title=" + ghProperty("papers") + "::" + ghData(ghLeftOut(left, f.Len(), opt)) + "\n")
	}
	_, err := buf.WriteTo(w)
	return err
}

// firstOfKinds returns, for each kind, copies of its first keep[k]
// findings in order, reading no further than it must.
func firstOfKinds(f *lint.Findings, keep [ghKinds]int) [ghKinds][]lint.Diagnostic {
	var shown [ghKinds][]lint.Diagnostic
	wanted := 0
	for _, n := range keep {
		wanted += n
	}
	if wanted == 0 {
		return shown
	}
	_ = f.Windows(partSize, func(_ int, ds []lint.Diagnostic) error {
		for i := range ds {
			if k := ghKind(ds[i].Severity); len(shown[k]) < keep[k] {
				shown[k] = append(shown[k], ds[i])
				if wanted--; wanted == 0 {
					return lint.ErrStop
				}
			}
		}
		return nil
	})
	return shown
}

// ghLeftOut is the notice about the findings that are not annotations:
// how many of each kind, and where to see them all.
func ghLeftOut(left [ghKinds]int, total int, opt Options) string {
	n := 0
	var kinds []string
	for k, c := range left {
		n += c
		if c > 0 {
			one, many := ghKindWords(k)
			kinds = append(kinds, fmt.Sprintf("%d %s", c, plural(c, one, many)))
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%d more %s not shown (%s): GitHub shows %d annotations of each kind per step.",
		n, plural(n, "finding is", "findings are"), strings.Join(kinds, ", "), ghAnnotationsPerKind)
	if opt.StepSummary {
		fmt.Fprintf(&b, " The step summary counts all %d.", total)
	}
	cmd := opt.Command
	if cmd == "" {
		cmd = "papers lint"
	}
	fmt.Fprintf(&b, " To see all %d, run: %s", total, cmd)
	return b.String()
}

// plural picks the word for n things.
func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func writeGitHubLine(buf *bytes.Buffer, d *lint.Diagnostic, ix *index) {
	s, e := ix.pos(d.File, d.Start), ix.pos(d.File, d.End)
	fmt.Fprintf(buf, "::%s file=%s,line=%d,col=%d", ghKindName(ghKind(d.Severity)), ghProperty(d.File), s.Line, s.Column)
	if e.Line >= s.Line {
		fmt.Fprintf(buf, ",endLine=%d", e.Line)
		if e.Line == s.Line && e.Column > s.Column {
			fmt.Fprintf(buf, ",endColumn=%d", e.Column)
		}
	}
	msg := d.Message
	if fix := fixNote(d); fix != "" {
		msg += " (fix: " + fix + ")"
	}
	fmt.Fprintf(buf, ",title=%s::%s\n", ghProperty("papers "+d.Rule), ghData(msg))
}

// fixNote is the message of d's fix when it tells more than d's message:
// cjk-spacing says `add a space between "用" and "BERT"` in both, and
// venue-name's message already ends with what its fix writes.
func fixNote(d *lint.Diagnostic) string {
	m := d.FixMessage()
	if m == "" || strings.Contains(d.Message, m) {
		return ""
	}
	return m
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
