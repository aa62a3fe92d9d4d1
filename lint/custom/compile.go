package custom

import (
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strings"
)

// Kinds of rule.
const (
	// Existence: tokens or a pattern that must not occur.
	Existence = "existence"
	// Substitution: patterns to write another way (swap); fixable.
	Substitution = "substitution"
	// Occurrence: the scope's items (or a pattern's matches) in an entry
	// number between min and max.
	Occurrence = "occurrence"
	// Conditional: where first matches in an entry, second must too.
	Conditional = "conditional"
	// Consistency: of two or more spellings, a file (or the run) uses
	// one; fixable.
	Consistency = "consistency"
	// Capitalization: text in title, sentence, upper or lower case, or
	// matching a pattern; fixable but for a pattern.
	Capitalization = "capitalization"
)

// Kinds lists the kinds of rule, as the docs list them.
var Kinds = []string{Existence, Substitution, Occurrence, Conditional, Consistency, Capitalization}

// Rule is a compiled custom rule.
type Rule struct {
	// ID, Kind and Scope are as written (Kind existence when it was left
	// out; a .bib field's name lower-cased).
	ID, Kind, Scope string
	// Severity is as written; empty means the default.
	Severity string
	// URL is the rule's documentation, empty when it gives none.
	URL string
	// Summary is one line for `papers rules`.
	Summary string
	// Fixable is true when the rule's findings carry fixes.
	Fixable bool
	// PerRun is true for a consistency rule that counts over every file
	// of the run: Check then gets them all at once.
	PerRun bool
	// Bib is true when the rule reads .bib files (scope bib-field:NAME),
	// false when it reads notes.
	Bib bool
	// Files are the globs of when: files; empty is every file.
	Files []string

	spec  *Spec
	scope string
	msg   *message
	when  cond

	// m is the pattern of existence and occurrence rules (nil for an
	// occurrence rule that counts items).
	m *matcher
	// swaps are a substitution rule's keys, each a part of one matcher.
	swaps *alternation
	// first and second are a conditional rule's patterns.
	first, second *matcher
	// groups are a consistency rule's groups of spellings.
	groups []*alternation
	// min and max bound an occurrence count; -1 is no bound.
	min, max int
	// casing is a capitalization rule's style.
	casing *casing
}

// At returns where key is written in the config, as path:line:col.
func (r *Rule) At(key string) string { return r.spec.At(key) }

// literals lists the ids of the literals the rule's patterns search for.
func (r *Rule) literals() []int {
	var ids []int
	for _, m := range []*matcher{r.m, r.first, r.second} {
		if m != nil {
			ids = append(ids, m.literals()...)
		}
	}
	if r.swaps != nil {
		ids = append(ids, r.swaps.m.literals()...)
	}
	for _, g := range r.groups {
		ids = append(ids, g.m.literals()...)
	}
	return ids
}

// Set is the compiled custom rules of a config.
type Set struct {
	// Rules are in config order.
	Rules []*Rule
	// table holds the literals of every rule's patterns.
	table litTable
}

// Compile checks and compiles specs. Every pattern is compiled here, once
// for the life of the config. Errors name the config's line and column.
func Compile(specs []Spec) (*Set, error) {
	set := &Set{}
	for i := range specs {
		r, err := compileRule(&set.table, &specs[i])
		if err != nil {
			return nil, err
		}
		set.Rules = append(set.Rules, r)
	}
	return set, nil
}

func compileRule(t *litTable, s *Spec) (*Rule, error) {
	if s.ID == "" || strings.ContainsAny(s.ID, " \t,") {
		return nil, fmt.Errorf("%s: custom rule needs an id without spaces or commas", s.At("id"))
	}
	kind := s.Kind
	if kind == "" {
		kind = Existence
	}
	if u, err := url.Parse(s.URL); s.URL != "" && (err != nil || u.Scheme != "https" && u.Scheme != "http" || u.Host == "") {
		// A path would be glued onto the repository's address by SARIF
		// readers: only a web address is a link.
		return nil, fmt.Errorf("%s: custom rule %s: url %q is not an http(s) address", s.At("url"), s.ID, s.URL)
	}
	r := &Rule{ID: s.ID, Kind: kind, Severity: s.Severity, URL: s.URL, spec: s, min: -1, max: -1}
	if !slices.Contains(Kinds, kind) {
		return nil, fmt.Errorf("%s: custom rule %s: kind %q is not one of %s", s.At("kind"), s.ID, kind, strings.Join(Kinds, ", "))
	}
	if k := s.foreignKey(kind); k != "" {
		return nil, fmt.Errorf("%s: custom rule %s: key %s does not apply to kind %s (it takes %s)", s.At(k), s.ID, k, kind, strings.Join(keysOf(kind), ", "))
	}
	if s.Scope == "" {
		return nil, fmt.Errorf("%s: custom rule %s needs a scope (%s, bib-field:NAME)", s.At("scope"), s.ID, strings.Join(notesScopes, ", "))
	}
	scope, err := scopeName(s.Scope)
	if err != nil {
		return nil, fmt.Errorf("%s: custom rule %s: %w", s.At("scope"), s.ID, err)
	}
	r.scope, r.Scope = scope, scope
	r.Bib = strings.HasPrefix(scope, ScopeBibField)
	if s.Message == "" {
		return nil, fmt.Errorf("%s: custom rule %s needs a message", s.At("message"), s.ID)
	}
	if r.msg, err = compileMessage(s.Message); err != nil {
		return nil, fmt.Errorf("%s: custom rule %s: bad message template: %w", s.At("message"), s.ID, err)
	}
	if r.when, err = compileWhen(s, scope); err != nil {
		return nil, err
	}
	r.Files = r.when.files
	if err := r.compileKind(t, s); err != nil {
		return nil, err
	}
	r.Summary = summary(s, r)
	return r, nil
}

// compileKind compiles the keys of the rule's kind, its literals going
// in t.
func (r *Rule) compileKind(t *litTable, s *Spec) error {
	pattern := func(key, p string, ignoreCase, whole bool) (*matcher, error) {
		m, err := newMatcher(t, []string{p}, ignoreCase, whole)
		if err != nil {
			return nil, fmt.Errorf("%s: custom rule %s: bad %s: %w", s.At(key), s.ID, key, err)
		}
		return m, nil
	}
	missing := func(what string) error {
		return fmt.Errorf("%s: custom rule %s: kind %s needs %s", s.At("kind"), s.ID, r.Kind, what)
	}
	var err error
	switch r.Kind {
	case Existence:
		switch {
		case s.Pattern != "" && len(s.Tokens) > 0:
			return fmt.Errorf("%s: custom rule %s: give pattern or tokens, not both", s.At("tokens"), s.ID)
		case len(s.Tokens) > 0:
			if err := nonEmpty(s, "tokens", s.Tokens); err != nil {
				return err
			}
			r.m, err = pattern("tokens", wordsPattern(s.Tokens), s.IgnoreCase, !s.Nonword)
		case s.Pattern != "":
			r.m, err = pattern("pattern", s.Pattern, s.IgnoreCase, false)
		default:
			if s.Kind == "" {
				return fmt.Errorf("%s: custom rule %s needs a pattern (RE2), or a kind", s.At("pattern"), s.ID)
			}
			return missing("a pattern (RE2) or tokens")
		}
	case Substitution:
		if len(s.Swap) == 0 {
			return missing("swap, a mapping of pattern: replacement")
		}
		keys := make([]string, len(s.Swap))
		for i, sw := range s.Swap {
			keys[i] = sw.Pattern
		}
		if r.swaps, err = newAlternation(t, s, "swap", keys, s.IgnoreCase, !s.Nonword); err != nil {
			return err
		}
		r.Fixable = true
	case Occurrence:
		if s.Min == nil && s.Max == nil {
			return missing("min, max or both")
		}
		if s.Min != nil {
			r.min = *s.Min
		}
		if s.Max != nil {
			r.max = *s.Max
		}
		switch {
		case s.Min != nil && r.min < 0:
			return fmt.Errorf("%s: custom rule %s: min must not be negative", s.At("min"), s.ID)
		case s.Max != nil && r.max < 0:
			return fmt.Errorf("%s: custom rule %s: max must not be negative", s.At("max"), s.ID)
		case s.Max != nil && r.min > r.max:
			return fmt.Errorf("%s: custom rule %s: min %d is above max %d", s.At("min"), s.ID, r.min, r.max)
		}
		if s.Pattern != "" {
			r.m, err = pattern("pattern", s.Pattern, s.IgnoreCase, false)
		}
	case Conditional:
		if s.First == "" || s.Second == "" {
			return missing("first and second (RE2 patterns)")
		}
		if r.first, err = pattern("first", s.First, s.IgnoreCase, false); err != nil {
			return err
		}
		r.second, err = pattern("second", s.Second, s.IgnoreCase, false)
	case Consistency:
		if len(s.Either) == 0 {
			return missing("either, two or more spellings")
		}
		for _, g := range s.Either {
			if len(g) < 2 {
				return fmt.Errorf("%s: custom rule %s: either needs two or more spellings in each group", s.At("either"), s.ID)
			}
			a, err := newAlternation(t, s, "either", g, false, !s.Nonword)
			if err != nil {
				return err
			}
			r.groups = append(r.groups, a)
		}
		switch s.Per {
		case "", "file":
		case "run":
			r.PerRun = true
		default:
			return fmt.Errorf("%s: custom rule %s: per %q is not file or run", s.At("per"), s.ID, s.Per)
		}
		r.Fixable = true
	case Capitalization:
		if s.Match == "" {
			return missing("match: title, sentence, upper, lower or a RE2 pattern")
		}
		if r.casing, err = newCasing(s.Match, s.Exceptions); err != nil {
			return fmt.Errorf("%s: custom rule %s: bad match: %w", s.At("match"), s.ID, err)
		}
		r.Fixable = r.casing.pattern == nil
	}
	return err
}

// nonEmpty checks that no word of a list is empty.
func nonEmpty(s *Spec, key string, words []string) error {
	for _, w := range words {
		if w == "" {
			return fmt.Errorf("%s: custom rule %s: %s has an empty entry", s.At(key), s.ID, key)
		}
	}
	return nil
}

// summary is the rule's line in `papers rules`. An existence rule with a
// pattern keeps the line custom rules have always had.
func summary(s *Spec, r *Rule) string {
	switch {
	case r.Kind == Existence && s.Pattern != "":
		return fmt.Sprintf("custom: %s (%s matches %s)", s.Message, s.Scope, s.Pattern)
	case r.Kind == Existence:
		return fmt.Sprintf("custom: %s (%s has %s)", s.Message, s.Scope, strings.Join(s.Tokens, ", "))
	}
	return fmt.Sprintf("custom: %s (%s in %s)", s.Message, r.Kind, s.Scope)
}

// alternation is a list of patterns matched as one (a swap's keys, a
// group of spellings), each a part of its matcher, so that a match says
// which pattern it is of.
type alternation struct {
	m *matcher
	// anchored are the patterns alone, anchored, to expand a swap's $1.
	anchored []*regexp.Regexp
	// literal says which patterns are plain text, which a fix may write
	// for another.
	literal []bool
}

// newAlternation compiles patterns, key naming them in errors, their
// literals going in t.
func newAlternation(t *litTable, s *Spec, key string, patterns []string, ignoreCase, whole bool) (*alternation, error) {
	if err := nonEmpty(s, key, patterns); err != nil {
		return nil, err
	}
	a := &alternation{}
	flags := ""
	if ignoreCase {
		flags = "(?i)"
	}
	for _, p := range patterns {
		re, err := regexp.Compile(flags + "^(?:" + p + ")$")
		if err != nil {
			return nil, fmt.Errorf("%s: custom rule %s: bad %s pattern %q: %w", s.At(key), s.ID, key, p, err)
		}
		a.anchored = append(a.anchored, re)
		a.literal = append(a.literal, !ignoreCase && regexp.QuoteMeta(p) == p)
	}
	m, err := newMatcher(t, patterns, ignoreCase, whole)
	if err != nil {
		return nil, fmt.Errorf("%s: custom rule %s: bad %s: %w", s.At(key), s.ID, key, err)
	}
	a.m = m
	return a, nil
}

// wordsPattern is the pattern of a list of words: each matched as written,
// the longer first so that an alternation prefers MSRA to MS.
func wordsPattern(words []string) string {
	ws := slices.Clone(words)
	slices.SortStableFunc(ws, func(a, b string) int { return len(b) - len(a) })
	for i, w := range ws {
		ws[i] = regexp.QuoteMeta(w)
	}
	return strings.Join(ws, "|")
}
