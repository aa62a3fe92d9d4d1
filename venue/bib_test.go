package venue

import (
	"strings"
	"sync"
	"testing"
)

func TestResolveBib(t *testing.T) {
	reg := Default()
	tests := []struct {
		name string
		f    BibFields
		want string // venue tag, "" for none
	}{
		{"DBLP CVPR", BibFields{Booktitle: `{IEEE/CVF} Conference on Computer Vision and Pattern Recognition,
                  {CVPR} 2024, Seattle, WA, USA, June 16-22, 2024`}, "CVPR"},
		{"Scholar CVPR", BibFields{Booktitle: `Proceedings of the IEEE conference on computer vision and pattern recognition`}, "CVPR"},
		{"CVPR workshops", BibFields{Booktitle: `CVPR Workshops`}, "CVPRW"},
		{"DBLP NeurIPS", BibFields{Booktitle: `Advances in Neural Information Processing Systems 32: Annual Conference on Neural Information Processing Systems 2019, NeurIPS 2019, December 8-14, 2019, Vancouver, BC, Canada`}, "NeurIPS"},
		{"DBLP NIPS", BibFields{Booktitle: `Advances in Neural Information Processing Systems 30: Annual Conference on Neural Information Processing Systems 2017`}, "NeurIPS"},
		{"Scholar NeurIPS in journal", BibFields{Journal: `Advances in neural information processing systems`}, "NeurIPS"},
		{"NeurIPS D&B", BibFields{Booktitle: `Proceedings of the Neural Information Processing Systems Track on Datasets and Benchmarks 1, NeurIPS Datasets and Benchmarks 2021`}, "NeurIPS-DB"},
		{"ICML", BibFields{Booktitle: `Proceedings of the 41st International Conference on Machine Learning`}, "ICML"},
		{"KDD", BibFields{Booktitle: `Proceedings of the 30th {ACM} {SIGKDD} Conference on Knowledge Discovery and Data Mining, {KDD} 2024`}, "KDD"},
		{"WWW", BibFields{Booktitle: `Proceedings of the {ACM} on Web Conference 2024, {WWW} 2024`}, "WWW"},
		{"AAAI", BibFields{Booktitle: `Thirty-Seventh {AAAI} Conference on Artificial Intelligence, {AAAI} 2023`}, "AAAI"},
		{"S&P DBLP", BibFields{Booktitle: `2019 {IEEE} Symposium on Security and Privacy, {SP} 2019`}, "S&P"},
		{"Findings", BibFields{Booktitle: `Findings of the Association for Computational Linguistics: {ACL} 2023`}, "Findings-ACL"},
		{"ICDM vs SDM", BibFields{Booktitle: `2023 IEEE International Conference on Data Mining (ICDM)`}, "ICDM"},
		{"SDM", BibFields{Booktitle: `Proceedings of the 2023 SIAM International Conference on Data Mining`}, "SDM"},
		{"TPAMI DBLP", BibFields{Journal: `{IEEE} Trans. Pattern Anal. Mach. Intell.`}, "TPAMI"},
		{"TPAMI full", BibFields{Journal: `IEEE transactions on pattern analysis and machine intelligence`}, "TPAMI"},
		{"Nature", BibFields{Journal: `Nature`}, "Nature"},
		{"Nature MI", BibFields{Journal: `Nature Machine Intelligence`}, "NMI"},
		{"nature inside another journal", BibFields{Journal: `Nature Communications`}, ""},
		{"machine learning is not MLJ inside a booktitle", BibFields{Booktitle: `Workshop on Machine Learning for Systems`}, ""},
		{"MLJ", BibFields{Journal: `Machine Learning`}, "MLJ"},
		{"lower-case science", BibFields{Booktitle: `International Conference on Data science`}, ""},
		{"CoRR", BibFields{Journal: `CoRR`}, "arXiv"},
		{"arXiv preprint", BibFields{Journal: `arXiv preprint arXiv:1810.04805`}, "arXiv"},
		{"bioRxiv is not arXiv", BibFields{Journal: `bioRxiv preprint`}, ""},
		{"eprint only", BibFields{ArXiv: true}, "arXiv"},
		{"howpublished", BibFields{Howpublished: `arXiv`}, "arXiv"},
		{"published wins over eprint", BibFields{Booktitle: `NAACL-HLT`, ArXiv: true}, "NAACL"},
		{"PACMPL ambiguous", BibFields{Journal: `Proc. {ACM} Program. Lang.`}, ""},
		{"PACMPL with number", BibFields{Journal: `Proc. {ACM} Program. Lang.`, Number: `OOPSLA2`}, "OOPSLA"},
		{"PACMPL PLDI", BibFields{Journal: `Proceedings of the ACM on Programming Languages`, Number: `PLDI`}, "PLDI"},
		{"Asia CCS", BibFields{Booktitle: `Asia CCS`}, "AsiaCCS"},
		{"short NDSS", BibFields{Booktitle: `Network and Distributed System Security`}, "NDSS"},
		{"short AISTATS", BibFields{Booktitle: `Artificial Intelligence and Statistics`}, "AISTATS"},
		{"short but ambiguous (KDD, PAKDD)", BibFields{Booktitle: `Knowledge Discovery And Data Mining`}, ""},
		{"S&P without IEEE", BibFields{Booktitle: `Symposium on Security \& Privacy`}, "S&P"},
		{"short but ambiguous", BibFields{Booktitle: `Computer and Communications Security`}, ""},
		{"too generic", BibFields{Booktitle: `Workshop on Security and Privacy`}, ""},
		{"a journal is not a short booktitle", BibFields{Journal: `Neural Networks`}, ""},
		{"unknown", BibFields{Booktitle: `Proceedings of the Workshop on Something`}, ""},
		{"nothing", BibFields{}, ""},
		{"fast is a word", BibFields{Booktitle: `Workshop on fast inference`}, ""},
		{"FAST", BibFields{Booktitle: `21st {USENIX} Conference on File and Storage Technologies, {FAST} 2023`}, "FAST"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// Twice: the second answer comes from the memo.
			for range 2 {
				v, ok := reg.ResolveBib(tt.f)
				got := ""
				if ok {
					got = v.Tag
				}
				if got != tt.want {
					t.Errorf("ResolveBib = %q, want %q", got, tt.want)
				}
				if ok != (v != nil) {
					t.Errorf("ok = %v but venue = %v", ok, v)
				}
			}
		})
	}
	var none *Registry
	if _, ok := none.ResolveBib(BibFields{Journal: "CoRR"}); ok {
		t.Error("nil registry resolved a venue")
	}
}

// TestResolveBibPerRegistry checks that a venue added in config is found
// and that what a registry builds and memoises stays with it.
func TestResolveBibPerRegistry(t *testing.T) {
	reg, err := Default().With([]Venue{{Tag: "DLRS", Kind: Workshop, Booktitle: "Workshop on Deep Learning for Recommender Systems"}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	f := BibFields{Booktitle: "Proceedings of the 1st Workshop on Deep Learning for Recommender Systems, DLRS@RecSys 2016"}
	if v, ok := reg.ResolveBib(f); !ok || v.Tag != "DLRS" {
		t.Errorf("custom venue: got %v, %v", v, ok)
	}
	if v, ok := Default().ResolveBib(f); ok && v.Tag == "DLRS" {
		t.Error("the default registry knows DLRS: resolution leaked between registries")
	}
}

// TestResolveBibConcurrent resolves from several goroutines on a fresh
// registry, so that they race to build its matcher (run with -race).
func TestResolveBibConcurrent(t *testing.T) {
	reg, err := Default().With(nil, map[string]string{"Neural-IPS": "NeurIPS"})
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			f := BibFields{Booktitle: "{CVPR} 2024"}
			if i%2 == 1 {
				f = BibFields{Journal: "Nature"}
			}
			if _, ok := reg.ResolveBib(f); !ok {
				t.Errorf("goroutine %d: %+v not resolved", i, f)
			}
		})
	}
	wg.Wait()
}

func TestTokens(t *testing.T) {
	var ws []string
	for _, tk := range tokens(`{IEEE/CVF} S\&P, {M{\"o}bius} 3DV`) {
		ws = append(ws, tk.text)
	}
	if got := strings.Join(ws, " "); got != "IEEE CVF S & P Möbius 3DV" {
		t.Errorf("tokens: %q", got)
	}
}
