package workspace

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/paperlint/papers/internal/par"
	"github.com/paperlint/papers/internal/safeio"
	"github.com/paperlint/papers/lint"
)

// Add reads the named files and walks the named folders (for *.md,
// *.markdown and *.bib, skipping .git and excluded paths); "-" reads stdin
// under Options.StdinName. Each notes file is paired with its companion
// .bib (Options.Bib, else the config's bib: mapping, else <notes>.bib, else
// references.bib beside it), which is read for reference when it was not
// named. A path that cannot be read is an error in the list returned, and
// the others are still added. Only regular files are read: a FIFO, a
// device or a link to one found in a folder is skipped with a notice (in
// the list returned), and one named is an error. Call Add before Files.
func (w *Workspace) Add(paths []string, stdin io.Reader) (errs []error, notices []string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	fail := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }
	start := len(w.inputs)
	seen := map[string]bool{}
	for _, in := range w.inputs {
		seen[in.Path] = true
	}
	var named []string
	walked := map[string]bool{} // found in a folder walk, not named
	for _, p := range paths {
		if p == "-" {
			src, err := safeio.ReadAll(stdin, w.opt.MaxFileSize)
			if err != nil {
				fail("read standard input: %v", err)
				continue
			}
			name := w.opt.StdinName
			if name == "" {
				name = "-"
			}
			w.fromStdin[name] = true
			w.inputs = append(w.inputs, lint.Input{Path: name, Src: src, Kind: lint.KindOf(name)})
			seen[name] = true
			continue
		}
		st, err := os.Stat(p)
		if err != nil {
			fail("%s: %v", p, unwrapPathError(err))
			continue
		}
		if !st.IsDir() {
			named = append(named, filepath.Clean(p))
			continue
		}
		found, werrs, skipped := w.walk(p, false)
		for _, f := range found {
			walked[f] = true
		}
		named = append(named, found...)
		errs = append(errs, werrs...)
		notices = append(notices, skipped...)
	}
	// The order given ranks the .bib files of a folder (macros are read in
	// it); the inputs themselves are kept in name order, which decides the
	// order of papers bib's entries across files.
	for _, p := range named {
		if _, ok := w.rank[p]; !ok {
			w.rank[p] = len(w.rank)
		}
	}
	sort.Strings(named)
	var toRead []string
	for _, p := range named {
		if !seen[p] {
			seen[p] = true
			toRead = append(toRead, p)
		}
	}
	// The companions of the notes files are read with them, in one batch:
	// read after its 78 MB notes file, a 64 MB .bib took 46 ms more alone.
	ahead := readAhead{companion: map[string]string{}, read: map[string]readResult{}}
	var pre []string
	for _, p := range toRead {
		if lint.KindOf(p) != lint.NotesFile {
			continue
		}
		comp, err := companionFor(p, w.opt.Bib, w.env.Config, false)
		if err != nil {
			continue // pairFrom asks again and says why
		}
		ahead.companion[p] = comp
		if comp = filepath.Clean(comp); comp != "." && !seen[comp] {
			if _, ok := ahead.read[comp]; !ok {
				ahead.read[comp] = readResult{}
				pre = append(pre, comp)
			}
		}
	}
	srcs, rerrs := w.readFiles(append(toRead[:len(toRead):len(toRead)], pre...))
	for k, p := range pre {
		ahead.read[p] = readResult{srcs[len(toRead)+k], rerrs[len(toRead)+k]}
	}
	for i, p := range toRead {
		if rerrs[i] != nil {
			fail("%s: %v", p, unwrapPathError(rerrs[i]))
			continue
		}
		w.inputs = append(w.inputs, lint.Input{Path: p, Src: srcs[i], Kind: lint.KindOf(p)})
	}
	w.macrosFirst(start, walked)
	errs = append(errs, w.pairFrom(start, seen, ahead)...)
	w.files = nil // parsed again on next use
	return errs, notices
}

// readResult is a file read ahead of its use: its text or why not.
type readResult struct {
	src []byte
	err error
}

// readAhead is what Add learnt of the companions before pairing: the
// companion of each notes file read (companionFor's answer, when it gave
// no error), and the companions read with the notes.
type readAhead struct {
	companion map[string]string
	read      map[string]readResult
}

// pairFrom pairs each notes input from start on with its companion .bib,
// reading the .bib for reference when it is not an input yet (or taking
// it, and which it is, from ahead, when Add found them with the notes).
func (w *Workspace) pairFrom(start int, seen map[string]bool, ahead readAhead) (errs []error) {
	fail := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }
	cfg := w.env.Config
	n := len(w.inputs)
	var comps []string // companions to read, each once
	var users [][]int  // the notes inputs of each
	at := map[string]int{}
	for i := start; i < n; i++ {
		if w.inputs[i].Kind != lint.NotesFile {
			continue
		}
		comp, known := ahead.companion[w.inputs[i].Path]
		var err error
		if !known {
			comp, err = companionFor(w.inputs[i].Path, w.opt.Bib, cfg, w.fromStdin[w.inputs[i].Path])
		}
		if err != nil {
			errs = append(errs, err)
			w.refused[w.inputs[i].Path] = true
		}
		if comp == "" {
			continue
		}
		comp = filepath.Clean(comp)
		w.inputs[i].Companion = comp
		if seen[comp] {
			continue
		}
		k, ok := at[comp]
		if !ok {
			k = len(comps)
			at[comp] = k
			comps = append(comps, comp)
			users = append(users, nil)
		}
		users[k] = append(users[k], i)
	}
	srcs, rerrs := make([][]byte, len(comps)), make([]error, len(comps))
	var unread []string
	for k, comp := range comps {
		if r, ok := ahead.read[comp]; ok {
			srcs[k], rerrs[k] = r.src, r.err
		} else {
			unread = append(unread, comp)
		}
	}
	if len(unread) > 0 {
		usrcs, uerrs := w.readFiles(unread)
		for k, j := 0, 0; k < len(comps); k++ {
			if _, ok := ahead.read[comps[k]]; !ok {
				srcs[k], rerrs[k] = usrcs[j], uerrs[j]
				j++
			}
		}
	}
	for k, comp := range comps {
		if rerrs[k] != nil {
			// Said, not swallowed: the notes rules would silently
			// find nothing to compare with.
			if w.opt.Bib != "" {
				fail("--bib %s: %v", comp, unwrapPathError(rerrs[k]))
			} else {
				fail("%s (companion of %s): %v", comp, w.inputs[users[k][0]].Path, unwrapPathError(rerrs[k]))
			}
			for _, i := range users[k] {
				w.inputs[i].Companion = ""
			}
			continue
		}
		seen[comp] = true
		w.inputs = append(w.inputs, lint.Input{Path: comp, Src: srcs[k], Kind: lint.BibFile, Quiet: true})
	}
	return errs
}

// walk lists the notes and .bib files under dir, skipping .git, excluded
// paths and what the .gitignore files of its git work tree ignore (a
// folder named on the command line is walked even when ignored). Links to
// anything but a regular file are skipped with a notice. With ownOnly, a
// folder below dir that has a .papers.yaml of its own is another workspace
// and is skipped.
func (w *Workspace) walk(dir string, ownOnly bool) (found []string, errs []error, notices []string) {
	ig, gitTop := ignoresFor(dir)
	rel := func(path string) string {
		abs, err := filepath.Abs(path)
		if err != nil {
			return filepath.ToSlash(path)
		}
		r, err := filepath.Rel(gitTop, abs)
		if err != nil {
			return filepath.ToSlash(path)
		}
		return filepath.ToSlash(r)
	}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", path, unwrapPathError(err)))
			return nil
		}
		if d.IsDir() {
			if d.Name() == ".git" || path != dir && w.excluded(path) {
				return filepath.SkipDir
			}
			if ownOnly && path != dir {
				if _, err := os.Lstat(filepath.Join(path, lint.ConfigFileName)); err == nil {
					return filepath.SkipDir
				}
			}
			if ig != nil {
				r := rel(path)
				if path != dir && ig.ignored(r, true) {
					return filepath.SkipDir
				}
				if r == "." {
					r = ""
				}
				ig.load(path, r)
			}
			return nil
		}
		switch strings.ToLower(filepath.Ext(path)) {
		case ".md", ".markdown", ".bib":
		default:
			return nil
		}
		if w.excluded(path) || ig != nil && ig.ignored(rel(path), false) {
			return nil
		}
		if d.Type() != 0 { // a link or a special file: only regular files are read
			if ok, what, err := safeio.IsRegular(path); err != nil || !ok {
				if err == nil {
					err = fmt.Errorf("%w (%s)", safeio.ErrNotRegular, what)
				}
				notices = append(notices, fmt.Sprintf("%s: skipped: %v", path, unwrapPathError(err)))
				return nil
			}
		}
		found = append(found, filepath.Clean(path))
		return nil
	})
	if err != nil {
		errs = append(errs, fmt.Errorf("%s: %w", dir, err))
	}
	return found, errs, notices
}

// ignoresFor returns the .gitignore rules that apply above dir (those of
// dir and below are loaded by the walk) and the git work tree's folder, or
// nil when dir is in no git work tree.
func ignoresFor(dir string) (*ignores, string) {
	top := gitRoot(dir)
	if top == "" {
		return nil, ""
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, ""
	}
	ig := &ignores{}
	rel, err := filepath.Rel(top, abs)
	if err != nil || rel == "." {
		return ig, top
	}
	parts := strings.Split(filepath.ToSlash(rel), "/")
	for i := 0; i < len(parts); i++ {
		r := strings.Join(parts[:i], "/")
		ig.load(filepath.Join(top, filepath.FromSlash(r)), r)
	}
	return ig, top
}

// excluded reports whether a walked path is skipped by --exclude or the
// config's exclude globs.
func (w *Workspace) excluded(path string) bool {
	return w.exclude.Match(filepath.ToSlash(path)) || w.env.Config.Excluded(path)
}

// readFiles reads paths concurrently (a notes file and its .bib can be
// a hundred megabytes together; a repository, hundreds of small files).
func (w *Workspace) readFiles(paths []string) ([][]byte, []error) {
	srcs := make([][]byte, len(paths))
	errs := make([]error, len(paths))
	par.Do(len(paths), 2*w.jobs, func(i int) { srcs[i], errs[i] = safeio.ReadFile(paths[i], w.opt.MaxFileSize) })
	return srcs, errs
}

// companionFor finds a notes file's .bib: --bib, then the config's mapping,
// then <notes>.bib beside it, then references.bib in the same folder. A
// mapping that leaves the config's folder is an error, and the notes then
// have no companion.
func companionFor(notesPath, flagBib string, cfg *lint.Config, fromStdin bool) (string, error) {
	if flagBib != "" {
		return flagBib, nil
	}
	if fromStdin {
		return "", nil
	}
	if c, err := cfg.CompanionFor(notesPath); c != "" || err != nil {
		return c, err
	}
	base := strings.TrimSuffix(notesPath, filepath.Ext(notesPath))
	for _, c := range []string{base + ".bib", filepath.Join(filepath.Dir(notesPath), "references.bib")} {
		if st, err := os.Stat(c); err == nil && st.Mode().IsRegular() {
			return c, nil
		}
	}
	return "", nil
}

// unwrapPathError drops the path from an *fs.PathError: the message names
// the path already.
func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// Root returns the workspace folder of path (a file or a folder): the
// folder of the nearest .papers.yaml from path's folder upwards, else the
// git work tree holding it, else the current folder when it holds path
// and is neither the home folder nor the file system's root, else path's
// folder.
func Root(path string) string {
	dir := path
	if st, err := os.Stat(path); err != nil || !st.IsDir() {
		dir = filepath.Dir(path)
	}
	if cfg := lint.FindConfig(dir); cfg != "" {
		return filepath.Dir(cfg)
	}
	if top := gitRoot(dir); top != "" {
		return top
	}
	wd, err := os.Getwd()
	abs, aerr := filepath.Abs(dir)
	if err != nil || aerr != nil {
		return dir
	}
	if r, err := filepath.Rel(wd, abs); err == nil && r != ".." && !strings.HasPrefix(r, "../") && !tooBroad(wd) {
		return wd
	}
	return abs
}

// tooBroad reports whether dir is a folder that holds far more than one
// person's notes: the home folder (a Go module cache, every project's
// READMEs) or the file system's root. `papers lint notes/a.md` run there
// would read every Markdown and .bib file below as context: seconds and
// gigabytes for one small file, and titles from other projects' READMEs.
func tooBroad(dir string) bool {
	if filepath.Dir(dir) == dir {
		return true
	}
	home, err := os.UserHomeDir()
	if err != nil || home == "" {
		return false
	}
	if h, err := filepath.Abs(home); err == nil {
		home = h
	}
	return filepath.Clean(dir) == home
}

// AddContext adds, for reference only (Input.Quiet), the notes and .bib
// files under root that are not inputs yet, with their companions: the
// corpus rules (duplicate and similar titles, organisation spellings, the
// notes against their .bib) then see the whole workspace and report only
// in the files given to Add, with related locations anywhere. This is what
// a pre-commit hook, which hands over the staged files only, and an editor,
// which lints one buffer, need to agree with `papers lint .`. What cannot be
// read is skipped with a notice: it is not what the user asked to lint.
func (w *Workspace) AddContext(root string) (notices []string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	// Paths are walked relative to the current folder when they can be,
	// so that they print as the user's own paths do.
	if wd, err := os.Getwd(); err == nil {
		if abs, err := filepath.Abs(root); err == nil {
			if r, err := filepath.Rel(wd, abs); err == nil {
				root = r
			}
		}
	}
	start := len(w.inputs)
	seen := map[string]bool{}
	have := map[string]bool{} // absolute paths of the inputs
	for _, in := range w.inputs {
		seen[in.Path] = true
		if abs, err := filepath.Abs(in.Path); err == nil {
			have[abs] = true
		}
	}
	// Special files met here are skipped without a word: the user did not
	// ask to lint them, and the walk of a folder they name reports them.
	found, errs, _ := w.walk(root, true)
	for _, err := range errs {
		notices = append(notices, fmt.Sprintf("workspace: %v", err))
	}
	var toRead []string
	for _, p := range found {
		abs, err := filepath.Abs(p)
		if err != nil || have[abs] || seen[p] {
			continue
		}
		have[abs], seen[p] = true, true
		toRead = append(toRead, p)
	}
	sort.Strings(toRead)
	srcs, rerrs := w.readFiles(toRead)
	for i, p := range toRead {
		if rerrs[i] != nil {
			notices = append(notices, fmt.Sprintf("%s: skipped: %v", p, unwrapPathError(rerrs[i])))
			continue
		}
		if _, ok := w.rank[p]; !ok {
			w.rank[p] = len(w.rank)
		}
		w.inputs = append(w.inputs, lint.Input{Path: p, Src: srcs[i], Kind: lint.KindOf(p), Quiet: true})
	}
	for _, err := range w.pairFrom(start, seen, readAhead{}) {
		notices = append(notices, fmt.Sprintf("workspace: %v", err))
	}
	w.files = nil
	return notices
}

// macrosFirst reorders the .bib files that a folder walk found (no order
// was given for them): in each folder, the files that hold only @string
// macros (abbrev.bib, journals.bib) are read before the others, in name
// order, as a user lists them for BibTeX (\bibliography{abbrev,journals,
// articles}), so that the macros are defined before the entries use them.
// Files named on the command line keep the order given.
func (w *Workspace) macrosFirst(start int, walked map[string]bool) {
	type cand struct {
		path    string
		rank    int
		strings bool
	}
	byDir := map[string][]cand{}
	for _, in := range w.inputs[start:] {
		if kindOf(in) != lint.BibFile || !walked[in.Path] {
			continue
		}
		d := filepath.Dir(in.Path)
		byDir[d] = append(byDir[d], cand{in.Path, w.rank[in.Path], stringsOnly(in.Src)})
	}
	for _, cs := range byDir {
		ranks := make([]int, len(cs))
		for i, c := range cs {
			ranks[i] = c.rank
		}
		sort.Ints(ranks)
		sort.SliceStable(cs, func(i, j int) bool {
			if cs[i].strings != cs[j].strings {
				return cs[i].strings
			}
			return cs[i].rank < cs[j].rank
		})
		for i, c := range cs {
			w.rank[c.path] = ranks[i]
		}
	}
}

// stringsOnly reports whether a .bib file defines @string macros and holds
// no entry (comments and @preamble aside). An item is an `@type` at a
// line's start (after spaces or tabs; spaces or tabs may follow the @).
// It reads line by line and stops at the first entry: a folder walk reads
// every .bib of the workspace, and a list's .bib is tens of megabytes of
// entries, which a regular expression finding all items read whole, on one
// core, before anything else could start (0.87 s for 50 .bib files of 2,000
// entries).
func stringsOnly(src []byte) bool {
	found := false
	for off := 0; off < len(src); {
		line := src[off:]
		if i := bytes.IndexByte(line, '\n'); i >= 0 {
			line, off = line[:i], off+i+1
		} else {
			off = len(src)
		}
		t := bytes.TrimLeft(line, " \t")
		if len(t) == 0 || t[0] != '@' {
			continue
		}
		t = bytes.TrimLeft(t[1:], " \t")
		n := 0
		for n < len(t) && ('a' <= t[n]|0x20 && t[n]|0x20 <= 'z') {
			n++
		}
		switch strings.ToLower(string(t[:n])) {
		case "":
		case "string":
			found = true
		case "comment", "preamble":
		default:
			return false
		}
	}
	return found
}
