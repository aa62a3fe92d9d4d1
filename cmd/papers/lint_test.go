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

// TestStreamedTextIsWholeText: the text, JSON, rdjson and Checkstyle
// papers lint writes as the files are done are what it writes after the run (--max-warnings makes it
// read every finding first), with corpus findings across files,
// companions, directives and context lines, at one job and at several.
func TestStreamedTextIsWholeText(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		".papers.yaml": "",
		"a/notes.md": "# 主题\n\n## Attention Is All You Need[NIPS'17][google]\n\n- 提出了Transformer,很重要\n- TODO 看代码\n\n" +
			"## BERT[arxiv'18][Google]\n\n- 预训练,双向\n",
		"a/notes.bib": "@article{devlin2018, title = {BERT}, journal = {arXiv preprint arXiv:1810.04805}, year = {2018}}\n" +
			"@misc{devlin2018, title = {BERT again}}\n",
		"b/notes.md": "# Other\n\n<!-- papers-disable-next-line venue-name -->\n## Attention Is All You Need[NIPS'17][Google]\n\n- 重复的paper\n",
		"c.md":       "# 空\n\n## Deep Residual Learning[CVPR'16][Microsoft]\n\n- ResNet,残差\n",
		"z.bib":      "@misc{x, title = {Deep Residual Learning}}\n@misc{x, title = {Deep Residual Learning}}\n",
	}
	for name, text := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(dir)
	lint := func(args ...string) (string, string, int) {
		var stdout, stderr bytes.Buffer
		getenv := func(k string) string {
			if k == "PAPERS_CONTEXT" {
				return "1"
			}
			return ""
		}
		e := &env{stdin: strings.NewReader(""), stdout: &stdout, stderr: &stderr, getenv: getenv}
		code := run(append([]string{"lint"}, args...), e)
		return stdout.String(), stderr.String(), code
	}
	for _, format := range []string{"text", "json", "rdjson", "checkstyle"} {
		for _, jobs := range []string{"1", "3"} {
			out, errs, code := lint("--format", format, "--jobs", jobs)
			wantOut, wantErrs, wantCode := lint("--format", format, "--jobs", jobs, "--max-warnings", "1000000")
			if out != wantOut || errs != wantErrs || code != wantCode {
				t.Errorf("%s, --jobs %s: streamed (exit %d)\n%s%s\nwhole (exit %d)\n%s%s", format, jobs, code, out, errs, wantCode, wantOut, wantErrs)
			}
			qOut, qErrs, qCode := lint("--format", format, "--jobs", jobs, "--quiet")
			wantOut, wantErrs, wantCode = lint("--format", format, "--jobs", jobs, "--quiet", "--max-warnings", "1000000")
			if qOut != wantOut || qErrs != wantErrs || qCode != wantCode || qOut == out || !strings.Contains(strings.ToLower(qOut), "error") {
				t.Errorf("%s, --jobs %s, --quiet: streamed (exit %d)\n%s%s\nwhole (exit %d)\n%s%s", format, jobs, qCode, qOut, qErrs, wantCode, wantOut, wantErrs)
			}
			for _, path := range []string{"a/notes.bib", "a/notes.md", "b/notes.md", "c.md", "z.bib"} {
				if !strings.Contains(out, "\n"+path+":") && !strings.HasPrefix(out, path+":") && !strings.Contains(out, `"file": "`+path+`"`) && !strings.Contains(out, `"path":"`+path+`"`) && !strings.Contains(out, `<file name="`+path+`">`) {
					t.Errorf("%s, --jobs %s: no finding in %s\n%s", format, jobs, path, out)
				}
			}
		}
	}
	// An empty folder's JSON is an empty array, its rdjson a result with
	// no diagnostic, streamed or not.
	t.Chdir(t.TempDir())
	if out, _, _ := lint("--format", "json"); out != "[]\n" {
		t.Errorf("no input: %q, want an empty array", out)
	}
	if out, _, _ := lint("--format", "rdjson"); !strings.Contains(out, `"diagnostics":[]`) {
		t.Errorf("no input: %q, want no diagnostic", out)
	}
	if out, _, _ := lint("--format", "checkstyle"); !strings.HasSuffix(out, `<checkstyle version="4.3"></checkstyle>`+"\n") {
		t.Errorf("no input: %q, want no file", out)
	}
}

// failingWriter fails every write, as a closed pipe does.
type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, os.ErrClosed }

// TestStreamedWriteFails: when standard output fails, the streamed run
// says so and exits 2.
func TestStreamedWriteFails(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "a.md"), []byte("## BERT[arxiv'18][google]\n\n- 预训练,双向\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	var stderr bytes.Buffer
	e := &env{stdin: strings.NewReader(""), stdout: failingWriter{}, stderr: &stderr, getenv: func(string) string { return "" }}
	if code := run([]string{"lint"}, e); code != exitTrouble || !strings.Contains(stderr.String(), "papers: ") || !strings.Contains(stderr.String(), os.ErrClosed.Error()) {
		t.Errorf("exit %d, stderr %q", code, stderr.String())
	}
}
