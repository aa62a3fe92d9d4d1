// Package confine keeps the paths that a workspace names inside it.
//
// Notes and config come from pull requests, so they are untrusted: a
// `.papers.yaml` may name `../../home/u/.bashrc` as a companion .bib, and a
// committed symbolic link may point anywhere. Paths that the workspace names
// are resolved, symbolic links included, and must stay below the workspace's
// folder; paths that the user types on the command line are the user's own
// choice and are not confined.
package confine

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/paperlint/papers/internal/safeio"
)

// Root returns the folder that bounds a run: the folder of the config file
// when there is one, else the git work tree holding dir, else dir. The
// result is absolute and has its symbolic links resolved.
func Root(configPath, dir string) (string, error) {
	if configPath != "" {
		return resolve(filepath.Dir(configPath))
	}
	abs, err := resolve(dir)
	if err != nil {
		return "", err
	}
	for d := abs; ; {
		if _, err := os.Lstat(filepath.Join(d, ".git")); err == nil {
			return d, nil
		}
		parent := filepath.Dir(d)
		if parent == d {
			return abs, nil
		}
		d = parent
	}
}

// RootOf returns the workspace of a file: the config's folder when the file
// lies in it, else the git work tree holding the file's folder, else that
// folder.
func RootOf(configPath, file string) (string, error) {
	if configPath != "" {
		root, err := Root(configPath, "")
		if err != nil {
			return "", err
		}
		if lexicallyInside(root, file) {
			return root, nil
		}
	}
	return Root("", filepath.Dir(file))
}

// Inside reports whether path, once its symbolic links are resolved, lies in
// root (root itself included). root must come from Root. A path that does
// not exist yet is judged by its nearest existing parent.
func Inside(root, path string) (bool, error) {
	r, err := resolve(path)
	if err != nil {
		return false, err
	}
	return within(root, r), nil
}

// within reports whether the clean absolute path p is root or below it.
func within(root, p string) bool {
	rel, err := filepath.Rel(root, p)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}

// lexicallyInside reports whether path, as written, names a place in root:
// a relative path is joined to the current folder (its links resolved, as
// root's are) and `..` is taken as written, without following links.
func lexicallyInside(root, path string) bool {
	if !filepath.IsAbs(path) {
		wd, err := os.Getwd()
		if err != nil {
			return true
		}
		if r, err := filepath.EvalSymlinks(wd); err == nil {
			wd = r
		}
		path = filepath.Join(wd, path)
	}
	return within(root, filepath.Clean(path))
}

// resolve makes path absolute and resolves the symbolic links of its longest
// existing prefix; the rest is joined as written (it cannot hold links).
func resolve(path string) (string, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", err
	}
	var rest []string
	for p := abs; ; {
		r, err := filepath.EvalSymlinks(p)
		if err == nil {
			for i := len(rest) - 1; i >= 0; i-- {
				r = filepath.Join(r, rest[i])
			}
			return r, nil
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return "", err
		}
		parent := filepath.Dir(p)
		if parent == p {
			return abs, nil
		}
		rest = append(rest, filepath.Base(p))
		p = parent
	}
}

// WriteTarget checks a file that papers is about to write (a --merge
// companion, an -o file, a file fixed in place) and returns the path to
// write: path itself, or the regular file its symbolic link points to, so
// that the link is written through instead of being replaced by a copy.
//
// It refuses anything but a regular file (a device, a FIFO, a folder) and,
// unless fromCommandLine, a path that leads out of root through a symbolic
// link or `..`. A command-line path that names a place outside the
// workspace is the user's choice, but the workspace may not redirect a
// write through a link of its own.
func WriteTarget(root, path string, fromCommandLine bool) (string, error) {
	st, err := os.Lstat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		if !fromCommandLine || lexicallyInside(root, path) {
			if ok, err := Inside(root, path); err != nil {
				return "", fmt.Errorf("%s: %w", path, err)
			} else if !ok {
				return "", fmt.Errorf("%s: refusing to write outside the workspace %s", path, root)
			}
		}
		return path, nil
	case err != nil:
		return "", fmt.Errorf("%s: %w", path, err)
	}
	target := path
	if st.Mode()&fs.ModeSymlink != 0 {
		if target, err = filepath.EvalSymlinks(path); err != nil {
			return "", fmt.Errorf("%s: symbolic link: %w", path, err)
		}
		if st, err = os.Stat(target); err != nil {
			return "", fmt.Errorf("%s: %w", path, err)
		}
	}
	if !st.Mode().IsRegular() {
		return "", fmt.Errorf("%s: refusing to write: not a regular file (%s)", path, safeio.Kind(st.Mode()))
	}
	if fromCommandLine && !lexicallyInside(root, path) {
		// The user named a place outside the workspace: their choice.
		return target, nil
	}
	in, err := Inside(root, target)
	if err != nil {
		return "", fmt.Errorf("%s: %w", path, err)
	}
	if !in {
		if target != path {
			return "", fmt.Errorf("%s: refusing to write: it is a symbolic link to %s, outside the workspace %s", path, target, root)
		}
		return "", fmt.Errorf("%s: refusing to write outside the workspace %s", path, root)
	}
	return target, nil
}
