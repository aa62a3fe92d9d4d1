package notes

import (
	"bytes"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"
	"unicode/utf8"

	"github.com/paperlint/papers/internal/testkit"
)

// edits are what the random edits insert: text, and what could change how
// the rest of the file reads (a fence, a comment, a heading, a level-1
// heading, a blank line).
var edits = []string{"x", "用", "😀", " ", "\n", "\n\n", "'", "[", "]", "-->\n",
	"\n### New Paper[KDD'18][Ali]\n- 笔记\n\n", "\n## 新主题\n\n", "\n# 标题\n\n", "\n- 列表项\n", "\n#### 细节\n", "    code\n"}

// openers open what may swallow the rest of the file; they are picked
// less often, so that most edits leave something to parse in part.
var openers = []string{"```\n", "<!--\n", "<pre>\n", "``` a`b\n", "```  \n", "<?x\n", "<![CDATA[\n", "<!-- x -->\n"}

// runeStart moves off back to the start of a character.
func runeStart(src []byte, off int) int {
	for off > 0 && off < len(src) && !utf8.RuneStart(src[off]) {
		off--
	}
	return off
}

// randomEdit replaces a random range of src (often empty) with one of
// edits, or deletes it.
func randomEdit(r *rand.Rand, src []byte) (out []byte, start, oldEnd, newEnd int) {
	start = runeStart(src, r.IntN(len(src)+1))
	oldEnd = start
	if r.IntN(3) == 0 {
		oldEnd = runeStart(src, min(len(src), start+r.IntN(40)))
	}
	ins := ""
	switch k := r.IntN(40); {
	case k == 0:
		ins = openers[r.IntN(len(openers))]
	case k > 10:
		ins = edits[r.IntN(len(edits))]
	}
	out = make([]byte, 0, len(src)+len(ins))
	out = append(append(append(out, src[:start]...), ins...), src[oldEnd:]...)
	return out, start, oldEnd, start + len(ins)
}

// checkReparse applies n random edits to src one after the other, each
// parsed by Reparse from the document before, and compares every result
// with a whole parse of the same text.
func checkReparse(t *testing.T, src []byte, n int, seed uint64) {
	t.Helper()
	checkReparseWith(t, src, n, seed, Options{})
}

// checkReparseWith is checkReparse with the parse options opt.
func checkReparseWith(t *testing.T, src []byte, n int, seed uint64, opt Options) {
	t.Helper()
	r := rand.New(rand.NewPCG(seed, 1))
	doc := Parse("n.md", src, opt)
	partly := 0
	for i := 0; i < n; i++ {
		next, start, oldEnd, newEnd := randomEdit(r, doc.Src)
		got, ch := Reparse(doc, next, start, oldEnd, newEnd, opt)
		if !ch.Whole {
			partly++
			if ch.Start > start || ch.OldEnd < oldEnd || ch.NewEnd < newEnd {
				t.Fatalf("edit %d [%d,%d)->%d: the part parsed again %+v does not hold the change", i, start, oldEnd, newEnd, ch)
			}
		}
		want := Parse("n.md", next, opt)
		compareDocs(t, want, got, 0)
		if want.EntryLevel != got.EntryLevel {
			t.Fatalf("edit %d: entry level %d, want %d", i, got.EntryLevel, want.EntryLevel)
		}
		if want.ValidUTF8 != got.ValidUTF8 {
			t.Fatalf("edit %d: ValidUTF8 %v, want %v", i, got.ValidUTF8, want.ValidUTF8)
		}
		doc = got
	}
	if partly < n/4 {
		t.Errorf("only %d of %d edits were parsed in part", partly, n)
	}
}

// TestReparseEqualsParse: after random edits, one after the other, the
// document Reparse makes is the one Parse makes.
func TestReparseEqualsParse(t *testing.T) {
	n, seeds := 30, 2
	if testing.Short() || raceEnabled {
		n, seeds = 12, 1
	}
	for seed := range seeds {
		checkReparse(t, bigNotes(), n, uint64(seed)+1)
	}
}

// TestReparseCorpus does the same on the real notes files of the shared
// corpus (large enough to have entry headings to cut at).
func TestReparseCorpus(t *testing.T) {
	dir := testkit.Corpus(t, "notes")
	names, err := filepath.Glob(filepath.Join(dir, "*.md"))
	if err != nil {
		t.Fatal(err)
	}
	for i, name := range names {
		src, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		doc := Parse(name, src, Options{})
		if len(cutPoints(doc)) < 20 || len(doc.Papers) < 1500 {
			continue // compareDocuments wants many papers; few cuts: little to test
		}
		n := 40
		if raceEnabled {
			n = 12
		}
		t.Run(filepath.Base(name), func(t *testing.T) { checkReparse(t, src, n, uint64(i)) })
	}
}

// parenNotes repeats testdata/paren-headings.md, whose papers' sections
// are decided by the headings of a lower level above them, and the
// registry stand-in under which its venues are known.
func parenNotes(t *testing.T) ([]byte, Options) {
	t.Helper()
	one, err := os.ReadFile("testdata/paren-headings.md")
	if err != nil {
		t.Fatal(err)
	}
	var src []byte
	for range 60 {
		src = append(src, one...)
		src = append(src, "\n### Deep Interest Network for Click-Through Rate Prediction[KDD'18][Ali]\n- 笔记\n\n"...)
	}
	known := map[string]bool{"CACM": true, "CSUR": true, "CCS": true, "PLDI": true, "NDSS": true, "KDD": true}
	return src, Options{IsVenue: func(n string) bool { return known[n] }}
}

// TestReparseParenHeadings: a paper read from a heading with its venue in
// parentheses keeps the section a whole parse gives it after any edit,
// though the heading of a lower level it is under may lie before the part
// parsed again, behind sibling headings that are sections.
func TestReparseParenHeadings(t *testing.T) {
	src, opt := parenNotes(t)
	n := 40
	if testing.Short() || raceEnabled {
		n = 12
	}
	checkReparseWith(t, src, n, 7, opt)
}

// TestChunkedParenHeadings: parsed in pieces, the same papers get the same
// sections as in one piece.
func TestChunkedParenHeadings(t *testing.T) {
	src, opt := parenNotes(t)
	whole := parse("n.md", src, opt, 1)
	opt.Jobs = 4
	compareDocs(t, whole, parse("n.md", src, opt, 8), 0)
}

// TestValidUTF8 checks the flag on valid text, on text with an invalid
// byte, and after an edit that adds one (parsed whole again).
func TestValidUTF8(t *testing.T) {
	src := []byte("## 主题\n\n### Paper[KDD'18][Ali]\n- 笔记\n")
	doc := Parse("n.md", src, Options{})
	if !doc.ValidUTF8 {
		t.Fatal("valid notes: ValidUTF8 false")
	}
	bad := append(append([]byte{}, src...), 0xff, '\n')
	if Parse("n.md", bad, Options{}).ValidUTF8 {
		t.Fatal("notes with a stray byte: ValidUTF8 true")
	}
	got, _ := Reparse(doc, bad, len(src), len(src), len(bad), Options{})
	if got.ValidUTF8 {
		t.Fatal("an edit adding a stray byte: ValidUTF8 true")
	}
}

// TestReparseEndInsideFence: an edit that leaves the line-by-line scanner
// and goldmark disagreeing (a comment opened inside a list item, which a
// heading closes for goldmark, hides from the scanner the fence that
// opens after it) must not end the part parsed again inside goldmark's
// fence: the heading after it is fenced code now, and Reparse parses the
// file whole.
func TestReparseEndInsideFence(t *testing.T) {
	old := []byte("# 笔记\n\n### P1[ICML'20]\n- a\n\n### P2[ICML'20]\n- b\n\n### P3[ICML'20]\n- c\n")
	at := bytes.Index(old, []byte("- a\n")) + len("- a\n")
	ins := "  <!--\n### X[ICML'20]\n````\n-->\n"
	src := append(append(append([]byte(nil), old[:at]...), ins...), old[at:]...)
	doc, ch := Reparse(Parse("n.md", old, Options{}), src, at, at, at+len(ins), Options{})
	want := Parse("n.md", src, Options{})
	compareDocs(t, want, doc, 0)
	if len(want.Papers) != 2 || !ch.Whole {
		t.Fatalf("%d papers (want P1 and X, the rest fenced), whole %v", len(want.Papers), ch.Whole)
	}
}
