package bibgen

import (
	"strings"
	"testing"

	"github.com/paperlint/papers/bib"
)

func TestProtectTitle(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"Deep Interest Network for Click-Through Rate Prediction", "Deep {Interest Network} for {Click-Through Rate Prediction}"},
		{"DeepFM: A Factorization-Machine based Neural Network for CTR Prediction", "{DeepFM}: A {Factorization-Machine} based {Neural Network} for {CTR Prediction}"},
		{"Pre-training of Deep Bidirectional Transformers (BERT)", "Pre-training of {Deep Bidirectional Transformers} ({BERT})"},
		{"Training on GPUs", "Training on {GPUs}"},
		{"YOLOv7: Trainable bag-of-freebies", "{YOLOv7}: Trainable bag-of-freebies"},
		{"MS-TCT: Multi-Scale Temporal ConvTransformer", "{MS-TCT}: Multi-Scale {Temporal ConvTransformer}"},
		{"U-Net: Convolutional Networks", "{U-Net}: Convolutional {Networks}"},
		{"3D Object Detection with V2 Heads", "{3D Object Detection} with {V2 Heads}"},
		{"An Image is Worth 16x16 Words", "An {Image} is {Worth} 16x16 {Words}"},
		{"Quo Vadis, Action Recognition? A New Model", "Quo {Vadis}, {Action Recognition}? A {New Model}"},
		{"Efficient I/O for iPhone Apps", "Efficient {I/O} for {iPhone Apps}"},
		{"Möbius Transformation", "Möbius {Transformation}"},
		{"ÉCOLE Models and ÜBER", "{ÉCOLE Models} and {ÜBER}"},
		{"基于 BERT 的检索", "基于 {BERT} 的检索"},
		// Already braced: not braced again.
		{"{BERT} and {DeepFM} Models", "{BERT} and {DeepFM} {Models}"},
		{"{The BERT Story}", "{The BERT Story}"},
		// LaTeX specials from Markdown text are escaped.
		{"Wide & Deep Learning", `Wide \& {Deep Learning}`},
		{"100% Accuracy with snake_case #1", `100\% {Accuracy} with snake\_case \#1`},
		{"Q&A Systems", `{Q\&A Systems}`},
		{"a ~ b ^ c \\ d", `a \textasciitilde{} b \textasciicircum{} c \textbackslash{} d`},
		// Markdown escapes are undone.
		{`Learning \*Fast\* with a\_b`, `Learning *{Fast}* with a\_b`},
		// Math is kept and braced whole.
		{"Fast $k$-NN Search", "Fast {$k$}-{NN Search}"},
		{"Costs $5 and $6", `Costs \$5 and \$6`},
		// Unbalanced braces are dropped; literal braces become commands.
		{"A {broken title", "A broken title"},
		{"A } broken { title", "A broken title"},
		{`Sets \{a\}`, `Sets \textbraceleft{}a\textbraceright{}`},
		// White space collapses.
		{"  Two   spaces\tand tab  ", "Two spaces and tab"},
		{"", ""},
		// Proper nouns in a sentence-case title; a sentence or clause
		// starts after ":", "?" and ".".
		{"Embedding-based retrieval in Facebook search", "Embedding-based retrieval in {Facebook} search"},
		{"Retrieval: Another view. Second sentence", "Retrieval: Another view. Second sentence"},
		// The markers that join groups cannot come from the title.
		{"Odd \uE001 \uE000 Mark", "Odd \uE001 \uE000 {Mark}"},
	}
	for _, tt := range tests {
		got := ProtectTitle(tt.in)
		if got != tt.want {
			t.Errorf("ProtectTitle(%q) = %q, want %q", tt.in, got, tt.want)
		}
		// Every result is a value the writer accepts and reads back.
		e := bib.NewEntry("misc", "k").Set("title", got)
		out, _, err := bib.FormatEntry(e, bib.WriteOptions{})
		if err != nil {
			t.Errorf("ProtectTitle(%q) = %q: bib writer refuses it: %v", tt.in, got, err)
			continue
		}
		f := bib.Parse("t.bib", []byte(out))
		if len(f.Entries) != 1 || f.Entries[0].Get("title") != got || len(f.Diagnostics) > 0 {
			t.Errorf("ProtectTitle(%q) = %q does not read back: %q %v", tt.in, got, out, f.Diagnostics)
		}
	}
}

func TestEscapeTextDoesNotProtect(t *testing.T) {
	if got, want := EscapeText("DeepFM & BERT {x}"), `DeepFM \& BERT {x}`; got != want {
		t.Errorf("EscapeText = %q, want %q", got, want)
	}
	if got, want := EscapeText("推荐系统"), "推荐系统"; got != want {
		t.Errorf("EscapeText = %q, want %q", got, want)
	}
}

func TestNeedsProtection(t *testing.T) {
	yes := []string{"BERT", "DeepFM", "iPhone", "GPUs", "3D", "V2", "MS-TCT", "U-Net", "I/O", "k-NN", "ConvTransformer", "YOLOv7"}
	no := []string{"Deep", "Click-Through", "A", "16x16", "bag-of-freebies", "Möbius", "end-to-end", "e2e", "Transformer-based"}
	for _, w := range yes {
		if !needsProtection([]rune(w)) {
			t.Errorf("needsProtection(%q) = false, want true", w)
		}
	}
	for _, w := range no {
		if needsProtection([]rune(w)) {
			t.Errorf("needsProtection(%q) = true, want false", w)
		}
	}
}

func FuzzProtectTitle(f *testing.F) {
	for _, s := range []string{"DeepFM: {A} $x$ & y", "{", "}{", `\{`, "$", "a$b$c", "U-Net\n$x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !strings.Contains(s, "\x00") {
			out := ProtectTitle(s)
			depth := 0
			for _, c := range out {
				switch c {
				case '{':
					depth++
				case '}':
					depth--
				}
				if depth < 0 {
					t.Fatalf("ProtectTitle(%q) = %q closes a brace it did not open", s, out)
				}
			}
			if depth != 0 {
				t.Fatalf("ProtectTitle(%q) = %q leaves braces open", s, out)
			}
			if _, _, err := bib.FormatEntry(bib.NewEntry("misc", "k").Set("title", out), bib.WriteOptions{}); err != nil {
				t.Fatalf("ProtectTitle(%q) = %q: the writer refuses it: %v", s, out, err)
			}
		}
	})
}
