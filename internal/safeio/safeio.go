// Package safeio reads input files the way a linter that runs on
// untrusted repositories must: only regular files, and only up to a size.
//
// A FIFO named x.md blocks a reader forever, and a committed symbolic link
// to /dev/zero is read until memory runs out; both are refused here, with a
// message that says what the file is. A file is opened without blocking and
// checked on the open descriptor, so that it cannot be swapped for a FIFO
// between a check and the read.
package safeio

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
)

// DefaultMaxSize is the largest input read by default: 256 MB, far beyond
// any notes file or bibliography (the largest real lists are a few MB).
const DefaultMaxSize = 256 << 20

// ErrNotRegular is wrapped by the error for a path that is not a regular
// file (a FIFO, a device, a socket, a folder).
var ErrNotRegular = errors.New("not a regular file")

// ErrTooLarge is wrapped by the error for an input over the size limit.
var ErrTooLarge = errors.New("over the size limit")

// ReadFile reads path when it is a regular file, following symbolic links,
// of at most max bytes (max <= 0: no limit).
func ReadFile(path string, max int64) ([]byte, error) {
	f, err := os.OpenFile(path, os.O_RDONLY|openFlags, 0)
	if err != nil {
		return nil, err
	}
	defer func() { _ = f.Close() }()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, fmt.Errorf("%w (%s)", ErrNotRegular, Kind(st.Mode()))
	}
	if max > 0 && st.Size() > max {
		return nil, tooLarge(st.Size(), max)
	}
	return readLimited(f, max, st.Size())
}

// ReadAll reads r (standard input) up to max bytes (max <= 0: no limit);
// more is an error.
func ReadAll(r io.Reader, max int64) ([]byte, error) { return readLimited(r, max, 0) }

func readLimited(r io.Reader, max, size int64) ([]byte, error) {
	if max > 0 {
		r = io.LimitReader(r, max+1)
	}
	buf := make([]byte, 0, size+512)
	for {
		n, err := r.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
	}
	if max > 0 && int64(len(buf)) > max {
		return nil, tooLarge(-1, max) // read up to the limit: the size is not known
	}
	return buf, nil
}

func tooLarge(size, max int64) error {
	if size > max {
		return fmt.Errorf("%w: %s, more than --max-file-size %s", ErrTooLarge, Size(size), Size(max))
	}
	return fmt.Errorf("%w: more than --max-file-size %s", ErrTooLarge, Size(max))
}

// Size writes a byte count for people: 512 B, 3.2 KB, 256 MB.
func Size(n int64) string {
	switch {
	case n < 1<<10:
		return fmt.Sprintf("%d B", n)
	case n < 1<<20:
		return fmt.Sprintf("%.1f KB", float64(n)/(1<<10))
	case n < 1<<30:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	}
	return fmt.Sprintf("%.1f GB", float64(n)/(1<<30))
}

// IsRegular reports whether path is a regular file, following links, and
// what it is otherwise.
func IsRegular(path string) (bool, string, error) {
	st, err := os.Stat(path)
	if err != nil {
		return false, "", err
	}
	return st.Mode().IsRegular(), Kind(st.Mode()), nil
}

// Kind names what a file mode is: "a FIFO", "a character device" ...
func Kind(m fs.FileMode) string {
	switch {
	case m.IsRegular():
		return "a regular file"
	case m.IsDir():
		return "a folder"
	case m&fs.ModeNamedPipe != 0:
		return "a FIFO"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeCharDevice != 0:
		return "a character device"
	case m&fs.ModeDevice != 0:
		return "a device"
	case m&fs.ModeSymlink != 0:
		return "a symbolic link"
	}
	return "a special file"
}
