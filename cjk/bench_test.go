package cjk

import (
	"strings"
	"testing"
)

// benchLines are made-up notes in the style of the corpus: mostly clean
// Chinese with English terms, some lines with something to report.
var benchLines = []string{
	"提出了一种端到端的基于 Transformer 的信息检索架构，在 MS MARCO 上提升了 3.9% 的召回。",
	"- 使用 `torch.compile` 编译模型后，训练速度提升约 1.5 倍（A100，batch size 为 256）。",
	"传统方法分为两类：一类基于 term 匹配，另一类基于语义向量，后者使用 ANN 检索，见 https://example.org/ann-benchmarks 。",
	"损失函数为 $L = -\\sum_i y_i \\log p_i$，其中 $p_i$ 是 softmax 输出。",
	"在预处理部分加入了kmeans,使文档ID具有层次化的特点，然后借助DocT5Query生成query。",
	"作者在 v100 机器上测得吞吐只有 50 左右, 在实际场景中是不够的!!",
	"This line is plain English about attention heads, e.g. multi-query attention (MQA) and GQA.",
	"算子融合(融合相邻的算子)、常数折叠(提前计算静态值)、静态内存预分配等优化。",
}

func benchText(size int) string {
	var b strings.Builder
	for b.Len() < size {
		for _, l := range benchLines {
			b.WriteString(l)
			b.WriteByte('\n')
		}
	}
	return b.String()
}

// BenchmarkAnalyze checks about 1 MB of mixed notes in one call.
func BenchmarkAnalyze(b *testing.B) {
	text := benchText(1 << 20)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		Check(text, Context{}, Options{}, AllKinds)
	}
}

// BenchmarkAnalyzeLines checks the same text line by line, the way a rule
// calls the package for each prose segment.
func BenchmarkAnalyzeLines(b *testing.B) {
	lines := strings.Split(benchText(1<<20), "\n")
	var n int64
	for _, l := range lines {
		n += int64(len(l) + 1)
	}
	b.SetBytes(n)
	b.ReportAllocs()
	for b.Loop() {
		for _, l := range lines {
			Check(l, Context{}, Options{}, AllKinds)
		}
	}
}

// BenchmarkClean checks clean Chinese text: nothing to report, so nothing
// should be allocated.
func BenchmarkClean(b *testing.B) {
	text := strings.Repeat(benchLines[0]+"\n"+benchLines[1]+"\n"+benchLines[2]+"\n", 4000)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		if Check(text, Context{}, Options{}, AllKinds) != nil {
			b.Fatal("unexpected findings")
		}
	}
}

func TestCleanAllocations(t *testing.T) {
	text := benchLines[0] + "\n" + benchLines[1] + "\n" + benchLines[2]
	if fs := Check(text, Context{}, Options{}, AllKinds); fs != nil {
		t.Fatalf("clean text has findings: %+v", fs)
	}
	if raceEnabled {
		t.Skip("allocation counts are not meaningful under the race detector")
	}
	if n := testing.AllocsPerRun(100, func() { Check(text, Context{}, Options{}, AllKinds) }); n != 0 {
		t.Errorf("Check of clean text allocates %.1f times per call, want 0", n)
	}
}
