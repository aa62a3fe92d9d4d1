package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/nickng/bibtex"

	"github.com/paperlint/papers/bib"
	"github.com/paperlint/papers/bibgen"
	"github.com/paperlint/papers/internal/testkit"
	"github.com/paperlint/papers/notes"
	"github.com/paperlint/papers/title"
	"github.com/paperlint/papers/venue"
)

// runPapers runs the CLI in-process and returns its exit code and streams.
func runPapers(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	e := &env{stdin: strings.NewReader(""), stdout: &out, stderr: &errb, getenv: func(string) string { return "" }}
	code = run(args, e)
	return code, out.String(), errb.String()
}

// bibtexRun is what real BibTeX said about a .bib file.
type bibtexRun struct {
	exit     int
	used     int      // "You've used N entries"
	warnings []string // lines starting with Warning--, without the prefix
	blg      string
}

// runBibTeX runs bibtex with the plain style on every entry of dir/out.bib,
// through a hand-written .aux, and reads its log. The test is skipped when
// bibtex is not installed (.ci/run installs Debian's texlive-binaries and
// texlive-base).
func runBibTeX(t *testing.T, dir string) bibtexRun {
	t.Helper()
	return runBibTeXStyle(t, dir, "plain")
}

// runBibTeXStyle is runBibTeX with another bibliography style.
func runBibTeXStyle(t *testing.T, dir, style string) bibtexRun {
	t.Helper()
	if _, err := exec.LookPath("bibtex"); err != nil {
		t.Skip("bibtex is not on PATH (apt-get install texlive-binaries texlive-base)")
	}
	aux := "\\citation{*}\n\\bibdata{out}\n\\bibstyle{" + style + "}\n"
	if err := os.WriteFile(filepath.Join(dir, "t.aux"), []byte(aux), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("bibtex", "t")
	cmd.Dir = dir
	outb, err := cmd.CombinedOutput()
	var r bibtexRun
	if err != nil {
		var ee *exec.ExitError
		if !errors.As(err, &ee) {
			t.Fatalf("bibtex: %v\n%s", err, outb)
		}
		r.exit = ee.ExitCode()
	}
	blg, err := os.ReadFile(filepath.Join(dir, "t.blg"))
	if err != nil {
		t.Fatalf("bibtex wrote no log: %v\n%s", err, outb)
	}
	r.blg = string(blg)
	sc := bufio.NewScanner(bytes.NewReader(blg))
	for sc.Scan() {
		line := sc.Text()
		if w, ok := strings.CutPrefix(line, "Warning--"); ok {
			r.warnings = append(r.warnings, w)
		}
		if m := usedEntries.FindStringSubmatch(line); m != nil {
			r.used, _ = strconv.Atoi(m[1]) // \d+ always converts
		}
	}
	// Exit 0 is a clean run, 1 means warnings, 2 and 3 errors.
	if r.exit > 1 || strings.Contains(r.blg, "error message") {
		t.Fatalf("bibtex reported errors (exit %d):\n%s", r.exit, r.blg)
	}
	return r
}

// checkReadBack parses the output with bib.Parse and with nickng's
// bibtex.Parse and checks both give the entries that were written: the same
// keys, types and field values, and that writing what bib.Parse read gives
// the same bytes.
func checkReadBack(t *testing.T, out []byte, wantEntries int) *bib.File {
	t.Helper()
	f := bib.Parse("out.bib", out)
	if len(f.Diagnostics) != 0 {
		t.Fatalf("bib.Parse of the output: %v", f.Diagnostics[0])
	}
	if len(f.Entries) != wantEntries {
		t.Fatalf("bib.Parse read %d entries, want %d", len(f.Entries), wantEntries)
	}
	// Writing the entries read back gives the entries part of the output.
	var again bytes.Buffer
	if _, err := bib.Write(&again, f.Entries, bib.WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	start := f.Entries[0].Span.Start
	if !bytes.Equal(again.Bytes(), out[start:]) {
		t.Errorf("writing the entries read back does not give the same bytes")
	}
	// nickng/bibtex keeps state in package globals: call it from this
	// goroutine only, and only on our own output.
	nb, err := bibtex.Parse(bytes.NewReader(out))
	if err != nil {
		t.Fatalf("bibtex.Parse rejects the output: %v", err)
	}
	if len(nb.Entries) != len(f.Entries) {
		t.Fatalf("bibtex.Parse read %d entries, bib.Parse %d", len(nb.Entries), len(f.Entries))
	}
	for i, e := range f.Entries {
		if diff := cmp.Diff(nickngView(nb.Entries[i]), nickngView(e.BibEntry())); diff != "" {
			t.Errorf("entry %s (-bibtex.Parse +bib.Parse):\n%s", e.Key, diff)
		}
	}
	return f
}

// readBackWithAuthors reads the .bib at path with checkReadBack and checks
// that every entry has an author.
func readBackWithAuthors(t *testing.T, path string, wantEntries int) *bib.File {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	f := checkReadBack(t, src, wantEntries)
	for _, e := range f.Entries {
		if e.Get("author") == "" {
			t.Errorf("%s has no author", e.Key)
		}
	}
	return f
}

type view struct {
	Type, Key string
	Fields    map[string]string
}

func nickngView(e *bibtex.BibEntry) view {
	v := view{Type: e.Type, Key: e.CiteName, Fields: map[string]string{}}
	for k, s := range e.Fields {
		v.Fields[strings.ToLower(k)] = s.String()
	}
	return v
}

var usedEntries = regexp.MustCompile(`^You've used (\d+) entries`)

var noAuthorLine = regexp.MustCompile(`(?m)^papers bib: .*:\d+: no author for (\S+) \(built from the notes\)`)

// TestBibExampleBibTeX runs real BibTeX on `papers bib` of the bundled
// example, whose companion .bib holds every paper with its authors: no error
// and no warning.
func TestBibExampleBibTeX(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "out.bib")
	code, stdout, stderr := runPapers(t, "bib", "-o", out, "../../testdata/example/notes.md")
	if code != exitOK || stdout != "" {
		t.Fatalf("exit %d, stdout %q, stderr:\n%s", code, stdout, stderr)
	}
	if !strings.Contains(stderr, "8 entries: 8 from the companion .bib, 0 built from the notes") {
		t.Errorf("stderr = %q", stderr)
	}
	readBackWithAuthors(t, out, 8)
	r := runBibTeX(t, dir)
	if r.exit != 0 || len(r.warnings) != 0 || r.used != 8 {
		t.Errorf("bibtex: exit %d, %d entries, warnings %q\n%s", r.exit, r.used, r.warnings, r.blg)
	}
}

// TestBibGeneratedBibTeX runs real BibTeX on `papers bib` of a generated
// notes file of 1,000 papers, a fifth of them in the companion .bib: the only
// warnings are "empty author" on @inproceedings and @article entries built
// from the notes, one for each.
func TestBibGeneratedBibTeX(t *testing.T) {
	dir := t.TempDir()
	g := generateNotes(1000, 1)
	notesPath := filepath.Join(dir, "notes.md")
	if err := os.WriteFile(notesPath, []byte(g.notes), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "notes.bib"), []byte(g.bib), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out.bib")
	code, _, stderr := runPapers(t, "bib", notesPath, "-o", out)
	if code != exitOK {
		t.Fatalf("exit %d, stderr:\n%s", code, stderr)
	}
	src, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	f := checkReadBack(t, src, 1000)
	if want := fmt.Sprintf("1000 entries: %d from the companion .bib, %d built from the notes", g.inBib, 1000-g.inBib); !strings.Contains(stderr, want) {
		t.Errorf("stderr lacks %q:\n%s", want, lastLines(stderr, 5))
	}
	if !strings.HasPrefix(string(src), "@string{procx = {Proceedings of the Workshop on X}}\n\n") {
		t.Errorf("the companion's @string is not written first:\n%.200s", src)
	}

	// Every built entry is listed on stderr, and only those.
	listed := map[string]bool{}
	for _, m := range noAuthorLine.FindAllStringSubmatch(stderr, -1) {
		listed[m[1]] = true
	}
	wantEmpty := map[string]bool{}
	for _, e := range f.Entries {
		hasAuthor := e.Get("author") != ""
		if hasAuthor == listed[e.Key] {
			t.Errorf("%s: author %v, listed on stderr as lacking one %v", e.Key, hasAuthor, listed[e.Key])
		}
		if !hasAuthor && (e.Type == "inproceedings" || e.Type == "article") {
			wantEmpty[e.Key] = true
		}
		// Keys are lower-case ASCII, built ones at least.
		if !hasAuthor && !regexp.MustCompile(`^[a-z0-9]+$`).MatchString(e.Key) {
			t.Errorf("key %q is not lower-case ASCII", e.Key)
		}
	}
	if len(listed) != 1000-g.inBib {
		t.Errorf("%d entries listed without author, want %d", len(listed), 1000-g.inBib)
	}

	r := runBibTeX(t, dir)
	if r.used != 1000 {
		t.Errorf("bibtex used %d entries, want 1000", r.used)
	}
	got := map[string]bool{}
	for _, w := range r.warnings {
		key, ok := strings.CutPrefix(w, "empty author in ")
		if !ok || !wantEmpty[key] {
			t.Errorf("unexpected bibtex warning: %s", w)
			continue
		}
		got[key] = true
	}
	if len(got) != len(wantEmpty) {
		t.Errorf("%d empty-author warnings, want %d", len(got), len(wantEmpty))
	}
	if len(wantEmpty) < 500 {
		t.Errorf("only %d built @inproceedings/@article entries: the generator is too narrow", len(wantEmpty))
	}
}

// TestBibDeterministic checks that the same notes give byte-identical
// output, with and without --ascii, and that --ascii output is ASCII except
// for characters LaTeX has no escape for.
func TestBibDeterministic(t *testing.T) {
	dir := t.TempDir()
	g := generateNotes(300, 7)
	notesPath := filepath.Join(dir, "notes.md")
	if err := os.WriteFile(notesPath, []byte(g.notes), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "notes.bib"), []byte(g.bib), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, extra := range [][]string{nil, {"--ascii"}} {
		var first string
		for i := 0; i < 3; i++ {
			code, stdout, stderr := runPapers(t, append([]string{"bib", notesPath}, extra...)...)
			if code != exitOK {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			if i == 0 {
				first = stdout
				continue
			}
			if stdout != first {
				t.Fatalf("%v: run %d differs from run 0", extra, i)
			}
		}
		if extra != nil {
			for _, r := range first {
				if r > 127 && !isHanOrGreek(r) {
					t.Errorf("--ascii output keeps %q", r)
					break
				}
			}
			if !strings.Contains(first, `M{\"o}bius`) {
				t.Errorf("--ascii output has no M{\\\"o}bius")
			}
		} else if !strings.Contains(first, "Möbius") {
			t.Errorf("UTF-8 output has no Möbius")
		}
	}
}

func isHanOrGreek(r rune) bool {
	return r >= 0x3000 && r <= 0x9fff || r >= 0xff00 && r <= 0xffef || r >= 0x370 && r <= 0x3ff
}

// TestBibSeed checks the project's seed notes: every one of its 26 papers
// gets an entry, NIPS'19 is NeurIPS's booktitle with year 2019, and the TIP
// paper is an @article in the journal.
func TestBibSeed(t *testing.T) {
	seed := testkit.Corpus(t, "notes/weekly-papers-readme.md")
	dir := t.TempDir()
	out := filepath.Join(dir, "out.bib")
	code, _, stderr := runPapers(t, "bib", seed, "--bib", filepath.Join(dir, "none.bib"), "-o", out)
	// --bib names a file that does not exist: reported, exit 2, entries
	// still written.
	if code != exitTrouble || !strings.Contains(stderr, "none.bib") {
		t.Errorf("missing --bib: exit %d, stderr %q", code, lastLines(stderr, 3))
	}
	code, _, stderr = runPapers(t, "bib", seed, "-o", out)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	src, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	f := checkReadBack(t, src, 26)
	mobius := f.Entry("neurips2019mobius")
	if mobius == nil || mobius.Type != "inproceedings" || mobius.Get("booktitle") != "Advances in Neural Information Processing Systems" || mobius.Get("year") != "2019" {
		t.Errorf("NIPS'19 entry: %+v", mobius)
	}
	var tip *bib.Entry
	for _, e := range f.Entries {
		if strings.HasPrefix(e.Key, "tip2022") {
			tip = e
		}
	}
	if tip == nil || tip.Type != "article" || tip.Get("journal") != "IEEE Transactions on Image Processing" || tip.Has("booktitle") {
		t.Errorf("TIP entry: %+v", tip)
	}
	if len(noAuthorLine.FindAllString(stderr, -1)) != 26 {
		t.Errorf("stderr does not list the 26 entries without author:\n%s", stderr)
	}
	r := runBibTeX(t, dir)
	for _, w := range r.warnings {
		if !strings.HasPrefix(w, "empty author in ") {
			t.Errorf("bibtex warning: %s", w)
		}
	}
	if r.used != 26 {
		t.Errorf("bibtex used %d entries", r.used)
	}
}

// TestBibSeedLibrary checks the promise on the seed notes: with a
// library holding their papers (testdata/seed-library.bib), every built
// entry gets its authors, and real BibTeX reads the result with the plain,
// ieeetr and acm styles without a single warning.
func TestBibSeedLibrary(t *testing.T) {
	seed := filepath.Join("..", "..", "..", "shared", "corpus", "notes", "weekly-papers-readme.md")
	if _, err := os.Stat(seed); err != nil {
		t.Skip("seed notes not present: ", err)
	}
	dir := t.TempDir()
	out := filepath.Join(dir, "out.bib")
	code, _, stderr := runPapers(t, "bib", seed, "--library", filepath.Join("testdata", "seed-library.bib"), "--resolve", "-o", out)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if n := strings.Count(stderr, ": completed from library "); n != 26 || strings.Contains(stderr, "no author") || strings.Contains(stderr, ": unresolved:") {
		t.Errorf("%d of 26 entries completed:\n%s", n, stderr)
	}
	if !strings.Contains(stderr, "papers bib: resolve: 26 of 26 built entries completed") {
		t.Errorf("no summary:\n%s", stderr)
	}
	f := readBackWithAuthors(t, out, 26)
	// The key, type and venue stay the notes'; the library adds fields.
	din := f.Entry("kdd2018deep")
	if din == nil || din.Get("pages") != "1059--1068" || din.Get("publisher") != "{ACM}" || din.Get("doi") != "10.1145/3219819.3219823" ||
		din.Get("booktitle") != "Proceedings of the ACM SIGKDD Conference on Knowledge Discovery and Data Mining" {
		t.Errorf("DIN entry: %+v", din)
	}
	// DCN is cited as a preprint and the library has the published
	// version: its authors only.
	if dcn := f.Entry("arxiv2017deep"); dcn == nil || dcn.Type != "misc" || dcn.Has("pages") || !strings.HasPrefix(dcn.Get("author"), "Ruoxi Wang") {
		t.Errorf("DCN entry: %+v", dcn)
	}
	for _, style := range []string{"plain", "ieeetr", "acm"} {
		r := runBibTeXStyle(t, dir, style)
		if r.exit != 0 || len(r.warnings) != 0 || r.used != 26 {
			t.Errorf("bibtex %s: exit %d, %d entries, warnings %q", style, r.exit, r.used, r.warnings)
		}
	}
}

// TestBibResolveProgress checks the progress line that a terminal on
// stderr gets, and that it is erased at the end.
func TestBibResolveProgress(t *testing.T) {
	dir := t.TempDir()
	notesPath := filepath.Join(dir, "notes.md")
	if err := os.WriteFile(notesPath, []byte("## S\n### Attention Is All You Need[NIPS'17][Google]\n### Deep Residual Learning for Image Recognition[CVPR'16][MSRA]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	lib := filepath.Join(dir, "lib.bib")
	if err := os.WriteFile(lib, []byte("@inproceedings{v, author = {Ashish Vaswani}, title = {Attention is All you Need}, booktitle = {NIPS}, year = 2017}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var out, errb bytes.Buffer
	e := &env{stdin: strings.NewReader(""), stdout: &out, stderr: &errb, errTerminal: true, getenv: func(string) string { return "" }}
	if code := run([]string{"bib", "--library", lib, notesPath}, e); code != exitOK {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	if !strings.Contains(errb.String(), "\rresolving 1/2 ...\rresolving 2/2 ...\r\x1b[K") {
		t.Errorf("no progress line: %q", errb.String())
	}
	if _, _, stderr := runPapers(t, "bib", "--library", lib, notesPath); strings.Contains(stderr, "resolving") {
		t.Errorf("a progress line without a terminal: %q", stderr)
	}
}

// TestBibMergeKeepsEveryByte checks that --merge appends after the existing
// bytes, which stay exactly as they were (odd spacing, comments, a missing
// final newline, CRLF), and that a second merge adds nothing.
func TestBibMergeKeepsEveryByte(t *testing.T) {
	notesSrc := "## 推荐系统\n" +
		"### Deep Interest Network for Click-Through Rate Prediction(DIN)[KDD'18][Alibaba]\n- a\n" +
		"### DeepFM: A Factorization-Machine based Neural Network for CTR Prediction[IJCAI'17][Huawei]\n- b\n" +
		"### Möbius Transformation for Fast Inner Product Search on Graph[NIPS'19][Baidu]\n- c\n"
	existing := map[string]string{
		"no final newline":  "% my bibliography\n@InProceedings{ Zhou2018 ,\n\tauthor = \"Guorui Zhou\",\n  title={Deep Interest Network for Click-Through Rate Prediction}, year=2018}",
		"blank line at end": "@misc{kdd2018deep, title = {Something else}}\n\n",
		"one newline":       "@string{x = {y}}\n@misc{a, title = {A}}\n",
		"CRLF":              "@misc{a,\r\n  title = {A}\r\n}\r\n",
		"empty":             "",
	}
	for name, old := range existing {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			notesPath := filepath.Join(dir, "notes.md")
			bibPath := filepath.Join(dir, "notes.bib")
			if err := os.WriteFile(notesPath, []byte(notesSrc), 0o644); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(bibPath, []byte(old), 0o600); err != nil {
				t.Fatal(err)
			}
			code, stdout, stderr := runPapers(t, "bib", "--merge", notesPath)
			if code != exitOK || stdout != "" {
				t.Fatalf("exit %d, stdout %q, stderr %s", code, stdout, stderr)
			}
			got, err := os.ReadFile(bibPath)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.HasPrefix(got, []byte(old)) {
				t.Fatalf("the existing bytes changed:\n%q\nwas\n%q", got, old)
			}
			if st, err := os.Stat(bibPath); err != nil || st.Mode().Perm() != 0o600 {
				t.Errorf("mode after merge: %v %v, want 0600", st.Mode(), err)
			}
			added := got[len(old):]
			crlf := strings.Contains(old, "\r\n")
			if crlf && bytes.Contains(bytes.ReplaceAll(added, []byte("\r\n"), nil), []byte("\n")) {
				t.Errorf("a CRLF file got LF lines: %q", added)
			}
			f := bib.Parse("notes.bib", got)
			if len(f.Diagnostics) != 0 {
				t.Errorf("merged file: %v", f.Diagnostics)
			}
			wantAdded := 3
			if strings.Contains(old, "Deep Interest Network") {
				wantAdded = 2
			}
			before := len(bib.Parse("old", []byte(old)).Entries)
			if len(f.Entries) != before+wantAdded {
				t.Errorf("%d entries after merge, want %d + %d", len(f.Entries), before, wantAdded)
			}
			if old != "" && !bytes.HasPrefix(bytes.TrimLeft(added, "\r\n"), []byte("@")) {
				t.Errorf("added text does not start with an entry: %q", added)
			}
			if old != "" && !regexp.MustCompile(`(\r?\n){2}@\w+\{[^\r\n]*$`).Match(got[:len(old)+bytes.IndexByte(added, '@')+20]) {
				t.Errorf("no blank line between the old text and the first new entry: %q", got[max(0, len(old)-10):len(old)+bytes.IndexByte(added, '@')+20])
			}
			for _, key := range []string{"ijcai2017deepfm", "neurips2019mobius"} {
				if !strings.Contains(stderr, "notes.bib: added "+key) {
					t.Errorf("stderr does not say %s was added:\n%s", key, stderr)
				}
			}
			if strings.Contains(old, "kdd2018deep,") && f.Entry("kdd2018deepb") == nil {
				t.Errorf("the built DIN entry should avoid the existing key kdd2018deep")
			}

			// Merging again adds nothing and changes no byte.
			code, _, stderr = runPapers(t, "bib", "--merge", notesPath)
			again, _ := os.ReadFile(bibPath)
			if code != exitOK || !bytes.Equal(again, got) || !strings.Contains(stderr, "nothing to add") {
				t.Errorf("second merge: exit %d, changed %v, stderr %q", code, !bytes.Equal(again, got), stderr)
			}
		})
	}
}

// TestBibMergeCreatesCompanion: notes without a companion get <notes>.bib.
func TestBibMergeCreatesCompanion(t *testing.T) {
	dir := t.TempDir()
	notesPath := filepath.Join(dir, "papers.md")
	if err := os.WriteFile(notesPath, []byte("### Attention Is All You Need[NIPS'17][Google]\n- a\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := runPapers(t, "bib", "--merge", notesPath)
	got, err := os.ReadFile(filepath.Join(dir, "papers.bib"))
	if code != exitOK || err != nil || !strings.HasPrefix(string(got), "@inproceedings{nips2017attention,\n") {
		t.Fatalf("exit %d, err %v, file %q, stderr %s", code, err, got, stderr)
	}
	if !strings.Contains(stderr, "papers.bib: created with 1 entry built") {
		t.Errorf("stderr = %q", stderr)
	}
}

// TestBibMergeRefusesBrokenBib: appending to a .bib with a syntax error
// could put the new entries inside the broken one.
func TestBibMergeRefusesBrokenBib(t *testing.T) {
	dir := t.TempDir()
	notesPath := filepath.Join(dir, "notes.md")
	bibPath := filepath.Join(dir, "notes.bib")
	old := "@misc{a, title = {unclosed\n"
	if err := os.WriteFile(notesPath, []byte("### Attention Is All You Need[NIPS'17][Google]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(bibPath, []byte(old), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := runPapers(t, "bib", "--merge", notesPath)
	got, _ := os.ReadFile(bibPath)
	if code != exitTrouble || string(got) != old || !strings.Contains(stderr, "has a syntax error") {
		t.Errorf("exit %d, file %q, stderr %q", code, got, stderr)
	}
}

func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

// generated is a notes file with its companion .bib.
type generated struct {
	notes, bib string
	inBib      int // papers the companion holds
}

// generateNotes writes n papers with distinct titles, deterministic for a
// seed: venues of every kind the registry knows (renamed NIPS, journals,
// arXiv with and without a link) and some it does not, entries with no
// venue tag, titles with acronyms, CamelCase, accents, CJK, LaTeX specials
// and math, abbreviations, several organisations, and sections with & and _.
// Every fifth paper is in the companion .bib, with authors; those entries
// use an @string macro.
func generateNotes(n int, seed uint64) generated {
	rng := rand.New(rand.NewPCG(seed, 2))
	pick := func(xs []string) string { return xs[rng.IntN(len(xs))] }
	venues := []struct {
		tag        string
		from, to   int
		oddOrEven  int // 0: any year, 1: odd years, 2: even years
		withArXivs bool
	}{
		{"KDD", 2010, 2024, 0, false}, {"NIPS", 2012, 2017, 0, false}, {"NeurIPS", 2018, 2024, 0, false},
		{"ICML", 2015, 2024, 0, false}, {"ICLR", 2016, 2024, 0, false}, {"CVPR", 2015, 2024, 0, false},
		{"ICCV", 2015, 2023, 1, false}, {"ECCV", 2016, 2024, 2, false}, {"ACL", 2015, 2024, 0, false},
		{"EMNLP", 2015, 2024, 0, false}, {"SIGIR", 2015, 2024, 0, false}, {"AAAI", 2015, 2024, 0, false},
		{"IJCAI", 2015, 2024, 0, false}, {"TIP", 2015, 2024, 0, false}, {"TPAMI", 2015, 2024, 0, false},
		{"arXiv", 2015, 2024, 0, true}, {"arxiv", 2015, 2024, 0, true}, {"OSDI", 2016, 2024, 2, false},
		{"SC", 2015, 2024, 0, false}, {"DLRS", 2016, 2019, 0, false}, {"FooConf", 2015, 2024, 0, false},
	}
	first := []string{"Deep", "Towards", "On the", "A", "Learning", "Efficient", "Scalable", "Robust", "Möbius", "Fréchet", "DeepFM", "BERT", "Graph", "Sparse", "Schrödinger", "Erdős", "Poincaré", "Large", "Fast", "Neural", "基于图的", "YOLOv5", "3D", "Q&A", "U-Net", "k-NN", "100%", "snake_case"}
	middle := []string{"Attention", "Transformers", "Retrieval", "Recommendation", "Embeddings", "GPU Kernels", "Click-Through Rate", "Contrastive", "ConvNets", "Diffusion", "Search", "Indexing", "MoE Layers", "RL Agents", "$k$-means Clustering", "LLMs", "Pre-training", "Fine-tuning", "检索", "Ranking", "Detection", "Segmentation", "Hashing", "Quantization"}
	last := []string{"for Recommender Systems", "at Scale", "with Memory", "via Distillation", "in the Wild", "on Graphs", "for CTR Prediction", "without Labels", "for Open-Domain QA", "using TPUs", "in 10 Minutes", "of ViT Models", "and Beyond"}
	orgs := []string{"Google", "MSRA", "Meta", "Alibaba", "Baidu", "清华", "Stanford", "CMU", "ByteDance", "Huawei", "DeepMind"}
	sections := []string{"推荐系统", "检索", "Vision & Language", "系统_优化", "模型压缩"}

	var nb, bb strings.Builder
	bb.WriteString("% companion of the generated notes\n@string{procx = {Proceedings of the Workshop on X}}\n\n")
	nb.WriteString("# 论文笔记\n")
	seen := map[string]bool{}
	inBib := 0
	section := -1
	listForm := false
	for i := 0; i < n; i++ {
		if i%50 == 0 {
			section++
			listForm = section%4 == 3
			fmt.Fprintf(&nb, "\n## %s\n", sections[section%len(sections)])
		}
		var ttl string
		for tries := 0; ; tries++ {
			ttl = pick(first) + " " + pick(middle) + " " + pick(middle) + " " + pick(last)
			if tries > 5 {
				ttl += fmt.Sprintf(" %d", i)
			}
			if k := title.Normalize(ttl); !seen[k] {
				seen[k] = true
				break
			}
		}
		abbrev := ""
		if rng.IntN(6) == 0 {
			abbrev = fmt.Sprintf("(%c%c%c)", 'A'+rng.IntN(26), 'A'+rng.IntN(26), 'A'+rng.IntN(26))
		}
		v := venues[rng.IntN(len(venues))]
		year := v.from + rng.IntN(v.to-v.from+1)
		if v.oddOrEven == 1 && year%2 == 0 || v.oddOrEven == 2 && year%2 == 1 {
			year--
		}
		org := pick(orgs)
		if rng.IntN(5) == 0 {
			org += "," + pick(orgs)
		}
		tags := fmt.Sprintf("[%s'%02d][%s]", v.tag, year%100, org)
		if !listForm && rng.IntN(25) == 0 {
			// No venue tag; a list item with an org tag alone is a plain
			// link, not an entry.
			tags = "[" + org + "]"
		}
		if listForm {
			// The list form links the title: - [VENUE'YY][Org] [Title](url).
			// Under a heading entry it would be one of its notes, so list
			// entries get sections of their own.
			fmt.Fprintf(&nb, "- %s [%s%s](https://example.org/p/%d)\n", tags, ttl, abbrev, i)
		} else {
			fmt.Fprintf(&nb, "### %s%s%s\n- 笔记：用 attention 做 %s。\n", ttl, abbrev, tags, pick(middle))
		}
		if v.withArXivs && rng.IntN(2) == 0 {
			fmt.Fprintf(&nb, "- https://arxiv.org/abs/%02d%02d.%05dv%d\n", year%100, 1+rng.IntN(12), rng.IntN(99999), 1+rng.IntN(3))
		}
		if i%5 == 0 {
			inBib++
			fmt.Fprintf(&bb, "@inproceedings{auth%d,\n  author    = {Ann Author and Bob B. Writer and Zo{\\\"e} Third},\n  title     = {%s},\n  booktitle = procx,\n  year      = {%d}\n}\n\n",
				i, bibgen.ProtectTitle(ttl), year)
		}
	}
	return generated{notes: nb.String(), bib: bb.String(), inBib: inBib}
}

// TestGenerateNotesParses guards the generator: every paper is read as one
// entry with its title, so the counts the BibTeX tests expect hold.
func TestGenerateNotesParses(t *testing.T) {
	g := generateNotes(1000, 1)
	reg := venue.Default()
	d := notes.Parse("notes.md", []byte(g.notes), notes.Options{IsVenue: func(n string) bool { _, ok := reg.Lookup(n); return ok }})
	if len(d.Papers) != 1000 {
		t.Fatalf("%d papers, want 1000", len(d.Papers))
	}
	f := bib.Parse("notes.bib", []byte(g.bib))
	if len(f.Entries) != g.inBib || len(f.Diagnostics) != 0 {
		t.Fatalf("companion: %d entries (want %d), %v", len(f.Entries), g.inBib, f.Diagnostics)
	}
}
