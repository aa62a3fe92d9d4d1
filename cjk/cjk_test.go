package cjk

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

type fixCase struct {
	name, in, want string
}

func runFixCases(t *testing.T, opt Options, kinds Kind, cases []fixCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := Fix(c.in, Context{}, opt, kinds)
			if got != c.want {
				t.Errorf("Fix(%q)\n got  %q\n want %q", c.in, got, c.want)
			}
			// One round of edits must already be the fixed point, so the
			// lint fix loop converges at once.
			if once := Apply(c.in, Edits(Check(c.in, Context{}, opt, kinds))); once != got {
				t.Errorf("one round of edits %q differs from Fix %q", once, got)
			}
			if again := Check(got, Context{}, opt, kinds); again != nil {
				t.Errorf("findings left after Fix: %+v", again)
			}
		})
	}
}

func TestSpacing(t *testing.T) {
	runFixCases(t, Options{}, Spacing, []fixCase{
		{"han-latin", "用BERT编码", "用 BERT 编码"},
		{"han-digits", "花了5000元", "花了 5000 元"},
		{"decimal", "3.9的收益", "3.9 的收益"},
		{"version", "升级到v1.2后", "升级到 v1.2 后"},
		{"time", "会议在12:30开始", "会议在 12:30 开始"},
		{"thousands", "共1,000个样本", "共 1,000 个样本"},
		{"kana", "これはGPUです", "これは GPU です"},
		{"hangul", "한국어BERT모델", "한국어 BERT 모델"},
		{"decomposed hangul", "\u1112\u1161\u11abBERT", "\u1112\u1161\u11ab BERT"}, // jamo are CJK letters too
		{"closing mark", "〆切はGPU", "〆切は GPU"},
		{"bopomofo", "注音ㄅㄆGPU", "注音ㄅㄆ GPU"},
		{"greek", "学习率η设为0.1", "学习率 η 设为 0.1"},
		{"accented", "Möbius变换", "Möbius 变换"},
		{"fullwidth comma", "iPhone ，好", "iPhone，好"},
		{"fullwidth both sides", "模型 ， 数据 。 然后", "模型，数据。然后"},
		{"percent", "提升了 15 % 的精度", "提升了 15% 的精度"},
		{"degree", "旋转 90 ° 即可", "旋转 90° 即可"},
		{"percent glued", "提升15%的精度", "提升 15% 的精度"},
		{"range kept", "提升（20% ～ 30%）", "提升（20% ～ 30%）"},
		{"c++", "对比C++的差别", "对比 C++ 的差别"},
		{"c#", "用C#写的", "用 C# 写的"},
		{"slash words", "做A/B测试和HTTP/2协议", "做 A/B 测试和 HTTP/2 协议"},
		{"signed numbers", "范围-255到+255之间", "范围 -255 到 +255 之间"},
		{"number range", "第1-2章", "第 1-2 章"},
		{"snake case", "类别y_t的", "类别 y_t 的"},
		{"hyphenated", "APE-masking部分", "APE-masking 部分"},
		{"exclamation after latin", "来自Yahoo!的文档", "来自 Yahoo! 的文档"},
		{"bracket after han", "吉利汽车(00175)发布", "吉利汽车 (00175) 发布"},
		{"bracket after latin kept", "metric measure(L2) 构建", "metric measure(L2) 构建"},
		{"square brackets", "阿里巴巴[BABA.US]发布", "阿里巴巴 [BABA.US] 发布"},
		{"dash between han", "第3季度-财报", "第 3 季度 - 财报"},
		{"dash into latin kept", "腾讯-ADR-已发行", "腾讯-ADR-已发行"},
		{"dash after bracket", "「腾讯」-发布-「新版」", "「腾讯」- 发布 -「新版」"},
		{"dash after quote", "“腾讯”-发布", "“腾讯” - 发布"},
		{"curly quotes", "他说 “Attention” 很重要", "他说“Attention”很重要"},
		{"two spaces kept", "用  BERT", "用  BERT"},
		{"newline not crossed", "用\nBERT", "用\nBERT"},
		{"tab not crossed", "用\tBERT", "用\tBERT"},
		{"ideographic space kept", "用\u3000BERT", "用\u3000BERT"},
		{"english untouched", "Hello world, this is fine (really).", "Hello world, this is fine (really)."},
		{"english fullwidth tag", "【CVPR 2024】 Title", "【CVPR 2024】 Title"},
	})
}

func TestSpacingNever(t *testing.T) {
	runFixCases(t, Options{Spacing: SpaceNever}, Spacing, []fixCase{
		{"remove", "用 BERT 编码", "用BERT编码"},
		{"remove many", "花了  5000 元", "花了5000元"},
		{"keep glued", "用BERT编码", "用BERT编码"},
		{"fullwidth still", "iPhone ，好", "iPhone，好"},
		{"latin spaces kept", "用 Rails 4 开发", "用Rails 4开发"},
		{"brackets left alone", "吉利汽车 (00175)", "吉利汽车 (00175)"},
	})
}

func TestPunctuation(t *testing.T) {
	runFixCases(t, Options{}, Punctuation, []fixCase{
		{"comma after han", "你好,世界", "你好，世界"},
		{"comma before han", "加入了kmeans,使文档", "加入了kmeans，使文档"},
		{"comma after snake", "类别y_t,然后使用", "类别y_t，然后使用"},
		{"period end", "这是一个句子.", "这是一个句子。"},
		{"period between han", "后面.阿里", "后面。阿里"},
		{"period in token", "阿里巴巴.US", "阿里巴巴.US"},
		{"colon", "注意:引进", "注意：引进"},
		{"colon before space", "缺点: ANN检索", "缺点： ANN检索"},
		{"colon before digit kept", "时间:12:30", "时间:12:30"},
		{"semicolon", "变量;常量", "变量；常量"},
		{"question", "是什么原理?", "是什么原理？"},
		{"exclamation", "的情况!测试", "的情况！测试"},
		{"exclamation in token", "跟随者!import", "跟随者!import"},
		{"exclamation after latin", "Yes!升级", "Yes!升级"},
		{"terminal after latin", "我们使用了BERT.", "我们使用了BERT。"},
		{"terminal after two words", "不知道？JFGI!", "不知道？JFGI！"},
		{"terminal abbreviation", "比如GPT、BERT etc.", "比如GPT、BERT etc."},
		{"terminal e.g.", "例如e.g.", "例如e.g."},
		{"terminal long english", "作者说: this is all you need today.", "作者说： this is all you need today."},
		{"english line", "This line is in english，to test！", "This line is in english, to test!"},
		{"english space before", "Come and ， join us", "Come and, join us"},
		{"english parens", "The（Convertible Amount）case", "The (Convertible Amount) case"},
		{"english time", "meet at 12：30 today", "meet at 12:30 today"},
		{"english mark at end after digit", "Table 2 is 3，", "Table 2 is 3,"},
		{"single word kept", "SHA1。", "SHA1。"},
		{"fullwidth digits", "共１０００元", "共1000元"},
		{"fullwidth letters", "用ＢＥＲＴ编码", "用BERT编码"},
		{"fullwidth time", "在１６：３２出发", "在16:32出发"},
		{"repeated exclamation", "战胜了巴西队！！！", "战胜了巴西队！"},
		{"repeated period", "结束了。。", "结束了。"},
		{"repeated ascii", "真的吗??", "真的吗？"},
		{"mixed repeat kept", "真的吗？！", "真的吗？！"},
		{"ellipsis", "等等...", "等等……"},
		{"ellipsis before han", "BERT...然后", "BERT……然后"},
		{"ellipsis of periods", "然后。。。", "然后……"},
		{"ellipsis english kept", "wait... what", "wait... what"},
		{"parens around han", "算子融合(融合相邻的算子)、常数折叠", "算子融合（融合相邻的算子）、常数折叠"},
		{"parens around latin kept", "APE(Adversarial Patch-Feature Energy Masking)模块", "APE(Adversarial Patch-Feature Energy Masking)模块"},
		{"parens mixed content", "将Transformer(T5模型)应用", "将Transformer（T5模型）应用"},
		{"parens args kept", "文档id(q,j)或者", "文档id(q,j)或者"},
		{"parens half matched", "进行clip（这里似乎假设)，对应", "进行clip（这里似乎假设），对应"},
		{"nested full-width closers", "（外（内））)", "（外（内））)"},
		{"korean kept", "근면, 검소, 협동은 미덕이다.", "근면, 검소, 협동은 미덕이다."},
		{"decimal kept", "提高了3.9倍", "提高了3.9倍"},
		{"abbreviation kept", "如e.g.中文", "如e.g.中文"},
		{"comma in list", "如BERT,GPT等", "如BERT,GPT等"},
	})
}

func TestPunctuationOptions(t *testing.T) {
	t.Run("fullwidth brackets", func(t *testing.T) {
		runFixCases(t, Options{Brackets: BracketsFullWidth}, AllKinds, []fixCase{
			{"latin content next to han", "核磁共振成像 (NMRI) 是什么", "核磁共振成像（NMRI）是什么"},
			{"latin content after latin", "metric measure(L2) 构建", "metric measure（L2）构建"},
			{"english line kept", "see the figure (left) below", "see the figure (left) below"},
		})
	})
	t.Run("convert subset", func(t *testing.T) {
		runFixCases(t, Options{Convert: ",?"}, Punctuation, []fixCase{
			{"comma converts", "你好,世界", "你好，世界"},
			{"period stays", "句子.", "句子."},
			{"parens stay", "融合(相邻的算子)", "融合(相邻的算子)"},
			{"english period stays", "This is english。 Yes，sure", "This is english。 Yes, sure"},
		})
	})
	t.Run("no conversion", func(t *testing.T) {
		runFixCases(t, Options{Convert: NoConvert}, Punctuation, []fixCase{
			{"comma stays", "你好,世界", "你好,世界"},
			{"repeat still", "好！！", "好！"},
			{"fullwidth digits still", "共１０元", "共10元"},
		})
	})
}

func TestBoth(t *testing.T) {
	runFixCases(t, Options{}, AllKinds, []fixCase{
		{"seed kmeans", "加入了kmeans,使文档ID具有", "加入了 kmeans，使文档 ID 具有"},
		{"seed y_t", "类别y_t,然后使用target数据", "类别 y_t，然后使用 target 数据"},
		{"seed APE", "提出了APE(Adversarial Patch-Feature Energy Masking)模块", "提出了 APE(Adversarial Patch-Feature Energy Masking) 模块"},
		{"seed fused ops", "算子融合(融合相邻的算子)、常数折叠", "算子融合（融合相邻的算子）、常数折叠"},
		{"seed metric", "依赖于在metric measure(L2) 构建出的图", "依赖于在 metric measure(L2) 构建出的图"},
		{"seed 3.9", "线上测试能提高3.9的收益", "线上测试能提高 3.9 的收益"},
		{"seed range", "精度有明显提升（20% ～ 30%）", "精度有明显提升（20% ～ 30%）"},
		{"seed math", "变换：$y_i= x_i/‖x_i‖^2$ ，将数据集", "变换：$y_i= x_i/‖x_i‖^2$，将数据集"},
		{"converted comma drops spaces", "中文 , English", "中文，English"},
		{"question then latin", "不知道? JFGI!", "不知道？JFGI！"},
		{"fullwidth digits spaced", "共１０００元", "共 1000 元"},
		{"terminal", "我们使用了BERT.", "我们使用了 BERT。"},
		{"list numbers", "主要有1. 阈值法 2. 平均度法", "主要有 1. 阈值法 2. 平均度法"},
		{"colon then number", "贡献： 1. 提出了DIN", "贡献：1. 提出了 DIN"},
		{"parens content spaced", "将Transformer(T5模型)应用", "将 Transformer（T5 模型）应用"},
		{"english line", "This is english，to test ！", "This is english, to test!"},
	})
}

func TestProtected(t *testing.T) {
	runFixCases(t, Options{}, AllKinds, []fixCase{
		{"url", "见https://example.com/a,b.html获取", "见 https://example.com/a,b.html获取"},
		{"url with han", "https://zh.wikipedia.org/wiki/网页浏览器列表#基於WebKit排版引擎", "https://zh.wikipedia.org/wiki/网页浏览器列表#基於WebKit排版引擎"},
		{"url then fullwidth", "见 https://example.com ，然后", "见 https://example.com ，然后"},
		// A "。" after a URL would become part of a GitHub autolink.
		{"url trailing period", "地址是https://example.com.", "地址是 https://example.com."},
		{"www", "访问 www.example.com/路径,好", "访问 www.example.com/路径,好"},
		{"email", "发邮件到a.b@example.org获取", "发邮件到 a.b@example.org 获取"},
		{"abs path", "配置在 /etc/papers/配置.yaml 里", "配置在 /etc/papers/配置.yaml 里"},
		{"rel path", "运行 ./run.sh,然后", "运行 ./run.sh,然后"},
		{"two slashes", "Web/CSS/网格-模板-列", "Web/CSS/网格-模板-列"},
		{"path then han", "wiki/网页浏览器列表#基於WebKit", "wiki/网页浏览器列表#基於WebKit"},
		{"path hash", "foo-bar_01#copy测试", "foo-bar_01#copy测试"},
		{"hash tag", "HashTag的演示#标签1", "HashTag 的演示#标签 1"},
		{"code", "围绕`AVObject` 进行", "围绕 `AVObject` 进行"},
		{"code neutral edge", "代码内部：`minmax(最小值,最大值10)`不应该改变。", "代码内部：`minmax(最小值,最大值10)`不应该改变。"},
		{"code after fullwidth", "测试测试， `code` 测试测试", "测试测试，`code` 测试测试"},
		{"double backticks", "用``a`b``编码", "用 ``a`b`` 编码"},
		{"unclosed backtick", "用`BERT编码", "用`BERT 编码"},
		{"math", "损失$L=a,b$最小", "损失$L=a,b$最小"},
		{"display math", "公式$$x_1,x_2$$如下", "公式$$x_1,x_2$$如下"},
		{"not math", "内容带有$1或$2或$3特殊字符", "内容带有$1或$2或$3特殊字符"},
		{"dollar amounts", "花了$5和$10", "花了$5和$10"},
		{"format verbs", "内容带有%s或%d或%5.2f特殊format字符", "内容带有%s或%d或%5.2f特殊 format 字符"},
		{"escape", "匹配\\d和\\w", "匹配\\d和\\w"},
		{"entity", "确保&quot;的字符&#34;不会", "确保&quot;的字符&#34;不会"},
		{"wiki link", "一个[[Wikilinks测试]]示例", "一个[[Wikilinks测试]]示例"},
		{"wiki embed", "一个![[img测试.png]]示例", "一个![[img测试.png]]示例"},
		{"mention", "关于中文的@某某人", "关于中文的@某某人"},
		{"footnote", "如文献[^1]所示,[^note]", "如文献[^1]所示，[^note]"},
		{"citation", "如文献[1]所示", "如文献 [1] 所示"},
		{"vs.", "BERT vs. GPT的对比", "BERT vs. GPT 的对比"},
		{"i.e.", "即i.e.不需要", "即 i.e.不需要"},
		{"windows path", "见C:\\Users\\me目录", "见 C:\\Users\\me目录"}, // backslash sequences are code-like: no space
		{"url in parens", "(见https://x.org/a_(b))中文", "（见 https://x.org/a_(b)）中文"},
		{"home path", "放在 ~/data/训练集 下", "放在 ~/data/训练集 下"},
		{"markdown link syntax in plain text", "见[BERT](https://x.org)模型", "见 [BERT](https://x.org) 模型"},
	})
}

func TestContext(t *testing.T) {
	type tc struct {
		name string
		in   string
		ctx  Context
		opt  Options
		want string
	}
	cases := []tc{
		{"before han", "BERT编码", Context{Before: '用'}, Options{}, " BERT 编码"},
		{"after latin", "使用", Context{After: 'B'}, Options{}, "使用 "},
		{"after code object", "测试， ", Context{After: Object}, Options{}, "测试，"},
		{"zero edge leaves spaces", " ，测试 ", Context{}, Options{}, " ，测试 "},
		{"before han converts comma", ",然后", Context{Before: '型'}, Options{}, "，然后"},
		{"protected code", "用xBERTx编码", Context{Protected: []Span{{Start: 3, End: 9, First: 'B', Last: 'T'}}}, Options{}, "用 xBERTx 编码"},
		{"protected object", "用[x](u)编码", Context{Protected: []Span{{3, 4, Object, Object}, {5, 9, Object, Object}}}, Options{}, "用[x](u)编码"},
		{"protected marker", "- 【括号】测试", Context{Protected: []Span{{0, 2, 0, 0}}}, Options{}, "- 【括号】测试"},
		{"protected newline", "用`a\nb`编码", Context{Protected: []Span{{3, 8, 'a', 'b'}}}, Options{}, "用 `a\nb` 编码"},
		{"emphasis delimiters", "使用**BERT**编码", Context{Protected: []Span{{6, 8, 'B', 0}, {12, 14, 0, 'T'}}}, Options{}, "使用 **BERT** 编码"},
		{"link markup", "见[BERT](https://x.org)模型", Context{Protected: []Span{{3, 4, 'B', 0}, {8, 24, 0, 'T'}}}, Options{}, "见 [BERT](https://x.org) 模型"},
		{"comma after emphasis", "**使用**,然后", Context{Protected: []Span{{0, 2, '使', 0}, {8, 10, 0, '用'}}}, Options{}, "**使用**，然后"},
		{"empty span ignored at line end", "用\nBERT编码", Context{Protected: []Span{{3, 3, 'x', 'x'}}}, Options{}, "用\nBERT 编码"},
		{"empty span ignored", "用BERT", Context{Protected: []Span{{3, 3, Object, Object}}}, Options{}, "用 BERT"},
		{"bad spans ignored", "用BERT编码", Context{Protected: []Span{{5, 2, 0, 0}, {-1, 3, 0, 0}, {0, 99, 0, 0}}}, Options{}, "用 BERT 编码"},
		{"cjk around keeps fullwidth", "World Wide Web）。", Context{CJKAround: true}, Options{}, "World Wide Web）。"},
		{"english segment converts", "World Wide Web）。", Context{}, Options{}, "World Wide Web)."},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := Fix(c.in, c.ctx, c.opt, AllKinds)
			if got != c.want {
				t.Errorf("Fix(%q, %+v)\n got  %q\n want %q", c.in, c.ctx, got, c.want)
			}
		})
	}
}

func TestFindings(t *testing.T) {
	text := "用BERT编码,效果 ，好"
	got := Check(text, Context{}, Options{}, AllKinds)
	want := []Finding{
		{Kind: Spacing, Start: 0, End: 7, Message: `add a space between "用" and "BERT"`, Edits: []Edit{{3, 3, " "}}},
		{Kind: Spacing, Start: 3, End: 10, Message: `add a space between "BERT" and "编"`, Edits: []Edit{{7, 7, " "}}},
		{Kind: Punctuation, Start: 13, End: 14, Message: `use "，" instead of "," after Chinese text`, Edits: []Edit{{13, 14, "，"}}},
		{Kind: Spacing, Start: 17, End: 24, Message: `remove the space between "果" and "，" (full-width punctuation)`, Edits: []Edit{{20, 21, ""}}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Check(%q) mismatch (-want +got):\n%s", text, diff)
	}
	for _, f := range got {
		if f.Start < 0 || f.End > len(text) || f.Start > f.End {
			t.Errorf("finding out of range: %+v", f)
		}
	}
	if fs := Check(text, Context{}, Options{}, Spacing); len(fs) != 3 {
		t.Errorf("Spacing only: %d findings, want 3", len(fs))
	}
	if fs := Check(text, Context{}, Options{}, Punctuation); len(fs) != 1 || fs[0].Kind != Punctuation {
		t.Errorf("Punctuation only: %+v", fs)
	}
	if fs := Check(text, Context{}, Options{}, 0); fs != nil {
		t.Errorf("no kinds: %+v", fs)
	}
}

func TestMessages(t *testing.T) {
	cases := []struct{ in, want string }{
		{"用BERT", `add a space between "用" and "BERT"`},
		{"iPhone ，好", `remove the space between "iPhone" and "，" (full-width punctuation)`},
		{"15 %的", `remove the space between "15" and "%" (a number and its unit)`},
		{"你好,世界", `use "，" instead of "," after Chinese text`},
		{"kmeans,使", `use "，" instead of "," before Chinese text`},
		{"好!!", `use a single "！" instead of "!!" after Chinese text`},
		{"好！！", `use "！" instead of "！！"`},
		{"等等...", `use "……" instead of "..." in Chinese text`},
		{"共１０元", `use "10" instead of "１０"`},
		{"融合(相邻)", `use "（" and "）" around Chinese text`},
		{"This is english，ok", `use "," instead of "，" in English text`},
	}
	for _, c := range cases {
		fs := Check(c.in, Context{}, Options{}, AllKinds)
		found := false
		var msgs []string
		for _, f := range fs {
			msgs = append(msgs, f.Message)
			found = found || f.Message == c.want
		}
		if !found {
			t.Errorf("Check(%q): no message %q in %q", c.in, c.want, msgs)
		}
	}
}

func TestApply(t *testing.T) {
	cases := []struct {
		name  string
		in    string
		edits []Edit
		want  string
	}{
		{"none", "abc", nil, "abc"},
		{"unordered", "abc", []Edit{{2, 2, "-"}, {0, 1, "A"}}, "Ab-c"},
		{"insert at replaced end", "abc", []Edit{{0, 1, "X"}, {1, 1, " "}}, "X bc"},
		{"overlap skipped", "abcdef", []Edit{{0, 3, "X"}, {2, 4, "Y"}}, "Xdef"},
		{"out of range skipped", "abc", []Edit{{2, 9, "X"}, {-1, 1, "Y"}}, "abc"},
		{"delete", "a  b", []Edit{{1, 3, ""}}, "ab"},
	}
	for _, c := range cases {
		if got := Apply(c.in, c.edits); got != c.want {
			t.Errorf("%s: Apply(%q, %v) = %q, want %q", c.name, c.in, c.edits, got, c.want)
		}
	}
}

func TestFixMovesProtectedSpans(t *testing.T) {
	// The code span moves right as spaces are inserted before it; Fix must
	// keep protecting it in later rounds.
	in := "用BERT和`x,中文`编码"
	start := strings.Index(in, "`")
	end := strings.LastIndex(in, "`") + 1
	ctx := Context{Protected: []Span{{start, end, 'x', Object}}}
	got := Fix(in, ctx, Options{}, AllKinds)
	if want := "用 BERT 和 `x,中文`编码"; got != want {
		t.Errorf("Fix = %q, want %q", got, want)
	}
}

func TestOptionsValidate(t *testing.T) {
	cases := []struct {
		opt Options
		ok  bool
	}{
		{Options{}, true},
		{Options{Spacing: SpaceNever, Brackets: BracketsFullWidth, Convert: ",."}, true},
		{Options{Convert: NoConvert}, true},
		{Options{Convert: ",x"}, false},
		{Options{Spacing: 7}, false},
		{Options{Brackets: 9}, false},
	}
	for _, c := range cases {
		if err := c.opt.Validate(); (err == nil) != c.ok {
			t.Errorf("%+v.Validate() = %v, want ok=%v", c.opt, err, c.ok)
		}
	}
}

func TestKindString(t *testing.T) {
	for k, want := range map[Kind]string{Spacing: "spacing", Punctuation: "punctuation", AllKinds: "spacing|punctuation", 0: "none", 8: "unknown"} {
		if got := k.String(); got != want {
			t.Errorf("Kind(%d).String() = %q, want %q", k, got, want)
		}
	}
}

func TestQuietInputs(t *testing.T) {
	for _, in := range []string{"", "plain ascii, nothing to do.", "x = 1; y = 2", "\n\n"} {
		if fs := Check(in, Context{}, Options{}, AllKinds); fs != nil {
			t.Errorf("Check(%q) = %+v, want nil", in, fs)
		}
	}
}

// TestMessageReuse builds messages through a Checker's cache of recent
// ones from parts that collide in its slots (same lengths and edge bytes)
// and checks each against the message built afresh.
func TestMessageReuse(t *testing.T) {
	s := &scanner{intern: &messages{}}
	fresh := &scanner{}
	templates := [][3]string{{"add a space between ", " and ", ""}, {"remove the space between ", " and ", ""},
		{"remove the space between ", " and ", " before a mark"}, {"use ", " instead of ", ""}, {"use ", " in place of ", ""}}
	words := []string{"在", "中", "用", "BERT", "BIRT", "BERTs", "，", "(", "a\"b", "GPT", "G T"}
	rng := rand.New(rand.NewPCG(13, 14))
	for range 20000 {
		tp := templates[rng.IntN(len(templates))]
		q1, q2 := words[rng.IntN(len(words))], words[rng.IntN(len(words))]
		got := s.msg(tp[0], q1, tp[1], q2, tp[2])
		if want := fresh.msg(tp[0], q1, tp[1], q2, tp[2]); got != want {
			t.Fatalf("msg(%q, %q, %q, %q, %q) = %q, want %q", tp[0], q1, tp[1], q2, tp[2], got, want)
		}
	}
}
