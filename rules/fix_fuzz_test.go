package rules

import (
	"bytes"
	"fmt"
	"testing"
	"unicode/utf8"

	"github.com/paperlint/papers/internal/testkit"
	"github.com/paperlint/papers/lint"
)

// FuzzFix runs every built-in rule's fixes on arbitrary notes and checks
// that fixing never panics, keeps valid UTF-8 valid, is idempotent (fixing
// the fixed text changes nothing more) and takes linear time: an input
// that takes longer than testkit.FuzzTimeLimit fails, so that the fuzzer
// saves it as a crasher instead of running out of time on it with nothing
// saved.
func FuzzFix(f *testing.F) {
	for _, s := range []string{
		"## 检索Retrieval\n### A Neural Corpus Indexer[NIPS'22][google]\n- 加入了kmeans,使文档ID具有层次化的特点\n",
		"### T [ECCV'22]\n- 算子融合(融合相邻的算子)!!\n",
		"- [OSDI'18][msra] [T](u)\n  - 用`code`和$x,y$以及https://a.b/用c\n",
		"### T【CVPR 2022】[Google][x]\n#### U[NeurIPS 2019][purdue]\n- 然后...结束。。\n",
		"### T[arxiv'20][IIS]\n### U[arXiv'21][iis]\n- ａｂｃ１２３\n",
	} {
		f.Add([]byte(s))
	}
	runner, err := lint.NewRunner(All(), lint.DefaultConfig())
	if err != nil {
		f.Fatal(err)
	}
	runner.Jobs = 1
	f.Fuzz(func(t *testing.T, src []byte) {
		if msg := testkit.WithinTime(testkit.FuzzTimeLimit(len(src)), func() string { return checkFix(runner, src) }); msg != "" {
			t.Fatalf("fixing: %s\ninput (%d bytes):\n%q", msg, len(src), src)
		}
	})
}

// checkFix runs the fix loop on src as a notes file and returns what is
// wrong with the result, or "".
func checkFix(runner *lint.Runner, src []byte) string {
	fr := fix(runner, []lint.Input{{Path: "f.md", Src: src}})
	once, ok := fr.Fixed["f.md"]
	if !ok {
		return ""
	}
	if utf8.Valid(src) && !utf8.Valid(once) {
		return fmt.Sprintf("fix made valid UTF-8 invalid:\n%q\n->\n%q", src, once)
	}
	if fr.Rounds >= lint.MaxFixRounds {
		return "" // a fix that oscillates is caught by the check below
	}
	again := fix(runner, []lint.Input{{Path: "f.md", Src: once}})
	if twice, changed := again.Fixed["f.md"]; changed && !bytes.Equal(once, twice) {
		return fmt.Sprintf("fix is not idempotent:\n%q\n->\n%q\n->\n%q", src, once, twice)
	}
	return ""
}
