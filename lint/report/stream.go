package report

import (
	"fmt"
	"io"

	"github.com/paperlint/papers/lint"
)

// Streams reports whether findings in format can be written as a run
// hands them over, file by file (Stream): text, one line per finding,
// the documents that hold one array of findings whose other parts do not
// depend on them (JSON, rdjson), and Checkstyle, an element per file.
// SARIF lists the rules the findings use and the run's exit code, and the
// github format picks the findings GitHub shows among all of them: they
// are written whole.
func Streams(format string) bool {
	switch format {
	case "text", "", "json", "rdjson", "checkstyle":
		return true
	}
	return false
}

// Stream writes a run's findings as they are handed over in order (one
// file's at a time, lint.Runner.RunStream): Write for each part, then
// Close, write the bytes WriteFindings writes for all of them at once.
type Stream struct {
	w      io.Writer
	format string
	opt    Options
	ix     *index
	pb     partBuffers
	array  *arraySplice // the document around the findings: JSON, rdjson
	cs     checkstyleStream
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
// f.Files must be the run's files, the same at every call; in Checkstyle
// a file's findings must all come in one call.
func (s *Stream) Write(f *lint.Findings) error {
	if s.ix == nil {
		s.ix = newIndex(f.Files)
	}
	switch s.format {
	case "text", "":
		return writeTextIn(&s.pb, s.w, f, s.ix, s.opt)
	case "checkstyle":
		return s.cs.write(s.w, f, s.ix)
	}
	if err := s.document(); err != nil {
		return err
	}
	return s.array.write(s.w, &s.pb, f, s.opt.jobs())
}

// Close writes what follows the last finding (the end of a document).
func (s *Stream) Close() error {
	switch s.format {
	case "text", "":
		return nil
	case "checkstyle":
		return s.cs.close(s.w)
	}
	if s.ix == nil {
		s.ix = newIndex(nil) // no finding was handed over
	}
	if err := s.document(); err != nil {
		return err
	}
	return s.array.close(s.w)
}

// document makes the document the findings are spliced into, once.
func (s *Stream) document() error {
	if s.array != nil {
		return nil
	}
	if s.format == "json" {
		s.array = jsonSplice(s.ix)
		return nil
	}
	var err error
	s.array, err = rdjsonSplice(s.ix, s.opt)
	return err
}
