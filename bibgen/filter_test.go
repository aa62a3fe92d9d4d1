package bibgen

import (
	"strings"
	"testing"

	"github.com/paperlint/papers/venue"
)

func TestParseYearRange(t *testing.T) {
	good := map[string]YearRange{
		"2019":        {2019, 2019},
		"2019-2022":   {2019, 2022},
		" 2019-2019 ": {2019, 2019},
	}
	for in, want := range good {
		got, err := ParseYearRange(in)
		if err != nil || got != want {
			t.Errorf("ParseYearRange(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, in := range []string{"19", "2022-2019", "2019-", "-2019", "20x9", "2019-22", "0999", "2019–2022"} {
		if _, err := ParseYearRange(in); err == nil {
			t.Errorf("ParseYearRange(%q) succeeded, want an error", in)
		}
	}
}

const filterNotes = `# 论文
## 推荐系统
### A One[NIPS'17][G]
### B Two[NeurIPS'19][G]
## Dense Retrieval
### C Three[KDD'20][G]
### D Four[ISP'19][G]
### E Five[DLRS'16][G]
### F Six[美团]
`

func TestFilter(t *testing.T) {
	reg := venue.Default()
	d := parse(t, filterNotes)
	tests := []struct {
		name string
		f    Filter
		want string
	}{
		{"none", Filter{}, "ABCDEF"},
		{"section substring", Filter{Sections: []string{"推荐"}}, "AB"},
		{"section ignores case", Filter{Sections: []string{"retrieval"}}, "CDEF"},
		{"sections any", Filter{Sections: []string{"推荐", "dense"}}, "ABCDEF"},
		{"venue across the rename", Filter{Venues: []string{"NeurIPS"}}, "AB"},
		{"venue by old tag", Filter{Venues: []string{"nips"}}, "AB"},
		{"venue by alias", Filter{Venues: []string{"S&P"}}, "D"},
		{"unknown venue by name", Filter{Venues: []string{"dlrs"}}, "E"},
		{"year", Filter{Years: YearRange{2019, 2019}}, "BD"},
		{"year range", Filter{Years: YearRange{2017, 2019}}, "ABD"},
		{"all at once", Filter{Sections: []string{"推荐"}, Venues: []string{"NeurIPS"}, Years: YearRange{2018, 2022}}, "B"},
	}
	for _, tt := range tests {
		var got strings.Builder
		for _, p := range d.Papers {
			if tt.f.Match(p, reg) {
				got.WriteString(p.Title[:1])
			}
		}
		if got.String() != tt.want {
			t.Errorf("%s: matched %q, want %q", tt.name, got.String(), tt.want)
		}
	}
	f := Filter{Venues: []string{"NeurIPS", "DLRS", "Nuerips"}}
	if got := f.UnknownVenues(reg); strings.Join(got, ",") != "DLRS,Nuerips" {
		t.Errorf("UnknownVenues = %v, want [DLRS Nuerips]", got)
	}
}
