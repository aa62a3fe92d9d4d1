package udiff

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func TestWrite(t *testing.T) {
	tests := []struct {
		name, a, b, want string
	}{
		{"equal", "a\nb\n", "a\nb\n", ""},
		{"one line", "a\nb\nc\n", "a\nB\nc\n", "--- x\n+++ y\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n"},
		{"insert", "a\nc\n", "a\nb\nc\n", "--- x\n+++ y\n@@ -1,2 +1,3 @@\n a\n+b\n c\n"},
		{"delete", "a\nb\nc\n", "a\nc\n", "--- x\n+++ y\n@@ -1,3 +1,2 @@\n a\n-b\n c\n"},
		{"no final newline", "a\nb", "a\nc", "--- x\n+++ y\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+c\n\\ No newline at end of file\n"},
		{"empty to text", "", "a\n", "--- x\n+++ y\n@@ -0,0 +1 @@\n+a\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := Write(&b, "x", "y", []byte(tt.a), []byte(tt.b)); err != nil {
				t.Fatal(err)
			}
			if b.String() != tt.want {
				t.Errorf("got\n%s\nwant\n%s", b.String(), tt.want)
			}
		})
	}
}

// Distant changes make separate hunks; near ones share one.
func TestHunks(t *testing.T) {
	var a, b []string
	for i := 0; i < 40; i++ {
		a = append(a, strings.Repeat("x", i%7)+"line")
		b = append(b, strings.Repeat("x", i%7)+"line")
	}
	b[2], b[30], b[33] = "changed", "changed", "changed"
	var out bytes.Buffer
	if err := Write(&out, "a", "b", []byte(strings.Join(a, "\n")+"\n"), []byte(strings.Join(b, "\n")+"\n")); err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(out.String(), "@@ -"); n != 2 {
		t.Errorf("got %d hunks, want 2:\n%s", n, out.String())
	}
}

// The diff applies with patch(1) when it is installed.
func TestPatchApplies(t *testing.T) {
	patch, err := exec.LookPath("patch")
	if err != nil {
		t.Skip("patch not installed")
	}
	dir := t.TempDir()
	a := "# 笔记\n- 用BERT编码,好\n" + strings.Repeat("- 不变的行\n", 20) + "- 最后ab\n"
	b := "# 笔记\n- 用 BERT 编码，好\n" + strings.Repeat("- 不变的行\n", 20) + "- 最后 ab\n"
	file := filepath.Join(dir, "n.md")
	if err := os.WriteFile(file, []byte(a), 0o644); err != nil {
		t.Fatal(err)
	}
	var d bytes.Buffer
	if err := Write(&d, "a/n.md", "b/n.md", []byte(a), []byte(b)); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(patch, "-p1", "-s")
	cmd.Dir = dir
	cmd.Stdin = &d
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("patch: %v\n%s", err, out)
	}
	got, _ := os.ReadFile(file)
	if string(got) != b {
		t.Errorf("patched file differs:\n%s", got)
	}
}
