package rules

import (
	"fmt"
	"strings"
	"testing"

	"github.com/paperlint/papers/lint"
)

// A title repeated many times: every copy after the first is reported,
// each naming at most maxDuplicateRelated others and counting the rest, so
// that the output grows with the copies, not with their square.
func TestBibDuplicateEntryLargeGroup(t *testing.T) {
	const n = 120
	var b strings.Builder
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "@misc{k%d, title = {One Title for All}, year = {2020}}\n", i)
	}
	runner := duplicateEntryRunner(t)
	res := run(runner, []lint.Input{{Path: "refs.bib", Src: []byte(b.String())}})
	if len(res.Diagnostics) != n-1 {
		t.Fatalf("%d findings, want %d", len(res.Diagnostics), n-1)
	}
	for _, d := range res.Diagnostics {
		if len(d.Related()) > maxDuplicateRelated {
			t.Fatalf("%d related places in one finding", len(d.Related()))
		}
		if !strings.Contains(d.Message, fmt.Sprintf("(%d entries in all are this paper; %d more are not listed)", n, n-1-maxDuplicateRelated)) {
			t.Fatalf("message does not count the rest: %s", d.Message)
		}
	}
}

// duplicateEntryRunner runs bib-duplicate-entry alone.
func duplicateEntryRunner(t *testing.T) *lint.Runner {
	t.Helper()
	cfg, err := lint.ParseConfig("cfg.yaml", []byte("rules:\n  bib-duplicate-entry: warning\n"))
	if err != nil {
		t.Fatal(err)
	}
	runner, err := lint.NewRunner(All(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	runner.Only = map[string]bool{"bib-duplicate-entry": true}
	return runner
}

// TestBibDuplicateEntryAcrossManyFiles: entries are matched with the first
// entry of the same key in their own file and in every earlier file, and
// each finding names the entry it was matched with directly, whatever
// files lie between them.
func TestBibDuplicateEntryAcrossManyFiles(t *testing.T) {
	files := []lint.Input{
		{Path: "a.bib", Src: []byte("@article{p1, title = {Deep Residual Learning}, doi = {10.1/res}, author = {He, Kaiming}, year = {2016}}\n")},
		{Path: "b.bib", Src: []byte("@misc{q1, title = {Pre-training}, eprint = {1810.04805}, archiveprefix = {arXiv}, year = {2018}}\n")},
		{Path: "c.bib", Src: []byte("@inproceedings{p2, title = {Residual Nets}, doi = {10.1/RES}, year = {2016}}\n@misc{other, title = {Something Else}, year = {2001}}\n")},
		{Path: "d.bib", Src: []byte("@misc{q2, title = {Pre-training v2}, url = {https://arxiv.org/abs/1810.04805}, year = {2018}}\n" +
			"@misc{q3, title = {Pre-training v3}, eprint = {1810.04805}, archiveprefix = {arXiv}, year = {2019}}\n")},
		{Path: "e.bib", Src: []byte("@article{p3, title = {Deep residual learning}, author = {He, Kaiming and Zhang, Xiangyu}, year = {2016}}\n")},
	}
	runner := duplicateEntryRunner(t)
	res := run(runner, files)
	want := []string{
		`c.bib: entry "p2" is the same paper as "p1" (a.bib:1): the same DOI 10.1/res`,
		`d.bib: entry "q2" is the same paper as "q1" (b.bib:1): the same arXiv id 1810.04805`,
		`d.bib: entry "q3" is the same paper as "q2" (d.bib:1): the same arXiv id 1810.04805`,
		`e.bib: entry "p3" is the same paper as "p1" (a.bib:1): the same title`,
	}
	if len(res.Diagnostics) != len(want) {
		for _, d := range res.Diagnostics {
			t.Logf("%s: %s", d.File, d.Message)
		}
		t.Fatalf("%d findings, want %d", len(res.Diagnostics), len(want))
	}
	for i, d := range res.Diagnostics {
		if got := d.File + ": " + d.Message; !strings.HasPrefix(got, want[i]) {
			t.Errorf("finding %d:\n got %s\nwant %s...", i, got, want[i])
		}
	}
}
