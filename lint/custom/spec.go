package custom

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"
)

// Spec is one rule of the config's custom-rules list as written, before
// Compile checks it. Its keys are Vale's where Vale has one (tokens,
// ignorecase, nonword, swap, min, max, first, second, either, match,
// exceptions).
type Spec struct {
	// ID is the rule's id in output, directives and the config's rules
	// section.
	ID string
	// Kind is existence (also when empty), substitution, occurrence,
	// conditional, consistency or capitalization.
	Kind string
	// Message is a text/template of the finding's message.
	Message string
	// Severity is off, info, warning or error; empty is warning.
	Severity string
	// Scope is the part of each entry the rule reads: title, venue, org,
	// note, section, link, entry or bib-field:NAME.
	Scope string
	// URL is the rule's documentation, shown as its help link; optional.
	URL string

	// Pattern is a RE2 pattern: what must not occur (existence), or what
	// is counted (occurrence).
	Pattern string
	// Tokens are words that must not occur (existence), matched whole.
	Tokens []string
	// IgnoreCase matches tokens, swap keys and patterns ignoring case.
	IgnoreCase bool
	// Nonword drops the whole-word test of tokens, swap keys and either
	// spellings.
	Nonword bool
	// Swap maps a pattern to its replacement (substitution), in the order
	// written; the replacement may use $1 for the pattern's groups.
	Swap []Swap
	// Min and Max bound the count of an occurrence rule; nil is no bound.
	Min, Max *int
	// First and Second are the patterns of a conditional rule: where
	// First matches, Second must too.
	First, Second string
	// Either lists groups of spellings of which a file (or the run) must
	// use one (consistency).
	Either [][]string
	// Per is file (the default) or run: where a consistency rule counts.
	Per string
	// Match is title, sentence, upper, lower or a RE2 pattern
	// (capitalization).
	Match string
	// Exceptions are words a capitalization rule leaves as written.
	Exceptions []string
	// When restricts the entries (and files) the rule applies to.
	When When

	// Line and Column are where the rule starts in the config.
	Line, Column int

	// path is the config file, pos where each key's value is written.
	path string
	pos  map[string][2]int
}

// Swap is one pattern → replacement pair of a substitution rule.
type Swap struct {
	Pattern, Replacement string
}

// When restricts a rule to some entries: all of the conditions given must
// hold.
type When struct {
	// Venue lists venue tags; an entry matches when its venue is one of
	// them (aliases and former tags count: NIPS is NeurIPS).
	Venue []string
	// Kind lists venue kinds: conference, journal, workshop, preprint.
	Kind []string
	// Year is a range of years: 2021-, -2019 or 2018-2020 (or one year).
	Year string
	// Section is a RE2 pattern the entry's section title must match.
	Section string
	// Files lists globs of the files the rule applies to, as exclude
	// globs are written.
	Files []string
}

// specKeys are the keys a rule may have, in the order error messages list
// them.
var specKeys = []string{"id", "kind", "message", "severity", "scope", "url", "pattern", "tokens", "ignorecase", "nonword",
	"swap", "min", "max", "first", "second", "either", "per", "match", "exceptions", "when"}

// whenKeys are the keys of a rule's when.
var whenKeys = []string{"venue", "kind", "year", "section", "files"}

// At returns where key's value is written, as path:line:col; the rule's
// own position when the key is absent.
func (s *Spec) At(key string) string {
	if p, ok := s.pos[key]; ok {
		return fmt.Sprintf("%s:%d:%d", s.path, p[0], p[1])
	}
	return fmt.Sprintf("%s:%d:%d", s.path, s.Line, s.Column)
}

// has reports whether the config wrote key.
func (s *Spec) has(key string) bool {
	_, ok := s.pos[key]
	return ok
}

// Decode reads the custom-rules list of a config at path. It checks the
// shape only (keys, types); Compile checks the rules themselves. Errors
// name the line and column.
func Decode(path string, n *yaml.Node) ([]Spec, error) {
	if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
		return nil, nil
	}
	if n.Kind != yaml.SequenceNode {
		return nil, fmt.Errorf("%s:%d:%d: custom-rules must be a list of rules", path, n.Line, n.Column)
	}
	out := make([]Spec, 0, len(n.Content))
	for _, item := range n.Content {
		s, err := decodeSpec(path, item)
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, nil
}

// decodeSpec reads one rule.
func decodeSpec(path string, n *yaml.Node) (Spec, error) {
	s := Spec{Line: n.Line, Column: n.Column, path: path, pos: map[string][2]int{}}
	if n.Kind != yaml.MappingNode {
		return s, fmt.Errorf("%s:%d:%d: a custom rule is a mapping with id, scope, message and the keys of its kind", path, n.Line, n.Column)
	}
	var err error
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if _, dup := s.pos[k.Value]; dup {
			return s, fmt.Errorf("%s:%d:%d: custom rule%s: key %q is given twice", path, k.Line, k.Column, idSuffix(s.ID), k.Value)
		}
		s.pos[k.Value] = [2]int{v.Line, v.Column}
		switch k.Value {
		case "id":
			err = scalar(v, &s.ID)
		case "kind":
			err = scalar(v, &s.Kind)
		case "message":
			err = scalar(v, &s.Message)
		case "severity":
			err = scalar(v, &s.Severity)
		case "scope":
			err = scalar(v, &s.Scope)
		case "url":
			err = scalar(v, &s.URL)
		case "pattern":
			err = scalar(v, &s.Pattern)
		case "tokens":
			err = stringList(v, &s.Tokens)
		case "ignorecase":
			err = scalar(v, &s.IgnoreCase)
		case "nonword":
			err = scalar(v, &s.Nonword)
		case "swap":
			s.Swap, err = swaps(v)
		case "min":
			s.Min = new(int)
			err = scalar(v, s.Min)
		case "max":
			s.Max = new(int)
			err = scalar(v, s.Max)
		case "first":
			err = scalar(v, &s.First)
		case "second":
			err = scalar(v, &s.Second)
		case "either":
			s.Either, err = eithers(v)
		case "per":
			err = scalar(v, &s.Per)
		case "match":
			err = scalar(v, &s.Match)
		case "exceptions":
			err = stringList(v, &s.Exceptions)
		case "when":
			err = s.decodeWhen(v)
		default:
			return s, fmt.Errorf("%s:%d:%d: custom rule%s: unknown key %q (known: %s)", path, k.Line, k.Column, idSuffix(s.ID), k.Value, strings.Join(specKeys, ", "))
		}
		if err != nil {
			where := fmt.Sprintf("%s:%d:%d", path, v.Line, v.Column)
			var pe posError
			if errors.As(err, &pe) {
				where = fmt.Sprintf("%s:%d:%d", path, pe.line, pe.col)
			}
			return s, fmt.Errorf("%s: custom rule%s: %s: %w", where, idSuffix(s.ID), k.Value, err)
		}
	}
	return s, nil
}

// decodeWhen reads a rule's when mapping; each key's position is kept as
// "when.KEY".
func (s *Spec) decodeWhen(n *yaml.Node) error {
	if n.Kind != yaml.MappingNode {
		return fmt.Errorf("want a mapping of %s", strings.Join(whenKeys, ", "))
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		s.pos["when."+k.Value] = [2]int{v.Line, v.Column}
		var err error
		switch k.Value {
		case "venue":
			err = stringList(v, &s.When.Venue)
		case "kind":
			err = stringList(v, &s.When.Kind)
		case "year":
			err = scalar(v, &s.When.Year)
		case "section":
			err = scalar(v, &s.When.Section)
		case "files":
			err = stringList(v, &s.When.Files)
		default:
			return posError{k.Line, k.Column, fmt.Errorf("unknown key %q (known: %s)", k.Value, strings.Join(whenKeys, ", "))}
		}
		if err != nil {
			return posError{v.Line, v.Column, fmt.Errorf("%s: %w", k.Value, err)}
		}
	}
	return nil
}

// posError is an error at a position inside a key's value.
type posError struct {
	line, col int
	err       error
}

func (e posError) Error() string { return e.err.Error() }
func (e posError) Unwrap() error { return e.err }

// idSuffix is " ID" when the id is known yet, for messages.
func idSuffix(id string) string {
	if id == "" {
		return ""
	}
	return " " + id
}

// scalar decodes a scalar value into out (string, bool or int).
func scalar[T string | bool | int](n *yaml.Node, out *T) error {
	if n.Kind != yaml.ScalarNode {
		return fmt.Errorf("want a %s", typeName(*out))
	}
	if err := n.Decode(out); err != nil {
		return fmt.Errorf("want a %s, not %q", typeName(*out), n.Value)
	}
	return nil
}

// typeName names a scalar type for messages.
func typeName(v any) string {
	switch v.(type) {
	case bool:
		return "boolean (true or false)"
	case int:
		return "whole number"
	}
	return "string"
}

// stringList decodes a string or a list of strings.
func stringList(n *yaml.Node, out *[]string) error {
	if n.Kind == yaml.ScalarNode {
		var s string
		if err := scalar(n, &s); err != nil {
			return err
		}
		*out = []string{s}
		return nil
	}
	if n.Kind != yaml.SequenceNode {
		return fmt.Errorf("want a string or a list of strings")
	}
	for _, c := range n.Content {
		var s string
		if err := scalar(c, &s); err != nil {
			return posError{c.Line, c.Column, err}
		}
		*out = append(*out, s)
	}
	return nil
}

// swaps decodes a mapping of pattern → replacement, keeping its order.
func swaps(n *yaml.Node) ([]Swap, error) {
	if n.Kind != yaml.MappingNode {
		return nil, fmt.Errorf("want a mapping of pattern: replacement")
	}
	var out []Swap
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		var sw Swap
		if err := scalar(k, &sw.Pattern); err != nil {
			return nil, posError{k.Line, k.Column, err}
		}
		if err := scalar(v, &sw.Replacement); err != nil {
			return nil, posError{v.Line, v.Column, err}
		}
		out = append(out, sw)
	}
	return out, nil
}

// eithers decodes the spellings of a consistency rule: a list of
// spellings (one group), a list of such lists, or Vale's mapping of
// pairs (each key: value a group of two).
func eithers(n *yaml.Node) ([][]string, error) {
	switch n.Kind {
	case yaml.MappingNode:
		var out [][]string
		for i := 0; i+1 < len(n.Content); i += 2 {
			var a, b string
			if err := scalar(n.Content[i], &a); err != nil {
				return nil, posError{n.Content[i].Line, n.Content[i].Column, err}
			}
			if err := scalar(n.Content[i+1], &b); err != nil {
				return nil, posError{n.Content[i+1].Line, n.Content[i+1].Column, err}
			}
			out = append(out, []string{a, b})
		}
		return out, nil
	case yaml.SequenceNode:
		if len(n.Content) > 0 && n.Content[0].Kind == yaml.SequenceNode {
			var out [][]string
			for _, c := range n.Content {
				var g []string
				if err := stringList(c, &g); err != nil {
					return nil, err
				}
				out = append(out, g)
			}
			return out, nil
		}
		var g []string
		if err := stringList(n, &g); err != nil {
			return nil, err
		}
		return [][]string{g}, nil
	}
	return nil, fmt.Errorf("want a list of spellings, or a mapping of spelling: spelling")
}

// keysOf lists the keys a kind takes besides the common ones, for
// messages.
func keysOf(kind string) []string {
	switch kind {
	case Existence:
		return []string{"pattern", "tokens", "ignorecase", "nonword"}
	case Substitution:
		return []string{"swap", "ignorecase", "nonword"}
	case Occurrence:
		return []string{"min", "max", "pattern", "ignorecase"}
	case Conditional:
		return []string{"first", "second", "ignorecase"}
	case Consistency:
		return []string{"either", "per", "nonword"}
	case Capitalization:
		return []string{"match", "exceptions"}
	}
	return nil
}

// commonKeys are the keys every kind takes.
var commonKeys = []string{"id", "kind", "message", "severity", "scope", "url", "when"}

// foreignKey returns a key the spec writes that its kind does not take.
func (s *Spec) foreignKey(kind string) string {
	own := keysOf(kind)
	for _, k := range specKeys {
		if s.has(k) && !slices.Contains(commonKeys, k) && !slices.Contains(own, k) {
			return k
		}
	}
	return ""
}
