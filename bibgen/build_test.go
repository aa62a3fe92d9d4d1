package bibgen

import (
	"testing"

	"github.com/paperlint/papers/bib"
	"github.com/paperlint/papers/notes"
	"github.com/paperlint/papers/venue"
)

// written formats an entry as the writer prints it.
func written(t *testing.T, e *bib.Entry) string {
	t.Helper()
	s, _, err := bib.FormatEntry(e, bib.WriteOptions{})
	if err != nil {
		t.Fatalf("FormatEntry(%s): %v", e.Key, err)
	}
	return s
}

func TestBuild(t *testing.T) {
	reg := venue.Default()
	tests := []struct {
		name, notes, want string
	}{
		{"conference with abbreviation", "## 推荐系统\n### Deep Interest Network for Click-Through Rate Prediction(DIN)[KDD'18][Alibaba]\n", `@inproceedings{k,
  title       = {Deep {Interest Network} for {Click-Through Rate Prediction}},
  booktitle   = {Proceedings of the ACM SIGKDD Conference on Knowledge Discovery and Data Mining},
  year        = {2018},
  affiliation = {Alibaba},
  key         = {DIN},
  keywords    = {推荐系统},
  shorttitle  = {{DIN}}
}
`},
		{"NIPS renamed", "## 检索\n### Möbius Transformation for Fast Inner Product Search on Graph[NIPS'19][Baidu]\n", `@inproceedings{k,
  title       = {Möbius {Transformation} for {Fast Inner Product Search} on {Graph}},
  booktitle   = {Advances in Neural Information Processing Systems},
  year        = {2019},
  affiliation = {Baidu},
  key         = {Möbius Transformation for Fast Inner Product Search on Graph},
  keywords    = {检索}
}
`},
		{"journal", "## 对抗\n### Defending Person Detection Against Adversarial Patch Attack by using Universal Defensive Frame[TIP'22][KAIST]\n", `@article{k,
  title       = {Defending {Person Detection Against Adversarial Patch Attack} by using {Universal Defensive Frame}},
  journal     = {IEEE Transactions on Image Processing},
  year        = {2022},
  affiliation = {KAIST},
  key         = {Defending Person Detection Against Adversarial Patch Attack by using Universal Defensive Frame},
  keywords    = {对抗}
}
`},
		{"arXiv with abs link, several orgs", "## 视觉\n### An Image is Worth 16x16 Words[arXiv'20][Google,Berkeley]\n- paper: https://arxiv.org/abs/2010.11929v2\n", `@misc{k,
  title         = {An {Image} is {Worth} 16x16 {Words}},
  year          = {2020},
  eprint        = {2010.11929},
  archiveprefix = {arXiv},
  affiliation   = {Google, Berkeley},
  key           = {An Image is Worth 16x16 Words},
  keywords      = {视觉}
}
`},
		{"arXiv with pdf link in a list entry", "## X\n- [arxiv'22][IIS] [YOLOv7: Trainable bag-of-freebies](https://arxiv.org/pdf/2207.02696.pdf)\n", `@misc{k,
  title         = {{YOLOv7}: Trainable bag-of-freebies},
  year          = {2022},
  eprint        = {2207.02696},
  archiveprefix = {arXiv},
  affiliation   = {IIS},
  key           = {YOLOv7: Trainable bag-of-freebies},
  keywords      = {X}
}
`},
		{"arXiv without id", "### Deep & Cross Network for Ad Click Predictions(DCN)[arXiv'17][Google]\n", `@misc{k,
  title        = {Deep \& {Cross Network} for {Ad Click Predictions}},
  year         = {2017},
  howpublished = {arXiv},
  affiliation  = {Google},
  key          = {DCN},
  shorttitle   = {{DCN}}
}
`},
		{"unknown venue", "## 推荐系统\n### Wide & Deep Learning for Recommender Systems[DLRS'16][Google]\n", `@misc{k,
  title        = {Wide \& {Deep Learning} for {Recommender Systems}},
  year         = {2016},
  howpublished = {DLRS},
  affiliation  = {Google},
  key          = {Wide \& Deep Learning for Recommender Systems},
  keywords     = {推荐系统}
}
`},
		{"DOI link", "## S\n### TVM: An Automated End-to-End Optimizing Compiler for Deep Learning[OSDI'18][UW]\n- [pdf](https://doi.org/10.5555/3291168.3291211)\n", `@inproceedings{k,
  title       = {{TVM}: An {Automated End-to-End Optimizing Compiler} for {Deep Learning}},
  booktitle   = {USENIX Symposium on Operating Systems Design and Implementation},
  year        = {2018},
  doi         = {10.5555/3291168.3291211},
  affiliation = {UW},
  key         = {TVM: An Automated End-to-End Optimizing Compiler for Deep Learning},
  keywords    = {S}
}
`},
	}
	for _, tt := range tests {
		d := parse(t, tt.notes)
		if len(d.Papers) != 1 {
			t.Fatalf("%s: %d papers", tt.name, len(d.Papers))
		}
		got := written(t, Build(d, d.Papers[0], "k", reg, nil))
		if got != tt.want {
			t.Errorf("%s:\ngot:\n%s\nwant:\n%s", tt.name, got, tt.want)
		}
	}
}

func TestArXivID(t *testing.T) {
	tests := []linkCase{
		{"### T[arXiv'20][G]\n- https://arxiv.org/abs/2010.11929\n", "2010.11929"},
		{"### T[arXiv'20][G]\n- <https://www.arxiv.org/pdf/2010.11929v3>\n", "2010.11929"},
		{"### T[arXiv'99][G]\n- [abs](http://arxiv.org/abs/hep-th/9901001v1)\n", "hep-th/9901001"},
		{"### T[arXiv'03][G]\n- [abs](https://arxiv.org/abs/math.GT/0309136)\n", "math.GT/0309136"},
		// Two different ids in the notes name no paper for sure.
		{"### T[arXiv'20][G]\n- https://arxiv.org/abs/2010.11929\n- compare https://arxiv.org/abs/1706.03762\n", ""},
		// The entry line wins over the notes.
		{"- [arXiv'20][G] [T](https://arxiv.org/abs/2010.11929)\n  - see https://arxiv.org/abs/1706.03762\n", "2010.11929"},
		{"### T[arXiv'20][G]\n- https://example.org/abs/2010.11929\n", ""},
		{"### T[arXiv'20][G]\n- https://arxiv.org/list/cs.LG/recent\n", ""},
		// Links are read as the lint rules read them (internal/ident):
		// arXiv's html pages, its subdomains and arXiv DOIs name the paper.
		{"### T[arXiv'24][G]\n- https://arxiv.org/html/2401.12345v1\n", "2401.12345"},
		{"### T[arXiv'17][G]\n- https://ar5iv.labs.arxiv.org/html/1706.03762\n", "1706.03762"},
		{"### T[arXiv'23][G]\n- https://doi.org/10.48550/arXiv.2302.13971\n", "2302.13971"},
		{"### T[arXiv'20][G]\n- https://web.archive.org/web/2020/https://arxiv.org/abs/2010.11929\n", ""},
	}
	checkLinks(t, "ArXivID", ArXivID, tests)
}

func TestDOI(t *testing.T) {
	tests := []linkCase{
		{"### T[KDD'18][G]\n- [pdf](https://doi.org/10.1145/3219819.3219823)\n", "10.1145/3219819.3219823"},
		// Read as the lint rules read DOIs (internal/ident): "doi:" links
		// and the http://www. resolver name one too.
		{"### T[KDD'18][G]\n- [doi](doi:10.1145/3219819.3219823)\n", "10.1145/3219819.3219823"},
		{"### T[KDD'18][G]\n- http://www.doi.org/10.1145/3219819.3219823\n", "10.1145/3219819.3219823"},
		{"### T[KDD'18][G]\n- https://dl.acm.org/doi/10.1145/3219819.3219823\n", ""},
	}
	checkLinks(t, "DOI", DOI, tests)
}

// linkCase is a notes text with one paper and what its links name.
type linkCase struct{ notes, want string }

// checkLinks runs read (ArXivID or DOI) on the one paper of each case.
func checkLinks(t *testing.T, name string, read func(*notes.Document, *notes.Paper) string, tests []linkCase) {
	t.Helper()
	for _, tt := range tests {
		d := parse(t, tt.notes)
		if len(d.Papers) != 1 {
			t.Fatalf("%q: %d papers", tt.notes, len(d.Papers))
		}
		if got := read(d, d.Papers[0]); got != tt.want {
			t.Errorf("%s(%q) = %q, want %q", name, tt.notes, got, tt.want)
		}
	}
}

func TestBuildWithoutYearUsesTheCurrentForm(t *testing.T) {
	reg := venue.Default()
	v, ok := reg.Lookup("POPL")
	if !ok || v.Earlier == nil {
		t.Skip("the registry has no POPL with an earlier form")
	}
	d := parse(t, "### Some Types[POPL][X]\n")
	e := Build(d, d.Papers[0], "k", reg, nil)
	typ, _, journal := v.EntryFor(9999)
	if e.Type != typ || e.Has("year") || journal != "" && e.Get("journal") == "" {
		t.Errorf("POPL without year: %s", written(t, e))
	}
	old := parse(t, "### Some Types[POPL'15][X]\n")
	if e := Build(old, old.Papers[0], "k", reg, nil); e.Type != "inproceedings" {
		t.Errorf("POPL'15: %s", written(t, e))
	}
}

// A section heading written in HTML gives its text as keywords, and a
// heading shaped `[tag] Title text` is a paper, not a section.
func TestBuildSectionHTML(t *testing.T) {
	d := notes.Parse("n.md", []byte("## <a id=\"fs\"></a>Fully  <b>Supervised</b>\n### Directed Greybox Fuzzing[CCS'17][UCSB]\n- a\n### [thesis] Directing greybox fuzzing for discovery - Sadullah Canakci\n- b\n"), notes.Options{Year: 2026})
	if len(d.Papers) != 2 {
		t.Fatalf("papers: %d, want 2 (the [thesis] heading is a paper)", len(d.Papers))
	}
	e := Build(d, d.Papers[0], "k", venue.Default(), nil)
	if got := e.Get("keywords"); got != "Fully Supervised" {
		t.Errorf("keywords = %q", got)
	}
	if v := d.Papers[1].Venue; v == nil || v.Name != "thesis" || d.Papers[1].Title != "Directing greybox fuzzing for discovery - Sadullah Canakci" {
		t.Errorf("[thesis] paper: %+v", d.Papers[1])
	}
}
