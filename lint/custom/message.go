package custom

import (
	"fmt"
	"strconv"
	"strings"
	"text/template"
	"text/template/parse"

	"github.com/paperlint/papers/bib"
)

// Data is what a rule's message template may use.
type Data struct {
	// Match is the text the finding is about: what matched, or the text
	// of the scope that breaks the rule.
	Match string
	// Replacement is what a fix writes instead of Match; empty without a
	// fix.
	Replacement string
	// Count is how many items (or matches) an occurrence rule counted.
	Count int
	// Title, Venue, Year, Org and Section describe the paper (or .bib
	// entry) the finding is in: its title, its venue tag as written (a
	// .bib entry's booktitle or journal), its year, its organisations
	// joined with ", ", its section's title. Empty when unknown.
	Title, Venue, Year, Org, Section string
}

// message is a compiled message: plain text (no action), text and
// fields ('unfinished note: {{.Match}}', most messages), or a template
// using more of text/template, which is executed for each finding.
type message struct {
	text string
	// pieces are the message as text and fields, when it is no more.
	pieces []piece
	tmpl   *template.Template
}

// piece is a text, or a field of Data when field is set.
type piece struct {
	text, field string
}

// compileMessage parses a message template and renders it once with
// empty data, so that a misspelt field ({{.Titel}}) is a config error and
// not a failure on the first finding.
func compileMessage(s string) (*message, error) {
	if !strings.Contains(s, "{{") {
		return &message{text: s}, nil
	}
	t, err := template.New("message").Option("missingkey=error").Parse(s)
	if err != nil {
		return nil, err
	}
	var b strings.Builder
	if err := t.Execute(&b, Data{}); err != nil {
		return nil, fmt.Errorf("%w (fields: .Match, .Replacement, .Count, .Title, .Venue, .Year, .Org, .Section)", err)
	}
	return &message{text: s, tmpl: t, pieces: piecesOf(t)}, nil
}

// piecesOf reads a template made of text and {{.Field}} actions only;
// nil when it uses more (pipes, functions, conditions).
func piecesOf(t *template.Template) []piece {
	var out []piece
	for _, n := range t.Root.Nodes {
		switch n := n.(type) {
		case *parse.TextNode:
			out = append(out, piece{text: string(n.Text)})
		case *parse.ActionNode:
			if len(n.Pipe.Decl) > 0 || len(n.Pipe.Cmds) != 1 || len(n.Pipe.Cmds[0].Args) != 1 {
				return nil
			}
			f, ok := n.Pipe.Cmds[0].Args[0].(*parse.FieldNode)
			if !ok || len(f.Ident) != 1 {
				return nil
			}
			out = append(out, piece{field: f.Ident[0]})
		default:
			return nil
		}
	}
	return out
}

// render writes the message for a finding in unit u.
func (m *message) render(it *Items, u *unit, d Data) string {
	switch {
	case m.tmpl == nil:
		return m.text
	case m.pieces != nil:
		return m.renderPieces(it, u, &d)
	}
	it.describe(u, &d)
	var b strings.Builder
	if err := m.tmpl.Execute(&b, d); err != nil {
		// compileMessage ran the template on the same type: only a
		// template that fails on some values gets here, and the raw
		// text is better than nothing.
		return m.text
	}
	return b.String()
}

// renderPieces renders a message of text and fields without
// text/template, which costs a reflection per field: a rule may report
// thousands of findings.
func (m *message) renderPieces(it *Items, u *unit, d *Data) string {
	described := false
	var b strings.Builder
	for _, p := range m.pieces {
		switch p.field {
		case "":
			b.WriteString(p.text)
		case "Match":
			b.WriteString(d.Match)
		case "Replacement":
			b.WriteString(d.Replacement)
		case "Count":
			b.WriteString(strconv.Itoa(d.Count))
		default:
			if !described {
				it.describe(u, d)
				described = true
			}
			b.WriteString(d.field(p.field))
		}
	}
	return b.String()
}

// field is the value of one of d's fields that describe the unit.
func (d *Data) field(name string) string {
	switch name {
	case "Title":
		return d.Title
	case "Venue":
		return d.Venue
	case "Year":
		return d.Year
	case "Org":
		return d.Org
	}
	return d.Section
}

// describe fills the unit's fields of d.
func (it *Items) describe(u *unit, d *Data) {
	if u.year > 0 {
		d.Year = strconv.Itoa(u.year)
	}
	switch {
	case u.paper != nil:
		p := u.paper
		d.Title = p.Title
		if p.Venue != nil {
			d.Venue = p.Venue.Name
		}
		orgs := make([]string, len(p.Orgs))
		for i, o := range p.Orgs {
			orgs[i] = o.Name
		}
		d.Org = strings.Join(orgs, ", ")
		if p.Section != nil {
			d.Section = p.Section.Title
		}
	case u.section != nil:
		d.Section = u.section.Title
	case u.entry != nil:
		e := u.entry
		d.Title = bib.PlainText(e.Get("title"))
		d.Venue = bib.PlainText(e.Get("booktitle"))
		if d.Venue == "" {
			d.Venue = bib.PlainText(e.Get("journal"))
		}
	}
}
