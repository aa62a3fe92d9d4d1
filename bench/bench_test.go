// Package bench holds the benchmarks of papers on generated inputs: notes
// parsing, the .bib reader, each rule, the fix loop, each output format and
// the whole lint run, at 1k and 100k papers (and 10k for the whole run).
//
//	go test -run '^$' -bench . -benchmem ./bench/
//	go test -run '^$' -bench 'Lint/100k' -benchmem ./bench/
//
// bench/compare.sh compares the whole run with the tools users would pick
// instead.
package bench

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/text"

	"github.com/paperlint/papers/bench/internal/benchgen"
	"github.com/paperlint/papers/bib"
	"github.com/paperlint/papers/lint"
	"github.com/paperlint/papers/lint/report"
	"github.com/paperlint/papers/notes"
	"github.com/paperlint/papers/rules"
	"github.com/paperlint/papers/workspace"
)

type corpus struct {
	notes, bib []byte
}

var (
	mu      sync.Mutex
	corpora = map[int]*corpus{}
	tmpDirs []string
)

// TestMain removes the generated inputs after the benchmarks.
func TestMain(m *testing.M) {
	code := m.Run()
	for _, d := range tmpDirs {
		_ = os.RemoveAll(d)
	}
	os.Exit(code)
}

// input generates (once per size) notes of n papers and a companion .bib of
// n entries (about 80% of them for papers of the notes), as the issue's
// 100,000-paper target has it, at the density of real notes
// (benchgen.SeedDensity: about 10 findings per paper).
func input(b *testing.B, n int) *corpus {
	b.Helper()
	mu.Lock()
	defer mu.Unlock()
	if c, ok := corpora[n]; ok {
		return c
	}
	dir, err := os.MkdirTemp("", "papers-bench-")
	if err != nil {
		b.Fatal(err)
	}
	tmpDirs = append(tmpDirs, dir)
	if _, err := benchgen.Generate(benchgen.Config{Papers: n, Seed: 1, BibRatio: 0.8, Defects: true, BibEntries: n, DenseNotes: benchgen.DenseNotesFor(benchgen.SeedDensity)}, dir); err != nil {
		b.Fatal(err)
	}
	c := &corpus{}
	if c.notes, err = os.ReadFile(filepath.Join(dir, "notes.md")); err != nil {
		b.Fatal(err)
	}
	if c.bib, err = os.ReadFile(filepath.Join(dir, "notes.bib")); err != nil {
		b.Fatal(err)
	}
	corpora[n] = c
	return c
}

var sizes = []struct {
	name string
	n    int
}{{"1k", 1000}, {"100k", 100000}}

func runner(b *testing.B) *lint.Runner {
	b.Helper()
	r, err := lint.NewRunner(rules.All(), lint.DefaultConfig())
	if err != nil {
		b.Fatal(err)
	}
	return r
}

func inputs(c *corpus) []lint.Input {
	return []lint.Input{
		{Path: "notes.md", Src: c.notes, Companion: "notes.bib"},
		{Path: "notes.bib", Src: c.bib},
	}
}

// files is a fresh workspace of the corpus as `papers lint notes.md
// notes.bib` makes it; its files are parsed when the run first asks.
func files(b *testing.B, c *corpus) *workspace.Workspace {
	w, err := workspace.FromInputs(nil, workspace.Options{Year: 2026, Jobs: runtime.GOMAXPROCS(0)}, inputs(c))
	if err != nil {
		b.Fatal(err)
	}
	return w
}

// BenchmarkGoldmarkParse is the floor: goldmark's bare parse of the notes.
func BenchmarkGoldmarkParse(b *testing.B) {
	md := goldmark.New(goldmark.WithExtensions(extension.Table, extension.Strikethrough))
	for _, s := range sizes {
		b.Run(s.name, func(b *testing.B) {
			c := input(b, s.n)
			b.SetBytes(int64(len(c.notes)))
			b.ReportAllocs()
			for b.Loop() {
				md.Parser().Parse(text.NewReader(c.notes))
			}
		})
	}
}

func BenchmarkParseNotes(b *testing.B) {
	for _, s := range sizes {
		b.Run(s.name, func(b *testing.B) {
			c := input(b, s.n)
			b.SetBytes(int64(len(c.notes)))
			b.ReportAllocs()
			for b.Loop() {
				notes.Parse("notes.md", c.notes, notes.Options{Jobs: runtime.GOMAXPROCS(0)})
			}
		})
	}
}

func BenchmarkParseBib(b *testing.B) {
	for _, s := range sizes {
		b.Run(s.name, func(b *testing.B) {
			c := input(b, s.n)
			b.SetBytes(int64(len(c.bib)))
			b.ReportAllocs()
			for b.Loop() {
				bib.Parse("notes.bib", c.bib)
			}
		})
	}
}

// BenchmarkRule runs each rule alone on files parsed beforehand.
func BenchmarkRule(b *testing.B) {
	for _, rule := range rules.All() {
		for _, s := range sizes {
			b.Run(rule.ID+"/"+s.name, func(b *testing.B) {
				c := input(b, s.n)
				r := runner(b)
				r.Only = map[string]bool{rule.ID: true}
				ws := files(b, c)
				ws.Files() // parsed beforehand, not timed
				b.ReportAllocs()
				for b.Loop() {
					r.Run(ws)
				}
			})
		}
	}
}

// BenchmarkFix is the whole --fix loop on the notes and their .bib.
func BenchmarkFix(b *testing.B) {
	for _, s := range sizes {
		b.Run(s.name, func(b *testing.B) {
			c := input(b, s.n)
			r := runner(b)
			b.SetBytes(int64(len(c.notes) + len(c.bib)))
			b.ReportAllocs()
			for b.Loop() {
				r.Fix(files(b, c))
			}
		})
	}
}

// BenchmarkFormat prints the findings of the 1k and 100k runs in each format.
func BenchmarkFormat(b *testing.B) {
	for _, s := range sizes {
		c := input(b, s.n)
		r := runner(b)
		res := r.Run(files(b, c))
		opt := report.Options{Rules: r.Rules, ToolVersion: "bench", Jobs: runtime.GOMAXPROCS(0)}
		for _, f := range report.Formats {
			b.Run(fmt.Sprintf("%s/%s/%d-findings", f, s.name, len(res.Diagnostics)), func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					if err := report.Write(io.Discard, f, res.Diagnostics, res.Files, opt); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// BenchmarkLint is the whole run as `papers lint notes.md notes.bib` does
// it, output in the text format included.
func BenchmarkLint(b *testing.B) {
	for _, s := range []struct {
		name string
		n    int
	}{{"1k", 1000}, {"10k", 10000}, {"100k", 100000}} {
		b.Run(s.name, func(b *testing.B) {
			c := input(b, s.n)
			r := runner(b)
			b.SetBytes(int64(len(c.notes) + len(c.bib)))
			b.ReportAllocs()
			var out bytes.Buffer
			for b.Loop() {
				out.Reset()
				res := r.Run(files(b, c))
				if err := report.Write(&out, "text", res.Diagnostics, res.Files, report.Options{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// longLine is one line of about 20 MB of mixed Chinese and English text
// (benchgen.LongLine): about 2.4 million cjk-spacing findings on one line.
func longLine() []byte { return benchgen.LongLine(20 << 20) }

// BenchmarkLongLine lints the 20 MB line as papers lint does (RunFindings:
// the findings stay in the rules' lists) and reports the cost per finding
// (ns and bytes allocated), beside goldmark's bare parse of the same file.
func BenchmarkLongLine(b *testing.B) {
	src := longLine()
	b.Run("goldmark", func(b *testing.B) {
		md := goldmark.New(goldmark.WithExtensions(extension.Table, extension.Strikethrough))
		b.SetBytes(int64(len(src)))
		for b.Loop() {
			md.Parser().Parse(text.NewReader(src))
		}
	})
	b.Run("lint", func(b *testing.B) {
		r := runner(b)
		b.SetBytes(int64(len(src)))
		b.ReportAllocs()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		before, findings := ms.TotalAlloc, 0
		for b.Loop() {
			ws, err := workspace.FromInputs(nil, workspace.Options{Year: 2026, Jobs: runtime.GOMAXPROCS(0)}, []lint.Input{{Path: "line.md", Src: src}})
			if err != nil {
				b.Fatal(err)
			}
			findings = r.RunFindings(ws).Len() // what papers lint does: no merged copy
		}
		runtime.ReadMemStats(&ms)
		b.ReportMetric(float64(findings), "findings")
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(max(findings, 1)), "ns/finding")
		b.ReportMetric(float64(ms.TotalAlloc-before)/float64(b.N)/float64(max(findings, 1)), "B/finding")
	})
	// The text output of the line's findings, written as papers lint
	// writes them: half the run's time.
	b.Run("text", func(b *testing.B) {
		r := runner(b)
		ws, err := workspace.FromInputs(nil, workspace.Options{Year: 2026, Jobs: runtime.GOMAXPROCS(0)}, []lint.Input{{Path: "line.md", Src: src}})
		if err != nil {
			b.Fatal(err)
		}
		f := r.RunFindings(ws)
		opt := report.Options{Rules: r.Rules, Jobs: runtime.GOMAXPROCS(0)}
		b.ReportAllocs()
		for b.Loop() {
			if err := report.WriteFindings(io.Discard, "text", f, opt); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(max(f.Len(), 1)), "ns/finding")
	})
}
