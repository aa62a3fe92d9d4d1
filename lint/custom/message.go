package custom

import (
	"fmt"
	"strconv"
	"strings"
	"text/template"

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

// message is a compiled message: a template, or plain text when it has no
// action (most messages; they cost nothing to render).
type message struct {
	text string
	tmpl *template.Template
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
	return &message{text: s, tmpl: t}, nil
}

// render writes the message for a finding in unit u.
func (m *message) render(it *Items, u *unit, d Data) string {
	if m.tmpl == nil {
		return m.text
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
