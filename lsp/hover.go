package lsp

import (
	"fmt"
	"sort"
	"strings"

	"github.com/tliron/glsp"
	protocol "github.com/tliron/glsp/protocol_3_16"

	"github.com/paperlint/papers/lint"
	"github.com/paperlint/papers/lint/report"
	"github.com/paperlint/papers/notes"
	"github.com/paperlint/papers/org"
	"github.com/paperlint/papers/venue"
)

// hover tells what is under the cursor: a venue tag (the venue's full
// name, kind, first year, rename), an organisation tag (its canonical
// name and variants), and the findings there (each rule's summary and a
// link to its page).
func (s *Server) hover(_ *glsp.Context, p *protocol.HoverParams) (*protocol.Hover, error) {
	sn, f, err := s.fileOf(p.TextDocument.URI)
	if err != nil || f == nil {
		return nil, err
	}
	off := s.conv.offset(f.Lines(), p.Position)
	var parts []string
	var span *notes.Span
	if tag := tagAt(f, off); tag != nil {
		sp := tag.Span
		span = &sp
		env := sn.st.ws.Env()
		if tag.IsVenue {
			parts = append(parts, venueHover(env.Venues, tag))
		} else if o := orgAt(f, tag, off); o != nil {
			parts = append(parts, orgHover(env.Orgs, o.Name))
		}
	}
	for _, d := range sn.diags[f.Path] {
		if d.Start <= off && (off < d.End || d.Start == d.End && off == d.Start) {
			parts = append(parts, findingHover(&d, sn.st.rules[d.Rule]))
		}
	}
	if len(parts) == 0 {
		return nil, nil
	}
	h := &protocol.Hover{Contents: protocol.MarkupContent{Kind: protocol.MarkupKindMarkdown, Value: strings.Join(parts, "\n\n---\n\n")}}
	if span != nil {
		r := s.conv.rangeOf(f, span.Start, span.End)
		h.Range = &r
	}
	return h, nil
}

// paperAt returns the paper whose entry line holds off, or nil.
func paperAt(f *lint.File, off int) *notes.Paper {
	if f.Notes == nil {
		return nil
	}
	ps := f.Notes.Papers
	i := sort.Search(len(ps), func(i int) bool { return ps[i].Span.End > off })
	if i < len(ps) && ps[i].Span.Start <= off {
		return ps[i]
	}
	return nil
}

// tagAt returns the tag of an entry that holds off (its brackets
// included), or nil.
func tagAt(f *lint.File, off int) *notes.Tag {
	p := paperAt(f, off)
	if p == nil {
		return nil
	}
	for _, t := range p.Tags {
		if t.Span.Start <= off && off < t.Span.End {
			return t
		}
	}
	return nil
}

// orgAt returns the organisation of an org tag at off ([BJTU,Baidu] names
// two), the first when off is on a bracket.
func orgAt(f *lint.File, tag *notes.Tag, off int) *notes.Org {
	p := paperAt(f, off)
	var first *notes.Org
	for i := range p.Orgs {
		o := &p.Orgs[i]
		if o.Tag != tag {
			continue
		}
		if first == nil {
			first = o
		}
		if o.Span.Start <= off && off <= o.Span.End {
			return o
		}
	}
	return first
}

// venueHover describes the venue a tag names.
func venueHover(reg *venue.Registry, tag *notes.Tag) string {
	v, ok := reg.Lookup(tag.Name)
	if !ok {
		return fmt.Sprintf("**%s**: not a venue papers knows (add it under `venues:` in .papers.yaml)", tag.Name)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "**%s**", v.Tag)
	if name := venueName(v); name != "" {
		fmt.Fprintf(&b, ": %s", name)
	}
	fmt.Fprintf(&b, "\n\n%s", v.Kind)
	if v.Held.First > 0 {
		fmt.Fprintf(&b, ", first held %d", v.Held.First)
	}
	switch v.Held.Cadence {
	case venue.Even:
		b.WriteString(", in even years")
	case venue.Odd:
		b.WriteString(", in odd years")
	}
	for _, fm := range v.Former {
		fmt.Fprintf(&b, "\n\nRenamed: **%s** up to %d, **%s** since %d", fm.Tag, fm.Until, v.Tag, fm.Until+1)
	}
	if tag.Year > 0 && !strings.EqualFold(v.TagFor(tag.Year), tag.Name) {
		fmt.Fprintf(&b, "\n\nIn %d it is written **%s**.", tag.Year, v.TagFor(tag.Year))
	}
	return b.String()
}

// venueName is a venue's full name: its proceedings or journal title.
func venueName(v *venue.Venue) string {
	if v.Booktitle != "" {
		return v.Booktitle
	}
	return v.Journal
}

// orgHover describes the organisation a tag names.
func orgHover(reg *org.Registry, name string) string {
	if o, ok := reg.Lookup(name); ok {
		var b strings.Builder
		fmt.Fprintf(&b, "**%s**", o.Name)
		if o.Kind != "" {
			fmt.Fprintf(&b, " (%s)", o.Kind)
		}
		if len(o.Variants) > 0 {
			fmt.Fprintf(&b, "\n\nAlso written: %s", strings.Join(o.Variants, ", "))
		}
		if len(o.Related) > 0 {
			fmt.Fprintf(&b, "\n\nNot to be confused with: %s", strings.Join(o.Related, ", "))
		}
		return b.String()
	}
	if c, ok := reg.Ambiguous(name); ok {
		return fmt.Sprintf("**%s** is ambiguous: %s (settle it under `org-aliases:` in .papers.yaml)", name, strings.Join(c, ", "))
	}
	return fmt.Sprintf("**%s**: not an organisation papers knows", name)
}

// findingHover describes a finding's rule.
func findingHover(d *lint.Diagnostic, r *lint.Rule) string {
	if r == nil {
		return fmt.Sprintf("`%s`: %s", d.Rule, d.Message)
	}
	return fmt.Sprintf("`%s` (%s): %s\n\n%s — [rule documentation](%s)", d.Rule, d.Severity, d.Message, r.Summary, report.HelpURI(r.DocURL()))
}
