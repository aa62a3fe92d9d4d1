package rules

import "github.com/paperlint/papers/lint"

// bibRules are the rules on .bib files and on notes against their
// companion .bib, in the order `papers rules` lists them.
func bibRules() []*lint.Rule {
	return nil
}
