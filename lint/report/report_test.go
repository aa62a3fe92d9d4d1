package report

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/paperlint/papers/internal/testkit"
	"github.com/paperlint/papers/lint"
)

// notesSrc has everything that shifts naive columns: a BOM, CRLF line ends,
// CJK (3 UTF-8 bytes, 1 UTF-16 unit, 2 terminal columns), an emoji outside
// the BMP (4 bytes, 2 UTF-16 units, 2 terminal columns) and tabs.
const notesSrc = "\ufeff# 每周论文合集\r\n" +
	"### 😀Deep\tInterest Network(DIN)[KDD'18][Ali]\r\n" +
	"- 是对原始的深度推荐模型的改进，见[NIPS'18]\r\n" +
	"\t😀😀 [ECCV'21] end\r\n"

const (
	notesPath = "notes.md"
	// bibPath has a space and non-ASCII characters, which SARIF must
	// percent-encode.
	bibPath = "refs dir/论文 refs.bib"
	bibSrc  = "@inproceedings{din,\n  title = {Deep Interest Network},\n}\n"
	// missingPath is a file the writers are not given.
	missingPath = "missing.md"
)

// fixtureFiles builds fresh files for one test, so that parallel tests do
// not share a File's lazily built line index.
func fixtureFiles() []*lint.File {
	return []*lint.File{
		{Path: notesPath, Src: []byte(notesSrc), Kind: lint.NotesFile},
		{Path: bibPath, Src: []byte(bibSrc), Kind: lint.BibFile},
	}
}

// span returns the byte range of the n-th (0-based) occurrence of sub in src.
func span(t testing.TB, src, sub string, n int) (int, int) {
	t.Helper()
	off := 0
	for i := 0; ; i++ {
		j := strings.Index(src[off:], sub)
		if j < 0 {
			t.Fatalf("%q not found %d times", sub, n+1)
		}
		if i == n {
			return off + j, off + j + len(sub)
		}
		off += j + len(sub)
	}
}

// fixtureRules are the rules of the fixture run. "custom-venue" and the
// engine's "directive" rule are used by diagnostics but are not listed;
// "quiet-rule" is listed but never fires.
func fixtureRules() []*lint.Rule {
	return []*lint.Rule{
		{ID: "venue-name", Summary: "Venue tags use the registry's spelling", Severity: lint.Error, Scope: lint.NotesScope, Fixable: true},
		{ID: "cjk-spacing", Summary: "Space between CJK and Latin text", Severity: lint.Info, Scope: lint.NotesScope},
		{ID: "title-case", Summary: "Titles in .bib keep their capitals", Severity: lint.Warning, Scope: lint.BibScope, Doc: "https://example.org/rules/title-case"},
		{ID: "quiet-rule", Summary: "Never fires", Severity: lint.Off, Scope: lint.CorpusScope},
	}
}

// posWant is where a diagnostic must be reported, in each column unit.
type posWant struct {
	line, col, col16, colByte             int
	endLine, endCol, endCol16, endColByte int
}

// fixtureDiag is a diagnostic of the fixture and where it must appear.
type fixtureDiag struct {
	diag lint.Diagnostic
	want posWant
}

// fixture returns the diagnostics of the fixture with the positions every
// format must print for them (computed by hand from notesSrc; the BOM is no
// character, CR is not part of a line).
func fixture(t testing.TB) []fixtureDiag {
	t.Helper()
	s := func(sub string) (int, int) { return span(t, notesSrc, sub, 0) }

	lunwenS, lunwenE := s("论文")
	kddS, kddE := s("[KDD'18]")
	nipsS, nipsE := s("NIPS'18")
	multiS, _ := s("改进")
	_, emojiE := s("\t😀")
	eccvS, eccvE := s("[ECCV'21]")
	titleS, titleE := span(t, bibSrc, "Deep Interest Network", 0)

	return []fixtureDiag{
		{
			diag: lint.Diagnostic{Rule: "cjk-spacing", Severity: lint.Info, File: notesPath, Start: lunwenS, End: lunwenE,
				Message: "论文 needs a space"},
			want: posWant{1, 5, 5, 9, 1, 7, 7, 15},
		},
		{
			diag: lint.Diagnostic{Rule: "custom-venue", Severity: lint.Warning, File: notesPath, Start: kddS, End: kddE,
				Message: "custom pattern matched"},
			want: posWant{2, 32, 33, 35, 2, 40, 41, 43},
		},
		{
			diag: lint.Diagnostic{Rule: "venue-name", Severity: lint.Error, File: notesPath, Start: nipsS, End: nipsE,
				Message: "NIPS'18: the venue is NeurIPS from 2018",
				Fix:     &lint.Fix{Message: "write NeurIPS", Edits: []lint.Edit{{Start: nipsS, End: nipsS + 4, New: "NeurIPS"}}},
				More: &lint.More{Suggestions: []string{"NeurIPS"}, Related: []lint.Related{
					{File: notesPath, Start: kddS, End: kddE, Message: "a venue tag written right"},
					{File: bibPath, Start: titleS, End: titleE, Message: "the .bib entry"},
				}}},
			want: posWant{3, 20, 20, 52, 3, 27, 27, 59},
		},
		{
			// A span over two lines.
			diag: lint.Diagnostic{Rule: "cjk-spacing", Severity: lint.Info, File: notesPath, Start: multiS, End: emojiE,
				Message: "two lines"},
			want: posWant{3, 15, 15, 39, 4, 3, 4, 6},
		},
		{
			// A message with everything the GitHub format must escape.
			diag: lint.Diagnostic{Rule: lint.DirectiveRule, Severity: lint.Warning, File: notesPath, Start: eccvS, End: eccvE,
				Message: "unknown rule \"x\": 100% sure, <really>\nsecond line"},
			want: posWant{4, 5, 7, 11, 4, 14, 16, 20},
		},
		{
			diag: lint.Diagnostic{Rule: "title-case", Severity: lint.Warning, File: bibPath, Start: titleS, End: titleE,
				Message: "keep {Deep Interest Network} in braces",
				Fix:     &lint.Fix{Message: "brace the title", Edits: []lint.Edit{{Start: titleE, End: titleE, New: "}"}, {Start: titleS, End: titleS, New: "{"}}}},
			want: posWant{2, 12, 12, 12, 2, 33, 33, 33},
		},
		{
			// A file the writers do not have: line 1, column 1.
			diag: lint.Diagnostic{Rule: "venue-name", Severity: lint.Error, File: missingPath, Start: 100, End: 105,
				Message: "somewhere"},
			want: posWant{1, 1, 1, 1, 1, 1, 1, 1},
		},
	}
}

func fixtureDiags(fds []fixtureDiag) []lint.Diagnostic {
	out := make([]lint.Diagnostic, len(fds))
	for i, fd := range fds {
		out[i] = fd.diag
	}
	return out
}

func fixtureOptions() Options {
	return Options{Rules: fixtureRules(), ToolVersion: "1.2.3-test", Docs: fixtureDocs(), ExitCode: new(1)}
}

// fixtureDocs holds a page for venue-name only, with a relative link, a
// code block and a link with a fragment to a page outside docs/rules.
func fixtureDocs() fs.FS {
	return fstest.MapFS{"docs/rules/venue-name.md": {Data: []byte("# venue-name\r\n\r\n" +
		"**Default severity:** error\r\n\r\n## What it checks\r\n\r\n" +
		"A venue tag is **not** spelled as the registry has it;\r\nsee [cjk-spacing](cjk-spacing.md) for spacing.\r\n\r\n" +
		"```yaml\r\n# kept: a comment in code\r\n```\r\n\r\nSee [the README](../../README.md#rules).\r\n")}}
}

// render runs Write and fails the test on an error.
func render(t testing.TB, format string, diags []lint.Diagnostic, opt Options) string {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, format, diags, fixtureFiles(), opt); err != nil {
		t.Fatalf("Write(%s): %v", format, err)
	}
	return buf.String()
}

// gotPos is a position as one format printed it; -1 when the format does
// not print that number.
type gotPos struct{ line, col, endLine, endCol int }

// TestPositions checks, for every format, that each finding is printed at
// the place posWant says, in the format's own column unit.
func TestPositions(t *testing.T) {
	fds := fixture(t)
	diags := fixtureDiags(fds)
	chars := func(w posWant) gotPos { return gotPos{w.line, w.col, w.endLine, w.endCol} }

	// The github format prints errors, then warnings, then notices.
	byKind := slices.Clone(fds)
	slices.SortStableFunc(byKind, func(a, b fixtureDiag) int { return ghKind(a.diag.Severity) - ghKind(b.diag.Severity) })
	tests := []struct {
		format string
		parse  func(t *testing.T, out string) []gotPos
		want   func(posWant) gotPos
		order  []fixtureDiag
	}{
		{"text", parseTextPositions, func(w posWant) gotPos { return gotPos{w.line, w.col, -1, -1} }, nil},
		{"json", parseJSONPositions, chars, nil},
		{"github", parseGitHubPositions, func(w posWant) gotPos {
			g := chars(w)
			// endColumn is only written for a non-empty span on one line,
			// the only case GitHub reads it in.
			if w.endLine != w.line || w.endCol <= w.col {
				g.endCol = -1
			}
			return g
		}, byKind},
		{"checkstyle", parseCheckstylePositions, func(w posWant) gotPos { return gotPos{w.line, w.col, -1, -1} }, nil},
		{"rdjson", parseRDJSONPositions, func(w posWant) gotPos { return gotPos{w.line, w.colByte, w.endLine, w.endColByte} }, nil},
		{"sarif", parseSARIFPositions, func(w posWant) gotPos { return gotPos{w.line, w.col16, w.endLine, w.endCol16} }, nil},
	}
	for _, tt := range tests {
		t.Run(tt.format, func(t *testing.T) {
			t.Parallel()
			got := tt.parse(t, render(t, tt.format, diags, fixtureOptions()))
			if len(got) != len(fds) {
				t.Fatalf("%d positions, want %d", len(got), len(fds))
			}
			order := fds
			if tt.order != nil {
				order = tt.order
			}
			for i, fd := range order {
				if want := tt.want(fd.want); got[i] != want {
					t.Errorf("finding %d (%s %q): got %+v, want %+v", i, fd.diag.Rule, fd.diag.Message, got[i], want)
				}
			}
		})
	}
}

var textHeader = regexp.MustCompile(`^(.+):(\d+):(\d+): (error|warning|info|off): `)

func parseTextPositions(t *testing.T, out string) []gotPos {
	var got []gotPos
	for _, l := range strings.Split(out, "\n") {
		if m := textHeader.FindStringSubmatch(l); m != nil {
			got = append(got, gotPos{atoi(t, m[2]), atoi(t, m[3]), -1, -1})
		}
	}
	return got
}

func parseJSONPositions(t *testing.T, out string) []gotPos {
	var ds []JSONDiagnostic
	if err := json.Unmarshal([]byte(out), &ds); err != nil {
		t.Fatal(err)
	}
	var got []gotPos
	for _, d := range ds {
		got = append(got, gotPos{d.Line, d.Column, d.EndLine, d.EndColumn})
	}
	return got
}

func parseGitHubPositions(t *testing.T, out string) []gotPos {
	var got []gotPos
	for _, c := range parseGitHub(t, out) {
		g := gotPos{atoi(t, c.props["line"]), atoi(t, c.props["col"]), atoi(t, c.props["endLine"]), -1}
		if v, ok := c.props["endColumn"]; ok {
			g.endCol = atoi(t, v)
		}
		got = append(got, g)
	}
	return got
}

func parseCheckstylePositions(t *testing.T, out string) []gotPos {
	var res csResult
	if err := xml.Unmarshal([]byte(out), &res); err != nil {
		t.Fatal(err)
	}
	var got []gotPos
	for _, f := range res.Files {
		for _, e := range f.Errors {
			got = append(got, gotPos{e.Line, e.Column, -1, -1})
		}
	}
	return got
}

func parseRDJSONPositions(t *testing.T, out string) []gotPos {
	var res rdResult
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatal(err)
	}
	var got []gotPos
	for _, d := range res.Diagnostics {
		r := d.Location.Range
		got = append(got, gotPos{r.Start.Line, r.Start.Column, r.End.Line, r.End.Column})
	}
	return got
}

func parseSARIFPositions(t *testing.T, out string) []gotPos {
	log := decodeSARIF(t, out)
	var got []gotPos
	for _, r := range log.Runs[0].Results {
		reg := r.Locations[0].PhysicalLocation.Region
		got = append(got, gotPos{reg.StartLine, reg.StartColumn, reg.EndLine, reg.EndColumn})
	}
	return got
}

func atoi(t testing.TB, s string) int {
	t.Helper()
	n, err := strconv.Atoi(s)
	if err != nil {
		t.Fatalf("not a number: %q", s)
	}
	return n
}

// TestGolden compares each format's full output on the fixture with
// testdata/golden/<name>; go test -run TestGolden -update rewrites them.
func TestGolden(t *testing.T) {
	diags := fixtureDiags(fixture(t))
	tests := []struct {
		name, format string
		opt          Options
	}{
		{"text.golden", "text", Options{}},
		{"text-context.golden", "text", Options{Context: true}},
		{"text-color.golden", "text", Options{Context: true, Color: true}},
		{"json.golden", "json", Options{}},
		{"github.golden", "github", Options{}},
		{"checkstyle.golden", "checkstyle", Options{}},
		{"rdjson.golden", "rdjson", Options{}},
		{"sarif.golden", "sarif", fixtureOptions()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := render(t, tt.format, diags, tt.opt)
			testkit.Golden(t, filepath.Join("testdata", "golden", tt.name), []byte(got))
		})
	}
}

// TestDeterministic runs every format twice on the same input: no map
// order, no time, no scheduling may leak into the output.
func TestDeterministic(t *testing.T) {
	diags := fixtureDiags(fixture(t))
	for _, format := range Formats {
		t.Run(format, func(t *testing.T) {
			t.Parallel()
			opt := fixtureOptions()
			opt.Context = true
			first := render(t, format, diags, opt)
			for range 5 {
				if again := render(t, format, diags, opt); again != first {
					t.Fatalf("second run differs:\n%s\n---\n%s", first, again)
				}
			}
		})
	}
}

// TestEmpty checks what each format prints when there is nothing to
// report: machine formats still print a valid, empty document.
func TestEmpty(t *testing.T) {
	tests := []struct {
		format string
		check  func(t *testing.T, out string)
	}{
		{"text", func(t *testing.T, out string) {
			if out != "" {
				t.Errorf("got %q, want nothing", out)
			}
		}},
		{"json", func(t *testing.T, out string) {
			if out != "[]\n" {
				t.Errorf("got %q, want []", out)
			}
		}},
		{"github", func(t *testing.T, out string) {
			if out != "" {
				t.Errorf("got %q, want nothing", out)
			}
		}},
		{"checkstyle", func(t *testing.T, out string) {
			want := xml.Header + `<checkstyle version="4.3"></checkstyle>` + "\n"
			if out != want {
				t.Errorf("got %q, want %q", out, want)
			}
		}},
		{"rdjson", func(t *testing.T, out string) {
			var m map[string]any
			if err := json.Unmarshal([]byte(out), &m); err != nil {
				t.Fatal(err)
			}
			if d, ok := m["diagnostics"].([]any); !ok || len(d) != 0 {
				t.Errorf("diagnostics = %#v, want []", m["diagnostics"])
			}
		}},
		{"sarif", func(t *testing.T, out string) {
			var m map[string]any
			if err := json.Unmarshal([]byte(out), &m); err != nil {
				t.Fatal(err)
			}
			run := m["runs"].([]any)[0].(map[string]any)
			if r, ok := run["results"].([]any); !ok || len(r) != 0 {
				t.Errorf("results = %#v, want [] (an absent array means the run did not look)", run["results"])
			}
		}},
	}
	if len(tests) != len(Formats) {
		t.Fatalf("test covers %d formats, Formats has %d", len(tests), len(Formats))
	}
	for _, tt := range tests {
		t.Run(tt.format, func(t *testing.T) {
			for _, diags := range [][]lint.Diagnostic{nil, {}} {
				tt.check(t, render(t, tt.format, diags, Options{}))
			}
		})
	}
}

func TestUnknownFormat(t *testing.T) {
	for _, format := range []string{"xml", "SARIF", "Text", "junit"} {
		var buf bytes.Buffer
		err := Write(&buf, format, fixtureDiags(fixture(t)), fixtureFiles(), Options{})
		if err == nil {
			t.Errorf("Write(%q) = nil error", format)
			continue
		}
		msg := err.Error()
		if !strings.Contains(msg, strconv.Quote(format)) {
			t.Errorf("error %q does not name the format %q", msg, format)
		}
		for _, f := range Formats {
			if !strings.Contains(msg, f) {
				t.Errorf("error %q does not name the valid format %q", msg, f)
			}
		}
		if buf.Len() != 0 {
			t.Errorf("Write(%q) wrote %q before failing", format, buf.String())
		}
	}
}

// TestDefaultFormatIsText: an empty format name means text.
func TestDefaultFormatIsText(t *testing.T) {
	diags := fixtureDiags(fixture(t))
	if a, b := render(t, "", diags, Options{}), render(t, "text", diags, Options{}); a != b {
		t.Errorf("format \"\" printed\n%s\nwant text output\n%s", a, b)
	}
}

// errWriter fails every write, to check that writers report I/O errors.
type errWriter struct{}

func (errWriter) Write([]byte) (int, error) { return 0, os.ErrClosed }

func TestWriteErrors(t *testing.T) {
	diags := fixtureDiags(fixture(t))
	for _, format := range Formats {
		if err := Write(errWriter{}, format, diags, fixtureFiles(), fixtureOptions()); err == nil {
			t.Errorf("%s: write error was lost", format)
		}
	}
}
