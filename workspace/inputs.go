package workspace

import (
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
	cfg := w.env.Config
	start := len(w.inputs)
	seen := map[string]bool{}
	for _, in := range w.inputs {
		seen[in.Path] = true
	}
	var named []string
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
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				fail("%s: %v", path, unwrapPathError(err))
				return nil
			}
			if d.IsDir() {
				if d.Name() == ".git" || path != p && w.excluded(path) {
					return filepath.SkipDir
				}
				return nil
			}
			switch strings.ToLower(filepath.Ext(path)) {
			case ".md", ".markdown", ".bib":
			default:
				return nil
			}
			if w.excluded(path) {
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
			named = append(named, filepath.Clean(path))
			return nil
		})
		if err != nil {
			fail("%s: %v", p, err)
		}
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
	srcs, rerrs := w.readFiles(toRead)
	for i, p := range toRead {
		if rerrs[i] != nil {
			fail("%s: %v", p, unwrapPathError(rerrs[i]))
			continue
		}
		w.inputs = append(w.inputs, lint.Input{Path: p, Src: srcs[i], Kind: lint.KindOf(p)})
	}
	// Pair each notes file with its companion .bib, reading the .bib for
	// reference when it was not named.
	n := len(w.inputs)
	var comps []string // companions to read, each once
	var users [][]int  // the notes inputs of each
	at := map[string]int{}
	for i := start; i < n; i++ {
		if w.inputs[i].Kind != lint.NotesFile {
			continue
		}
		comp, err := companionFor(w.inputs[i].Path, w.opt.Bib, cfg, w.fromStdin[w.inputs[i].Path])
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
	srcs, rerrs = w.readFiles(comps)
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
	w.files = nil // parsed again on next use
	return errs, notices
}

// excluded reports whether a walked path is skipped by --exclude or the
// config's exclude globs.
func (w *Workspace) excluded(path string) bool {
	return lint.MatchAny(w.opt.Exclude, filepath.ToSlash(path)) || w.env.Config.Excluded(path)
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
