package main

import (
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
	testscript.Run(t, testscript.Params{Dir: "testdata/script"})
}
