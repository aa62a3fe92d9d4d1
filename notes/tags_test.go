package notes

import (
	"testing"
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
			tag := newTag(src, 0, len(src), ASCIIBrackets, 2026)
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
	for _, tt := range []struct{ yy, now, want int }{
		{19, 2026, 2019}, {27, 2026, 2027}, {28, 2026, 1928}, {98, 2026, 1998}, {0, 2026, 2000}, {2019, 2026, 2019},
		{28, 2027, 2028}, {27, 2025, 1927},
		// No current year: POSIX's fixed %y window.
		{27, 0, 2027}, {68, 0, 2068}, {69, 0, 1969}, {98, 0, 1998}, {2019, 0, 2019},
	} {
		if got := expandYear(tt.yy, tt.now); got != tt.want {
			t.Errorf("expandYear(%d, %d) = %d, want %d", tt.yy, tt.now, got, tt.want)
		}
	}
}

// TestOptionsYear checks that Parse reads two-digit years against
// Options.Year, not the clock.
func TestOptionsYear(t *testing.T) {
	src := []byte("## 节\n### Title[ICLR'27][Google]\n")
	for _, tt := range []struct{ year, want int }{{2026, 2027}, {2025, 1927}, {0, 2027}} {
		doc := Parse("n.md", src, Options{Year: tt.year})
		if len(doc.Papers) != 1 || doc.Papers[0].Venue == nil {
			t.Fatalf("Year %d: no paper with a venue in %q", tt.year, src)
		}
		if got := doc.Papers[0].Venue.Year; got != tt.want {
			t.Errorf("Year %d: ICLR'27 read as %d, want %d", tt.year, got, tt.want)
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
		tag := newTag(src, 0, len(src), ASCIIBrackets, 2026)
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
