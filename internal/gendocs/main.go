// Command gendocs writes the text generated from the built-in rules'
// metadata (rules.All(): id, default severity, fixable, summary, options
// with their defaults), so that it cannot drift from the code:
//
//   - the table of the "## Rules" section of README.md, one row per rule;
//   - cmd/papers/init_gen.go, the commented .papers.yaml that `papers init`
//     writes.
//
// The //go:generate line in rules/rules.go runs it; a change to a rule's
// metadata is followed by
//
//	go generate ./rules
//
// and TestUpToDate fails while a generated file is stale. Usage:
//
//	go run ./internal/gendocs [-root DIR]
package main

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stderr))
}

// run writes the generated files that differ from what is on disk and
// returns the exit code.
func run(args []string, stderr io.Writer) int {
	fs := flag.NewFlagSet("gendocs", flag.ContinueOnError)
	fs.SetOutput(stderr)
	root := fs.String("root", ".", "the module root, which holds README.md")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	files, err := generate(*root)
	if err != nil {
		fmt.Fprintf(stderr, "gendocs: %v\n", err)
		return 1
	}
	for _, rel := range sortedKeys(files) {
		path := filepath.Join(*root, filepath.FromSlash(rel))
		if old, err := os.ReadFile(path); err == nil && bytes.Equal(old, files[rel]) {
			continue
		}
		if err := os.WriteFile(path, files[rel], 0o644); err != nil {
			fmt.Fprintf(stderr, "gendocs: %v\n", err)
			return 1
		}
		fmt.Fprintf(stderr, "gendocs: wrote %s\n", rel)
	}
	return 0
}
