package lint

import (
	"fmt"
	"regexp"

	"github.com/paperlint/papers/notes"
)

// CustomRules builds the declarative rules of a config: each matches a RE2
// pattern against one part of every entry (title, venue, org, section, note
// or the whole entry line) and reports each match with the configured
// message. They need no Go and run like any other rule.
func CustomRules(cfg *Config) ([]*Rule, error) {
	var out []*Rule
	for _, c := range cfg.CustomRules {
		re, sev, err := c.compile(cfg.Path)
		if err != nil {
			return nil, err
		}
		c := c
		out = append(out, &Rule{
			ID:       c.ID,
			Summary:  fmt.Sprintf("custom: %s (%s matches %s)", c.Message, c.Scope, c.Pattern),
			Severity: sev,
			Scope:    NotesScope,
			Doc:      cfg.Path,
			Check:    func(p *Pass) { checkCustom(p, c.Scope, re, c.Message) },
		})
	}
	return out, nil
}

func checkCustom(p *Pass, scope string, re *regexp.Regexp, msg string) {
	doc := p.File.Notes
	if doc == nil {
		return
	}
	match := func(sp notes.Span) {
		if sp.Len() <= 0 {
			return
		}
		for _, m := range re.FindAllIndex(doc.Src[sp.Start:sp.End], -1) {
			p.Report(Diagnostic{Start: sp.Start + m[0], End: sp.Start + m[1], Message: msg})
		}
	}
	switch scope {
	case "section":
		for _, s := range doc.Sections {
			match(s.TitleSpan)
		}
		return
	}
	for _, e := range doc.Papers {
		switch scope {
		case "title":
			match(e.TitleSpan)
		case "venue":
			if e.Venue != nil {
				match(e.Venue.Inner)
			}
		case "org":
			for _, o := range e.Orgs {
				match(o.Span)
			}
		case "note":
			for _, n := range e.Notes {
				match(n)
			}
		case "entry":
			match(e.Span)
		}
	}
}
