package bibgen

import (
	"strings"
	"testing"

	"github.com/paperlint/papers/notes"
	"github.com/paperlint/papers/venue"
)

// parse reads a notes text with the default registry, as `papers` does in
// 2026 (a fixed year, so that the tests read two-digit years the same on
// any day).
func parse(t *testing.T, src string) *notes.Document {
	t.Helper()
	reg := venue.Default()
	return notes.Parse("notes.md", []byte(src), notes.Options{Year: 2026, IsVenue: func(n string) bool {
		_, ok := reg.Lookup(n)
		return ok
	}})
}

// paper parses one heading entry.
func paper(t *testing.T, line string) *notes.Paper {
	t.Helper()
	d := parse(t, "## 节\n"+line+"\n- note\n")
	if len(d.Papers) != 1 {
		t.Fatalf("%q: %d papers, want 1", line, len(d.Papers))
	}
	return d.Papers[0]
}

func TestKeyDefault(t *testing.T) {
	reg := venue.Default()
	tests := []struct {
		line, want string
	}{
		{"### Möbius Transformation for Fast Inner Product Search on Graph[NIPS'19][Baidu]", "neurips2019mobius"},
		{"### Attention Is All You Need[NIPS'17][Google]", "nips2017attention"},
		{"### A Neural Corpus Indexer for Document Retrieval[NeurIPS'22][MSRA]", "neurips2022neural"},
		{"### Towards the Limits of an Approach[ICML'20][X]", "icml2020limits"},
		{"### On the Theory of Things[ICLR'21][X]", "iclr2021theory"},
		{"### Neural Cleanse: Identifying Backdoors[ISP'19][UChicago]", "sp2019neural"},
		{"### Deep Interest Network for Click-Through Rate Prediction(DIN)[KDD'18][Ali]", "kdd2018deep"},
		{"### Click-Through Prediction[KDD'18][Ali]", "kdd2018clickthrough"},
		{"### Fréchet Distances for Schrödinger Bridges[arxiv'22][X]", "arxiv2022frechet"},
		{"### Straße Learning[CVPR'22][X]", "cvpr2022strasse"},
		{"### 基于图的检索 Graph Retrieval[KDD'21][X]", "kdd2021graph"},
		{"### 基于图的检索[KDD'21][X]", "kdd2021"},
		{"### Wide & Deep Learning[DLRS'16][Google]", "dlrs2016wide"},
		{"### Something New[ Foo'21][X]", "foo2021something"},
		{"### 基于图的检索[美团]", "paper"},
	}
	kf, err := ParseKeyFormat(DefaultKeyFormat)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		p := paper(t, tt.line)
		if got := kf.Key(p, reg); got != tt.want {
			t.Errorf("Key(%q) = %q, want %q", tt.line, got, tt.want)
		}
	}
}

func TestKeyFormats(t *testing.T) {
	reg := venue.Default()
	p := paper(t, "### Deep Interest Network for Click-Through Rate Prediction(DIN)[KDD'18][Alibaba]")
	q := paper(t, "### Möbius Transformation for Fast Inner Product Search on Graph[NIPS'19][Baidu]")
	tests := []struct {
		format, wantP, wantQ string
	}{
		{"{venue}{year}{word}", "kdd2018deep", "neurips2019mobius"},
		{"{venue}{yy}{word}{word2}", "kdd18deepinterest", "neurips19mobiustransformation"},
		{"{word}{word2}{word3}", "deepinterestnetwork", "mobiustransformationfast"},
		{"{abbrev}{year}", "din2018", "mobius2019"},
		{"{org}:{venue}-{year}_{abbrev}", "alibaba:kdd-2018_din", "baidu:neurips-2019_mobius"},
		{"Ref.{year}", "Ref.2018", "Ref.2019"},
	}
	for _, tt := range tests {
		kf, err := ParseKeyFormat(tt.format)
		if err != nil {
			t.Errorf("ParseKeyFormat(%q): %v", tt.format, err)
			continue
		}
		if kf.String() != tt.format {
			t.Errorf("String() = %q, want %q", kf.String(), tt.format)
		}
		if got := kf.Key(p, reg); got != tt.wantP {
			t.Errorf("%s: DIN key = %q, want %q", tt.format, got, tt.wantP)
		}
		if got := kf.Key(q, reg); got != tt.wantQ {
			t.Errorf("%s: Möbius key = %q, want %q", tt.format, got, tt.wantQ)
		}
	}
}

func TestParseKeyFormatErrors(t *testing.T) {
	tests := []struct{ format, want string }{
		{"{venue", "not closed"},
		{"venue}", "closes nothing"},
		{"{author}{year}", "unknown placeholder {author}"},
		{"{venue} {year}", "not allowed"},
		{"{venue},{year}", "not allowed"},
		{"{venue}é", "not allowed"},
		{"ref", "no placeholder"},
		{"", "no placeholder"},
	}
	for _, tt := range tests {
		_, err := ParseKeyFormat(tt.format)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("ParseKeyFormat(%q) = %v, want an error containing %q", tt.format, err, tt.want)
		}
	}
}

func TestASCIIFold(t *testing.T) {
	tests := map[string]string{
		"Möbius":      "mobius",
		"Schrödinger": "schrodinger",
		"Éric":        "eric",
		"Straße":      "strasse",
		"Łódź":        "lodz",
		"Ærø":         "aero",
		"Ｆｕｌｌ":        "full",
		"ﬁne":         "fine",
		"检索":          "",
		"αβ-Net":      "net",
		"S&P":         "sp",
		"YOLOv7:":     "yolov7",
	}
	for in, want := range tests {
		if got := ASCIIFold(in); got != want {
			t.Errorf("ASCIIFold(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSignificantWords(t *testing.T) {
	got := SignificantWords("Towards an Understanding of the 检索 Möbius-Like Trick in BERT", 3)
	want := []string{"understanding", "mobiuslike", "trick"}
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("SignificantWords = %v, want %v", got, want)
	}
}

func TestKeysSuffixes(t *testing.T) {
	k := NewKeys()
	k.Reserve("KDD2018Deep") // case is ignored, as BibTeX does
	var got []string
	for i := 0; i < 28; i++ {
		got = append(got, k.Assign("kdd2018deep"))
	}
	want := []string{"kdd2018deepb", "kdd2018deepc", "kdd2018deepd"}
	for i, w := range want {
		if got[i] != w {
			t.Errorf("key %d = %q, want %q", i, got[i], w)
		}
	}
	if got[24] != "kdd2018deepz" || got[25] != "kdd2018deepba" || got[26] != "kdd2018deepbb" {
		t.Errorf("keys 24..26 = %v, want ...z, ...ba, ...bb", got[24:27])
	}
	seen := map[string]bool{}
	for _, g := range got {
		if seen[g] {
			t.Errorf("key %q handed out twice", g)
		}
		seen[g] = true
	}
	// A base that equals an earlier suffixed key moves on.
	if got := k.Assign("kdd2018deepb"); got != "kdd2018deepbd" {
		t.Errorf("Assign(kdd2018deepb) = %q, want kdd2018deepbd (b, bb and bc are taken)", got)
	}
}

func TestSuffix(t *testing.T) {
	for n, want := range map[int]string{1: "b", 2: "c", 25: "z", 26: "ba", 27: "bb", 52: "ca", 676: "baa"} {
		if got := suffix(n); got != want {
			t.Errorf("suffix(%d) = %q, want %q", n, got, want)
		}
	}
}
