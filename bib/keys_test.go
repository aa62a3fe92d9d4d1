package bib

import (
	"strings"
	"testing"
)

// TestDuplicateKeyHashChain checks the duplicate-key index when two keys
// share a hash: the Reader's keys map holds the last of them, and a key
// equal to an earlier one (ignoring case) is found down the chain. The
// collision is made by pointing the hash of "alpha" at the chain that
// "beta" heads, as a real collision would leave them.
func TestDuplicateKeyHashChain(t *testing.T) {
	r := NewReader()
	r.Parse("a.bib", []byte("@misc{alpha, title={A}}\n"))
	ia := r.keys[r.keyHash("alpha")]
	// beta is read as if its hash were alpha's: it heads alpha's chain.
	r.keys[r.keyHash("beta")] = ia
	b := r.Parse("b.bib", []byte("@misc{beta, title={B}}\n"))
	if len(b.Diagnostics) != 0 {
		t.Fatalf("beta is a new key, got %v", b.Diagnostics)
	}
	ib := r.keys[r.keyHash("beta")]
	if ib == ia || r.refs[ib].next != ia {
		t.Fatalf("beta (%d) should head the chain before alpha (%d): next %d", ib, ia, r.refs[ib].next)
	}
	r.keys[r.keyHash("alpha")] = ib // alpha's hash leads to beta first
	c := r.Parse("c.bib", []byte("@misc{ALPHA, title={C}}\n@misc{Beta, title={D}}\n@misc{gamma, title={E}}\n"))
	var got []string
	for _, d := range c.Diagnostics {
		if d.Code != CodeDuplicateKey {
			t.Fatalf("unexpected %v", d)
		}
		got = append(got, d.Related[0].File+":"+d.Message)
	}
	if len(got) != 2 || !strings.HasPrefix(got[0], `a.bib:duplicate key "ALPHA": BibTeX compares keys ignoring case, so it is the same key as "alpha"`) ||
		!strings.HasPrefix(got[1], `b.bib:duplicate key "Beta": BibTeX compares keys ignoring case, so it is the same key as "beta"`) {
		t.Fatalf("duplicates found: %q", got)
	}
}

// TestKeyHashLongKeys checks that keys longer than keyHash's buffer hash
// like short ones: by their lower-case text.
func TestKeyHashLongKeys(t *testing.T) {
	r := NewReader()
	long := strings.Repeat("Key", 40)
	if r.keyHash(long) != r.keyHash(strings.ToLower(long)) || r.keyHash("Smith2020") != r.keyHash("smith2020") {
		t.Fatal("keys equal ignoring case hash differently")
	}
	if r.keyHash("smith2020") == r.keyHash("smith2021") {
		t.Fatal("different keys share a hash (possible, but not for this seed in practice)")
	}
	f := r.Parse("x.bib", []byte("@misc{"+long+", title={A}}\n@misc{"+strings.ToLower(long)+", title={B}}\n"))
	if len(f.Diagnostics) != 1 || f.Diagnostics[0].Code != CodeDuplicateKey {
		t.Fatalf("long keys equal ignoring case: %v", f.Diagnostics)
	}
}
