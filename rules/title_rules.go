package rules

import "github.com/paperlint/papers/lint"

// titleRules are the rules on paper titles across every file of the run.
func titleRules() []*lint.Rule {
	return nil
}
