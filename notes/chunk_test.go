package notes

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// bigSize is the size of the files the tests split: far below chunkMin, so
// that the tests of splitting stay fast (under the race detector too); the
// tests ask for pieces themselves instead of letting pieceCount decide.
const bigSize = 384 << 10

// bigNotes builds a notes file of more than bigSize bytes with every
// construct that could straddle a split point: fenced code holding
// headings, HTML comments over blank lines, lists, prose with code spans.
func bigNotes() []byte { return bigNotesWith("# 论文笔记\n\n", -1, "") }

// bigNotesWith starts the file with head and writes extra before paper
// number at.
func bigNotesWith(head string, at int, extra string) []byte {
	var b strings.Builder
	b.WriteString(head)
	for i := 0; b.Len() < bigSize; i++ {
		if i == at {
			b.WriteString(extra)
		}
		if i%40 == 0 {
			fmt.Fprintf(&b, "## 主题%d\n\n", i/40)
		}
		fmt.Fprintf(&b, "### Paper Number %d About Transformers[NeurIPS'2%d][Google]\n", i, i%10)
		b.WriteString("- 用BERT编码,然后`code span`和[链接](a/b.md)以及<https://example.org>\n")
		b.WriteString("- 第二条笔记：效果提升3.9%\n\n")
		if i%97 == 0 {
			b.WriteString("```\n\n## not a heading[ICML'20]\n\n```\n\n")
		}
		if i%89 == 0 {
			b.WriteString("<!--\n\n## hidden heading\n\n-->\n\n")
		}
	}
	return []byte(b.String())
}

// TestChunkedParseEqualsWhole checks that parsing a large file in parallel
// pieces gives exactly the document that one piece gives.
func TestChunkedParseEqualsWhole(t *testing.T) {
	// The file's title (its only level-1 heading that is no entry) is found
	// after the pieces are walked: at the top, after some papers, in a
	// later piece, or not at all when there are two.
	files := map[string][]byte{
		"title at top":         bigNotes(),
		"title after papers":   bigNotesWith("### Before Title[ICML'20]\n- 笔记\n\n", 3, "# 论文笔记\n\n"),
		"title in later piece": bigNotesWith("## 开头\n\n", 1000, "# 论文笔记\n\n"),
		"two level-1 headings": bigNotesWith("# 论文笔记\n\n", 1000, "# 第二部分\n\n"),
		"no title":             bigNotesWith("", -1, ""),
	}
	for name, src := range files {
		t.Run(name, func(t *testing.T) {
			whole := parse("n.md", src, Options{}, 1)
			for _, pieces := range []int{4, 24} {
				if cuts := splitPoints(src, pieces); len(cuts) < pieces/2 {
					t.Fatalf("expected the file to be split in %d, got cuts %v", pieces, cuts)
				}
				// Several jobs, so that the race detector sees pieces
				// parsed at once.
				split := parse("n.md", src, Options{Jobs: 4}, pieces)
				compareDocuments(t, whole, split)
			}
		})
	}
}

func compareDocuments(t *testing.T, whole, split *Document) {
	t.Helper()
	compareDocs(t, whole, split, 1500)
}

// compareDocs compares two documents of at least minPapers papers.
func compareDocs(t *testing.T, whole, split *Document, minPapers int) {
	t.Helper()
	if len(whole.Papers) != len(split.Papers) || len(whole.Papers) < minPapers {
		t.Fatalf("papers: whole %d, split %d", len(whole.Papers), len(split.Papers))
	}
	secName := func(s *Section) string {
		if s == nil {
			return "<none>"
		}
		return fmt.Sprintf("%s (#%d)", s.Title, s.Index)
	}
	for i := range whole.Papers {
		a, b := *whole.Papers[i], *split.Papers[i]
		a.Section, b.Section = nil, nil
		if !reflect.DeepEqual(a, b) {
			t.Fatalf("paper %d differs:\n%+v\n%+v", i, a, b)
		}
		if sa, sb := secName(whole.Papers[i].Section), secName(split.Papers[i].Section); sa != sb {
			t.Fatalf("paper %d (%s): section %s, split %s", i, whole.Papers[i].Title, sa, sb)
		}
	}
	for name, pair := range map[string][2]any{
		"prose":     {whole.Prose, split.Prose},
		"protected": {whole.Protected, split.Protected},
		"comments":  {whole.Comments, split.Comments},
		"problems":  {whole.Problems, split.Problems},
	} {
		if !reflect.DeepEqual(pair[0], pair[1]) {
			t.Errorf("%s differ", name)
		}
	}
	if len(whole.Sections) != len(split.Sections) {
		t.Fatalf("sections: %d vs %d", len(whole.Sections), len(split.Sections))
	}
	for i := range whole.Sections {
		if !reflect.DeepEqual(*whole.Sections[i], *split.Sections[i]) {
			t.Errorf("section %d: %+v vs %+v", i, *whole.Sections[i], *split.Sections[i])
		}
	}
}

func TestSplitPointsRespectConstructs(t *testing.T) {
	src := bigNotes()
	for _, c := range splitPoints(src, 8)[1:] {
		if c == len(src) {
			continue
		}
		if !isATXHeading(src[c:min(c+10, len(src))]) || src[c-1] != '\n' || src[c-2] != '\n' {
			t.Errorf("cut at %d is not a heading after a blank line: %q", c, src[c:c+20])
		}
	}
	if got := pieceCount(len("## a\n\n## b\n"), 4); got != 1 {
		t.Errorf("a small file must not be split: %d pieces", got)
	}
	if got := pieceCount(chunkMin, 4); got != 4 {
		t.Errorf("a file of chunkMin bytes with 4 jobs: %d pieces, want 4", got)
	}
	if got := pieceCount(chunkMin, 1); got != 2 {
		t.Errorf("a file of chunkMin bytes with 1 job: %d pieces, want 2 of pieceSize", got)
	}
}

func TestHasLinkDefinition(t *testing.T) {
	tests := []struct {
		src  string
		want bool
	}{
		{"[Google]: https://google.com\n", true},
		{"text\n   [g]: /url\n", true},
		{"- [g]: /url\n", true},                 // inside a list item
		{"> [g]: /url\n", true},                 // inside a block quote
		{"1. > - [g]: /url\n", true},            // nested containers
		{"12) [g]: /url\n", true},               // ordered list with ")"
		{"Title[ICML'20][Google]: 笔记\n", false}, // an entry followed by a colon
		{"- 见 [g]: 这里\n", false},                // a label in the middle of a line
		{"[a] and [b]: no\n", false},            // the label would hold a "]"
		{"no definitions here\n", false},
		{"[a\nb]: /url\n", true},     // a label over two lines
		{"- [a\n  b]: /url\n", true}, // the same in a list item
		{"x [a\nb]: /url\n", false},  // the label is not at a line's start
		{"\r[0]:0", true},            // after a lone carriage return, which ends a line
		{"x\r\n[0]: /u\n", true},     // after CRLF
		{"[\\]]:x", true},            // an escaped "]" in the label
		{"[a\\[b]: /u\n", true},      // an escaped "["
		{"[a\\\\]: /u\n", true},      // an escaped backslash before the "]"
		{"[a\\]: /u\n", false},       // "\]" closes no label
		{"x\\[a]: /u\n", false},      // nor opens one after text
		{"[a\\]: b]: /v\n", true},    // a label over an escaped candidate
	}
	for _, tt := range tests {
		if got := hasLinkDefinition([]byte(tt.src)); got != tt.want {
			t.Errorf("hasLinkDefinition(%q) = %v, want %v", tt.src, got, tt.want)
		}
	}
}

// TestDefinitionInListApplies checks that a large file whose only link
// reference definition sits in a list item is parsed as one piece, so that
// a reference far from it is still a link (not prose).
func TestDefinitionInListApplies(t *testing.T) {
	src := bigNotesWith("# 笔记\n\n见[官方实现][impl]。\n\n", 1500, "- [impl]: https://example.org/impl\n\n")
	doc := parse("n.md", src, Options{Jobs: 4}, 4)
	ref := bytes.Index(src, []byte("[官方实现][impl]"))
	for _, r := range doc.Prose {
		if r.Start <= ref && ref < r.End {
			t.Fatalf("the reference link at %d is prose: %q", ref, src[r.Start:r.End])
		}
	}
	compareDocuments(t, parse("n.md", src, Options{}, 1), doc)
}

// hazards are lines that open, or seem to open, blocks a blank line does
// not end: fences (one that is not, with a backtick in its info string;
// closing fences with trailing spaces or too short), HTML blocks of every
// kind, in and out of list items and block quotes, and their ends.
var hazards = []string{"```", "``` a`b", "```  ", "````", "~~~", "~~~ x`y", "  ```", "    ```", "\t```", "- ```", "> ```",
	"<!--", "-->", "<!-- x -->", "<pre>", "</pre>", "<PRE>", "</PRE>", "<prefix>", "<script>", "</script>", "<style>", "</style>",
	"<textarea>", "</textarea>", "<?php", "?>", "<!DOCTYPE x", ">", "<![CDATA[", "]]>", "<div>", "</div>", "- <!--", "text", "- 笔记"}

// TestSplitParseRandom checks that a file cut into pieces is parsed as a
// whole on random files of entries among hazards: wherever the cuts
// fall, a piece that ends inside a block goldmark keeps open sends the
// file to a parse in one piece.
func TestSplitParseRandom(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	fellBack := 0
	for n := range 400 {
		var b strings.Builder
		for i := range 40 {
			fmt.Fprintf(&b, "### Paper %d[ICML'20]\n- 笔记\n\n", i)
			for range r.IntN(3) {
				b.WriteString(hazards[r.IntN(len(hazards))])
				b.WriteString([]string{"\n", "\n\n"}[r.IntN(2)])
			}
		}
		src := []byte(b.String())
		whole := parse("n.md", src, Options{}, 1)
		for _, pieces := range []int{3, 8} {
			cuts := splitPoints(src, pieces)
			split := parse("n.md", src, Options{Jobs: 2}, pieces)
			if len(whole.Papers) != len(split.Papers) {
				t.Fatalf("case %d, cuts %v: %d papers whole, %d in pieces\n%s", n, cuts, len(whole.Papers), len(split.Papers), src)
			}
			compareDocs(t, whole, split, 0)
			for k := 1; k+1 < len(cuts); k++ {
				if openAtEnd(parsePiece(md, src, cuts[k-1], cuts[k], nil), src, cuts[k]) {
					fellBack++
					break
				}
			}
		}
	}
	if fellBack == 0 {
		t.Error("no file had a cut inside an open block: the check was not tried")
	}
	t.Logf("%d of 800 splits fell back to one piece", fellBack)
}

// TestSplitKeepsCuts checks that ordinary files keep their pieces: every
// cut of a file with fences holding headings, HTML comments over blank
// lines and on one line, a <pre> block closed by another closing tag
// (which ends it for goldmark too) and closing fences with trailing
// spaces ends a piece that openAtEnd finds closed, so it is not parsed
// whole again.
func TestSplitKeepsCuts(t *testing.T) {
	src := bigNotesWith("# 论文笔记\n\n", 5, "<!-- papers-disable-next-line -->\n\n<pre>\n</textarea>\n\n```\n## x\n```  \n\n<!DOCTYPE x>\n\n")
	src = bytes.ReplaceAll(src, []byte("- 第二条笔记：效果提升3.9%\n\n"), []byte("- 第二条笔记：效果提升3.9%\n\n<!-- 一行注释 -->\n\n"))
	cuts := splitPoints(src, 24)
	if len(cuts) < 12 {
		t.Fatalf("cuts %v", cuts)
	}
	for k := 1; k+1 < len(cuts); k++ {
		if openAtEnd(parsePiece(md, src, cuts[k-1], cuts[k], nil), src, cuts[k]) {
			t.Fatalf("the piece before the cut at %d ends inside an open block:\n%s", cuts[k], src[max(0, cuts[k]-200):cuts[k]])
		}
	}
}

// TestChunkedSubHeadings: a cut may fall at a heading that, read with
// the whole file, is a sub-heading of the entry before it (`#### 细节`
// under `### Title[...]`): its notes are that paper's, not a section's,
// whichever piece they are in.
func TestChunkedSubHeadings(t *testing.T) {
	src := bytes.ReplaceAll(bigNotes(), []byte("- 第二条笔记：效果提升3.9%\n\n"), []byte("- 第二条笔记：效果提升3.9%\n\n#### 细节\n\n- 更多\n\n"))
	whole := parse("n.md", src, Options{}, 1)
	split := parse("n.md", src, Options{Jobs: 2}, 24)
	if d := documentDiff(whole, split); d != "" {
		t.Fatal(d)
	}
	if n := len(whole.Papers[100].Notes); n != 4 {
		t.Fatalf("paper 100 has %d notes, want its two bullets, the sub-heading and its bullet", n)
	}
}

// TestSplitScannerSkipsBlocks feeds the split scanner line by line: a
// heading after a blank line is a cut, except inside fenced code and the
// HTML blocks goldmark keeps open, and the line that opens such a block is
// no cut either.
func TestSplitScannerSkipsBlocks(t *testing.T) {
	lines := []string{
		"# 论文笔记", "", "## A", "- 笔记", "",
		"```go", "", "## in a backtick fence", "```  ", "",
		"## B", "",
		"~~~~ x", "", "## in a tilde fence", "~~~", "", "## still in it", "~~~~", "",
		"<!--", "", "## in a comment", "-->", "",
		"<pre>", "", "## in pre", "</PRE>", "",
		"<?php", "", "## in a processing instruction", "?>", "",
		"## C",
	}
	var sc splitScanner
	var cuts []string
	for _, l := range lines {
		if sc.step([]byte(l + "\n")) {
			cuts = append(cuts, l)
		}
	}
	if want := []string{"## A", "## B", "## C"}; !slices.Equal(cuts, want) {
		t.Errorf("cuts %q, want %q", cuts, want)
	}
}
