package report

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/paperlint/papers/lint"
)

// TestStreamIsWriteFindings: findings written a file at a time by a Stream
// (in sizes below and above a part, some files empty) are the bytes
// WriteFindings writes for all of them, in text, JSON, rdjson and
// Checkstyle, and an empty run's too.
func TestStreamIsWriteFindings(t *testing.T) {
	var files []*lint.File
	var perFile [][]lint.Diagnostic
	for k, n := range []int{3, 0, 2*partSize + 5, 1, 0, partSize} {
		var src strings.Builder
		for i := range 200 {
			fmt.Fprintf(&src, "- 第%d行 line \x1b\n", i)
		}
		f := &lint.File{Path: fmt.Sprintf("f%d.md", k), Src: []byte(src.String()), Kind: lint.NotesFile}
		files = append(files, f)
		var ds []lint.Diagnostic
		for i := range n {
			off := (i * 13) % len(f.Src)
			d := lint.Diagnostic{Rule: "r", Severity: lint.Severity(1 + i%3), File: f.Path, Start: off, End: off + 2, Message: fmt.Sprint("finding ", i, " \"q\"")}
			if i%5 == 0 {
				d.SetFix("fix it", lint.Edit{Start: off, End: off + 1, New: "x"})
			}
			ds = append(ds, d)
		}
		lint.SortDiagnostics(ds)
		perFile = append(perFile, ds)
	}
	for _, format := range []string{"text", "json", "rdjson", "checkstyle"} {
		for _, empty := range []bool{false, true} {
			var all []lint.Diagnostic
			if !empty {
				for _, ds := range perFile {
					all = append(all, ds...)
				}
			}
			opt := Options{Context: true, Jobs: 3}
			var whole bytes.Buffer
			if err := WriteFindings(&whole, format, lint.NewFindings(files, all), opt); err != nil {
				t.Fatal(err)
			}
			var streamed bytes.Buffer
			s, err := NewStream(&streamed, format, opt)
			if err != nil {
				t.Fatal(err)
			}
			for _, ds := range perFile {
				if empty {
					ds = nil
				}
				if err := s.Write(lint.NewFindings(files, ds)); err != nil {
					t.Fatal(err)
				}
			}
			if err := s.Close(); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(whole.Bytes(), streamed.Bytes()) {
				t.Errorf("%s (empty %v): streamed %d bytes differ from the %d written whole", format, empty, streamed.Len(), whole.Len())
			}
		}
	}
	if _, err := NewStream(&bytes.Buffer{}, "sarif", Options{}); err == nil {
		t.Error("a SARIF stream was made")
	}
}
