package cjk

import (
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// checkInParts checks text in the parts cuts make, one Checker a part (as
// callers checking parts in parallel do), and joins the findings of the
// chain, sorted as Check sorts them. It returns the chain too.
func checkInParts(text string, ctx Context, opt Options, kinds Kind, cuts []int) ([]Finding, []int) {
	parts := make([][]Finding, len(cuts)+1)
	next := make([]int, len(cuts)+1)
	for k := range next {
		var c Checker
		next[k] = c.CheckPart(text, ctx, opt, kinds, cuts, k, func(f *Finding) {
			g := *f
			g.Edits = slices.Clone(f.Edits)
			parts[k] = append(parts[k], g)
		})
	}
	chain := Chain(next)
	var out []Finding
	for _, k := range chain {
		out = append(out, parts[k]...)
	}
	sortFindings(out)
	return out, chain
}

// runStarts returns every offset runStart would choose in text.
func runStarts(text string) []int {
	var cuts []int
	for i := 1; i < len(text); {
		c := runStart(text, i, len(text))
		if c < 0 {
			break
		}
		cuts = append(cuts, c)
		i = c + 1
	}
	return cuts
}

// partsAgree asserts that text checked in parts cut at every run start
// of Chinese or Japanese letters, at every other one, and at every rune
// (cuts Cuts never makes: a Korean run, a word, a space), has the findings
// of text checked whole, and returns how many parts were joined.
func partsAgree(t *testing.T, in string, ctx Context, opt Options, kinds Kind, want []Finding) int {
	t.Helper()
	all := runStarts(in)
	var every2, runes []int
	for i := 1; i < len(all); i += 2 {
		every2 = append(every2, all[i])
	}
	for i := range in {
		if i > 0 {
			runes = append(runes, i)
		}
	}
	joined := 0
	for _, cuts := range [][]int{all, every2, runes} {
		got, chain := checkInParts(in, ctx, opt, kinds, cuts)
		if len(got) == 0 {
			got = nil
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("checked in parts cut at %v (chain %v), %q differs:\n parts %+v\n whole %+v", cuts, chain, in, got, want)
		}
		if len(ctx.Protected) == 0 {
			joined += len(chain) - 1
		}
	}
	return joined
}

func TestCheckPartJoinsTheWholeFindings(t *testing.T) {
	cases := []struct {
		in     string
		joined bool // some cut is taken (else every cut is passed)
	}{
		{"用BERT编码,效果提升了15%!!然后用GPT生成,再用T5改写。", true},
		{"在Criteo数据集上用BERT,在ImageNet上用ViT(视觉Transformer)训练", true},
		// A cut inside inline code, math and a bracket is passed: the
		// part after it is dropped, the check before it goes on.
		{"代码`用BERT编码`不变,公式$x用y$不变", true},
		{"括号(用BERT编码,然后训练)之后", true},
		{"第一行用BERT\n第二行用GPT,然后\n\nEnglish line, here.\n第四行中文", true},
		{"한국어BERT모델은 좋다", false}, // Hangul: no cut
	}
	for _, c := range cases {
		for _, kinds := range []Kind{AllKinds, Spacing, Punctuation} {
			want := Check(c.in, Context{}, Options{}, kinds)
			if n := partsAgree(t, c.in, Context{}, Options{}, kinds, want); (n > 0) != c.joined {
				t.Errorf("%q (kinds %v): %d parts joined, want some: %v", c.in, kinds, n, c.joined)
			}
		}
	}
}

// TestCheckPartRandomText checks random mixes of the tokens that carry
// state across a line (brackets, code, math, URLs, Hangul, English
// words, line breaks) cut at every run start.
func TestCheckPartRandomText(t *testing.T) {
	tokens := []string{"中文", "用", "编码", "日本語", "한국", "BERT", "GPT-4", " ", "  ", ",", ".", "!!", "...", "(", ")",
		"（", "）", "“", "”", "`", "`code`", "$", "$x$", "https://example.com/a", "[[x]]", "\n", "\t", "　", "，", "。",
		"１０", "3.9%", "e.g.", "C++", "&amp;", "\\d", "The model", "a/b", "~/x", "[^1]"}
	rng := rand.New(rand.NewPCG(1, 2))
	joined := 0
	for range 3000 {
		var b strings.Builder
		for range 1 + rng.IntN(40) {
			b.WriteString(tokens[rng.IntN(len(tokens))])
		}
		in := b.String()
		ctx := Context{Before: []rune{0, '用', 'a', Object}[rng.IntN(4)], After: []rune{0, '文', 'b'}[rng.IntN(3)], CJKAround: rng.IntN(4) == 0}
		opt := Options{}
		if rng.IntN(3) == 0 {
			opt.Spacing = SpaceNever
		}
		if rng.IntN(3) == 0 {
			opt.Brackets = BracketsFullWidth
		}
		kinds := []Kind{AllKinds, Spacing, Punctuation}[rng.IntN(3)]
		joined += partsAgree(t, in, ctx, opt, kinds, Check(in, ctx, opt, kinds))
	}
	if joined < 1000 {
		t.Errorf("only %d parts joined in 3000 texts: the test no longer reaches the cuts", joined)
	}
}

func TestCuts(t *testing.T) {
	line := strings.Repeat("在Criteo数据集上用BERT,", 100000)
	cuts := Cuts(line, Context{}, 4)
	if len(cuts) != 3 {
		t.Fatalf("Cuts in 4 of %d bytes: %v", len(line), cuts)
	}
	for i, c := range cuts {
		if c <= 0 || c >= len(line) || i > 0 && c <= cuts[i-1] || !strings.HasPrefix(line[c:], "在") && !strings.HasPrefix(line[c:], "数") && !strings.HasPrefix(line[c:], "上") {
			t.Errorf("cut %d at %d: %q", i, c, line[c:min(c+12, len(line))])
		}
		if share := len(line) * (i + 1) / 4; c < share || c > share+64 {
			t.Errorf("cut %d at %d, far from %d", i, c, share)
		}
	}
	if got, _ := checkInParts(line, Context{}, Options{}, AllKinds, cuts); !reflect.DeepEqual(got, Check(line, Context{}, Options{}, AllKinds)) {
		t.Error("the line checked in parts differs")
	}
	for _, c := range []struct {
		name string
		text string
		ctx  Context
	}{
		{"short", "在Criteo数据集上", Context{}},
		{"protected", line, Context{Protected: []Span{{Start: 0, End: 3}}}},
		{"no Chinese", strings.Repeat("in English only, ", 100000), Context{}},
	} {
		if got := Cuts(c.text, c.ctx, 4); got != nil {
			t.Errorf("%s: cuts %v", c.name, got)
		}
	}
}
