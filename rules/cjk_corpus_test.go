package rules

import (
	"strings"
	"testing"

	"github.com/paperlint/papers/internal/cjkcorpus"
	"github.com/paperlint/papers/internal/testkit"
	"github.com/paperlint/papers/lint"
)

// TestCJKDevCorpusEndToEnd places each input of cjk-dev.tsv as a note under
// a paper, runs `papers lint --fix` with the two CJK rules, and compares the
// note with the expected text: at least 95% must match exactly, and no row
// marked changed=no may change.
func TestCJKDevCorpusEndToEnd(t *testing.T) {
	path := testkit.Corpus(t, "cjk-dev.tsv")
	rows, err := cjkcorpus.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	runner, err := lint.NewRunner(All(), lint.DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	runner.Only = map[string]bool{"cjk-spacing": true, "cjk-punctuation": true}

	const head = "## 测试\n\n### Dense Passage Retrieval for Open-Domain Question Answering[EMNLP'20][Meta]\n\n"
	total, exact, unchangedBroken := 0, 0, 0
	for _, row := range rows {
		src := head + row.Input + "\n"
		fr := fix(runner, []lint.Input{{Path: "row.md", Src: []byte(src)}})
		out := src
		if b, ok := fr.Fixed["row.md"]; ok {
			out = string(b)
		}
		got := strings.TrimSuffix(strings.TrimPrefix(out, head), "\n")
		total++
		if got == row.Expected {
			exact++
		} else {
			t.Logf("%s (%s): differs\n  input: %q\n  want:  %q\n  got:   %q", row.ID, row.Kind, row.Input, row.Expected, got)
		}
		if row.Changed == "no" && got != row.Input {
			unchangedBroken++
			t.Errorf("%s: changed=no row was changed: %q -> %q", row.ID, row.Input, got)
		}
	}
	if total == 0 {
		t.Fatal("no rows read")
	}
	ratio := float64(exact) / float64(total)
	t.Logf("cjk-dev end to end: %d/%d rows exact (%.1f%%), %d changed=no rows changed", exact, total, 100*ratio, unchangedBroken)
	if ratio < 0.95 {
		t.Errorf("only %.1f%% of rows fixed exactly; want at least 95%%", 100*ratio)
	}
}
