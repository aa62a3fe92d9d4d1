package main

import (
	"fmt"
	"os"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

// TestMain lets the scripts under testdata/script run `papers` as a
// command, in the same process, through run().
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"papers": func() {
			e := &env{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr, isTerminal: false, getenv: os.Getenv}
			os.Exit(run(os.Args[1:], e))
		},
	})
}

// TestScripts runs the CLI scripts: exit codes, output formats, directives,
// config, --fix and --diff.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir: "testdata/script",
		// [root]: the tests run as root, who reads files whatever their
		// permissions.
		Condition: func(cond string) (bool, error) {
			if cond == "root" {
				return os.Geteuid() == 0, nil
			}
			return false, fmt.Errorf("unknown condition %q", cond)
		},
	})
}
