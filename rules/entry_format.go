package rules

import (
	"fmt"
	"strings"

	"github.com/paperlint/papers/lint"
	"github.com/paperlint/papers/notes"
)

// EntryFormat checks the shape of each entry: a title, the venue tag before
// the org tags, the entry inside a section, and heading entries at the
// file's usual level.
var EntryFormat = &lint.Rule{
	ID:       "entry-format",
	Summary:  "an entry has no title, tags in the wrong order, no section, or an odd heading level",
	Severity: lint.Warning,
	Scope:    lint.NotesScope,
	Fixable:  true,
	Check:    checkEntryFormat,
}

func checkEntryFormat(p *lint.Pass) {
	f := notesOf(p)
	if f == nil {
		return
	}
	doc := f.Notes
	for _, e := range doc.Papers {
		if strings.TrimSpace(e.Title) == "" {
			p.Reportf(f, e.Span.Start, e.Span.End, "entry has tags but no title; write the paper's title before the tags")
		}
		checkTagOrder(p, f, e)
		if e.Section == nil && len(doc.Sections) > 0 {
			p.Reportf(f, e.Span.Start, e.Span.End, "paper outside any section; move it under a topic heading such as the first one, %q", shorten(doc.Sections[0].Title, 40))
		}
		if e.Form == notes.HeadingForm && doc.EntryLevel != 0 && e.Level != doc.EntryLevel {
			checkLevel(p, f, e, doc.EntryLevel)
		}
	}
}

// checkTagOrder wants the venue tag first among the trailing tags. The fix
// reorders the tags only when nothing stands between them.
func checkTagOrder(p *lint.Pass, f *lint.File, e *notes.Paper) {
	if e.Venue == nil || len(e.Tags) < 2 || e.Tags[0] == e.Venue {
		return
	}
	first, last := e.Tags[0].Span.Start, e.Tags[len(e.Tags)-1].Span.End
	contiguous := true
	for i := 1; i < len(e.Tags); i++ {
		if e.Tags[i].Span.Start != e.Tags[i-1].Span.End {
			contiguous = false
		}
	}
	var b strings.Builder
	b.WriteString(f.Slice(e.Venue.Span.Start, e.Venue.Span.End))
	for _, t := range e.Tags {
		if t != e.Venue {
			b.WriteString(f.Slice(t.Span.Start, t.Span.End))
		}
	}
	d := lint.Diagnostic{
		Start: first, End: last,
		Message: fmt.Sprintf("the venue tag comes first: %s", b.String()),
	}
	if contiguous {
		d.Fix = &lint.Fix{Message: "put the venue tag first", Edits: []lint.Edit{{Start: first, End: last, New: b.String()}}}
	}
	p.Report(d)
}

// checkLevel reports a heading entry at another level than most entries;
// the fix rewrites the `#` run only.
func checkLevel(p *lint.Pass, f *lint.File, e *notes.Paper, want int) {
	src := f.Src
	ls := e.Span.Start
	for ls > 0 && src[ls-1] != '\n' {
		ls--
	}
	i := ls
	for i < len(src) && (src[i] == ' ' || src[i] == '\t') {
		i++
	}
	j := i
	for j < len(src) && src[j] == '#' {
		j++
	}
	d := lint.Diagnostic{
		Start: i, End: e.Span.End,
		Message: fmt.Sprintf("entry is a level-%d heading; the other entries are level %d (%s)", e.Level, want, strings.Repeat("#", want)),
	}
	if j-i == e.Level {
		d.Start, d.End = i, j
		d.Fix = &lint.Fix{Message: "write " + strings.Repeat("#", want), Edits: []lint.Edit{{Start: i, End: j, New: strings.Repeat("#", want)}}}
	}
	p.Report(d)
}
