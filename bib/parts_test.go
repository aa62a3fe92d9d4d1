package bib

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// partsRead parses srcs in order with one Reader, storing every part
// (store) or leaving a value of one part for Field.Part to rebuild, and
// returns each field's parts in file order.
func partsRead(store bool, srcs ...[]byte) [][]Part {
	r := NewReader()
	r.storeEveryPart = store
	var out [][]Part
	for _, src := range srcs {
		out = append(out, fieldParts(r.Parse("parts.bib", src))...)
	}
	return out
}

// fieldParts returns the parts of each field of f's entries, read with
// Field.Part and checked against Field.Parts.
func fieldParts(f *File) [][]Part {
	var out [][]Part
	for _, e := range f.Entries {
		for _, fl := range e.Fields {
			ps := make([]Part, 0, fl.NumParts())
			for i := range fl.NumParts() {
				ps = append(ps, fl.Part(i))
			}
			if !cmp.Equal(ps, fl.Parts()) {
				// Parts and Part must agree; reported by the caller as
				// a difference from the stored parts.
				ps = append(ps, Part{Text: "Parts() differs from Part(i)"})
			}
			out = append(out, ps)
		}
	}
	return out
}

// checkPartsRebuilt fails when a part that Field.Part rebuilds differs from
// the part the reader would have stored.
func checkPartsRebuilt(t *testing.T, name string, srcs ...[]byte) {
	t.Helper()
	if d := cmp.Diff(partsRead(true, srcs...), partsRead(false, srcs...)); d != "" {
		t.Errorf("%s: rebuilt parts differ from the stored ones (-stored +rebuilt):\n%s", name, d)
	}
}

// TestPartsRebuilt reads values of every kind of part, alone and joined by
// #: defined and undefined macros, numbers, bare words, braced and quoted
// text with inner braces, empty values, a value missing, and the files of
// the repository's tests.
func TestPartsRebuilt(t *testing.T) {
	cases := map[string]string{
		"kinds": `@string{conf = {Conference on {X}}}
@misc{a,
  title = {A {Title} with \"o},
  note = "quoted {inner} text",
  year = 2020,
  month = aug,
  journal = conf,
  series = nosuchmacro,
  pages = 1-2,
  booktitle = conf # ", " # 2020 # {x},
  empty = {},
  emptyq = "",
  novalue = ,
  last = {y}
}`,
		"parens":   "@misc(b, title = {Paren (entry)}, year = \"2021\")",
		"long":     "@string{s1 = {xx}}\n@misc{c, title = s1}\n",
		"unclosed": "@misc{d,\n  title = {Foo {Bar,\n  year = 2020\n}\n@misc{e, title={x}}",
	}
	for name, src := range cases {
		checkPartsRebuilt(t, name, []byte(src))
	}
	files, _ := filepath.Glob(filepath.Join("..", "testdata", "bib", "*.bib"))
	more, _ := filepath.Glob(filepath.Join("..", "testdata", "*", "*.bib"))
	for _, p := range append(files, more...) {
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		checkPartsRebuilt(t, p, src)
	}
	if len(files)+len(more) == 0 {
		t.Fatal("no .bib files under ../testdata")
	}
}

// TestPartsRebuiltCorpus compares rebuilt and stored parts on the shared
// corpus: the IRIDIA thesis's files read in order (their macros are
// defined in the first ones) and every other file on its own.
func TestPartsRebuiltCorpus(t *testing.T) {
	var iridia [][]byte
	for _, n := range []string{"abbrev", "journals", "authors", "crossref", "articles", "biblio"} {
		iridia = append(iridia, readCorpus(t, "thesis-iridia/"+n+".bib"))
	}
	checkPartsRebuilt(t, "thesis-iridia", iridia...)
	files, _ := filepath.Glob(filepath.Join(corpusDir(t), "*", "*.bib"))
	for _, p := range files {
		if filepath.Base(filepath.Dir(p)) == "thesis-iridia" {
			continue
		}
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		checkPartsRebuilt(t, p, src)
	}
}
