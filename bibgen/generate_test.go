package bibgen

import (
	"bytes"
	"strings"
	"testing"

	"github.com/paperlint/papers/bib"
	"github.com/paperlint/papers/org"
)

// keysOf returns the items' keys, built ones marked with a *.
func keysOf(res *Result) string {
	var ks []string
	for _, it := range res.Items {
		k := it.Entry.Key
		if it.Built {
			k += "*"
		}
		ks = append(ks, k)
	}
	return strings.Join(ks, " ")
}

func generate(t *testing.T, notesSrc, bibSrc string, opt Options) *Result {
	t.Helper()
	s := Source{Notes: parse(t, notesSrc)}
	if bibSrc != "" {
		s.Companion = bib.Parse("notes.bib", []byte(bibSrc))
	}
	return Generate([]Source{s}, opt)
}

const genNotes = `# 论文
## 推荐系统
### Deep Interest Network for Click-Through Rate Prediction(DIN)[KDD'18][Alibaba]
- a
### Deep Learning over Multi-field Categorical Data[KDD'18][UCL]
- b
### Wide & Deep Learning for Recommender Systems[DLRS'16][Google]
- c
## 检索
### Möbius Transformation for Fast Inner Product Search on Graph[NIPS'19][Baidu]
- d
`

const genBib = `% mine
@inproceedings{cheng2016wide,
  author    = {Heng{-}Tze Cheng and Levent Koc},
  title     = {Wide {\&} Deep Learning for Recommender Systems},
  booktitle = {Proceedings of the 1st Workshop on Deep Learning for Recommender Systems},
  year      = 2016,
  pages     = {7--10}
}

@misc{kdd2018deep,
  title = {Some Other Paper That Took The Key},
  year  = {2018}
}
`

func TestGenerateCompanionKeptAndKeys(t *testing.T) {
	res := generate(t, genNotes, genBib, Options{})
	if got, want := keysOf(res), "kdd2018deepb* kdd2018deepc* cheng2016wide neurips2019mobius*"; got != want {
		t.Fatalf("keys = %q, want %q", got, want)
	}
	wide := res.Items[2]
	if wide.Built || wide.Entry.Get("author") != "Heng{-}Tze Cheng and Levent Koc" || wide.Entry.Field("year").Part(0).Kind != bib.PartNumber {
		t.Errorf("the companion entry is not handed out as it is: %+v", wide.Entry)
	}
	if len(res.Notices) != 0 {
		t.Errorf("notices: %v", res.Notices)
	}
	if got := len(res.Built()); got != 3 {
		t.Errorf("Built() = %d items, want 3", got)
	}
	if res.Items[0].Line != 3 || res.Items[3].Line != 10 {
		t.Errorf("lines = %d, %d; want 3, 10", res.Items[0].Line, res.Items[3].Line)
	}
}

func TestGenerateKeysAreStable(t *testing.T) {
	base := keysOf(generate(t, genNotes, "", Options{}))
	if base != "kdd2018deep* kdd2018deepb* dlrs2016wide* neurips2019mobius*" {
		t.Fatalf("keys = %q", base)
	}
	// A paper added elsewhere changes no key.
	more := strings.Replace(genNotes, "## 检索\n", "## 检索\n### Attention Is All You Need[NIPS'17][Google]\n- e\n", 1)
	if got, want := keysOf(generate(t, more, "", Options{})), "kdd2018deep* kdd2018deepb* dlrs2016wide* nips2017attention* neurips2019mobius*"; got != want {
		t.Errorf("after adding a paper: %q, want %q", got, want)
	}
	// A colliding paper added after the others takes the next suffix.
	more = genNotes + "### Deep Crossing[KDD'18][MS]\n- f\n"
	if got, want := keysOf(generate(t, more, "", Options{})), "kdd2018deep* kdd2018deepb* dlrs2016wide* neurips2019mobius* kdd2018deepc*"; got != want {
		t.Errorf("after adding a colliding paper: %q, want %q", got, want)
	}
	// Filters do not change keys: they are assigned before filtering.
	res := generate(t, genNotes, "", Options{Filter: Filter{Sections: []string{"推荐"}}, KeyFormat: nil})
	if got, want := keysOf(res), "kdd2018deep* kdd2018deepb* dlrs2016wide*"; got != want {
		t.Errorf("section filter: %q, want %q", got, want)
	}
	res = generate(t, genNotes, "", Options{Filter: Filter{Venues: []string{"KDD"}, Years: YearRange{2018, 2018}}})
	if got := keysOf(res); got != "kdd2018deep* kdd2018deepb*" {
		t.Errorf("venue filter: %q", got)
	}
	res = generate(t, genNotes, "", Options{Filter: Filter{Years: YearRange{2019, 2019}}})
	if got := keysOf(res); got != "neurips2019mobius*" {
		t.Errorf("year filter: %q", got)
	}
}

func TestGenerateKeyFormat(t *testing.T) {
	kf, err := ParseKeyFormat("{venue}{yy}{word}{word2}")
	if err != nil {
		t.Fatal(err)
	}
	res := generate(t, genNotes, "", Options{KeyFormat: kf})
	if got, want := keysOf(res), "kdd18deepinterest* kdd18deeplearning* dlrs16widedeep* neurips19mobiustransformation*"; got != want {
		t.Errorf("keys = %q, want %q", got, want)
	}
}

func TestGenerateDuplicateTitles(t *testing.T) {
	src := genNotes + "## 又一次\n### Möbius Transformation for Fast Inner Product Search on Graph[NeurIPS'19][Baidu]\n- again\n"
	res := generate(t, src, "", Options{})
	if got := keysOf(res); got != "kdd2018deep* kdd2018deepb* dlrs2016wide* neurips2019mobius*" {
		t.Errorf("keys = %q", got)
	}
	if n := noticeWith(res, "same title as"); n == nil || !strings.Contains(n.String(), "notes.md:13: same title as notes.md:10; both share the entry neurips2019mobius") || n.Lost {
		t.Errorf("notices = %v", res.Notices)
	}
	// The filter sees the second occurrence too.
	res = generate(t, src, "", Options{Filter: Filter{Sections: []string{"又一次"}}})
	if got := keysOf(res); got != "neurips2019mobius*" {
		t.Errorf("filtered keys = %q", got)
	}
}

func TestGenerateIncompleteCompanionEntry(t *testing.T) {
	broken := `@inproceedings{zhou2018din,
  title = {Deep Interest Network for Click-Through Rate Prediction},
  author = {Guorui Zhou and
@misc{other, title = {Other}}
`
	res := generate(t, genNotes, broken, Options{})
	it := res.Items[0]
	if !it.Built || it.Replaces == nil || it.Replaces.Key != "zhou2018din" {
		t.Fatalf("first item = %+v, want an entry built in place of the incomplete zhou2018din", it)
	}
	if noticeWith(res, "zhou2018din of notes.bib for this paper has a syntax error") == nil {
		t.Errorf("notices = %v", res.Notices)
	}
}

// noticeWith returns the first notice whose text holds s, or nil.
func noticeWith(res *Result, s string) *Notice {
	for i := range res.Notices {
		if strings.Contains(res.Notices[i].String(), s) {
			return &res.Notices[i]
		}
	}
	return nil
}

// TestGenerateEntriesACanCite: the reproductions of what a paper could not
// cite as built: the abbreviation is no part of the title (shorttitle), a
// year comes from the other entry of the same paper, an arXiv id or a
// section named by a year, an unknown venue is said, organisations are
// spelled canonically, and a year written inside the venue tag does not
// reach the key.
func TestGenerateEntriesACanCite(t *testing.T) {
	src := "## 推荐\n" +
		"### Deep Interest Network for Click-Through Rate Prediction(DIN)[KDD'18][alibaba]\n- a\n" +
		"### Learning to Fuzz from Symbolic Execution[arXiv][Google]\n- https://arxiv.org/abs/2312.17117\n" +
		"### A Study of Fuzzing in Practice[EuroS&PW 2023'23][ETH]\n- b\n" +
		"### Some Thesis Title[QoMEX'16][MIT]\n- c\n" +
		"## 2021\n" +
		"### Sentence-level retrieval in Facebook search[Google]\n- d\n" +
		"## 再读\n" +
		"### Yet Another Paper Seen Twice[Meta]\n- e\n" +
		"### Yet Another Paper Seen Twice[ICLR'22][Meta]\n- f\n"
	res := generate(t, src, "", Options{Orgs: org.Default()})
	byKey := map[string]*bib.Entry{}
	for _, it := range res.Items {
		byKey[it.Entry.Key] = it.Entry
	}
	din := byKey["kdd2018deep"]
	if din == nil || din.Get("title") != "Deep {Interest Network} for {Click-Through Rate Prediction}" || din.Get("shorttitle") != "{DIN}" || din.Get("affiliation") != "Alibaba" {
		t.Errorf("DIN: %+v", din)
	}
	if e := byKey["arxiv2023learning"]; e == nil || e.Get("year") != "2023" || e.Get("eprint") != "2312.17117" {
		t.Errorf("arXiv year: keys %v", keysOf(res))
	}
	if e := byKey["eurospw2023study"]; e == nil || e.Get("booktitle") != "IEEE European Symposium on Security and Privacy Workshops" {
		t.Errorf("EuroS&PW 2023'23: keys %v", keysOf(res))
	}
	if e := byKey["2021sentencelevel"]; e == nil || e.Get("year") != "2021" || e.Get("title") != "Sentence-level retrieval in {Facebook} search" {
		t.Errorf("section year, proper noun: keys %v", keysOf(res))
	}
	twice := byKey["yet"]
	for k, e := range byKey {
		if strings.Contains(e.Get("title"), "Seen Twice") {
			twice = byKey[k]
		}
	}
	if twice == nil || twice.Get("year") != "2022" {
		t.Errorf("the second entry's year was lost: %+v", twice)
	}
	if n := noticeWith(res, `unknown venue "QoMEX"`); n == nil || n.Lost {
		t.Errorf("unknown venue not said: %v", res.Notices)
	}
}

func TestGenerateCrossrefAndHeader(t *testing.T) {
	companion := `@string{kdd = {Proceedings of KDD}}
@preamble{"\providecommand{\noopsort}[1]{}"}

@proceedings{kdd18,
  title = {Proceedings of KDD 2018},
  year  = {2018}
}

@inproceedings{zhou2018din,
  author    = {Guorui Zhou},
  title     = {Deep Interest Network for Click-Through Rate Prediction},
  booktitle = kdd,
  crossref  = {kdd18}
}
`
	res := generate(t, genNotes, companion, Options{})
	if got, want := keysOf(res), "zhou2018din kdd2018deep* dlrs2016wide* neurips2019mobius* kdd18"; got != want {
		t.Errorf("keys = %q, want %q (the cross-referenced entry last)", got, want)
	}
	if len(res.Header) != 2 || res.Header[0] != "@string{kdd = {Proceedings of KDD}}" || !strings.HasPrefix(res.Header[1], "@preamble{") {
		t.Errorf("header = %q", res.Header)
	}
	// Without an entry from the companion, no header.
	res = generate(t, "### Only Mine[KDD'19][X]\n", companion, Options{})
	if len(res.Header) != 0 || keysOf(res) != "kdd2019only*" {
		t.Errorf("header = %q, keys %q", res.Header, keysOf(res))
	}
}

func TestGenerateKeyClashBetweenCompanions(t *testing.T) {
	a := Source{Notes: parse(t, "### Deep Interest Network for Click-Through Rate Prediction[KDD'18][A]\n"),
		Companion: bib.Parse("a.bib", []byte("@misc{same, title = {Deep Interest Network for Click-Through Rate Prediction}}\n"))}
	b := Source{Notes: parse(t, "### Möbius Transformation for Fast Inner Product Search on Graph[NIPS'19][B]\n"),
		Companion: bib.Parse("b.bib", []byte("@misc{Same, title = {Möbius Transformation for Fast Inner Product Search on Graph}}\n"))}
	res := Generate([]Source{a, b}, Options{})
	if got := keysOf(res); got != "same" {
		t.Errorf("keys = %q, want only the first", got)
	}
	if len(res.Notices) != 1 || !res.Notices[0].Lost || !strings.Contains(res.Notices[0].Message, "the key Same of b.bib is also the key of another entry in a.bib") {
		t.Errorf("notices = %v", res.Notices)
	}
}

func TestGenerateKeysAvoidEveryCompanion(t *testing.T) {
	a := Source{Notes: parse(t, "### Deep Interest Network[KDD'18][A]\n")}
	b := Source{Notes: parse(t, "### Other[KDD'19][B]\n"),
		Companion: bib.Parse("b.bib", []byte("@misc{KDD2018Deep, title = {Unrelated}}\n"))}
	res := Generate([]Source{a, b}, Options{})
	if got := keysOf(res); got != "kdd2018deepb* kdd2019other*" {
		t.Errorf("keys = %q", got)
	}
}

func TestGenerateIsDeterministic(t *testing.T) {
	var outs [3][]byte
	for i := range outs {
		res := generate(t, genNotes+filterNotes, genBib, Options{})
		var buf bytes.Buffer
		if _, err := bib.Write(&buf, res.Entries(), bib.WriteOptions{}); err != nil {
			t.Fatal(err)
		}
		outs[i] = buf.Bytes()
	}
	if !bytes.Equal(outs[0], outs[1]) || !bytes.Equal(outs[0], outs[2]) {
		t.Errorf("outputs differ between runs")
	}
}

func TestLineIndex(t *testing.T) {
	ix := newLineIndex([]byte("ab\ncd\n\nef"))
	for off, want := range map[int]int{0: 1, 2: 1, 3: 2, 5: 2, 6: 3, 7: 4, 9: 4} {
		if got := ix.line(off); got != want {
			t.Errorf("line(%d) = %d, want %d", off, got, want)
		}
	}
}
