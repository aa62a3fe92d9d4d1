package atomicfile

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestWriteKeepsModeAndLeavesNoTemp(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "notes.md")
	if err := os.WriteFile(p, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := Write(p, []byte("new"), 0o644); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(p)
	st, _ := os.Stat(p)
	if string(got) != "new" || st.Mode().Perm() != 0o600 {
		t.Errorf("content %q mode %v", got, st.Mode().Perm())
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("left behind: %v", entries)
	}
	// A new file gets the given mode.
	q := filepath.Join(dir, "new.bib")
	if err := Write(q, []byte("x"), 0o640); err != nil {
		t.Fatal(err)
	}
	if st, _ := os.Stat(q); st.Mode().Perm() != 0o640 {
		t.Errorf("new file mode %v", st.Mode().Perm())
	}
}

func TestWriteErrorNamesFile(t *testing.T) {
	err := Write(filepath.Join(t.TempDir(), "missing-dir", "x.md"), []byte("x"), 0o644)
	if err == nil || !strings.Contains(err.Error(), "x.md") {
		t.Errorf("error %v should name the file", err)
	}
}
