package notes

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/yuin/goldmark/ast"
)

// mdPlainNoDefs is mdNoDefs without raw entry headings: goldmark parses
// every heading's inline content.
var mdPlainNoDefs = newNoDefs()

// documentDiff describes the first difference between two documents of
// the same source, or returns "".
func documentDiff(a, b *Document) string {
	if len(a.Papers) != len(b.Papers) {
		return fmt.Sprintf("%d papers vs %d", len(a.Papers), len(b.Papers))
	}
	for i := range a.Papers {
		x, y := *a.Papers[i], *b.Papers[i]
		xs, ys := x.Section, y.Section
		x.Section, y.Section = nil, nil
		if !reflect.DeepEqual(x, y) {
			return fmt.Sprintf("paper %d:\n%+v\n%+v", i, x, y)
		}
		if (xs == nil) != (ys == nil) || xs != nil && xs.Index != ys.Index {
			return fmt.Sprintf("paper %d: sections %v vs %v", i, xs, ys)
		}
	}
	for name, pair := range map[string][2]any{
		"sections":    {a.Sections, b.Sections},
		"prose":       {a.Prose, b.Prose},
		"protected":   {a.Protected, b.Protected},
		"comments":    {a.Comments, b.Comments},
		"problems":    {a.Problems, b.Problems},
		"entry level": {a.EntryLevel, b.EntryLevel},
	} {
		if !reflect.DeepEqual(pair[0], pair[1]) {
			return fmt.Sprintf("%s differ:\n%+v\n%+v", name, pair[0], pair[1])
		}
	}
	return ""
}

// TestRawEntriesChangeNothing parses notes with every kind of entry
// heading, with and without raw entry headings, and compares.
func TestRawEntriesChangeNothing(t *testing.T) {
	src := strings.Join([]string{
		"# 论文笔记",
		"## 检索",
		"### Dense Passage Retrieval for Open-Domain Question Answering(DPR)[EMNLP'20][Facebook]",
		"- 双塔,用BERT编码",
		"### ColBERT: Efficient and Effective Passage Search[SIGIR'20][Stanford] <!-- papers-disable-line venue-name -->",
		"### [REALM](https://arxiv.org/abs/2002.08909)[ICML'20][Google]",
		"### `RAG` Retrieval-Augmented Generation[NeurIPS'20][Facebook]",
		"### *Emphasised* Title with \\*escapes\\* and &amp; entity[ICLR'21][Google]",
		"### 一篇中文标题[ACL'21][清华]",
		"#### 细节",
		"- 笔记",
		"### Not an entry heading",
		"### Title with <https://example.org> autolink[KDD'19][Ali]",
		"### Title with ![img](a.png) image[CVPR'22][Meta]",
		"### ~~Struck~~ title[AAAI'23][PKU]",
		"## Section[with brackets]",
		"### [arXiv'23][OpenAI] Tags First Title",
		"### Title Closed With Hashes[ICML'19][Google] ###",
		"   ### Indented Title[ICML'19][Google]",
		"- 一条普通笔记，用 BERT 编码\n- 两行的笔记\n  第二行继续  \n  第三行有硬换行前的空格\n- 懒惰续行\n没有缩进的续行",
		"- 松散列表第一项\n\n  同一项的第二段\n\n- 第二项\t带制表符\t",
		"- 外层\n  - 内层笔记 plain text\n    - 更深一层,ASCII 逗号",
		"- 项目中的 setext 标题\n  ---\n- 项目中的表格\n\n  | a | b |\n  |---|---|\n  | 1 | 2 |",
		"- Windows 换行\r\n- 第二行\r\n",
		"-\n- 空项之后",
		"1. 有序列表 plain\n2) 另一种有序",
		"- [ICML'20][Google] List Entry Title\n  - 它的笔记",
		"",
	}, "\n\n")
	opt := Options{IsVenue: func(s string) bool { return s == "arXiv" }}
	plain := parseWith("n.md", []byte(src), opt, 1, mdPlainNoDefs)
	fast := parseWith("n.md", []byte(src), opt, 1, mdNoDefs)
	if len(plain.Papers) < 10 {
		t.Fatalf("only %d papers: the test lost its entries", len(plain.Papers))
	}
	if d := documentDiff(plain, fast); d != "" {
		t.Error(d)
	}
	big := bigNotes()
	opt.Jobs = 4
	if d := documentDiff(parseWith("b.md", big, opt, 4, mdPlainNoDefs), parseWith("b.md", big, opt, 4, mdNoDefs)); d != "" {
		t.Errorf("big notes: %s", d)
	}
	// Most of these headings are kept raw: count them, so that the test
	// fails if the optimisation silently stops applying.
	raw := 0
	root := parsePiece(mdNoDefs, []byte(src), 0, len(src), &pieceInfo{s: src, opt: opt})
	for n := root.FirstChild(); n != nil; n = n.NextSibling() {
		if _, ok := n.(*entryHeading); ok {
			raw++
		}
	}
	if raw < 6 {
		t.Errorf("%d raw entry headings, want at least 6", raw)
	}
	texts := 0
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if _, ok := n.(*rawText); ok && entering {
			texts++
		}
		return ast.WalkContinue, nil
	})
	if texts < 10 {
		t.Errorf("%d raw list item paragraphs, want at least 10", texts)
	}
}
