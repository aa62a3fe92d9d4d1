package testkit

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// recorder is a testing.TB that keeps what a helper reports instead of
// failing the test that checks the helper.
type recorder struct {
	testing.TB
	errors  []string
	skipped bool
}

func (r *recorder) Helper() {}

func (r *recorder) Errorf(format string, args ...any) {
	r.errors = append(r.errors, format)
}

func (r *recorder) Skipf(format string, args ...any) { r.skipped = true }

func TestGoldenCompares(t *testing.T) {
	if *update {
		t.Skip("-update rewrites instead of comparing")
	}
	path := filepath.Join(t.TempDir(), "x.golden")
	if err := os.WriteFile(path, []byte("a\nb\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	r := &recorder{TB: t}
	Golden(r, path, []byte("a\nb\n"))
	if len(r.errors) != 0 {
		t.Errorf("equal content reported: %v", r.errors)
	}
	Golden(r, path, []byte("a\nc\n"))
	if len(r.errors) != 1 || !strings.Contains(r.errors[0], "differs") {
		t.Errorf("a difference gave %v", r.errors)
	}
}

func TestSharedDir(t *testing.T) {
	t.Setenv("PAPERS_SHARED", "")
	dir := SharedDir()
	// This package is two folders below the module root.
	want, err := filepath.Abs(filepath.Join("..", "..", "..", "shared"))
	if err != nil {
		t.Fatal(err)
	}
	if dir != want {
		t.Errorf("SharedDir() = %q, want %q", dir, want)
	}
	t.Setenv("PAPERS_SHARED", "/elsewhere")
	if got := SharedDir(); got != "/elsewhere" {
		t.Errorf("with PAPERS_SHARED: %q", got)
	}
}

// TestCorpusSkips runs Corpus on a shared folder without the file: the test
// that asked must be skipped, not failed.
func TestCorpusSkips(t *testing.T) {
	t.Setenv("PAPERS_SHARED", t.TempDir())
	r := &recorder{TB: t}
	Corpus(r, "no-such-file.tsv")
	if !r.skipped {
		t.Error("Corpus did not skip on an absent file")
	}
	if HasCorpus("no-such-file.tsv") {
		t.Error("HasCorpus reports an absent file")
	}
}
