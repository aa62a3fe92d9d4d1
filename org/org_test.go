package org

import (
	"fmt"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/paperlint/papers/internal/testkit"
)

func TestCanonical(t *testing.T) {
	r := Default()
	tests := []struct {
		tag       string
		name      string
		exact, ok bool
	}{
		{"Google", "Google", true, true},
		{"google", "Google", false, true}, // case variants need no listing
		{"GOOGLE", "Google", false, true},
		{"purdue", "Purdue", false, true},
		{"Google Research", "Google", false, true},
		{"google  research", "Google", false, true},
		{" Google ", "Google", false, true}, // resolves, but is not spelled right
		{"Standford", "Stanford", false, true},
		{"Nvidia", "NVIDIA", false, true},
		{"NVidia", "NVIDIA", false, true},
		{"iFLYTEK", "iFlytek", false, true},
		{"Facebook", "Facebook", true, true}, // a rename, not a misspelling of Meta
		{"FB", "Facebook", false, true},
		{"FAIR", "FAIR", true, true}, // a lab in Meta, not Meta
		{"Meta FAIR", "FAIR", false, true},
		{"MSR", "MSR", true, true}, // not MSRA
		{"MSRA", "MSRA", true, true},
		{"Microsoft Research Asia", "MSRA", false, true},
		{"Université de Montréal", "UdeM", false, true},
		{"UNIVERSITÉ DE MONTRÉAL", "UdeM", false, true},
		{"Ali", "", false, false}, // ambiguous: never fixed
		{"UW", "", false, false},  // ambiguous
		{"NTU", "", false, false}, // ambiguous although a university name
		{"ntu", "", false, false},
		{"MS", "", false, false},
		{"Stanfrod", "", false, false}, // a typo, for Suggest
		{"", "", false, false},
		{"Quantum Corp", "", false, false},
	}
	for _, tt := range tests {
		name, exact, ok := r.Canonical(tt.tag)
		if name != tt.name || exact != tt.exact || ok != tt.ok {
			t.Errorf("Canonical(%q) = (%q, %v, %v), want (%q, %v, %v)", tt.tag, name, exact, ok, tt.name, tt.exact, tt.ok)
		}
	}
}

func TestAmbiguous(t *testing.T) {
	r := Default()
	tests := []struct {
		tag  string
		want []string
	}{
		{"UW", []string{"University of Washington", "University of Waterloo", "University of Wisconsin"}},
		{"uw", []string{"University of Washington", "University of Waterloo", "University of Wisconsin"}},
		{"MS", []string{"Microsoft", "MSR", "MSRA"}},
		{"Ali", []string{"Alibaba"}},
		{"NTU", []string{"Nanyang Technological University", "National Taiwan University"}},
		{"Cal", []string{"UC Berkeley", "Caltech"}},
		{"GT", []string{"Georgia Tech"}},
		{"MSRA", nil},
		{"Alibaba", nil},
		{"", nil},
	}
	for _, tt := range tests {
		got, ok := r.Ambiguous(tt.tag)
		if ok != (tt.want != nil) || !slices.Equal(got, tt.want) {
			t.Errorf("Ambiguous(%q) = %v, %v; want %v", tt.tag, got, ok, tt.want)
		}
	}
	// The result is a copy: changing it does not change the registry.
	got, _ := r.Ambiguous("MS")
	got[0] = "changed"
	if again, _ := r.Ambiguous("MS"); again[0] != "Microsoft" {
		t.Errorf("Ambiguous returned the registry's own slice: %v", again)
	}
}

func TestSuggest(t *testing.T) {
	r := Default()
	tests := []struct {
		tag  string
		want []string
	}{
		{"Stanfrod", []string{"Stanford"}},
		{"Standfrod", []string{"Stanford"}}, // a typo of the listed variant Standford
		{"Googel", []string{"Google"}},
		{"Facebok", []string{"Facebook"}}, //nolint:misspell // the typo under test
		{"Tsinghau", []string{"Tsinghua"}},
		{"Meituna", []string{"Meituan"}},
		{"Nvida", []string{"NVIDIA"}}, // a dropped letter, five letters
		{"CUM", []string{"CMU"}},      // short, but a swap
		{"MITT", []string{"MIT"}},     // doubled letter
		{"Google Brian", []string{"Google Brain"}},
		{"UCSB", nil},  // a substitution in a short tag names another university
		{"KAUST", nil}, // likewise (KAIST)
		{"UCI", nil},
		{"CASIA", nil}, // related to CAS, not a typo of it
		{"Meta", nil},  // known
		{"Facebook", nil},
		{"FAIR", nil},
		{"MSR", nil}, // known; never a typo of MSRA
		{"google", nil},
		{"UW", nil}, // ambiguous: Ambiguous answers
		{"NTU", nil},
		{"Ali", nil},
		{"", nil},
		{"Quantum Corp", nil},
	}
	for _, tt := range tests {
		if got := r.Suggest(tt.tag); !slices.Equal(got, tt.want) {
			t.Errorf("Suggest(%q) = %v, want %v", tt.tag, got, tt.want)
		}
	}
}

func TestSuggestOrder(t *testing.T) {
	r, err := Default().With([]Org{{Name: "Googlx"}, {Name: "Googlf"}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	// Googl is one letter from Google, Googlx and Googlf: ties sort by name.
	want := []string{"Google", "Googlf", "Googlx"}
	for range 5 {
		if got := r.Suggest("Googl"); !slices.Equal(got, want) {
			t.Fatalf("Suggest(Googl) = %v, want %v", got, want)
		}
	}
	// Nearer first: Gooogle is one edit from Google and two from Googlf and Googlx.
	if got, want := r.Suggest("Gooogle"), []string{"Google", "Googlf", "Googlx"}; !slices.Equal(got, want) {
		t.Fatalf("Suggest(Gooogle) = %v, want %v", got, want)
	}
}

func TestRelated(t *testing.T) {
	r := Default()
	tests := []struct {
		a, b string
		want bool
	}{
		{"Facebook", "Meta", true},
		{"Meta", "Facebook", true},
		{"FAIR", "Meta", true},
		{"Facebook AI Research", "meta", true}, // through a variant and a case variant
		{"MSR", "MSRA", true},
		{"MSRA", "Microsoft", true},
		{"Google Brain", "DeepMind", true},
		{"DeepMind", "Google DeepMind", true},
		{"Alibaba", "Ant Group", true},
		{"Ant", "Alibaba", true}, // variant of Ant Group; Alibaba lists Ant Group
		{"CAS", "CASIA", true},   // a related name the list does not otherwise know
		{"casia", "CAS", true},
		{"Mila", "McGill", true},
		{"Google", "Google", false}, // the same organisation
		{"Google", "Google Research", false},
		{"Meta", "Google", false},
		{"MIT", "Stanford", false},
		{"CASIA", "ICT", false}, // both related to CAS, not to each other
		{"", "", false},
	}
	for _, tt := range tests {
		if got := r.Related(tt.a, tt.b); got != tt.want {
			t.Errorf("Related(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestWith(t *testing.T) {
	base := Default()
	msra := len(mustLookup(t, base, "MSRA").Variants)
	r, err := base.With(
		[]Org{{Name: "THUNLP", Variants: []string{"Tsinghua NLP"}}, {Name: "UW", Related: []string{"Microsoft"}}},
		map[string]string{"MS": "MSRA", "Noah": "Huawei", "ms research asia": "msra"},
	)
	if err != nil {
		t.Fatal(err)
	}
	check := func(reg *Registry, tag, name string, exact, ok bool) {
		t.Helper()
		n, e, o := reg.Canonical(tag)
		if n != name || e != exact || o != ok {
			t.Errorf("Canonical(%q) = (%q, %v, %v), want (%q, %v, %v)", tag, n, e, o, name, exact, ok)
		}
	}
	check(r, "MS", "MSRA", false, true) // the alias settles the ambiguity
	check(r, "Microsoft Research Asia", "MSRA", false, true)
	check(r, "Noah", "Huawei", false, true)
	check(r, "tsinghua nlp", "THUNLP", false, true)
	check(r, "UW", "UW", true, true) // a config organisation settles it too
	if _, ok := r.Ambiguous("MS"); ok {
		t.Error("MS still ambiguous after an alias")
	}
	if _, ok := r.Ambiguous("UW"); ok {
		t.Error("UW still ambiguous after a config organisation")
	}
	if _, ok := r.Ambiguous("Ali"); !ok {
		t.Error("Ali no longer ambiguous")
	}
	if !r.Related("UW", "Microsoft") {
		t.Error("config relation lost")
	}
	if got := mustLookup(t, r, "MSRA"); got != mustLookup(t, r, "MS") {
		t.Error("MSRA and MS resolve to different copies")
	}
	// Default is untouched.
	check(base, "MS", "", false, false)
	check(base, "THUNLP", "", false, false)
	if _, ok := base.Ambiguous("MS"); !ok {
		t.Error("With changed the base registry: MS no longer ambiguous")
	}
	if n := len(mustLookup(t, Default(), "MSRA").Variants); n != msra {
		t.Errorf("With changed Default's MSRA variants: %d, want %d", n, msra)
	}
	if len(r.All()) != len(base.All())+2 {
		t.Errorf("All() = %d organisations, want %d", len(r.All()), len(base.All())+2)
	}

	errTests := []struct {
		name    string
		extra   []Org
		aliases map[string]string
		want    string
	}{
		{"alias to unknown", nil, map[string]string{"Foo": "No Such Lab"}, "not a known organisation"},
		{"alias to an ambiguous short form", nil, map[string]string{"Foo": "UW"}, "not a known organisation"},
		{"alias conflicts", nil, map[string]string{"MSR": "MSRA"}, "already names MSR"},
		{"alias conflicts by case", nil, map[string]string{"facebook": "Meta"}, "already names Facebook"},
		{"empty alias", nil, map[string]string{"  ": "Google"}, "empty alias"},
		{"org reuses a name", []Org{{Name: "google"}}, nil, "already names Google"},
		{"org reuses a variant", []Org{{Name: "New", Variants: []string{"Standford"}}}, nil, "already names Stanford"},
		{"org without name", []Org{{Variants: []string{"x"}}}, nil, "missing name"},
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
	if _, err := base.With(nil, map[string]string{"Standford": "Stanford", "FB": "facebook"}); err != nil {
		t.Errorf("redundant aliases: %v", err)
	}
}

func mustLookup(t *testing.T, r *Registry, tag string) *Org {
	t.Helper()
	o, ok := r.Lookup(tag)
	if !ok {
		t.Fatalf("Lookup(%q) not found", tag)
	}
	return o
}

func TestParseErrors(t *testing.T) {
	tests := []struct{ name, doc, want string }{
		{"unknown key", "organisations:\n  - {name: A, kind: company, colour: red}\n", "colour"},
		{"bad kind", "organisations:\n  - {name: A, kind: club}\n", "kind"},
		{"no name", "organisations:\n  - {kind: company}\n", "missing name"},
		{"duplicate", "organisations:\n  - {name: A, kind: company}\n  - {name: B, kind: company, variants: [a]}\n", "already names A"},
		{"ambiguous and a name", "organisations:\n  - {name: NTU, kind: university}\nambiguous:\n  - {tag: ntu, candidates: [X, Y]}\n", "also a name of NTU"},
		{"ambiguous twice", "ambiguous:\n  - {tag: UW, candidates: [X]}\n  - {tag: uw, candidates: [Y]}\n", "twice"},
		{"ambiguous without candidates", "ambiguous:\n  - {tag: UW}\n", "candidates"},
		{"not yaml", "organisations: [", "decoding"},
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

func TestEmbedded(t *testing.T) {
	r, err := Parse(embedded)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.All()) == 0 {
		t.Fatal("no organisations")
	}
	for _, o := range r.All() {
		for _, n := range o.names() {
			if got := mustLookup(t, r, n); got != o {
				t.Errorf("%q resolves to %s, want %s", n, got.Name, o.Name)
			}
		}
		for _, rel := range o.Related {
			if !r.Related(o.Name, rel) || !r.Related(rel, o.Name) {
				t.Errorf("%s and %s are not related both ways", o.Name, rel)
			}
			if got := r.Suggest(rel); slices.Contains(got, o.Name) {
				t.Errorf("Suggest(%q) offers %s, which lists it as related", rel, o.Name)
			}
		}
	}
}

func TestConcurrentUse(t *testing.T) {
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			r := Default()
			if _, _, ok := r.Canonical("google"); !ok {
				t.Error("google not found")
			}
			r.Suggest("Stanfrod")
			if _, err := r.With(nil, map[string]string{"X" + string(rune('a'+i)): "Google"}); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
}

// TestReference checks the embedded list against the shared reference it was written from.
func TestReference(t *testing.T) {
	data, err := os.ReadFile(testkit.Shared(t, "reference/orgs.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	type refOrg struct {
		Name     string   `yaml:"name"`
		Variants []string `yaml:"variants"`
		Related  []string `yaml:"related"`
	}
	var ref struct {
		Companies    []refOrg `yaml:"companies"`
		Universities []refOrg `yaml:"universities"`
		Ambiguous    []struct {
			Short   string   `yaml:"short"`
			CouldBe []string `yaml:"could_be"`
		} `yaml:"ambiguous"`
	}
	if err := yaml.Unmarshal(data, &ref); err != nil {
		t.Fatalf("reference: %v", err)
	}
	r := Default()
	ambiguous := map[string]bool{}
	for _, a := range ref.Ambiguous {
		ambiguous[a.Short] = true
		got, ok := r.Ambiguous(a.Short)
		if !ok || !slices.Equal(got, a.CouldBe) {
			t.Errorf("Ambiguous(%q) = %v, %v; want %v", a.Short, got, ok, a.CouldBe)
		}
	}
	for _, o := range append(ref.Companies, ref.Universities...) {
		if ambiguous[o.Name] { // NTU: kept ambiguous only, never resolved
			if _, _, ok := r.Canonical(o.Name); ok {
				t.Errorf("%s is ambiguous but Canonical resolves it", o.Name)
			}
			continue
		}
		for _, n := range append([]string{o.Name}, o.Variants...) {
			if name, _, ok := r.Canonical(n); !ok || name != o.Name {
				t.Errorf("Canonical(%q) = %q, %v; want %s", n, name, ok, o.Name)
			}
		}
		if name, exact, _ := r.Canonical(o.Name); name != o.Name || !exact {
			t.Errorf("Canonical(%q) is not exact", o.Name)
		}
		for _, rel := range o.Related {
			if !r.Related(o.Name, rel) {
				t.Errorf("Related(%q, %q) = false", o.Name, rel)
			}
		}
	}
}

// BenchmarkWithManyAliases: 40,000 aliases of one organisation (over 120 s
// when each alias copied it) cost linear time.
func BenchmarkWithManyAliases(b *testing.B) {
	aliases := make(map[string]string, 40000)
	for i := range 40000 {
		aliases[fmt.Sprintf("GoogleAlias%d", i)] = "Google"
	}
	for b.Loop() {
		r, err := Default().With(nil, aliases)
		if err != nil {
			b.Fatal(err)
		}
		if name, _, ok := r.Canonical("googlealias39999"); !ok || name != "Google" {
			b.Fatal("alias lost")
		}
	}
}
