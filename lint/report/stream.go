package report

import (
	"fmt"
	"io"

	"github.com/paperlint/papers/lint"
)

// Streams reports whether findings in format can be written as a run
// hands them over, file by file (Stream): a format of one line per
// finding, with nothing before or after them that depends on the others.
// Documents (JSON, SARIF, Checkstyle, rdjson) and the github format, which
// picks the findings GitHub shows among all of them, are written whole.
func Streams(format string) bool { return format == "text" || format == "" }

// Stream writes a run's findings as they are handed over in order (one
// file's at a time, lint.Runner.RunStream), the bytes WriteFindings would
// write for all of them at once.
type Stream struct {
	w   io.Writer
	opt Options
	ix  *index
	pb  partBuffers
}

// NewStream returns a Stream of findings in format, which Streams must
// accept.
func NewStream(w io.Writer, format string, opt Options) (*Stream, error) {
	if !Streams(format) {
		return nil, fmt.Errorf("--format %s is written whole, not as the findings come", format)
	}
	return &Stream{w: w, opt: opt}, nil
}

// Write writes the findings of f, which come after those already written.
// f.Files must be the run's files, the same at every call.
func (s *Stream) Write(f *lint.Findings) error {
	if s.ix == nil {
		s.ix = newIndex(f.Files)
	}
	return writeTextIn(&s.pb, s.w, f, s.ix, s.opt)
}
