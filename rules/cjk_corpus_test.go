package rules

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/paperlint/papers/lint"
)

// sharedDir is ../shared beside the repository (or $PAPERS_SHARED): real
// corpora that tests use when they are there and skip when they are not.
func sharedDir(t *testing.T) string {
	t.Helper()
	dir := os.Getenv("PAPERS_SHARED")
	if dir == "" {
		dir = filepath.Join("..", "..", "shared")
	}
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("no shared corpus at %s", dir)
	}
	return dir
}

func unescapeTSV(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) {
			switch s[i+1] {
			case 'n':
				b.WriteByte('\n')
				i++
				continue
			case 't':
				b.WriteByte('\t')
				i++
				continue
			case 'r':
				b.WriteByte('\r')
				i++
				continue
			case '\\':
				b.WriteByte('\\')
				i++
				continue
			}
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// TestCJKDevCorpusEndToEnd places each input of cjk-dev.tsv as a note under
// a paper, runs `papers lint --fix` with the two CJK rules, and compares the
// note with the expected text: at least 95% must match exactly, and no row
// marked changed=no may change.
func TestCJKDevCorpusEndToEnd(t *testing.T) {
	path := filepath.Join(sharedDir(t), "corpus", "cjk-dev.tsv")
	f, err := os.Open(path)
	if err != nil {
		t.Skipf("no %s: %v", path, err)
	}
	defer func() { _ = f.Close() }()
	runner, err := lint.NewRunner(All(), lint.DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	runner.Only = map[string]bool{"cjk-spacing": true, "cjk-punctuation": true}

	const head = "## 测试\n\n### Dense Passage Retrieval for Open-Domain Question Answering[EMNLP'20][Meta]\n\n"
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	var cols []string
	total, exact, unchangedBroken := 0, 0, 0
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "#") || line == "" {
			continue
		}
		fields := strings.Split(line, "\t")
		if cols == nil {
			cols = fields
			continue
		}
		row := map[string]string{}
		for i, c := range cols {
			if i < len(fields) {
				row[c] = fields[i]
			}
		}
		in, want := unescapeTSV(row["input"]), unescapeTSV(row["expected"])
		src := head + in + "\n"
		fr := runner.Fix([]lint.Input{{Path: "row.md", Src: []byte(src)}})
		out := src
		if b, ok := fr.Fixed["row.md"]; ok {
			out = string(b)
		}
		got := strings.TrimSuffix(strings.TrimPrefix(out, head), "\n")
		total++
		if got == want {
			exact++
		} else {
			t.Logf("%s (%s): differs\n  input: %q\n  want:  %q\n  got:   %q", row["id"], row["kind"], in, want, got)
		}
		if row["changed"] == "no" && got != in {
			unchangedBroken++
			t.Errorf("%s: changed=no row was changed: %q -> %q", row["id"], in, got)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
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
