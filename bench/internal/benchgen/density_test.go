package benchgen

import (
	"crypto/sha256"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/paperlint/papers/lint"
	"github.com/paperlint/papers/rules"
	"github.com/paperlint/papers/workspace"
)

// At the sparse density the files are those of the generator before dense
// notes existed, byte for byte (hashes of `gen -papers 1000` then), so that
// old measurements can be repeated.
func TestSparseDensityUnchanged(t *testing.T) {
	dir := t.TempDir()
	if _, err := Generate(Config{Papers: 1000, Seed: 1, BibRatio: 0.8, Defects: true, DenseNotes: DenseNotesFor(sparseDensity)}, dir); err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]string{
		"notes.md":  "09f8ab519e4d90852d663c4973e53ef4118f89f673cd6743bcb1e3741aa0ba81",
		"notes.bib": "5850d22981a92aaf02e52852fd7f3d39f5e113d730c59537f3f2fa69fe801c36",
	} {
		src, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		if got := fmt.Sprintf("%x", sha256.Sum256(src)); got != want {
			t.Errorf("%s: sha256 %s, want %s", name, got, want)
		}
	}
}

// The default density gives about the seed's findings per paper with
// papers lint's default rules.
func TestSeedDensity(t *testing.T) {
	if testing.Short() {
		t.Skip("lints a generated list")
	}
	dir := t.TempDir()
	const n = 1000
	if _, err := Generate(Config{Papers: n, Seed: 1, BibRatio: 0.8, Defects: true, BibEntries: n, DenseNotes: DenseNotesFor(SeedDensity)}, dir); err != nil {
		t.Fatal(err)
	}
	var inputs []lint.Input
	for _, name := range []string{"notes.md", "notes.bib"} {
		src, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		inputs = append(inputs, lint.Input{Path: name, Src: src})
	}
	inputs[0].Companion = "notes.bib"
	runner, err := lint.NewRunner(rules.All(), lint.DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	ws, err := workspace.FromInputs(nil, workspace.Options{Year: 2026, Jobs: 2}, inputs)
	if err != nil {
		t.Fatal(err)
	}
	got := float64(len(runner.Run(ws).Diagnostics)) / n
	if got < 0.85*SeedDensity || got > 1.15*SeedDensity {
		t.Errorf("%.2f findings per paper at the default density, want about %.0f", got, SeedDensity)
	}
	t.Logf("%.2f findings per paper", got)
}
