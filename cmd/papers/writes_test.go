package main

import (
	"bytes"
	"errors"
	"strings"
	"testing"
)

// fullDisk is a writer that always fails, like /dev/full.
type fullDisk struct{}

func (fullDisk) Write([]byte) (int, error) { return 0, errors.New("no space left on device") }

// Every write error exits 2 with a message: output that did not arrive is
// not a success.
func TestStdoutWriteErrorsExit2(t *testing.T) {
	for _, args := range [][]string{{"version"}, {"init", "--stdout"}} {
		var stderr bytes.Buffer
		e := &env{stdout: fullDisk{}, stderr: &stderr, getenv: func(string) string { return "" }}
		if code := run(args, e); code != exitTrouble {
			t.Errorf("%v: exit %d, want 2", args, code)
		}
		if !strings.Contains(stderr.String(), "no space left on device") {
			t.Errorf("%v: stderr %q", args, stderr.String())
		}
	}
}
