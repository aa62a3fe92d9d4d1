package main

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/paperlint/papers/internal/testkit"
	"github.com/paperlint/papers/rules"
)

// TestRulePages runs the examples of every docs/rules page through
// `papers lint --rule ID`, so that no page drifts from its rule. Under
// "## Bad" and "## Good", a fenced block whose info string is markdown,
// bibtex or yaml is a file of an example: notes.md, notes.bib and
// .papers.yaml unless a second word names it (```bibtex refs.bib), and
// with \xHH escapes read as bytes when a word says escaped. A ```text
// block after a Bad example shows what papers prints for it, exactly; a
// Good example prints nothing. A block naming a file the example already
// has starts the next example. `go test ./cmd/papers -run TestRulePages
// -update` writes the findings into the pages; review the diff.
func TestRulePages(t *testing.T) {
	for _, r := range rules.All() {
		t.Run(r.ID, func(t *testing.T) {
			// Absolute: the examples run in folders of their own.
			path, err := filepath.Abs(filepath.Join("..", "..", "docs", "rules", r.ID+".md"))
			if err != nil {
				t.Fatal(err)
			}
			src, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			page := parsePage(string(src))
			page.rule = r.ID
			bad, good := 0, 0
			for _, ex := range page.examples {
				got := runExample(t, r.ID, ex)
				switch ex.section {
				case "Bad":
					if got == "" {
						t.Errorf("%s: a Bad example (line %d) gives no finding", path, ex.line)
						continue
					}
					bad++
					ex.output = got
				case "Good":
					if got != "" {
						t.Errorf("%s: a Good example (line %d) gives findings:\n%s", path, ex.line, got)
						continue
					}
					good++
				}
			}
			if bad == 0 || good == 0 {
				t.Errorf("%s needs a Bad example with findings and a Good one without (fenced markdown or bibtex blocks under ## Bad and ## Good)", path)
			}
			testkit.Golden(t, path, []byte(page.render()))
		})
	}
}

// runExample writes an example's files in a folder of their own and
// returns what `papers lint --rule id` prints for them.
func runExample(t *testing.T, id string, ex *example) string {
	t.Helper()
	dir := t.TempDir()
	var args []string
	for _, f := range ex.files {
		if err := os.WriteFile(filepath.Join(dir, f.name), f.data, 0o644); err != nil {
			t.Fatal(err)
		}
		if f.name != ".papers.yaml" {
			args = append(args, f.name)
		}
	}
	t.Chdir(dir)
	code, stdout, stderr := runPapers(t, append([]string{"lint", "--rule", id}, args...)...)
	if code == exitTrouble {
		t.Errorf("example of line %d: papers lint exits 2:\n%s", ex.line, stderr)
	}
	return stdout
}

// rulePage is a docs page cut into its lines and examples.
type rulePage struct {
	rule     string
	lines    []string
	examples []*example
}

// example is one example of a page: its files, and what papers printed
// for it.
type example struct {
	section string
	line    int // where its first block starts, 1-based
	files   []exampleFile
	// after is the index of the line after the example's last input
	// block; outFrom and outTo the lines of its text block (-1: none).
	after, outFrom, outTo int
	output                string
}

// exampleFile is a file of an example.
type exampleFile struct {
	name string
	data []byte
}

// exampleFiles names the file a block of each language is.
var exampleFiles = map[string]string{"markdown": "notes.md", "bibtex": "notes.bib", "yaml": ".papers.yaml"}

var escapedByte = regexp.MustCompile(`\\x[0-9A-Fa-f]{2}`)

// parsePage reads the examples of a page.
func parsePage(src string) *rulePage {
	p := &rulePage{lines: strings.SplitAfter(src, "\n")}
	section := ""
	var cur *example
	for i := 0; i < len(p.lines); i++ {
		line := strings.TrimRight(p.lines[i], "\n")
		if h, ok := strings.CutPrefix(line, "## "); ok {
			section, cur = h, nil
			continue
		}
		info, ok := strings.CutPrefix(line, "```")
		if !ok || section != "Bad" && section != "Good" {
			continue
		}
		end := i + 1
		for end < len(p.lines) && strings.TrimRight(p.lines[end], "\n") != "```" {
			end++
		}
		body := strings.Join(p.lines[i+1:end], "")
		words := strings.Fields(info)
		switch {
		case len(words) == 0:
		case words[0] == "text":
			if cur != nil && section == "Bad" && cur.outFrom < 0 {
				cur.outFrom, cur.outTo = i, end
				cur.output = body
			}
		case exampleFiles[words[0]] != "":
			name := exampleFiles[words[0]]
			if len(words) > 1 && words[1] != "escaped" {
				name = words[1]
			}
			data := []byte(body)
			if slices.Contains(words, "escaped") {
				data = escapedByte.ReplaceAllFunc(data, func(h []byte) []byte {
					b, _ := strconv.ParseUint(string(h[2:]), 16, 8)
					return []byte{byte(b)}
				})
			}
			if cur == nil || cur.outFrom >= 0 || slices.ContainsFunc(cur.files, func(f exampleFile) bool { return f.name == name }) {
				cur = &example{section: section, line: i + 1, outFrom: -1, outTo: -1}
				p.examples = append(p.examples, cur)
			}
			cur.files = append(cur.files, exampleFile{name, data})
			cur.after = end + 1
		}
		i = end
	}
	return p
}

// render is the page with each Bad example's text block holding its
// output, added after the example when the page has none.
func (p *rulePage) render() string {
	var b strings.Builder
	at := 0
	for _, ex := range p.examples {
		if ex.section != "Bad" || ex.output == "" {
			continue
		}
		block := fmt.Sprintf("```text\n%s```\n", ex.output)
		if ex.outFrom >= 0 {
			b.WriteString(strings.Join(p.lines[at:ex.outFrom], ""))
			b.WriteString(block)
			at = ex.outTo + 1
			continue
		}
		var names []string
		for _, f := range ex.files {
			if f.name != ".papers.yaml" {
				names = append(names, f.name)
			}
		}
		b.WriteString(strings.Join(p.lines[at:ex.after], ""))
		fmt.Fprintf(&b, "\n`papers lint --rule %s %s` prints:\n\n%s", p.rule, strings.Join(names, " "), block)
		at = ex.after
	}
	b.WriteString(strings.Join(p.lines[at:], ""))
	return b.String()
}
