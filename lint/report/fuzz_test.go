package report

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"strings"
	"testing"

	"github.com/paperlint/papers/lint"
)

// FuzzFormats writes findings whose file text and messages come from the
// fuzzer (control characters, quotes, invalid UTF-8, CRLF) in every
// format, and reads each back: the machine formats parse with as many
// findings as were written, the text format is one line per finding, and
// every github line is a workflow command.
func FuzzFormats(f *testing.F) {
	f.Add([]byte("## 检索\n### T[KDD'18][g]\n- 用BERT,效果好\n"), "msg \"q\" <x> & \x1b[31m")
	f.Add([]byte("a\r\nb\rc\x00\xff\n"), "::error file=x::y\nz")
	f.Fuzz(func(t *testing.T, src []byte, msg string) {
		path := "notes " + strings.ReplaceAll(msg, "/", "_")
		if len(path) > 64 {
			path = path[:64]
		}
		file := &lint.File{Path: path, Src: src, Kind: lint.NotesFile}
		var diags []lint.Diagnostic
		for i := 0; i < 12 && i <= len(src); i++ {
			start := i * len(src) / 12
			end := min(start+3, len(src))
			d := lint.Diagnostic{Rule: "cjk-spacing", Severity: lint.Severity(1 + i%3), File: path, Start: start, End: end, Message: msg}
			if i%2 == 0 {
				d.Fix = &lint.Fix{Message: msg, Edits: []lint.Edit{{Start: start, End: end, New: msg}}}
				d.SetRelated([]lint.Related{{File: path, Start: 0, End: min(1, len(src)), Message: msg}})
			}
			diags = append(diags, d)
		}
		lint.SortDiagnostics(diags)
		n := len(diags)
		for _, format := range Formats {
			var buf bytes.Buffer
			if err := Write(&buf, format, diags, []*lint.File{file}, Options{Jobs: 2}); err != nil {
				t.Fatalf("%s: %v", format, err)
			}
			out := buf.Bytes()
			switch format {
			case "json":
				var got []json.RawMessage
				if err := json.Unmarshal(out, &got); err != nil || len(got) != n {
					t.Fatalf("json: %d findings, %v; want %d", len(got), err, n)
				}
			case "sarif":
				var got struct {
					Runs []struct{ Results []json.RawMessage } `json:"runs"`
				}
				if err := json.Unmarshal(out, &got); err != nil || len(got.Runs) != 1 || len(got.Runs[0].Results) != n {
					t.Fatalf("sarif: %v", err)
				}
			case "rdjson":
				var got struct{ Diagnostics []json.RawMessage }
				if err := json.Unmarshal(out, &got); err != nil || len(got.Diagnostics) != n {
					t.Fatalf("rdjson: %d, %v; want %d", len(got.Diagnostics), err, n)
				}
			case "checkstyle":
				var got struct {
					Files []struct {
						Errors []struct{} `xml:"error"`
					} `xml:"file"`
				}
				if err := xml.Unmarshal(out, &got); err != nil {
					t.Fatalf("checkstyle: %v\n%q", err, out)
				}
				count := 0
				for _, fl := range got.Files {
					count += len(fl.Errors)
				}
				if count != n {
					t.Fatalf("checkstyle: %d findings, want %d", count, n)
				}
			case "text":
				if got := bytes.Count(out, []byte("\n")); got != n {
					t.Fatalf("text: %d lines for %d findings:\n%q", got, n, out)
				}
			case "github":
				for _, line := range strings.Split(strings.TrimSuffix(string(out), "\n"), "\n") {
					if line != "" && !strings.HasPrefix(line, "::") {
						t.Fatalf("github: a line that is no workflow command: %q", line)
					}
				}
			}
		}
	})
}
