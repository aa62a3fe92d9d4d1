package main

import (
	"crypto/sha256"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/rogpeppe/go-internal/testscript"
)

// scriptCmds are the commands the CLI scripts may use beside testscript's
// own: gen writes the large hostile inputs of hostile.txtar (a script must
// not hold megabytes, nor bytes that a terminal or a diff would act on),
// hashdir prints a digest of a folder so that a script can check that no
// file outside its workspace changed.
var scriptCmds = map[string]func(ts *testscript.TestScript, neg bool, args []string){
	"gen":     cmdGen,
	"hashdir": cmdHashdir,
}

// cmdGen is `gen KIND N PATH`: writes the input KIND of size or count N at
// PATH (see hostileInput).
func cmdGen(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 3 {
		ts.Fatalf("usage: gen KIND N PATH")
	}
	n, err := strconv.Atoi(args[1])
	if err != nil {
		ts.Fatalf("gen: N: %v", err)
	}
	path := ts.MkAbs(args[2])
	if args[0] == "deep-path" {
		// N folders deep, each named a, with a notes file at the bottom.
		dir := filepath.Join(path, strings.Repeat("a/", n))
		ts.Check(os.MkdirAll(dir, 0o755))
		ts.Check(os.WriteFile(filepath.Join(dir, "zz.md"), []byte("### Attention Is All You Need[NIPS'17][google]\n"), 0o644))
		return
	}
	if args[0] == "newline-name" {
		// A file name that, printed raw on a line of its own, is a GitHub
		// workflow command.
		ts.Check(os.MkdirAll(path, 0o755))
		name := filepath.Join(path, "x\n::error file=README.md,line=1::Injected.md")
		ts.Check(os.WriteFile(name, []byte("### Attention Is All You Need[NIPS'17][google]\n"), 0o644))
		return
	}
	data, err := hostileInput(args[0], n)
	if err != nil {
		ts.Fatalf("gen: %v", err)
	}
	ts.Check(os.MkdirAll(filepath.Dir(path), 0o755))
	ts.Check(os.WriteFile(path, data, 0o644))
}

// entry is a well-formed entry line that the hostile notes start with, so
// that the other rules have something to read.
const entry = "### Attention Is All You Need[NIPS'17][Google]\n"

// hostileInput returns the input of issue 18 named kind, of about n bytes
// (the Markdown ones) or n repetitions (the others). bench/hostile_test.go
// times the same inputs.
func hostileInput(kind string, n int) ([]byte, error) {
	var b strings.Builder
	switch kind {
	case "link-parens": // nested `[a](`: goldmark's destination scans
		b.WriteString(entry)
		b.WriteString(strings.Repeat("[a](", n/4))
		b.WriteString("\n")
	case "quotes": // one line of n `>`
		b.WriteString(entry)
		b.WriteString(strings.Repeat(">", n))
		b.WriteString(" quoted\n")
	case "list-items": // one line of n/3 nested ordered list items
		b.WriteString(entry)
		b.WriteString(strings.Repeat("1. ", n/3))
		b.WriteString("item\n")
	case "openers": // a paragraph of n/2 lines, each opening a link
		b.WriteString(entry)
		b.WriteString(strings.Repeat("[\n", n/2))
	case "string-chain": // @string{s1 = s0 # s0}, doubling n times
		b.WriteString("@string{s0 = \"ab\"}\n")
		for i := 1; i <= n; i++ {
			fmt.Fprintf(&b, "@string{s%d = s%d # s%d}\n", i, i-1, i-1)
		}
		fmt.Fprintf(&b, "@misc{chain, title = s%d}\n", n)
	case "same-title": // n entries of one title
		for i := range n {
			fmt.Fprintf(&b, "@inproceedings{k%d, title = {Attention Is All You Need}, author = {Ashish Vaswani}, booktitle = {NeurIPS}, year = {2017}}\n", i)
		}
	case "aliases": // a config of n org aliases and n venue aliases
		b.WriteString("org-aliases:\n")
		for i := range n {
			fmt.Fprintf(&b, "  Org%d: MSRA\n", i)
		}
		b.WriteString("venue-aliases:\n")
		for i := range n {
			fmt.Fprintf(&b, "  Venue%d: NeurIPS\n", i)
		}
	case "unclosed-brace": // n entries whose title's `{` is never closed
		for i := range n {
			fmt.Fprintf(&b, "@misc{k%d, title = {x\n", i)
		}
	case "escapes": // ESC and OSC sequences in a note and a title
		b.WriteString("## 检索\n### Attention Is All You Need\x1b[2J[NIPS'17][google]\n- 用BERT\x1b]0;owned\x07 \x1b[31mred\n")
	case "lone-cr": // old Mac line ends only
		b.WriteString("## 检索\r### Attention Is All You Need[NIPS'17][Google]\r- 用BERT编码\r")
	case "bad-bib": // a NUL byte and a Latin-1 byte in a .bib
		b.WriteString("@misc{a, title = {Caf\xe9}}\n@misc{b, title = {N\x00L}}\n")
	default:
		return nil, fmt.Errorf("unknown input %q", kind)
	}
	return []byte(b.String()), nil
}

// cmdHashdir is `hashdir DIR`: prints one line per file and link under DIR
// (its path, mode and the SHA-256 of its content or target), sorted, so
// that `cmp stdout` with an earlier listing tells whether anything under
// DIR was created, removed, changed or had its mode changed.
func cmdHashdir(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: hashdir DIR")
	}
	root := ts.MkAbs(args[0])
	var out strings.Builder
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		var data []byte
		switch {
		case info.Mode()&fs.ModeSymlink != 0:
			target, err := os.Readlink(path)
			if err != nil {
				return err
			}
			data = []byte(target)
		case info.Mode().IsRegular():
			if data, err = os.ReadFile(path); err != nil {
				return err
			}
		}
		fmt.Fprintf(&out, "%q %v %x\n", rel, info.Mode(), sha256.Sum256(data))
		return nil
	})
	ts.Check(err)
	_, _ = ts.Stdout().Write([]byte(out.String()))
}
