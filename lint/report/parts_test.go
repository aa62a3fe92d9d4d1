package report

import (
	"bufio"
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/paperlint/papers/lint"
)

// Many findings are formatted in parallel parts; the output must be the
// same, in the same order, as formatting them in one go.
func TestTextInPartsKeepsOrder(t *testing.T) {
	var src strings.Builder
	for i := 0; i < 3000; i++ {
		fmt.Fprintf(&src, "- 第%d行 line\n", i)
	}
	f := &lint.File{Path: "n.md", Src: []byte(src.String()), Kind: lint.NotesFile}
	var diags []lint.Diagnostic
	for i := 0; i < 3*partSize+17; i++ {
		off := (i * 7) % len(f.Src)
		diags = append(diags, lint.Diagnostic{Rule: "r", Severity: lint.Warning, File: "n.md", Start: off, End: off + 1, Message: fmt.Sprint("finding ", i)})
	}
	ix := newIndex([]*lint.File{f})
	var whole bytes.Buffer
	bw := bufio.NewWriter(&whole)
	if err := writeTextPart(bw, diags, ix, Options{Context: true}); err != nil {
		t.Fatal(err)
	}
	_ = bw.Flush()
	var parts bytes.Buffer
	if err := writeText(&parts, diags, ix, Options{Context: true}); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(whole.Bytes(), parts.Bytes()) {
		t.Fatal("parallel parts differ from one-go output")
	}
	if n := strings.Count(parts.String(), "finding "); n != len(diags) {
		t.Errorf("%d findings printed, want %d", n, len(diags))
	}
}
