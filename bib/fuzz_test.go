package bib

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/paperlint/papers/internal/testkit"
)

// topAtRE finds what BibTeX takes for the start of a block at the start of a
// line: @, a name, an opening delimiter, white space allowed in between. The
// name characters are those of identTab, written independently.
var topAtRE = regexp.MustCompile("(?m)^[ \\t]*(@)[ \\t\\r\\n\\f\\v]*[^\\x00-\\x20\\x7f\"#%'(),={}@]+[ \\t\\r\\n\\f\\v]*[{(]")

// FuzzParse checks that any input is scanned without panicking, in linear
// time (a slow input fails, so that the fuzzer saves it), into blocks and
// entries whose spans lie inside the input, in order, with every @ that
// starts a line's block seen and writable entries read back the same.
func FuzzParse(f *testing.F) {
	seeds, _ := filepath.Glob(filepath.Join("..", "testdata", "bib", "*.bib"))
	for _, p := range seeds {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	for _, s := range []string{
		"@misc{a, title={A},\n}\n% note\n@misc{b, title={B}}",
		"@misc{a,\n  title = {Foo {Bar,\n  year = 2020\n}\n\n@misc{b, title={x}}",
		"@misc{a, title = \"Foo} bar\"}\n@misc(b, title={x})",
		"@string{ieee = {IEEE}\n@misc{b, journal=ieee # \" x\" # jan}",
		"@comment{ x\n@preamble{\"a\" # b}",
		"@misc{张2020, title={中文}, pages = 1-2,, note = }\n@misc{o'neil2020}",
		"x@y{ @ misc {a, t = {\n@ misc\n(b, t = \"q\")",
		"@misc{a, title = {x} oops}\n@misc{",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		r := NewReader()
		var file *File
		parse := func() string { file = r.Parse("fuzz.bib", src); return "" }
		if msg := testkit.WithinTime(testkit.FuzzTimeLimit(len(src)), parse); msg != "" {
			t.Fatalf("parsing: %s\ninput (%d bytes):\n%q", msg, len(src), src)
		}
		n := len(src)
		in := func(what string, s Span) {
			if s.Start < 0 || s.End > n || s.Start > s.End {
				t.Fatalf("%s: span %v outside the input (%d bytes)", what, s, n)
			}
		}
		checkBlocks(t, file)
		prevEnd, blockEntries := 0, 0
		starts := map[int]bool{}
		for _, b := range file.Blocks {
			percent := b.Kind == BlockComment && b.Comment.Kind == CommentPercent
			if b.Kind != BlockText && !percent {
				starts[b.Span.Start] = true
			}
			if b.Kind == BlockEntry {
				blockEntries++
			}
		}
		if blockEntries != len(file.Entries) {
			t.Fatalf("%d entry blocks, %d entries", blockEntries, len(file.Entries))
		}
		for i, e := range file.Entries {
			in("entry", e.Span)
			if e.Span.Start < prevEnd {
				t.Fatalf("entry %d starts at %d, before the end of the previous one (%d)", i, e.Span.Start, prevEnd)
			}
			prevEnd = e.Span.End
			for _, s := range []Span{e.TypeSpan, e.KeySpan} {
				in("type/key", s)
				if s != (Span{}) && !e.Span.Contains(s) {
					t.Fatalf("type/key span %v outside entry %v", s, e.Span)
				}
			}
			for _, fl := range e.Fields {
				in("field name", fl.NameSpan)
				in("field value", fl.ValueSpan)
				if !e.Span.Contains(fl.Span()) {
					t.Fatalf("field span %v outside entry %v", fl.Span(), e.Span)
				}
				for _, p := range fl.Parts() {
					in("part", p.Span)
				}
			}
		}
		for _, s := range file.Strings {
			in("string", s.Span)
		}
		for _, p := range file.Preambles {
			in("preamble", p.Span)
		}
		for _, c := range file.Comments {
			in("comment", c.Span)
		}
		for _, d := range file.Diagnostics {
			in("diagnostic", d.Span)
			for _, rel := range d.Related {
				in("related", rel.Span)
			}
			if d.Message == "" || d.Code == "" {
				t.Fatalf("diagnostic without code or message: %+v", d)
			}
		}
		// A value of one part, rebuilt by Field.Part, is the part read.
		if stored, rebuilt := partsRead(true, src), partsRead(false, src); !cmp.Equal(stored, rebuilt) {
			t.Fatalf("rebuilt parts differ from the stored ones (-stored +rebuilt):\n%s", cmp.Diff(stored, rebuilt))
		}
		// Every @type{ at the start of a line starts a block.
		for _, m := range topAtRE.FindAllSubmatchIndex(src, -1) {
			if at := m[2]; !starts[at] {
				t.Fatalf("the @ at %d (%q) starts no block", at, src[at:min(at+20, n)])
			}
		}
		// Entries that can be written read back the same.
		var out bytes.Buffer
		if _, err := Write(&out, file.Entries, WriteOptions{}); err != nil {
			return
		}
		r2 := NewReader()
		r2.macros = r.macros.Clone()
		back := r2.Parse("written.bib", out.Bytes())
		if len(back.Entries) != len(file.Entries) {
			t.Fatalf("wrote %d entries, read back %d:\n%s", len(file.Entries), len(back.Entries), out.String())
		}
		for i, e := range file.Entries {
			a, b := normalize(e, WriteOptions{}), normalize(back.Entries[i], WriteOptions{OriginalOrder: true})
			if !equalNorm(a, b) {
				t.Fatalf("entry %d changed after write and read:\n%+v\n%+v\n%s", i, a, b, out.String())
			}
		}
	})
}

func equalNorm(a, b normEntry) bool {
	if a.Type != b.Type || a.Key != b.Key || len(a.Fields) != len(b.Fields) {
		return false
	}
	for i := range a.Fields {
		x, y := a.Fields[i], b.Fields[i]
		if x.Name != y.Name || x.Value != y.Value || len(x.Parts) != len(y.Parts) {
			return false
		}
		for j := range x.Parts {
			if x.Parts[j] != y.Parts[j] {
				return false
			}
		}
	}
	return true
}
