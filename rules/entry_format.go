package rules

import (
	"fmt"
	"strings"

	"github.com/paperlint/papers/internal/cjkletter"
	"github.com/paperlint/papers/lint"
	"github.com/paperlint/papers/notes"
)

// EntryFormat checks the shape of each entry: a title, the venue tag before
// the org tags, the entry inside a section, and heading entries at the
// file's usual level; and it points at headings that may be papers whose
// tags were left out.
var EntryFormat = &lint.Rule{
	ID:       "entry-format",
	Summary:  "an entry has no title, tags in the wrong order, no section, or an odd heading level; a heading may be a paper without tags",
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
	checkAmbiguousHeadings(p, f, doc)
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

// checkAmbiguousHeadings reports a heading that may be a paper whose tags
// were left out: at the level of the file's heading entries, with notes
// under it and no entry, and a title in the shape of a paper's (three or
// more Latin words, no CJK). It stays a topic heading, so `papers bib`
// leaves it out; the finding asks the user to say which it is.
func checkAmbiguousHeadings(p *lint.Pass, f *lint.File, doc *notes.Document) {
	level := doc.EntryLevel
	if level == 0 {
		return
	}
	headings := 0
	for _, e := range doc.Papers {
		if e.Form == notes.HeadingForm && e.Level == level {
			headings++
		}
	}
	if headings < 3 {
		return // too few entries to know the file's entry level
	}
	// Where each heading starts, sections and heading entries together,
	// in file order (both lists are in file order).
	var starts []int
	si, pi := 0, 0
	for si < len(doc.Sections) || pi < len(doc.Papers) {
		switch {
		case pi < len(doc.Papers) && doc.Papers[pi].Form != notes.HeadingForm:
			pi++
		case si < len(doc.Sections) && (pi >= len(doc.Papers) || doc.Sections[si].Span.Start < doc.Papers[pi].Span.Start):
			starts = append(starts, doc.Sections[si].Span.Start)
			si++
		default:
			starts = append(starts, doc.Papers[pi].Span.Start)
			pi++
		}
	}
	for _, s := range doc.Sections {
		if s.Level != level || !paperLikeTitle(s.Title) {
			continue
		}
		next := len(f.Src)
		for _, st := range starts {
			if st > s.Span.Start {
				next = st
				break
			}
		}
		if entryBetween(doc, s.Span.End, next) || !hasListItem(f.Src[min(s.Span.End, next):next]) {
			continue
		}
		p.Report(lint.Diagnostic{Start: s.TitleSpan.Start, End: s.TitleSpan.End, Severity: lint.Info, Message: fmt.Sprintf(
			"%q is a heading at the level of this file's entries, with notes under it but no venue tag, so it is read as a topic, not a paper: if it is a paper, add its tags (%s[VENUE'YY][Org]); if it is a topic, make it a level-%d heading (%s)",
			shorten(s.Title, 60), shorten(s.Title, 30), level-1, strings.Repeat("#", max(level-1, 1)))})
	}
}

// paperLikeTitle reports text shaped like a paper's title: three or more
// words with Latin letters and no CJK letter (the notes' own topics are
// mostly in Chinese or a word or two).
func paperLikeTitle(t string) bool {
	words := 0
	for _, w := range strings.Fields(t) {
		latin := false
		for _, r := range w {
			if cjkletter.Is(r) || r == '<' {
				return false // CJK text, or HTML: not a title as written
			}
			if r < 0x80 && (r|0x20 >= 'a' && r|0x20 <= 'z') {
				latin = true
			}
		}
		if latin {
			words++
		}
	}
	return words >= 3
}

// entryBetween reports whether a paper entry starts in [from, to).
func entryBetween(doc *notes.Document, from, to int) bool {
	for _, e := range doc.Papers {
		if e.Span.Start >= from && e.Span.Start < to {
			return true
		}
	}
	return false
}

// hasListItem reports whether b has a line that is a bullet or numbered
// list item.
func hasListItem(b []byte) bool {
	for _, line := range strings.Split(string(b), "\n") {
		l := strings.TrimLeft(line, " \t")
		if strings.HasPrefix(l, "- ") || strings.HasPrefix(l, "* ") || strings.HasPrefix(l, "+ ") {
			return true
		}
		i := 0
		for i < len(l) && l[i] >= '0' && l[i] <= '9' {
			i++
		}
		if i > 0 && i+1 < len(l) && (l[i] == '.' || l[i] == ')') && l[i+1] == ' ' {
			return true
		}
	}
	return false
}
