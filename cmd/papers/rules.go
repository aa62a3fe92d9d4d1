package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"

	"gopkg.in/yaml.v3"

	"github.com/paperlint/papers/docs"
	"github.com/paperlint/papers/lint"
	"github.com/paperlint/papers/lint/report"
	"github.com/paperlint/papers/rules"
)

func cmdRules(args []string, e *env) int {
	fs := newFlagSet("rules", "rules [--config FILE] [--format text|json] [RULE-ID]\n\nLists every rule (custom rules of the config included): id, severity in this configuration,\nwhether --fix repairs it, and what it checks. With a rule id, prints the rule's page.", e.stderr)
	config := fs.String("config", "", "config file whose severities and custom rules to show (default: .papers.yaml found from the current folder)")
	format := fs.String("format", "text", "text (a table) or json (id, summary, severity, fixable, scope, options with their defaults, docs URL), for editors and docs sites")
	ids, err := parseInterspersed(fs, args)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitTrouble
	}
	if *format != "text" && *format != "json" {
		fmt.Fprintf(e.stderr, "papers rules: unknown --format %q (want text or json)\n", *format)
		return exitTrouble
	}
	if len(ids) > 1 {
		fmt.Fprintln(e.stderr, "papers rules: give one rule id, or none to list them all")
		return exitTrouble
	}
	cfg, err := loadConfig(*config)
	if err != nil {
		fmt.Fprintf(e.stderr, "papers: %v\n", err)
		return exitTrouble
	}
	runner, err := lint.NewRunner(rules.All(), cfg)
	if err != nil {
		fmt.Fprintf(e.stderr, "papers: %v\n", err)
		return exitTrouble
	}
	if len(ids) == 1 {
		i := slices.IndexFunc(runner.Rules, func(r *lint.Rule) bool { return r.ID == ids[0] })
		if i < 0 {
			fmt.Fprintf(e.stderr, "papers rules: unknown rule %q (papers rules lists them)\n", ids[0])
			return exitTrouble
		}
		err = writeRulePage(e.stdout, runner.Rules[i])
	} else if *format == "json" {
		err = writeRulesJSON(e.stdout, runner)
	} else {
		err = writeRulesTable(e.stdout, runner)
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "papers: %v\n", err)
		return exitTrouble
	}
	return exitOK
}

// writeRulesTable prints one line per rule.
func writeRulesTable(w io.Writer, runner *lint.Runner) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "RULE\tSEVERITY\tFIX\tSCOPE\tSUMMARY")
	for _, r := range runner.Rules {
		fix := ""
		if r.Fixable {
			fix = "fix"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", r.ID, runner.Settings(r.ID).Severity, fix, r.Scope, r.Summary)
	}
	return tw.Flush()
}

// ruleInfo is a rule as `papers rules --format json` describes it.
type ruleInfo struct {
	ID      string `json:"id"`
	Summary string `json:"summary"`
	// Severity is the rule's severity in this configuration; Default is
	// the rule's own.
	Severity string       `json:"severity"`
	Default  string       `json:"default_severity"`
	Fixable  bool         `json:"fixable"`
	Scope    string       `json:"scope"`
	Options  []ruleOption `json:"options"`
	DocsURL  string       `json:"docs_url,omitempty"`
	// Source is where a custom rule is declared, path:line:col.
	Source string `json:"source,omitempty"`
}

// ruleOption is an option of a rule, as its config section names it, and
// its default value.
type ruleOption struct {
	Name    string `json:"name"`
	Default any    `json:"default"`
}

// writeRulesJSON prints the rules as a JSON array, in the table's order.
func writeRulesJSON(w io.Writer, runner *lint.Runner) error {
	out := make([]ruleInfo, 0, len(runner.Rules))
	for _, r := range runner.Rules {
		opts, err := optionsOf(r)
		if err != nil {
			return err
		}
		out = append(out, ruleInfo{
			ID: r.ID, Summary: r.Summary, Severity: runner.Settings(r.ID).Severity.String(), Default: r.Severity.String(),
			Fixable: r.Fixable, Scope: r.Scope.String(), Options: opts, DocsURL: report.HelpURL(r), Source: r.Source,
		})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}

// optionsOf lists a rule's options with their defaults, in the order of
// its options struct, under the names its config section uses.
func optionsOf(r *lint.Rule) ([]ruleOption, error) {
	opts := []ruleOption{}
	if r.NewOptions == nil {
		return opts, nil
	}
	var n yaml.Node
	if err := n.Encode(r.NewOptions()); err != nil {
		return nil, fmt.Errorf("rule %s options: %w", r.ID, err)
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		var v any
		if err := n.Content[i+1].Decode(&v); err != nil {
			return nil, fmt.Errorf("rule %s option %s: %w", r.ID, n.Content[i].Value, err)
		}
		opts = append(opts, ruleOption{Name: n.Content[i].Value, Default: jsonValue(v)})
	}
	return opts, nil
}

// jsonValue makes a value decoded from YAML encodable as JSON: YAML
// mappings decode with keys of any type.
func jsonValue(v any) any {
	switch t := v.(type) {
	case map[string]any:
		for k, x := range t {
			t[k] = jsonValue(x)
		}
	case map[any]any:
		m := make(map[string]any, len(t))
		for k, x := range t {
			m[fmt.Sprint(k)] = jsonValue(x)
		}
		return m
	case []any:
		for i, x := range t {
			t[i] = jsonValue(x)
		}
	}
	return v
}

// writeRulePage prints a rule's page: the built-in rule's docs/rules page,
// or, for a rule that has none, what is known of it.
func writeRulePage(w io.Writer, r *lint.Rule) error {
	if page, ok := docs.RulePage(r.ID); ok && r.Source == "" {
		_, err := w.Write(page)
		return err
	}
	fix := "none"
	if r.Fixable {
		fix = "yes"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n\n**Default severity:** %s · **Fix:** %s · **Scope:** %s\n\n%s\n", r.ID, r.Severity, fix, scopeWords(r.Scope), r.Summary)
	if r.Source != "" {
		fmt.Fprintf(&b, "\nA custom rule, declared at %s.\n", r.Source)
	}
	if url := report.HelpURL(r); url != "" {
		fmt.Fprintf(&b, "\nMore: %s\n", url)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// scopeWords says what a rule of scope s looks at, as the rules' pages
// say it.
func scopeWords(s lint.Scope) string {
	switch s {
	case lint.NotesScope:
		return "each notes file"
	case lint.BibScope:
		return "each .bib file"
	}
	return "every file of the run"
}
