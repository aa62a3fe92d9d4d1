package bench

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/paperlint/papers/lint"
	"github.com/paperlint/papers/lsp"
	"github.com/paperlint/papers/rules"
	"github.com/paperlint/papers/workspace"
)

// editorSession is papers lsp on a generated notes file of n papers and its
// .bib, driven through an in-memory pipe as an editor drives it. The
// client reads only the head of each message (which file, which version):
// decoding the findings is the editor's cost, not the server's.
type editorSession struct {
	b       *testing.B
	w       io.Writer
	uri     string
	text    []byte
	version int
	got     chan int // versions of the notes file's publications
}

// publication reads the file and version at the head of a
// publishDiagnostics message.
var publication = regexp.MustCompile(`"method":"textDocument/publishDiagnostics","params":\{"uri":"([^"]*)","version":(\d+)`)

func newEditorSession(b *testing.B, n int) *editorSession {
	c := input(b, n)
	dir := b.TempDir()
	for name, data := range map[string][]byte{"notes.md": c.notes, "notes.bib": c.bib} {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			b.Fatal(err)
		}
	}
	srv := lsp.New(lsp.Options{Rules: rules.All(), Year: 2026, Jobs: runtime.GOMAXPROCS(0), Debounce: time.Nanosecond})
	a, p := net.Pipe()
	done := make(chan error, 1)
	go func() { done <- srv.Serve(context.Background(), a) }()
	s := &editorSession{b: b, w: p, uri: "file://" + filepath.Join(dir, "notes.md"), text: c.notes, got: make(chan int, 1<<16)}
	go func() {
		r := bufio.NewReaderSize(p, 1<<20)
		for {
			body, err := readMessage(r)
			if err != nil {
				return
			}
			head := body[:min(len(body), 1024)]
			if m := publication.FindSubmatch(head); m != nil && string(m[1]) == s.uri {
				v, _ := strconv.Atoi(string(m[2]))
				s.got <- v
			}
		}
	}()
	b.Cleanup(func() {
		_ = p.Close()
		if err := <-done; err != nil {
			b.Error(err)
		}
	})
	s.send(map[string]any{"id": 1, "method": "initialize", "params": map[string]any{"rootUri": "file://" + dir, "capabilities": map[string]any{}}})
	s.send(map[string]any{"method": "initialized", "params": map[string]any{}})
	s.version = 1
	s.send(map[string]any{"method": "textDocument/didOpen", "params": map[string]any{"textDocument": map[string]any{"uri": s.uri, "languageId": "markdown", "version": 1, "text": string(s.text)}}})
	s.wait()
	return s
}

// readMessage reads one LSP message's body.
func readMessage(r *bufio.Reader) ([]byte, error) {
	n := -1
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			return nil, err
		}
		line = strings.TrimSpace(line)
		if line == "" {
			break
		}
		if v, ok := strings.CutPrefix(line, "Content-Length: "); ok {
			n, _ = strconv.Atoi(v)
		}
	}
	body := make([]byte, n)
	_, err := io.ReadFull(r, body)
	return body, err
}

// send writes a JSON-RPC message.
func (s *editorSession) send(msg map[string]any) {
	msg["jsonrpc"] = "2.0"
	body, err := json.Marshal(msg)
	if err != nil {
		s.b.Fatal(err)
	}
	if _, err := fmt.Fprintf(s.w, "Content-Length: %d\r\n\r\n%s", len(body), body); err != nil {
		s.b.Fatal(err)
	}
}

// wait waits for the publication of the current version.
func (s *editorSession) wait() {
	for {
		select {
		case v := <-s.got:
			if v == s.version {
				return
			}
		case <-time.After(60 * time.Second):
			s.b.Fatalf("no findings for version %d", s.version)
		}
	}
}

// typeAt inserts one character at a byte offset (a line start, so that the
// position is easy to give) and waits for the findings.
func (s *editorSession) typeAt(off int) {
	line := 0
	for i := 0; i < off; i++ {
		if s.text[i] == '\n' {
			line++
		}
	}
	s.version++
	pos := map[string]int{"line": line, "character": 0}
	s.send(map[string]any{"method": "textDocument/didChange", "params": map[string]any{
		"textDocument":   map[string]any{"uri": s.uri, "version": s.version},
		"contentChanges": []any{map[string]any{"range": map[string]any{"start": pos, "end": pos}, "text": "x"}},
	}})
	s.text = append(s.text[:off:off], append([]byte("x"), s.text[off:]...)...)
	s.wait()
}

// lineStartNear returns the start of a line of notes (not a heading, so
// that the paper stays a paper) near off.
func lineStartNear(text []byte, off int) int {
	for {
		for off > 0 && text[off-1] != '\n' {
			off--
		}
		if text[off] == '-' {
			return off + 2 // inside a note: "- x..."
		}
		off = off + 1
		for off < len(text) && text[off-1] != '\n' {
			off++
		}
	}
}

// BenchmarkLSPEdit is one character typed into the middle of a notes file of
// 10,000 papers (7.9 MB, with a .bib of 10,000 entries), from the change
// sent by the editor to the findings of the new text received by it:
// parsing again around the change, the rules (the Local ones on the part
// only, the corpus ones whole), publishing the file's findings as JSON. The
// debounce is set to 1 ns, so it is excluded. ms/edit is the median.
func BenchmarkLSPEdit(b *testing.B) {
	s := newEditorSession(b, 10000)
	at := lineStartNear(s.text, len(s.text)/2)
	var took []time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		t0 := time.Now()
		s.typeAt(at)
		took = append(took, time.Since(t0))
	}
	sort.Slice(took, func(i, j int) bool { return took[i] < took[j] })
	b.ReportMetric(float64(took[len(took)/2].Microseconds())/1000, "ms/edit")
}

// BenchmarkIncrementalRun is the same edit without the protocol: the
// workspace's Update and the run that gives the new findings (what
// "findings ready" means), with and without the incremental path.
func BenchmarkIncrementalRun(b *testing.B) {
	c := input(b, 10000)
	for _, incremental := range []bool{true, false} {
		b.Run(fmt.Sprintf("incremental=%v", incremental), func(b *testing.B) {
			inputs := []lint.Input{{Path: "notes.md", Src: c.notes, Companion: "notes.bib"}, {Path: "notes.bib", Src: c.bib}}
			ws, err := workspace.FromInputs(nil, workspace.Options{Year: 2026, Jobs: runtime.GOMAXPROCS(0), Incremental: incremental}, inputs)
			if err != nil {
				b.Fatal(err)
			}
			runner, err := lint.NewRunner(rules.All(), nil)
			if err != nil {
				b.Fatal(err)
			}
			if incremental {
				runner.RunCache = lint.NewRunCache()
			}
			typeInMiddle(b, ws, runner, c.notes)
		})
	}
}

// BenchmarkIncrementalRunShared is BenchmarkIncrementalRun's edit in a
// folder of two notes files sharing one .bib (the 10,000 papers twice, as
// notes.md and other.md beside references.bib), with the incremental
// path: what the other file costs a keystroke. Its findings of the rules
// that read nothing beyond it and its companion (bib-mismatch among
// them) are kept, not checked again.
func BenchmarkIncrementalRunShared(b *testing.B) {
	c := input(b, 10000)
	inputs := []lint.Input{
		{Path: "notes.md", Src: c.notes, Companion: "references.bib"},
		{Path: "other.md", Src: c.notes, Companion: "references.bib"},
		{Path: "references.bib", Src: c.bib},
	}
	ws, err := workspace.FromInputs(nil, workspace.Options{Year: 2026, Jobs: runtime.GOMAXPROCS(0), Incremental: true}, inputs)
	if err != nil {
		b.Fatal(err)
	}
	runner, err := lint.NewRunner(rules.All(), nil)
	if err != nil {
		b.Fatal(err)
	}
	runner.RunCache = lint.NewRunCache()
	typeInMiddle(b, ws, runner, c.notes)
}

// typeInMiddle runs the runner once, then times, per iteration, typing one
// character at the start of the line nearest the middle of notes.md and
// running again.
func typeInMiddle(b *testing.B, ws *workspace.Workspace, runner *lint.Runner, text []byte) {
	b.Helper()
	runner.Run(ws)
	at := lineStartNear(text, len(text)/2)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		text = append(text[:at:at], append([]byte("x"), text[at:]...)...)
		if err := ws.Update("notes.md", text); err != nil {
			b.Fatal(err)
		}
		runner.Run(ws)
	}
}

// BenchmarkLSPMemory types 1,000 characters, one at a time, at places
// spread over the 10,000-paper file, each waiting for its findings, and
// reports the live heap after the last edit over the live heap after the
// first (heap-ratio; 1.5 at most is the target: nothing grows with the
// session).
func BenchmarkLSPMemory(b *testing.B) {
	for i := 0; i < b.N; i++ {
		s := newEditorSession(b, 10000)
		heap := func() uint64 {
			runtime.GC()
			runtime.GC()
			var m runtime.MemStats
			runtime.ReadMemStats(&m)
			return m.HeapAlloc
		}
		s.typeAt(lineStartNear(s.text, len(s.text)/2))
		first := heap()
		for k := 1; k < 1000; k++ {
			s.typeAt(lineStartNear(s.text, (k*7919)%len(s.text)))
		}
		last := heap()
		b.ReportMetric(float64(first)/(1<<20), "MB-first")
		b.ReportMetric(float64(last)/(1<<20), "MB-last")
		b.ReportMetric(float64(last)/float64(first), "heap-ratio")
	}
}
