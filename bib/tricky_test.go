package bib

import (
	"os"
	"path/filepath"
	"testing"
)

// tricky is testdata/bib/tricky.bib, kept in a variable so tests that do
// not read files can use it.
var tricky = func() string {
	b, err := os.ReadFile(filepath.Join("..", "testdata", "bib", "tricky.bib"))
	if err != nil {
		return "@misc{fallback, title = {testdata/bib/tricky.bib missing}}"
	}
	return string(b)
}()

func TestTrickyFixture(t *testing.T) {
	f := Parse("tricky.bib", []byte(tricky))
	if len(f.Diagnostics) != 0 {
		t.Fatalf("diagnostics: %+v", f.Diagnostics)
	}
	want := map[string]map[string]string{
		"zhou2018din": {
			"title":     "{DIN}: Deep {I}nterest Network for Click-Through Rate Prediction",
			"booktitle": "Proc. of the 24th ACM SIGKDD, ACM",
			"month":     "August",
			"year":      "2018",
			"pages":     "1059--1068",
		},
		"vaswani2017attention": {"note": "e-mail: someone@example.org", "year": "2017"},
		"张2020":                {"journal": "计算机学报"},
		"o'neil2020":           {"title": "Gen-IR @ {SIGIR} 2024: Generative Information Retrieval", "year": "2024"},
		"knuth1984":            {"abstract": `Nested {braces {inside {braces}}} and a \% sign; and "quotes"`},
	}
	if len(f.Entries) != len(want) {
		t.Fatalf("%d entries, want %d", len(f.Entries), len(want))
	}
	for key, fields := range want {
		e := f.Entry(key)
		if e == nil {
			t.Errorf("no entry %q", key)
			continue
		}
		for name, v := range fields {
			if got := e.Get(name); got != v {
				t.Errorf("%s.%s = %q, want %q", key, name, got, v)
			}
		}
	}
	if got := f.Entry("o'neil2020").Field("author").Plain(); got != "O'Neil, Cathy and Müller, Jörg and Dvořák, Tomáš" {
		t.Errorf("plain author = %q", got)
	}
	if len(f.Strings) != 2 || len(f.Preambles) != 1 || f.Preambles[0].Value != `\providecommand{\noopsort}[1]{}\providecommand{\x}{y}` {
		t.Errorf("strings %d, preambles %+v", len(f.Strings), f.Preambles)
	}
	var percent, at int
	for _, c := range f.Comments {
		switch c.Kind {
		case CommentPercent:
			percent++
		case CommentAt:
			at++
		}
	}
	if percent != 4 || at != 1 {
		t.Errorf("%d %% comments, %d @comments; want 4 and 1", percent, at)
	}
	checkBlocks(t, f)
}
