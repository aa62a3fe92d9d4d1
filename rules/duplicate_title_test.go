package rules

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/paperlint/papers/lint"
	"github.com/paperlint/papers/lint/report"
)

func TestDuplicateTitleOptions(t *testing.T) {
	a := notesFile(
		"## 推荐",
		"Deep Interest Network for Click-Through Rate Prediction(DIN)[KDD'18][Ali]", // 3
		"Deep Interest Network for Click-Through Rate Prediction[KDD'18][Ali]",      // 5
		"## 检测",
		"Deep Interest Network for Click-Through Rate Prediction[KDD'18][Ali]", // 8
		"Segment Anything[ICCV'23][Meta]",                                      // 10
		"Segment Anything[ICCV'23][Meta]",                                      // 12
	)
	b := notesFile(
		"## 其他",
		"Segment Anything[ICCV'23][Meta]", // 3
	)
	tests := []struct {
		name   string
		config string
		want   []string
	}{
		{"default", "", []string{"a.md:3", "a.md:5", "a.md:8", "a.md:10", "a.md:12", "b.md:3"}},
		{"ignore-same-file", "rules:\n  duplicate-title:\n    ignore-same-file: true\n",
			[]string{"a.md:10", "a.md:12", "b.md:3"}},
		{"ignore-across-sections", "rules:\n  duplicate-title:\n    ignore-across-sections: true\n",
			// 3 and 5 share a section; 8 is alone in its section. The
			// Segment Anything copies share a section and b.md is another file.
			[]string{"a.md:3", "a.md:5", "a.md:10", "a.md:12", "b.md:3"}},
		{"allow", "rules:\n  duplicate-title:\n    allow: [\"segment  ANYTHING\"]\n",
			[]string{"a.md:3", "a.md:5", "a.md:8"}},
		{"off", "rules:\n  duplicate-title: off\n", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ds, res := runTitleRule(t, "duplicate-title", tt.config, "a.md", a, "b.md", b)
			got := where(res, ds)
			if strings.Join(got, " ") != strings.Join(tt.want, " ") {
				t.Errorf("findings at %v, want %v", got, tt.want)
			}
		})
	}

	// With ignore-same-file, the cross-file finding names only the other
	// file's copy, not the copy in its own file.
	ds, _ := runTitleRule(t, "duplicate-title", "rules:\n  duplicate-title:\n    ignore-same-file: true\n", "a.md", a, "b.md", b)
	for _, d := range ds {
		if d.File == "a.md" && (len(d.Related()) != 1 || d.Related()[0].File != "b.md") {
			t.Errorf("a.md finding %q: related %v, want b.md only", d.Message, d.Related())
		}
	}
}

func TestDuplicateTitleMessage(t *testing.T) {
	a := notesFile(
		"## 推荐",
		"Deep Interest Network for Click-Through Rate Prediction(DIN)[KDD'18][Ali]",    // 3
		"Möbius Transformation for Fast Inner Product Search on Graph[NIPS'19][Baidu]", // 5
		"Wide & Deep Learning for Recommender Systems[Google]",                         // 7
	)
	b := notesFile(
		"## 其他",
		"DIN: Deep Interest Network for Click-Through Rate Prediction[CVPR'23][Ali]",     // 3
		"M{\\\"o}bius Transformation for Fast Inner Product Search on Graph[NeurIPS'19]", // 5
		"Wide and Deep Learning for Recommender Systems[DLRS'16][Google]",                // 7
	)
	ds, _ := runTitleRule(t, "duplicate-title", "", "a.md", a, "b.md", b)
	want := []string{
		"a.md duplicate title, also listed at b.md:3 as [CVPR'23] (venue differs: [KDD'18] here)",
		"a.md duplicate title, also listed at b.md:5 as [NeurIPS'19] (same venue)",
		"a.md duplicate title, also listed at b.md:7 as [DLRS'16] (no venue tag here)",
		"b.md duplicate title, also listed at a.md:3 as [KDD'18] (venue differs: [CVPR'23] here)",
		"b.md duplicate title, also listed at a.md:5 as [NIPS'19] (same venue)",
		"b.md duplicate title, also listed at a.md:7 without a venue tag",
	}
	var got []string
	for _, d := range ds {
		got = append(got, d.File+" "+d.Message)
		if d.Severity != lint.Warning {
			t.Errorf("%s: severity %v, want warning", d.Message, d.Severity)
		}
		if len(d.Related()) != 1 {
			t.Errorf("%s: %d related locations, want 1", d.Message, len(d.Related()))
		}
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("messages:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// The span is the title with its abbreviation, not the tags.
	for _, d := range ds {
		if d.File == "a.md" && strings.HasPrefix(d.Message, "duplicate title, also listed at b.md:3") {
			if got := a[d.Start:d.End]; got != "Deep Interest Network for Click-Through Rate Prediction(DIN)" {
				t.Errorf("span %q", got)
			}
		}
	}
}

// TestDuplicateTitleMany checks a title repeated many times: every copy is
// reported, the message names three others and counts the rest, and the
// related locations are capped.
func TestDuplicateTitleMany(t *testing.T) {
	var lines []string
	lines = append(lines, "## 重复")
	for range 60 {
		lines = append(lines, "Segment Anything[ICCV'23][Meta]")
	}
	ds, _ := runTitleRule(t, "duplicate-title", "", "a.md", notesFile(lines...))
	if len(ds) != 60 {
		t.Fatalf("%d findings, want 60", len(ds))
	}
	d := ds[0]
	if !strings.HasSuffix(d.Message, " and 56 more") || strings.Count(d.Message, "a.md:") != 3 {
		t.Errorf("message %q", d.Message)
	}
	if len(d.Related()) != maxRelated {
		t.Errorf("%d related, want %d", len(d.Related()), maxRelated)
	}
}

func TestDuplicateTitleDirective(t *testing.T) {
	a := "# 笔记\n## 推荐\n### Segment Anything[ICCV'23][Meta]\n- a\n" +
		"<!-- papers-disable-next-line duplicate-title -->\n### Segment Anything[ICCV'23][Meta]\n- b\n"
	ds, res := runTitleRule(t, "duplicate-title", "", "a.md", a)
	if got := where(res, ds); strings.Join(got, " ") != "a.md:3" {
		t.Errorf("findings at %v, want a.md:3 only", got)
	}
}

func TestDuplicateTitleReports(t *testing.T) {
	a := notesFile("## 推荐", "Segment Anything[ICCV'23][Meta]")
	b := notesFile("## 其他", "Segment Anything[ICCV'23][Meta]")
	ds, res := runTitleRule(t, "duplicate-title", "", "a.md", a, "b.md", b)
	var buf bytes.Buffer
	if err := report.Write(&buf, "json", ds, res.Files, report.Options{}); err != nil {
		t.Fatal(err)
	}
	var js any
	if err := json.Unmarshal(buf.Bytes(), &js); err != nil {
		t.Fatalf("json: %v", err)
	}
	if !strings.Contains(buf.String(), `"related"`) || !strings.Contains(buf.String(), "also listed here as [ICCV'23]") {
		t.Errorf("JSON output lacks the related location:\n%s", buf.String())
	}
	buf.Reset()
	if err := report.Write(&buf, "sarif", ds, res.Files, report.Options{Rules: All()}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), `"relatedLocations"`) || !strings.Contains(buf.String(), "also listed here as [ICCV'23]") {
		t.Errorf("SARIF output lacks the related location:\n%s", buf.String())
	}
}

// TestDuplicateTitleCounts checks the "and N more" count of a title
// repeated in several files and sections under each filter option, against
// a count of the copies each finding may name.
func TestDuplicateTitleCounts(t *testing.T) {
	// a.md: sections S1 (3 copies) and S2 (2 copies); b.md: S1 (4 copies).
	lines := func(sections ...int) []string {
		var out []string
		for s, n := range sections {
			out = append(out, fmt.Sprintf("## S%d", s+1))
			for range n {
				out = append(out, "Segment Anything[ICCV'23][Meta]")
			}
		}
		return out
	}
	a, b := notesFile(lines(3, 2)...), notesFile(lines(4)...)
	for _, tt := range []struct {
		config string
		want   map[string]int // file:section -> copies a finding there names
	}{
		{"", map[string]int{"a.md:S1": 8, "a.md:S2": 8, "b.md:S1": 8}},
		{"rules:\n  duplicate-title:\n    ignore-same-file: true\n", map[string]int{"a.md:S1": 4, "a.md:S2": 4, "b.md:S1": 5}},
		{"rules:\n  duplicate-title:\n    ignore-across-sections: true\n", map[string]int{"a.md:S1": 6, "a.md:S2": 5, "b.md:S1": 8}},
	} {
		ds, res := runTitleRule(t, "duplicate-title", tt.config, "a.md", a, "b.md", b)
		if len(ds) != 9 {
			t.Fatalf("%q: %d findings, want 9", tt.config, len(ds))
		}
		for _, d := range ds {
			var f *lint.File
			for _, rf := range res.Files {
				if rf.Path == d.File {
					f = rf
				}
			}
			sec := ""
			for _, p := range f.Notes.Papers {
				if p.TitleSpan.Start == d.Start {
					sec = p.Section.Title
				}
			}
			want := tt.want[d.File+":"+sec]
			named := strings.Count(d.Message, " as [ICCV'23]")
			got := named
			if i := strings.Index(d.Message, " and "); i >= 0 {
				var more int
				if _, err := fmt.Sscanf(d.Message[i:], " and %d more", &more); err != nil {
					t.Fatalf("message %q: %v", d.Message, err)
				}
				got += more
			}
			if got != want {
				t.Errorf("%q, %s in %s: %d copies named or counted, want %d (%q)", tt.config, d.File, sec, got, want, d.Message)
			}
		}
	}
}
