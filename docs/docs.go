// Package docs holds the documentation pages of the built-in rules,
// docs/rules/<rule-id>.md, embedded so that `papers rules ID` prints them
// from the binary wherever it runs.
package docs

import "embed"

//go:embed rules/*.md
var rules embed.FS

// RulePage returns the page of the built-in rule id, and false when there
// is none (a custom rule, a rule of another module).
func RulePage(id string) ([]byte, bool) {
	data, err := rules.ReadFile("rules/" + id + ".md")
	if err != nil {
		return nil, false
	}
	return data, true
}
