package bib

import "testing"

func TestPlainText(t *testing.T) {
	tests := []struct{ in, want string }{
		{`{DIN}: Deep {I}nterest`, "DIN: Deep Interest"},
		{`M{\"u}ller and M\"uller and M\"{u}ller`, "Müller and Müller and Müller"},
		{`Dvo{\v{r}}{\'a}k, Tom{\'a}{\v s}`, "Dvořák, Tomáš"},
		{`{\'\i}ndice {\'{\i}}`, "índice í"},
		{`Stra{\ss}e \o{} {\AA}ngstr{\"o}m {\L}{\'o}d{\'z}`, "Straße ø Ångström Łódź"},
		{`\c{C}a\u{g}lar {\H o} {\k a}`, "Çağlar ő ą"},
		{`\emph{Deep}   \textbf{Learning}\\ with  \textsc{bert}`, "Deep Learning with bert"},
		{`$\alpha$-Fold and $O(n^2)$`, "α-Fold and O(n^2)"},
		{`A~B \& C \% D \$ \_ \{x\}`, "A B & C % D $ _ {x}"},
		{`pages 1--2 and---dash`, "pages 1–2 and—dash"},
		{"``quoted'' and `single' and “curly” ‘x’", `"quoted" and 'single' and "curly" 'x'`},
		{"  many\n\tspaces  ", "many spaces"},
		{`\LaTeX{} and \TeX`, "LaTeX and TeX"},
		{`\unknown{arg} \~{} \^{}`, "arg ~ ^"},
		{`trailing \`, "trailing"},
		{`\'`, ""},
		{"中文 {标题}", "中文 标题"},
	}
	for _, tt := range tests {
		if got := PlainText(tt.in); got != tt.want {
			t.Errorf("PlainText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestEscapeLaTeX(t *testing.T) {
	tests := []struct {
		in, want string
		missing  string
	}{
		{"plain ASCII {\\\"o}", "plain ASCII {\\\"o}", ""},
		{"ö é è ê ñ ç", `{\"o} {\'e} {\` + "`" + `e} {\^e} {\~n} {\c{c}}`, ""},
		{"ř š ő ą ā ȧ å", `{\v{r}} {\v{s}} {\H{o}} {\k{a}} {\=a} {\.a} {\aa}`, ""},
		{"ǘ", `{\'{\"u}}`, ""},
		{"ß æ Œ ø ł ı", `{\ss} {\ae} {\OE} {\o} {\l} {\i}`, ""},
		{"a–b—c “d” ‘e’ f\u00a0g…", "a--b---c ``d'' `e' f~g{\\ldots}", ""},
		{"深度 α 😀 深", "深度 α 😀 深", "深度α😀"},
	}
	for _, tt := range tests {
		got, missing := EscapeLaTeX(tt.in)
		if got != tt.want || string(missing) != tt.missing {
			t.Errorf("EscapeLaTeX(%q) = %q, %q; want %q, %q", tt.in, got, string(missing), tt.want, tt.missing)
		}
		if p, q := PlainText(got), PlainText(tt.in); p != q {
			t.Errorf("PlainText after EscapeLaTeX(%q) = %q, want %q", tt.in, p, q)
		}
	}
}
