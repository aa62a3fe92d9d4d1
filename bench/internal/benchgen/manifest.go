package benchgen

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"hash"
	"io"
	"os"
	"path/filepath"
)

// Manifest is written to MANIFEST.json next to the generated files. It
// records how the files were made and exactly how many of each planted
// defect they hold, so that tests and benchmark reports can check that the
// rules find them all.
type Manifest struct {
	Generator string  `json:"generator"`
	Seed      uint64  `json:"seed"`
	Defects   bool    `json:"defects"`
	BibRatio  float64 `json:"bib_ratio"`
	// Papers counts the paper entries (### headings) in notes.md, repeats
	// included; DistinctPapers leaves the repeats out.
	Papers         int          `json:"papers"`
	DistinctPapers int          `json:"distinct_papers"`
	Sections       int          `json:"sections"`
	Notes          int          `json:"notes"` // bullet notes
	Bytes          int64        `json:"bytes"` // all generated files but this one
	BytesPerPaper  float64      `json:"bytes_per_paper"`
	Files          []FileInfo   `json:"files"`
	NotesDefects   NotesDefects `json:"notes_defects"`
	Bib            BibCounts    `json:"bib"`
}

// FileInfo describes one generated file.
type FileInfo struct {
	Name   string `json:"name"`
	Bytes  int64  `json:"bytes"`
	Lines  int    `json:"lines"`
	SHA256 string `json:"sha256"`
}

// NotesDefects counts what is planted in notes.md. Every field counts
// paper entries, except the note and occurrence counts at the end.
type NotesDefects struct {
	VenueAlias             int `json:"venue_alias"`                  // [NIPS'22], [ISP'19], [CoRR'20]
	VenueCase              int `json:"venue_case"`                   // [arxiv'20], [cvpr'21]
	VenueSpaceAfterApostro int `json:"venue_space_after_apostrophe"` // [ICML' 18]
	VenueNoApostrophe      int `json:"venue_no_apostrophe"`          // [NSDI22]
	VenueCurlyApostrophe   int `json:"venue_curly_apostrophe"`       // [ICCV’23]
	VenueFullYear          int `json:"venue_full_year"`              // [NeurIPS 2022]
	SpaceBeforeTag         int `json:"space_before_tag"`             // Title [ECCV'22][Org]
	OrgCase                int `json:"org_case"`                     // [google]
	OrgMissing             int `json:"org_missing"`                  // no organisation tag
	RepeatExact            int `json:"repeat_exact"`                 // same heading again, in another section
	RepeatRetagged         int `json:"repeat_retagged"`              // [arXiv'22] earlier, [CVPR'23] here
	RepeatTypo             int `json:"repeat_typo"`                  // title again with a one-letter typo
	NoNotes                int `json:"no_notes"`                     // heading with no bullet under it
	// Notes with ASCII , : ( ) right after a Chinese character, and how
	// many such marks there are.
	ASCIIPunctNotes int `json:"ascii_punct_notes"`
	ASCIIPunct      int `json:"ascii_punct"`
	// The part of ASCIIPunct that is ( or ). A checker may see
	// "附录(第 3 节）" as a spacing or bracket-pairing problem instead.
	ASCIIPunctParens int `json:"ascii_punct_parens"`
	// Notes with a missing space between a Chinese character and a Latin
	// letter or digit, and how many such places there are.
	CJKSpacingNotes int `json:"cjk_spacing_notes"`
	CJKSpacing      int `json:"cjk_spacing"`
}

// BibCounts describes the .bib file.
type BibCounts struct {
	File string `json:"file"`
	// Entries counts every @entry written, duplicates included.
	Entries int `json:"entries"`
	// Missing counts distinct papers of notes.md without an entry.
	Missing int `json:"missing"`
	// NotInNotes counts the entries for papers that are not in notes.md
	// (Config.BibEntries).
	NotInNotes int        `json:"not_in_notes,omitempty"`
	Defects    BibDefects `json:"defects"`
}

// BibDefects counts the planted .bib defects, one per affected entry.
type BibDefects struct {
	YearMismatch     int `json:"year_mismatch"`       // year differs from the notes' tag
	PagesHyphen      int `json:"pages_single_hyphen"` // pages = {1-2}
	MissingField     int `json:"missing_field"`       // author, year or booktitle/journal left out
	DuplicateKeyCase int `json:"duplicate_key_case"`  // a second entry whose key differs only in case
}

// sink writes one output file through a buffer, counting bytes and lines
// and hashing as it goes.
type sink struct {
	*bufio.Writer
	f     *os.File
	h     hash.Hash
	n     int64
	lines int
	name  string
}

func newSink(dir, name string) (*sink, error) {
	f, err := os.Create(filepath.Join(dir, name))
	if err != nil {
		return nil, err
	}
	s := &sink{f: f, h: sha256.New(), name: name}
	s.Writer = bufio.NewWriterSize(io.MultiWriter(f, s.h, (*lineCounter)(s)), 1<<20)
	return s, nil
}

// str and put write to the buffer. They drop the error on purpose: a
// bufio.Writer keeps its first error and returns it from Flush, which
// every writer of a file calls and checks.
func (s *sink) str(v string) { _, _ = s.WriteString(v) }
func (s *sink) put(b []byte) { _, _ = s.Write(b) }

// lineCounter counts bytes and newlines of what passes through.
type lineCounter sink

func (c *lineCounter) Write(b []byte) (int, error) {
	c.n += int64(len(b))
	c.lines += bytes.Count(b, []byte{'\n'})
	return len(b), nil
}

// close flushes and closes the file and returns its description.
func (s *sink) close() (FileInfo, error) {
	err := s.Flush()
	if cerr := s.f.Close(); err == nil {
		err = cerr
	}
	return FileInfo{Name: s.name, Bytes: s.n, Lines: s.lines, SHA256: hex.EncodeToString(s.h.Sum(nil))}, err
}

// abort closes the file after an error; the first error is what matters.
func (s *sink) abort() { _ = s.f.Close() }

func writeManifest(dir string, m *Manifest) error {
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, "MANIFEST.json"), append(b, '\n'), 0o644)
}
