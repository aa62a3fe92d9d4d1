package main

import (
	"flag"
	"fmt"
	"io"
	"math"
	"runtime"
	"strconv"
	"strings"

	"github.com/paperlint/papers/internal/safeio"
)

// stringList is a repeatable string flag; each use may also hold a
// comma-separated list.
type stringList []string

func (s *stringList) String() string { return strings.Join(*s, ",") }

func (s *stringList) Set(v string) error {
	for _, p := range strings.Split(v, ",") {
		if p = strings.TrimSpace(p); p != "" {
			*s = append(*s, p)
		}
	}
	return nil
}

// parseInterspersed parses flags that may come before, between or after the
// positional arguments (`papers lint notes.md --fix`), as users of other
// linters expect. `--` ends the flags.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, nil
		}
		if len(args) > 0 && len(rest) < len(args) && args[len(args)-len(rest)-1] == "--" {
			return append(pos, rest...), nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

// newFlagSet makes a flag set whose errors and help go to w.
func newFlagSet(name, synopsis string, w io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(w)
	fs.Usage = func() {
		fmt.Fprintf(w, "Usage: papers %s\n\nFlags:\n", synopsis)
		fs.PrintDefaults()
	}
	return fs
}

// sizeFlag is a byte count written as a number with an optional unit:
// 1048576, 512KB, 256MB, 1GB (powers of 1024; B, K, M, G also do).
type sizeFlag int64

func (s *sizeFlag) String() string { return safeio.Size(int64(*s)) }

func (s *sizeFlag) Set(v string) error {
	t := strings.ToUpper(strings.TrimSpace(v))
	mult := int64(1)
	for _, u := range []struct {
		suffix string
		mult   int64
	}{{"GB", 1 << 30}, {"MB", 1 << 20}, {"KB", 1 << 10}, {"G", 1 << 30}, {"M", 1 << 20}, {"K", 1 << 10}, {"B", 1}} {
		if strings.HasSuffix(t, u.suffix) {
			t, mult = strings.TrimSpace(strings.TrimSuffix(t, u.suffix)), u.mult
			break
		}
	}
	n, err := strconv.ParseInt(t, 10, 64)
	if err != nil || n < 0 || n > math.MaxInt64/mult {
		return fmt.Errorf("%q is not a size such as 256MB", v)
	}
	*s = sizeFlag(n * mult)
	return nil
}

// maxJobs bounds --jobs: more goroutines than this only cost memory (a
// run has a few tasks per file and rule, and two cores here).
const maxJobs = 256

// jobsOf is the worker budget for --jobs n: n within 1..maxJobs, or one per
// CPU when n <= 0; a clamped value is said on w.
func jobsOf(n int, w io.Writer) int {
	switch {
	case n <= 0:
		return runtime.GOMAXPROCS(0)
	case n > maxJobs:
		fmt.Fprintf(w, "papers: --jobs %d is more than %d; using %d\n", n, maxJobs, maxJobs)
		return maxJobs
	}
	return n
}
