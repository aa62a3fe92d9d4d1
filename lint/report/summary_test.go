package report

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/paperlint/papers/lint"
)

func TestCountsLine(t *testing.T) {
	diags := fixtureDiags(fixture(t))
	c := CountOf(diags)
	if want := (Counts{Errors: 2, Warnings: 3, Infos: 2, Fixable: 2}); c != want {
		t.Fatalf("CountOf = %+v, want %+v", c, want)
	}
	tests := []struct {
		c       Counts
		files   int
		fixHint bool
		want    string
	}{
		{c, 2, true, "7 problems (2 errors, 3 warnings, 2 infos) in 2 files; 2 fixable with --fix"},
		{c, 2, false, "7 problems (2 errors, 3 warnings, 2 infos) in 2 files"},
		{Counts{Warnings: 1}, 1, true, "1 problem (0 errors, 1 warning, 0 infos) in 1 file"},
		{Counts{Errors: 6, Warnings: 247, Infos: 8, Fixable: 251}, 1, true, "261 problems (6 errors, 247 warnings, 8 infos) in 1 file; 251 fixable with --fix"},
	}
	for _, tt := range tests {
		if got := tt.c.Line(tt.files, tt.fixHint); got != tt.want {
			t.Errorf("%+v.Line(%d, %v) = %q, want %q", tt.c, tt.files, tt.fixHint, got, tt.want)
		}
	}
}

func TestStatistics(t *testing.T) {
	diags := fixtureDiags(fixture(t))
	var buf bytes.Buffer
	if err := WriteStatistics(&buf, "text", lint.NewFindings(nil, diags), fixtureRules()); err != nil {
		t.Fatal(err)
	}
	// Most findings first, then the most severe, then by id; a rule
	// without a descriptor (custom-venue) has no summary.
	want := strings.Join([]string{
		"COUNT  FIXABLE  RULE          SEVERITY  SUMMARY",
		"    2        1  venue-name    error     Venue tags use the registry's spelling",
		"    2           cjk-spacing   info      Space between CJK and Latin text",
		"    1           custom-venue  warning",
		"    1           directive     warning",
		"    1        1  title-case    warning   Titles in .bib keep their capitals",
	}, "\n") + "\n"
	if got := buf.String(); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}

	buf.Reset()
	if err := WriteStatistics(&buf, "json", lint.NewFindings(nil, diags), nil); err != nil {
		t.Fatal(err)
	}
	var rows []map[string]any
	if err := json.Unmarshal(buf.Bytes(), &rows); err != nil {
		t.Fatal(err)
	}
	wantFirst := map[string]any{"rule": "venue-name", "severity": "error", "count": 2.0, "fixable": 1.0}
	if len(rows) != 5 || !cmp.Equal(rows[0], wantFirst) {
		t.Errorf("json rows = %v", rows)
	}

	for format, want := range map[string]string{"text": "", "json": "[]\n"} {
		buf.Reset()
		if err := WriteStatistics(&buf, format, lint.NewFindings(nil), nil); err != nil || buf.String() != want {
			t.Errorf("%s, no findings: %q, %v; want %q", format, buf.String(), err, want)
		}
	}
	if err := WriteStatistics(&buf, "sarif", lint.NewFindings(nil, diags), nil); err == nil {
		t.Error("statistics in sarif: no error")
	}
}

// TestStepSummary: the counts add up to every finding, the findings are
// listed most severe first with links to their lines, and text from the
// notes cannot become markup.
func TestStepSummary(t *testing.T) {
	diags := fixtureDiags(fixture(t))
	diags = append(diags, lint.Diagnostic{Rule: "cjk-spacing", Severity: lint.Warning, File: notesPath, Start: 0, End: 1,
		Message: "see <img src=x> [link](http://evil) | `code` *bold*"})
	opt := fixtureOptions()
	opt.Command = "papers lint notes.md"
	repo := GitHubRepo{BlobURL: "https://github.com/o/r/blob/abc/", Root: "/w/repo", Dir: "/w/repo/sub"}
	var buf bytes.Buffer
	if err := WriteStepSummary(&buf, lint.NewFindings(fixtureFiles(), diags), 2, opt, "papers lint --fix notes.md", repo); err != nil {
		t.Fatal(err)
	}
	got := buf.String()
	want := strings.Join([]string{
		"### papers: 8 problems (2 errors, 4 warnings, 2 infos) in 2 files",
		"",
		"| rule | errors | warnings | infos | fixable |",
		"| --- | ---: | ---: | ---: | ---: |",
		"| [venue-name](https://github.com/paperlint/papers/blob/main/docs/rules/venue-name.md) | 2 | 0 | 0 | 1 |",
		"| cjk-spacing | 0 | 1 | 2 | 0 |",
		"| custom-venue | 0 | 1 | 0 | 0 |",
		"| directive | 0 | 1 | 0 | 0 |",
		"| [title-case](https://example.org/rules/title-case) | 0 | 1 | 0 | 1 |",
		"| **all 8** | **2** | **4** | **2** | **2** |",
		"",
		"2 of them can be fixed with `papers lint --fix notes.md` (`papers lint --diff notes.md` shows the changes first).",
		"",
		"| severity | where | rule | message |",
		"| --- | --- | --- | --- |",
		"| error | [notes.md:3:20](https://github.com/o/r/blob/abc/sub/notes.md#L3) | [venue-name](https://github.com/paperlint/papers/blob/main/docs/rules/venue-name.md) | NIPS'18: the venue is NeurIPS from 2018 (fix: write NeurIPS) |",
		"| error | [missing.md:1:1](https://github.com/o/r/blob/abc/sub/missing.md#L1) | [venue-name](https://github.com/paperlint/papers/blob/main/docs/rules/venue-name.md) | somewhere |",
		"| warning | [notes.md:2:32](https://github.com/o/r/blob/abc/sub/notes.md#L2) | custom-venue | custom pattern matched |",
		`| warning | [notes.md:4:5](https://github.com/o/r/blob/abc/sub/notes.md#L4) | directive | unknown rule "x": 100% sure, \<really\> second line |`,
		"| warning | [refs dir/论文 refs.bib:2:12](https://github.com/o/r/blob/abc/sub/refs%20dir/%E8%AE%BA%E6%96%87%20refs.bib#L2) | [title-case](https://example.org/rules/title-case) | keep {Deep Interest Network} in braces (fix: brace the title) |",
		"| warning | [notes.md:1:1](https://github.com/o/r/blob/abc/sub/notes.md#L1) | cjk-spacing | see \\<img src=x\\> \\[link\\](http://evil) \\| \\`code\\` \\*bold\\* |",
		"| info | [notes.md:1:5](https://github.com/o/r/blob/abc/sub/notes.md#L1) | cjk-spacing | 论文 needs a space |",
		"| info | [notes.md:3:15](https://github.com/o/r/blob/abc/sub/notes.md#L3) | cjk-spacing | two lines |",
		"", "",
	}, "\n")
	if got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}

func TestStepSummaryLimits(t *testing.T) {
	var diags []lint.Diagnostic
	for i := range 120 {
		sev := lint.Warning
		if i%40 == 39 {
			sev = lint.Error
		}
		diags = append(diags, lint.Diagnostic{Rule: "r", Severity: sev, File: "n.md", Start: i, End: i + 1, Message: "m"})
	}
	var buf bytes.Buffer
	if err := WriteStepSummary(&buf, lint.NewFindings(nil, diags), 1, Options{}, "", GitHubRepo{}); err != nil {
		t.Fatal(err)
	}
	got := buf.String()
	rows := strings.Count(got, "\n| warning |") + strings.Count(got, "\n| error |")
	if rows != stepSummaryFindings || strings.Count(got, "\n| error |") != 3 || strings.Index(got, "| error |") > strings.Index(got, "| warning |") {
		t.Errorf("%d rows listed (want %d, the 3 errors first):\n%s", rows, stepSummaryFindings, got)
	}
	if !strings.HasSuffix(got, "The first 50 of 120 findings, the most severe first. To see them all, run `papers lint`.\n") {
		t.Errorf("no pointer to the rest:\n%s", got)
	}
	if strings.Contains(got, "](") || strings.Contains(got, "--fix") {
		t.Errorf("links or a fix command without a repository or fixes:\n%s", got)
	}

	buf.Reset()
	if err := WriteStepSummary(&buf, lint.NewFindings(nil), 3, Options{}, "papers lint --fix", GitHubRepo{}); err != nil {
		t.Fatal(err)
	}
	if got := buf.String(); got != "### papers: no problems in 3 files\n\n" {
		t.Errorf("no findings: %q", got)
	}
}

func TestGitHubRepoLink(t *testing.T) {
	g := GitHubRepo{BlobURL: "https://github.com/o/r/blob/abc/", Root: "/w/repo", Dir: "/w/repo"}
	tests := []struct{ path, want string }{
		{"notes.md", "https://github.com/o/r/blob/abc/notes.md#L7"},
		{"/w/repo/a/b#c.md", "https://github.com/o/r/blob/abc/a/b%23c.md#L7"},
		{"../other/x.md", ""},
		{"/elsewhere/x.md", ""},
		{"-", ""},
	}
	for _, tt := range tests {
		if got := g.link(tt.path, 7); got != tt.want {
			t.Errorf("link(%q) = %q, want %q", tt.path, got, tt.want)
		}
	}
}

func TestMDCode(t *testing.T) {
	for in, want := range map[string]string{"papers lint": "`papers lint`", "a`b": "`` a`b ``", "a\nb": "`a b`"} {
		if got := mdCode(in); got != want {
			t.Errorf("mdCode(%q) = %q, want %q", in, got, want)
		}
	}
}
