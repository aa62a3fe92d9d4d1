package bib

import (
	"bytes"
	"fmt"
	"io"
	"testing"
)

// BenchmarkParseDBLP reads the 13,911-entry, 13 MB DBLP-derived file
// (bibtex.Parse: about 0.4 s and 189 MB).
func BenchmarkParseDBLP(b *testing.B) {
	src := readCorpus(b, "large-derived-dblp/dblp-derived-8venues.bib")
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		f := Parse("dblp.bib", src)
		if len(f.Entries) != 13911 {
			b.Fatalf("%d entries", len(f.Entries))
		}
	}
}

// BenchmarkParseIRIDIA reads the six IRIDIA files in order with one Reader.
func BenchmarkParseIRIDIA(b *testing.B) {
	var srcs [][]byte
	for _, n := range []string{"abbrev", "journals", "authors", "crossref", "articles", "biblio"} {
		srcs = append(srcs, readCorpus(b, "thesis-iridia/"+n+".bib"))
	}
	b.ReportAllocs()
	for b.Loop() {
		r := NewReader()
		for _, s := range srcs {
			r.Parse("x.bib", s)
		}
	}
}

// synthBib returns n DBLP-like entries using @string macros, # and month
// macros, about 600 bytes each.
func synthBib(n int) []byte {
	var b bytes.Buffer
	b.WriteString("@string{kdd = {Proceedings of the ACM SIGKDD Conference}}\n@string{acm = {ACM}}\n\n")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, `@inproceedings{DBLP:conf/kdd/Author%d,
  author    = {Guorui Zhou and Xiaoqiang Zhu and Chenru Song and Ying Fan and Han Zhu},
  title     = {Deep Interest Network for Click-Through Rate Prediction, part %d},
  booktitle = kdd # ", " # acm,
  pages     = {1059--1068},
  publisher = {{ACM}},
  year      = %d,
  month     = aug,
  url       = {https://doi.org/10.1145/3219819.%d},
  doi       = {10.1145/3219819.%d},
  timestamp = {Wed, 14 Nov 2018 10:56:20 +0100},
  biburl    = {https://dblp.org/rec/conf/kdd/Author%d.bib},
  bibsource = {dblp computer science bibliography, https://dblp.org}
}

`, i, i, 2000+i%25, i, i, i)
	}
	return b.Bytes()
}

// BenchmarkParseSynthetic100k reads 100,000 generated entries (about 60 MB).
func BenchmarkParseSynthetic100k(b *testing.B) {
	src := synthBib(100000)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		f := Parse("synth.bib", src)
		if len(f.Entries) != 100000 || len(f.Diagnostics) != 0 {
			b.Fatalf("%d entries, %d diagnostics", len(f.Entries), len(f.Diagnostics))
		}
	}
}

// BenchmarkWriteDBLP writes the 13,911 DBLP entries.
func BenchmarkWriteDBLP(b *testing.B) {
	f := Parse("dblp.bib", readCorpus(b, "large-derived-dblp/dblp-derived-8venues.bib"))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := Write(io.Discard, f.Entries, WriteOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}
