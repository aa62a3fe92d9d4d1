// Command gen writes deterministic benchmark inputs for papers: a large
// notes.md in the project's reading-notes format, its companion notes.bib,
// and MANIFEST.json with the exact count of every planted defect.
//
// Usage:
//
//	go run ./bench/gen -out DIR [-papers 1000] [-seed 1] [-bib-ratio 0.8] [-bib-entries N] [-defects=true]
//	go run ./bench/gen -out DIR -bib-only 100000 [-seed 1] [-defects=true]
//	go run ./bench/gen -out DIR -long-line 20
//
// The same flags always give byte-identical files: math/rand/v2 PCG
// generators seeded from -seed, one stream for the plan, one for the note
// text and one for the .bib text.
//
// Output in DIR:
//
//	notes.md       # 论文笔记, then about one "## topic" per 50 papers, each paper
//	               "### Title(ABBR)?[VENUE'YY][Org]" and three "- " notes of 60-200
//	               characters of Chinese with English terms (about 790 bytes a paper)
//	notes.bib      DBLP-style entries for -bib-ratio of the distinct papers, in notes
//	               order (keys DBLP:conf/cvpr/ZhangL22, DBLP:journals/corr/abs-2203-01234);
//	               with -bib-entries N, then entries for papers not in the notes up to N
//	refs.bib       with -bib-only N instead of the two above: N entries, no notes
//	line.md        with -long-line MB instead: one note of one line of MB megabytes of
//	               mixed Chinese and English text (benchgen.LongLine)
//	MANIFEST.json  flags, papers, sections, notes, bytes, SHA-256 per file, and the
//	               count of each planted defect kind (see NotesDefects, BibDefects)
//
// Planted defects (per paper unless noted; exact counts, placed by the
// seed): 1.5% venue alias ([NIPS'22], [ISP'19]) and 1.5% venue case
// ([arxiv'20]); 2% venue format, split over [ICML' 18], [NSDI22],
// [ICCV’23], [NeurIPS 2022] and a space before the tag; 2% organisation
// case ([google]); 1% no organisation; 1% repeats (exact in another
// section, [arXiv'YY] then a conference the next year, one-letter typo);
// 3% papers without notes; 15% of notes with ASCII , : ( ) right after a
// Chinese character and 15% with a missing space between Chinese and
// Latin letters or digits. In the .bib: 2% year disagreeing with the
// notes, 1% split over pages {1-2}, a missing required field and a second
// entry whose key differs only in case.
//
// With -defects=false nothing is planted, and unless -bib-ratio is given
// every paper gets a .bib entry, so that the output is clean for every
// rule.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/paperlint/papers/bench/internal/benchgen"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run parses args, generates, and returns the exit code: 0 on success, 2
// on a usage or I/O error.
func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("gen", flag.ContinueOnError)
	fs.SetOutput(stderr)
	papers := fs.Int("papers", 1000, "number of paper entries in notes.md")
	seed := fs.Uint64("seed", 1, "random seed; the same flags give byte-identical files")
	out := fs.String("out", "", "output directory (required; created if missing)")
	ratio := fs.Float64("bib-ratio", 0.8, "share of distinct papers that get a .bib entry (default 1 with -defects=false)")
	defects := fs.Bool("defects", true, "plant defects; false writes clean files")
	bibOnly := fs.Int("bib-only", 0, "write only DIR/refs.bib with this many entries")
	bibEntries := fs.Int("bib-entries", 0, "pad notes.bib with entries for papers not in the notes up to this many entries")
	longLine := fs.Int("long-line", 0, "write only DIR/line.md: one line of this many MB of mixed Chinese and English text (about 120,000 findings per MB)")
	lists := fs.Int("lists", 1, "split the papers (and -bib-entries) into this many lists, DIR/list001/notes.md and notes.bib and so on, each with its own seed (seed+i): a repository of many lists")
	density := fs.Float64("density", benchgen.SeedDensity, "findings per paper papers lint should give (the seed notes give 10; 1.7 or less: the sparse defects of earlier versions, byte for byte)")
	fs.Usage = func() {
		_, _ = fmt.Fprintln(stderr, "usage: gen -out DIR [-papers N] [-seed S] [-density F] [-bib-ratio R] [-bib-entries N] [-defects=BOOL] [-bib-only N] [-long-line MB] [-lists N]")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() > 0 || *out == "" {
		fs.Usage()
		return 2
	}
	if *longLine > 0 {
		return writeLongLine(*out, *longLine, stdout, stderr)
	}
	ratioSet := false
	fs.Visit(func(f *flag.Flag) { ratioSet = ratioSet || f.Name == "bib-ratio" })
	if !*defects && !ratioSet {
		// A paper without an entry is itself a finding for the
		// notes-to-bib rules; a clean run has none.
		*ratio = 1
	}
	cfg := benchgen.Config{Papers: *papers, Seed: *seed, BibRatio: *ratio, Defects: *defects, BibOnly: *bibOnly, BibEntries: *bibEntries}
	if *defects {
		cfg.DenseNotes = benchgen.DenseNotesFor(*density)
	}
	if *lists < 1 || *lists > *papers {
		_, _ = fmt.Fprintf(stderr, "gen: -lists %d: want 1 to -papers (%d)\n", *lists, *papers)
		return 2
	}
	if *lists == 1 {
		return generate(cfg, *out, "", stdout, stderr)
	}
	for i := range *lists {
		// List i gets its share of the papers and entries (the first
		// lists one more when they do not divide), and a seed of its own.
		c := cfg
		c.Papers = share(*papers, *lists, i)
		c.BibEntries = share(*bibEntries, *lists, i)
		c.Seed = *seed + uint64(i)
		name := fmt.Sprintf("list%03d", i+1)
		if code := generate(c, filepath.Join(*out, name), name+"/", stdout, stderr); code != 0 {
			return code
		}
	}
	return 0
}

// share is list i's part of n split into k lists.
func share(n, k, i int) int {
	q := n / k
	if i < n%k {
		q++
	}
	return q
}

// generate writes one list into dir and prints its files, each name after
// prefix.
func generate(cfg benchgen.Config, dir, prefix string, stdout, stderr io.Writer) int {
	m, err := benchgen.Generate(cfg, dir)
	if err != nil {
		_, _ = fmt.Fprintln(stderr, "gen:", err)
		return 2
	}
	for _, f := range m.Files {
		_, _ = fmt.Fprintf(stdout, "%s%s\t%d bytes\t%d lines\n", prefix, f.Name, f.Bytes, f.Lines)
	}
	return 0
}

// writeLongLine writes DIR/line.md, one line of mb megabytes.
func writeLongLine(dir string, mb int, stdout, stderr io.Writer) int {
	src := benchgen.LongLine(mb << 20)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		_, _ = fmt.Fprintln(stderr, "gen:", err)
		return 2
	}
	if err := os.WriteFile(filepath.Join(dir, "line.md"), src, 0o644); err != nil {
		_, _ = fmt.Fprintln(stderr, "gen:", err)
		return 2
	}
	_, _ = fmt.Fprintf(stdout, "line.md\t%d bytes\t%d lines\n", len(src), bytes.Count(src, []byte("\n")))
	return 0
}
