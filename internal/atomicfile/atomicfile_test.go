package atomicfile

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
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

func TestWriteRefusesReadOnlyAndHardLinks(t *testing.T) {
	dir := t.TempDir()
	ro := filepath.Join(dir, "ro.md")
	if err := os.WriteFile(ro, []byte("old"), 0o444); err != nil {
		t.Fatal(err)
	}
	var w Writer
	if err := w.Write(ro, []byte("new"), Options{}); err == nil || !strings.Contains(err.Error(), "read-only (mode 0444); --force rewrites it") {
		t.Errorf("read-only: %v", err)
	}
	if got, _ := os.ReadFile(ro); string(got) != "old" {
		t.Errorf("read-only file changed: %q", got)
	}
	if err := w.Write(ro, []byte("new"), Options{Force: true}); err != nil {
		t.Fatal(err)
	}
	if st, _ := os.Stat(ro); st.Mode().Perm() != 0o444 {
		t.Errorf("--force lost the mode: %v", st.Mode().Perm())
	}

	a, b := filepath.Join(dir, "a.md"), filepath.Join(dir, "b.md")
	if err := os.WriteFile(a, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Link(a, b); err != nil {
		t.Skip("no hard links here:", err)
	}
	if err := w.Write(a, []byte("new"), Options{}); err == nil || !strings.Contains(err.Error(), "2 hard links") {
		t.Errorf("hard link: %v", err)
	}
	if got, _ := os.ReadFile(b); string(got) != "old" {
		t.Errorf("hard link changed: %q", got)
	}
}

// A change made on disk after the caller read the file is not overwritten.
func TestWriteChecksExpect(t *testing.T) {
	p := filepath.Join(t.TempDir(), "notes.md")
	if err := os.WriteFile(p, []byte("saved by the editor"), 0o644); err != nil {
		t.Fatal(err)
	}
	var w Writer
	err := w.Write(p, []byte("fixed"), Options{Expect: []byte("what papers read")})
	if !errors.Is(err, ErrChanged) {
		t.Fatalf("err = %v, want ErrChanged", err)
	}
	if got, _ := os.ReadFile(p); string(got) != "saved by the editor" {
		t.Errorf("overwritten: %q", got)
	}
	if entries, _ := os.ReadDir(filepath.Dir(p)); len(entries) != 1 {
		t.Errorf("temporary left: %v", entries)
	}
	if err := w.Write(p, []byte("fixed"), Options{Expect: []byte("saved by the editor")}); err != nil {
		t.Fatal(err)
	}
}

// Temporaries of a dead process are removed by the next write beside them;
// those of a running one (this process's parent stands for a concurrent
// papers) are left.
func TestWriteRemovesStaleTemporaries(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "notes.md")
	if err := os.WriteFile(p, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	dead := filepath.Join(dir, ".notes.md.papers-999999999-123")
	alive := filepath.Join(dir, fmt.Sprintf(".notes.md.papers-%d-456", os.Getppid()))
	for _, f := range []string{dead, alive} {
		if err := os.WriteFile(f, []byte("partial"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	var w Writer
	if err := w.Write(p, []byte("new"), Options{}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(dead); !os.IsNotExist(err) {
		t.Error("the dead run's temporary is still there")
	}
	if _, err := os.Stat(alive); err != nil {
		t.Error("the running process's temporary was removed")
	}
	if len(w.Notices) != 1 || !strings.Contains(w.Notices[0], "left by an interrupted run") {
		t.Errorf("notices: %v", w.Notices)
	}
}

// The owner is kept when the writer may set it (root).
func TestWriteKeepsOwner(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("only root can give a file to another user")
	}
	p := filepath.Join(t.TempDir(), "notes.md")
	if err := os.WriteFile(p, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chown(p, 12345, 12345); err != nil {
		t.Fatal(err)
	}
	if err := Write(p, []byte("new"), 0o644); err != nil {
		t.Fatal(err)
	}
	st, _ := os.Stat(p)
	if sys := st.Sys().(*syscall.Stat_t); sys.Uid != 12345 || sys.Gid != 12345 {
		t.Errorf("owner %d:%d, want 12345:12345", sys.Uid, sys.Gid)
	}
}

func TestCleanup(t *testing.T) {
	var w Writer
	f := filepath.Join(t.TempDir(), ".x.papers-1-1")
	if err := os.WriteFile(f, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	w.track(f, true)
	if n := w.Cleanup(); n != 1 {
		t.Errorf("Cleanup removed %d", n)
	}
	if _, err := os.Stat(f); !os.IsNotExist(err) {
		t.Error("temporary still there")
	}
}
