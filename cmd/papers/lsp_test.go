package main

import (
	"bytes"
	"fmt"
	"os"
	"regexp"
	"strings"
	"testing"
)

// frames writes JSON-RPC bodies as LSP messages.
func frames(bodies ...string) *bytes.Buffer {
	var b bytes.Buffer
	for _, body := range bodies {
		fmt.Fprintf(&b, "Content-Length: %d\r\n\r\n%s", len(body), body)
	}
	return &b
}

// TestLSPSession runs papers lsp on standard input and output: initialize,
// shutdown and exit give exit code 0 and an answer naming the position
// encoding; exit without shutdown gives 1, as the protocol asks.
func TestLSPSession(t *testing.T) {
	dir := t.TempDir()
	init := fmt.Sprintf(`{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"rootUri":"file://%s","capabilities":{}}}`, dir)
	for _, tc := range []struct {
		name   string
		bodies []string
		code   int
	}{
		{"shutdown then exit", []string{init, `{"jsonrpc":"2.0","method":"initialized","params":{}}`, `{"jsonrpc":"2.0","id":2,"method":"shutdown"}`, `{"jsonrpc":"2.0","method":"exit"}`}, exitOK},
		{"exit alone", []string{init, `{"jsonrpc":"2.0","method":"exit"}`}, exitFindings},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			e := &env{stdin: frames(tc.bodies...), stdout: &stdout, stderr: &stderr, getenv: func(string) string { return "" }}
			if code := run([]string{"lsp"}, e); code != tc.code {
				t.Errorf("exit code %d, want %d; stderr:\n%s", code, tc.code, stderr.String())
			}
			if !strings.Contains(stdout.String(), `"positionEncoding":"utf-16"`) {
				t.Errorf("no initialize answer on stdout:\n%s", stdout.String())
			}
		})
	}
}

// TestLSPFlagsDocumented: every flag papers lsp --help lists is in the
// README's table.
func TestLSPFlagsDocumented(t *testing.T) {
	var stdout, stderr bytes.Buffer
	e := &env{stdin: &bytes.Buffer{}, stdout: &stdout, stderr: &stderr, getenv: func(string) string { return "" }}
	if code := run([]string{"lsp", "--help"}, e); code != exitOK {
		t.Fatalf("papers lsp --help: exit %d", code)
	}
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	section := string(readme)
	section = section[strings.Index(section, "### papers lsp"):]
	flags := regexp.MustCompile(`(?m)^\s+-(-?[a-z][a-z-]*)`).FindAllStringSubmatch(stderr.String(), -1)
	if len(flags) < 5 {
		t.Fatalf("papers lsp --help lists %d flags:\n%s", len(flags), stderr.String())
	}
	for _, f := range flags {
		name := strings.TrimPrefix(f[1], "-")
		if !strings.Contains(section, "`--"+name) {
			t.Errorf("--%s is not in the README's papers lsp table", name)
		}
	}
}
