package main

import (
	"os"
	"os/exec"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/paperlint/papers/internal/testkit"
)

// reviewdogVersion is the reviewdog that .ci/run installs and this test
// was written against: the newest whose dependencies the module proxy
// serves.
const reviewdogVersion = "v0.21.0"

// TestReviewdog pipes rdjson and checkstyle into reviewdog, as the README's
// snippet does, on a branch that adds lines to a notes file: reviewdog
// keeps the findings on the added lines only, and the fix of a pair of
// parentheses (two edits on one line) is one suggestion.
func TestReviewdog(t *testing.T) {
	needTools(t, "reviewdog", "git")
	if path, err := exec.LookPath("reviewdog"); err == nil {
		if out, err := exec.Command("go", "version", "-m", path).Output(); err == nil && !strings.Contains(string(out), "\t"+reviewdogVersion+"\t") {
			t.Logf("the reviewdog on PATH is not %s (.ci/run installs it):\n%s", reviewdogVersion, out)
		}
	}
	bin := papersOnPath(t)
	repo := t.TempDir()
	git := func(args ...string) {
		t.Helper()
		cmd := exec.Command("git", append([]string{"-c", "user.name=t", "-c", "user.email=t@example.org", "-c", "init.defaultBranch=main"}, args...)...)
		cmd.Dir, cmd.Env = repo, cleanEnviron()
		cmd.Env = append(cmd.Env, "PATH="+os.Getenv("PATH"))
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	base := "## 检索\n### Dense Passage Retrieval for Open-Domain Question Answering[EMNLP'20][google]\n- 双塔 BERT 编码。\n"
	git("init", "-q")
	testkit.WriteFiles(t, repo, map[string]string{
		"notes/week1.md": base,
		"refs.bib":       "@inproceedings{x,\n  title = {Dense Passage Retrieval},\n  year = {2020},\n}\n",
	})
	git("add", "-A")
	git("commit", "-q", "-m", "base")
	testkit.WriteFiles(t, repo, map[string]string{"notes/week1.md": base + "### A Neural Corpus Indexer for Document Retrieval[NIPS'22][google]\n- 算子融合(融合相邻的算子)\n"})

	lines := runSnippet(t, readmeBlock(t, "sh", "reviewdog -f=rdjson"), repo, bin)
	if len(lines) != 2 {
		t.Fatalf("%d command lines, want 2", len(lines))
	}
	// Kept: the lines the branch adds (4 and 5). Dropped: google on line 2
	// and the .bib entry without author, which the branch does not touch.
	// Lines only: rdjson counts columns in bytes, checkstyle in characters.
	want := []string{"notes/week1.md:4", "notes/week1.md:4", "notes/week1.md:5"}
	rdjsonAt := regexp.MustCompile(`(?m)^message:.*?location:\{path:"([^"]+)"\s+range:\{start:\{line:(\d+)\s`)
	checkstyleAt := regexp.MustCompile(`(?m)^([^:\s]+):(\d+):\d+: `)
	for _, l := range lines {
		var re *regexp.Regexp
		switch {
		case strings.Contains(l.line, "-f=rdjson"):
			re = rdjsonAt
			// The parentheses' fix is one suggestion covering both.
			if n := strings.Count(l.stdout, "suggestions:"); n != 3 || !strings.Contains(l.stdout, `text:"（融合相邻的算子）"`) {
				t.Errorf("%d suggestions, want 3, the parentheses as one:\n%s", n, l.stdout)
			}
			if !strings.Contains(l.stdout, `url:"https://github.com/paperlint/papers/blob/main/docs/rules/venue-name.md"`) {
				t.Errorf("no rule link in:\n%s", l.stdout)
			}
		case strings.Contains(l.line, "-f=checkstyle"):
			re = checkstyleAt
		default:
			t.Fatalf("%s: not checked by this test", l.line)
		}
		if l.code != 0 {
			t.Errorf("%s: exit %d\n%s", l.line, l.code, l.stderr)
		}
		var got []string
		for _, m := range re.FindAllStringSubmatch(l.stdout, -1) {
			got = append(got, m[1]+":"+m[2])
		}
		slices.Sort(got)
		if !slices.Equal(got, want) {
			t.Errorf("%s kept %v, want %v\n%s%s", l.line, got, want, l.stdout, l.stderr)
		}
	}
}
