package bench

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/paperlint/papers/bench/internal/benchgen"
	"github.com/paperlint/papers/internal/testkit"
	"github.com/paperlint/papers/lint"
	"github.com/paperlint/papers/lint/report"
	"github.com/paperlint/papers/rules"
	"github.com/paperlint/papers/workspace"
)

// TestOutputAtOldDensity pins what papers prints for a generated list at
// the density of the earlier generator (1.7 findings per paper, the files
// `bench/gen -density 1.7` writes byte for byte): every output format and
// the fixed files, as SHA-256 digests in testdata/old-density.txt. The
// performance work on the cost of a finding must not change a byte of
// them; a change that means to (a new rule, a new message) rewrites the
// file with -update, and the diff shows which outputs moved.
func TestOutputAtOldDensity(t *testing.T) {
	if testing.Short() {
		t.Skip("generates and lints 2,000 papers")
	}
	dir := t.TempDir()
	cfg := benchgen.Config{Papers: 2000, Seed: 1, BibRatio: 0.8, Defects: true, BibEntries: 2000, DenseNotes: benchgen.DenseNotesFor(1.7)}
	if _, err := benchgen.Generate(cfg, dir); err != nil {
		t.Fatal(err)
	}
	var in []lint.Input
	for _, name := range []string{"notes.md", "notes.bib"} {
		src, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		in = append(in, lint.Input{Path: name, Src: src})
	}
	in[0].Companion = "notes.bib"
	ws := func() lint.Workspace {
		w, err := workspace.FromInputs(nil, workspace.Options{Year: 2026, Jobs: runtime.GOMAXPROCS(0)}, in)
		if err != nil {
			t.Fatal(err)
		}
		return w
	}
	r, err := lint.NewRunner(rules.All(), lint.DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	res := r.Run(ws())
	var got bytes.Buffer
	fmt.Fprintf(&got, "findings %d\n", len(res.Diagnostics))
	for _, format := range []string{"text", "json", "github", "checkstyle", "rdjson", "sarif"} {
		var out bytes.Buffer
		if err := report.Write(&out, format, res.Diagnostics, res.Files, report.Options{}); err != nil {
			t.Fatalf("%s: %v", format, err)
		}
		fmt.Fprintf(&got, "%-10s %x %d bytes\n", format, sha256.Sum256(out.Bytes()), out.Len())
	}
	fixed := r.Fix(ws())
	for _, name := range []string{"notes.md", "notes.bib"} {
		src := fixed.Fixed[name]
		fmt.Fprintf(&got, "--fix %-9s %x %d bytes, %d fixes\n", name, sha256.Sum256(src), len(src), fixed.Applied[name])
	}
	testkit.Golden(t, filepath.Join("testdata", "old-density.txt"), got.Bytes())
}
