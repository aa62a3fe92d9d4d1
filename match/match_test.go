package match

import (
	"testing"

	"github.com/paperlint/papers/bib"
	"github.com/paperlint/papers/notes"
	"github.com/paperlint/papers/venue"
)

// parseOne reads one entry from src and fails the test when src does not
// hold exactly one entry or the scanner complains.
func parseOne(t *testing.T, src string) *bib.Entry {
	t.Helper()
	f := bib.Parse("t.bib", []byte(src))
	if len(f.Entries) != 1 {
		t.Fatalf("want 1 entry, got %d in %q", len(f.Entries), src)
	}
	for _, d := range f.Diagnostics {
		if d.Code == bib.CodeSyntax {
			t.Fatalf("syntax error in test input: %s", d.Message)
		}
	}
	return f.Entries[0]
}

func paperOf(t *testing.T, line string) *notes.Paper {
	t.Helper()
	doc := notes.Parse("n.md", []byte("# Notes\n## Topic\n"+line+"\n- 笔记。\n"), notes.Options{})
	if len(doc.Papers) != 1 {
		t.Fatalf("want 1 paper in %q, got %d", line, len(doc.Papers))
	}
	return doc.Papers[0]
}

const indexBib = `
@inproceedings{din,
  title = {Deep Interest Network for Click-Through Rate Prediction},
  booktitle = {KDD}, year = 2018}
@inproceedings{mobius,
  title = {{M{\"o}bius}: Towards the Next Generation of Query-Ad Matching in {Baidu's} Search Engine},
  booktitle = {KDD}, year = 2019}
@article{cn,
  title = {基于深度学习的推荐系统研究综述},
  journal = {计算机学报}, year = 2018}
@article{cn2,
  title = {基于深度学习的推荐系统研究},
  journal = {计算机学报}, year = 2018}
@inproceedings{byDOI,
  title = {Some Other Wording},
  doi = {10.1145/3219819.3219823}, year = 2018}
@misc{byArXiv,
  title = {Attention Is All You Need (preprint)},
  eprint = {1706.03762v5}, archivePrefix = {arXiv}, year = 2017}
@inproceedings{dcn,
  title = {DCN: Deep Cross Net},
  year = 2017}
@inproceedings{dup1, title = {Wide {\&} Deep Learning for Recommender Systems}, year = 2016}
@inproceedings{dup2, title = {Wide and deep learning for recommender systems}, year = 2016}
`

func TestIndexFind(t *testing.T) {
	f := bib.Parse("refs.bib", []byte(indexBib))
	ix := NewIndex(f.Entries)
	if len(ix.Entries()) != 9 {
		t.Fatalf("Entries: got %d, want 9", len(ix.Entries()))
	}
	tests := []struct {
		line string
		want string // key, "" for no match
	}{
		{"### Deep Interest Network for Click-Through Rate Prediction(DIN)[KDD'18][Ali]", "din"},
		{"### deep interest network for click-through rate prediction [KDD'18][Ali]", "din"},
		{"### Möbius: Towards the Next Generation of Query-Ad Matching in Baidu's Search Engine[KDD'19][Baidu]", "mobius"},
		{"### 基于深度学习的推荐系统研究综述[计算机学报'18][PKU]", "cn"},
		// A CJK title that is a prefix of another is another paper.
		{"### 基于深度学习的推荐系统[计算机学报'18][PKU]", ""},
		{"### Deep Cross Net(DCN)[ADKDD'17][Google]", "dcn"},
		{"### Wide & Deep Learning for Recommender Systems[DLRS'16][Google]", "dup1"},
		{"### A Paper That Is Not There[KDD'18][Ali]", ""},
		{"- [KDD'18][Ali] [Entire Space Multi-Task Model](https://doi.org/10.1145/3219819.3219823)", "byDOI"},
		{"- [arXiv'17][Google] [Transformer](https://arxiv.org/abs/1706.03762v2)", "byArXiv"},
		{"- [arXiv'17][Google] [Transformer](https://arxiv.org/pdf/1706.03762.pdf)", "byArXiv"},
	}
	for _, tt := range tests {
		p := paperOf(t, tt.line)
		e, ok := ix.Find(p)
		got := ""
		if ok {
			got = e.Key
		}
		if got != tt.want {
			t.Errorf("Find(%q) = %q, want %q", tt.line, got, tt.want)
		}
	}
	all := ix.FindAll(paperOf(t, "### Wide and Deep Learning for Recommender Systems[DLRS'16][Google]"))
	if len(all) != 2 || all[0].Key != "dup1" || all[1].Key != "dup2" {
		t.Errorf("FindAll: got %v, want dup1 then dup2", keys(all))
	}
	if got := ix.ByDOI("https://doi.org/10.1145/3219819.3219823"); len(got) != 1 || got[0].Key != "byDOI" {
		t.Errorf("ByDOI: got %v", keys(got))
	}
	if got := ix.ByArXiv("arXiv:1706.03762v1"); len(got) != 1 || got[0].Key != "byArXiv" {
		t.Errorf("ByArXiv: got %v", keys(got))
	}
	if _, ok := ix.Find(nil); ok {
		t.Error("Find(nil) matched")
	}
}

func keys(es []*bib.Entry) []string {
	var out []string
	for _, e := range es {
		out = append(out, e.Key)
	}
	return out
}

func TestArXivID(t *testing.T) {
	// The reading is ident.EntryArXiv's, tested there; match keys the
	// identifier in lower case.
	tests := []struct{ src, want string }{
		{`@misc{a, eprint = {2001.08361v2}}`, "2001.08361"},
		{`@misc{a, eprint = {math.GT/0309136}, archivePrefix = {arXiv}}`, "math.gt/0309136"},
		{`@misc{a, url = {https://arxiv.org/abs/math.GT/0309136v1}}`, "math.gt/0309136"},
		{`@misc{a, eprint = {hal-01234567}, eprinttype = {hal}}`, ""},
	}
	for _, tt := range tests {
		if got := ArXivID(parseOne(t, tt.src)); got != tt.want {
			t.Errorf("ArXivID(%s) = %q, want %q", tt.src, got, tt.want)
		}
	}
}

func TestDOI(t *testing.T) {
	for src, want := range map[string]string{
		`@misc{a, doi = {10.1109/CVPR.2016.90}}`:                     "10.1109/cvpr.2016.90",
		`@misc{a, url = {https://doi.org/10.1109/CVPR.2016.90}}`:     "10.1109/cvpr.2016.90",
		`@misc{a, doi = {x}, url = {http://dx.doi.org/10.1/X}}`:      "10.1/x",
		`@misc{a, url = {https://example.org/10.1109/CVPR.2016.90}}`: "",
		`@misc{a, doi = {https://doi.org/10.1002%2F0470841559.ch1}}`: "10.1002/0470841559.ch1",
	} {
		if got := DOI(parseOne(t, src)); got != want {
			t.Errorf("DOI(%s) = %q, want %q", src, got, want)
		}
	}
}

func TestYear(t *testing.T) {
	tests := []struct {
		src  string
		want int
	}{
		{`@misc{a, year = 2019}`, 2019},
		{`@misc{a, year = {2019}}`, 2019},
		{`@misc{a, year = "2019a"}`, 2019},
		{`@misc{a, year = {in press}}`, 0},
		{`@misc{a, year = {19}}`, 0},
		{`@misc{a, year = {Summer 2020}}`, 2020},
		{`@misc{a, date = {2021-05-03}}`, 2021},
		{`@misc{a, title = {x}}`, 0},
	}
	for _, tt := range tests {
		if got := Year(parseOne(t, tt.src)); got != tt.want {
			t.Errorf("Year(%s) = %d, want %d", tt.src, got, tt.want)
		}
	}
}

func TestVenueOf(t *testing.T) {
	// How names match is venue.Registry.ResolveBib's, tested there; this
	// checks the fields VenueOf hands over.
	reg := venue.Default()
	tests := []struct {
		name, src, want string // want: venue tag, "" for none
	}{
		{"booktitle", `@inproceedings{a, booktitle = {{IEEE/CVF} Conference on Computer Vision and Pattern Recognition,
                  {CVPR} 2024, Seattle, WA, USA, June 16-22, 2024}}`, "CVPR"},
		{"journal", `@article{a, journal = {{IEEE} Trans. Pattern Anal. Mach. Intell.}}`, "TPAMI"},
		{"number settles PACMPL", `@article{a, journal = {Proc. {ACM} Program. Lang.}, number = {OOPSLA2}}`, "OOPSLA"},
		{"CoRR", `@article{a, journal = {CoRR}, volume = {abs/2001.08361}}`, "arXiv"},
		{"eprint only", `@misc{a, eprint = {1810.04805}, archivePrefix = {arXiv}}`, "arXiv"},
		{"arXiv url only", `@misc{a, url = {https://arxiv.org/abs/1810.04805}}`, "arXiv"},
		{"howpublished", `@misc{a, howpublished = {arXiv}}`, "arXiv"},
		{"publisher", `@misc{a, publisher = {arXiv}}`, "arXiv"},
		{"published wins over eprint", `@inproceedings{a, booktitle = {NAACL-HLT}, eprint = {1810.04805}, archivePrefix = {arXiv}}`, "NAACL"},
		{"nothing", `@misc{a, title = {x}}`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, ok := VenueOf(reg, parseOne(t, tt.src))
			got := ""
			if ok {
				got = v.Tag
			}
			if got != tt.want {
				t.Errorf("VenueOf = %q, want %q", got, tt.want)
			}
		})
	}
	if _, ok := VenueOf(nil, parseOne(t, `@misc{a, journal = {CoRR}}`)); ok {
		t.Error("VenueOf(nil registry) matched")
	}
	if _, ok := VenueOf(reg, nil); ok {
		t.Error("VenueOf(nil entry) matched")
	}
}

func TestIndexKeys(t *testing.T) {
	a := NewIndex(bib.Parse("refs.bib", []byte(indexBib)).Entries)
	if k := a.Keys(5); k.ArXiv != "1706.03762" || k.Title == "" {
		t.Errorf("Keys(5) = %+v", k)
	}
	if k := a.Keys(4); k.DOI != "10.1145/3219819.3219823" {
		t.Errorf("Keys(4) = %+v", k)
	}
	if ix := NewIndex(nil); len(ix.Entries()) != 0 {
		t.Error("NewIndex(nil) has entries")
	}
}

func TestIndexFirst(t *testing.T) {
	ix := NewIndex(bib.Parse("refs.bib", []byte(indexBib)).Entries)
	k := ix.Keys(8) // dup2, whose title equals dup1's
	if i, ok := ix.First(ByTitle, k.Title); !ok || i != 7 {
		t.Errorf("First(ByTitle) = %d, %v; want 7", i, ok)
	}
	if i, ok := ix.First(ByDOI, "10.1145/3219819.3219823"); !ok || i != 4 {
		t.Errorf("First(ByDOI) = %d, %v; want 4", i, ok)
	}
	if i, ok := ix.First(ByArXiv, "1706.03762"); !ok || i != 5 {
		t.Errorf("First(ByArXiv) = %d, %v; want 5", i, ok)
	}
	if _, ok := ix.First(ByDOI, ""); ok {
		t.Error("First of an empty key matched")
	}
	if _, ok := ix.First(ByArXiv, "9999.99999"); ok {
		t.Error("First of an unknown key matched")
	}
}
