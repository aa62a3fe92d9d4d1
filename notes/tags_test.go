package notes

import (
	"testing"
	"time"

	"github.com/paperlint/papers/internal/year"
)

func TestParseVenueParts(t *testing.T) {
	tests := []struct {
		raw                       string
		name, sep, yearText, rest string
		year                      int
	}{
		{raw: "NIPS'19", name: "NIPS", sep: "'", yearText: "19", year: 2019},
		{raw: "NIPS' 18", name: "NIPS", sep: "' ", yearText: "18", year: 2018},
		{raw: "NSDI22", name: "NSDI", sep: "", yearText: "22", year: 2022},
		{raw: "ISSCC’24", name: "ISSCC", sep: "’", yearText: "24", year: 2024},
		{raw: "NeurIPS 2022", name: "NeurIPS", sep: " ", yearText: "2022", year: 2022},
		{raw: "NIPS'2019", name: "NIPS", sep: "'", yearText: "2019", year: 2019},
		{raw: "Arxiv'24.10", name: "Arxiv", sep: "'", yearText: "24", year: 2024, rest: ".10"},
		{raw: "ICLR 2023 (Oral)", name: "ICLR", sep: " ", yearText: "2023", year: 2023, rest: " (Oral)"},
		{raw: "USENIX Security'21", name: "USENIX Security", sep: "'", yearText: "21", year: 2021},
		{raw: "S&P'19", name: "S&P", sep: "'", yearText: "19", year: 2019},
		{raw: "ICML'98", name: "ICML", sep: "'", yearText: "98", year: 1998},
		{raw: "CVPR2022", name: "CVPR", sep: "", yearText: "2022", year: 2022},
		{raw: "3DV 2020", name: "3DV", sep: " ", yearText: "2020", year: 2020},
		{raw: "arXiv", name: "arXiv"},
		{raw: "Google", name: "Google"},
		{raw: "360", name: "360"},
		{raw: "2022/6/15", name: "2022/6/15"},
		{raw: "4Paradigm", name: "4Paradigm"},
		{raw: "NIPS'", name: "NIPS", sep: "'"},
		{raw: " CVPR'22 ", name: "CVPR", sep: "'", yearText: "22", year: 2022},
	}
	for _, tt := range tests {
		t.Run(tt.raw, func(t *testing.T) {
			src := "[" + tt.raw + "]"
			tag := newTag(src, 0, len(src), ASCIIBrackets)
			if tag.Name != tt.name || tag.Sep != tt.sep || tag.YearText != tt.yearText || tag.Year != tt.year || tag.Rest != tt.rest {
				t.Errorf("got name=%q sep=%q year=%q/%d rest=%q; want name=%q sep=%q year=%q/%d rest=%q",
					tag.Name, tag.Sep, tag.YearText, tag.Year, tag.Rest, tt.name, tt.sep, tt.yearText, tt.year, tt.rest)
			}
			// Spans must cut the same text out of the source.
			if got := src[tag.NameSpan.Start:tag.NameSpan.End]; got != tag.Name {
				t.Errorf("NameSpan gives %q, want %q", got, tag.Name)
			}
			if got := src[tag.YearSpan.Start:tag.YearSpan.End]; got != tag.YearText {
				t.Errorf("YearSpan gives %q, want %q", got, tag.YearText)
			}
		})
	}
}

func TestExpandYear(t *testing.T) {
	// The rule itself is year.Expand's, tested there; this checks that
	// notes reads the current year.
	now := time.Now().Year()
	for _, yy := range []int{0, 19, now%100 + 1, 98, 2019} {
		if got, want := ExpandYear(yy), year.Expand(yy, now); got != want {
			t.Errorf("ExpandYear(%d) = %d, want %d", yy, got, want)
		}
	}
}

func TestSplitOrgs(t *testing.T) {
	for raw, want := range map[string][]string{
		"BJTU,Baidu":  {"BJTU", "Baidu"},
		"BJTU, Baidu": {"BJTU", "Baidu"},
		"清华，百度":       {"清华", "百度"},
		"A、B; C":      {"A", "B", "C"},
		"UC Berkeley": {"UC Berkeley"},
		" , ":         nil,
	} {
		src := "[" + raw + "]"
		tag := newTag(src, 0, len(src), ASCIIBrackets)
		orgs := splitOrgs(tag)
		if len(orgs) != len(want) {
			t.Errorf("%q: got %d orgs %v, want %v", raw, len(orgs), orgs, want)
			continue
		}
		for i, o := range orgs {
			if o.Name != want[i] || src[o.Span.Start:o.Span.End] != want[i] {
				t.Errorf("%q: org %d = %q (span %q), want %q", raw, i, o.Name, src[o.Span.Start:o.Span.End], want[i])
			}
		}
	}
}
