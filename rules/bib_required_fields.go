package rules

import (
	"fmt"
	"sort"
	"strings"

	"github.com/paperlint/papers/bib"
	"github.com/paperlint/papers/lint"
)

// RequiredFieldsOptions are the options of bib-required-fields.
type RequiredFieldsOptions struct {
	// Required maps an entry type (lower case) to its required fields. A
	// field written "author|editor" is satisfied by either. Config entries
	// replace the default list of their type and leave the other types
	// alone; an empty list turns the check off for that type. Types not in
	// the map are not checked.
	Required map[string][]string `yaml:"required"`
}

// Validate checks that types and field names are single words.
func (o *RequiredFieldsOptions) Validate() error {
	types := make([]string, 0, len(o.Required))
	for typ := range o.Required {
		types = append(types, typ)
	}
	sort.Strings(types)
	for _, typ := range types {
		if typ == "" || strings.ContainsAny(typ, " \t@{}|") {
			return fmt.Errorf("required: %q is not an entry type", typ)
		}
		for _, alt := range o.Required[typ] {
			for _, name := range strings.Split(alt, "|") {
				if strings.TrimSpace(name) == "" || strings.ContainsAny(strings.TrimSpace(name), " \t{}=,") {
					return fmt.Errorf("required: %s: %q is not a field name or a list of alternatives such as author|editor", typ, alt)
				}
			}
		}
	}
	return nil
}

// defaultRequired follows the BibTeX standard styles (btxdoc) for the
// classic types, with biblatex's names accepted as alternatives (date for
// year, journaltitle for journal, institution for school), and biblatex's
// online type.
func defaultRequired() map[string][]string {
	return map[string][]string{
		"article":       {"author", "title", "journal|journaltitle", "year|date"},
		"book":          {"author|editor", "title", "publisher", "year|date"},
		"booklet":       {"title"},
		"inbook":        {"author|editor", "title", "chapter|pages", "publisher", "year|date"},
		"incollection":  {"author", "title", "booktitle", "publisher", "year|date"},
		"inproceedings": {"author", "title", "booktitle", "year|date"},
		"conference":    {"author", "title", "booktitle", "year|date"},
		"manual":        {"title"},
		"mastersthesis": {"author", "title", "school|institution", "year|date"},
		"phdthesis":     {"author", "title", "school|institution", "year|date"},
		"proceedings":   {"title", "year|date"},
		"techreport":    {"author", "title", "institution", "year|date"},
		"unpublished":   {"author", "title", "note"},
		"misc":          {},
		"online":        {"author|editor", "title", "year|date", "url|doi|eprint"},
	}
}

// BibRequiredFields reports an entry that lacks a field its type requires
// (an @inproceedings without booktitle, an @article without journal): the
// bibliography style prints a warning and a reference with a hole. Fields
// the entry inherits through crossref count as present.
var BibRequiredFields = &lint.Rule{
	ID:         "bib-required-fields",
	Summary:    "an entry lacks a field its type requires (author, title, booktitle/journal, year ...)",
	Severity:   lint.Warning,
	Scope:      lint.BibScope,
	NewOptions: lint.Defaults(func() *RequiredFieldsOptions { return &RequiredFieldsOptions{Required: defaultRequired()} }),
	Requires:   []lint.Analyzer{runKeys},
	Check:      checkBibRequiredFields,
}

func checkBibRequiredFields(p *lint.Pass) {
	f := bibOf(p)
	if f == nil {
		return
	}
	opts := lint.OptionsOf[RequiredFieldsOptions](p)
	// Split the alternatives once per pass, keyed by lower-case type.
	req := make(map[string][][]string, len(opts.Required))
	for typ, list := range opts.Required {
		var alts [][]string
		for _, a := range list {
			var names []string
			for _, n := range strings.Split(a, "|") {
				names = append(names, strings.ToLower(strings.TrimSpace(n)))
			}
			alts = append(alts, names)
		}
		req[strings.ToLower(typ)] = alts
	}
	for _, e := range f.Bib.Entries {
		if e.Incomplete {
			continue // the missing fields may be after the syntax error
		}
		alts := req[strings.ToLower(e.Type)]
		if len(alts) == 0 {
			continue
		}
		var parent *bib.Entry
		if ref := strings.TrimSpace(e.Get("crossref")); ref != "" {
			if parent = f.Bib.Entry(ref); parent == nil {
				if !runKeys.Of(p, nil)[strings.ToLower(ref)] {
					// BibTeX: "A bad cross reference"; the fields the
					// entry meant to inherit are missing.
					s, end := entryHead(e)
					p.Reportf(f, s, end, "@%s entry %q cross-references %q, which no .bib file of this run holds: BibTeX reports a bad cross reference and the entry lacks what it would inherit", e.Type, e.Key, ref)
					continue
				}
				// The parent is in another file (crossref.bib): it may
				// provide any field, so say nothing.
				continue
			}
		}
		var missing, empty []string
		for _, names := range alts {
			switch fieldState(e, parent, names) {
			case fieldMissing:
				missing = append(missing, altText(names))
			case fieldEmpty:
				empty = append(empty, altText(names))
			}
		}
		if len(missing) == 0 && len(empty) == 0 {
			continue
		}
		var parts []string
		if len(missing) > 0 {
			parts = append(parts, "lacks "+joinAnd(missing))
		}
		if len(empty) > 0 {
			parts = append(parts, "has an empty "+joinAnd(empty))
		}
		start, end := entryHead(e)
		typ := strings.ToLower(e.Type)
		p.Report(lint.Diagnostic{
			Start: start, End: end,
			Message: fmt.Sprintf("@%s entry %q %s (@%s needs %s)", typ, e.Key, strings.Join(parts, " and "), typ, requiredList(alts)),
		})
	}
}

// altText writes alternatives for messages: "year (or date)".
func altText(names []string) string {
	if len(names) == 1 {
		return names[0]
	}
	return names[0] + " (or " + strings.Join(names[1:], " or ") + ")"
}

const (
	fieldPresent = iota
	fieldEmpty
	fieldMissing
)

// fieldState tells whether one of names is present with a value in e or,
// through crossref, in parent. A parent's title stands for the booktitle of
// a paper in its proceedings, as biblatex inherits it.
func fieldState(e, parent *bib.Entry, names []string) int {
	state := fieldMissing
	look := func(x *bib.Entry, name string) {
		if x == nil {
			return
		}
		if fl := x.Field(name); fl != nil {
			if strings.TrimSpace(fl.Value) != "" || fl.NumParts() > 0 && fl.Part(0).Kind == bib.PartMacro && !fl.Part(0).Undefined {
				state = fieldPresent
			} else if state == fieldMissing {
				state = fieldEmpty
			}
		}
	}
	for _, n := range names {
		look(e, n)
		look(parent, n)
		if n == "booktitle" && parent != nil && (strings.EqualFold(parent.Type, "proceedings") || strings.EqualFold(parent.Type, "book")) {
			look(parent, "title")
		}
		if state == fieldPresent {
			return state
		}
	}
	return state
}

func requiredList(alts [][]string) string {
	var out []string
	for _, names := range alts {
		out = append(out, strings.Join(names, "|"))
	}
	return strings.Join(out, ", ")
}

// runKeys holds the keys of every .bib file of the run (companions read for
// reference included), lower-cased as BibTeX compares them, so that a
// crossref to another file is told from one to no file.
var runKeys = &lint.Analysis[map[string]bool]{
	Name:  "bib-keys",
	Scope: lint.PerRun,
	Run: func(p *lint.AnalysisPass) map[string]bool {
		// Only an entry with a crossref looks the keys up: a run without
		// one (most) needs no map of them (100,000 keys: 0.1 s of CPU).
		n, crossref := 0, false
		for _, f := range p.Files {
			if f.Bib == nil {
				continue
			}
			n += len(f.Bib.Entries)
			for _, e := range f.Bib.Entries {
				if crossref = crossref || e.Field("crossref") != nil; crossref {
					break
				}
			}
		}
		keys := map[string]bool{}
		if !crossref {
			return keys
		}
		keys = make(map[string]bool, n)
		for _, f := range p.Files {
			if f.Bib == nil {
				continue
			}
			for _, e := range f.Bib.Entries {
				keys[strings.ToLower(e.Key)] = true
			}
		}
		return keys
	},
}
