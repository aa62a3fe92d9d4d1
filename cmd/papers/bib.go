package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/paperlint/papers/bib"
	"github.com/paperlint/papers/bibgen"
	"github.com/paperlint/papers/internal/atomicfile"
	"github.com/paperlint/papers/internal/confine"
	"github.com/paperlint/papers/internal/safeio"
	"github.com/paperlint/papers/lint"
	"github.com/paperlint/papers/rules"
	"github.com/paperlint/papers/workspace"
)

type bibFlags struct {
	output, bib, config, keyFormat, year string
	merge, ascii, allowOutside, force    bool
	maxFileSize                          sizeFlag
	sections, venues, exclude            stringList
	res                                  resolveFlags
}

const bibSynopsis = `bib [flags] [notes...|-]

Writes a BibTeX entry for every paper of the notes (*.md, *.markdown; folders
are walked; with no path, the current folder). A paper its companion .bib
already holds gets that entry unchanged; the others get one built from the
notes, without author: those are listed on stderr so that you can complete
them, or --library and --online complete them from your .bib files and from
DBLP, Crossref and arXiv. --merge appends the built entries to the companion
.bib instead.`

func cmdBib(args []string, e *env) int {
	var bf bibFlags
	fs := newFlagSet("bib", bibSynopsis, e.stderr)
	fs.StringVar(&bf.output, "o", "", "write the entries to this file (atomically) instead of stdout")
	fs.StringVar(&bf.output, "output", "", "same as -o")
	fs.BoolVar(&bf.merge, "merge", false, "append the entries the companion .bib lacks to it, in place, leaving its content as it is")
	fs.BoolVar(&bf.ascii, "ascii", false, "write non-ASCII letters as LaTeX escapes (M{\\\"o}bius) for 8-bit BibTeX setups")
	fs.Var(&bf.sections, "section", "only papers whose section title contains this text, ignoring case (repeatable)")
	fs.Var(&bf.venues, "venue", "only papers of this venue, as the registry resolves it: NeurIPS also matches NIPS'17 (repeatable)")
	fs.StringVar(&bf.year, "year", "", "only papers of this year (2019) or range of years (2019-2022)")
	fs.StringVar(&bf.keyFormat, "key-format", bibgen.DefaultKeyFormat, "key template for built entries; placeholders: {"+strings.Join(bibgen.Placeholders, "} {")+"}")
	fs.StringVar(&bf.bib, "bib", "", "companion .bib of the notes (default: the config's bib mapping, else <notes>.bib, else references.bib beside the notes)")
	fs.StringVar(&bf.config, "config", "", "config file (default: .papers.yaml in the current folder or its nearest parent)")
	fs.Var(&bf.exclude, "exclude", "glob of paths to skip when walking folders (repeatable)")
	fs.BoolVar(&bf.force, "force", false, "with -o or --merge, also rewrite read-only files and files with several hard links")
	bf.maxFileSize = safeio.DefaultMaxSize
	fs.Var(&bf.maxFileSize, "max-file-size", "refuse inputs larger than this (standard input too), such as 64MB")
	fs.BoolVar(&bf.allowOutside, "allow-outside", false, "let the config's bib: and library: paths and the workspace's symbolic links lead outside the config's folder")
	addResolveFlags(fs, &bf.res)
	paths, err := parseInterspersed(fs, args)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitTrouble
	}
	opt := bibgen.Options{Filter: bibgen.Filter{Sections: bf.sections, Venues: bf.venues}}
	if bf.year != "" {
		if opt.Filter.Years, err = bibgen.ParseYearRange(bf.year); err != nil {
			bibSay(e, "papers bib: --year: %v\n", err)
			return exitTrouble
		}
	}
	if bf.merge && bf.output != "" {
		bibSay(e, "papers bib: --merge and -o do not go together: --merge writes into the companion .bib\n")
		return exitTrouble
	}
	for _, p := range paths {
		if strings.EqualFold(filepath.Ext(p), ".bib") {
			if st, err := os.Stat(p); err != nil || !st.IsDir() {
				bibSay(e, "papers bib: %s is a .bib file; name the notes, and their .bib with --bib if it is not found beside them\n", p)
				return exitTrouble
			}
		}
	}

	cfg, err := loadConfig(bf.config)
	if err != nil {
		bibSay(e, "papers: %v\n", err)
		return exitTrouble
	}
	cfg.AllowOutside = bf.allowOutside
	// The config is checked as papers lint checks it: a rule section it
	// cannot read is an error here too.
	if err := cfg.Check(rules.All()); err != nil {
		bibSay(e, "papers: %v\n", err)
		return exitTrouble
	}
	// With --merge, a --bib that does not exist yet is created; it is not
	// handed to the workspace, which would report it unreadable.
	mergeTarget, compFlag := "", bf.bib
	if bf.merge && bf.bib != "" {
		mergeTarget = filepath.Clean(bf.bib)
		if _, err := os.Stat(bf.bib); errors.Is(err, os.ErrNotExist) {
			compFlag = ""
		}
	}
	ws, err := workspace.New(cfg, workspace.Options{Year: time.Now().Year(), Jobs: jobsOf(0, e.stderr), MaxFileSize: int64(bf.maxFileSize), Bib: compFlag, Exclude: bf.exclude})
	if err != nil {
		bibSay(e, "papers: %v\n", err)
		return exitTrouble
	}
	opt.Venues = ws.Env().Venues
	opt.Orgs = ws.Env().Orgs
	// --key-format wins over the config's bib-key-format, which wins over
	// the built-in default.
	keyFormat, keySource := bf.keyFormat, "--key-format"
	if !flagSet(fs, "key-format") && cfg.BibKeyFormat != "" {
		keyFormat, keySource = cfg.BibKeyFormat, cfg.Path+": bib-key-format"
	}
	if opt.KeyFormat, err = bibgen.ParseKeyFormat(keyFormat); err != nil {
		bibSay(e, "papers bib: %s: %v\n", keySource, err)
		return exitTrouble
	}
	br, trouble, err := newResolver(fs, bf.res, cfg, opt.Venues, e)
	if err != nil {
		bibSay(e, "papers bib: %v\n", err)
		return exitTrouble
	}
	for _, v := range opt.Filter.UnknownVenues(opt.Venues) {
		bibSay(e, "papers bib: --venue %s: the registry does not know this venue; only tags written %s match\n", v, v)
	}

	if len(paths) == 0 {
		paths = []string{"."}
	}
	if addPaths(ws, paths, e) {
		trouble = true
	}
	var notesIn []*lint.File
	for _, f := range ws.Files() {
		if f.Kind == lint.NotesFile {
			notesIn = append(notesIn, f)
		}
	}
	if len(notesIn) == 0 {
		if !trouble {
			bibSay(e, "papers bib: no notes file (*.md, *.markdown) in %s\n", strings.Join(paths, " "))
		}
		return exitTrouble
	}

	var code int
	if bf.merge {
		code = bibMerge(ws, notesIn, mergeTarget, opt, bf, br, e)
	} else {
		code = bibWrite(notesIn, cfg, opt, bf, br, e)
	}
	if trouble {
		return exitTrouble
	}
	return code
}

// bibWrite writes every selected entry to stdout or -o.
func bibWrite(notesIn []*lint.File, cfg *lint.Config, opt bibgen.Options, bf bibFlags, br *bibResolver, e *env) int {
	if bf.output != "" {
		for _, in := range notesIn {
			switch {
			case in.Companion != nil && sameFile(bf.output, in.Companion.Path):
				bibSay(e, "papers bib: -o %s is the companion .bib of %s and would lose its other entries; use --merge to add the missing ones to it\n", bf.output, in.Path)
				return exitTrouble
			case sameFile(bf.output, in.Path):
				bibSay(e, "papers bib: -o %s is a notes file of this run; choose another output\n", bf.output)
				return exitTrouble
			}
		}
	}
	srcs := make([]bibgen.Source, 0, len(notesIn))
	for _, in := range notesIn {
		srcs = append(srcs, bibgen.Source{Notes: in.Notes, Companion: companionBib(in)})
	}
	res := bibgen.Generate(srcs, opt)
	code := reportNotices(res, e)
	br.complete(res.Built(), srcs, e)

	var buf bytes.Buffer
	var missing []bib.NotEscaped
	for _, h := range res.Header {
		if bf.ascii {
			var m []rune
			h, m = bib.EscapeLaTeX(h)
			if len(m) > 0 {
				missing = append(missing, bib.NotEscaped{Key: "@string/@preamble", Chars: m})
			}
		}
		buf.WriteString(h)
		buf.WriteString("\n")
	}
	if len(res.Header) > 0 && len(res.Items) > 0 {
		buf.WriteString("\n")
	}
	m, err := bib.Write(&buf, res.Entries(), bib.WriteOptions{ASCII: bf.ascii})
	if err != nil {
		bibSay(e, "papers bib: %v\n", err)
		return exitTrouble
	}
	missing = append(missing, m...)
	if bf.output != "" {
		if dir := filepath.Dir(bf.output); !isDir(dir) {
			bibSay(e, "papers bib: -o %s: folder %s does not exist\n", bf.output, dir)
			return exitTrouble
		}
		root, err := confine.RootOf(cfg.Path, bf.output)
		if err != nil {
			bibSay(e, "papers bib: -o %s: %v\n", bf.output, err)
			return exitTrouble
		}
		target, err := confine.WriteTarget(root, bf.output, true)
		if err != nil {
			bibSay(e, "papers bib: -o %v\n", err)
			return exitTrouble
		}
		if err := e.writeFile(target, buf.Bytes(), atomicfile.Options{Perm: 0o644, Force: bf.force}); err != nil {
			bibSay(e, "papers bib: %v\n", err)
			return exitTrouble
		}
	} else if _, err := e.stdout.Write(buf.Bytes()); err != nil {
		bibSay(e, "papers bib: write stdout: %v\n", err)
		return exitTrouble
	}

	built := reportNoAuthor(res.Built(), srcs, e)
	reportNotEscaped(missing, e)
	if len(res.Items) == 0 {
		bibSay(e, "papers bib: no paper matched, no entry written\n")
	} else {
		bibSay(e, "papers bib: %s: %d from the companion .bib, %d built from the notes\n", nEntries(len(res.Items)), len(res.Items)-built, built)
	}
	return code
}

// mergeGroup is a .bib to append to and the notes whose papers it should hold.
type mergeGroup struct {
	path   string
	exists bool
	srcs   []bibgen.Source
	inputs []*lint.File
}

// bibMerge appends, to each companion .bib, the entries of its notes' papers
// that it lacks. What the file holds is never rewritten or reordered: the new
// entries follow the last byte, after a blank line.
//
// The file written must be a regular file; one that the workspace names
// (the config's mapping, <notes>.bib, a symbolic link) must lie inside the
// workspace of its notes.
func bibMerge(ws *workspace.Workspace, notesIn []*lint.File, target string, opt bibgen.Options, bf bibFlags, br *bibResolver, e *env) int {
	bibs := map[string]*lint.File{}
	for _, f := range ws.Files() {
		if f.Kind == lint.BibFile {
			bibs[f.Path] = f
		}
	}
	code := exitOK
	var groups []*mergeGroup
	byPath := map[string]*mergeGroup{}
	for _, in := range notesIn {
		path := ""
		if in.Companion != nil {
			path = in.Companion.Path
		}
		switch {
		case target != "":
			path = target
		case ws.Refused(in.Path):
			// collectInputs said why; writing <notes>.bib instead would
			// surprise.
			code = exitTrouble
			continue
		case path == "" && ws.FromStdin(in.Path):
			bibSay(e, "papers bib: --merge: standard input has no companion .bib; name one with --bib\n")
			code = exitTrouble
			continue
		case path == "":
			// No companion yet: start <notes>.bib beside the notes.
			path = strings.TrimSuffix(in.Path, filepath.Ext(in.Path)) + ".bib"
		}
		g := byPath[path]
		if g == nil {
			g = &mergeGroup{path: path}
			_, g.exists = bibs[path]
			byPath[path] = g
			groups = append(groups, g)
		}
		var comp *bib.File
		if f := bibs[path]; f != nil {
			comp = f.Bib
		}
		g.srcs = append(g.srcs, bibgen.Source{Notes: in.Notes, Companion: comp})
		g.inputs = append(g.inputs, in)
	}
	for _, g := range groups {
		if g.exists {
			if f := bibs[g.path].Bib; hasSyntaxErrors(f) {
				d := firstSyntaxError(f)
				bibSay(e, "papers bib: --merge: %s has a syntax error (byte %d: %s); fix it first (papers lint %s), since BibTeX could read the appended entries as part of it\n", g.path, d.Start, d.Message, g.path)
				code = exitTrouble
				continue
			}
		} else if _, err := os.Stat(g.path); err == nil {
			// The file exists but was not read: collectInputs reported why.
			code = exitTrouble
			continue
		}
		res := bibgen.Generate(g.srcs, opt)
		if c := reportNotices(res, e); c != exitOK && code == exitOK {
			code = c
		}
		var added []*bibgen.Item
		for _, it := range res.Built() {
			if it.Replaces == nil {
				added = append(added, it)
			}
		}
		if len(added) == 0 {
			bibSay(e, "papers bib: %s: nothing to add, it holds every paper of the notes\n", g.path)
			continue
		}
		br.complete(added, g.srcs, e)
		entries := make([]*bib.Entry, len(added))
		for i, it := range added {
			entries[i] = it.Entry
		}
		var text bytes.Buffer
		missing, err := bib.Write(&text, entries, bib.WriteOptions{ASCII: bf.ascii})
		if err != nil {
			bibSay(e, "papers bib: %v\n", err)
			code = exitTrouble
			continue
		}
		var old []byte
		if f := bibs[g.path]; f != nil {
			old = f.Src
		}
		root, err := confine.RootOf(ws.Env().Config.Path, g.inputs[0].Path)
		if err != nil {
			bibSay(e, "papers bib: --merge: %s: %v\n", g.path, err)
			code = exitTrouble
			continue
		}
		dest, err := confine.WriteTarget(root, g.path, target != "" || bf.allowOutside)
		if err != nil {
			bibSay(e, "papers bib: --merge: %v\n", err)
			code = exitTrouble
			continue
		}
		opt := atomicfile.Options{Perm: 0o644, Force: bf.force}
		if old != nil {
			opt.Expect = old
		}
		if err := e.writeFile(dest, appendEntries(old, text.Bytes()), opt); err != nil {
			bibSay(e, "papers bib: %v\n", err)
			code = exitTrouble
			continue
		}
		noAuthor := 0
		for _, it := range added {
			note := ""
			if !it.Entry.Has("author") {
				note, noAuthor = ", no author", noAuthor+1
			}
			bibSay(e, "papers bib: %s: added %s (%s:%d%s)\n", g.path, it.Entry.Key, g.srcs[it.Source].Notes.Path, it.Line, note)
		}
		reportNotEscaped(missing, e)
		verb := "added"
		if !g.exists {
			verb = "created with"
		}
		advice := "; complete their authors"
		if noAuthor == 0 {
			advice = ""
		}
		bibSay(e, "papers bib: %s: %s %s built from the notes%s\n", g.path, verb, nEntries(len(added)), advice)
	}
	return code
}

// appendEntries returns old followed by text, separated by one blank line,
// in old's line-ending style. old's bytes are kept as they are.
func appendEntries(old, text []byte) []byte {
	nl := []byte("\n")
	if bytes.Contains(old, []byte("\r\n")) {
		nl = []byte("\r\n")
		text = bytes.ReplaceAll(text, []byte("\n"), nl)
	}
	out := make([]byte, 0, len(old)+len(text)+4)
	out = append(out, old...)
	switch {
	case len(old) == 0:
	case !bytes.HasSuffix(old, nl):
		out = append(append(out, nl...), nl...)
	case !bytes.HasSuffix(old, append(append([]byte(nil), nl...), nl...)):
		out = append(out, nl...)
	}
	return append(out, text...)
}

// companionBib is the parsed companion .bib of a notes file, or nil.
func companionBib(f *lint.File) *bib.File {
	if f.Companion == nil {
		return nil
	}
	return f.Companion.Bib
}

func hasSyntaxErrors(f *bib.File) bool {
	return firstSyntaxError(f) != nil
}

func firstSyntaxError(f *bib.File) *bib.Diagnostic {
	if f == nil {
		return nil
	}
	for i := range f.Diagnostics {
		if f.Diagnostics[i].Code == bib.CodeSyntax {
			return &f.Diagnostics[i]
		}
	}
	return nil
}

// reportNotices prints what Generate had to say; it returns exitFindings
// when a paper got no entry.
func reportNotices(res *bibgen.Result, e *env) int {
	code := exitOK
	for _, n := range res.Notices {
		bibSay(e, "papers bib: %s\n", n)
		if n.Lost {
			code = exitFindings
		}
	}
	return code
}

// reportNoAuthor lists the built entries that still have no author (none
// was found for them in a library or online), and returns how many entries
// were built.
func reportNoAuthor(built []*bibgen.Item, srcs []bibgen.Source, e *env) int {
	for _, it := range built {
		if it.Entry.Has("author") {
			continue
		}
		bibSay(e, "papers bib: %s:%d: no author for %s (built from the notes): %s\n",
			srcs[it.Source].Notes.Path, it.Line, it.Entry.Key, it.Paper.Title)
	}
	return len(built)
}

// reportNotEscaped tells, once per field name, which characters --ascii
// could not write as LaTeX (CJK section names, Greek letters).
func reportNotEscaped(missing []bib.NotEscaped, e *env) {
	type agg struct {
		entries int
		chars   []rune
	}
	byField := map[string]*agg{}
	for _, m := range missing {
		f := m.Field
		if f == "" {
			f = "key"
		}
		a := byField[f]
		if a == nil {
			a = &agg{}
			byField[f] = a
		}
		a.entries++
		for _, r := range m.Chars {
			if len(a.chars) < 12 && !strings.ContainsRune(string(a.chars), r) {
				a.chars = append(a.chars, r)
			}
		}
	}
	names := make([]string, 0, len(byField))
	for f := range byField {
		names = append(names, f)
	}
	sort.Strings(names)
	for _, f := range names {
		a := byField[f]
		bibSay(e, "papers bib: --ascii: %s of %s keeps characters with no LaTeX escape: %s\n", f, nEntries(a.entries), string(a.chars))
	}
}

// nEntries says "1 entry" or "n entries".
func nEntries(n int) string {
	if n == 1 {
		return "1 entry"
	}
	return fmt.Sprintf("%d entries", n)
}

func isDir(path string) bool {
	st, err := os.Stat(path)
	return err == nil && st.IsDir()
}

// sameFile reports whether two paths name the same file, or the same path
// when the first does not exist yet.
func sameFile(a, b string) bool {
	sa, errA := os.Stat(a)
	sb, errB := os.Stat(b)
	if errA == nil && errB == nil {
		return os.SameFile(sa, sb)
	}
	aa, errA := filepath.Abs(a)
	bb, errB := filepath.Abs(b)
	return errA == nil && errB == nil && aa == bb
}

// bibSay writes a message for the user on stderr. When stderr itself cannot
// be written there is no one left to tell, so the error is dropped on
// purpose.
func bibSay(e *env, format string, args ...any) {
	_, _ = fmt.Fprintf(e.stderr, format, args...)
}

// flagSet reports whether the flag was given on the command line.
func flagSet(fs *flag.FlagSet, name string) bool {
	set := false
	fs.Visit(func(f *flag.Flag) { set = set || f.Name == name })
	return set
}
