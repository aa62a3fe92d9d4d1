package latex

import "testing"

func TestPlain(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"braces", `{DIN}: Deep {I}nterest`, "DIN: Deep Interest"},
		{"umlaut three ways", `M{\"u}ller and M\"uller and M\"{u}ller`, "Müller and Müller and Müller"},
		{"caron and acute", `Dvo{\v{r}}{\'a}k, Tom{\'a}{\v s}`, "Dvořák, Tomáš"},
		{"accent on dotless i", `{\'\i}ndice {\'{\i}}`, "índice í"},
		{"accent on dotless i eats the space", `Mart\'\i n and Mart\'{\i}n`, "Martín and Martín"},
		{"dotless i alone", `Say{\i}n B{\i }y{\i }k`, "Sayın Bıyık"},
		{"letter commands", `Stra{\ss}e \o{} {\AA}ngstr{\"o}m {\L}{\'o}d{\'z}`, "Straße ø Ångström Łódź"},
		{"letter command eats the space", `Stra\ss e`, "Straße"},
		{"one-letter accents", `\c{C}a\u{g}lar {\H o} {\k a}`, "Çağlar ő ą"},
		{"cedilla bare", `Fran\c cais`, "Français"},
		{"commands dropped", `\emph{Deep}   \textbf{Learning}\\ with  \textsc{bert}`, "Deep Learning with bert"},
		{"dropped command keeps a space", `$O(n\log n)$ and A\relax B`, "O(n n) and A B"},
		{"dropped command before a brace", `X\foo{Y}`, "XY"},
		{"math", `$\alpha$-Fold and $O(n^2)$`, "α-Fold and O(n^2)"},
		{"greek", `$\Upsilon\vartheta\phi$`, "Υϑϕ"},
		{"escaped marks", `A~B \& C \% D \$ \_ \{x\}`, "A B & C % D $ _ {x}"},
		{"hyphenation point", `Trans\-former`, "Transformer"},
		{"dashes", `pages 1--2 and---dash`, "pages 1–2 and—dash"},
		{"quotes", "``quoted'' and `single' and “curly” ‘x’", `"quoted" and 'single' and "curly" 'x'`},
		{"white space", "  many\n\tspaces  ", "many spaces"},
		{"tex logos", `\LaTeX{} and \TeX`, "LaTeX and TeX"},
		{"empty accent arguments", `\unknown{arg} \~{} \^{}`, "arg ~ ^"},
		{"trailing backslash", `trailing \`, "trailing"},
		{"accent without argument", `\'`, ""},
		{"cjk", "中文 {标题}", "中文 标题"},
		{"nfc", "Mo\u0308bius", "Möbius"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Plain(tt.in); got != tt.want {
				t.Errorf("Plain(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestEscape(t *testing.T) {
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
		got, missing := Escape(tt.in)
		if got != tt.want || string(missing) != tt.missing {
			t.Errorf("Escape(%q) = %q, %q; want %q, %q", tt.in, got, string(missing), tt.want, tt.missing)
		}
		// The two directions share the accent table: escaping changes
		// nothing Plain can see.
		if p, q := Plain(got), Plain(tt.in); p != q {
			t.Errorf("Plain after Escape(%q) = %q, want %q", tt.in, p, q)
		}
	}
}

func TestHasMarkup(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want bool
	}{
		{"Plain Title", false},
		{`M{\"o}bius`, true},
		{"$\\alpha$-divergence", true},
		{"a~b", true},
		{"{BERT}", true},
		{"中文标题", false},
		{"", false},
	} {
		if got := HasMarkup(tt.in); got != tt.want {
			t.Errorf("HasMarkup(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}
