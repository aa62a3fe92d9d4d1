package benchgen

import (
	"errors"
	"fmt"
	"os"
	"strconv"
	"sync"
)

// Output file names inside -out.
const (
	notesFile   = "notes.md"
	bibFile     = "notes.bib"
	bibOnlyFile = "refs.bib"
)

// Generate writes the files for cfg into dir (created if needed) and
// returns the manifest it also writes there as MANIFEST.json.
func Generate(cfg Config, dir string) (*Manifest, error) {
	if cfg.Papers < 0 || cfg.BibOnly < 0 || cfg.BibEntries < 0 {
		return nil, errors.New("counts must not be negative")
	}
	if cfg.BibRatio < 0 || cfg.BibRatio > 1 {
		return nil, fmt.Errorf("bib ratio %v is outside [0, 1]", cfg.BibRatio)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	p := newPlan(cfg)
	m := &Manifest{
		Generator: "papers bench/gen",
		Seed:      cfg.Seed,
		Defects:   cfg.Defects,
		BibRatio:  cfg.BibRatio,
	}
	if cfg.BibOnly > 0 {
		m.BibRatio = 1
		m.DistinctPapers = len(p.papers)
		fi, err := writeFile(dir, bibOnlyFile, func(s *sink) error { return writeBib(p, s, &m.Bib) })
		if err != nil {
			return nil, err
		}
		m.Files = []FileInfo{fi}
	} else {
		// The two files draw from their own random streams and write
		// disjoint parts of the manifest: write them side by side.
		var (
			wg       sync.WaitGroup
			fi, bi   FileInfo
			ferr, be error
		)
		wg.Go(func() {
			fi, ferr = writeFile(dir, notesFile, func(s *sink) error { return writeNotes(p, s, m) })
		})
		wg.Go(func() {
			bi, be = writeFile(dir, bibFile, func(s *sink) error { return writeBib(p, s, &m.Bib) })
		})
		wg.Wait()
		if err := errors.Join(ferr, be); err != nil {
			return nil, err
		}
		m.Files = []FileInfo{fi, bi}
	}
	for _, f := range m.Files {
		m.Bytes += f.Bytes
	}
	if m.Papers > 0 {
		// Only notes.md counts: the target of ~780 bytes a paper is
		// about the notes file.
		m.BytesPerPaper = float64(m.Files[0].Bytes) / float64(m.Papers)
	}
	return m, writeManifest(dir, m)
}

func writeFile(dir, name string, body func(*sink) error) (FileInfo, error) {
	s, err := newSink(dir, name)
	if err != nil {
		return FileInfo{}, err
	}
	if err := body(s); err != nil {
		s.abort()
		return FileInfo{}, err
	}
	return s.close()
}

// writeNotes writes notes.md and counts what it planted.
func writeNotes(p *plan, s *sink, m *Manifest) error {
	ng := &noteGen{r: newRand(p.cfg.Seed, streamNotes)}
	d := &m.NotesDefects
	note := 0
	var line []byte
	s.str("# 论文笔记\n")
	for _, sec := range p.sections {
		s.str("\n## ")
		s.str(sec.title)
		s.str("\n")
		m.Sections++
		for i := sec.start; i < sec.end; i++ {
			pp := &p.papers[i]
			line = appendHeading(line[:0], pp)
			s.put(line)
			m.Papers++
			if pp.repeat == rkNone {
				m.DistinctPapers++
			}
			countHeading(d, pp)
			if pp.noNotes {
				d.NoNotes++
				continue
			}
			for range notesPerPaper {
				flags := p.noteFlags[note]
				note++
				res := ng.make(pp.field, pp.method, flags&1 != 0, flags&2 != 0, flags&4 != 0)
				s.str("- ")
				s.put(res.text)
				s.str("\n")
				m.Notes++
				if res.asciiPunct > 0 {
					d.ASCIIPunctNotes++
					d.ASCIIPunct += res.asciiPunct
					d.ASCIIPunctParens += res.asciiParens
				}
				if res.cjkSpacings > 0 {
					d.CJKSpacingNotes++
					d.CJKSpacing += res.cjkSpacings
				}
			}
		}
	}
	return s.Flush()
}

// appendHeading appends the "### Title(ABBR)[VENUE'YY][Org]" line of pp,
// preceded by the blank line that separates entries.
func appendHeading(b []byte, pp *paper) []byte {
	b = append(b, "\n### "...)
	b = append(b, pp.title...)
	if pp.abbr != "" {
		b = append(b, '(')
		b = append(b, pp.abbr...)
		b = append(b, ')')
	}
	if pp.venueDefect == vdSpaceBeforeTag {
		b = append(b, ' ')
	}
	b = append(b, '[')
	tag := pp.venue.tagFor(pp.year)
	yy := fmt.Sprintf("%02d", pp.year%100)
	switch pp.venueDefect {
	case vdAlias, vdCase:
		b = append(b, pp.venueText...)
		b = append(b, '\'')
		b = append(b, yy...)
	case vdSpaceAfterApostrophe:
		b = append(b, tag...)
		b = append(b, "' "...)
		b = append(b, yy...)
	case vdNoApostrophe:
		b = append(b, tag...)
		b = append(b, yy...)
	case vdCurlyApostrophe:
		b = append(b, tag...)
		b = append(b, "’"...)
		b = append(b, yy...)
	case vdFullYear:
		b = append(b, tag...)
		b = append(b, ' ')
		b = strconv.AppendInt(b, int64(pp.year), 10)
	default:
		b = append(b, tag...)
		b = append(b, '\'')
		b = append(b, yy...)
	}
	b = append(b, ']')
	switch pp.orgDefect {
	case odMissing:
	case odCase:
		b = append(b, '[')
		b = append(b, pp.orgText...)
		b = append(b, ']')
	default:
		b = append(b, '[')
		b = append(b, pp.org...)
		b = append(b, ']')
	}
	return append(b, '\n')
}

func countHeading(d *NotesDefects, pp *paper) {
	switch pp.venueDefect {
	case vdAlias:
		d.VenueAlias++
	case vdCase:
		d.VenueCase++
	case vdSpaceAfterApostrophe:
		d.VenueSpaceAfterApostro++
	case vdNoApostrophe:
		d.VenueNoApostrophe++
	case vdCurlyApostrophe:
		d.VenueCurlyApostrophe++
	case vdFullYear:
		d.VenueFullYear++
	case vdSpaceBeforeTag:
		d.SpaceBeforeTag++
	}
	switch pp.orgDefect {
	case odCase:
		d.OrgCase++
	case odMissing:
		d.OrgMissing++
	}
	switch pp.repeat {
	case rkExact:
		d.RepeatExact++
	case rkRetagged:
		d.RepeatRetagged++
	case rkTypo:
		d.RepeatTypo++
	}
}
