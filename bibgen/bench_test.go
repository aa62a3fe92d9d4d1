package bibgen

import (
	"fmt"
	"strings"
	"testing"

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
