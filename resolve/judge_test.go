package resolve

import (
	"strings"
	"testing"

	"github.com/paperlint/papers/bib"
	"github.com/paperlint/papers/venue"
)

// query builds a query the way QueryFor does, from a venue tag as the
// notes write it.
func query(t *testing.T, title, tag string, year int) Query {
	t.Helper()
	q := Query{Title: title, VenueTag: tag, Year: year}
	if tag != "" {
		q.Venue, _ = venue.Default().Lookup(tag)
	}
	return q
}

// entry builds a record entry from name, value pairs.
func entry(typ, key string, kv ...string) *bib.Entry {
	e := bib.NewEntry(typ, key)
	for i := 0; i+1 < len(kv); i += 2 {
		e.Set(kv[i], kv[i+1])
	}
	return e
}

func TestJudge(t *testing.T) {
	din := "Deep Interest Network for Click-Through Rate Prediction"
	tests := []struct {
		name    string
		q       Query
		e       *bib.Entry
		want    Level
		why     string // substring of Verdict.Why
		yearOff int
	}{
		{
			name: "exact match",
			q:    query(t, din, "KDD", 2018),
			e:    entry("inproceedings", "DBLP:conf/kdd/ZhouZSFZMYJLG18", "title", din, "booktitle", "KDD", "year", "2018"),
			want: Same,
		},
		{
			name: "look-alike title refused",
			q:    query(t, "Trojan attack on neural networks", "NDSS", 2018),
			e:    entry("inproceedings", "x", "title", "Trojaning Attack on Neural Networks", "booktitle", "NDSS", "year", "2018"),
			want: Refused, why: `the title differs: "trojan" vs "trojaning"`,
		},
		{
			name: "a version number is another paper",
			q:    query(t, "YOLOv7: Trainable bag-of-freebies sets new state-of-the-art for real-time object detectors", "arXiv", 2022),
			e:    entry("misc", "x", "title", "{YOLOv6}: Trainable bag-of-freebies sets new state-of-the-art for real-time object detectors", "eprint", "2207.02696", "year", "2022"),
			want: Refused, why: `"7" vs "6"`,
		},
		{
			name: "a typo is the same title",
			q:    query(t, "Segment and Complete: Defending Object Detectors against Adversarial Patch Atacks with Robust Patch Detection", "CVPR", 2022),
			e:    entry("inproceedings", "x", "title", "Segment and Complete: Defending Object Detectors Against Adversarial Patch Attacks With Robust Patch Detection", "booktitle", "Proceedings of the IEEE/CVF Conference on Computer Vision and Pattern Recognition (CVPR)", "year", "2022"),
			want: Same,
		},
		{
			name: "the abbreviation in front",
			q:    Query{Title: "Deep & Cross Network for Ad Click Predictions", Abbrev: "DCN", Year: 2017},
			e:    entry("inproceedings", "x", "title", "{DCN}: Deep {\\&} Cross Network for Ad Click Predictions", "booktitle", "ADKDD", "year", "2017"),
			want: Same,
		},
		{
			name: "preprint a year older accepted as another version",
			q:    query(t, "Möbius Transformation for Fast Inner Product Search on Graph", "NIPS", 2019),
			e:    entry("misc", "x", "title", "M{\\\"o}bius Transformation for Fast Inner Product Search on Graph", "eprint", "1810.00001", "archivePrefix", "arXiv", "year", "2018"),
			want: OtherVersion, why: "the arXiv version", yearOff: -1,
		},
		{
			name: "two years apart refused",
			q:    query(t, din, "KDD", 2018),
			e:    entry("inproceedings", "x", "title", din, "booktitle", "KDD", "year", "2016"),
			want: Refused, why: "the record's year is 2016, the notes say 2018", yearOff: -2,
		},
		{
			name: "no year in the record refused",
			q:    query(t, din, "KDD", 2018),
			e:    entry("inproceedings", "x", "title", din, "booktitle", "KDD"),
			want: Refused, why: "no year",
		},
		{
			name: "another venue refused",
			q:    query(t, din, "KDD", 2018),
			e:    entry("inproceedings", "x", "title", din, "booktitle", "ICML", "year", "2018"),
			want: Refused, why: "the record's venue is ICML, the notes say KDD",
		},
		{
			name: "no venue in the record refused",
			q:    query(t, din, "KDD", 2018),
			e:    entry("misc", "x", "title", din, "year", "2018"),
			want: Refused, why: "names no venue",
		},
		{
			name: "the notes name no venue",
			q:    Query{Title: din},
			e:    entry("misc", "x", "title", din, "year", "2010"),
			want: Same,
		},
		{
			name: "a published version of a preprint",
			q:    query(t, "Deep & Cross Network for Ad Click Predictions", "arXiv", 2017),
			e:    entry("inproceedings", "x", "title", "Deep {\\&} Cross Network for Ad Click Predictions", "booktitle", "Proceedings of the ADKDD'17", "year", "2017"),
			want: OtherVersion, why: "the published version",
		},
		{
			name: "a workshop of the conference",
			q:    query(t, "Role of Spatial Context in Adversarial Robustness for Object Detection", "CVPR", 2020),
			e:    entry("inproceedings", "x", "title", "Role of Spatial Context in Adversarial Robustness for Object Detection", "booktitle", "CVPR Workshops", "year", "2020"),
			want: OtherVersion, why: "the workshop version (CVPRW)",
		},
		{
			name: "a venue the registry does not know, named by the record",
			q:    query(t, "Wide & Deep Learning for Recommender Systems", "DLRS", 2016),
			e:    entry("inproceedings", "x", "title", "Wide {\\&} Deep Learning for Recommender Systems", "booktitle", "DLRS@RecSys", "year", "2016"),
			want: Same,
		},
		{
			name: "a venue the registry does not know, not named by the record",
			q:    query(t, "Wide & Deep Learning for Recommender Systems", "DLRS", 2016),
			e:    entry("inproceedings", "x", "title", "Wide {\\&} Deep Learning for Recommender Systems", "booktitle", "RecSys", "year", "2016"),
			want: Refused, why: "does not name DLRS",
		},
		{
			name: "DBLP's short venue resolved by its key",
			q:    query(t, "Neural Cleanse: Identifying and Mitigating Backdoor Attacks in Neural Networks", "ISP", 2019),
			e:    entry("inproceedings", "DBLP:conf/sp/WangYSLVZZ19", "title", "Neural Cleanse: Identifying and Mitigating Backdoor Attacks in Neural Networks", "booktitle", "SP", "year", "2019"),
			want: Same,
		},
		{
			name: "no title",
			q:    query(t, din, "KDD", 2018),
			e:    entry("inproceedings", "x", "booktitle", "KDD", "year", "2018"),
			want: Refused, why: "no title",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := Judge(tt.q, tt.e, nil)
			if v.Level != tt.want || !strings.Contains(v.Why, tt.why) || v.YearOff != tt.yearOff {
				t.Errorf("Judge = %v %q (year off %d), want %v with %q (year off %d)", v.Level, v.Why, v.YearOff, tt.want, tt.why, tt.yearOff)
			}
		})
	}
}

func TestMentions(t *testing.T) {
	for _, c := range []struct {
		text, name string
		want       bool
	}{
		{"DLRS@RecSys 2016", "DLRS", true},
		{"IEEE S & P", "S&P", true},
		{"Proceedings of the ADKDD'17", "KDD", false},
		{"USENIX Security Symposium", "USENIX Security", true},
		{"", "KDD", false},
	} {
		if got := mentions(c.text, c.name); got != c.want {
			t.Errorf("mentions(%q, %q) = %v", c.text, c.name, got)
		}
	}
}
