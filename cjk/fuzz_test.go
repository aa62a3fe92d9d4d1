package cjk

import (
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// canonical maps text to what a fix may not change: it drops ASCII spaces,
// maps the convertible full-width marks, letters and digits to ASCII and
// "…" to ".", and collapses runs of one sentence mark. A fix is allowed
// exactly when the canonical forms of its input and output are equal.
func canonical(s string) string {
	var b strings.Builder
	var last byte
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		raw := s[i : i+size]
		i += size
		if r == ' ' {
			continue
		}
		if h := toHalf(r); h != 0 {
			r = rune(h)
		} else if a := fullwidthAlnum(r); a != 0 {
			r = a
		} else if r == '…' {
			r = '.'
		}
		if r < 0x80 && strings.IndexByte(".,:;!?", byte(r)) >= 0 {
			if last == byte(r) {
				continue
			}
			last = byte(r)
			b.WriteByte(byte(r))
			continue
		}
		last = 0
		if r == utf8.RuneError && size == 1 {
			b.WriteString(raw) // keep invalid bytes as they are
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// checkFixInvariants asserts what every fix must guarantee.
func checkFixInvariants(t *testing.T, in string, ctx Context, opt Options, kinds Kind) {
	t.Helper()
	fs := Check(in, ctx, opt, kinds)
	last := -1
	for _, e := range Edits(fs) {
		if e.Start < 0 || e.End > len(in) || e.Start > e.End {
			t.Fatalf("edit out of range in %q: %+v", in, e)
		}
		if e.Start < last {
			t.Fatalf("overlapping edits in %q: %+v", in, fs)
		}
		last = e.End
		for _, sp := range ctx.Protected {
			if e.Start < sp.End && e.End > sp.Start {
				t.Fatalf("edit %+v inside protected span %+v of %q", e, sp, in)
			}
		}
	}
	for _, f := range fs {
		if f.Start < 0 || f.End > len(in) || f.Start > f.End || f.Message == "" || len(f.Edits) == 0 {
			t.Fatalf("malformed finding in %q: %+v", in, f)
		}
	}
	checkEachAgrees(t, in, ctx, opt, kinds, fs)
	out := Fix(in, ctx, opt, kinds)
	// Fix must converge: replay its rounds, moving the protected spans
	// along, and expect nothing left to fix at the end.
	text, moved := in, ctx.Protected
	for range 8 {
		fs := Check(text, Context{Before: ctx.Before, After: ctx.After, CJKAround: ctx.CJKAround, Protected: moved}, opt, kinds)
		if fs == nil {
			break
		}
		text, moved = apply(text, Edits(fs), moved)
	}
	if text != out {
		t.Fatalf("replayed fix %q differs from Fix %q", text, out)
	}
	if left := Check(out, Context{Before: ctx.Before, After: ctx.After, CJKAround: ctx.CJKAround, Protected: moved}, opt, kinds); left != nil {
		t.Fatalf("Fix does not converge on %q: %q still has %+v", in, out, left)
	}
	if len(ctx.Protected) == 0 && Fix(out, ctx, opt, kinds) != out {
		t.Fatalf("Fix is not idempotent:\n in   %q\n once %q", in, out)
	}
	if canonical(out) != canonical(in) {
		t.Fatalf("Fix changed more than spaces and punctuation pairs:\n in  %q\n out %q", in, out)
	}
	if kinds == AllKinds {
		if sep, _ := fixSeparately(t, in, ctx, opt); canonical(sep) != canonical(in) {
			t.Fatalf("separate rules changed more than spaces and punctuation pairs:\n in  %q\n out %q", in, sep)
		}
	}
	if utf8.ValidString(in) && !utf8.ValidString(out) {
		t.Fatalf("Fix broke UTF-8: %q -> %q", in, out)
	}
}

// checkEachAgrees asserts that CheckEach hands over what Check returns:
// the same findings, in Check's order once sorted stably by Start and End,
// from a Checker used before on other text (its reused buffers must not
// leak one call's findings into the next).
func checkEachAgrees(t *testing.T, in string, ctx Context, opt Options, kinds Kind, want []Finding) {
	t.Helper()
	var c Checker
	c.CheckEach("用BERT编码,效果", Context{}, Options{}, AllKinds, func(*Finding) {})
	var got []Finding
	c.CheckEach(in, ctx, opt, kinds, func(f *Finding) {
		g := *f
		g.Edits = slices.Clone(f.Edits) // valid only during the call
		got = append(got, g)
	})
	sortFindings(got)
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("CheckEach differs from Check on %q:\n each  %+v\n check %+v", in, got, want)
	}
	// A line checked in windows of a few units (as a huge line is) has
	// the findings of the line checked whole.
	for _, window := range []int{1, 2, 5} {
		if got := check(in, ctx, opt, kinds, window); !reflect.DeepEqual(got, want) {
			t.Fatalf("checked in windows of %d units, %q differs:\n windows %+v\n whole   %+v", window, in, got, want)
		}
	}
	// Checked in parts from any run start, too.
	partsAgree(t, in, ctx, opt, kinds, want)
}

func FuzzFix(f *testing.F) {
	seeds := []string{
		"用BERT编码,效果提升了 15 %!!", "加入了kmeans,使文档ID", "类别y_t,然后使用", "（路透社）-预计全年净亏损约1.3亿\n\n港元",
		"APE(Adversarial Patch-Feature Energy Masking)模块", "算子融合(融合相邻的算子)、常数折叠", "This line is all in english，to test！",
		"见https://example.com/a,b获取", "代码`minmax(最小值,最大值10)`不应该改变。", "损失$L=a,b$最小$1或$2", "共１０００元，在１６：３２出发",
		"等等...然后。。。好！！", "“腾讯”-发布-“新版”本微信", "核磁共振成像 (NMRI) 是什么原理都不知道? JFGI!", "\xff用\xfeBERT",
		"(((((中文)", "中文)))))", "`a` `b", "$$x$$", "&amp;;中文", "[[x]]中文", "!", "。", "中文 ", " 中文", "a\u3000中文",
	}
	for _, s := range seeds {
		f.Add(s, int32(0), int32(0), uint8(0))
	}
	f.Add("BERT编码", int32('用'), Object, uint8(1))
	f.Add(",然后 ", int32('型'), int32('a'), uint8(6))
	f.Fuzz(func(t *testing.T, in string, before, after int32, flags uint8) {
		opt := Options{}
		if flags&1 != 0 {
			opt.Spacing = SpaceNever
		}
		if flags&2 != 0 {
			opt.Brackets = BracketsFullWidth
		}
		if flags&4 != 0 {
			opt.Convert = ",.!"
		}
		kinds := AllKinds
		switch flags >> 6 {
		case 1:
			kinds = Spacing
		case 2:
			kinds = Punctuation
		}
		ctx := Context{Before: before, After: after, CJKAround: flags&8 != 0}
		if flags&16 != 0 && len(in) > 2 {
			// Protect the middle third of the text, on rune boundaries.
			s, e := len(in)/3, 2*len(in)/3
			for s > 0 && !utf8.RuneStart(in[s]) {
				s--
			}
			for e < len(in) && !utf8.RuneStart(in[e]) {
				e++
			}
			ctx.Protected = []Span{{Start: s, End: e, First: 'x', Last: Object}}
		}
		checkFixInvariants(t, in, ctx, opt, kinds)
	})
}

func TestCanonical(t *testing.T) {
	same := [][2]string{
		{"用BERT编码,好!!", "用 BERT 编码，好！"},
		{"等等...", "等等……"},
		{"共１０元", "共 10 元"},
		{"english，to", "english, to"},
	}
	for _, p := range same {
		if canonical(p[0]) != canonical(p[1]) {
			t.Errorf("canonical(%q) != canonical(%q)", p[0], p[1])
		}
	}
	differ := [][2]string{{"中文", "中 x 文"}, {"a\nb", "ab"}, {"好、", "好，"}, {"a-b", "a—b"}}
	for _, p := range differ {
		if canonical(p[0]) == canonical(p[1]) {
			t.Errorf("canonical(%q) == canonical(%q)", p[0], p[1])
		}
	}
}

// fixSeparately is the fix loop of a linter that runs the two kinds as two
// rules: it applies the edits of both calls together, round after round. It
// fails the test when the two calls' edits overlap.
func fixSeparately(t *testing.T, in string, ctx Context, opt Options) (string, int) {
	t.Helper()
	text, spans := in, ctx.Protected
	for round := 0; round < 10; round++ {
		c := ctx
		c.Protected = spans
		edits := append(Edits(Check(text, c, opt, Spacing)), Edits(Check(text, c, opt, Punctuation))...)
		if len(edits) == 0 {
			return text, round
		}
		slices.SortStableFunc(edits, compareEdits)
		for i := 1; i < len(edits); i++ {
			if edits[i].Start < edits[i-1].End {
				t.Fatalf("spacing and punctuation edits overlap on %q: %+v and %+v", text, edits[i-1], edits[i])
			}
		}
		text, spans = apply(text, edits, spans)
	}
	t.Fatalf("separate rules do not converge on %q", in)
	return text, 10
}
