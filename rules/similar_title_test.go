package rules

import (
	"fmt"
	"strings"
	"testing"

	"github.com/paperlint/papers/lint"
)

func TestSimilarTitleOptions(t *testing.T) {
	a := notesFile(
		"## 文档",
		"Dount: A Document Understanding Transformer[ECCV'22][NAVER]", // 3
		"Donut: A Document Understanding Transformer[ECCV'22][NAVER]", // 5
		"## 视觉",
		"Attention Is All You Nede[NIPS'17][Google]",                                        // 8
		"Optimising Neural Networks with Kronecker-factored Approximate Curvature[ICML'15]", // 10
	)
	b := notesFile(
		"## 其他",
		"Attention Is All You Need[NeurIPS'17][Google]",                                     // 3
		"Optimizing Neural Networks with Kronecker-factored Approximate Curvature[ICML'15]", // 5
	)
	c := notesFile(
		"## 视觉",
		"Scene Text Detection with CTPN[arXiv'17]", // 3
		"## 文字",
		"Scene Text Detection with CPTN[arXiv'17]", // 6
	)
	tests := []struct {
		name   string
		config string
		want   []string
	}{
		{"default", "", []string{"a.md:3", "a.md:5", "a.md:8", "a.md:10", "b.md:3", "b.md:5", "c.md:3", "c.md:6"}},
		{"ignore-same-file", "rules:\n  similar-title:\n    ignore-same-file: true\n",
			[]string{"a.md:8", "a.md:10", "b.md:3", "b.md:5"}},
		{"ignore-across-sections", "rules:\n  similar-title:\n    ignore-across-sections: true\n",
			// c.md's pair is split by a section heading; a.md's pair shares one.
			[]string{"a.md:3", "a.md:5", "a.md:8", "a.md:10", "b.md:3", "b.md:5"}},
		{"allow", "rules:\n  similar-title:\n    allow:\n      - [\"Donut: A Document Understanding Transformer\", \"dount: a document understanding transformer\"]\n      - [\"scene text detection with cptn\", \"x y\", \"Scene Text Detection with CTPN\"]\n",
			[]string{"a.md:8", "a.md:10", "b.md:3", "b.md:5"}},
		// The Nede/Need pair scores 0.96 and the CTPN pair 0.97; the
		// Optimising pair (0.99) and Dount pair (0.98) remain.
		{"threshold", "rules:\n  similar-title:\n    threshold: 0.975\n",
			[]string{"a.md:3", "a.md:5", "a.md:10", "b.md:5"}},
		{"threshold one", "rules:\n  similar-title:\n    threshold: 1\n", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ds, res := runTitleRule(t, "similar-title", tt.config, "a.md", a, "b.md", b, "c.md", c)
			got := where(res, ds)
			if strings.Join(got, " ") != strings.Join(tt.want, " ") {
				t.Errorf("findings at %v, want %v", got, tt.want)
			}
		})
	}
}

func TestSimilarTitleMessage(t *testing.T) {
	a := notesFile(
		"## 文档",
		"Attention Is All You Nede[NIPS'17][Google]", // 3
		"Attention Is All You Need[NIPS'17][Google]", // 5
	)
	b := notesFile(
		"## 其他",
		"Attention Is All You Need[NeurIPS'17][Google]", // 3
	)
	ds, res := runTitleRule(t, "similar-title", "", "a.md", a, "b.md", b)
	// The exact repeat (a.md:5, b.md:3) is duplicate-title's; both copies
	// are close to the typo, which names both.
	want := []string{
		`a.md:3 similar titles at a.md:5 ("nede" here, "need" there, similarity 0.96) and b.md:3 ("nede" here, "need" there, similarity 0.96): the same paper written two ways?`,
		`a.md:5 similar title at a.md:3 ("need" here, "nede" there, similarity 0.96): the same paper written two ways?`,
		`b.md:3 similar title at a.md:3 ("need" here, "nede" there, similarity 0.96): the same paper written two ways?`,
	}
	locs := where(res, ds)
	var got []string
	for i, d := range ds {
		got = append(got, locs[i]+" "+d.Message)
		if d.Severity != lint.Info {
			t.Errorf("%s: severity %v, want info", d.Message, d.Severity)
		}
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("messages:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if len(ds) == 3 && (len(ds[0].Related()) != 2 || ds[0].Related()[1].File != "b.md") {
		t.Errorf("related of the typo: %+v", ds[0].Related())
	}
}

func TestSplitReason(t *testing.T) {
	tests := []struct{ in, a, b string }{
		{`"dount" vs "donut"`, "dount", "donut"},
		{`"x a survey" vs "x survey"`, "x a survey", "x survey"},
		{`"say \"vs\"" vs "b"`, `say "vs"`, "b"},
		{`dount vs donut`, "", ""},
		{`"a" to "b"`, "", ""},
		{`"a" vs "b" trailing`, "", ""},
	}
	for _, tt := range tests {
		a, b := splitReason(tt.in)
		if a != tt.a || b != tt.b {
			t.Errorf("splitReason(%s) = %q, %q; want %q, %q", tt.in, a, b, tt.a, tt.b)
		}
	}
	if got := reasonText("", "", "raw"); got != "raw" {
		t.Errorf("reasonText fallback = %q", got)
	}
}

// TestSimilarTitleGroupCounts: a title and its misspelling, each repeated
// in several files and sections; under each option every finding names or
// counts exactly the copies of the other spelling that the option lets it
// pair with.
func TestSimilarTitleGroupCounts(t *testing.T) {
	right, typo := "Attention Is All You Need[NeurIPS'17][Google]", "Attention Is All You Nede[NeurIPS'17][Google]"
	// a.md: S1 has 2 right and 1 typo, S2 has 2 typo; b.md: S1 has 3 right and 1 typo.
	a := notesFile("## S1", right, right, typo, "## S2", typo, typo)
	b := notesFile("## S1", right, right, right, typo)
	type place struct {
		file, sec string
		typo      bool
	}
	// Copies of each spelling by file and section.
	copies := map[place]int{
		{"a.md", "S1", false}: 2, {"a.md", "S1", true}: 1, {"a.md", "S2", true}: 2,
		{"b.md", "S1", false}: 3, {"b.md", "S1", true}: 1,
	}
	for _, tt := range []struct {
		name, config             string
		sameFile, acrossSections bool
	}{
		{"default", "", true, true},
		{"ignore-same-file", "rules:\n  similar-title:\n    ignore-same-file: true\n", false, false},
		{"ignore-across-sections", "rules:\n  similar-title:\n    ignore-across-sections: true\n", true, false},
	} {
		ds, res := runTitleRule(t, "similar-title", tt.config, "a.md", a, "b.md", b)
		for _, d := range ds {
			var here place
			for _, f := range res.Files {
				if f.Path != d.File {
					continue
				}
				for _, p := range f.Notes.Papers {
					if p.TitleSpan.Start == d.Start {
						here = place{d.File, p.Section.Title, strings.HasSuffix(p.Title, "Nede")}
					}
				}
			}
			want := 0
			for pl, n := range copies {
				switch {
				case pl.typo == here.typo:
				case pl.file != here.file:
					want += n
				case !tt.sameFile:
				case pl.sec == here.sec || tt.acrossSections:
					want += n
				}
			}
			got := strings.Count(d.Message, "similarity ")
			if i := strings.Index(d.Message, " and "); i >= 0 {
				var more int
				if _, err := fmt.Sscanf(d.Message[i:], " and %d more", &more); err == nil {
					got += more
				}
			}
			if got != want {
				t.Errorf("%s: %+v: %d named or counted, want %d: %q", tt.name, here, got, want, d.Message)
			}
		}
		if len(ds) == 0 {
			t.Errorf("%s: no findings", tt.name)
		}
	}
}
