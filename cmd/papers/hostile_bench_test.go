package main

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/text"
)

// BenchmarkHostile runs `papers lint` on each generated input of
// hostile.txtar at its full size, alone in a folder, and reports its time
// as a multiple of goldmark's parse of an ordinary notes file of the same
// size (x-goldmark): goldmark's parse of the hostile file itself is what
// took minutes before markdown-limit, so it is no yardstick.
//
// The target (issue 18): no input of 1 MB or less takes more than 2 s on
// the machine it runs on. It asserts nothing about time: timing targets
// live in benchmarks, where a loaded machine makes a slow number, not a
// failed test. README.md's Performance part has the measured multiples:
//
//	go test ./cmd/papers -run '^$' -bench Hostile -benchtime 1x
func BenchmarkHostile(b *testing.B) {
	inputs := []struct {
		name, kind, file string
		n                int
		args             []string
	}{
		{"link-parens-1MB", "link-parens", "x.md", 1 << 20, nil},
		{"quotes-1MB", "quotes", "x.md", 1 << 20, nil},
		{"list-items-1MB", "list-items", "x.md", 1 << 20, nil},
		{"openers-1MB", "openers", "x.md", 1 << 20, nil},
		{"string-chain-100", "string-chain", "x.bib", 100, nil},
		{"same-title-10000", "same-title", "x.bib", 10000, nil},
		{"unclosed-brace-400000", "unclosed-brace", "x.bib", 400000, []string{"--max-findings", "1"}},
		{"aliases-40000", "aliases", ".papers.yaml", 40000, nil},
	}
	for _, in := range inputs {
		b.Run(in.name, func(b *testing.B) {
			dir := b.TempDir()
			data, err := hostileInput(in.kind, in.n)
			if err != nil {
				b.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, in.file), data, 0o644); err != nil {
				b.Fatal(err)
			}
			target := in.file
			if in.kind == "aliases" {
				// The config is the input; a one-entry file is linted.
				target = "notes.md"
				if err := os.WriteFile(filepath.Join(dir, target), []byte(entry), 0o644); err != nil {
					b.Fatal(err)
				}
			}
			b.Chdir(dir)
			args := append(append([]string{"lint", "--exit-zero"}, in.args...), target)
			base, baseHeap := goldmarkNormal(b, len(data))
			b.ResetTimer()
			start := time.Now()
			var heap uint64
			for b.Loop() {
				e := &env{stdin: strings.NewReader(""), stdout: io.Discard, stderr: io.Discard, getenv: func(string) string { return "" }}
				heap = max(heap, peakHeap(func() {
					if code := run(args, e); code == 2 {
						b.Fatalf("papers %v: exit 2", args)
					}
				}))
			}
			per := time.Since(start) / time.Duration(b.N)
			b.ReportMetric(float64(len(data))/1e6, "MB")
			b.ReportMetric(float64(per)/float64(base), "x-goldmark")
			b.ReportMetric(float64(heap)/1e6, "peak-heap-MB")
			b.ReportMetric(float64(heap)/float64(max(baseHeap, 1)), "x-goldmark-heap")
		})
	}
}

// goldmarkNormal returns how long goldmark takes to parse an ordinary
// notes file of about size bytes (entries with a few notes each), the
// least of three runs, and the peak heap of a parse (the file included).
func goldmarkNormal(b *testing.B, size int) (time.Duration, uint64) {
	b.Helper()
	var buf bytes.Buffer
	buf.WriteString("# 笔记\n\n## 检索\n\n")
	for i := 0; buf.Len() < max(size, 1<<16); i++ {
		buf.WriteString(entry)
		buf.WriteString("- 自注意力取代循环，见 [论文](https://arxiv.org/abs/1706.03762)。\n- 用 BERT 编码 question 和 passage，*效果*好。\n\n")
	}
	src := buf.Bytes()
	md := goldmark.New()
	best := time.Duration(1 << 62)
	var heap uint64
	for range 3 {
		t0 := time.Now()
		heap = max(heap, peakHeap(func() { md.Parser().Parse(text.NewReader(src)) }))
		best = min(best, time.Since(t0))
	}
	return best, heap
}

// peakHeap runs fn and returns the most heap memory in live and not yet
// collected objects seen while it ran, above what was in use before it
// started, sampled every millisecond (a benchmark's view of peak memory;
// a run in its own process would read its peak RSS).
func peakHeap(fn func()) uint64 {
	runtime.GC()
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	read := func() uint64 {
		metrics.Read(sample)
		return sample[0].Value.Uint64()
	}
	before := read()
	var peak atomic.Uint64
	done := make(chan struct{})
	stopped := make(chan struct{})
	go func() {
		defer close(stopped)
		t := time.NewTicker(time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				if v := read(); v > peak.Load() {
					peak.Store(v)
				}
			}
		}
	}()
	fn()
	if v := read(); v > peak.Load() {
		peak.Store(v)
	}
	close(done)
	<-stopped
	if p := peak.Load(); p > before {
		return p - before
	}
	return 0
}
