package notes

import (
	"fmt"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"

	"github.com/paperlint/papers/internal/testkit"
)

func spanText(doc *Document, sp Span) string { return string(doc.Src[sp.Start:sp.End]) }

func mustOne(t *testing.T, doc *Document) *Paper {
	t.Helper()
	if len(doc.Papers) != 1 {
		t.Fatalf("got %d papers, want 1", len(doc.Papers))
	}
	return doc.Papers[0]
}

func TestHeadingEntry(t *testing.T) {
	src := "# 每周论文\n\n## 推荐系统\n### Deep Interest Network for Click-Through Rate Prediction(DIN)[KDD'18][Ali]\n- 加权。\n- 第二条\n\n## 检索\n"
	doc := Parse("n.md", []byte(src), Options{})
	p := mustOne(t, doc)
	if p.Form != HeadingForm || p.Level != 3 {
		t.Errorf("form %v level %d", p.Form, p.Level)
	}
	if p.Title != "Deep Interest Network for Click-Through Rate Prediction" || spanText(doc, p.TitleSpan) != p.Title {
		t.Errorf("title %q span %q", p.Title, spanText(doc, p.TitleSpan))
	}
	if p.Abbrev != "DIN" || spanText(doc, p.AbbrevSpan) != "(DIN)" {
		t.Errorf("abbrev %q span %q", p.Abbrev, spanText(doc, p.AbbrevSpan))
	}
	if p.Venue == nil || p.Venue.Name != "KDD" || p.Venue.Year != 2018 || spanText(doc, p.Venue.Span) != "[KDD'18]" {
		t.Fatalf("venue %+v", p.Venue)
	}
	if len(p.Orgs) != 1 || p.Orgs[0].Name != "Ali" || spanText(doc, p.Orgs[0].Span) != "Ali" {
		t.Errorf("orgs %+v", p.Orgs)
	}
	if len(p.Notes) != 2 || spanText(doc, p.Notes[0]) != "- 加权。" {
		t.Errorf("notes %d %q", len(p.Notes), spanText(doc, p.Notes[0]))
	}
	if p.Section == nil || p.Section.Title != "推荐系统" {
		t.Errorf("section %+v", p.Section)
	}
	// The document title is not a section; the two ## headings are.
	if len(doc.Sections) != 2 || doc.Sections[0].Title != "推荐系统" || doc.Sections[1].Title != "检索" {
		t.Errorf("sections %+v", doc.Sections)
	}
	if doc.EntryLevel != 3 {
		t.Errorf("entry level %d", doc.EntryLevel)
	}
}

func TestListEntry(t *testing.T) {
	src := "## 系统\n- [OSDI'18][MSRA] [TVM: An Automated End-to-End Optimizing Compiler](https://example.org/tvm)\n  - 编译器。\n- 见[MS-TCT](MSTCT.md)\n- [ACL'23] **Some Bold Title**\n"
	doc := Parse("n.md", []byte(src), Options{})
	if len(doc.Papers) != 2 {
		t.Fatalf("got %d papers, want 2: %+v", len(doc.Papers), doc.Papers)
	}
	p := doc.Papers[0]
	if p.Form != ListForm || !p.TagsFirst || p.Title != "TVM: An Automated End-to-End Optimizing Compiler" {
		t.Errorf("paper %+v", p)
	}
	if p.Venue == nil || p.Venue.Name != "OSDI" || len(p.Orgs) != 1 || p.Orgs[0].Name != "MSRA" {
		t.Errorf("tags %+v %+v", p.Venue, p.Orgs)
	}
	if len(p.Links) == 0 || p.Links[0].URL != "https://example.org/tvm" {
		t.Errorf("links %+v", p.Links)
	}
	if len(p.Notes) != 1 || spanText(doc, p.Notes[0]) != "- 编译器。" {
		t.Errorf("notes %v", p.Notes)
	}
	if q := doc.Papers[1]; q.Title != "Some Bold Title" || q.Venue.Name != "ACL" || len(q.Orgs) != 0 {
		t.Errorf("second %+v", q)
	}
}

func TestTagVariants(t *testing.T) {
	tests := []struct {
		line, title, venue string
		year               int
		orgs               []string
		gap                bool
	}{
		{"### Title [ECCV'22]", "Title", "ECCV", 2022, nil, true},
		{"### Title[NIPS' 18][Google]", "Title", "NIPS", 2018, []string{"Google"}, false},
		{"### Title[NSDI22][MIT]", "Title", "NSDI", 2022, []string{"MIT"}, false},
		{"### Title[ISSCC’24][MIT]", "Title", "ISSCC", 2024, []string{"MIT"}, false},
		{"### Title[NeurIPS 2022][BJTU,Baidu]", "Title", "NeurIPS", 2022, []string{"BJTU", "Baidu"}, false},
		{"### Title【CVPR 2022】", "Title", "CVPR", 2022, nil, false},
		{"### Title[meituan]", "Title", "", 0, []string{"meituan"}, false},
		{"### Title[arXiv][Google]", "Title", "arXiv", 0, []string{"Google"}, false},
		{"### [CCS'17] Title Here", "Title Here", "CCS", 2017, nil, false},
		{"### Title[Google][NIPS'19]", "Title", "NIPS", 2019, []string{"Google"}, false},
		{"### Title[arxiv'20][MSRA] ###", "Title", "arxiv", 2020, []string{"MSRA"}, false},
	}
	isVenue := func(s string) bool { return s == "arXiv" }
	for _, tt := range tests {
		t.Run(tt.line, func(t *testing.T) {
			doc := Parse("n.md", []byte(tt.line+"\n- note\n"), Options{IsVenue: isVenue})
			p := mustOne(t, doc)
			if p.Title != tt.title {
				t.Errorf("title %q, want %q", p.Title, tt.title)
			}
			switch {
			case tt.venue == "" && p.Venue != nil:
				t.Errorf("venue %+v, want none", p.Venue)
			case tt.venue != "" && (p.Venue == nil || p.Venue.Name != tt.venue || p.Venue.Year != tt.year):
				t.Errorf("venue %+v, want %s %d", p.Venue, tt.venue, tt.year)
			}
			var orgs []string
			for _, o := range p.Orgs {
				orgs = append(orgs, o.Name)
			}
			if strings.Join(orgs, "|") != strings.Join(tt.orgs, "|") {
				t.Errorf("orgs %v, want %v", orgs, tt.orgs)
			}
			if (p.Gap.Len() > 0) != tt.gap {
				t.Errorf("gap %v, want %v", p.Gap, tt.gap)
			}
		})
	}
}

// Reference-link definitions turn `[Google]` into a link in goldmark; tags
// are read from the source, so nothing changes.
func TestTagsWithReferenceDefinitions(t *testing.T) {
	src := "### Title[NIPS'19][Google]\n- note\n\n[Google]: https://google.com\n"
	p := mustOne(t, Parse("n.md", []byte(src), Options{}))
	if p.Venue == nil || p.Venue.Name != "NIPS" || len(p.Orgs) != 1 || p.Orgs[0].Name != "Google" {
		t.Errorf("paper %+v", p)
	}
}

func TestNotEntries(t *testing.T) {
	for _, src := range []string{
		"## 推荐系统\n",
		"- 额外文档，见[MS-TCT](MSTCT.md)\n",
		"- [计算机视觉领域的物理对抗攻防综述](security/a.md)\n",
		"- 文章有3点贡献\n",
		"```\n### Title[NIPS'19][Google]\n```\n",
		"",
	} {
		doc := Parse("n.md", []byte(src), Options{})
		if len(doc.Papers) != 0 {
			t.Errorf("%q: got papers %+v", src, doc.Papers[0])
		}
	}
}

func TestLineEndingsBOMTabs(t *testing.T) {
	for name, src := range map[string]string{
		"crlf":        "## 检索\r\n### Title[NIPS'19][Google]\r\n- 笔记\r\n",
		"bom":         "\ufeff## 检索\n### Title[NIPS'19][Google]\n- 笔记\n",
		"no newline":  "## 检索\n### Title[NIPS'19][Google]\n- 笔记",
		"tabs":        "## 检索\n### Title[NIPS'19][Google]\n-\t笔记\n",
		"frontmatter": "---\ntitle: x\n### not[NIPS'19][Google]\n---\n## 检索\n### Title[NIPS'19][Google]\n- 笔记\n",
	} {
		t.Run(name, func(t *testing.T) {
			doc := Parse("n.md", []byte(src), Options{})
			p := mustOne(t, doc)
			if p.Title != "Title" || spanText(doc, p.Venue.Span) != "[NIPS'19]" || p.Orgs[0].Name != "Google" {
				t.Errorf("paper %+v", p)
			}
			if len(p.Notes) != 1 {
				t.Errorf("notes %v", p.Notes)
			}
			if len(doc.Sections) != 1 || doc.Sections[0].Title != "检索" {
				t.Errorf("sections %+v", doc.Sections)
			}
		})
	}
}

func TestInvalidUTF8(t *testing.T) {
	src := []byte("## 检索\n### Title[NIPS'19][Google]\n- 笔\xff记\n")
	doc := Parse("n.md", src, Options{})
	if len(doc.Problems) != 1 || doc.Problems[0].Span.Start != strings.Index(string(src), "\xff") {
		t.Fatalf("problems %+v", doc.Problems)
	}
	if len(doc.Papers) != 1 {
		t.Errorf("the rest of the file must still be read: %d papers", len(doc.Papers))
	}
}

func TestProseAndProtected(t *testing.T) {
	src := "## 检索Retrieval\n### Title[NIPS'19][Google]\n- 用`code`和[链接](a/路径.md)以及<b>html</b>\n\n```\n代码块\n```\n"
	doc := Parse("n.md", []byte(src), Options{})
	var prose []string
	for _, sp := range doc.Prose {
		prose = append(prose, spanText(doc, sp))
	}
	got := strings.Join(prose, "|")
	if got != "检索Retrieval|用|和|以及|html" {
		t.Errorf("prose %q", got)
	}
	var prot []string
	for _, sp := range doc.Protected {
		prot = append(prot, spanText(doc, sp))
	}
	for _, want := range []string{"`code`", "(a/路径.md)", "<b>", "</b>", "```\n代码块\n```"} {
		if !slices.Contains(prot, want) {
			t.Errorf("protected %q missing from %q", want, prot)
		}
	}
	if doc.IsProtected(Span{strings.Index(src, "code"), strings.Index(src, "code") + 1}) != true {
		t.Error("inside a code span must be protected")
	}
	at := strings.Index(src, "`code`")
	if doc.IsProtected(Span{at, at}) {
		t.Error("an insertion right before a code span is allowed")
	}
}

func TestComments(t *testing.T) {
	src := "<!-- papers-disable venue-name -->\n### Title[NIPS'19][Google]\n- a <!-- papers-disable-line org-tag -->\n"
	doc := Parse("n.md", []byte(src), Options{})
	if len(doc.Comments) != 2 || doc.Comments[0].Text != "papers-disable venue-name" || doc.Comments[1].Text != "papers-disable-line org-tag" {
		t.Errorf("comments %+v", doc.Comments)
	}
}

// FuzzParse checks that any input parses without panicking, in linear time
// (a slow input fails, so that the fuzzer saves it), and that every span the
// model hands out lies inside the input, in order.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"## 检索\n### Title[NIPS'19][Google]\n- 笔记\n",
		"- [OSDI'18][MSRA] [T](u)\n  - n\n",
		"### [CCS'17] T\n",
		"### T【CVPR 2022】\n",
		"\ufeff---\na: b\n---\n### T[a'1][b,c]\r\n",
		"### T[NIPS'19][Google]\n[Google]: http://x\n",
		"<!-- papers-disable -->\n```\n### x[A'1]\n",
		"[a\nb]: /u\n\n[x][a b]\n- > [c]: /v\n",
		"[\\]]:x\n\n[a\\[b]: /u\n",
		"# []\n\n##", "### T[ICML'20]\n- a\n\n#### 细节\n- b\n\n## 主题\n\n### U[ICML'20]\n",
		"### P1[ICML'20]\n- a\n  <!--\n### X[ICML'20]\n````\n-->\n\n### P2[ICML'20]\n- b\n\n### P3[ICML'20]\n- c\n\n### P4[ICML'20]\n",
		"``` a`b\n\n```\n\n### F[ICML'20]\n```  \n\n<?x\n\n### G[ICML'20]\n?>\n\n<!DOCTYPE\n\n### H[ICML'20]\n>\n",
		"- 笔记,一  \n  二\r\n- 三\n  ---\n-\n  | a |\n  |---|\n\n  四\n五\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		var doc *Document
		parseAll := func() string {
			doc = Parse("f.md", src, Options{IsVenue: func(s string) bool { return s == "arXiv" }})
			return ""
		}
		if msg := testkit.WithinTime(testkit.FuzzTimeLimit(len(src)), parseAll); msg != "" {
			t.Fatalf("parsing: %s\ninput (%d bytes):\n%q", msg, len(src), src)
		}
		in := func(sp Span, what string) {
			if sp.Start < 0 || sp.End > len(src) || sp.Start > sp.End {
				t.Fatalf("%s span %v outside input of %d bytes", what, sp, len(src))
			}
		}
		last := -1
		for _, p := range doc.Papers {
			in(p.Span, "paper")
			in(p.TitleSpan, "title")
			if p.Span.Start < last {
				t.Fatalf("papers out of order")
			}
			last = p.Span.Start
			for _, tg := range p.Tags {
				in(tg.Span, "tag")
				in(tg.NameSpan, "tag name")
				in(tg.YearSpan, "year")
			}
			for _, o := range p.Orgs {
				in(o.Span, "org")
			}
			for _, n := range p.Notes {
				in(n, "note")
			}
		}
		for _, sp := range doc.Prose {
			in(sp, "prose")
		}
		for _, sp := range doc.Protected {
			in(sp, "protected")
		}
		if utf8.Valid(src) && len(doc.Problems) > 0 {
			t.Fatalf("valid UTF-8 reported as invalid: %+v", doc.Problems)
		}
		// Cut into pieces as a large file is (at headings the scanner
		// finds clean, checked on goldmark's trees), the document is
		// the same.
		if split := parse("f.md", src, Options{IsVenue: func(s string) bool { return s == "arXiv" }}, 3); documentDiff(doc, split) != "" {
			t.Fatalf("pieces change the document: %s", documentDiff(doc, split))
		}
		// Without definitions, the parser that skips looking for them
		// must build the same tree as the full one, and keeping entries
		// raw must not change the document.
		if !hasLinkDefinition(src) {
			full, fast := dumpTree(parsePiece(md, src, 0, len(src), nil)), dumpTree(parsePiece(mdPlainNoDefs, src, 0, len(src), nil))
			if full != fast {
				t.Fatalf("trees differ without definitions:\n%s\n---\n%s", full, fast)
			}
			opt := Options{IsVenue: func(s string) bool { return s == "arXiv" }}
			plain := parseWith("f.md", src, opt, 1, mdPlainNoDefs)
			if d := documentDiff(plain, doc); d != "" {
				t.Fatalf("raw entry headings change the document: %s", d)
			}
		}
	})
}

// dumpTree writes a syntax tree's node kinds and text positions.
func dumpTree(root ast.Node) string {
	var b strings.Builder
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			b.WriteString(")")
			return ast.WalkContinue, nil
		}
		fmt.Fprintf(&b, "(%s", n.Kind())
		if t, ok := n.(*ast.Text); ok {
			fmt.Fprintf(&b, " %d-%d", t.Segment.Start, t.Segment.Stop)
		} else if n.Type() == ast.TypeBlock {
			for i := 0; i < n.Lines().Len(); i++ {
				l := n.Lines().At(i)
				fmt.Fprintf(&b, " %d-%d", l.Start, l.Stop)
			}
		}
		return ast.WalkContinue, nil
	})
	return b.String()
}

// TestFileTitle checks which level-1 heading titles the file (and is no
// section): the only one that is not an entry. Papers under the title
// belong to the section in effect before it.
func TestFileTitle(t *testing.T) {
	tests := []struct {
		name, src string
		sections  []string
		paperSecs []string // section of each paper, "" for none
	}{
		{"title at top", "# 笔记\n\n### A Paper[ICML'20]\n\n## 检索\n\n### B Paper[ICML'21]\n", []string{"检索"}, []string{"", "检索"}},
		{"title after a section", "## 推荐\n\n### A Paper[ICML'20]\n\n# 笔记\n\n### B Paper[ICML'21]\n", []string{"推荐"}, []string{"推荐", "推荐"}},
		{"two level-1 headings", "# 上\n\n### A Paper[ICML'20]\n\n# 下\n\n### B Paper[ICML'21]\n", []string{"上", "下"}, []string{"上", "下"}},
		{"level-1 entry is not a title", "# A Paper[ICML'20]\n- 笔记\n\n# 笔记\n\n### B Paper[ICML'21]\n", nil, []string{"", ""}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := Parse("n.md", []byte(tt.src), Options{})
			var secs []string
			for i, s := range doc.Sections {
				if s.Index != i {
					t.Errorf("section %q has index %d, want %d", s.Title, s.Index, i)
				}
				secs = append(secs, s.Title)
			}
			if !reflect.DeepEqual(secs, tt.sections) {
				t.Errorf("sections %q, want %q", secs, tt.sections)
			}
			var got []string
			for _, p := range doc.Papers {
				name := ""
				if p.Section != nil {
					name = p.Section.Title
				}
				got = append(got, name)
			}
			if !reflect.DeepEqual(got, tt.paperSecs) {
				t.Errorf("papers' sections %q, want %q", got, tt.paperSecs)
			}
		})
	}
}

// TestGroupAndParagraphEntries reads the two list shapes that name the venue
// outside the entry's own tags: link items under a bold group header
// (`- **CCS 2017**`) and bold-title paragraphs with an authors line and a
// venue line. Links elsewhere, bold labels, a header with no year and a
// post with no venue line stay what they were.
func TestGroupAndParagraphEntries(t *testing.T) {
	src, err := os.ReadFile("testdata/group-lists.md")
	if err != nil {
		t.Fatal(err)
	}
	doc := Parse("testdata/group-lists.md", src, Options{})
	type want struct {
		form         Form
		title, venue string
		year         int
		section      string
	}
	wants := []want{
		{ListForm, "Directed Greybox Fuzzing", "CCS", 2017, "By venue"},
		{ListForm, "IMF: Inferred Model-based Fuzzer", "CCS", 2017, "By venue"},
		{ListForm, "Diffusion Models Beat GANs on Image Synthesis", "NeurIPS", 2023, "By venue"},
		{ListForm, "Fuzzification: Anti-Fuzzing Techniques", "USENIX Security", 2019, "By venue"},
		{ListForm, "A Workshop Paper on Fuzzing Harnesses", "", 2020, "By venue"},
		{ParagraphForm, "Denoising Diffusion Probabilistic Models", "NeurIPS", 2020, "Bold titles"},
		{ParagraphForm, "Score-Based Generative Modeling through Stochastic Differential Equations", "arXiv", 2020, "Bold titles"},
	}
	var got []want
	for _, p := range doc.Papers {
		w := want{form: p.Form, title: p.Title}
		if p.Venue != nil {
			t.Errorf("%q: Venue %+v, want none (the venue is text, not a tag)", p.Title, p.Venue)
		}
		if v := p.VenueOrText(); v != nil {
			w.venue, w.year = v.Name, v.Year
			if p.Venue == nil && string(src[v.Span.Start:v.Span.End]) != v.Raw {
				t.Errorf("%q: venue span %q, raw %q", p.Title, src[v.Span.Start:v.Span.End], v.Raw)
			}
		}
		if p.Section != nil {
			w.section = p.Section.Title
		}
		if string(src[p.TitleSpan.Start:p.TitleSpan.End]) != p.Title {
			t.Errorf("title span %q, title %q", src[p.TitleSpan.Start:p.TitleSpan.End], p.Title)
		}
		got = append(got, w)
	}
	if !reflect.DeepEqual(got, wants) {
		t.Errorf("papers:\n got %+v\nwant %+v", got, wants)
	}
	// The paragraph entry's other lines are its notes; its title line is no
	// prose.
	if p := doc.Papers[5]; len(p.Notes) != 1 || !strings.HasPrefix(spanText(doc, p.Notes[0]), "*Jonathan Ho") || !strings.HasSuffix(spanText(doc, p.Notes[0]), "19 Jun 2020") {
		t.Errorf("notes of the paragraph entry: %v", p.Notes)
	}
	for _, sp := range doc.Prose {
		if strings.Contains(spanText(doc, sp), "Denoising") {
			t.Errorf("the bold title is prose: %q", spanText(doc, sp))
		}
	}
}

// TestParenHeadings reads headings that end in the venue and year in
// parentheses (`### Title (CCS 2022)<a name="x"></a>`) as papers when the
// venue is known, with the venue in VenueText and no HTML in the title,
// and under the nearest heading of a lower level: the same-level headings
// that are not papers (no venue, an unknown one, text after the year, one
// word) stay sections but are no paper's topic.
func TestParenHeadings(t *testing.T) {
	src, err := os.ReadFile("testdata/paren-headings.md")
	if err != nil {
		t.Fatal(err)
	}
	known := map[string]bool{"CACM": true, "CSUR": true, "CCS": true, "PLDI": true, "NDSS": true, "ICSE": true}
	opt := Options{Year: 2026, IsVenue: func(n string) bool { return known[n] }}
	doc := Parse("testdata/paren-headings.md", src, opt)
	type want struct {
		title, venue string
		year         int
		section      string
	}
	wants := []want{
		{"Fuzzing: Hack, Art, and Science", "CACM", 2020, "Surveys<a name=\"surveys\"></a>"},
		{"Demystify the Fuzzing Methods: A Comprehensive Survey", "CSUR", 2023, "Surveys<a name=\"surveys\"></a>"},
		{"JIT-Picking: Differential Fuzzing of JavaScript Engines", "CCS", 2022, "Differential fuzzing"},
		{"Parser-Directed Fuzzing", "PLDI", 2019, "Differential fuzzing"},
		{"REDQUEEN: Fuzzing with Input-to-State Correspondence", "NDSS", 2019, "Differential fuzzing"},
	}
	var got []want
	for _, p := range doc.Papers {
		w := want{title: p.Title}
		if p.Form != HeadingForm || p.Venue != nil || len(p.Tags) != 0 {
			t.Errorf("%q: form %v, venue tag %+v, %d tags; want a heading with no tags", p.Title, p.Form, p.Venue, len(p.Tags))
		}
		if v := p.VenueText; v != nil {
			w.venue, w.year = v.Name, v.Year
			if string(src[v.Span.Start:v.Span.End]) != v.Raw {
				t.Errorf("%q: venue span %q, raw %q", p.Title, src[v.Span.Start:v.Span.End], v.Raw)
			}
		}
		if p.Section != nil {
			w.section = p.Section.Title
		}
		if string(src[p.TitleSpan.Start:p.TitleSpan.End]) != p.Title || strings.ContainsAny(p.Title, "<>") {
			t.Errorf("title span %q, title %q", src[p.TitleSpan.Start:p.TitleSpan.End], p.Title)
		}
		got = append(got, w)
	}
	if !reflect.DeepEqual(got, wants) {
		t.Errorf("papers:\n got %+v\nwant %+v", got, wants)
	}
	var secs []string
	for _, s := range doc.Sections {
		secs = append(secs, s.Title)
	}
	for _, s := range []string{"The Art, Science, and Engineering of Fuzzing: A Survey", "Fuzzing (2020 survey)", "Tools (open source)", "Fuzzing (CCS 2020)", "Details (ICSE 2021)"} {
		if !slices.Contains(secs, s) {
			t.Errorf("heading %q is no section; sections: %q", s, secs)
		}
	}
	// Without a registry no heading is read by its parentheses.
	if d := Parse("p.md", src, Options{Year: 2026}); len(d.Papers) != 0 {
		t.Errorf("without IsVenue: %d papers, want 0", len(d.Papers))
	}
}
