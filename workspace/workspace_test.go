package workspace

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/paperlint/papers/lint"
)

// undefinedMacro reports whether f's .bib has an undefined-macro finding.
func undefinedMacro(f *lint.File) bool {
	for _, d := range f.Bib.Diagnostics {
		if d.Code == "undefined-macro" {
			return true
		}
	}
	return false
}

func fromInputs(t *testing.T, inputs []lint.Input) *Workspace {
	t.Helper()
	w, err := FromInputs(nil, Options{Year: 2026, Jobs: 2}, inputs)
	if err != nil {
		t.Fatal(err)
	}
	return w
}

// The .bib files of one folder share @string macros, read in input order;
// files in other folders do not.
func TestBibMacrosSharedPerFolder(t *testing.T) {
	w := fromInputs(t, []lint.Input{
		{Path: "refs/abbrev.bib", Src: []byte("@string{tpami = \"IEEE TPAMI\"}\n")},
		{Path: "refs/articles.bib", Src: []byte("@article{a, journal = tpami, title={A}}\n")},
		{Path: "other/b.bib", Src: []byte("@article{b, journal = tpami, title={B}}\n")},
	})
	files := w.Files()
	if undefinedMacro(files[1]) {
		t.Error("refs/articles.bib: tpami should be defined by refs/abbrev.bib")
	}
	if !undefinedMacro(files[2]) {
		t.Error("other/b.bib: tpami must be undefined (another folder)")
	}
	if got := files[1].Bib.Entries[0].Get("journal"); got != "IEEE TPAMI" {
		t.Errorf("journal = %q", got)
	}
}

// The .bib files named on the command line are read in the order given, not
// in name order: zjournals.bib defines the macro that articles.bib uses, as
// BibTeX reads \bibliography{zjournals,articles}. The inputs stay in name
// order.
func TestBibOrderAsGiven(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	z := write("zjournals.bib", "@string{ejor = \"EJOR\"}\n")
	a := write("articles.bib", "@article{a, author={A B}, title={T}, journal=ejor, year=1992}\n")
	for _, tc := range []struct {
		order     []string
		undefined bool
	}{
		{[]string{z, a}, false},
		{[]string{a, z}, true},
	} {
		w, err := New(nil, Options{Year: 2026})
		if err != nil {
			t.Fatal(err)
		}
		if errs, _ := w.Add(tc.order, nil); len(errs) > 0 {
			t.Fatal(errs)
		}
		files := w.Files()
		if files[0].Path != a || files[1].Path != z {
			t.Fatalf("inputs not in name order: %s, %s", files[0].Path, files[1].Path)
		}
		if got := undefinedMacro(files[0]); got != tc.undefined {
			t.Errorf("order %v: undefined macro = %v, want %v", tc.order, got, tc.undefined)
		}
	}
}

// Update parses the file again; a .bib's change reaches the .bib files after
// it that use its macros, and the notes paired with it.
func TestUpdate(t *testing.T) {
	w := fromInputs(t, []lint.Input{
		{Path: "notes.md", Src: []byte("### Attention Is All You Need[NIPS'17][Google]\n- x\n"), Companion: "refs/b.bib"},
		{Path: "refs/a.bib", Src: []byte("@string{j = \"J\"}\n")},
		{Path: "refs/b.bib", Src: []byte("@article{b, journal = j, title={B}}\n"), Quiet: true},
	})
	before := w.Files()
	if undefinedMacro(before[2]) || before[0].Companion != before[2] {
		t.Fatal("set-up: b.bib must use a.bib's macro and pair with notes.md")
	}
	if err := w.Update("refs/a.bib", []byte("% no macro now\n")); err != nil {
		t.Fatal(err)
	}
	after := w.Files()
	if !undefinedMacro(after[2]) {
		t.Error("refs/b.bib was not read again after the macro it uses went away")
	}
	if after[0] != before[0] {
		t.Error("notes.md was parsed again though it did not change")
	}
	if after[0].Companion != after[2] {
		t.Error("notes.md does not pair with the new parse of refs/b.bib")
	}
	if err := w.Update("notes.md", []byte("### Other[ICLR'21][Google]\n- y\n")); err != nil {
		t.Fatal(err)
	}
	again := w.Files()
	if again[0] == after[0] || again[0].Notes.Papers[0].Title != "Other" || again[0].Companion != after[2] {
		t.Errorf("notes.md update: %+v", again[0].Notes.Papers[0])
	}
	if again[2] != after[2] {
		t.Error("refs/b.bib was parsed again though only the notes changed")
	}
	if err := w.Update("missing.md", nil); err == nil {
		t.Error("Update of a file not in the workspace: no error")
	}
}

// UpdateAll parses the changed files again together, as Update would one
// after the other: a .bib's change reaches the .bib files after it, notes
// pair with the new parses, files that did not change keep theirs, and an
// unknown path changes nothing.
func TestUpdateAll(t *testing.T) {
	inputs := func() []lint.Input {
		return []lint.Input{
			{Path: "notes.md", Src: []byte("### Attention Is All You Need[NIPS'17][Google]\n- x\n"), Companion: "refs/b.bib"},
			{Path: "other.md", Src: []byte("### BERT[NAACL'19][Google]\n- y\n")},
			{Path: "refs/a.bib", Src: []byte("@string{j = \"J\"}\n")},
			{Path: "refs/b.bib", Src: []byte("@article{b, journal = j, title={B}}\n"), Quiet: true},
		}
	}
	texts := map[string][]byte{
		"notes.md":   []byte("### Other[ICLR'21][Google]\n- y\n"),
		"refs/a.bib": []byte("% no macro now\n"),
	}
	all, one := fromInputs(t, inputs()), fromInputs(t, inputs())
	before := all.Files()
	one.Files()
	if err := all.UpdateAll(map[string][]byte{"notes.md": nil, "missing.md": nil}); err == nil {
		t.Error("UpdateAll with a file not in the workspace: no error")
	}
	if got := all.Files(); got[0] != before[0] || string(got[0].Src) != string(before[0].Src) {
		t.Error("a failed UpdateAll changed a file")
	}
	// An editor's workspace too, which parses notes again in part.
	ed, err := FromInputs(nil, Options{Year: 2026, Jobs: 2, Incremental: true}, inputs())
	if err != nil {
		t.Fatal(err)
	}
	edBefore := ed.Files()
	if err := ed.UpdateAll(map[string][]byte{"notes.md": []byte("changed\n"), "zz-missing.md": nil}); err == nil {
		t.Error("UpdateAll of an editor's workspace with a file not in it: no error")
	}
	if got := ed.Files(); got[0] != edBefore[0] || string(got[0].Src) != string(edBefore[0].Src) {
		t.Error("a failed UpdateAll changed a file of an editor's workspace")
	}
	if err := all.UpdateAll(texts); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"notes.md", "refs/a.bib"} {
		if err := one.Update(p, texts[p]); err != nil {
			t.Fatal(err)
		}
	}
	got, want := all.Files(), one.Files()
	if got[0] == before[0] || got[0].Notes.Papers[0].Title != "Other" {
		t.Error("notes.md was not parsed again")
	}
	if got[1] != before[1] {
		t.Error("other.md was parsed again though it did not change")
	}
	if !undefinedMacro(got[3]) {
		t.Error("refs/b.bib was not read again after the macro it uses went away")
	}
	if got[0].Companion != got[3] {
		t.Error("notes.md does not pair with the new parse of refs/b.bib")
	}
	for i := range got {
		if string(got[i].Src) != string(want[i].Src) || got[i].Bib != nil && undefinedMacro(got[i]) != undefinedMacro(want[i]) {
			t.Errorf("%s: UpdateAll and Update disagree", got[i].Path)
		}
	}
}

// In a folder walk (no order given) the .bib files that hold only @string
// macros are read first, so that zjournals.bib's macro is defined before
// articles.bib uses it, as BibTeX would be given them.
func TestWalkReadsMacroFilesFirst(t *testing.T) {
	dir := t.TempDir()
	for name, text := range map[string]string{
		"zjournals.bib": "@string{ejor = \"EJOR\"}\n% journals\n",
		"articles.bib":  "@article{a, author={A B}, title={T}, journal=ejor, year=1992}\n",
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	w, err := New(nil, Options{Year: 2026})
	if err != nil {
		t.Fatal(err)
	}
	if errs, _ := w.Add([]string{dir}, nil); len(errs) > 0 {
		t.Fatal(errs)
	}
	files := w.Files()
	if files[0].Path != filepath.Join(dir, "articles.bib") {
		t.Fatalf("inputs not in name order: %s", files[0].Path)
	}
	if undefinedMacro(files[0]) {
		t.Error("articles.bib: ejor undefined though zjournals.bib, which holds only macros, defines it")
	}
}

func TestStringsOnly(t *testing.T) {
	for src, want := range map[string]bool{
		"@string{a = \"A\"}\n@STRING(b = {B})\n% c\n@comment{x}\n": true,
		"@string{a = \"A\"}\n@article{k, title={T}}\n":             false,
		"% nothing\n": false,
		"  @ String {a = {A}}\n@preamble{\"x\"}\n": true,
		"@string{a = {A}}\n\t@ Article{k,}\n":      false,
		"x @article{k,}\n@string{a={A}}\n":         true, // not at a line's start
		"@string{a={A}}\n@{k,}\n@1999{k,}\n":       true, // no type name
		"@string{a={A}}\r\n@comment{x}\r\n":        true,
		"@string{a={A}}\n@ÿarticle{k,}\n":          true,
	} {
		if got := stringsOnly([]byte(src)); got != want {
			t.Errorf("stringsOnly(%q) = %v, want %v", src, got, want)
		}
	}
}

// TestStringsOnlyAsTheRegexp: stringsOnly reads items as the regular
// expression it replaced did, on generated .bib text.
func TestStringsOnlyAsTheRegexp(t *testing.T) {
	item := regexp.MustCompile(`(?m)^[ \t]*@[ \t]*([A-Za-z]+)`)
	old := func(src []byte) bool {
		found := false
		for _, m := range item.FindAllSubmatch(src, -1) {
			switch strings.ToLower(string(m[1])) {
			case "string":
				found = true
			case "comment", "preamble":
			default:
				return false
			}
		}
		return found
	}
	pieces := []string{"@string{a={A}}", "@STRING", "@comment{x}", "@Preamble{x}", "@article{k,}", "@", " ", "\t", "\n", "\r\n", "x", "%", "@ ", "@[", "é", "Z", "{", "@String"}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		var b strings.Builder
		for range rng.IntN(12) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		src := []byte(b.String())
		if got, want := stringsOnly(src), old(src); got != want {
			t.Fatalf("stringsOnly(%q) = %v, the regexp gives %v", src, got, want)
		}
	}
}

// Remove drops a file; its notes lose their companion.
func TestRemove(t *testing.T) {
	w := fromInputs(t, []lint.Input{
		{Path: "notes.md", Src: []byte("### Attention Is All You Need[NIPS'17][Google]\n- x\n"), Companion: "notes.bib"},
		{Path: "notes.bib", Src: []byte("@article{b, journal = {J}, title={B}}\n")},
	})
	if w.Files()[0].Companion == nil {
		t.Fatal("set-up: notes.md has no companion")
	}
	if !w.Remove("notes.bib") || w.Remove("notes.bib") {
		t.Fatal("Remove reports wrongly whether the file was there")
	}
	files := w.Files()
	if len(files) != 1 || files[0].Companion != nil {
		t.Errorf("after Remove: %d files, companion %v", len(files), files[0].Companion)
	}
}

// TestCompanionsReadWithNotes: the companions of the notes files named are
// read in the same batch as the notes (ahead of the pairing) and paired
// as before: <notes>.bib and references.bib, one shared by two notes files
// read once, one named too (an input, not a reference), and one over the
// size limit reported as the companion it is.
func TestCompanionsReadWithNotes(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	a := write("a/notes.md", "# A\n")
	write("a/notes.bib", "@misc{a, title={A}}\n")
	b1, b2 := write("b/x.md", "# X\n"), write("b/y.md", "# Y\n")
	write("b/references.bib", "@misc{r, title={R}}\n")
	c, cbib := write("c/z.md", "# Z\n"), write("c/z.bib", "@misc{z, title={Z}}\n")
	d := write("d/big.md", "# Big\n")
	write("d/big.bib", "@misc{big, title={"+strings.Repeat("x", 200)+"}}\n")
	w, err := New(nil, Options{Year: 2026, Jobs: 2, MaxFileSize: 100})
	if err != nil {
		t.Fatal(err)
	}
	errs, _ := w.Add([]string{a, b1, b2, c, cbib, d}, nil)
	if len(errs) != 1 || !strings.Contains(errs[0].Error(), filepath.Join(dir, "d/big.bib")+" (companion of "+d+"): ") {
		t.Fatalf("errors %v, want one about d/big.bib as d/big.md's companion", errs)
	}
	got := map[string]string{}
	for _, in := range w.Inputs() {
		rel, _ := filepath.Rel(dir, in.Path)
		comp, _ := filepath.Rel(dir, in.Companion)
		if in.Companion == "" {
			comp = "-"
		}
		got[rel] = fmt.Sprintf("%s quiet=%v %d bytes", comp, in.Quiet, len(in.Src))
	}
	want := map[string]string{
		"a/notes.md": "a/notes.bib quiet=false 4 bytes", "a/notes.bib": "- quiet=true 20 bytes",
		"b/x.md": "b/references.bib quiet=false 4 bytes", "b/y.md": "b/references.bib quiet=false 4 bytes",
		"b/references.bib": "- quiet=true 20 bytes",
		"c/z.md":           "c/z.bib quiet=false 4 bytes", "c/z.bib": "- quiet=false 20 bytes",
		"d/big.md": "- quiet=false 6 bytes",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("inputs:\n%v\nwant\n%v", got, want)
	}
}
