package lint

import (
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strings"

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
			// Doc is the URL the config gives or none: a custom rule has
			// no page of its own under docs/rules.
			Doc:   c.URL,
			Check: func(p *Pass) { checkCustom(p, c.Scope, re, c.Message) },
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

// customScopes are the parts of an entry a declarative rule may match.
var customScopes = []string{"title", "venue", "org", "section", "note", "entry"}

// compileCustom checks a declarative rule and compiles its pattern.
func (c CustomRuleConfig) compile(path string) (*regexp.Regexp, Severity, error) {
	where := fmt.Sprintf("%s:%d", path, c.Line)
	if c.ID == "" || strings.ContainsAny(c.ID, " \t,") {
		return nil, 0, fmt.Errorf("%s: custom rule needs an id without spaces or commas", where)
	}
	if c.Pattern == "" {
		return nil, 0, fmt.Errorf("%s: custom rule %s needs a pattern (RE2)", where, c.ID)
	}
	re, err := regexp.Compile(c.Pattern)
	if err != nil {
		return nil, 0, fmt.Errorf("%s: custom rule %s: bad pattern: %w", where, c.ID, err)
	}
	if !slices.Contains(customScopes, c.Scope) {
		return nil, 0, fmt.Errorf("%s: custom rule %s: scope %q is not one of %s", where, c.ID, c.Scope, strings.Join(customScopes, ", "))
	}
	sev := Warning
	if c.Severity != "" {
		if sev, err = ParseSeverity(c.Severity); err != nil {
			return nil, 0, fmt.Errorf("%s: custom rule %s: %w", where, c.ID, err)
		}
	}
	if c.Message == "" {
		return nil, 0, fmt.Errorf("%s: custom rule %s needs a message", where, c.ID)
	}
	if u, err := url.Parse(c.URL); c.URL != "" && (err != nil || u.Scheme != "https" && u.Scheme != "http" || u.Host == "") {
		return nil, 0, fmt.Errorf("%s: custom rule %s: url %q is not an http(s) address", where, c.ID, c.URL)
	}
	return re, sev, nil
}
