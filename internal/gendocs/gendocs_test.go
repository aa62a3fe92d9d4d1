package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/paperlint/papers/internal/testkit"
	"github.com/paperlint/papers/lint"
	"github.com/paperlint/papers/rules"
)

// TestUpToDate runs the generator in memory and compares its output with
// the files in the repository: a rule's metadata changed without
// `go generate ./rules` fails here.
func TestUpToDate(t *testing.T) {
	root := filepath.Join("..", "..")
	files, err := generate(root)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if t.Failed() {
			t.Log("regenerate with: go generate ./rules")
		}
	})
	for _, rel := range sortedKeys(files) {
		// -update rewrites them too, as go generate would.
		testkit.Golden(t, filepath.Join(root, filepath.FromSlash(rel)), files[rel])
	}
}

// TestInitTemplateDecodes reads the template back as a config: every rule
// must get its default severity and options.
func TestInitTemplateDecodes(t *testing.T) {
	tmpl, err := initTemplate(rules.All())
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := lint.ParseConfig(".papers.yaml", []byte(tmpl))
	if err != nil {
		t.Fatal(err)
	}
	got, err := cfg.Resolve(rules.All())
	if err != nil {
		t.Fatal(err)
	}
	def, err := lint.DefaultConfig().Resolve(rules.All())
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rules.All() {
		// Options are compared as YAML: an empty list written "allow: []"
		// decodes to an empty slice where the default has nil.
		g, d := got[r.ID], def[r.ID]
		gy, err := yaml.Marshal(g.Options)
		if err != nil {
			t.Fatal(err)
		}
		dy, err := yaml.Marshal(d.Options)
		if err != nil {
			t.Fatal(err)
		}
		if g.Severity != d.Severity || !bytes.Equal(gy, dy) {
			t.Errorf("%s: the template gives %v %s, the defaults are %v %s", r.ID, g.Severity, gy, d.Severity, dy)
		}
	}
}

// TestInitTemplateCustomRules uncomments the template's custom-rules
// example: it must be a config papers accepts.
func TestInitTemplateCustomRules(t *testing.T) {
	tmpl, err := initTemplate(rules.All())
	if err != nil {
		t.Fatal(err)
	}
	_, example, ok := strings.Cut(tmpl, "\n# custom-rules:\n")
	if !ok {
		t.Fatal("the template has no custom-rules example")
	}
	var b strings.Builder
	b.WriteString("custom-rules:\n")
	for _, line := range strings.SplitAfter(example, "\n") {
		b.WriteString(strings.TrimPrefix(line, "# "))
	}
	cfg, err := lint.ParseConfig(".papers.yaml", []byte(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	custom, err := lint.CustomRules(cfg)
	if err != nil || len(custom) != 2 {
		t.Fatalf("custom rules %d, %v", len(custom), err)
	}
}

func TestReplaceRulesTable(t *testing.T) {
	readme := "# x\n\n## Rules\n\nintro\n\n| old |\n|---|\n| row |\n\nafter\n\n## Next\n\n| other |\n"
	got, err := replaceRulesTable([]byte(readme), "| new |\n")
	if err != nil {
		t.Fatal(err)
	}
	want := "# x\n\n## Rules\n\nintro\n\n| new |\n\nafter\n\n## Next\n\n| other |\n"
	if string(got) != want {
		t.Errorf("got %q", got)
	}
	for _, bad := range []string{"# x\n", "## Rules\n\nno table\n\n## Next\n| t |\n"} {
		if _, err := replaceRulesTable([]byte(bad), "| new |\n"); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
}

func TestRulesTableEscapes(t *testing.T) {
	got := rulesTable([]*lint.Rule{{ID: "x", Summary: "a|b, no [Google] tag", Severity: lint.Warning}})
	if !strings.Contains(got, "| [x](docs/rules/x.md) | warning | | a\\|b, no `[Google]` tag |\n") {
		t.Errorf("got %q", got)
	}
}

func TestRunWrites(t *testing.T) {
	root := t.TempDir()
	readme := "## Rules\n\n| stale |\n"
	if err := writeFile(filepath.Join(root, "README.md"), readme); err != nil {
		t.Fatal(err)
	}
	if err := writeFile(filepath.Join(root, "cmd", "papers", "x"), ""); err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	if code := run([]string{"-root", root}, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	if !strings.Contains(stderr.String(), "wrote README.md") || !strings.Contains(stderr.String(), "wrote cmd/papers/init_gen.go") {
		t.Errorf("stderr: %s", stderr.String())
	}
	stderr.Reset()
	if code := run([]string{"-root", root}, &stderr); code != 0 || stderr.Len() != 0 {
		t.Errorf("second run: exit %d, %s", code, stderr.String())
	}
}

func writeFile(path, text string) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return os.WriteFile(path, []byte(text), 0o644)
}
