package title

import (
	"fmt"
	"testing"
)

func TestMatch(t *testing.T) {
	tests := []struct {
		name   string
		a, b   string
		ok     bool
		reason string
	}{
		// Positives: the same paper written with a small error.
		{"typo transposition", "Donut: Document Understanding Transformer", "Dount: Document Understanding Transformer", true, `"donut" vs "dount"`},
		{"acronym transposition", "Detecting Text in Natural Images with CTPN", "Detecting Text in Natural Images with CPTN", true, `"ctpn" vs "cptn"`},
		{"deleted letter", "Learning Transferable Visual Models From Natural Language Supervision", "Learning Transferable Visual Models From Natural Langage Supervision", true, `"language" vs "langage"`},
		{"inserted letter", "Denoising Diffusion Probabilistic Models", "Denoising Diffusion Probabilisstic Models", true, `"probabilistic" vs "probabilisstic"`},
		{"substituted letter long word", "Denoising Diffusion Implicit Models for Generation", "Denoising Diffusion Implicit Models for Generatoin", true, `"generation" vs "generatoin"`},
		{"plural", "Masked Autoencoders Are Scalable Vision Learners", "Masked Autoencoder Are Scalable Vision Learners", true, `"autoencoders" vs "autoencoder"`},
		{"british spelling", "Layer Normalisation for Recurrent Networks", "Layer Normalization for Recurrent Networks", true, `"normalisation" vs "normalization"`},
		{"british modelling", "Neural Modelling of Speech Gestures", "Neural Modeling of Speech Gestures", true, `"modelling" vs "modeling"`},
		{"two edits long word", "Hierarchical Text-Conditional Image Generation with CLIP Latents", "Hierarchial Text-Conditional Image Generation with CLIP Latents", true, `"hierarchical" vs "hierarchial"`},
		{"dropped article", "Diffusion Models: A Comprehensive Survey of Methods and Applications", "Diffusion Models: Comprehensive Survey of Methods and Applications", true, `"models a comprehensive" vs "models comprehensive"`},
		{"added the", "Learning to See in the Dark", "Learning to See in Dark", true, `"in the dark" vs "in dark"`},
		{"dropped preposition", "Towards Robust Detection of Adversarial Examples", "Robust Detection of Adversarial Examples", true, `"towards robust" vs "robust"`},
		{"preposition swap", "Diffusion Models for NLP: A Survey", "Diffusion Models in NLP: A Survey", true, `"for" vs "in"`},
		{"article swap", "A Survey on Diffusion Models for Vision", "The Survey on Diffusion Models for Vision", true, `"a" vs "the"`},
		{"joined word", "Pre-training of Deep Bidirectional Transformers", "Pretraining of Deep Bidirectional Transformers", true, `"pre training" vs "pretraining"`},
		{"joined multi view", "Multi-View Stereo with Transformers", "Multiview Stereo with Transformers", true, `"multi view" vs "multiview"`},
		{"accent dropped", "Möbius Transformations in Neural Networks", "Mobius Transformations in Neural Networks", true, `"möbius" vs "mobius"`},

		// Negatives: different papers that look alike.
		{"survey vs benchmark", "Diffusion Models for Time Series Applications: A Survey", "Diffusion Models for Time Series Applications: A Benchmark", false, ""},
		{"yolo versions", "YOLOv6: A Single-Stage Object Detection Framework for Industrial Applications", "YOLOv7: A Single-Stage Object Detection Framework for Industrial Applications", false, ""},
		{"gpt versions", "GPT-3 Technical Report and Evaluation", "GPT-4 Technical Report and Evaluation", false, ""},
		{"resnet depth", "Training ResNet-50 on ImageNet in One Hour", "Training ResNet-101 on ImageNet in One Hour", false, ""},
		{"llama versions", "Llama 2: Open Foundation and Fine-Tuned Chat Models", "Llama 3: Open Foundation and Fine-Tuned Chat Models", false, ""},
		{"llama dropped number", "Llama 2: Open Foundation and Fine-Tuned Chat Models", "Llama: Open Foundation and Fine-Tuned Chat Models", false, ""},
		{"roman numerals", "Learning to Rank Part II with Gradient Descent", "Learning to Rank Part III with Gradient Descent", false, ""},
		{"iss plus plus", "ISS: Image as Stepping Stone for Text-Guided 3D Shape Generation", "ISS++: Image as Stepping Stone for Text-Guided 3D Shape Generation", false, ""},
		{"acronym substitution", "Speech Recognition with Deep CNN Models", "Speech Recognition with Deep RNN Models", false, ""},
		{"short word substitution", "BERT Rediscovers the Classical NLP Pipeline", "BART Rediscovers the Classical NLP Pipeline", false, ""},
		{"first letter differs", "Global Attention for Image Classification", "Local Attention for Image Classification", false, ""},
		{"negation prefix", "Unsupervised Domain Adaptation by Backpropagation", "Supervised Domain Adaptation by Backpropagation", false, ""},
		{"encoder decoder", "Masked Encoder Pretraining for Vision", "Masked Decoder Pretraining for Vision", false, ""},
		{"inter intra", "Inter Frame Attention for Video Interpolation", "Intra Frame Attention for Video Interpolation", false, ""},
		{"dropped content word at end", "Diffusion Models for Video Editing", "Diffusion Models for Video", false, ""},
		{"dropped content word inside", "Deep Residual Learning for Image Recognition", "Deep Learning for Image Recognition", false, ""},
		{"dropped negation", "Learning without Forgetting in Neural Networks", "Learning Forgetting in Neural Networks", false, ""},
		{"two typos", "Denoising Difusion Probabilistc Models", "Denoising Diffusion Probabilistic Models", false, ""},
		{"different short titles", "Image Segmentation", "Image Generation", false, ""},
		{"short title below threshold", "Donut", "Dount", false, ""},
		{"to vs from", "Learning to Demonstrations in Robotics", "Learning from Demonstrations in Robotics", false, ""},
		{"chinese titles", "基于深度学习的图像分类", "基于深度学习的图像分割", false, ""},
		{"chinese longer titles", "基于深度学习的推荐系统研究", "基于深度学习的推荐算法研究", false, ""},
		{"3d vs 2d", "Learning 3D Human Pose from Video", "Learning 2D Human Pose from Video", false, ""},
		{"c vs c++", "Fuzzing C Compilers with Grammar Mutations", "Fuzzing C++ Compilers with Grammar Mutations", false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			score, reason, ok := Match(tt.a, tt.b, Options{})
			if ok != tt.ok {
				t.Fatalf("Match(%q, %q) ok = %v (score %.3f, reason %s), want %v", tt.a, tt.b, ok, score, reason, tt.ok)
			}
			if reason != tt.reason {
				t.Errorf("reason = %s, want %s", reason, tt.reason)
			}
			if ok && (score < DefaultThreshold || score >= 1) {
				t.Errorf("score = %v, want in [%v, 1)", score, DefaultThreshold)
			}
			// The measure is symmetric.
			if _, _, back := Match(tt.b, tt.a, Options{}); back != ok {
				t.Errorf("Match(b, a) = %v, Match(a, b) = %v", back, ok)
			}
		})
	}
}

func TestMatchThreshold(t *testing.T) {
	a, b := "Donut", "Dount"
	if _, _, ok := Match(a, b, Options{Threshold: 0.8}); !ok {
		t.Errorf("Match(%q, %q) at 0.8 = false, want true", a, b)
	}
	a, b = "Donut: Document Understanding Transformer", "Dount: Document Understanding Transformer"
	if _, _, ok := Match(a, b, Options{Threshold: 0.99}); ok {
		t.Errorf("Match(%q, %q) at 0.99 = true, want false", a, b)
	}
	if s, r, ok := Match("Attention is All You Need", "attention is all you need.", Options{}); !ok || s != 1 || r != "" {
		t.Errorf("Match of equal keys = %v %q %v, want 1 \"\" true", s, r, ok)
	}
	if _, _, ok := Match("", "--", Options{}); ok {
		t.Error("Match of empty titles = true, want false")
	}
}

func TestSimilar(t *testing.T) {
	titles := []string{
		0:  "Donut: Document Understanding Transformer",
		1:  "Dount: Document Understanding Transformer",
		2:  "YOLOv6: A Single-Stage Object Detection Framework for Industrial Applications",
		3:  "YOLOv7: A Single-Stage Object Detection Framework for Industrial Applications",
		4:  "Donut: Document Understanding Transformer",
		5:  "Diffusion Models for Time Series Applications: A Survey",
		6:  "Diffusion Models for Time Series Applications: A Benchmark",
		7:  "Diffusion Models for Time Series Applications: Survey",
		8:  "Pretraining of Deep Bidirectional Transformers for Language Understanding",
		9:  "Pre-training of Deep Bidirectional Transformers for Language Understanding",
		10: "",
		11: "Learning to See in the Dark",
		12: "Learning to See in Dark",
	}
	got := Similar(titles, Options{})
	want := []Pair{
		{A: 0, B: 1, Reason: `"donut" vs "dount"`},
		{A: 1, B: 4, Reason: `"dount" vs "donut"`},
		{A: 5, B: 7, Reason: `"applications a survey" vs "applications survey"`},
		{A: 8, B: 9, Reason: `"pretraining" vs "pre training"`},
		{A: 11, B: 12, Reason: `"in the dark" vs "in dark"`},
	}
	if len(got) != len(want) {
		t.Fatalf("Similar = %+v, want %+v", got, want)
	}
	for i := range want {
		g := got[i]
		if g.A != want[i].A || g.B != want[i].B || g.Reason != want[i].Reason {
			t.Errorf("pair %d = %+v, want %+v", i, g, want[i])
		}
		if g.Score < DefaultThreshold || g.Score >= 1 {
			t.Errorf("pair %d score = %v, want in [0.9, 1)", i, g.Score)
		}
	}
	if p := Similar(nil, Options{}); len(p) != 0 {
		t.Errorf("Similar(nil) = %v", p)
	}
}

// TestSimilarAgreesWithMatch checks the index against brute force: on a small
// generated list every pair Match accepts must be found by Similar and nothing
// else.
func TestSimilarAgreesWithMatch(t *testing.T) {
	titles := syntheticTitles(3000, 7)
	got := Similar(titles, Options{})
	ix := buildIndex(titles, 1)
	want := map[[2]int]bool{}
	for i := range titles {
		for j := i + 1; j < len(titles); j++ {
			r, s := ix.rep[i], ix.rep[j]
			if r < 0 || s < 0 || r == s {
				continue
			}
			v, ok := compare(ix.toks, ix.tokens(r), ix.tokens(s))
			if ok && ix.score(r, s, v.cost) >= DefaultThreshold {
				want[[2]int{i, j}] = true
			}
		}
	}
	if len(want) < 50 {
		t.Fatalf("only %d similar pairs in the generated list; the generator plants too few", len(want))
	}
	for _, p := range got {
		if !want[[2]int{p.A, p.B}] {
			t.Errorf("Similar found %d/%d (%q, %q) that brute force rejects", p.A, p.B, titles[p.A], titles[p.B])
		}
		delete(want, [2]int{p.A, p.B})
	}
	for p := range want {
		t.Errorf("Similar missed %v: %q vs %q", p, titles[p[0]], titles[p[1]])
	}
}

func ExampleSimilar() {
	titles := []string{
		"Donut: Document Understanding Transformer",
		"YOLOv6: A Single-Stage Object Detection Framework",
		"Dount: Document Understanding Transformer",
		"YOLOv7: A Single-Stage Object Detection Framework",
	}
	for _, p := range Similar(titles, Options{}) {
		fmt.Printf("%d %d %.2f %s\n", p.A, p.B, p.Score, p.Reason)
	}
	// Output:
	// 0 2 0.97 "donut" vs "dount"
}
