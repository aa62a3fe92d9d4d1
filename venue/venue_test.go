package venue

import (
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/paperlint/papers/internal/year"
	"gopkg.in/yaml.v3"

	"github.com/paperlint/papers/internal/testkit"
)

func mustLookup(t *testing.T, r *Registry, name string) *Venue {
	t.Helper()
	v, ok := r.Lookup(name)
	if !ok {
		t.Fatalf("Lookup(%q) not found", name)
	}
	return v
}

func TestHeldIn(t *testing.T) {
	r := Default()
	tests := []struct {
		tag        string
		year       int
		held, know bool
	}{
		{"ECCV", 2022, true, true},
		{"ECCV", 2021, false, true},
		{"ECCV", 1990, true, true},
		{"ECCV", 1988, false, true}, // before the first year
		{"ICCV", 2023, true, true},
		{"ICCV", 2022, false, true},
		{"ICCV", 1988, true, true},  // extra
		{"ICCV", 1989, false, true}, // skip
		{"ICCV", 1985, false, true}, // before the first year
		{"ICCVW", 2021, true, true}, // no first year: the cadence decides
		{"ICCVW", 2022, false, true},
		{"OSDI", 2018, true, true},
		{"OSDI", 2019, false, true},
		{"OSDI", 2021, true, true}, // annual after 2020
		{"OSDI", 1999, true, true}, // extra
		{"OSDI", 1998, false, true},
		{"ICLR", 2012, false, true},
		{"ICLR", 2013, true, true},
		{"NeurIPS", 1986, false, true},
		{"arXiv", 2020, true, true},
		{"COLING", 2025, true, true}, // extra
		{"COLING", 2023, false, true},
		{"IJCAI", 2014, false, true}, // odd until 2015
		{"IJCAI", 2016, true, true},
		// Unverified years: the data answers, but nobody vouches for it.
		{"ICML", 1975, false, false},
		{"ICML", 2020, true, false},
		{"LREC", 2021, false, false},
		{"SOSP", 2022, false, false},
		{"NAACL", 2020, false, false},
		{"NAACL", 2019, true, false},
		{"WACV", 2020, true, false}, // irregular without a list
	}
	for _, tt := range tests {
		v := mustLookup(t, r, tt.tag)
		held, known := v.Held.HeldIn(tt.year)
		if held != tt.held || known != tt.know {
			t.Errorf("%s HeldIn(%d) = (%v, %v), want (%v, %v)", tt.tag, tt.year, held, known, tt.held, tt.know)
		}
	}
}

func TestHeldInCadences(t *testing.T) {
	tests := []struct {
		name       string
		h          Held
		year       int
		held, know bool
	}{
		{"no cadence", Held{First: 2000, Verified: true}, 2010, true, false},
		{"ended without then", Held{First: 2000, Cadence: Annual, Until: 2005, Verified: true}, 2006, true, false},
		{"years list wins", Held{First: 2000, Cadence: Annual, Years: []int{2001}, Verified: true}, 2002, false, true},
		{"irregular before first", Held{First: 2000, Cadence: Irregular, Verified: true}, 1999, false, true},
		{"even after odd", Held{First: 1990, Cadence: Odd, Until: 2000, Then: Even, Verified: true}, 2002, true, true},
		{"zero value", Held{}, 2020, false, false},
	}
	for _, tt := range tests {
		held, known := tt.h.HeldIn(tt.year)
		if held != tt.held || known != tt.know {
			t.Errorf("%s: HeldIn(%d) = (%v, %v), want (%v, %v)", tt.name, tt.year, held, known, tt.held, tt.know)
		}
	}
}

func TestTagFor(t *testing.T) {
	r := Default()
	tests := []struct {
		name string
		year int
		want string
	}{
		{"NIPS", 2022, "NeurIPS"},
		{"NeurIPS", 2016, "NIPS"},
		{"NeurIPS", 2017, "NIPS"},
		{"NeurIPS", 2018, "NeurIPS"},
		{"nips", 1995, "NIPS"},
		{"SysML", 2019, "MLSys"}, // unverified rename: recorded, never applied
		{"TNNLS", 2010, "TNNLS"},
		{"KDD", 2018, "KDD"},
		{"S&P", 2021, "S&P"},
		{"ArXiv", 2020, "arXiv"},
	}
	for _, tt := range tests {
		if got := mustLookup(t, r, tt.name).TagFor(tt.year); got != tt.want {
			t.Errorf("Lookup(%q).TagFor(%d) = %q, want %q", tt.name, tt.year, got, tt.want)
		}
	}
	mlsys := mustLookup(t, r, "MLSys")
	if len(mlsys.Former) != 1 || mlsys.Former[0].Tag != "SysML" || mlsys.Former[0].Verified {
		t.Errorf("MLSys.Former = %+v, want one unverified SysML", mlsys.Former)
	}
}

func TestEntryFor(t *testing.T) {
	r := Default()
	tests := []struct {
		tag                       string
		year                      int
		entry, booktitle, journal string
	}{
		{"POPL", 2017, EntryInProceedings, "Proceedings of the ACM SIGPLAN-SIGACT Symposium on Principles of Programming Languages", ""},
		{"POPL", 2018, EntryArticle, "", "Proceedings of the ACM on Programming Languages"},
		{"PLDI", 2022, EntryInProceedings, "Proceedings of the ACM SIGPLAN Conference on Programming Language Design and Implementation", ""},
		{"PLDI", 2023, EntryArticle, "", "Proceedings of the ACM on Programming Languages"},
		{"OOPSLA", 2016, EntryInProceedings, "", ""},
		{"NeurIPS", 2016, EntryInProceedings, "Advances in Neural Information Processing Systems", ""},
		{"arXiv", 2020, EntryMisc, "", "arXiv preprint"},
		{"JMLR", 2020, EntryArticle, "", "Journal of Machine Learning Research"},
	}
	for _, tt := range tests {
		e, b, j := mustLookup(t, r, tt.tag).EntryFor(tt.year)
		if e != tt.entry || b != tt.booktitle || j != tt.journal {
			t.Errorf("%s.EntryFor(%d) = (%q, %q, %q), want (%q, %q, %q)", tt.tag, tt.year, e, b, j, tt.entry, tt.booktitle, tt.journal)
		}
	}
}

func TestEmbeddedInvariants(t *testing.T) {
	r := Default()
	seen := map[string]string{}
	for _, v := range r.All() {
		if err := validate(v); err != nil {
			t.Errorf("%s: %v", v.Tag, err)
		}
		if v.Held.Cadence == "" && len(v.Held.Years) == 0 {
			t.Errorf("%s: no cadence", v.Tag)
		}
		for _, n := range v.Names() {
			key := Normalize(n)
			if other, ok := seen[key]; ok && other != v.Tag {
				t.Errorf("name %q of %s also names %s", n, v.Tag, other)
			}
			seen[key] = v.Tag
			if got := mustLookup(t, r, n); got != v {
				t.Errorf("Lookup(%q) = %s, want %s", n, got.Tag, v.Tag)
			}
		}
	}
	arxiv := mustLookup(t, r, "ARXIV")
	if arxiv.Tag != "arXiv" || arxiv.Kind != Preprint || arxiv.EntryType != EntryMisc {
		t.Errorf("arXiv = %q %s %s, want arXiv preprint misc", arxiv.Tag, arxiv.Kind, arxiv.EntryType)
	}
	if v := mustLookup(t, r, "NeurIPS"); !v.IsUnverified("publisher") || v.IsUnverified("booktitle") {
		t.Errorf("NeurIPS unverified fields = %v, want publisher only", v.Unverified)
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, doc, want string
	}{
		{"unknown key", "venues:\n- tag: X\n  kind: conference\n  entry: inproceedings\n  booktitle: B\n  colour: red\n  held: {verified: true}\n", "colour"},
		{"verified missing", "venues:\n- tag: X\n  kind: conference\n  entry: inproceedings\n  booktitle: B\n  held: {first: 2000, cadence: annual}\n", "verified"},
		{"former verified missing", "venues:\n- tag: X\n  former: [{tag: Y, until: 2000}]\n  kind: conference\n  entry: inproceedings\n  booktitle: B\n  held: {verified: true}\n", "verified"},
		{"no booktitle", "venues:\n- tag: X\n  kind: conference\n  entry: inproceedings\n  held: {verified: true}\n", "booktitle"},
		{"no journal", "venues:\n- tag: X\n  kind: journal\n  entry: article\n  held: {verified: true}\n", "journal"},
		{"bad kind", "venues:\n- tag: X\n  kind: meetup\n  entry: inproceedings\n  booktitle: B\n  held: {verified: true}\n", "kind"},
		{"bad cadence", "venues:\n- tag: X\n  kind: conference\n  entry: inproceedings\n  booktitle: B\n  held: {cadence: weekly, verified: true}\n", "cadence"},
		{"duplicate name", "venues:\n- tag: X\n  kind: conference\n  entry: inproceedings\n  booktitle: B\n  held: {verified: true}\n- tag: Y\n  aliases: [x]\n  kind: conference\n  entry: inproceedings\n  booktitle: B\n  held: {verified: true}\n", "already names X"},
		{"not yaml", "venues: [", "decoding"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse([]byte(tt.doc))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Parse error = %v, want one mentioning %q", err, tt.want)
			}
		})
	}
}

func TestWith(t *testing.T) {
	base := Default()
	before := len(base.All())
	kddAliases := len(mustLookup(t, base, "KDD").Aliases)

	r, err := base.With(
		[]Venue{{Tag: "ICSME", Aliases: []string{"Intl Conf Software Maintenance"}, Kind: Conference, Booktitle: "International Conference on Software Maintenance and Evolution"}},
		map[string]string{"SIGKDDConf": "KDD", "SoftEng": "icsme", "Oakland": "S&P"},
	)
	if err != nil {
		t.Fatal(err)
	}
	icse := mustLookup(t, r, "softeng")
	if icse.Tag != "ICSME" || icse.EntryType != EntryInProceedings {
		t.Errorf("config venue = %q %q, want ICSE inproceedings", icse.Tag, icse.EntryType)
	}
	if got := mustLookup(t, r, "SIGKDDConf").Tag; got != "KDD" {
		t.Errorf("config alias resolves to %s, want KDD", got)
	}
	if got := mustLookup(t, r, "KDD"); got != mustLookup(t, r, "SIGKDD") {
		t.Error("KDD and SIGKDD resolve to different copies after With")
	}
	// Default is untouched.
	if _, ok := base.Lookup("SIGKDDConf"); ok {
		t.Error("With changed the base registry: SIGKDDConf resolves")
	}
	if _, ok := base.Lookup("ICSME"); ok {
		t.Error("With changed the base registry: ICSME resolves")
	}
	if n := len(mustLookup(t, Default(), "KDD").Aliases); n != kddAliases {
		t.Errorf("With changed Default's KDD aliases: %d, want %d", n, kddAliases)
	}
	if len(base.All()) != before || len(r.All()) != before+1 {
		t.Errorf("venue counts: base %d (want %d), new %d (want %d)", len(base.All()), before, len(r.All()), before+1)
	}
	if got := tags(r.Suggest("ICSMEE")); len(got) == 0 || got[0] != "ICSME" {
		t.Errorf("Suggest(ICSMEE) after With = %v, want ICSME first", got)
	}

	errTests := []struct {
		name    string
		extra   []Venue
		aliases map[string]string
		want    string
	}{
		{"alias to unknown", nil, map[string]string{"Foo": "NoSuchConf"}, "not a known venue"},
		{"alias conflicts", nil, map[string]string{"NIPS": "ICML"}, "already names NeurIPS"},
		{"alias conflicts after normalising", nil, map[string]string{"s & p": "CCS"}, "already names S&P"},
		{"empty alias", nil, map[string]string{" ": "KDD"}, "empty alias"},
		{"venue reuses a tag", []Venue{{Tag: "kdd", Kind: Conference, Booktitle: "B"}}, nil, "already names KDD"},
		{"venue reuses an alias", []Venue{{Tag: "New", Aliases: []string{"SIGKDD"}, Kind: Conference, Booktitle: "B"}}, nil, "already names KDD"},
		{"venue without kind", []Venue{{Tag: "New", Booktitle: "B"}}, nil, "missing kind"},
		{"venue without tag", []Venue{{Kind: Conference, Booktitle: "B"}}, nil, "missing tag"},
		{"journal without journal", []Venue{{Tag: "New", Kind: Journal}}, nil, "needs a journal"},
		{"two config venues clash", []Venue{{Tag: "A1", Kind: Workshop}, {Tag: "a 1", Kind: Workshop}}, nil, "already names A1"},
	}
	for _, tt := range errTests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := base.With(tt.extra, tt.aliases)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("With error = %v, want one mentioning %q", err, tt.want)
			}
			if got != nil {
				t.Error("With returned a registry along with an error")
			}
		})
	}
	// An alias that already names its target is accepted as is.
	if _, err := base.With(nil, map[string]string{"NIPS": "NeurIPS", "sigkdd": "KDD"}); err != nil {
		t.Errorf("redundant aliases: %v", err)
	}
}

func TestExpandYear(t *testing.T) {
	// The rule is year.Expand's, tested there: this checks the delegation.
	for _, yy := range []int{0, 27, 28, 99, 2018, -1} {
		if got, want := ExpandYearFrom(yy, 2026), year.Expand(yy, 2026); got != want {
			t.Errorf("ExpandYearFrom(%d, 2026) = %d, want %d", yy, got, want)
		}
	}
}

func TestConcurrentUse(t *testing.T) {
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			r := Default()
			if _, ok := r.Lookup("NIPS"); !ok {
				t.Error("NIPS not found")
			}
			r.Suggest("Arivx")
			if _, err := r.With(nil, map[string]string{"X" + string(rune('a'+i)): "KDD"}); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
}

// refVenue is the part of ../shared/reference/venues.yaml this package carries over.
type refVenue struct {
	Tag        string         `yaml:"tag"`
	Aliases    []string       `yaml:"aliases"`
	Kind       string         `yaml:"kind"`
	BibtexType string         `yaml:"bibtex_type"`
	Booktitle  string         `yaml:"booktitle"`
	Journal    string         `yaml:"journal"`
	JournalDB  string         `yaml:"journal_dblp"`
	Publisher  string         `yaml:"publisher"`
	Held       map[string]any `yaml:"held"`
}

// TestReference checks the embedded registry against the shared reference it was written from:
// every tag and alias resolves to the same venue, and the facts match.
func TestReference(t *testing.T) {
	data, err := os.ReadFile(testkit.Shared(t, "reference/venues.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var ref struct {
		Venues []refVenue `yaml:"venues"`
	}
	if err := yaml.Unmarshal(data, &ref); err != nil {
		t.Fatalf("reference: %v", err)
	}
	r := Default()
	// The registry holds every venue of the reference, and more.
	if len(ref.Venues) > len(r.All()) {
		t.Errorf("reference has %d venues, registry %d", len(ref.Venues), len(r.All()))
	}
	for _, rv := range ref.Venues {
		v, ok := r.Lookup(rv.Tag)
		if !ok || v.Tag != rv.Tag {
			t.Errorf("reference tag %q does not resolve to itself", rv.Tag)
			continue
		}
		for _, a := range rv.Aliases {
			if got, ok := r.Lookup(a); !ok || got != v {
				t.Errorf("reference alias %q of %s does not resolve to it", a, rv.Tag)
			}
		}
		if string(v.Kind) != rv.Kind || v.EntryType != rv.BibtexType || v.Booktitle != rv.Booktitle ||
			v.Journal != rv.Journal || v.JournalAbbrev != rv.JournalDB || v.Publisher != rv.Publisher {
			t.Errorf("%s facts differ from the reference: %+v vs %+v", rv.Tag, *v, rv)
		}
		h := v.Held
		if want := asInt(rv.Held["first"]); h.First != want {
			t.Errorf("%s held.first = %d, want %d", rv.Tag, h.First, want)
		}
		if want, _ := rv.Held["cadence"].(string); h.Cadence != want {
			t.Errorf("%s held.cadence = %q, want %q", rv.Tag, h.Cadence, want)
		}
		if want := asInt(rv.Held["until"]); h.Until != want {
			t.Errorf("%s held.until = %d, want %d", rv.Tag, h.Until, want)
		}
		for key, got := range map[string][]int{"extra": h.Extra, "skip": h.Skip, "years": h.Years} {
			want := asInts(rv.Held[key])
			if len(got) != len(want) {
				t.Errorf("%s held.%s = %v, want %v", rv.Tag, key, got, want)
				continue
			}
			for i := range got {
				if got[i] != want[i] {
					t.Errorf("%s held.%s = %v, want %v", rv.Tag, key, got, want)
					break
				}
			}
		}
	}
	// The verified flag: a held line whose comment reads "# unverified" is unverified.
	for _, block := range strings.Split(string(data), "\n- tag: ")[1:] {
		tag := strings.Trim(strings.TrimSpace(strings.SplitN(block, "\n", 2)[0]), `"'`)
		for _, line := range strings.Split(block, "\n") {
			if !strings.HasPrefix(strings.TrimSpace(line), "held:") {
				continue
			}
			want := !strings.Contains(line, "# unverified")
			if v, ok := r.Lookup(tag); ok && v.Held.Verified != want {
				t.Errorf("%s held.verified = %v, want %v (%s)", tag, v.Held.Verified, want, strings.TrimSpace(line))
			}
		}
	}
}

func asInt(x any) int {
	n, _ := x.(int)
	return n
}

func asInts(x any) []int {
	list, _ := x.([]any)
	out := make([]int, 0, len(list))
	for _, e := range list {
		out = append(out, asInt(e))
	}
	return out
}

// BenchmarkWithManyAliases: 40,000 aliases of one venue (over 120 s when
// each alias copied the venue) cost linear time.
func BenchmarkWithManyAliases(b *testing.B) {
	aliases := make(map[string]string, 40000)
	for i := range 40000 {
		aliases[fmt.Sprintf("KDDAlias%d", i)] = "KDD"
	}
	for b.Loop() {
		r, err := Default().With(nil, aliases)
		if err != nil {
			b.Fatal(err)
		}
		if v, ok := r.Lookup("kddalias39999"); !ok || v.Tag != "KDD" {
			b.Fatal("alias lost")
		}
	}
}
