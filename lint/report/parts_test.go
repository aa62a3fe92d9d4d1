package report

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
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
	if err := writeTextPart(&whole, diags, ix, Options{Context: true}); err != nil {
		t.Fatal(err)
	}
	var parts bytes.Buffer
	if err := writeText(&parts, lint.NewFindings(nil, diags), ix, Options{Context: true, Jobs: 4}); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(whole.Bytes(), parts.Bytes()) {
		t.Fatal("parallel parts differ from one-go output")
	}
	if n := strings.Count(parts.String(), "finding "); n != len(diags) {
		t.Errorf("%d findings printed, want %d", n, len(diags))
	}
}

// manyDiagnostics returns more findings than one part holds, with fixes,
// suggestions, related locations and repeated lines (for SARIF's
// fingerprint counts).
func manyDiagnostics() ([]lint.Diagnostic, *index) {
	var src strings.Builder
	for i := 0; i < 3000; i++ {
		fmt.Fprintf(&src, "- 第%d行 line <b>&\n", i%1000)
	}
	f := &lint.File{Path: "n.md", Src: []byte(src.String()), Kind: lint.NotesFile}
	var diags []lint.Diagnostic
	for i := 0; i < 3*partSize+17; i++ {
		off := (i * 7) % (len(f.Src) - 2)
		d := lint.Diagnostic{Rule: "r", Severity: lint.Severity(1 + i%3), File: "n.md", Start: off, End: off + 1, Message: fmt.Sprint("finding <", i, "> & more")}
		if i%3 == 0 {
			d.Fix = &lint.Fix{Message: "fix it", Edits: []lint.Edit{{Start: off, End: off + 1, New: "，"}}}
		}
		if i%5 == 0 {
			d.More = &lint.More{Suggestions: []string{"a", "b"}, Related: []lint.Related{{File: "n.md", Start: 0, End: 2, Message: "there"}}}
		}
		diags = append(diags, d)
	}
	return diags, newIndex([]*lint.File{f})
}

// TestJSONInPartsIsOneDocument checks that the JSON and SARIF outputs,
// encoded in parallel parts, are the bytes one Encoder gives for the whole
// document.
func TestJSONInPartsIsOneDocument(t *testing.T) {
	diags, ix := manyDiagnostics()
	encode := func(v any) []byte {
		var b bytes.Buffer
		enc := json.NewEncoder(&b)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		if err := enc.Encode(v); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}

	all := make([]JSONDiagnostic, len(diags))
	for i := range diags {
		all[i] = toJSON(&diags[i], ix)
	}
	var got bytes.Buffer
	if err := writeJSON(&got, lint.NewFindings(nil, diags), ix, 4); err != nil {
		t.Fatal(err)
	}
	if want := encode(all); !bytes.Equal(got.Bytes(), want) {
		t.Errorf("json: parts differ from one document (%d vs %d bytes)", got.Len(), len(want))
	}

	opt := Options{ToolVersion: "test", Jobs: 4}
	rules, ruleIndex := sarifRules(opt.Rules, lint.NewFindings(nil, diags), nil)
	loc := func(path string) sarifArtifactLocation { return artifactLocation(path, "") }
	fps := sarifFingerprints(diags, ix, loc, 1)
	run := sarifRun{
		Tool: sarifTool{Driver: sarifDriver{Name: "papers", Version: opt.ToolVersion, SemanticVer: semanticVersion(opt.ToolVersion),
			InformationURI: toolInformationURI, Rules: rules}},
		AutomationDetails: sarifAutomationDetails{ID: automationID},
		ColumnKind:        "utf16CodeUnits",
	}
	for i, d := range diags {
		run.Results = append(run.Results, sarifResultOf(d, ix, ruleIndex, fps[i], loc))
	}
	got.Reset()
	if err := writeSARIF(&got, lint.NewFindings(nil, diags), ix, opt); err != nil {
		t.Fatal(err)
	}
	if want := encode(sarifLog{Schema: sarifSchemaURI, Version: sarifVersion, Runs: []sarifRun{run}}); !bytes.Equal(got.Bytes(), want) {
		t.Errorf("sarif: parts differ from one document (%d vs %d bytes)", got.Len(), len(want))
	}
	if !strings.Contains(got.String(), `:3"`) {
		t.Error("sarif: no fingerprint counted a third occurrence")
	}

	rd := rdResult{Source: rdSource{Name: "papers"}}
	for i := range diags {
		rd.Diagnostics = append(rd.Diagnostics, toRDJSON(&diags[i], ix, ""))
	}
	var want bytes.Buffer
	enc := json.NewEncoder(&want)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(rd); err != nil {
		t.Fatal(err)
	}
	got.Reset()
	if err := writeRDJSON(&got, lint.NewFindings(nil, diags), ix, Options{Jobs: 4}); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got.Bytes(), want.Bytes()) {
		t.Errorf("rdjson: parts differ from one document (%d vs %d bytes)", got.Len(), want.Len())
	}
}

// TestFindingsWriteAsOneList writes findings kept in several sorted lists,
// merged as they are written (a run's findings, lint.Runner.RunFindings),
// and checks every format against the same findings in one list.
func TestFindingsWriteAsOneList(t *testing.T) {
	diags, ix := manyDiagnostics()
	lint.SortDiagnostics(diags)
	files := make([]*lint.File, 0, 1)
	for _, f := range ix.byPath {
		files = append(files, f)
	}
	// Round robin over four lists: each stays sorted, and every window of
	// the merge takes from all of them.
	lists := make([][]lint.Diagnostic, 4)
	for i, d := range diags {
		lists[i%4] = append(lists[i%4], d)
	}
	split := lint.NewFindings(files, lists...)
	opt := Options{ToolVersion: "test", Jobs: 3, Context: true}
	sameOutput(t, "merged lists and one list", opt,
		func(w *bytes.Buffer, format string) error { return Write(w, format, diags, files, opt) },
		func(w *bytes.Buffer, format string) error { return WriteFindings(w, format, split, opt) })
	if CountFindings(split) != CountOf(diags) {
		t.Errorf("counts differ: %+v vs %+v", CountFindings(split), CountOf(diags))
	}
	sameSummaries(t, "merged lists and one list", opt, lint.NewFindings(files, diags), split)
}

// sameOutput writes every format with want and with got and reports each
// format whose bytes differ.
func sameOutput(t *testing.T, what string, opt Options, want, got func(w *bytes.Buffer, format string) error) {
	t.Helper()
	for _, format := range Formats {
		var a, b bytes.Buffer
		if err := want(&a, format); err != nil {
			t.Fatal(err)
		}
		if err := got(&b, format); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a.Bytes(), b.Bytes()) {
			t.Errorf("%s: %s differ (%d vs %d bytes)", format, what, b.Len(), a.Len())
		}
	}
}

// sameSummaries compares the statistics (text and json) and the GitHub
// step summary of two sets of findings.
func sameSummaries(t *testing.T, what string, opt Options, want, got *lint.Findings) {
	t.Helper()
	for _, write := range []func(*bytes.Buffer, *lint.Findings) error{
		func(b *bytes.Buffer, f *lint.Findings) error { return WriteStatistics(b, "text", f, nil) },
		func(b *bytes.Buffer, f *lint.Findings) error { return WriteStatistics(b, "json", f, nil) },
		func(b *bytes.Buffer, f *lint.Findings) error {
			return WriteStepSummary(b, f, 1, opt, "papers lint --fix", GitHubRepo{})
		},
	} {
		var a, b bytes.Buffer
		if err := write(&a, want); err != nil {
			t.Fatal(err)
		}
		if err := write(&b, got); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a.Bytes(), b.Bytes()) {
			t.Errorf("summary: %s differ:\n%s\nvs\n%s", what, b.String(), a.String())
		}
	}
}

// TestInlineFixWritesAsAFix checks that every format writes a fix kept
// inside the finding (lint.Diagnostic.SetFix) as it writes the same fix
// held in a lint.Fix: the writers read fixes through HasFix, FixMessage
// and FixEdits, never Fix alone.
func TestInlineFixWritesAsAFix(t *testing.T) {
	diags, ix := manyDiagnostics()
	lint.SortDiagnostics(diags)
	var files []*lint.File
	for _, f := range ix.byPath {
		files = append(files, f)
	}
	held := make([]lint.Diagnostic, len(diags))
	inline := make([]lint.Diagnostic, len(diags))
	for i, d := range diags {
		held[i], inline[i] = d, d
		if d.Fix == nil {
			continue
		}
		e := d.Fix.Edits[0]
		held[i].Fix = &lint.Fix{Message: d.Message, Edits: []lint.Edit{e}}
		inline[i].SetFix(d.Message, e)
		if inline[i].Fix != nil {
			t.Fatalf("the fix of %+v was not kept inline", d)
		}
	}
	opt := Options{ToolVersion: "test", Jobs: 3, Context: true}
	sameOutput(t, "inline fixes and fixes in a lint.Fix", opt,
		func(w *bytes.Buffer, format string) error { return Write(w, format, held, files, opt) },
		func(w *bytes.Buffer, format string) error { return Write(w, format, inline, files, opt) })
	if CountOf(inline) != CountOf(held) {
		t.Errorf("counts differ: %+v vs %+v", CountOf(inline), CountOf(held))
	}
	sameSummaries(t, "inline fixes and fixes in a lint.Fix", opt, lint.NewFindings(files, held), lint.NewFindings(files, inline))
}

// TestPartsPrepareInOrder writes findings in parts with a prepare step,
// as SARIF does: prepare must see every window once and in order, before
// any part of it is formatted, and a part that fails ends the output after
// the parts before it, with its error.
func TestPartsPrepareInOrder(t *testing.T) {
	n := 3*partSize + 123
	var a, b []lint.Diagnostic
	for i := range n {
		d := lint.Diagnostic{File: "x.md", Start: i, Rule: "r"}
		if i%3 == 0 {
			a = append(a, d)
		} else {
			b = append(b, d)
		}
	}
	f := lint.NewFindings(nil, a, b) // two lists: merged on a goroutine
	failed := errors.New("planted")
	for jobs := 1; jobs <= 3; jobs++ {
		for _, failAt := range []int{-1, 0, 2} { // the part whose format fails
			var (
				mu       sync.Mutex
				prepared int // findings prepared so far
			)
			prepare := func(lo int, ds []lint.Diagnostic) {
				mu.Lock()
				defer mu.Unlock()
				if lo != prepared || len(ds) == 0 || len(ds) > jobs*partSize {
					t.Errorf("jobs %d: window at %d of %d findings after %d prepared", jobs, lo, len(ds), prepared)
				}
				prepared = lo + len(ds)
			}
			format := func(buf *bytes.Buffer, lo int, ds []lint.Diagnostic) error {
				mu.Lock()
				ready := prepared >= lo+len(ds)
				mu.Unlock()
				if !ready {
					t.Errorf("jobs %d: part at %d formatted before its window was prepared", jobs, lo)
				}
				if failAt >= 0 && lo == failAt*partSize {
					return failed
				}
				fmt.Fprintf(buf, "%d-%d;", lo, ds[len(ds)-1].Start)
				return nil
			}
			// The buffers of a writer that wrote without prepare first.
			var pb partBuffers
			if err := pb.write(io.Discard, f, jobs, nil, func(*bytes.Buffer, int, []lint.Diagnostic) error { return nil }); err != nil {
				t.Fatal(err)
			}
			var out bytes.Buffer
			err := pb.write(&out, f, jobs, prepare, format)
			var want strings.Builder
			for lo := 0; lo < n; lo += partSize {
				if lo == failAt*partSize {
					break
				}
				fmt.Fprintf(&want, "%d-%d;", lo, min(lo+partSize, n)-1)
			}
			if out.String() != want.String() || (failAt >= 0) != errors.Is(err, failed) {
				t.Errorf("jobs %d, failing part %d: wrote %q, %v\nwant %q", jobs, failAt, out.String(), err, want.String())
			}
		}
	}
}
