// Package linttest tests rules on fixture files whose expected findings are
// written in the fixtures themselves, next to the text they are about, the
// way golang.org/x/tools/go/analysis/analysistest checks `// want` comments.
//
// In a Markdown notes file an expectation is an HTML comment:
//
//	用BERT编码 <!-- want `add a space between "用" and "BERT"` `between "BERT" and "编"` -->
//
// and in a .bib file a % comment:
//
//	year = {18},  % want `year \{18\} of entry "zhou2018din" is not a four-digit year`
//
// After the word want come one or more regular expressions (RE2), each a Go
// string literal, "double-quoted" or `back-quoted`: one per finding expected
// on that line. Each expression is matched, unanchored, against a finding's
// message alone, not its rule id, severity or column: a fixture is usually
// run with one rule (lint.Runner.Only), where the id would only repeat the
// folder's name, and messages are what users read. The folder of the
// fixture files is removed from the message first, so that a message naming
// testdata/rule/bad.bib:2 is matched as bad.bib:2. Every finding of the run
// must be matched by an expectation on its line, and every expectation must
// match a finding on its line; each finding uses up the first expectation of
// its line that matches it.
//
// A comment cannot always sit on the line it is about: after the tags of a
// paper entry it would become part of the entry (`Title[KDD'18][Ali]` must
// end the line, or the line is no entry at all), and a % after a quoted
// value that is never closed is read into the value. Then the comment goes
// on a line of its own and says which line it means with a signed offset
// after want:
//
//	<!-- want+1 `organisation "google" is written Google` -->
//	### Deep & Cross Network for Ad Click Predictions[ADKDD'17][google]
//
// `want+1` is the next line and `want-2` two lines up. Such a line is a
// block of its own in Markdown: between a paper entry and the next one it
// becomes a note of the first, so an entry that must stay without notes
// (empty-notes) takes its want from a line further away, after the next
// section heading for instance.
//
// Only comments that the parsers read as comments count: an HTML comment in
// a code span or block, or a % inside a braced value, is no expectation (and
// so the finding it meant is reported as unexpected).
package linttest

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/paperlint/papers/bib"
	"github.com/paperlint/papers/lint"
	"github.com/paperlint/papers/workspace"
)

// T is the part of testing.TB that the checks use, so that *testing.T and
// *testing.B can be passed, and a test of a test can record instead.
type T interface {
	Helper()
	Errorf(format string, args ...any)
}

// want is one expectation: a finding whose message matches rx on line of
// file.
type want struct {
	file string
	line int // 1-based, the line the finding is expected on
	// commentLine is the line of the comment that wrote it (line unless an
	// offset was given).
	commentLine int
	rx          *regexp.Regexp
}

// Run lints inputs with r, checks the findings against the want comments of
// the inputs, reports each difference with t.Errorf, and returns the result
// for further checks. An input without want comments must give no finding
// at all, which is how fixtures that must stay clean are checked.
func Run(t T, r *lint.Runner, inputs []lint.Input) *lint.Result {
	t.Helper()
	res := r.Run(Workspace(r, inputs))
	for _, p := range Check(res) {
		t.Errorf("%s", p)
	}
	return res
}

// Check compares the findings of res with the want comments of its files
// and returns one line per problem, `file:line: ...`, in file and line
// order: a finding no expectation matched, an expectation no finding
// matched, or a want comment that cannot be read.
func Check(res *lint.Result) []string {
	type key struct {
		file string
		line int
	}
	var problems []problem
	wants := map[key][]*want{}
	byPath := map[string]*lint.File{}
	var dirs []string
	for _, f := range res.Files {
		byPath[f.Path] = f
		if d := filepath.Dir(f.Path); d != "." && !slices.Contains(dirs, d) {
			dirs = append(dirs, d)
		}
		ws, errs := wantsOf(f)
		problems = append(problems, errs...)
		for i := range ws {
			k := key{ws[i].file, ws[i].line}
			wants[k] = append(wants[k], &ws[i])
		}
	}
	for _, d := range res.Diagnostics {
		line := 0
		if f := byPath[d.File]; f != nil {
			line = f.Lines().Position(d.Start).Line
		}
		msg := relative(d.Message, dirs)
		k := key{d.File, line}
		ws := wants[k]
		i := slices.IndexFunc(ws, func(w *want) bool { return w.rx.MatchString(msg) })
		if i < 0 {
			problems = append(problems, problem{d.File, line, fmt.Sprintf("unexpected finding: %s [%s]", msg, d.Rule)})
			continue
		}
		wants[k] = slices.Delete(ws, i, i+1)
	}
	for _, ws := range wants {
		for _, w := range ws {
			problems = append(problems, problem{w.file, w.line, fmt.Sprintf("no finding matches want %q (written on line %d)", w.rx, w.commentLine)})
		}
	}
	slices.SortFunc(problems, func(a, b problem) int {
		if c := strings.Compare(a.file, b.file); c != 0 {
			return c
		}
		if a.line != b.line {
			return a.line - b.line
		}
		return strings.Compare(a.text, b.text)
	})
	out := make([]string, len(problems))
	for i, p := range problems {
		out[i] = fmt.Sprintf("%s:%d: %s", p.file, p.line, p.text)
	}
	return out
}

// problem is one line of Check's answer.
type problem struct {
	file string
	line int
	text string
}

// relative removes the fixtures' folders from a message.
func relative(msg string, dirs []string) string {
	for _, d := range dirs {
		msg = strings.ReplaceAll(msg, d+string(filepath.Separator), "")
		msg = strings.ReplaceAll(msg, filepath.ToSlash(d)+"/", "")
	}
	return msg
}

// wantsOf reads the want comments of a parsed file: the HTML comments of a
// notes file, the % comments of a .bib file. A comment that starts with
// want but cannot be read is returned as a problem, never ignored: a typo
// must not turn an expectation into nothing.
func wantsOf(f *lint.File) ([]want, []problem) {
	type comment struct {
		start int
		text  string
	}
	var cs []comment
	switch {
	case f.Notes != nil:
		for _, c := range f.Notes.Comments {
			cs = append(cs, comment{c.Span.Start, c.Text})
		}
	case f.Bib != nil:
		for _, c := range f.Bib.Comments {
			if c.Kind == bib.CommentPercent {
				cs = append(cs, comment{c.Span.Start, strings.TrimSpace(c.Text)})
			}
		}
	}
	var wants []want
	var problems []problem
	for _, c := range cs {
		rest, ok := strings.CutPrefix(c.text, "want")
		if !ok || rest != "" && !strings.ContainsRune(" \t+-", rune(rest[0])) {
			continue
		}
		line := f.Lines().Position(c.start).Line
		offset, rxs, err := parseWant(rest)
		if err != nil {
			problems = append(problems, problem{f.Path, line, fmt.Sprintf("want comment: %v", err)})
			continue
		}
		for _, rx := range rxs {
			wants = append(wants, want{file: f.Path, line: line + offset, commentLine: line, rx: rx})
		}
	}
	return wants, problems
}

// parseWant reads what follows the word want: an optional signed line
// offset, then one or more Go string literals holding regular expressions.
func parseWant(s string) (offset int, rxs []*regexp.Regexp, err error) {
	if s != "" && (s[0] == '+' || s[0] == '-') {
		n := 1
		for n < len(s) && s[n] >= '0' && s[n] <= '9' {
			n++
		}
		if offset, err = strconv.Atoi(s[:n]); err != nil {
			return 0, nil, fmt.Errorf("bad line offset %q: write want+1 or want-2", s[:n])
		}
		s = s[n:]
	}
	for {
		s = strings.TrimLeft(s, " \t")
		if s == "" {
			break
		}
		lit, err := strconv.QuotedPrefix(s)
		if err != nil || lit[0] == '\'' {
			return 0, nil, fmt.Errorf("expected a regexp in \"double\" or `back` quotes at %q", s)
		}
		s = s[len(lit):]
		text, _ := strconv.Unquote(lit) // QuotedPrefix checked the syntax
		rx, err := regexp.Compile(text)
		if err != nil {
			return 0, nil, err
		}
		rxs = append(rxs, rx)
	}
	if len(rxs) == 0 {
		return 0, nil, fmt.Errorf("want needs at least one quoted regexp")
	}
	return offset, rxs, nil
}

// Year is the current year of the workspaces made here: fixtures read the
// same on any day.
const Year = 2026

// Workspace makes a workspace of inputs held in memory, read with the
// runner's config (its venues and aliases extend the registries) and Year.
func Workspace(r *lint.Runner, inputs []lint.Input) *workspace.Workspace {
	w, err := workspace.FromInputs(r.Config, workspace.Options{Year: Year, Jobs: 2}, inputs)
	if err != nil {
		// NewRunner accepted the same config, whose registries are the
		// only thing FromInputs can fail on.
		panic(err)
	}
	return w
}

// Fix runs r's fix loop on inputs, as `papers lint --fix` does, and returns
// the text of every input that is not Quiet after it, changed or not. A
// second run of the fix loop on that text that still changes something is
// reported with t.Errorf: fix(fix(x)) must equal fix(x).
func Fix(t T, r *lint.Runner, inputs []lint.Input) map[string][]byte {
	t.Helper()
	fr := r.Fix(Workspace(r, inputs))
	out := map[string][]byte{}
	again := make([]lint.Input, len(inputs))
	for i, in := range inputs {
		if fixed, ok := fr.Fixed[in.Path]; ok {
			in.Src = fixed
		}
		again[i] = in
		if !in.Quiet {
			out[in.Path] = in.Src
		}
	}
	for path := range r.Fix(Workspace(r, again)).Fixed {
		t.Errorf("%s: a second --fix changed the file again", path)
	}
	return out
}

// Inputs reads the fixtures dir/<prefix>*.md and dir/<prefix>*.bib in name
// order. A notes file is paired with the .bib of the same name (bad.md with
// bad.bib), as a companion is in a real run.
func Inputs(dir, prefix string) ([]lint.Input, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	has := map[string]bool{}
	var names []string
	for _, e := range entries {
		n := e.Name()
		if !e.IsDir() && strings.HasPrefix(n, prefix) && (strings.HasSuffix(n, ".md") || strings.HasSuffix(n, ".bib")) {
			names = append(names, n)
			has[n] = true
		}
	}
	slices.Sort(names)
	var ins []lint.Input
	for _, n := range names {
		src, err := os.ReadFile(filepath.Join(dir, n))
		if err != nil {
			return nil, err
		}
		in := lint.Input{Path: filepath.Join(dir, n), Src: src}
		if comp := strings.TrimSuffix(n, ".md") + ".bib"; strings.HasSuffix(n, ".md") && has[comp] {
			in.Companion = filepath.Join(dir, comp)
		}
		ins = append(ins, in)
	}
	return ins, nil
}
