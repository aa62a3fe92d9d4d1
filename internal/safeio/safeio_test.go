//go:build unix

package safeio

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

func TestReadFile(t *testing.T) {
	dir := t.TempDir()
	plain := filepath.Join(dir, "a.md")
	if err := os.WriteFile(plain, []byte("hello"), 0o644); err != nil {
		t.Fatal(err)
	}
	fifo := filepath.Join(dir, "x.md")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skip("no FIFOs here:", err)
	}
	zero := filepath.Join(dir, "zero.md")
	if err := os.Symlink("/dev/zero", zero); err != nil {
		t.Fatal(err)
	}
	if b, err := ReadFile(plain, 0); err != nil || string(b) != "hello" {
		t.Errorf("plain: %q, %v", b, err)
	}
	if b, err := ReadFile(plain, 5); err != nil || string(b) != "hello" {
		t.Errorf("at the limit: %q, %v", b, err)
	}
	if _, err := ReadFile(plain, 4); !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "5 B, more than --max-file-size 4 B") {
		t.Errorf("over the limit: %v", err)
	}
	done := make(chan error, 1)
	go func() { _, err := ReadFile(fifo, 0); done <- err }()
	select {
	case err := <-done:
		if !errors.Is(err, ErrNotRegular) || !strings.Contains(err.Error(), "a FIFO") {
			t.Errorf("FIFO: %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("reading a FIFO blocked")
	}
	if _, err := ReadFile(zero, 0); !errors.Is(err, ErrNotRegular) || !strings.Contains(err.Error(), "a character device") {
		t.Errorf("link to /dev/zero: %v", err)
	}
	if _, err := ReadFile(dir, 0); !errors.Is(err, ErrNotRegular) {
		t.Errorf("folder: %v", err)
	}
}

func TestReadAll(t *testing.T) {
	if b, err := ReadAll(strings.NewReader("abc"), 3); err != nil || string(b) != "abc" {
		t.Errorf("%q, %v", b, err)
	}
	if _, err := ReadAll(strings.NewReader("abcd"), 3); !errors.Is(err, ErrTooLarge) {
		t.Errorf("over: %v", err)
	}
	big := strings.Repeat("x", 100000)
	if b, err := ReadAll(strings.NewReader(big), 0); err != nil || string(b) != big {
		t.Errorf("no limit: %d bytes, %v", len(b), err)
	}
}
