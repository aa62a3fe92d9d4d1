package bib

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

// fld is a field as the tests expect it: name and resolved value.
type fld struct{ Name, Value string }

// ent is an entry as the tests expect it.
type ent struct {
	Type, Key string
	Fields    []fld
}

func summarize(f *File) []ent {
	out := []ent{}
	for _, e := range f.Entries {
		x := ent{Type: e.Type, Key: e.Key}
		for _, fl := range e.Fields {
			x.Fields = append(x.Fields, fld{fl.Name, fl.Value})
		}
		out = append(out, x)
	}
	return out
}

func TestParseValues(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []ent
	}{
		{"braced nested", "@article{k, title = {A {B} {{C}} d}}", []ent{{"article", "k", []fld{{"title", "A {B} {{C}} d"}}}}},
		{"quoted keeps braces", `@inproceedings{din, title = "{DIN}: Deep {I}nterest"}`, []ent{{"inproceedings", "din", []fld{{"title", "{DIN}: Deep {I}nterest"}}}}},
		{"quote inside braces of quoted", `@misc{k, title = "a {"} b"}`, []ent{{"misc", "k", []fld{{"title", `a {"} b`}}}}},
		{"number", "@misc{k, year = 2020, volume=3}", []ent{{"misc", "k", []fld{{"year", "2020"}, {"volume", "3"}}}}},
		{"month macros any case", "@misc{k, month = jan, other = Feb, x = DEC}", []ent{{"misc", "k", []fld{{"month", "January"}, {"other", "February"}, {"x", "December"}}}}},
		{"concatenation", `@misc{k, title = "Foo" # " Bar" # " Baz"}`, []ent{{"misc", "k", []fld{{"title", "Foo Bar Baz"}}}}},
		{"concatenation with macro", "@string{ieee = {IEEE}}\n@misc{k, journal = IEEE # { Trans.} # \" \" # 2020}", []ent{{"misc", "k", []fld{{"journal", "IEEE Trans. 2020"}}}}},
		{"string refers to string", "@STRING{a = {x}}\n@String(b = A # {y})\n@misc{k, t = b}", []ent{{"misc", "k", []fld{{"t", "xy"}}}}},
		{"paren delimiters", "@misc(a, title={A (b)})", []ent{{"misc", "a", []fld{{"title", "A (b)"}}}}},
		{"at sign in values", "@misc{k, title = {Gen-IR @ {SIGIR} 2024}, email = \"a@b.org\", url = {https://x.org/@me}}",
			[]ent{{"misc", "k", []fld{{"title", "Gen-IR @ {SIGIR} 2024"}, {"email", "a@b.org"}, {"url", "https://x.org/@me"}}}}},
		{"CJK and apostrophe keys", "@misc{张2020, title={中文}}\n@misc{o'neil2020, title={O'Neil}}\n@misc{DBLP:conf/x/A-b_c.2020+, title={y}}",
			[]ent{{"misc", "张2020", []fld{{"title", "中文"}}}, {"misc", "o'neil2020", []fld{{"title", "O'Neil"}}}, {"misc", "DBLP:conf/x/A-b_c.2020+", []fld{{"title", "y"}}}}},
		{"space around at and type", "@ Article {k, title = {x}}", []ent{{"Article", "k", []fld{{"title", "x"}}}}},
		{"no fields", "@misc{k}\n@misc{j,}", []ent{{"misc", "k", nil}, {"misc", "j", nil}}},
		{"trailing comma then percent comment", "@misc{a, title={A},\n}\n% note\n@misc{b, title={B}}\n@misc{c, title={C},}",
			[]ent{{"misc", "a", []fld{{"title", "A"}}}, {"misc", "b", []fld{{"title", "B"}}}, {"misc", "c", []fld{{"title", "C"}}}}},
		{"percent comment between fields", "@misc{k,\n  title = {x}, % first\n%  note = {gone},\n  year = 2020\n}", []ent{{"misc", "k", []fld{{"title", "x"}, {"year", "2020"}}}}},
		{"percent inside value is text", "@misc{k, note = {50\\% of {a%b}}}", []ent{{"misc", "k", []fld{{"note", "50\\% of {a%b}"}}}}},
		{"free text and e-mail between entries", "Contact me@example.org about this file.\n@misc{k, t={x}}\nsee also a@b.org",
			[]ent{{"misc", "k", []fld{{"t", "x"}}}}},
		{"two entries on one line", "@misc{a, t={x}} @misc{b, t={y}}", []ent{{"misc", "a", []fld{{"t", "x"}}}, {"misc", "b", []fld{{"t", "y"}}}}},
		{"comment and preamble skipped", "@comment{ @misc{not, an = entry} }\n@preamble{\"\\newcommand{\\x}{y}\"}\n@misc{k, t={x}}", []ent{{"misc", "k", []fld{{"t", "x"}}}}},
		{"CRLF", "@misc{k,\r\n  title = {x},\r\n  year = 2020\r\n}\r\n", []ent{{"misc", "k", []fld{{"title", "x"}, {"year", "2020"}}}}},
		{"field name case kept", "@misc{k, Title = {x}, YEAR = 2020}", []ent{{"misc", "k", []fld{{"Title", "x"}, {"YEAR", "2020"}}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := Parse("t.bib", []byte(tt.src))
			if diff := cmp.Diff(tt.want, summarize(f)); diff != "" {
				t.Errorf("entries (-want +got):\n%s", diff)
			}
			if len(f.Diagnostics) > 0 {
				t.Errorf("unexpected diagnostics: %+v", f.Diagnostics)
			}
			checkBlocks(t, f)
		})
	}
}

// wantDiag is a diagnostic as the tests expect it: its code, the source text
// its span starts with, and words its message contains.
type wantDiag struct {
	Code, At, Says string
}

func TestParseRecovery(t *testing.T) {
	tests := []struct {
		name  string
		src   string
		keys  []string // keys of the entries read
		incom []string // keys of the incomplete ones
		diags []wantDiag
	}{
		{
			name:  "missing comma between fields",
			src:   "@misc{a,\n  title = {Foo}\n  author = {Bar},\n}\n@misc{b, title={x}}",
			keys:  []string{"a", "b"},
			diags: []wantDiag{{CodeSyntax, "author", `missing comma after field "title"?`}},
		},
		{
			name:  "unclosed brace does not swallow the next entries",
			src:   "@misc{a,\n  title = {Foo {Bar,\n  year = 2020\n}\n\n@misc{b, title={x}}\n@misc{c, title={y}}\n",
			keys:  []string{"a", "b", "c"},
			incom: []string{"a"},
			diags: []wantDiag{{CodeSyntax, "{Bar", `this "{" is never closed, so the value runs on into field "year"`}},
		},
		{
			// The extra "{" is closed by the entry's "}", so the value
			// balances; BibTeX then misses the entry's end at the next @.
			name:  "extra brace takes the fields after it",
			src:   "@article{a,\n  title = {Deep {Learning for X},\n  author = {A B},\n  year = {2020}\n}\n\n@article{b,\n  title = {Other}\n}\n",
			keys:  []string{"a", "b"},
			incom: []string{"a"},
			diags: []wantDiag{{CodeSyntax, "{Deep", `in field "title" of entry "a": this "{" is never closed, so the value runs on into field "author"`}},
		},
		{
			name:  "extra brace takes the entry's closing brace",
			src:   "@misc{a,\n  year = {2020},\n  title = {Deep {Learning},\n}\n\n@misc{b, title={x}}",
			keys:  []string{"a", "b"},
			incom: []string{"a"},
			diags: []wantDiag{{CodeSyntax, "{Deep", `in field "title" of entry "a": this "{" is never closed, so the value takes the "}" that closes the entry`}},
		},
		{
			name:  "two extra braces reach the next entry",
			src:   "@misc{a,\n  title = {Deep {{Learning},\n  year = {2020}\n}\n\n@misc{b, title={x}}",
			keys:  []string{"a", "b"},
			incom: []string{"a"},
			diags: []wantDiag{{CodeSyntax, "{{Learning", `runs on into field "year"`}},
		},
		{
			name:  "extra brace at the end of the file",
			src:   "@misc{a,\n  title = {Deep {Learning,\n  year = {2020}\n}\n",
			keys:  []string{"a"},
			incom: []string{"a"},
			diags: []wantDiag{{CodeSyntax, "{Learning", `runs on into field "year"`}},
		},
		{
			name:  "multi-line value then an unclosed entry",
			src:   "@misc{a,\n  abstract = {one\n  two},\n  year = {2020}\n\n@misc{b, title={x}}",
			keys:  []string{"a", "b"},
			incom: []string{"a"},
			diags: []wantDiag{{CodeSyntax, "{a,", `entry "a" is not closed: the next entry starts first; add "}" after field "year"`}},
		},
		{
			name:  "entry not closed",
			src:   "@misc{a,\n  title = {Foo},\n\n@misc{b, title={x}}",
			keys:  []string{"a", "b"},
			incom: []string{"a"},
			diags: []wantDiag{{CodeSyntax, "{a,", `entry "a" is not closed: the next entry starts first; add "}" after field "title"`}},
		},
		{
			name:  "entry not closed at end of file",
			src:   "@misc{a,\n  title = {Foo},\n",
			keys:  []string{"a"},
			incom: []string{"a"},
			diags: []wantDiag{{CodeSyntax, "{a,", `entry "a" is not closed: the file ends first`}},
		},
		{
			name:  "garbage after value resumes at next line-start @",
			src:   "@misc{a, title = {Foo} bar baz, note = {x @ y}}\n@misc{b, title={x}}",
			keys:  []string{"a", "b"},
			incom: []string{"a"},
			diags: []wantDiag{{CodeSyntax, "bar", `expected "," or "}" after the value of field "title"`}},
		},
		{
			name:  "error right before an entry on the same line",
			src:   "@misc{a, title = {Foo} @misc{b, title={x}}",
			keys:  []string{"a", "b"},
			incom: []string{"a"},
			diags: []wantDiag{{CodeSyntax, "{a,", `entry "a" is not closed`}},
		},
		{
			name:  "unbraced pages",
			src:   "@misc{a, pages = 1-2, year = 2020}\n@misc{b, title={x}}",
			keys:  []string{"a", "b"},
			diags: []wantDiag{{CodeSyntax, "1-2", `write it in braces, {1-2}`}},
		},
		{
			name:  "undefined macro",
			src:   "@misc{a, journal = tpami, year = 2020}\n@misc{b, title={x}}",
			keys:  []string{"a", "b"},
			diags: []wantDiag{{CodeUndefinedMacro, "tpami", `undefined macro "tpami" in field "journal" of entry "a"`}},
		},
		{
			name:  "missing key",
			src:   "@misc{title = {x}}\n@misc{, title = {y}}\n@misc{b, title={x}}",
			keys:  []string{"", "b"},
			diags: []wantDiag{{CodeSyntax, "title = {x}", `no citation key ("title" looks like a field name)`}, {CodeSyntax, "@misc{,", "no citation key"}},
		},
		{
			name:  "space in key",
			src:   "@misc{foo bar, title = {x}}\n@misc{b, title={x}}",
			keys:  []string{"foo", "b"},
			incom: []string{"foo"},
			diags: []wantDiag{{CodeSyntax, "bar", `expected "," after the citation key "foo"`}},
		},
		{
			name:  "brace in key",
			src:   "@misc{foo{bar}, title = {x}}\n@misc{b, title={x}}",
			keys:  []string{"foo", "b"},
			incom: []string{"foo"},
			diags: []wantDiag{{CodeSyntax, "{bar", `a key cannot contain { } ( ) = % or @`}},
		},
		{
			name:  "missing equals",
			src:   "@misc{a, title {x}}\n@misc{b, title={x}}",
			keys:  []string{"a", "b"},
			incom: []string{"a"},
			diags: []wantDiag{{CodeSyntax, "title", `expected "=" after field name "title"`}},
		},
		{
			name:  "unclosed quote",
			src:   "@misc{a, title = \"Foo,\n year = 2020,\n\n@misc{b, title={x}}",
			keys:  []string{"a", "b"},
			incom: []string{"a"},
			diags: []wantDiag{
				{CodeSyntax, "\"Foo", `the quoted value of field "title" of entry "a" is never closed, so the value runs on into field "year"`},
				{CodeSyntax, "{a,", `entry "a" is not closed`},
			},
		},
		{
			name:  "stray closing brace in quoted value",
			src:   "@misc{a, title = \"Foo} bar\"}\n@misc{b, title={x}}",
			keys:  []string{"a", "b"},
			incom: []string{"a"},
			diags: []wantDiag{{CodeSyntax, "\"Foo", `closes nothing`}},
		},
		{
			name:  "extra comma and empty value",
			src:   "@misc{a, title = {x},, note = , year = 2020}",
			keys:  []string{"a"},
			diags: []wantDiag{{CodeSyntax, ", note", `extra ","`}, {CodeSyntax, ", year", `field "note" of entry "a" has no value`}},
		},
		{
			name:  "line-start at without delimiter",
			src:   "@misc a, title = {x}\n@misc{b, title={x}}",
			keys:  []string{"b"},
			diags: []wantDiag{{CodeSyntax, "@misc a", `"@misc" is not followed by "{" or "("`}},
		},
		{
			name:  "at sign then end of file",
			src:   "@misc{b, title={x}}\n@misc{",
			keys:  []string{"b"},
			diags: []wantDiag{{CodeSyntax, "", "expected a citation key"}},
		},
		{
			name:  "unclosed comment",
			src:   "@comment{ note\n@misc{b, title={x}}",
			keys:  []string{"b"},
			diags: []wantDiag{{CodeSyntax, "{ note", "@comment is not closed"}},
		},
		{
			name:  "broken string then use",
			src:   "@string{ieee = {IEEE}\n@misc{b, journal=ieee}",
			keys:  []string{"b"},
			diags: []wantDiag{{CodeSyntax, "@misc{b", `expected "}" to close @string "ieee", found "@"`}},
		},
		{
			name:  "wrong closing delimiter",
			src:   "@misc(a, title={x}}\n@misc{b, title={x}}",
			keys:  []string{"a", "b"},
			incom: []string{"a"},
			diags: []wantDiag{{CodeSyntax, "}\n", `(the entry was opened with "(")`}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := Parse("t.bib", []byte(tt.src))
			var keys, incom []string
			for _, e := range f.Entries {
				keys = append(keys, e.Key)
				if e.Incomplete {
					incom = append(incom, e.Key)
				}
			}
			if diff := cmp.Diff(tt.keys, keys); diff != "" {
				t.Errorf("keys (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.incom, incom); diff != "" {
				t.Errorf("incomplete (-want +got):\n%s", diff)
			}
			if len(f.Diagnostics) != len(tt.diags) {
				t.Fatalf("got %d diagnostics, want %d: %+v", len(f.Diagnostics), len(tt.diags), f.Diagnostics)
			}
			for i, w := range tt.diags {
				d := f.Diagnostics[i]
				if d.Code != w.Code || !strings.HasPrefix(tt.src[d.Start:], w.At) || !strings.Contains(d.Message, w.Says) || d.File != "t.bib" {
					t.Errorf("diagnostic %d = %s at %d (%q): %s\nwant %s at %q saying %q", i, d.Code, d.Start, tt.src[d.Start:min(d.Start+10, len(tt.src))], d.Message, w.Code, w.At, w.Says)
				}
				if d.Start < 0 || d.End > len(tt.src) || d.Start > d.End {
					t.Errorf("diagnostic span %v outside the input", d.Span)
				}
			}
			checkBlocks(t, f)
		})
	}
}

func TestSpans(t *testing.T) {
	src := "% header\n@String{ acl = \"ACL\" }\n\n@InProceedings{Key1,\n  author = {A. B} # \" and \" # acl,\n  Year   = 2020 ,\n}\ntrailing text\n"
	f := Parse("s.bib", []byte(src))
	if len(f.Entries) != 1 || len(f.Strings) != 1 {
		t.Fatalf("entries %d strings %d", len(f.Entries), len(f.Strings))
	}
	e := f.Entries[0]
	checks := []struct {
		what string
		sp   Span
		want string
	}{
		{"entry", e.Span, "@InProceedings{Key1,\n  author = {A. B} # \" and \" # acl,\n  Year   = 2020 ,\n}"},
		{"type", e.TypeSpan, "InProceedings"},
		{"key", e.KeySpan, "Key1"},
		{"field 0 name", e.Fields[0].NameSpan, "author"},
		{"field 0 value", e.Fields[0].ValueSpan, "{A. B} # \" and \" # acl"},
		{"field 0", e.Fields[0].Span(), "author = {A. B} # \" and \" # acl"},
		{"part 1", e.Fields[0].Parts()[1].Span, "\" and \""},
		{"part 2", e.Fields[0].Parts()[2].Span, "acl"},
		{"field 1 value", e.Fields[1].ValueSpan, "2020"},
		{"string", f.Strings[0].Span, "@String{ acl = \"ACL\" }"},
		{"string name", f.Strings[0].NameSpan, "acl"},
	}
	for _, c := range checks {
		if got := f.Text(c.sp); got != c.want {
			t.Errorf("%s: span %v is %q, want %q", c.what, c.sp, got, c.want)
		}
	}
	if got, want := e.Fields[0].Raw, "{A. B} # \" and \" # acl"; got != want {
		t.Errorf("Raw = %q, want %q", got, want)
	}
	if got, want := e.Get("AUTHOR"), "A. B and ACL"; got != want {
		t.Errorf("Get(AUTHOR) = %q, want %q", got, want)
	}
	kinds := []PartKind{PartBraced, PartQuoted, PartMacro}
	for i, p := range e.Fields[0].Parts() {
		if p.Kind != kinds[i] {
			t.Errorf("part %d kind %s, want %s", i, p.Kind, kinds[i])
		}
	}
	var got []string
	for _, b := range f.Blocks {
		got = append(got, b.Kind.String())
	}
	want := []string{"comment", "text", "string", "text", "entry", "text"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("blocks (-want +got):\n%s", diff)
	}
	if len(f.Comments) != 2 || f.Comments[0].Text != " header" || f.Comments[1].Text != "trailing text" || f.Comments[1].Kind != CommentText {
		t.Errorf("comments = %+v", f.Comments)
	}
}

func TestDuplicates(t *testing.T) {
	src := "@misc{Smith2020, title = {A}, Title = {B}, year = 2020, YEAR = 2021}\n@article{smith2020, title={C}}\n@misc{Smith2020, title={D}}"
	f := Parse("d.bib", []byte(src))
	if len(f.Entries) != 3 {
		t.Fatalf("%d entries, want 3 (duplicates are kept)", len(f.Entries))
	}
	if got := f.Entries[0].Get("title"); got != "A" {
		t.Errorf("first of repeated fields: got %q, want A (as BibTeX)", got)
	}
	want := []struct{ code, at, rel, says string }{
		{CodeDuplicateField, "Title = {B}", "title = {A}", `field "Title" appears twice in entry "Smith2020"`},
		{CodeDuplicateField, "YEAR = 2021", "year = 2020", `field "YEAR" appears twice`},
		{CodeDuplicateKey, "smith2020", "Smith2020", `same key as "Smith2020"`},
		{CodeDuplicateKey, "Smith2020, title={D}", "Smith2020", `duplicate key "Smith2020"`},
	}
	if len(f.Diagnostics) != len(want) {
		t.Fatalf("diagnostics: %+v", f.Diagnostics)
	}
	for i, w := range want {
		d := f.Diagnostics[i]
		if d.Code != w.code || !strings.HasPrefix(src[d.Start:], w.at) || !strings.Contains(d.Message, w.says) {
			t.Errorf("diagnostic %d: %s at %q: %s", i, d.Code, src[d.Start:d.End], d.Message)
		}
		if len(d.Related) != 1 || d.Related[0].File != "d.bib" || !strings.HasPrefix(src[d.Related[0].Span.Start:], w.rel) {
			t.Errorf("diagnostic %d related = %+v, want the span of %q", i, d.Related, w.rel)
		}
	}
	// Many repeated fields take the map path.
	var b strings.Builder
	b.WriteString("@misc{k")
	for i := 0; i < 40; i++ {
		fmt.Fprintf(&b, ", f%d = {x}", i%20)
	}
	b.WriteString("}")
	if got := len(diagsByCode(Parse("m.bib", []byte(b.String())))[CodeDuplicateField]); got != 20 {
		t.Errorf("%d duplicate-field diagnostics, want 20", got)
	}
}

func TestReaderSharesMacrosAndKeys(t *testing.T) {
	r := NewReader()
	a := r.Parse("abbrev.bib", []byte("@string{TPAMI = {IEEE Trans. Pattern Anal.}}\n@string{ieee = {IEEE}}\n@misc{x, title={1}}"))
	b := r.Parse("refs.bib", []byte("@article{y, journal = tpami, publisher = IEEE}\n@misc{X, title={2}}"))
	if len(a.Diagnostics) != 0 {
		t.Errorf("abbrev.bib: %+v", a.Diagnostics)
	}
	if got := b.Entries[0].Get("journal"); got != "IEEE Trans. Pattern Anal." {
		t.Errorf("journal = %q", got)
	}
	if got := b.Entries[0].Get("publisher"); got != "IEEE" {
		t.Errorf("publisher = %q", got)
	}
	if len(b.Diagnostics) != 1 || b.Diagnostics[0].Code != CodeDuplicateKey || b.Diagnostics[0].Related[0].File != "abbrev.bib" {
		t.Fatalf("refs.bib: %+v", b.Diagnostics)
	}
	if m, ok := r.Macros().Lookup("Tpami"); !ok || m.File != "abbrev.bib" || a.Text(m.Span) != "@string{TPAMI = {IEEE Trans. Pattern Anal.}" {
		t.Errorf("Lookup(Tpami) = %+v, %v", m, ok)
	}
	if r.Macros().Len() != 2 || len(r.Macros().All()) != 14 {
		t.Errorf("Len = %d, All = %d", r.Macros().Len(), len(r.Macros().All()))
	}
	// A file read on its own does not see the macros.
	if c := Parse("refs.bib", []byte("@article{y, journal = tpami}")); len(c.Diagnostics) != 1 || c.Diagnostics[0].Code != CodeUndefinedMacro {
		t.Errorf("alone: %+v", c.Diagnostics)
	}
}

func TestConcurrentParse(t *testing.T) {
	src := []byte(tricky)
	want := summarize(Parse("t.bib", src))
	var wg sync.WaitGroup
	errs := make(chan string, 16)
	for i := 0; i < 16; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := 0; j < 20; j++ {
				if diff := cmp.Diff(want, summarize(Parse("t.bib", src))); diff != "" {
					errs <- diff
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for d := range errs {
		t.Error(d)
	}
}

func TestBibEntry(t *testing.T) {
	f := Parse("t.bib", []byte("@string{acl = {ACL}}\n@InProceedings{k, Title = \"{DIN}: Deep\" # { {I}nterest}, booktitle = acl, year = 2018, title = {dup}}"))
	be := f.Entries[0].BibEntry()
	if be.Type != "inproceedings" || be.CiteName != "k" || len(be.Fields) != 3 {
		t.Fatalf("BibEntry = %+v", be)
	}
	if got := be.Fields["title"].String(); got != "{DIN}: Deep {I}nterest" {
		t.Errorf("title = %q", got)
	}
	if got := be.Fields["title"].RawString(); got != "{{DIN}: Deep} # { {I}nterest}" {
		t.Errorf("title raw = %q", got)
	}
	if got := be.Fields["booktitle"].String(); got != "ACL" || be.Fields["booktitle"].RawString() != "acl" {
		t.Errorf("booktitle = %q (%q)", got, be.Fields["booktitle"].RawString())
	}
	if got := be.Fields["year"].String(); got != "2018" {
		t.Errorf("year = %q", got)
	}
	bt := f.BibTex()
	if len(bt.Entries) != 1 || bt.StringVar["acl"].String() != "ACL" {
		t.Errorf("BibTex = %+v", bt)
	}
}

func TestBuildEntry(t *testing.T) {
	e := NewEntry("inproceedings", "zhou2018din").
		Set("title", "Deep Interest Network for Click-Through Rate Prediction").
		Set("author", "Zhou, Guorui and others").
		Set("year", "2018").
		SetMacro("month", "aug").
		Set("Title", "{DIN}")
	if len(e.Fields) != 4 || e.Fields[0].Name != "Title" || e.Get("title") != "{DIN}" {
		t.Errorf("fields = %+v", e.Fields)
	}
	if e.Get("month") != "August" || e.Field("month").Raw != "aug" || e.Field("title").Raw != "{{DIN}}" {
		t.Errorf("month = %q raw %q", e.Get("month"), e.Field("month").Raw)
	}
	e.Set("note", "a").SetParts("note", Part{Kind: PartBraced, Text: "b"}).Remove("YEAR")
	if e.Has("year") || e.Get("note") != "b" || len(e.Fields) != 4 {
		t.Errorf("after Remove/SetParts: %+v", e.Fields)
	}
}

// A doubling @string chain (each macro twice the one before) would need a
// terabyte after forty lines: values are cut at MaxValueLen, with a finding
// naming the macro, and memory stays small.
func TestMacroDoublingCapped(t *testing.T) {
	var b strings.Builder
	b.WriteString("@string{s0 = {aaaaaaaaaaaaaaaa}}\n")
	for i := 1; i < 60; i++ {
		fmt.Fprintf(&b, "@string{s%d = s%d # s%d}\n", i, i-1, i-1)
	}
	b.WriteString("@misc{k, title = s59 # {é}, year = 2020}\n")
	f := Parse("dbl.bib", []byte(b.String()))
	if len(f.Entries) != 1 {
		t.Fatalf("%d entries", len(f.Entries))
	}
	if v := f.Entries[0].Get("title"); len(v) > MaxValueLen || !utf8.ValidString(v) {
		t.Errorf("title of %d bytes (valid UTF-8: %v), want at most %d", len(v), utf8.ValidString(v), MaxValueLen)
	}
	found := false
	for _, d := range f.Diagnostics {
		if strings.Contains(d.Message, `@string "s17"`) && strings.Contains(d.Message, "it is cut there") {
			found = true
		}
	}
	if !found {
		t.Errorf("no finding names the first macro past the limit: %v", f.Diagnostics[:min(3, len(f.Diagnostics))])
	}
}

// BenchmarkManyUnclosedBraces: 100,000 entries that each open a value and
// never close it. Each fast-path search used to run to the end of the file
// (2.3 s for the whole file); it now stops at the first brace or newline
// (0.19 s to parse, 0.5 s for papers lint on it).
func BenchmarkManyUnclosedBraces(b *testing.B) {
	var sb strings.Builder
	for i := 0; i < 100000; i++ {
		fmt.Fprintf(&sb, "@misc{k%d, title = {x\n", i)
	}
	src := []byte(sb.String())
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		if f := Parse("unclosed.bib", src); len(f.Entries) != 100000 {
			b.Fatalf("%d entries", len(f.Entries))
		}
	}
}

// A value that runs on into the fields after it is left out, and those
// fields are read as the entry's: one extra "{" loses one field, not the
// rest of the entry.
func TestRunOnValueKeepsFields(t *testing.T) {
	src := "@article{a,\n  title = {Deep {Learning for X},\n  author = {A B},\n  year = {2020}\n}\n\n@article{b,\n  title = {Other}\n}\n"
	got := summarize(Parse("t.bib", []byte(src)))
	want := []ent{
		{"article", "a", []fld{{"author", "A B"}, {"year", "2020"}}},
		{"article", "b", []fld{{"title", "Other"}}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("entries (-want +got):\n%s", diff)
	}
}

// TestNextBraceOrNewline compares the eight-bytes-at-a-time search with a
// byte-by-byte one on random text made of the bytes it looks for, their
// neighbours, bytes that borrow (0x00, 0x01) and bytes with the high bit
// set, from every start.
func TestNextBraceOrNewline(t *testing.T) {
	alphabet := []byte{'{', '}', '\n', 'z', '|', '~', '\t', 0x0b, 0x00, 0x01, 0x7f, 0x80, 0xfb, 0xfd, 0xff, 'a', ' '}
	rng := rand.New(rand.NewPCG(1, 2))
	naive := func(s string, i int) int {
		for ; i < len(s); i++ {
			if s[i] == '{' || s[i] == '}' || s[i] == '\n' {
				return i
			}
		}
		return len(s)
	}
	for n := range 2000 {
		b := make([]byte, rng.IntN(40))
		for j := range b {
			if rng.IntN(4) == 0 {
				b[j] = alphabet[rng.IntN(len(alphabet))]
			} else {
				b[j] = alphabet[3+rng.IntN(len(alphabet)-3)] // none of the three, often
			}
		}
		s := string(b)
		for i := 0; i <= len(s); i++ {
			if got, want := nextBraceOrNewline(s, i), naive(s, i); got != want {
				t.Fatalf("case %d: nextBraceOrNewline(%q, %d) = %d, want %d", n, s, i, got, want)
			}
		}
	}
}
