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
	cfg, err := lint.ParseConfig("cfg.yaml", []byte("rules:\n  bib-duplicate-entry: warning\n"))
	if err != nil {
		t.Fatal(err)
	}
	runner, err := lint.NewRunner(All(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	runner.Only = map[string]bool{"bib-duplicate-entry": true}
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
