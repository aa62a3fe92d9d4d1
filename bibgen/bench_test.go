package bibgen

import (
	"fmt"
	"strings"
	"testing"

	"github.com/paperlint/papers/bib"
	"github.com/paperlint/papers/notes"
	"github.com/paperlint/papers/venue"
)

// BenchmarkGenerate builds entries for 1,000 papers, a third of them with
// colliding keys.
func BenchmarkGenerate(b *testing.B) {
	var src strings.Builder
	tags := []string{"KDD'18", "NIPS'19", "TIP'22", "arXiv'20", "DLRS'16", "ICCV'21"}
	for i := 0; i < 1000; i++ {
		if i%100 == 0 {
			fmt.Fprintf(&src, "## 节 %d\n", i/100)
		}
		fmt.Fprintf(&src, "### Deep {BERT} Möbius Model %d for GPU Search(DIN)[%s][Google]\n- 笔记 https://arxiv.org/abs/2010.%05d\n", i/3, tags[i%len(tags)], i)
	}
	reg := venue.Default()
	d := notes.Parse("notes.md", []byte(src.String()), notes.Options{IsVenue: func(n string) bool { _, ok := reg.Lookup(n); return ok }})
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		res := Generate([]Source{{Notes: d}}, Options{Venues: reg})
		if len(res.Items) == 0 {
			b.Fatal("no items")
		}
	}
}

// BenchmarkGenerateSharedCompanion builds entries for 200 small notes
// files that share one .bib of 20,000 entries: the .bib must be indexed
// once, not once per notes file.
func BenchmarkGenerateSharedCompanion(b *testing.B) {
	var bs strings.Builder
	for i := range 20000 {
		fmt.Fprintf(&bs, "@inproceedings{k%d, title = {Shared Entry Number %d About Search}, booktitle = {KDD}, year = 2018}\n", i, i)
	}
	comp := bib.NewReader().ParseString("refs.bib", bs.String())
	reg := venue.Default()
	var srcs []Source
	for f := range 200 {
		var src strings.Builder
		for i := range 5 {
			fmt.Fprintf(&src, "### Shared Entry Number %d About Search[KDD'18][Ali]\n- 笔记\n", f*5+i)
		}
		d := notes.Parse(fmt.Sprintf("n%d.md", f), []byte(src.String()), notes.Options{})
		srcs = append(srcs, Source{Notes: d, Companion: comp})
	}
	b.ReportAllocs()
	for b.Loop() {
		if res := Generate(srcs, Options{Venues: reg}); len(res.Items) != 1000 {
			b.Fatalf("%d items, want 1000", len(res.Items))
		}
	}
}
