package lint

import (
	"fmt"

	"github.com/paperlint/papers/lint/custom"
)

// CustomRuleConfig is a declarative rule written in config under
// custom-rules; package custom describes its keys.
type CustomRuleConfig = custom.Spec

// CustomRules builds the declarative rules of a config (see package
// custom): each becomes a Rule that runs like any other, in the same
// runner, with directives, severities and output formats. Their patterns
// are compiled once, here, and they share one analysis that extracts the
// texts of every scope they read from each file once, so that a hundred
// of them walk each file's papers once.
func CustomRules(cfg *Config) ([]*Rule, error) {
	if len(cfg.CustomRules) == 0 {
		return nil, nil
	}
	set, err := custom.Compile(cfg.CustomRules)
	if err != nil {
		return nil, err
	}
	items := customItems(set)
	out := make([]*Rule, 0, len(set.Rules))
	for _, cr := range set.Rules {
		sev := Warning
		if cr.Severity != "" {
			if sev, err = ParseSeverity(cr.Severity); err != nil {
				return nil, fmt.Errorf("%s: custom rule %s: %w", cr.At("severity"), cr.ID, err)
			}
		}
		scope, kind := NotesScope, NotesFile
		if cr.Bib {
			scope, kind = BibScope, BibFile
		}
		if cr.PerRun {
			scope = CorpusScope
		}
		out = append(out, &Rule{
			ID:       cr.ID,
			Summary:  cr.Summary,
			Severity: sev,
			Scope:    scope,
			Fixable:  cr.Fixable,
			Requires: []Analyzer{items},
			Doc:      cr.URL,
			Source:   cr.At("id"),
			Check:    checkCustom(cfg, cr, kind, items),
		})
	}
	return out, nil
}

// customItems is the analysis the custom rules of set share: the texts of
// each file in every scope the enabled ones read. It is made per config,
// since it holds the compiled rules; its address is its identity, as for
// any analysis.
func customItems(set *custom.Set) *Analysis[*custom.Items] {
	notesRules, bibRules, perRun := false, false, false
	for _, r := range set.Rules {
		notesRules = notesRules || !r.Bib
		bibRules = bibRules || r.Bib
		perRun = perRun || r.PerRun
	}
	var kind Kind
	switch {
	case !bibRules:
		kind = NotesFile
	case !notesRules:
		kind = BibFile
	}
	return &Analysis[*custom.Items]{
		Name:  "custom-rule scopes",
		Scope: PerFile,
		Kind:  kind,
		// A consistency rule counted over the run counts the files read
		// for reference too, as org-name does.
		Quiet: perRun,
		Run: func(p *AnalysisPass) *custom.Items {
			enabled := make(map[string]bool, len(p.Rules))
			for _, rr := range p.Rules {
				enabled[rr.Rule.ID] = true
			}
			f := p.File
			return set.Scan(custom.Doc{Text: f.Text, Notes: f.Notes, Bib: f.Bib, Venues: p.Venues},
				func(id string) bool { return enabled[id] })
		},
	}
}

// checkCustom is the Check of custom rule cr, which reads files of kind.
func checkCustom(cfg *Config, cr *custom.Rule, kind Kind, items *Analysis[*custom.Items]) func(*Pass) {
	return func(p *Pass) {
		var files []*File
		for _, f := range p.Files {
			if f.Kind != kind || len(cr.Files) > 0 && !MatchAny(cr.Files, cfg.pathCandidates(f.Path)...) {
				continue
			}
			files = append(files, f)
		}
		docs := make([]*custom.Items, 0, len(files))
		kept := files[:0]
		for _, f := range files {
			if it := items.Of(p, f); it != nil {
				docs = append(docs, it)
				kept = append(kept, f)
			}
		}
		cr.Check(docs, func(i int, fd custom.Finding) { p.Report(customDiagnostic(kept[i].Path, fd)) })
	}
}

// customDiagnostic turns a custom rule's finding in file path into a
// diagnostic.
func customDiagnostic(path string, fd custom.Finding) Diagnostic {
	d := Diagnostic{File: path, Start: fd.Start, End: fd.End, Message: fd.Message}
	if fd.Edits != nil {
		fix := &Fix{Message: fd.FixMessage, Edits: make([]Edit, len(fd.Edits))}
		for i, e := range fd.Edits {
			fix.Edits[i] = Edit(e)
		}
		d.Fix = fix
	}
	return d
}
