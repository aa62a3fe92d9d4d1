package report

import (
	"bytes"
	"fmt"
	"io"

	"github.com/paperlint/papers/lint"
)

// Streams reports whether findings in format can be written as a run
// hands them over, file by file (Stream): text, one line per finding, and
// JSON, one array of them. The other documents (SARIF, Checkstyle,
// rdjson) group or count the findings before the first, and the github
// format picks the findings GitHub shows among all of them: they are
// written whole.
func Streams(format string) bool { return format == "text" || format == "" || format == "json" }

// Stream writes a run's findings as they are handed over in order (one
// file's at a time, lint.Runner.RunStream): Write for each part, then
// Close, write the bytes WriteFindings writes for all of them at once.
type Stream struct {
	w      io.Writer
	format string
	opt    Options
	ix     *index
	pb     partBuffers
	n      int // findings written
}

// NewStream returns a Stream of findings in format, which Streams must
// accept.
func NewStream(w io.Writer, format string, opt Options) (*Stream, error) {
	if !Streams(format) {
		return nil, fmt.Errorf("--format %s is written whole, not as the findings come", format)
	}
	return &Stream{w: w, format: format, opt: opt}, nil
}

// Write writes the findings of f, which come after those already written.
// f.Files must be the run's files, the same at every call.
func (s *Stream) Write(f *lint.Findings) error {
	if s.ix == nil {
		s.ix = newIndex(f.Files)
	}
	if s.format != "json" {
		s.n += f.Len()
		return writeTextIn(&s.pb, s.w, f, s.ix, s.opt)
	}
	if f.Len() == 0 {
		return nil
	}
	if s.n == 0 {
		if _, err := io.WriteString(s.w, "[\n"); err != nil {
			return err
		}
	}
	lo := s.n
	s.n += f.Len()
	return s.pb.write(s.w, f, s.opt.jobs(), nil, func(buf *bytes.Buffer, at int, ds []lint.Diagnostic) error {
		return jsonItems(buf, lo+at, ds, "  ", "  ", func(_ int, d *lint.Diagnostic) any { return toJSON(d, s.ix) })
	})
}

// Close writes what follows the last finding (the end of the JSON array).
func (s *Stream) Close() error {
	if s.format != "json" {
		return nil
	}
	end := "\n]\n"
	if s.n == 0 {
		end = "[]\n"
	}
	_, err := io.WriteString(s.w, end)
	return err
}
