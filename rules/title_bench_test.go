package rules

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/paperlint/papers/internal/testkit"
	"github.com/paperlint/papers/lint"
	"github.com/paperlint/papers/title"
)

// Word banks for generated titles, shaped like machine-learning and systems
// titles: a method name before a colon now and then, an adjective, a topic,
// a technique, a task, a setting.
var (
	benchAdjectives = strings.Fields(`Efficient Scalable Robust Adaptive Hierarchical Sparse Dense Contrastive
		Generative Unified Lightweight Interpretable Federated Differentiable Probabilistic Causal Structured
		Self-Supervised Semi-Supervised Unsupervised Multi-Modal Cross-Domain Zero-Shot Few-Shot Continual
		Incremental Decentralized Privacy-Preserving Fair Controllable Compositional Equivariant Temporal
		Spatio-Temporal Multi-Scale Multi-View Long-Range Fine-Grained Coarse-to-Fine End-to-End Online
		Offline Distributed Parallel Asynchronous Memory-Efficient Energy-Efficient Low-Rank Quantized
		Latent Implicit Explicit Neural Symbolic Graph-Based Attention-Based Retrieval-Augmented Masked`)
	benchTopics = strings.Fields(`Representation Embedding Transformer Diffusion Autoencoder Policy
		Recommendation Retrieval Ranking Segmentation Detection Tracking Captioning Translation Summarization
		Reasoning Planning Navigation Manipulation Localization Reconstruction Rendering Synthesis Generation
		Compression Quantization Pruning Distillation Scheduling Caching Indexing Partitioning Replication
		Consensus Verification Fuzzing Testing Debugging Profiling Compilation Optimization Inference Training
		Alignment Calibration Adaptation Augmentation Tokenization Clustering Forecasting Imputation
		Anomaly Watermarking Unlearning Editing Inpainting Denoising Deblurring Super-Resolution`)
	benchTechniques = strings.Fields(`Transformers Diffusion-Models Graph-Neural-Networks Contrastive-Learning
		Reinforcement-Learning Meta-Learning Knowledge-Distillation Mixture-of-Experts State-Space-Models
		Normalizing-Flows Variational-Inference Neural-Fields Gaussian-Splatting Large-Language-Models
		Vision-Transformers Prompt-Tuning Low-Rank-Adaptation Optimal-Transport Score-Matching Energy-Models
		Hypernetworks Capsule-Networks Spiking-Networks Kernel-Methods Random-Features Hashing Sketching
		Program-Synthesis Symbolic-Execution Abstract-Interpretation Model-Checking Static-Analysis`)
	benchTasks = strings.Fields(`Click-Through-Rate-Prediction Question-Answering Object-Detection
		Semantic-Segmentation Image-Classification Speech-Recognition Machine-Translation Code-Generation
		Text-to-Image-Generation Video-Understanding Point-Cloud-Registration Pose-Estimation Depth-Estimation
		Motion-Synthesis Gesture-Generation Dialogue-Systems Recommender-Systems Search-Engines
		Autonomous-Driving Drug-Discovery Protein-Folding Weather-Forecasting Time-Series-Forecasting
		Anomaly-Detection Graph-Classification Link-Prediction Entity-Linking Relation-Extraction
		Document-Understanding Table-Understanding Visual-Grounding Embodied-Agents Robot-Learning
		Kernel-Fuzzing Smart-Contracts Network-Protocols Database-Systems Storage-Systems Edge-Devices`)
	benchSettings = strings.Fields(`at-Scale in-the-Wild on-Mobile-Devices with-Noisy-Labels under-Distribution-Shift
		from-Scratch without-Labels in-Real-Time with-Limited-Data across-Domains over-Long-Horizons
		on-GPUs in-Production at-the-Edge for-Everyone beyond-English with-Human-Feedback`)
	benchNameParts = strings.Fields(`Flash Omni Deep Fast Meta Neo Mega Tiny Hyper Uni Poly Auto Co Dyna
		Graph Seg Gen Rec Det Diff Fuse Mix Match Edit Pose Gaze Light Point Swin Conv Rank Retr Token`)
	benchNameEnds = strings.Fields(`Net Former Diff Rec Det Seg Fuzz GAN Flow Fusion Mix Match Rank
		Gen Pose Edit Light Point Cache Store Sched Opt Tune Bench`)
	benchVenues = strings.Fields(`CVPR'22 ICCV'23 ECCV'22 NeurIPS'23 ICML'22 ICLR'24 KDD'21 WWW'23 SIGIR'22
		OSDI'22 SOSP'23 NSDI'24 CCS'23 S&P'22 USENIX-Security'23 ACL'23 EMNLP'22 AAAI'23 arXiv'24`)
	benchOrgs = strings.Fields(`Google Meta MSRA Alibaba Tsinghua PKU Stanford MIT CMU Berkeley NVIDIA ByteDance`)
)

func benchPick(r *rand.Rand, s []string) string {
	return strings.ReplaceAll(s[r.IntN(len(s))], "-", " ")
}

// benchTitle makes one title from the banks. Every template fills six
// slots (some 10^9 combinations each), so that, as in real lists, titles
// drawn independently almost never collide: the repeats of a generated list
// are the planted ones, whose number grows linearly with its length.
func benchTitle(r *rand.Rand) string {
	var b strings.Builder
	if r.IntN(3) == 0 {
		b.WriteString(benchNameParts[r.IntN(len(benchNameParts))])
		b.WriteString(benchNameEnds[r.IntN(len(benchNameEnds))])
		if r.IntN(5) == 0 {
			fmt.Fprintf(&b, "v%d", 1+r.IntN(9))
		}
		b.WriteString(": ")
	}
	a1, a2 := benchPick(r, benchAdjectives), benchPick(r, benchAdjectives)
	topic, tech := benchPick(r, benchTopics), benchPick(r, benchTechniques)
	task, setting := benchPick(r, benchTasks), benchPick(r, benchSettings)
	switch r.IntN(6) {
	case 0:
		fmt.Fprintf(&b, "%s and %s %s with %s for %s %s", a1, a2, topic, tech, task, setting)
	case 1:
		fmt.Fprintf(&b, "Towards %s %s for %s: %s %s %s", a1, topic, task, a2, tech, setting)
	case 2:
		fmt.Fprintf(&b, "%s Meets %s: %s %s %s %s", tech, task, a1, a2, topic, setting)
	case 3:
		fmt.Fprintf(&b, "Learning %s %s via %s %s for %s %s", a1, topic, a2, tech, task, setting)
	case 4:
		fmt.Fprintf(&b, "Rethinking %s in %s: A %s and %s Approach with %s %s", topic, task, a1, a2, tech, setting)
	default:
		fmt.Fprintf(&b, "On the %s %s of %s %s in %s %s", a1, topic, a2, tech, task, setting)
	}
	return b.String()
}

// benchVariant plants a repeat or a near-repeat of t: a case-changed exact
// repeat, a transposed or dropped letter, a dropped function word, or a
// different paper that must not pair (a new version number, a different
// last word).
func benchVariant(r *rand.Rand, t string) string {
	words := strings.Fields(t)
	switch r.IntN(6) {
	case 0, 1:
		return strings.ToLower(t)
	case 2: // transposition in the longest word
		i := longestWord(words)
		if w := words[i]; len(w) >= 6 {
			j := 2 + r.IntN(len(w)-4)
			words[i] = w[:j] + w[j+1:j+2] + w[j:j+1] + w[j+2:]
		}
	case 3: // dropped letter
		i := longestWord(words)
		if w := words[i]; len(w) >= 7 {
			j := 2 + r.IntN(len(w)-3)
			words[i] = w[:j] + w[j+1:]
		}
	case 4: // dropped function word
		for i, w := range words {
			if i > 0 && (w == "for" || w == "with" || w == "via" || w == "the" || w == "of") {
				words = append(words[:i:i], words[i+1:]...)
				break
			}
		}
	default: // a different paper: another version or another last word
		if strings.Contains(words[0], ":") {
			words[0] = strings.TrimSuffix(words[0], ":") + fmt.Sprintf("v%d:", 2+r.IntN(8))
		} else {
			words[len(words)-1] = benchPick(r, benchSettings)
		}
	}
	return strings.Join(words, " ")
}

func longestWord(words []string) int {
	best := 0
	for i, w := range words {
		if len(w) > len(words[best]) {
			best = i
		}
	}
	return best
}

// benchNotes generates n entries as notes files of perFile entries each,
// with a section every 50 entries; about 3% of the entries are planted
// repeats or near-repeats of an earlier entry.
func benchNotes(n, perFile int, seed uint64) []lint.Input {
	r := rand.New(rand.NewPCG(seed, seed^0x5eed))
	titles := make([]string, 0, n)
	for len(titles) < n {
		if len(titles) > 100 && r.IntN(100) < 3 {
			titles = append(titles, benchVariant(r, titles[r.IntN(len(titles))]))
			continue
		}
		titles = append(titles, benchTitle(r))
	}
	var ins []lint.Input
	for start := 0; start < n; start += perFile {
		var b strings.Builder
		fmt.Fprintf(&b, "# 论文笔记 %d\n", len(ins))
		for i := start; i < min(n, start+perFile); i++ {
			if (i-start)%50 == 0 {
				fmt.Fprintf(&b, "## 专题 %d\n", (i-start)/50)
			}
			fmt.Fprintf(&b, "### %s[%s][%s]\n- 这篇论文的笔记。\n", titles[i], benchVenues[r.IntN(len(benchVenues))], benchOrgs[r.IntN(len(benchOrgs))])
		}
		ins = append(ins, lint.Input{Path: fmt.Sprintf("notes/%04d.md", len(ins)), Src: []byte(b.String())})
	}
	return ins
}

// benchmarkDuplicateRules runs duplicate-title and similar-title through the
// runner on n generated entries parsed beforehand (parsing is not timed).
// Besides ns/op it reports cpu-ns/op, the CPU time of all threads, which a
// busy machine does not inflate, and the findings of each rule.
func benchmarkDuplicateRules(b *testing.B, n int) {
	ins := benchNotes(n, 1000, 7)
	runner, err := lint.NewRunner(All(), lint.DefaultConfig())
	if err != nil {
		b.Fatal(err)
	}
	runner.Only = map[string]bool{DuplicateTitle.ID: true, SimilarTitle.ID: true}
	ws := inMemory(runner, ins)
	files := ws.Files()
	entries := 0
	for _, f := range files {
		entries += len(f.Notes.Papers)
	}
	if entries != n {
		b.Fatalf("the parser read %d entries of %d", entries, n)
	}
	b.ReportAllocs()
	var res *lint.Result
	before := testkit.CPUTime()
	for b.Loop() {
		res = runner.Run(ws)
	}
	b.ReportMetric(float64(testkit.CPUTime()-before)/float64(b.N), "cpu-ns/op")
	counts := map[string]int{}
	for _, d := range res.Diagnostics {
		counts[d.Rule]++
	}
	b.ReportMetric(float64(counts[DuplicateTitle.ID]), "duplicates")
	b.ReportMetric(float64(counts[SimilarTitle.ID]), "similar")
}

func BenchmarkDuplicateRules100k(b *testing.B) { benchmarkDuplicateRules(b, 100_000) }
func BenchmarkDuplicateRules1M(b *testing.B)   { benchmarkDuplicateRules(b, 1_000_000) }

// TestBenchNotes checks the generator the benchmarks use: deterministic,
// parsed as entries, and with planted repeats and near-repeats the rules
// find, while its different papers (versions) stay apart.
func TestBenchNotes(t *testing.T) {
	a, b := benchNotes(3000, 1000, 1), benchNotes(3000, 1000, 1)
	if len(a) != 3 || string(a[2].Src) != string(b[2].Src) {
		t.Fatal("the generator is not deterministic")
	}
	runner, err := lint.NewRunner(All(), lint.DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	runner.Only = map[string]bool{DuplicateTitle.ID: true, SimilarTitle.ID: true}
	res := run(runner, a)
	entries := 0
	for _, f := range res.Files {
		entries += len(f.Notes.Papers)
	}
	if entries != 3000 {
		t.Fatalf("the parser read %d entries of 3000", entries)
	}
	counts := map[string]int{}
	for _, d := range res.Diagnostics {
		counts[d.Rule]++
	}
	t.Logf("findings: %v", counts)
	if counts[DuplicateTitle.ID] < 20 || counts[SimilarTitle.ID] < 10 {
		t.Errorf("too few planted findings: %v", counts)
	}
	// The planted different papers differ in a version number: no similar
	// pair may hinge on a digit.
	var titles []string
	for _, f := range res.Files {
		for _, p := range f.Notes.Papers {
			titles = append(titles, p.Title)
		}
	}
	pairs := title.Similar(titles, title.Options{})
	for _, p := range pairs {
		if strings.ContainsAny(p.Reason, "0123456789") {
			t.Errorf("version variants paired: %q / %q (%s)", titles[p.A], titles[p.B], p.Reason)
		}
	}
	if len(pairs) == 0 {
		t.Error("no similar pairs among the generated titles")
	}
}
