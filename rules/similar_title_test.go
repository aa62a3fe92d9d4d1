package rules

import (
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
	if len(ds) == 3 && (len(ds[0].Related) != 2 || ds[0].Related[1].File != "b.md") {
		t.Errorf("related of the typo: %+v", ds[0].Related)
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
