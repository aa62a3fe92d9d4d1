package integration

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/paperlint/papers/bib"
	"github.com/paperlint/papers/internal/testkit"
)

// bibtexView are the rules whose findings BibTeX has a view on: for each of
// their findings BibTeX, given the same files in the same order, must
// complain about the same entry or line. The other .bib rules are extra
// checks (month and year written as styles expect, pages with "--", DOIs,
// the same paper under two keys), counted in the log.
var bibtexView = map[string]bool{
	"bib-syntax": true, "bib-required-fields": true, "bib-duplicate-key": true,
	"bib-comment-in-entry": true, "bib-duplicate-field": true,
}

// buildPapers builds the papers binary once per test.
func buildPapers(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "papers")
	if out, ok := run(t, repoRoot(t), nil, "go", "build", "-o", bin, "./cmd/papers"); !ok {
		t.Fatalf("go build: %s", out)
	}
	return bin
}

// blgComplaints reads a BibTeX log: the keys it warns about and the lines
// (by file) it reports errors or warnings at.
func blgComplaints(blg string) (keys map[string]bool, lines map[string]map[int]bool) {
	keys, lines = map[string]bool{}, map[string]map[int]bool{}
	inKey := regexp.MustCompile(`^Warning--.* in (\S+)$`)
	extra := regexp.MustCompile(`^Warning--I'm ignoring (\S+)'s extra`)
	atLine := regexp.MustCompile(`-+line (\d+) of file (\S+)`)
	for _, l := range strings.Split(blg, "\n") {
		if m := inKey.FindStringSubmatch(l); m != nil {
			keys[strings.ToLower(m[1])] = true
		}
		if m := extra.FindStringSubmatch(l); m != nil {
			keys[strings.ToLower(m[1])] = true
		}
		if m := atLine.FindStringSubmatch(l); m != nil {
			n, _ := strconv.Atoi(m[1])
			f := filepath.Base(m[2])
			if lines[f] == nil {
				lines[f] = map[int]bool{}
			}
			lines[f][n] = true
		}
	}
	return keys, lines
}

// bibItem is the @type of each item of a .bib file.
var bibItem = regexp.MustCompile(`(?m)^[ \t]*@[ \t]*([A-Za-z]+)`)

// walkOrder is the order papers reads a folder's .bib files in: those
// holding only @string macros first, then the others, in name order.
func walkOrder(t *testing.T, dir string) []string {
	names, err := filepath.Glob(filepath.Join(dir, "*.bib"))
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(names)
	var macros, rest []string
	for _, n := range names {
		src, err := os.ReadFile(n)
		if err != nil {
			t.Fatal(err)
		}
		only := false
		for _, m := range bibItem.FindAllSubmatch(src, -1) {
			switch strings.ToLower(string(m[1])) {
			case "string":
				only = true
			case "comment", "preamble":
			default:
				only = false
				goto done
			}
		}
	done:
		if only {
			macros = append(macros, n)
		} else {
			rest = append(rest, n)
		}
	}
	return append(macros, rest...)
}

// TestBibTeXAgrees runs real BibTeX (plain style, every entry cited) and
// papers lint on each .bib collection of the shared corpus, the files in
// the order papers reads a folder in, and checks that every finding of the
// rules BibTeX has a view on concerns an entry or line BibTeX complains
// about too: no .bib finding where BibTeX reports nothing.
func TestBibTeXAgrees(t *testing.T) {
	if testing.Short() {
		t.Skip("runs BibTeX on the corpora")
	}
	if _, err := exec.LookPath("bibtex"); err != nil {
		t.Skip("bibtex is not installed (.ci/run installs texlive-binaries)")
	}
	root := testkit.Corpus(t, "bib")
	dirs, err := filepath.Glob(filepath.Join(root, "*"))
	if err != nil {
		t.Fatal(err)
	}
	bin := buildPapers(t)
	for _, dir := range dirs {
		if st, err := os.Stat(dir); err != nil || !st.IsDir() {
			continue
		}
		t.Run(filepath.Base(dir), func(t *testing.T) {
			files := walkOrder(t, dir)
			work := t.TempDir()
			var stems []string
			parsed := map[string]*bib.File{}
			for _, f := range files {
				src, err := os.ReadFile(f)
				if err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(filepath.Join(work, filepath.Base(f)), src, 0o644); err != nil {
					t.Fatal(err)
				}
				stems = append(stems, strings.TrimSuffix(filepath.Base(f), ".bib"))
				parsed[filepath.Base(f)] = bib.Parse(filepath.Base(f), src)
			}
			aux := fmt.Sprintf("\\relax\n\\citation{*}\n\\bibstyle{plain}\n\\bibdata{%s}\n", strings.Join(stems, ","))
			if err := os.WriteFile(filepath.Join(work, "x.aux"), []byte(aux), 0o644); err != nil {
				t.Fatal(err)
			}
			run(t, work, nil, "bibtex", "-min-crossrefs=1000", "x")
			blg, err := os.ReadFile(filepath.Join(work, "x.blg"))
			if err != nil {
				t.Fatal(err)
			}
			keys, lines := blgComplaints(string(blg))

			out, _ := run(t, work, nil, bin, "lint", "--no-workspace", "--format", "json", "--rule",
				"bib-syntax,bib-duplicate-key,bib-duplicate-field,bib-required-fields,bib-field-format,bib-duplicate-entry,bib-comment-in-entry", ".")
			var findings []struct {
				File, Rule, Message string
				Line, Offset        int
			}
			start := strings.Index(out, "[")
			if start < 0 {
				t.Fatalf("no JSON from papers:\n%s", out)
			}
			if err := json.NewDecoder(strings.NewReader(out[start:])).Decode(&findings); err != nil {
				t.Fatalf("papers JSON: %v\n%s", err, out)
			}
			counts := map[string]int{}
			var disagree []string
			for _, d := range findings {
				counts[d.Rule]++
				view := bibtexView[d.Rule] || d.Rule == "bib-field-format" && strings.HasPrefix(d.Message, "undefined macro")
				if !view {
					continue
				}
				f := parsed[filepath.Base(d.File)]
				key, first, last := "", d.Line, d.Line
				if f != nil {
					for _, e := range f.Entries {
						if e.Span.Start <= d.Offset && d.Offset <= e.Span.End {
							key = strings.ToLower(e.Key)
							first = strings.Count(f.Source[:e.Span.Start], "\n") + 1
							last = strings.Count(f.Source[:e.Span.End], "\n") + 1
						}
					}
				}
				ok := key != "" && keys[key]
				for l := first; l <= last+1 && !ok; l++ {
					ok = lines[filepath.Base(d.File)][l]
				}
				if !ok {
					disagree = append(disagree, fmt.Sprintf("%s:%d: %s [%s]", d.File, d.Line, d.Message, d.Rule))
				}
			}
			t.Logf("%d files; papers findings by rule: %v", len(files), counts)
			for _, s := range disagree {
				t.Errorf("BibTeX reports nothing here: %s", s)
			}
		})
	}
}

// TestPapersBibThroughBibTeX writes papers bib's entries for every notes
// file of the shared corpus and runs them through real BibTeX with the
// plain, ieeetr and acm styles: the only warning allowed is "empty author"
// (the notes name no authors; see papers bib --library).
func TestPapersBibThroughBibTeX(t *testing.T) {
	if testing.Short() {
		t.Skip("runs BibTeX on the corpora")
	}
	if _, err := exec.LookPath("bibtex"); err != nil {
		t.Skip("bibtex is not installed (.ci/run installs texlive-binaries)")
	}
	notes, err := filepath.Glob(filepath.Join(testkit.Corpus(t, "notes"), "*.md"))
	if err != nil {
		t.Fatal(err)
	}
	bin := buildPapers(t)
	entries := 0
	for _, n := range notes {
		work := t.TempDir()
		out, ok := run(t, work, nil, "sh", "-c", fmt.Sprintf("%q bib %q > refs.bib", bin, n))
		if !ok && !strings.Contains(out, "no paper matched") {
			t.Errorf("papers bib %s: %s", filepath.Base(n), out)
			continue
		}
		src, err := os.ReadFile(filepath.Join(work, "refs.bib"))
		if err != nil {
			t.Fatal(err)
		}
		entries += strings.Count("\n"+string(src), "\n@")
		for _, style := range []string{"plain", "ieeetr", "acm"} {
			aux := fmt.Sprintf("\\relax\n\\citation{*}\n\\bibstyle{%s}\n\\bibdata{refs}\n", style)
			if err := os.WriteFile(filepath.Join(work, "x.aux"), []byte(aux), 0o644); err != nil {
				t.Fatal(err)
			}
			run(t, work, nil, "bibtex", "x")
			blg, err := os.ReadFile(filepath.Join(work, "x.blg"))
			if err != nil {
				t.Fatal(err)
			}
			for _, l := range strings.Split(string(blg), "\n") {
				if (strings.HasPrefix(l, "Warning--") || strings.Contains(l, "---line")) && !strings.HasPrefix(l, "Warning--empty author") {
					t.Errorf("%s, %s style: %s", filepath.Base(n), style, l)
				}
			}
		}
	}
	t.Logf("%d entries from %d notes files", entries, len(notes))
}
