package integration

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRulesetExample builds examples/ruleset, a module of its own that
// makes a papers binary with one more Go rule (journal-doi, which reads
// rules.CompanionEntries), and runs it on its test notes: the extra rule,
// the built-in ones and the config's custom rules all report.
func TestRulesetExample(t *testing.T) {
	src := filepath.Join(repoRoot(t), "examples", "ruleset")
	bin := filepath.Join(t.TempDir(), "papers")
	if out, ok := run(t, src, []string{"GOFLAGS=", "GOWORK=off"}, "go", "build", "-o", bin, "."); !ok {
		t.Fatalf("go build examples/ruleset: %s", out)
	}
	work := t.TempDir()
	for _, name := range []string{"notes.md", "notes.bib", ".papers.yaml"} {
		data, err := os.ReadFile(filepath.Join(src, "testdata", name))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(work, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out, _ := run(t, work, nil, bin, "lint", "notes.md", "notes.bib")
	want := "notes.md:4:5: warning: \"Some Journal Paper\" is a journal paper: add the doi to entry a2020 [journal-doi]\n" +
		"notes.md:7:8: warning: unfinished note: TODO [no-todo]\n"
	if out != want {
		t.Errorf("papers lint printed:\n%s\nwant:\n%s", out, want)
	}
	out, ok := run(t, work, nil, bin, "rules")
	if !ok || !strings.Contains(out, "journal-doi\twarning\t") || !strings.Contains(out, "venue-name\terror\t") {
		t.Errorf("papers rules:\n%s", out)
	}
}

// TestRulesetReadme runs the README's command for examples/ruleset as
// written, from the repository.
func TestRulesetReadme(t *testing.T) {
	const marker = "cd examples/ruleset && go run . lint testdata/notes.md testdata/notes.bib"
	cmd := strings.TrimSpace(readmeBlock(t, marker))
	out, _ := run(t, repoRoot(t), []string{"GOFLAGS=", "GOWORK=off"}, "sh", "-c", cmd)
	want := "testdata/notes.md:4:5: warning: \"Some Journal Paper\" is a journal paper: add the doi to entry a2020 [journal-doi]\n" +
		"testdata/notes.md:7:8: warning: unfinished note: TODO [no-todo]\n"
	if out != want {
		t.Errorf("%s printed:\n%s\nwant:\n%s", cmd, out, want)
	}
}
