// Package docs holds the documentation pages of the built-in rules,
// docs/rules/<rule-id>.md, embedded so that the binary can print them
// (`papers rules ID`) and hand them to formats that carry a rule's help
// (SARIF shows it next to each code-scanning alert).
package docs

import (
	"embed"
	"io/fs"
	"strings"
)

// pages are the rule pages as the repository has them.
//
//go:embed rules/*.md
var pages embed.FS

// FS returns the rule pages at their paths in the repository,
// docs/rules/<id>.md, which is what lint.Rule.DocURL names.
func FS() fs.FS { return repoFS{} }

// repoFS serves pages under the repository path of this folder.
type repoFS struct{}

// Open opens docs/<name> from the embedded pages.
func (repoFS) Open(name string) (fs.File, error) {
	rel, ok := strings.CutPrefix(name, "docs/")
	if !ok || !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	return pages.Open(rel)
}

// RulePage returns the page of the built-in rule id, and false when there
// is none (a custom rule, a rule of another module).
func RulePage(id string) ([]byte, bool) {
	data, err := pages.ReadFile("rules/" + id + ".md")
	if err != nil {
		return nil, false
	}
	return data, true
}
