package rules

import (
	"bytes"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/paperlint/papers/internal/testkit"
	"github.com/paperlint/papers/lint"
	"github.com/paperlint/papers/lint/report"
)

// TestRuleFixtures runs each rule alone on testdata/<rule>/: the files named
// bad* must give exactly the findings in bad.golden (and, for fixable rules,
// --fix must give the files in fixed/), and the files named good* must give
// none. Every built-in rule must have such a folder.
func TestRuleFixtures(t *testing.T) {
	for _, r := range All() {
		t.Run(r.ID, func(t *testing.T) {
			dir := filepath.Join("testdata", r.ID)
			if _, err := os.Stat(dir); err != nil {
				t.Fatalf("rule %s has no fixture folder %s", r.ID, dir)
			}
			bad := fixtureInputs(t, dir, "bad")
			good := fixtureInputs(t, dir, "good")
			if len(bad) == 0 || len(good) == 0 {
				t.Fatalf("%s needs bad* and good* fixtures", dir)
			}
			runner := onlyRule(t, r.ID, dir)

			res := runner.Run(bad)
			var out bytes.Buffer
			if err := report.Write(&out, "text", res.Diagnostics, res.Files, report.Options{}); err != nil {
				t.Fatal(err)
			}
			got := strings.ReplaceAll(out.String(), dir+string(filepath.Separator), "")
			if !strings.Contains(got, "["+r.ID+"]") {
				t.Errorf("bad fixtures gave no finding of %s", r.ID)
			}
			testkit.Golden(t, filepath.Join(dir, "bad.golden"), []byte(got))

			res = runner.Run(good)
			for _, d := range res.Diagnostics {
				if d.Rule == r.ID {
					t.Errorf("good fixture: unexpected finding %s:%d: %s", d.File, d.Start, d.Message)
				}
			}

			if !r.Fixable {
				return
			}
			fr := runner.Fix(bad)
			if len(fr.Fixed) == 0 {
				t.Errorf("fixable rule %s fixed nothing in its bad fixtures", r.ID)
			}
			for _, in := range bad {
				if in.Quiet {
					continue
				}
				fixed, ok := fr.Fixed[in.Path]
				if !ok {
					fixed = in.Src
				}
				testkit.Golden(t, filepath.Join(dir, "fixed", filepath.Base(in.Path)), fixed)
				// fix(fix(x)) == fix(x)
				again := runner.Fix([]lint.Input{{Path: in.Path, Src: fixed}})
				if _, changed := again.Fixed[in.Path]; changed && len(bad) == 1 {
					t.Errorf("%s: a second --fix changed the file again", in.Path)
				}
			}
		})
	}
}

func onlyRule(t *testing.T, id, dir string) *lint.Runner {
	t.Helper()
	cfg := lint.DefaultConfig()
	if data, err := os.ReadFile(filepath.Join(dir, "config.yaml")); err == nil {
		if cfg, err = lint.ParseConfig(filepath.Join(dir, "config.yaml"), data); err != nil {
			t.Fatal(err)
		}
	}
	runner, err := lint.NewRunner(All(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	runner.Only = map[string]bool{id: true}
	return runner
}

// fixtureInputs reads dir/<prefix>*.md and dir/<prefix>*.bib. A notes file
// pairs with the .bib of the same name.
func fixtureInputs(t *testing.T, dir, prefix string) []lint.Input {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		n := e.Name()
		if !e.IsDir() && strings.HasPrefix(n, prefix) && (strings.HasSuffix(n, ".md") || strings.HasSuffix(n, ".bib")) {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	var ins []lint.Input
	has := map[string]bool{}
	for _, n := range names {
		has[n] = true
	}
	for _, n := range names {
		src, err := os.ReadFile(filepath.Join(dir, n))
		if err != nil {
			t.Fatal(err)
		}
		in := lint.Input{Path: filepath.Join(dir, n), Src: src}
		if comp := strings.TrimSuffix(n, ".md") + ".bib"; strings.HasSuffix(n, ".md") && has[comp] {
			in.Companion = filepath.Join(dir, comp)
		}
		ins = append(ins, in)
	}
	return ins
}

// TestEveryRuleDocumented checks that each rule has a docs page and a row in
// the README's rules table.
func TestEveryRuleDocumented(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join("..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]bool{}
	for _, r := range All() {
		if ids[r.ID] {
			t.Errorf("rule id %s used twice", r.ID)
		}
		ids[r.ID] = true
		if r.Summary == "" || r.Check == nil || r.Scope == 0 {
			t.Errorf("rule %s lacks a summary, check or scope", r.ID)
		}
		page := filepath.Join("..", "docs", "rules", r.ID+".md")
		data, err := os.ReadFile(page)
		if err != nil {
			t.Errorf("rule %s has no docs page: %v", r.ID, err)
			continue
		}
		if !bytes.HasPrefix(data, []byte("# "+r.ID+"\n")) {
			t.Errorf("%s must start with '# %s'", page, r.ID)
		}
		if !bytes.Contains(readme, []byte("["+r.ID+"](docs/rules/"+r.ID+".md)")) {
			t.Errorf("README's rules table has no row for %s", r.ID)
		}
	}
}
