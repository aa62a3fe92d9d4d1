package bench

import (
	"bytes"
	"fmt"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/paperlint/papers/lint"
	"github.com/paperlint/papers/lint/report"
	"github.com/paperlint/papers/rules"
	"github.com/paperlint/papers/workspace"
)

// customWords are terms the generated notes use, some often (PyTorch,
// CUDA), some never (the misspellings), so that the rules below both find
// and miss.
var customWords = []string{"PyTorch", "TensorFlow", "CUDA", "DETR", "JAX", "Triton", "SOTA", "NDCG", "GAUC", "QPS",
	"HNSW", "MMoE", "ImageNet", "ControlNet", "CLIP", "NMS", "FPN", "Swin-T", "ResNet-101", "LoRA"}

// customRules writes n custom rules of every kind, the mix a group's
// .papers.yaml would have: mostly words to avoid or to write another
// way, some counts, conditions and spellings to keep consistent, a few
// capitalization rules.
func customRules(n int) string {
	var b strings.Builder
	b.WriteString("custom-rules:\n")
	w := func(i int) string { return customWords[i%len(customWords)] }
	for i := range n {
		fmt.Fprintf(&b, "  - id: custom-%03d\n    message: 'custom %d: {{.Match}}'\n", i, i)
		switch i % 20 {
		case 0, 1, 2, 3:
			fmt.Fprintf(&b, "    kind: existence\n    scope: note\n    tokens: [TODO, FIXME, 待补充%d, %sx]\n    ignorecase: %v\n", i, w(i), i%2 == 0)
		case 4, 5:
			fmt.Fprintf(&b, "    scope: title\n    pattern: '(?i)survey of %s'\n", strings.ToLower(w(i)))
		case 6:
			fmt.Fprintf(&b, "    scope: entry\n    pattern: '\\[NIPS.?%02d\\]'\n", i%30)
		case 7, 8, 9, 10:
			fmt.Fprintf(&b, "    kind: substitution\n    scope: note\n    ignorecase: true\n    swap: {'%s': '%s', 'tensor ?flow%d': TensorFlow}\n", strings.ToLower(w(i)), w(i), i)
		case 11:
			fmt.Fprintf(&b, "    kind: substitution\n    scope: org\n    swap: {MS: MSRA, 'Google Inc%d': Google}\n", i)
		case 12:
			fmt.Fprintf(&b, "    kind: occurrence\n    scope: note\n    max: %d\n", 8+i%3)
		case 13:
			fmt.Fprintf(&b, "    kind: occurrence\n    scope: link\n    min: 1\n    when: {year: %d-, section: '^预训练'}\n", 2021+i%3)
		case 14:
			fmt.Fprintf(&b, "    kind: occurrence\n    scope: note\n    pattern: '%s'\n    max: 2\n", w(i))
		case 15, 16:
			fmt.Fprintf(&b, "    kind: conditional\n    scope: note\n    first: '%s'\n    second: '%s|%s'\n", w(i), w(i+1), w(i+2))
		case 17, 18:
			fmt.Fprintf(&b, "    kind: consistency\n    scope: note\n    either: [%s, %s]\n", w(i), strings.ToLower(w(i)))
		case 19:
			switch i / 20 % 3 {
			case 0:
				b.WriteString("    kind: capitalization\n    scope: title\n    match: title\n    when: {venue: [NeurIPS, ICLR]}\n")
			case 1:
				b.WriteString("    kind: capitalization\n    scope: venue\n    match: upper\n    when: {kind: journal}\n")
			default:
				b.WriteString("    kind: capitalization\n    scope: section\n    match: sentence\n")
			}
		}
	}
	return b.String()
}

// BenchmarkCustomRules is the price of 100 custom rules of mixed kinds on
// 10,000 papers: the whole run (parse, rules, text output) and the rules
// alone (files parsed beforehand), each with the built-in rules only and
// with the custom rules added. Besides wall time it reports cpu-ms/op, the
// CPU time of the process per run (every goroutine, the garbage collector
// included), which other work on a shared machine disturbs less.
func BenchmarkCustomRules(b *testing.B) {
	c := input(b, 10000)
	for _, n := range []int{0, 100} {
		cfg, err := lint.ParseConfig("bench.yaml", []byte(customRules(n)))
		if err != nil {
			b.Fatal(err)
		}
		r, err := lint.NewRunner(rules.All(), cfg)
		if err != nil {
			b.Fatal(err)
		}
		ws := func() *workspace.Workspace {
			w, err := workspace.FromInputs(cfg, workspace.Options{Year: 2026, Jobs: runtime.GOMAXPROCS(0)}, inputs(c))
			if err != nil {
				b.Fatal(err)
			}
			return w
		}
		name := fmt.Sprintf("builtin+%dcustom", n)
		b.Run("run/10k/"+name, func(b *testing.B) {
			b.ReportAllocs()
			var out bytes.Buffer
			findings := 0
			cpu := startCPU(b)
			for b.Loop() {
				out.Reset()
				res := r.Run(ws())
				findings = len(res.Diagnostics)
				if err := report.Write(&out, "text", res.Diagnostics, res.Files, report.Options{}); err != nil {
					b.Fatal(err)
				}
			}
			cpu.report()
			b.ReportMetric(float64(findings), "findings")
		})
		rulesOnly := func(r *lint.Runner) func(b *testing.B) {
			return func(b *testing.B) {
				w := ws()
				w.Files() // parsed beforehand, not timed
				b.ReportAllocs()
				cpu := startCPU(b)
				for b.Loop() {
					r.Run(w)
				}
				cpu.report()
			}
		}
		b.Run("rules/10k/"+name, rulesOnly(r))
		if n > 0 {
			// The custom rules alone: what they add, without the noise
			// of the built-in rules' time.
			only, err := lint.NewRunner(rules.All(), cfg)
			if err != nil {
				b.Fatal(err)
			}
			only.Only = map[string]bool{}
			for _, cr := range cfg.CustomRules {
				only.Only[cr.ID] = true
			}
			b.Run(fmt.Sprintf("rules/10k/%dcustom-only", n), rulesOnly(only))
		}
	}
}

// cpuClock measures the CPU time of the process over a benchmark's loop.
type cpuClock struct {
	b     *testing.B
	start time.Duration
}

func startCPU(b *testing.B) *cpuClock { return &cpuClock{b: b, start: cpuTime(b)} }

// report adds cpu-ms/op to the benchmark's results.
func (c *cpuClock) report() {
	used := cpuTime(c.b) - c.start
	c.b.ReportMetric(float64(used.Milliseconds())/float64(c.b.N), "cpu-ms/op")
}

// cpuTime is the user and system CPU time of the process so far.
func cpuTime(b *testing.B) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
