package main

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// buildPapers builds the papers binary for tests that must run it as a
// process of its own (to kill it).
func buildPapers(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := filepath.Join(t.TempDir(), "papers")
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// largeNotes is a notes file of n papers, each with findings that --fix
// repairs (spacing and punctuation between Chinese and English).
func largeNotes(n int) []byte {
	var b bytes.Buffer
	b.WriteString("# 论文\n## 推荐系统\n")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "### Deep Interest Network Variant %d for Click-Through Rate Prediction[KDD'18][Alibaba]\n- 用BERT编码,效果好%d倍。\n- 在Taobao上A/B测试,CTR提升了%d%%。\n", i, i%7, i%13)
	}
	return b.Bytes()
}

// TestKillDuringWrites kills papers with SIGKILL at random moments of a
// large --fix and of a large bib --merge: the target always holds the old
// or the new bytes, and the next run leaves no temporary behind.
func TestKillDuringWrites(t *testing.T) {
	bin := buildPapers(t)
	rng := rand.New(rand.NewPCG(1, 2))
	for _, tc := range []struct {
		name   string
		args   []string
		target string
	}{
		{"fix", []string{"lint", "--fix", "notes.md"}, "notes.md"},
		{"merge", []string{"bib", "--merge", "notes.md"}, "notes.bib"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			notes := largeNotes(8000)
			old := []byte("@misc{keep, title = {Kept as it is}}\n")
			reset := func() {
				if err := os.WriteFile(filepath.Join(dir, "notes.md"), notes, 0o644); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(filepath.Join(dir, "notes.bib"), old, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			runIn := func() *exec.Cmd {
				c := exec.Command(bin, tc.args...)
				c.Dir = dir
				return c
			}
			// The new bytes: one run to the end.
			reset()
			start := time.Now()
			_ = runIn().Run()
			took := time.Since(start)
			newBytes, err := os.ReadFile(filepath.Join(dir, tc.target))
			if err != nil {
				t.Fatal(err)
			}
			oldBytes := notes
			if tc.target == "notes.bib" {
				oldBytes = old
			}
			if bytes.Equal(newBytes, oldBytes) {
				t.Fatal("the run changed nothing: the test would prove nothing")
			}
			kills := 0
			for i := 0; i < 8; i++ {
				reset()
				c := runIn()
				if err := c.Start(); err != nil {
					t.Fatal(err)
				}
				// Kill anywhere in the run, the last third (the writing) most.
				at := time.Duration(rng.Int64N(int64(took)))
				if i%2 == 0 {
					at = took*2/3 + time.Duration(rng.Int64N(int64(took/3)+1))
				}
				time.Sleep(at)
				if c.Process.Signal(syscall.SIGKILL) == nil {
					kills++
				}
				_ = c.Wait()
				got, err := os.ReadFile(filepath.Join(dir, tc.target))
				if err != nil {
					t.Fatalf("kill %d: %v", i, err)
				}
				if !bytes.Equal(got, oldBytes) && !bytes.Equal(got, newBytes) {
					t.Fatalf("kill %d after %v: %s holds neither the old nor the new bytes (%d bytes)", i, at, tc.target, len(got))
				}
			}
			// The next run to the end removes what the killed ones left.
			reset()
			if out, err := runIn().CombinedOutput(); err != nil && !strings.Contains(string(out), "papers:") {
				t.Fatalf("last run: %v\n%s", err, out)
			}
			entries, _ := os.ReadDir(dir)
			for _, e := range entries {
				if strings.Contains(e.Name(), ".papers-") {
					t.Errorf("temporary outlived the next run: %s", e.Name())
				}
			}
			t.Logf("%d kills over a run of %v", kills, took)
		})
	}
}
