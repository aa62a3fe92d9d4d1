package ident

import (
	"strings"
	"testing"
)

// stringCase is an input and what a function of one string returns for it.
type stringCase struct{ in, want string }

// checkStrings runs f, named name in messages, on every case.
func checkStrings(t *testing.T, name string, f func(string) string, tests []stringCase) {
	t.Helper()
	for _, tt := range tests {
		if got := f(tt.in); got != tt.want {
			t.Errorf("%s(%q) = %q, want %q", name, tt.in, got, tt.want)
		}
	}
}

func TestDOI(t *testing.T) {
	tests := []stringCase{
		{"10.1145/3219819.3219823", "10.1145/3219819.3219823"},
		{"https://doi.org/10.1109/CVPR.2016.90", "10.1109/cvpr.2016.90"},
		{"http://dx.doi.org/10.1109/CVPR.2016.90", "10.1109/cvpr.2016.90"},
		{"HTTPS://DOI.ORG/10.1109/CVPR.2016.90", "10.1109/cvpr.2016.90"},
		{"https://www.doi.org/10.1/x", "10.1/x"},
		// Missing from match's old prefix list, though bibgen took it.
		{"http://www.doi.org/10.1/x", "10.1/x"},
		{"www.doi.org/10.1/x", "10.1/x"},
		{"doi.org/10.1/x", "10.1/x"},
		{"doi:10.1109/CVPR.2016.90", "10.1109/cvpr.2016.90"},
		{"DOI: 10.1/x", "10.1/x"},
		{"https://doi.org/10.1002%2F0470841559.ch1", "10.1002/0470841559.ch1"},
		{`{10.1000/{ABC}\_1}`, "10.1000/abc_1"},
		{"  10.1/x ", "10.1/x"},
		{"https://arxiv.org/abs/1706.03762", ""},
		{"https://example.org/10.1/x", ""},
		{"https://doi.acm.org/10.1/x", ""},
		{"11.1/x", ""},
		{"10.1145", ""},
		{"10.1/x y", ""},
		{"", ""},
	}
	checkStrings(t, "DOI", DOI, tests)
}

func TestTrimDOIPrefix(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"https://doi.org/10.1/X", "10.1/X", true},
		{"doi: 10.1/X", "10.1/X", true},
		{"http://www.doi.org/10.1/X", "10.1/X", true},
		{"Dx.Doi.Org/10.1/X ", "10.1/X", true},
		{"10.1/X", "10.1/X", false},
		{"https://example.org/10.1/X", "https://example.org/10.1/X", false},
	}
	for _, tt := range tests {
		if got, ok := TrimDOIPrefix(tt.in); got != tt.want || ok != tt.ok {
			t.Errorf("TrimDOIPrefix(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestArXivFromURL(t *testing.T) {
	tests := []stringCase{
		{"https://arxiv.org/abs/2010.11929", "2010.11929"},
		{"https://www.arxiv.org/pdf/2010.11929v3", "2010.11929"},
		{"http://export.arxiv.org/abs/2010.11929", "2010.11929"},
		{"https://arxiv.org/pdf/1512.03385.pdf", "1512.03385"},
		{"https://arxiv.org/pdf/1512.03385v2.pdf", "1512.03385"},
		{"https://arxiv.org/abs/1512.03385v1/", "1512.03385"},
		{"https://arxiv.org/abs/1512.03385?context=cs", "1512.03385"},
		{"https://arxiv.org/abs/1512.03385#S3", "1512.03385"},
		{"arxiv.org/abs/1512.03385", "1512.03385"},
		{"http://arxiv.org/abs/hep-th/9901001v1", "hep-th/9901001"},
		{"https://arxiv.org/abs/math.GT/0309136", "math.GT/0309136"},
		{"https://arxiv.org/abs/0704.0001", "0704.0001"},
		// html and format pages name the paper too (bibgen took abs and
		// pdf only), and so do subdomains such as ar5iv's.
		{"https://arxiv.org/html/2401.12345v1", "2401.12345"},
		{"https://arxiv.org/format/2401.12345", "2401.12345"},
		{"https://ar5iv.labs.arxiv.org/html/1706.03762", "1706.03762"},
		// arXiv DOIs, bare or as links.
		{"https://doi.org/10.48550/arXiv.2302.13971", "2302.13971"},
		{"10.48550/arXiv.2302.13971", "2302.13971"},
		// Not arXiv's host, or no identifier right after the path word
		// (match used to find one anywhere in such links).
		{"https://web.archive.org/web/2020/https://arxiv.org/abs/2010.11929", ""},
		{"https://notarxiv.org/abs/2010.11929", ""},
		{"https://example.org/abs/2010.11929", ""},
		{"https://arxiv.org/list/cs.LG/recent", ""},
		{"https://arxiv.org/abs/see/2010.11929", ""},
		{"https://arxiv.org/abs/2010.119291", ""},
		{"https://arxiv.org/abs/2010.11929x", ""},
		{"", ""},
	}
	checkStrings(t, "ArXivFromURL", ArXivFromURL, tests)
}

func TestArXiv(t *testing.T) {
	tests := []stringCase{
		{"1706.03762", "1706.03762"},
		{"arXiv:1706.03762v1", "1706.03762"},
		{"ARXIV: 1706.03762", "1706.03762"},
		{"https://arxiv.org/abs/1706.03762", "1706.03762"},
		{"hep-th/9901001", "hep-th/9901001"},
		{"see 1706.03762", ""},
		{"12345.67890", ""},
	}
	checkStrings(t, "ArXiv", ArXiv, tests)
	if got := ArXivKey("math.GT/0309136"); got != "math.gt/0309136" {
		t.Errorf("ArXivKey = %q", got)
	}
}

func TestArXivInText(t *testing.T) {
	tests := []stringCase{
		{"arXiv preprint arXiv:1810.04805", "1810.04805"},
		{"arXiv 1810.04805", "1810.04805"},
		{"ArXiv:hep-th/9901001", "hep-th/9901001"},
		{"CoRR", ""},
		{"arXiv", ""},
		{"Proceedings 1810.04805", ""},
	}
	checkStrings(t, "ArXivInText", ArXivInText, tests)
}

// fields is a getter over a .bib entry's fields written as "name=value;...".
func fields(s string) func(string) string {
	m := map[string]string{}
	for kv := range strings.SplitSeq(s, ";") {
		if name, value, ok := strings.Cut(kv, "="); ok {
			m[name] = value
		}
	}
	return func(name string) string { return m[name] }
}

func TestEntryArXiv(t *testing.T) {
	tests := []stringCase{
		{"eprint=1706.03762;archiveprefix=arXiv", "1706.03762"},
		{"eprint=2001.08361v2", "2001.08361"},
		{"eprint=hep-th/9901001v1;archiveprefix=arXiv", "hep-th/9901001"},
		{"eprint=math.GT/0309136;archiveprefix=arXiv", "math.GT/0309136"},
		{"eprint=hal-01234567;eprinttype=hal", ""},
		{"journal=CoRR;volume=abs/2001.08361", "2001.08361"},
		{"journal={CoRR};volume=abs/2001.08361", "2001.08361"},
		{"journal=arXiv preprint arXiv:1810.04805", "1810.04805"},
		{"url=https://arxiv.org/abs/1512.03385v1", "1512.03385"},
		{"url=http://arxiv.org/pdf/1512.03385.pdf", "1512.03385"},
		{"doi=10.48550/arXiv.2302.13971", "2302.13971"},
		{"doi=https://doi.org/10.48550/arXiv.2302.13971", "2302.13971"},
		{"howpublished=arXiv:2302.13971", "2302.13971"},
		{"note=arXiv 2302.13971", "2302.13971"},
		{"booktitle=ICML;pages=1706.03762", ""},
		{"eprint=12345.67890", ""},
		{"url=https://example.org/1706.03762", ""},
		{"", ""},
	}
	checkStrings(t, "EntryArXiv", func(s string) string { return EntryArXiv(fields(s)) }, tests)
}

func TestEntryDOI(t *testing.T) {
	tests := []stringCase{
		{"doi=10.1109/CVPR.2016.90", "10.1109/cvpr.2016.90"},
		{"doi=x;url=https://doi.org/10.1/X", "10.1/x"},
		{"url=https://www.doi.org/10.1/X", "10.1/x"},
		{"url=https://example.org/10.1/X", ""},
		{"", ""},
	}
	checkStrings(t, "EntryDOI", func(s string) string { return EntryDOI(fields(s)) }, tests)
}
