package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/paperlint/papers/bench/internal/benchgen"
)

func read(t *testing.T, dir, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestRun(t *testing.T) {
	var out, errb bytes.Buffer
	if code := run([]string{"-papers", "10"}, &out, &errb); code != 2 {
		t.Errorf("no -out: exit %d, want 2", code)
	}
	if code := run([]string{"-out", t.TempDir(), "-bib-ratio", "1.5"}, &out, &errb); code != 2 {
		t.Errorf("-bib-ratio 1.5: exit %d, want 2", code)
	}
	dir := t.TempDir()
	errb.Reset()
	if code := run([]string{"-out", dir, "-papers", "200", "-defects=false"}, &out, &errb); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	var m benchgen.Manifest
	if err := json.Unmarshal([]byte(read(t, dir, "MANIFEST.json")), &m); err != nil {
		t.Fatal(err)
	}
	// -defects=false without -bib-ratio gives every paper an entry.
	if m.Bib.Missing != 0 || m.Bib.Entries != m.DistinctPapers || m.Papers != 200 {
		t.Errorf("clean run: %d papers, %d entries, %d missing", m.Papers, m.Bib.Entries, m.Bib.Missing)
	}
}

// TestLists: -lists splits the papers and the .bib entries among folders,
// each list generated with its own seed.
func TestLists(t *testing.T) {
	var out, errb bytes.Buffer
	if code := run([]string{"-out", t.TempDir(), "-papers", "3", "-lists", "4"}, &out, &errb); code != 2 {
		t.Errorf("-lists 4 of 3 papers: exit %d, want 2", code)
	}
	dir := t.TempDir()
	if code := run([]string{"-out", dir, "-papers", "101", "-bib-entries", "120", "-lists", "3"}, &out, &errb); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	papers, entries := 0, 0
	var texts []string
	for _, name := range []string{"list001", "list002", "list003"} {
		var m benchgen.Manifest
		if err := json.Unmarshal([]byte(read(t, filepath.Join(dir, name), "MANIFEST.json")), &m); err != nil {
			t.Fatal(err)
		}
		papers += m.Papers
		entries += m.Bib.Entries
		texts = append(texts, read(t, filepath.Join(dir, name), "notes.md"))
	}
	if papers != 101 || entries != 120 {
		t.Errorf("lists hold %d papers and %d entries, want 101 and 120", papers, entries)
	}
	if texts[0] == texts[1] || texts[1] == texts[2] {
		t.Error("two lists are the same text: the seeds are not their own")
	}
}
