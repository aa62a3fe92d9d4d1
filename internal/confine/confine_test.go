package confine

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestInside(t *testing.T) {
	dir := t.TempDir()
	ws := filepath.Join(dir, "ws")
	out := filepath.Join(dir, "out")
	for _, d := range []string{filepath.Join(ws, "sub"), out} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink(out, filepath.Join(ws, "link")); err != nil {
		t.Fatal(err)
	}
	root, err := Root(filepath.Join(ws, ".papers.yaml"), ".")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		path string
		want bool
	}{
		{filepath.Join(ws, "a.bib"), true},
		{filepath.Join(ws, "sub", "new", "a.bib"), true},
		{ws, true},
		{filepath.Join(ws, "..", "out", "a.bib"), false},
		{filepath.Join(ws, "link", "a.bib"), false},
		{filepath.Join(ws, "sub", "..", "a.bib"), true},
		{filepath.Join(dir, "ws2", "a.bib"), false},
		{"/etc/shadow", false},
	} {
		got, err := Inside(root, c.path)
		if err != nil || got != c.want {
			t.Errorf("Inside(%s) = %v, %v; want %v", c.path, got, err, c.want)
		}
	}
}

func TestRootGit(t *testing.T) {
	dir := t.TempDir()
	sub := filepath.Join(dir, "a", "b")
	if err := os.MkdirAll(filepath.Join(dir, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	root, err := Root("", sub)
	if err != nil {
		t.Fatal(err)
	}
	want, _ := filepath.EvalSymlinks(dir)
	if root != want {
		t.Errorf("Root = %s, want the git work tree %s", root, want)
	}
}

func TestWriteTarget(t *testing.T) {
	dir := t.TempDir()
	ws := filepath.Join(dir, "ws")
	if err := os.MkdirAll(ws, 0o755); err != nil {
		t.Fatal(err)
	}
	outside := filepath.Join(dir, "victim")
	inside := filepath.Join(ws, "real.bib")
	for _, f := range []string{outside, inside} {
		if err := os.WriteFile(f, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	mustLink := func(target, name string) string {
		p := filepath.Join(ws, name)
		if err := os.Symlink(target, p); err != nil {
			t.Fatal(err)
		}
		return p
	}
	out := mustLink(outside, "out.bib")
	in := mustLink("real.bib", "in.bib")
	dev := mustLink("/dev/null", "dev.bib")
	root, err := Root(filepath.Join(ws, ".papers.yaml"), ".")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		path    string
		cmdline bool
		want    string // the path to write, or the error's words
		err     bool
	}{
		{inside, false, inside, false},
		{filepath.Join(ws, "new.bib"), false, filepath.Join(ws, "new.bib"), false},
		{in, false, inside, false},
		{out, false, "symbolic link to", true},
		{out, true, "symbolic link to", true}, // named, but the link is the workspace's
		{outside, false, "outside the workspace", true},
		{outside, true, outside, false},
		{filepath.Join(ws, "..", "victim2"), false, "outside the workspace", true},
		{dev, true, "not a regular file (a character device)", true},
		{"/dev/null", true, "not a regular file (a character device)", true},
		{ws, true, "not a regular file (a folder)", true},
	} {
		got, err := WriteTarget(root, c.path, c.cmdline)
		switch {
		case c.err && (err == nil || !strings.Contains(err.Error(), c.want)):
			t.Errorf("WriteTarget(%s, %v) = %q, %v; want an error with %q", c.path, c.cmdline, got, err, c.want)
		case !c.err && (err != nil || got != c.want):
			t.Errorf("WriteTarget(%s, %v) = %q, %v; want %q", c.path, c.cmdline, got, err, c.want)
		}
	}
}
