package title

import (
	"math/rand/v2"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

// mlWords is the content vocabulary of the synthetic titles, roughly in
// order of how often such words appear in machine-learning titles: the
// generator draws from the front more often.
var mlWords = strings.Fields(`
learning deep neural networks models network model diffusion data
generation image efficient via training language large based towards
transformer graph robust detection adversarial video representation
self supervised attention multi reinforcement segmentation text object
understanding generative prediction fine tuning knowledge vision
scalable approach framework analysis domain adaptation semantic visual
optimization fast unsupervised contrastive pre few shot zero recognition
classification estimation generalization transfer federated sparse
efficient benchmark survey dataset inference causal planning policy
control agent agents recommendation retrieval search ranking question
answering dialogue reasoning mathematical program synthesis code
compiler fuzzing testing verification security privacy differential
membership attacks defense backdoor poisoning watermarking editing
inpainting super resolution denoising restoration enhancement speech
audio music gesture motion human pose body hand face avatar animation
rendering radiance fields neural implicit surfaces point cloud mesh
shape scene depth stereo optical flow tracking matching registration
alignment calibration localization mapping navigation manipulation
robot robotic grasping locomotion embodied interactive conditional
controllable consistent temporal spatial spatio hierarchical structured
latent variational autoencoders flows energy score stochastic
differential equations sampling samplers acceleration distillation
quantization pruning compression sparsity mixture experts routing
scaling laws emergent abilities instruction following alignment human
feedback preference reward modeling evaluation metrics calibration
uncertainty quantification bayesian probabilistic kernel gaussian
processes bandits exploration curiosity intrinsic motivation meta
continual lifelong incremental catastrophic forgetting memory retrieval
augmented tool use chain thought prompting prompt tuning adapters low
rank parameter efficient medical clinical molecular protein drug
discovery materials weather climate forecasting time series anomaly
tabular recommender click through rate conversion advertising users
interest sequential session collaborative filtering matrix factorization
embedding embeddings contrastive masked autoencoding tokenization
vocabulary multilingual translation summarization generation captioning
grounding referring open world vocabulary detection instance panoptic
medical volumetric remote sensing satellite aerial driving autonomous
trajectory occupancy lidar radar fusion multimodal cross modal audio
visual text driven guided personalized subject customization style
transfer artistic layout typography sketch vector graphics font
`)

var functionWordList = []string{"for", "of", "with", "via", "in", "on", "and", "a", "the", "towards", "using", "from", "to"}

var nameSyllables = strings.Fields(`Res Net Diff Former Fusion Gen Seg Mask Dream Stable Point Deep
Style Video Text Graph Flow Vi Swin Conv Mix Match Edit Control Any Go Pose Gaze Light Neo`)

// syntheticTitles returns n titles generated deterministically from seed:
// 4 to 15 words drawn from an ML vocabulary, optional "Name:" prefixes and
// version numbers, and planted near-duplicates of earlier titles (typos,
// transpositions, a dropped or added function word, split or joined words),
// exact repeats, and version variants (v6/v7) that must not pair.
func syntheticTitles(n int, seed uint64) []string {
	rng := rand.New(rand.NewPCG(seed, seed^0x5eed))
	word := func() string {
		// Squaring the uniform variate favours the front of the list.
		u := rng.Float64()
		return mlWords[int(u*u*float64(len(mlWords)))]
	}
	titles := make([]string, 0, n)
	for len(titles) < n {
		if len(titles) > 10 && rng.IntN(100) < 8 {
			titles = append(titles, variant(rng, titles[rng.IntN(len(titles))]))
			continue
		}
		var b strings.Builder
		if rng.IntN(4) == 0 {
			b.WriteString(nameSyllables[rng.IntN(len(nameSyllables))])
			b.WriteString(nameSyllables[rng.IntN(len(nameSyllables))])
			if rng.IntN(3) == 0 {
				b.WriteString("v" + strconv.Itoa(1+rng.IntN(9)))
			}
			b.WriteString(": ")
		}
		words := 4 + rng.IntN(12)
		for i := range words {
			if i > 0 {
				if i > 1 && rng.IntN(4) == 0 {
					b.WriteString(" " + functionWordList[rng.IntN(len(functionWordList))])
				}
				b.WriteByte(' ')
			}
			w := word()
			if i == 0 || rng.IntN(3) == 0 {
				w = strings.ToUpper(w[:1]) + w[1:]
			}
			b.WriteString(w)
		}
		titles = append(titles, b.String())
	}
	return titles
}

// variant plants one edit in t.
func variant(rng *rand.Rand, t string) string {
	words := strings.Fields(t)
	i := rng.IntN(len(words))
	w := words[i]
	switch rng.IntN(8) {
	case 0: // exact repeat, differently cased
		return strings.ToLower(t)
	case 1: // transposition
		if len(w) >= 4 {
			j := 1 + rng.IntN(len(w)-2)
			words[i] = w[:j] + w[j+1:j+2] + w[j:j+1] + w[j+2:]
		}
	case 2: // deleted letter
		if len(w) >= 5 {
			j := 1 + rng.IntN(len(w)-1)
			words[i] = w[:j] + w[j+1:]
		}
	case 3: // substituted letter in a longer word
		if len(w) >= 7 {
			j := 1 + rng.IntN(len(w)-1)
			words[i] = w[:j] + string(rune('a'+rng.IntN(26))) + w[j+1:]
		}
	case 4: // added or dropped article
		if words[i] == "a" || words[i] == "the" {
			words = append(words[:i], words[i+1:]...)
		} else if i > 0 {
			words = append(words[:i], append([]string{"the"}, words[i:]...)...)
		}
	case 5: // split or join words
		if i+1 < len(words) && rng.IntN(2) == 0 {
			words[i] = w + "-" + words[i+1]
		} else if len(w) >= 8 {
			words[i] = w[:4] + "-" + w[4:]
		}
	case 6: // version variant: a different paper that must not pair
		for k, x := range words {
			if r, size := utf8.DecodeLastRuneInString(x); r == ':' {
				words[k] = x[:len(x)-size] + "v" + strconv.Itoa(rng.IntN(10)) + ":"
				break
			}
		}
	case 7: // a different last word: a different paper
		words[len(words)-1] = mlWords[rng.IntN(len(mlWords))]
	}
	return strings.Join(words, " ")
}

func TestSyntheticTitles(t *testing.T) {
	a, b := syntheticTitles(2000, 1), syntheticTitles(2000, 1)
	for i := range a {
		if a[i] != b[i] {
			t.Fatalf("title %d differs between runs: %q vs %q", i, a[i], b[i])
		}
		if n := len(strings.Fields(a[i])); n < 4 {
			t.Fatalf("title %d %q has %d words, want at least 4", i, a[i], n)
		}
	}
}

func BenchmarkNormalize(b *testing.B) {
	titles := syntheticTitles(1000, 3)
	titles = append(titles,
		`M{\"o}bius Transformations for {BERT}`,
		"基于Transformer的推荐系统研究",
		"ＢＥＲＴ：Ｐｒｅ-ｔｒａｉｎｉｎｇ of Deep Bidirectional Transformers",
	)
	b.ReportAllocs()
	i := 0
	before := cpuTime()
	for b.Loop() {
		_ = Normalize(titles[i%len(titles)])
		i++
	}
	b.ReportMetric(float64(cpuTime()-before)/float64(b.N), "cpu-ns/op")
}

// benchmarkSimilar also reports the CPU time (user + system, all threads)
// per operation: on a shared machine the wall-clock ns/op swings with other
// processes' load, while cpu-ns/op does not.
func benchmarkSimilar(b *testing.B, n int) {
	titles := syntheticTitles(n, 42)
	b.ReportAllocs()
	var pairs int
	before := cpuTime()
	for b.Loop() {
		pairs = len(Similar(titles, Options{Jobs: runtime.GOMAXPROCS(0)}))
	}
	b.ReportMetric(float64(cpuTime()-before)/float64(b.N), "cpu-ns/op")
	b.ReportMetric(float64(pairs), "pairs")
}

func BenchmarkSimilar100k(b *testing.B) { benchmarkSimilar(b, 100_000) }
func BenchmarkSimilar1M(b *testing.B)   { benchmarkSimilar(b, 1_000_000) }

func BenchmarkDuplicates100k(b *testing.B) {
	titles := syntheticTitles(100_000, 42)
	b.ReportAllocs()
	for b.Loop() {
		_ = Duplicates(titles)
	}
}
