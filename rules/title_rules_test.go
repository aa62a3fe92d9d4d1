package rules

import (
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/paperlint/papers/lint"
)

// runTitleRule runs one rule on in-memory notes files (name, text pairs in
// order) under the given config YAML and returns its findings.
func runTitleRule(t *testing.T, id, config string, files ...string) ([]lint.Diagnostic, *lint.Result) {
	t.Helper()
	cfg := lint.DefaultConfig()
	if config != "" {
		var err error
		if cfg, err = lint.ParseConfig("test.yaml", []byte(config)); err != nil {
			t.Fatal(err)
		}
	}
	runner, err := lint.NewRunner(All(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	runner.Only = map[string]bool{id: true}
	var ins []lint.Input
	for i := 0; i+1 < len(files); i += 2 {
		ins = append(ins, lint.Input{Path: files[i], Src: []byte(files[i+1])})
	}
	res := run(runner, ins)
	var out []lint.Diagnostic
	for _, d := range res.Diagnostics {
		if d.Rule == id {
			out = append(out, d)
		}
	}
	return out, res
}

// where lists findings as "file:line" in report order, the shape the table
// tests compare.
func where(res *lint.Result, ds []lint.Diagnostic) []string {
	byPath := map[string]*lint.File{}
	for _, f := range res.Files {
		byPath[f.Path] = f
	}
	var out []string
	for _, d := range ds {
		out = append(out, fmt.Sprintf("%s:%d", d.File, byPath[d.File].Lines().Position(d.Start).Line))
	}
	return out
}

func configError(t *testing.T, config string) error {
	t.Helper()
	cfg, err := lint.ParseConfig("test.yaml", []byte(config))
	if err != nil {
		return err
	}
	_, err = lint.NewRunner(All(), cfg)
	return err
}

// notesFile builds a notes file from sections: each "## name" line starts a
// section, any other line is a paper title with its tags; every paper gets
// one note line. The file's title "# 笔记" is line 1, so the first section
// is line 2 and each paper takes two lines.
func notesFile(lines ...string) string {
	var b strings.Builder
	b.WriteString("# 笔记\n")
	for _, l := range lines {
		if strings.HasPrefix(l, "## ") {
			b.WriteString(l + "\n")
			continue
		}
		b.WriteString("### " + l + "\n- 笔记。\n")
	}
	return b.String()
}

func TestTitleRulesConfigErrors(t *testing.T) {
	tests := []struct {
		name, config, want string
	}{
		{"unknown key", "rules:\n  duplicate-title:\n    ignore-same-files: true\n", `unknown key "ignore-same-files"`},
		{"allow without letters", "rules:\n  duplicate-title:\n    allow: [\"--\"]\n", "no letters or digits"},
		{"threshold zero", "rules:\n  similar-title:\n    threshold: 0\n", "threshold 0"},
		{"threshold above one", "rules:\n  similar-title:\n    threshold: 1.5\n", "threshold 1.5"},
		{"allow group of one", "rules:\n  similar-title:\n    allow: [[only one title]]\n", "at least two titles"},
		{"allow not a list of lists", "rules:\n  similar-title:\n    allow: [a, b]\n", "similar-title"},
		{"similar unknown key", "rules:\n  similar-title:\n    treshold: 0.8\n", `unknown key "treshold"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := configError(t, tt.config)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want one containing %q", err, tt.want)
			}
		})
	}
	for _, ok := range []string{
		"rules:\n  similar-title:\n    threshold: 1\n    allow: [[a b, c d], [x y, z w, v u]]\n",
		"rules:\n  duplicate-title:\n    severity: error\n    allow: []\n",
	} {
		if err := configError(t, ok); err != nil {
			t.Errorf("%q: %v", ok, err)
		}
	}
}

// TestTitleRulesOptionsNotShared checks that one run's config does not leak
// into the rule's defaults (the engine decodes into a copy).
func TestTitleRulesOptionsNotShared(t *testing.T) {
	_, _ = runTitleRule(t, "similar-title", "rules:\n  similar-title:\n    threshold: 0.99\n    allow: [[a b, c d]]\n", "a.md", notesFile("x[ICCV'23]"))
	o := SimilarTitle.NewOptions().(*SimilarTitleOptions)
	if o.Threshold != 0.9 || len(o.Allow) != 0 {
		t.Errorf("defaults changed: %+v", o)
	}
}

// TestTitleRulesTogether checks that the two rules, which share one title
// analysis per run, report together exactly what each reports alone, and
// that a second run on the same parsed files (fresh analyses) agrees too.
func TestTitleRulesTogether(t *testing.T) {
	ins := benchNotes(5000, 1000, 3)
	runner, err := lint.NewRunner(All(), lint.DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	ws := inMemory(runner, ins)
	runIDs := func(ids ...string) []string {
		runner.Only = map[string]bool{}
		for _, id := range ids {
			runner.Only[id] = true
		}
		var out []string
		for _, d := range runner.Run(ws).Diagnostics {
			out = append(out, fmt.Sprintf("%s %s:%d-%d %s %v", d.Rule, d.File, d.Start, d.End, d.Message, d.Related()))
		}
		return out
	}
	alone := append(runIDs(DuplicateTitle.ID), runIDs(SimilarTitle.ID)...)
	together := runIDs(DuplicateTitle.ID, SimilarTitle.ID)
	again := runIDs(DuplicateTitle.ID, SimilarTitle.ID)
	sort.Strings(alone)
	sort.Strings(together)
	sort.Strings(again)
	if len(alone) < 50 {
		t.Fatalf("only %d findings", len(alone))
	}
	if strings.Join(alone, "\n") != strings.Join(together, "\n") || strings.Join(together, "\n") != strings.Join(again, "\n") {
		t.Errorf("findings differ: %d alone, %d together, %d again", len(alone), len(together), len(again))
	}
}
