package main

import (
	"bytes"
	"strings"
	"testing"
)

// TestStdinFilenameOnTerminal: --stdin-filename with no path reads standard
// input, but not when it is a terminal, where the run would wait for text
// that nobody pipes in.
func TestStdinFilenameOnTerminal(t *testing.T) {
	var stdout, stderr bytes.Buffer
	e := &env{stdin: strings.NewReader(""), stdout: &stdout, stderr: &stderr, stdinIsTerminal: true, getenv: func(string) string { return "" }}
	if code := run([]string{"lint", "--stdin-filename", "notes.md"}, e); code != exitTrouble {
		t.Errorf("exit %d, want %d", code, exitTrouble)
	}
	if !strings.Contains(stderr.String(), "standard input, which is a terminal") || stdout.Len() > 0 {
		t.Errorf("stdout %q, stderr %q", stdout.String(), stderr.String())
	}
}

func TestCommandLine(t *testing.T) {
	tests := []struct {
		flag, config string
		paths        []string
		want         string
	}{
		{"", "", nil, "papers lint"},
		{"--fix", "", []string{"notes"}, "papers lint --fix notes"},
		{"", "ci/.papers.yaml", []string{"a b.md", "it's.md", "论文.md"}, `papers lint --config ci/.papers.yaml 'a b.md' 'it'\''s.md' '论文.md'`},
		{"", "", []string{"-x.md"}, "papers lint -- -x.md"},
	}
	for _, tt := range tests {
		if got := commandLine(tt.flag, tt.config, tt.paths); got != tt.want {
			t.Errorf("commandLine(%q, %q, %q) = %s, want %s", tt.flag, tt.config, tt.paths, got, tt.want)
		}
	}
}
