package bench

import (
	"encoding/json"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"unicode/utf8"

	"github.com/paperlint/papers/bench/internal/benchgen"
	"github.com/paperlint/papers/lint"
	"github.com/paperlint/papers/rules"
	"github.com/paperlint/papers/workspace"
)

// typed are what the random edits of TestIncrementalEqualsWhole insert:
// what a person types into notes, what the rules find (CJK spacing and
// punctuation, a lower-case organisation, a venue alias), and what changes
// how the rest of the file reads.
var typed = []string{"x", "用", "😀", " ", "\n", "\n\n", "用BERT编码,效果好", "[google]", "[NIPS'19]", "]", "'",
	"\n### Attention Is All You Need[NIPS'17][Google]\n- 又读了一遍\n\n", "\n## 新主题\n\n", "\n- 列表项,好\n", "\n#### 细节\n", "```\n"}

// edit replaces a random range of src (often empty) with one of typed.
func edit(r *rand.Rand, src []byte) []byte {
	at := func(off int) int {
		for off > 0 && off < len(src) && !utf8.RuneStart(src[off]) {
			off--
		}
		return off
	}
	start := at(r.IntN(len(src) + 1))
	end := start
	if r.IntN(3) == 0 {
		end = at(min(len(src), start+r.IntN(30)))
	}
	ins := ""
	if r.IntN(5) != 0 {
		ins = typed[r.IntN(len(typed))]
	}
	return slices.Concat(src[:start:start], []byte(ins), src[end:])
}

// keys are the findings as comparable strings, sorted.
func keys(t *testing.T, ds []lint.Diagnostic) []string {
	out := make([]string, len(ds))
	for i, d := range ds {
		b, err := json.Marshal(d)
		if err != nil {
			t.Fatal(err)
		}
		out[i] = string(b)
	}
	slices.Sort(out)
	return out
}

// TestIncrementalEqualsWhole edits generated notes (with a companion .bib
// and a second notes file) one change after another, as an editor does:
// a workspace that parses notes again in part and a runner with a RunCache
// give, after every change, the findings a new workspace and runner give
// on the same texts.
func TestIncrementalEqualsWhole(t *testing.T) {
	dir := t.TempDir()
	if _, err := benchgen.Generate(benchgen.Config{Papers: 600, Seed: 3, BibRatio: 0.8, Defects: true}, dir); err != nil {
		t.Fatal(err)
	}
	read := func(name string) []byte {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	inputs := []lint.Input{
		{Path: "notes.md", Src: read("notes.md"), Companion: "notes.bib"},
		{Path: "notes.bib", Src: read("notes.bib")},
		{Path: "other.md", Src: []byte("## 其他\n\n### Attention Is All You Need[NIPS'17][Google]\n- 只用注意力\n")},
	}
	opt := workspace.Options{Year: 2026, Jobs: 2, Incremental: true}
	ws, err := workspace.FromInputs(nil, opt, inputs)
	if err != nil {
		t.Fatal(err)
	}
	runner, err := lint.NewRunner(rules.All(), nil)
	if err != nil {
		t.Fatal(err)
	}
	runner.Jobs, runner.RunCache = 2, lint.NewRunCache()
	runner.Run(ws)
	r := rand.New(rand.NewPCG(7, 7))
	n, partly := 60, 0
	if testing.Short() {
		n = 15
	}
	for i := 0; i < n; i++ {
		k := 0
		if r.IntN(8) == 0 {
			k = 2 // now and then the other notes file
		}
		inputs[k].Src = edit(r, inputs[k].Src)
		if err := ws.Update(inputs[k].Path, inputs[k].Src); err != nil {
			t.Fatal(err)
		}
		got := runner.Run(ws)
		if got.Files[0].Reparsed != nil {
			partly++
		}
		fresh, err := workspace.FromInputs(nil, workspace.Options{Year: 2026, Jobs: 2}, inputs)
		if err != nil {
			t.Fatal(err)
		}
		whole, err := lint.NewRunner(rules.All(), nil)
		if err != nil {
			t.Fatal(err)
		}
		want := whole.Run(fresh)
		if g, w := keys(t, got.Diagnostics), keys(t, want.Diagnostics); !slices.Equal(g, w) {
			for j := range min(len(g), len(w)) {
				if g[j] != w[j] {
					t.Fatalf("edit %d: %d findings, want %d; first difference:\n got %s\nwant %s", i, len(g), len(w), g[j], w[j])
				}
			}
			t.Fatalf("edit %d: %d findings, want %d", i, len(g), len(w))
		}
	}
	if partly < n/3 {
		t.Errorf("only %d of %d edits were parsed in part", partly, n)
	}
}
