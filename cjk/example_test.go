package cjk_test

import (
	"fmt"

	"github.com/paperlint/papers/cjk"
)

func ExampleCheck() {
	text := "用BERT编码,效果提升了 15 %"
	for _, f := range cjk.Check(text, cjk.Context{}, cjk.Options{}, cjk.AllKinds) {
		fmt.Printf("%s %d-%d: %s\n", f.Kind, f.Start, f.End, f.Message)
	}
	// Output:
	// spacing 0-7: add a space between "用" and "BERT"
	// spacing 3-10: add a space between "BERT" and "编"
	// punctuation 13-14: use "，" instead of "," after Chinese text
	// spacing 30-34: remove the space between "15" and "%" (a number and its unit)
}

func ExampleFix() {
	fmt.Println(cjk.Fix("在预处理部分加入了kmeans,使文档ID具有层次化的特点.", cjk.Context{}, cjk.Options{}, cjk.AllKinds))
	fmt.Println(cjk.Fix("算子融合(融合相邻的算子)、APE(Adversarial Patch)模块", cjk.Context{}, cjk.Options{}, cjk.AllKinds))
	fmt.Println(cjk.Fix("用 BERT 编码", cjk.Context{}, cjk.Options{Spacing: cjk.SpaceNever}, cjk.Spacing))
	// Output:
	// 在预处理部分加入了 kmeans，使文档 ID 具有层次化的特点。
	// 算子融合（融合相邻的算子）、APE(Adversarial Patch) 模块
	// 用BERT编码
}

// A Markdown caller checks a whole line and protects its markup. Emphasis
// delimiters show the rune they wrap on their outer side only, so the
// spaces go outside them.
func ExampleContext() {
	line := "使用**BERT**编码,见`go test`"
	ctx := cjk.Context{Protected: []cjk.Span{
		{Start: 6, End: 8, First: 'B'},  // opening **
		{Start: 12, End: 14, Last: 'T'}, // closing **
	}}
	fmt.Println(cjk.Fix(line, ctx, cjk.Options{}, cjk.AllKinds))
	// Output:
	// 使用 **BERT** 编码，见 `go test`
}
