package rules

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/paperlint/papers/bib"
	"github.com/paperlint/papers/lint"
)

// BibCommentInEntry reports a `%` comment between the fields of an entry.
// BibTeX 0.99d knows no comments inside entries: at `%` it expects a field
// name, stops with "You're missing a field name", and loses every field
// after it; biber reads such comments. papers' own scanner reads the
// comment and goes on, so without this rule the loss would go unseen.
// Biber-only users turn the rule off.
var BibCommentInEntry = &lint.Rule{
	ID:       "bib-comment-in-entry",
	Summary:  "a % comment inside an entry, which BibTeX does not read: it loses the fields after it",
	Severity: lint.Error,
	Scope:    lint.BibScope,
	Check:    checkBibCommentInEntry,
}

func checkBibCommentInEntry(p *lint.Pass) {
	f := bibOf(p)
	if f == nil {
		return
	}
	for _, e := range f.Bib.Entries {
		at := commentInEntry(f.Src, e)
		if at < 0 {
			continue
		}
		var lost []string
		for _, fl := range e.Fields {
			if fl.NameSpan.Start > at {
				lost = append(lost, fl.Name)
			}
		}
		end := at
		for end < len(f.Src) && f.Src[end] != '\n' && f.Src[end] != '\r' {
			end++
		}
		msg := fmt.Sprintf("%% comment inside entry %q: BibTeX reads no comments inside entries, reports an error here and skips the rest of the entry", e.Key)
		if len(lost) > 0 {
			msg += fmt.Sprintf(", losing %s", joinAnd(quoted(lost)))
		}
		msg += "; move the comment before the entry, or delete it"
		p.Report(lint.Diagnostic{Start: at, End: end, Message: msg})
	}
}

// commentInEntry returns the offset of the first `%` between the fields of
// e (outside every value), or -1.
func commentInEntry(src []byte, e *bib.Entry) int {
	start, end := e.KeySpan.End, e.Span.End
	if start <= 0 || end > len(src) || start >= end {
		return -1
	}
	if bytes.IndexByte(src[start:end], '%') < 0 {
		// Most entries have no '%' at all: a vectorised search saves
		// walking every byte of a large .bib.
		return -1
	}
	depth, quoted := 0, false
	for i := start; i < end; i++ {
		switch c := src[i]; {
		case c == '\\' && depth > 0:
			i++ // an escaped character inside a value
		case c == '"' && depth == 0:
			quoted = !quoted
		case quoted:
		case c == '{':
			depth++
		case c == '}' && depth > 0:
			depth--
		case c == '%' && depth == 0:
			return i
		}
	}
	return -1
}

// quoted writes each name in double quotes.
func quoted(names []string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = fmt.Sprintf("%q", strings.TrimSpace(n))
	}
	return out
}
