package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestStdinFilenameOnTerminal: --stdin-filename with no path reads standard
// input, but not when it is a terminal, where the run would wait for text
// that nobody pipes in.
func TestStdinFilenameOnTerminal(t *testing.T) {
	var stdout, stderr bytes.Buffer
	e := &env{stdin: strings.NewReader(""), stdout: &stdout, stderr: &stderr, stdinIsTerminal: true, getenv: func(string) string { return "" }}
	if code := run([]string{"lint", "--stdin-filename", "notes.md"}, e); code != exitTrouble {
		t.Errorf("exit %d, want %d", code, exitTrouble)
	}
	if !strings.Contains(stderr.String(), "standard input, which is a terminal") || stdout.Len() > 0 {
		t.Errorf("stdout %q, stderr %q", stdout.String(), stderr.String())
	}
}

func TestCommandLine(t *testing.T) {
	tests := []struct {
		flag, config string
		paths        []string
		want         string
	}{
		{"", "", nil, "papers lint"},
		{"--fix", "", []string{"notes"}, "papers lint --fix notes"},
		{"", "ci/.papers.yaml", []string{"a b.md", "it's.md", "论文.md"}, `papers lint --config ci/.papers.yaml 'a b.md' 'it'\''s.md' '论文.md'`},
		{"", "", []string{"-x.md"}, "papers lint -- -x.md"},
	}
	for _, tt := range tests {
		if got := commandLine(tt.flag, tt.config, tt.paths); got != tt.want {
			t.Errorf("commandLine(%q, %q, %q) = %s, want %s", tt.flag, tt.config, tt.paths, got, tt.want)
		}
	}
}

// heapRecorder records what a run asks of the first collection.
type heapRecorder struct{ heaps []uint64 }

func (r *heapRecorder) Raise(heap uint64) { r.heaps = append(r.heaps, heap) }

// TestLintRaisesFirstGC: papers lint puts the first collection off to
// heapPerInputByte times the size of the files it lints, not counting
// those it reads for reference only (the rest of the workspace, a
// companion .bib).
func TestLintRaisesFirstGC(t *testing.T) {
	dir := t.TempDir()
	notes := "# Topic\n\n## Attention Is All You Need[NeurIPS'17][Google]\n\n- Transformer\n"
	other := "# Other\n\n## BERT[NAACL'19][Google]\n\n- 预训练\n"
	bib := "@inproceedings{vaswani2017, title = {Attention Is All You Need}, year = {2017}}\n"
	for name, text := range map[string]string{".papers.yaml": "", "a.md": notes, "a.bib": bib, "b.md": other} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(dir)
	for _, tt := range []struct {
		args []string
		want int
	}{
		{[]string{"lint", "a.md"}, len(notes)},                 // a.bib and b.md are read for reference
		{[]string{"lint"}, len(notes) + len(bib) + len(other)}, // the whole folder is linted
	} {
		rec := &heapRecorder{}
		var stdout, stderr bytes.Buffer
		e := &env{stdin: strings.NewReader(""), stdout: &stdout, stderr: &stderr, getenv: func(string) string { return "" }, firstGC: rec}
		run(tt.args, e)
		if want := uint64(heapPerInputByte * tt.want); len(rec.heaps) != 1 || rec.heaps[0] != want {
			t.Errorf("papers %s: Raise calls %v, want one with %d (stderr %q)", strings.Join(tt.args, " "), rec.heaps, want, stderr.String())
		}
	}
}
