package title

import (
	"fmt"
	"testing"
)

func TestNormalize(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"plain", "Deep Interest Network for Click-Through Rate Prediction", "deep interest network for click through rate prediction"},
		{"trailing abbreviation", "Deep Interest Network for Click-Through Rate Prediction(DIN)", "deep interest network for click through rate prediction"},
		{"trailing abbreviation spaced", "Deep Interest Network for Click-Through Rate Prediction ( DIN )", "deep interest network for click through rate prediction"},
		{"full-width parentheses", "Deep Interest Network for Click-Through Rate Prediction（DIN）", "deep interest network for click through rate prediction"},
		{"trailing version kept", "Deep & Cross Network (DCN-V2)", "deep and cross network dcn v 2"},
		{"trailing multiword kept", "Attention Is All You Need (Extended Abstract)", "attention is all you need extended abstract"},
		{"trailing abbreviation needs remainder", "Transformers (BERT)", "transformers bert"},
		{"leading name", "DCN: Deep & Cross Network for Ad Click Predictions", "deep and cross network for ad click predictions"},
		{"leading name with trailing", "DeepFM: A Factorization-Machine based Neural Network for CTR Prediction (DeepFM)", "a factorization machine based neural network for ctr prediction"},
		{"leading name short remainder kept", "DiffusionDB: A Survey", "diffusiondb a survey"},
		{"leading name four words kept", "Gesticulator: An Empirical Study Again", "gesticulator an empirical study again"},
		{"leading name hyphenated words count once", "Revery: From Proof-of-Concept to Exploitable", "revery from proof of concept to exploitable"},
		{"leading name five spaced words", "Revery: From Proof-of-Concept to Exploitable Bugs", "from proof of concept to exploitable bugs"},
		{"leading name symbols are no words", "DCN: Deep & Cross - Network Ads", "dcn deep and cross network ads"},
		{"leading multiword kept", "Diffusion Models in NLP: A Survey", "diffusion models in nlp a survey"},
		{"leading version kept", "YOLOv3: An Incremental Improvement of Real Time Detection", "yolov 3 an incremental improvement of real time detection"},
		{"latex accent braced", `M{\"o}bius Transformations`, "möbius transformations"},
		{"latex accent bare", `M\"obius Transformations`, "möbius transformations"},
		{"latex accent arg", `M\"{o}bius Transformations`, "möbius transformations"},
		{"unicode accent", "Möbius Transformations", "möbius transformations"},
		{"decomposed accent", "Mo\u0308bius Transformations", "möbius transformations"},
		{"latex cedilla", `Fran\c{c}ais and Fran\c cais`, "français and français"},
		{"latex acute e", `Caf\'e Caf\'{e} {\'e}t\'e`, "café café été"},
		{"latex dotless i", `Mart\'{\i}n and Mart\'\i n`, "martín and martín"},
		{"latex ss", `Stra\ss e`, "strasse"},
		{"latex letter o", `Bj{\o}rn`, "bjørn"},
		{"latex commands dropped", `\emph{Deep} \textbf{Learning} for {BERT}`, "deep learning for bert"},
		{"latex math greek", `$\alpha$-Divergence Minimisation`, "α divergence minimisation"},
		{"latex escapes", `Q\&A with 50\% Less Data`, "q and a with 50 less data"},
		{"latex hyphenation hint", `Trans\-former`, "transformer"},
		{"braces", "{BERT}: Pre-training of {Deep} Bidirectional {T}ransformers", "pre training of deep bidirectional transformers"},
		{"nfkc full-width", "ＢＥＲＴ　ｉｓ　Ｇｏｏｄ", "bert is good"},
		{"nfkc ligature", "Eﬃcient Fine-Tuning", "efficient fine tuning"},
		{"case", "ATTENTION is all YOU need", "attention is all you need"},
		{"case folding sharp s", "STRASSE", "strasse"},
		{"greek folding", "ΣΊΣΥΦΟΣ", "σίσυφοσ"},
		{"punctuation collapsed", "  Learning -- to   Rank: (a) Survey!!  ", "learning to rank a survey"},
		{"apostrophe joins", "Don't Stop Pretraining: Adapt Language Models", "dont stop pretraining adapt language models"},
		{"curly apostrophe joins", "Don’t Stop", "dont stop"},
		{"cjk kept", "基于深度学习的推荐系统", "基于深度学习的推荐系统"},
		{"cjk mixed", "基于Transformer的推荐", "基于 transformer 的推荐"},
		{"cjk spacing collapsed", "基于 Transformer 的推荐", "基于 transformer 的推荐"},
		{"japanese", "ディープラーニング入門", "ディープラーニング入門"},
		// One CJK class (internal/cjkletter) with the analyser: Bopomofo
		// and the Common-script 〆 belong to the CJK run.
		{"bopomofo", "注音ㄅㄆㄇ", "注音ㄅㄆㄇ"},
		{"closing mark", "〆切Deadline", "〆切 deadline"},
		{"cyrillic", "Глубокое Обучение", "глубокое обучение"},
		{"cherokee capital", "Ꭸ", "Ꭸ"},
		{"cherokee small", "ꭸ", "Ꭸ"},
		{"iss", "ISS: Something", "iss something"},
		{"iss plus plus", "ISS++: Something", "iss++ something"},
		{"iss leading name dropped", "ISS: Image as Stepping Stone for Text-Guided 3D Shape Generation", "image as stepping stone for text guided 3 d shape generation"},
		{"iss++ leading name kept", "ISS++: Image as Stepping Stone for Text-Guided 3D Shape Generation", "iss++ image as stepping stone for text guided 3 d shape generation"},
		{"trailing symbol kept", "Image as Stepping Stone for Shapes (ISS++)", "image as stepping stone for shapes iss++"},
		{"c plus plus", "Fuzzing C++ Compilers", "fuzzing c++ compilers"},
		{"a star", "A* Search", "a* search"},
		{"c sharp", "Rewriting C# Code", "rewriting c# code"},
		{"version split", "GPT-3 and GPT3 and GPT 3", "gpt 3 and gpt 3 and gpt 3"},
		{"yolo", "YOLOv6", "yolov 6"},
		{"decimal", "GPT-3.5 Turbo", "gpt 3.5 turbo"},
		{"sentence period", "Version 3. Next", "version 3 next"},
		{"roman via nfkc", "Part Ⅳ", "part iv"},
		{"superscript", "E=mc²", "e mc 2"},
		{"empty", "", ""},
		{"punctuation only", " -- !! ", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Normalize(tt.in); got != tt.want {
				t.Errorf("Normalize(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestNormalizeDistinct(t *testing.T) {
	pairs := [][2]string{
		{"ISS", "ISS++"},
		{"C", "C++"},
		{"GPT-3", "GPT-4"},
		{"YOLOv6", "YOLOv7"},
		{"基于深度学习的图像分类", "基于深度学习的图像分割"},
		{"Möbius", "Mobius"},
		{"Paper (v2)", "Paper (v3)"},
	}
	for _, p := range pairs {
		if a, b := Normalize(p[0]), Normalize(p[1]); a == b {
			t.Errorf("Normalize(%q) == Normalize(%q) == %q, want different keys", p[0], p[1], a)
		}
	}
}

func TestNormalizeIdempotent(t *testing.T) {
	for _, s := range []string{
		"DCN: Deep & Cross Network for Ad Click Predictions",
		`M{\"o}bius`, "ＢＥＲＴ", "基于Transformer的推荐", "C++ and A*", "GPT-3.5",
	} {
		once := Normalize(s)
		if twice := Normalize(once); twice != once {
			t.Errorf("Normalize(Normalize(%q)) = %q, want %q", s, twice, once)
		}
	}
}

func TestDuplicates(t *testing.T) {
	titles := []string{
		0:  "Deep Interest Network for Click-Through Rate Prediction",
		1:  "Attention Is All You Need",
		2:  "deep interest network for click-through rate prediction (DIN)",
		3:  "ISS",
		4:  "ISS++",
		5:  "ATTENTION IS ALL YOU NEED",
		6:  "",
		7:  "--",
		8:  "Deep Interest Network for Click Through Rate Prediction",
		9:  "Attention is all you need.",
		10: "ISS",
		11: "Diffusion Models in NLP: A Survey",
		12: "Diffusion Models in NLP: A Survey",
	}
	want := [][]int{{0, 2, 8}, {1, 5, 9}, {3, 10}, {11, 12}}
	// The second run gives every key the same hash, so that keys are told
	// apart by the collision chain alone.
	for name, got := range map[string][][]int{
		"maphash":   Duplicates(titles),
		"collision": duplicates(titles, func([]byte) uint64 { return 42 }),
	} {
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("%s: Duplicates = %v, want %v", name, got, want)
		}
	}
	if g := Duplicates(nil); len(g) != 0 {
		t.Errorf("Duplicates(nil) = %v, want none", g)
	}
}
