package rules

import (
	"fmt"
	"os"
	"sort"
	"strings"
	"testing"

	"github.com/paperlint/papers/bib"
	"github.com/paperlint/papers/internal/testkit"
	"github.com/paperlint/papers/lint"
	"github.com/paperlint/papers/match"
	"github.com/paperlint/papers/venue"
)

const dblpDerived = "bib/large-derived-dblp/dblp-derived-8venues.bib"

// TestBibDuplicateKeyDBLP runs bib-duplicate-key through lint on the
// 13,911-entry DBLP-derived file, whose only repeated keys are three pairs
// that differ in case (found by hand with grep and awk, listed in the
// corpus's SOURCES.md; DBLP itself has them).
func TestBibDuplicateKeyDBLP(t *testing.T) {
	path := testkit.Corpus(t, dblpDerived)
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	runner := onlyRule(t, "bib-duplicate-key", t.TempDir())
	res := run(runner, []lint.Input{{Path: path, Src: src}})
	var got []string
	for _, d := range res.Diagnostics {
		if d.Rule != "bib-duplicate-key" || d.Severity != lint.Error {
			t.Errorf("unexpected finding %s %s", d.Rule, d.Message)
			continue
		}
		if len(d.Related()) != 1 {
			t.Errorf("%s: want 1 related place, got %d", d.Message, len(d.Related()))
			continue
		}
		first := string(src[d.Related()[0].Start:d.Related()[0].End])
		again := string(src[d.Start:d.End])
		got = append(got, first+" "+again)
	}
	sort.Strings(got)
	want := []string{
		"DBLP:conf/aaai/BrilliantovAB23 DBLP:conf/aaai/BrilliantovaB23",
		"DBLP:conf/iclr/ChenG024 DBLP:conf/iclr/Cheng024",
		"DBLP:conf/nips/JianGV22 DBLP:conf/nips/JiangV22",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("duplicate keys:\n got %q\nwant %q", got, want)
	}
}

// bibRunner runs every .bib rule, bib-unused included.
func bibRunner(tb testing.TB) *lint.Runner {
	tb.Helper()
	cfg, err := lint.ParseConfig(".papers.yaml", []byte("rules:\n  bib-unused: warning\n"))
	if err != nil {
		tb.Fatal(err)
	}
	runner, err := lint.NewRunner(All(), cfg)
	if err != nil {
		tb.Fatal(err)
	}
	runner.Only = map[string]bool{}
	for _, r := range bibRules() {
		runner.Only[r.ID] = true
	}
	return runner
}

// notesFor writes a notes file citing every step-th entry of f, so that the
// notes-side rules have papers to pair.
func notesFor(tb testing.TB, f *bib.File, step int) []byte {
	tb.Helper()
	var b strings.Builder
	b.WriteString("# Notes\n## Papers\n")
	for i := 0; i < len(f.Entries); i += step {
		e := f.Entries[i]
		t := strings.Join(strings.Fields(bib.PlainText(e.Get("title"))), " ")
		if t == "" {
			continue
		}
		y := e.Get("year")
		if len(y) != 4 {
			continue
		}
		fmt.Fprintf(&b, "### %s[CVPR'%s][Org]\n- 笔记。\n", t, y[2:])
	}
	return []byte(b.String())
}

// BenchmarkBibRules13911 reads the DBLP-derived file and checks it with
// every .bib rule through the lint runner, together with a notes file
// citing one entry in 50 (so bib-missing, bib-mismatch and bib-unused pair
// papers with it).
func BenchmarkBibRules13911(b *testing.B) {
	path := testkit.Corpus(b, dblpDerived)
	src, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	notes := notesFor(b, bib.Parse(path, src), 50)
	runner := bibRunner(b)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		src, err := os.ReadFile(path)
		if err != nil {
			b.Fatal(err)
		}
		res := run(runner, []lint.Input{{Path: "notes.md", Src: notes, Companion: path}, {Path: path, Src: src}})
		if len(res.Files) != 2 {
			b.Fatal("files lost")
		}
	}
}

// synthBib writes n entries in DBLP's layout with distinct titles, DOIs and
// arXiv ids, a few of each kind of problem the rules look for.
func synthBib(n int) []byte {
	var b strings.Builder
	b.Grow(n * 600)
	venues := []string{
		"{IEEE/CVF} Conference on Computer Vision and Pattern Recognition, {CVPR} 2024",
		"Advances in Neural Information Processing Systems 35: Annual Conference on Neural Information Processing Systems 2022, NeurIPS 2022",
		"Forty-first International Conference on Machine Learning, {ICML} 2024",
		"Proceedings of the 30th {ACM} {SIGKDD} Conference on Knowledge Discovery and Data Mining, {KDD} 2024",
	}
	words := []string{"Deep", "Graph", "Sparse", "Attention", "Learning", "Robust", "Efficient", "Neural", "Retrieval", "Diffusion", "Models", "Networks", "for", "with", "Scalable", "Contrastive"}
	for i := 0; i < n; i++ {
		w := func(k int) string { return words[(i/pow(16, k))%16] }
		title := fmt.Sprintf("%s %s %s %s %s: Study %d", w(0), w(1), w(2), w(3), w(4), i)
		pages := fmt.Sprintf("{%d--%d}", i%900+1, i%900+12)
		if i%1000 == 0 {
			pages = fmt.Sprintf("{%d-%d}", i%900+1, i%900+12)
		}
		fmt.Fprintf(&b, "@inproceedings{DBLP:conf/synth/P%d,\n  author       = {Author %d and\n                  Other %d},\n  title        = {%s},\n  booktitle    = {%s},\n  pages        = %s,\n  publisher    = {{IEEE}},\n  year         = {2024},\n  url          = {https://doi.org/10.1109/SYNTH.2024.%05d},\n  doi          = {10.1109/SYNTH.2024.%05d},\n  eprint       = {24%02d.%05d},\n  eprinttype    = {arXiv},\n  timestamp    = {Sun, 19 Jan 2025 13:39:05 +0100},\n  biburl       = {https://dblp.org/rec/conf/synth/P%d.bib},\n  bibsource    = {dblp computer science bibliography, https://dblp.org}\n}\n\n",
			i, i, i, title, venues[i%len(venues)], pages, i, i, i%12+1, i%100000, i)
	}
	return []byte(b.String())
}

func pow(a, k int) int {
	r := 1
	for ; k > 0; k-- {
		r *= a
	}
	return r
}

// BenchmarkBibRulesSynthetic100k checks 100,000 generated entries with
// every .bib rule through the lint runner.
func BenchmarkBibRulesSynthetic100k(b *testing.B) {
	src := synthBib(100_000)
	runner := bibRunner(b)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		res := run(runner, []lint.Input{{Path: "synth.bib", Src: src}})
		if len(res.Files) != 1 {
			b.Fatal("file lost")
		}
	}
}

// TestSynthBibFindings checks the generator: the planted page ranges are
// the only findings, so the benchmark measures clean-file work plus those.
func TestSynthBibFindings(t *testing.T) {
	src := synthBib(3000)
	res := run(bibRunner(t), []lint.Input{{Path: "synth.bib", Src: src}})
	cnt := map[string]int{}
	for _, d := range res.Diagnostics {
		cnt[d.Rule]++
	}
	if len(cnt) != 1 || cnt["bib-field-format"] != 3 {
		t.Errorf("findings: %v", cnt)
	}
	for _, e := range bib.Parse("synth.bib", src).Entries[:8] {
		if v, ok := match.VenueOf(venue.Default(), e); !ok {
			t.Errorf("%s: venue not resolved", e.Key)
		} else if v.Tag == "" {
			t.Errorf("%s: empty tag", e.Key)
		}
	}
}
