// Package atomicfile is the one way papers writes a file: readers see the
// old or the new content, never a half-written file, and nothing the user
// wrote meanwhile is lost.
//
// A temporary file in the same folder is written, synced, given the
// target's mode and (when allowed) owner, and renamed over the target. Just
// before the rename the target is read again and compared with what the
// caller read: a change made while papers was working (an editor saving the
// file) is an error, not overwritten. A read-only file (no write bit for
// its owner) and a file with several hard links, which a rename would split,
// are refused unless Force is set. The temporaries of a Writer are removed
// by Cleanup (papers calls it on SIGINT and SIGTERM); those that a killed
// run left behind are removed by the next write beside them.
package atomicfile

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
)

// Options tune one write.
type Options struct {
	// Perm is the mode of a file created; an existing file keeps its own.
	Perm os.FileMode
	// Expect, when not nil, is the content the caller read and changed:
	// the write fails if the file no longer holds it. A nil Expect with an
	// existing file skips the check (a file replaced whole, such as -o).
	Expect []byte
	// Force rewrites a read-only file and replaces a hard-linked one
	// (splitting the link).
	Force bool
}

// ErrChanged is wrapped by the error for a file that changed between the
// caller's read and the write.
var ErrChanged = errors.New("changed on disk while papers was working; nothing written, run again")

// Writer writes files atomically and keeps track of its temporaries, so
// that an interrupted run can remove them. The zero value is ready.
type Writer struct {
	mu    sync.Mutex
	temps map[string]bool
	// Notices are what the writer did that the user should know (stale
	// temporaries removed); the caller prints them.
	Notices []string
}

// tempPrefix is how a temporary of target starts: `.NAME.papers-`; the
// pid and a random part follow.
func tempPrefix(target string) string { return "." + filepath.Base(target) + ".papers-" }

// Write replaces path's content with data atomically. path must not be a
// symbolic link (resolve it first: internal/confine.WriteTarget).
func (w *Writer) Write(path string, data []byte, opt Options) (err error) {
	perm := opt.Perm
	if perm == 0 {
		perm = 0o644
	}
	st, statErr := os.Lstat(path)
	exists := statErr == nil
	var uid, gid = -1, -1
	switch {
	case exists && !st.Mode().IsRegular():
		return fmt.Errorf("write %s: not a regular file", path)
	case exists:
		perm = st.Mode().Perm()
		if perm&0o200 == 0 && !opt.Force {
			return fmt.Errorf("write %s: the file is read-only (mode %04o); --force rewrites it", path, perm)
		}
		if sys, ok := st.Sys().(*syscall.Stat_t); ok {
			if sys.Nlink > 1 && !opt.Force {
				return fmt.Errorf("write %s: the file has %d hard links, which replacing it would split; --force replaces it", path, sys.Nlink)
			}
			uid, gid = int(sys.Uid), int(sys.Gid)
		}
	case !errors.Is(statErr, fs.ErrNotExist):
		return fmt.Errorf("write %s: %w", path, statErr)
	}
	dir := filepath.Dir(path)
	w.removeStale(path)
	tmp, err := os.CreateTemp(dir, tempPrefix(path)+strconv.Itoa(os.Getpid())+"-*")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	w.track(tmp.Name(), true)
	defer func() {
		if err != nil {
			_ = tmp.Close()
			_ = os.Remove(tmp.Name())
		}
		w.track(tmp.Name(), false)
	}()
	if _, err = tmp.Write(data); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err = tmp.Sync(); err != nil {
		return fmt.Errorf("write %s: sync: %w", path, err)
	}
	if err = tmp.Chmod(perm); err != nil {
		return fmt.Errorf("write %s: chmod: %w", path, err)
	}
	if uid >= 0 {
		// Keep the owner when allowed (root fixing a user's file); an
		// unprivileged user cannot give a file away, and need not.
		if cerr := tmp.Chown(uid, gid); cerr != nil && !errors.Is(cerr, fs.ErrPermission) {
			return fmt.Errorf("write %s: chown: %w", path, cerr)
		}
	}
	if err = tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if exists && opt.Expect != nil {
		now, rerr := os.ReadFile(path)
		if rerr != nil {
			return fmt.Errorf("write %s: read again: %w", path, rerr)
		}
		if !bytes.Equal(now, opt.Expect) {
			return fmt.Errorf("write %s: %w", path, ErrChanged)
		}
	}
	if err = os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("write %s: rename: %w", path, err)
	}
	// Sync the folder so that the rename itself survives a crash.
	if d, derr := os.Open(dir); derr == nil {
		_ = d.Sync()
		_ = d.Close()
	}
	return nil
}

// Write replaces path's content with data atomically, with default options
// and no concurrent-change check (see Writer.Write).
func Write(path string, data []byte, perm os.FileMode) error {
	var w Writer
	return w.Write(path, data, Options{Perm: perm})
}

func (w *Writer) track(name string, on bool) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.temps == nil {
		w.temps = map[string]bool{}
	}
	if on {
		w.temps[name] = true
	} else {
		delete(w.temps, name)
	}
}

// Cleanup removes the temporaries of writes in progress (papers calls it
// when interrupted) and returns how many it removed.
func (w *Writer) Cleanup() int {
	w.mu.Lock()
	defer w.mu.Unlock()
	n := 0
	for name := range w.temps {
		if os.Remove(name) == nil {
			n++
		}
		delete(w.temps, name)
	}
	return n
}

// removeStale removes the temporaries of target that a killed run left:
// those whose process no longer runs. A temporary of a run still going (a
// concurrent papers) is left alone.
func (w *Writer) removeStale(target string) {
	prefix := tempPrefix(target)
	entries, err := os.ReadDir(filepath.Dir(target))
	if err != nil {
		return
	}
	for _, e := range entries {
		name := e.Name()
		if !strings.HasPrefix(name, prefix) || !e.Type().IsRegular() {
			continue
		}
		pid, _, _ := strings.Cut(strings.TrimPrefix(name, prefix), "-")
		n, err := strconv.Atoi(pid)
		if err != nil || n <= 0 || n == os.Getpid() || processRuns(n) {
			continue
		}
		p := filepath.Join(filepath.Dir(target), name)
		if os.Remove(p) == nil {
			w.mu.Lock()
			w.Notices = append(w.Notices, fmt.Sprintf("removed %s, left by an interrupted run", p))
			w.mu.Unlock()
		}
	}
}

// processRuns reports whether a process with this pid exists (signal 0
// checks without sending anything).
func processRuns(pid int) bool {
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}
