package bench

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/paperlint/papers/bench/internal/benchgen"
	"github.com/paperlint/papers/lint"
	"github.com/paperlint/papers/lint/report"
	"github.com/paperlint/papers/workspace"
)

// listInputs generates lists folders of papers/lists papers each, with
// a companion .bib of as many entries, at the seed's density, as
// `bench/gen -lists` does: a repository of many lists.
func listInputs(b *testing.B, lists, papers int) []lint.Input {
	b.Helper()
	dir := b.TempDir()
	var ins []lint.Input
	for i := range lists {
		name := fmt.Sprintf("list%03d", i+1)
		sub := filepath.Join(dir, name)
		cfg := benchgen.Config{Papers: papers / lists, Seed: uint64(1 + i), BibRatio: 0.8, Defects: true,
			BibEntries: papers / lists, DenseNotes: benchgen.DenseNotesFor(benchgen.SeedDensity)}
		if _, err := benchgen.Generate(cfg, sub); err != nil {
			b.Fatal(err)
		}
		notes, err := os.ReadFile(filepath.Join(sub, "notes.md"))
		if err != nil {
			b.Fatal(err)
		}
		bib, err := os.ReadFile(filepath.Join(sub, "notes.bib"))
		if err != nil {
			b.Fatal(err)
		}
		ins = append(ins,
			lint.Input{Path: name + "/notes.md", Src: notes, Companion: name + "/notes.bib"},
			lint.Input{Path: name + "/notes.bib", Src: bib})
	}
	return ins
}

// BenchmarkStream lints 50 lists with their .bib and writes the text
// output, whole (RunFindings, then the writer) or as the files are done
// (RunStream): first-% is when the first finding is written, as a share
// of the whole run.
func BenchmarkStream(b *testing.B) {
	ins := listInputs(b, 50, 10000)
	var size int64
	for _, in := range ins {
		size += int64(len(in.Src))
	}
	for _, mode := range []string{"whole", "stream"} {
		b.Run(mode, func(b *testing.B) {
			r := runner(b)
			b.SetBytes(size)
			b.ReportAllocs()
			var out bytes.Buffer
			var first time.Duration
			for b.Loop() {
				out.Reset()
				ws := workspaceOf(b, ins)
				start := time.Now()
				if mode == "whole" {
					f := r.RunFindings(ws)
					first += time.Since(start)
					if err := report.WriteFindings(&out, "text", f, report.Options{}); err != nil {
						b.Fatal(err)
					}
					continue
				}
				sw, err := report.NewStream(&out, "text", report.Options{})
				if err != nil {
					b.Fatal(err)
				}
				seen := false
				_, err = r.RunStream(ws, func(f *lint.Findings) error {
					if !seen {
						first += time.Since(start)
						seen = true
					}
					return sw.Write(f)
				})
				if err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(100*float64(first)/float64(b.Elapsed()), "first-%")
		})
	}
}

// workspaceOf is a fresh workspace of ins; its files are parsed when the
// run first asks.
func workspaceOf(b *testing.B, ins []lint.Input) *workspace.Workspace {
	w, err := workspace.FromInputs(nil, workspace.Options{Year: 2026, Jobs: runtime.GOMAXPROCS(0)}, ins)
	if err != nil {
		b.Fatal(err)
	}
	return w
}
