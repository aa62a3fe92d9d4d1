package main

import (
	"errors"
	"flag"
	"fmt"
	"text/tabwriter"

	"github.com/paperlint/papers/lint"
	"github.com/paperlint/papers/rules"
)

func cmdRules(args []string, e *env) int {
	fs := newFlagSet("rules", "rules [--config FILE]\n\nLists every rule: id, severity in this configuration, whether --fix repairs it, and what it checks.", e.stderr)
	config := fs.String("config", "", "config file whose severities to show (default: .papers.yaml found from the current folder)")
	if _, err := parseInterspersed(fs, args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
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
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "RULE\tSEVERITY\tFIX\tSCOPE\tSUMMARY")
	for _, r := range runner.Rules {
		fix := ""
		if r.Fixable {
			fix = "fix"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", r.ID, runner.Settings(r.ID).Severity, fix, r.Scope, r.Summary)
	}
	if err := tw.Flush(); err != nil {
		fmt.Fprintf(e.stderr, "papers: %v\n", err)
		return exitTrouble
	}
	return exitOK
}
