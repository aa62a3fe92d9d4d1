package cjkcorpus

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

func TestUnescape(t *testing.T) {
	for in, want := range map[string]string{`a\nb`: "a\nb", `a\\n`: `a\n`, `\t\r`: "\t\r", `x\q`: `x\q`, `end\`: `end\`} {
		if got := Unescape(in); got != want {
			t.Errorf("Unescape(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestLoad(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "c.tsv")
	data := "# comment\nid\tchanged\tinput\texpected\tkind\nC1\tyes\t用BERT\\n\t用 BERT\\n\tfixture\n"
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	rows, err := Load(p)
	if err != nil || len(rows) != 1 || rows[0].Input != "用BERT\n" || rows[0].Line != 3 || rows[0].Kind != "fixture" {
		t.Fatalf("rows %+v, err %v", rows, err)
	}
	if _, err := Load(filepath.Join(dir, "missing.tsv")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing file: %v", err)
	}
	if err := os.WriteFile(p, []byte("id\tinput\nC1\tx\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Load(p); err == nil {
		t.Error("missing columns must be an error")
	}
}
