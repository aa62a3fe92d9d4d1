package venue

import (
	"slices"
	"testing"
)

func tags(vs []*Venue) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = v.Tag
	}
	return out
}

func TestSuggest(t *testing.T) {
	r := Default()
	tests := []struct {
		name  string
		first string // expected first suggestion; "" means no suggestion at all
	}{
		{"Arivx", "arXiv"}, // scrambled letters, two edits on a five-letter name
		{"Arixv", "arXiv"}, // one swap
		{"arxvi", "arXiv"}, // one swap at the end
		{"NeurlPS", "NeurIPS"},
		{"NeurIPPS", "NeurIPS"},
		{"CPVR", "CVPR"},
		{"KDDD", "KDD"}, // doubled letter
		{"DKD", "KDD"},  // short, but a swap
		{"ICMLL", "ICML"},
		{"SIGIRR", "SIGIR"},
		{"EMLNP", "EMNLP"},
		{"Usenix Secuirty", "USENIX Security"}, //nolint:misspell // the typo under test
		{"ABC", ""},
		{"CSS", ""},   // a substitution in a three-letter name means nothing
		{"ICSE", ""},  // an added letter on a three-letter tag is not a typo (ICSE is a venue)
		{"ISSCC", ""}, // two edits from ISCA, not a scramble
		{"ICCAD", ""},
		{"ICPR", ""}, // a substitution in a four-letter acronym: ICPR is a venue of its own
		{"PODC", ""},
		{"ICLRW", "ICLR"}, // five letters: one added letter is a typo
		{"SIGMD", "SIGMOD"},
		{"EMNP", "EMNLP"},
		{"KAUST", ""},     // five letters: a substitution is not trusted
		{"ICCVV", "ICCV"}, // doubled letter; ICCVW is a substitution away and not offered
		{"ICLR", ""},      // known: Lookup wins, never a typo of ICML
		{"ICML", ""},
		{"NIPS", ""}, // a former tag is known
		{"", ""},
		{"Quantum Gravity", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tags(r.Suggest(tt.name))
			if tt.first == "" {
				if len(got) != 0 {
					t.Fatalf("Suggest(%q) = %v, want none", tt.name, got)
				}
				return
			}
			if len(got) == 0 || got[0] != tt.first {
				t.Fatalf("Suggest(%q) = %v, want %s first", tt.name, got, tt.first)
			}
		})
	}
}

func TestSuggestOrder(t *testing.T) {
	r := Default()
	// ICDME is one edit from ICDE, ICDM and ICME: ties sort by tag.
	got := tags(r.Suggest("ICDME"))
	want := []string{"ICDE", "ICDM", "ICME"}
	if !slices.Equal(got, want) {
		t.Fatalf("Suggest(ICDME) = %v, want %v", got, want)
	}
	// Nearer first: ICCVWW is one edit from ICCVW and two from ICCV.
	if got, want := tags(r.Suggest("ICCVWW")), []string{"ICCVW", "ICCV"}; !slices.Equal(got, want) {
		t.Fatalf("Suggest(ICCVWW) = %v, want %v", got, want)
	}
	for range 5 {
		if again := tags(r.Suggest("ICDME")); !slices.Equal(again, got) {
			t.Fatalf("Suggest is not deterministic: %v then %v", got, again)
		}
	}
}

// A name that is the first word of known tags suggests them.
func TestSuggestFirstWord(t *testing.T) {
	got := tags(Default().Suggest("Usenix"))
	if !slices.Contains(got, "USENIX Security") {
		t.Errorf("Suggest(Usenix) = %v, want USENIX Security among them", got)
	}
	if got := Default().Suggest("Proceedings"); got != nil {
		t.Errorf("Suggest(Proceedings) = %v: no tag starts with it", tags(got))
	}
}

func TestSuggestFirstWordNotGeneric(t *testing.T) {
	if got := Default().Suggest("IEEE"); got != nil {
		t.Errorf("Suggest(IEEE) = %v: too many venues start with it", tags(got))
	}
}
