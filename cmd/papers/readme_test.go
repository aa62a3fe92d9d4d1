package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/paperlint/papers/internal/testkit"
)

// readmeBlock returns the one fenced code block of README.md in language
// lang that contains marker, so that a test runs the README's snippet as
// the reader sees it.
func readmeBlock(t *testing.T, lang, marker string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(moduleRoot(t), "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	var found []string
	for _, m := range regexp.MustCompile("(?ms)^```"+regexp.QuoteMeta(lang)+"\n(.*?)^```$").FindAllStringSubmatch(string(data), -1) {
		if strings.Contains(m[1], marker) {
			found = append(found, m[1])
		}
	}
	if len(found) != 1 {
		t.Fatalf("README: %d %s blocks contain %q, want 1", len(found), lang, marker)
	}
	return found[0]
}

// papersOnPath builds the command and returns the folder that holds it,
// for snippets that run `papers` from PATH.
func papersOnPath(t *testing.T) string {
	t.Helper()
	needTools(t, "go", "bash")
	return filepath.Dir(buildPapers(t))
}

// shellLine is the result of one line of a snippet.
type shellLine struct {
	line           string
	stdout, stderr string
	code           int
}

// runSnippet runs each command line of a shell snippet (comments and
// blank lines skipped) with bash in dir, with bin first on PATH.
func runSnippet(t *testing.T, snippet, dir, bin string) []shellLine {
	t.Helper()
	var out []shellLine
	for _, l := range strings.Split(snippet, "\n") {
		if strings.TrimSpace(l) == "" || strings.HasPrefix(strings.TrimSpace(l), "#") {
			continue
		}
		cmd := exec.Command("bash", "--noprofile", "--norc", "-c", l)
		cmd.Dir = dir
		cmd.Env = append(cleanEnviron(), "PATH="+bin+string(os.PathListSeparator)+os.Getenv("PATH"), "NO_COLOR=1")
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		code := 0
		if err := cmd.Run(); err != nil {
			var ee *exec.ExitError
			if !errors.As(err, &ee) {
				t.Fatalf("%s: %v", l, err)
			}
			code = ee.ExitCode()
		}
		out = append(out, shellLine{l, stdout.String(), stderr.String(), code})
	}
	return out
}

// TestReadmeTerminal runs the README's snippet for the terminal and
// scripts, line by line, on a folder of notes.
func TestReadmeTerminal(t *testing.T) {
	bin := papersOnPath(t)
	dir := t.TempDir()
	testkit.WriteFiles(t, dir, map[string]string{"notes/week1.md": actionNotes})
	lines := runSnippet(t, readmeBlock(t, "sh", "papers lint --statistics notes"), dir, bin)
	if len(lines) != 4 {
		t.Fatalf("%d command lines, want 4", len(lines))
	}
	const summary = "4 problems (1 error, 2 warnings, 1 info) in 1 file; 3 fixable with --fix\n"
	for _, l := range lines {
		switch {
		case strings.Contains(l.line, "--statistics"):
			if l.code != 1 || !strings.HasPrefix(l.stdout, "COUNT  FIXABLE  RULE") || !strings.Contains(l.stdout, "    2        2  org-name") || l.stderr != summary {
				t.Errorf("%s: exit %d\n%s%s", l.line, l.code, l.stdout, l.stderr)
			}
		case strings.Contains(l.line, "--sort severity"):
			first, _, _ := strings.Cut(l.stdout, "\n")
			if l.code != 1 || !strings.Contains(first, ": error: ") || l.stderr != summary {
				t.Errorf("%s: exit %d\n%s%s", l.line, l.code, l.stdout, l.stderr)
			}
		case strings.Contains(l.line, "--diff"):
			patch, err := os.ReadFile(filepath.Join(dir, "fixes.patch"))
			if l.code != 1 || err != nil || !bytes.Contains(patch, []byte("+### A Neural Corpus Indexer for Document Retrieval[NeurIPS'22][Google]")) {
				t.Errorf("%s: exit %d, %v\n%s", l.line, l.code, err, patch)
			}
		case strings.Contains(l.line, "--exit-zero"):
			var findings []map[string]any
			data, err := os.ReadFile(filepath.Join(dir, "findings.json"))
			if err == nil {
				err = json.Unmarshal(data, &findings)
			}
			if l.code != 0 || err != nil || len(findings) != 4 || l.stderr != "" {
				t.Errorf("%s: exit %d, %d findings, %v, stderr %q", l.line, l.code, len(findings), err, l.stderr)
			}
		default:
			t.Errorf("%s: not checked by this test", l.line)
		}
	}
}
