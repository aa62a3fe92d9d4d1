package benchgen

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

// The tests re-read the generated files with plain string scanning, never
// with the generator's own bookkeeping, and check what they find against
// MANIFEST.json.

func generate(t testing.TB, cfg Config) (string, *Manifest) {
	t.Helper()
	dir := t.TempDir()
	m, err := Generate(cfg, dir)
	if err != nil {
		t.Fatal(err)
	}
	// The manifest on disk is the one benchmarks read: use that.
	b, err := os.ReadFile(filepath.Join(dir, "MANIFEST.json"))
	if err != nil {
		t.Fatal(err)
	}
	var disk Manifest
	if err := json.Unmarshal(b, &disk); err != nil {
		t.Fatal(err)
	}
	if disk.Papers != m.Papers || disk.NotesDefects != m.NotesDefects || disk.Bib != m.Bib {
		t.Fatalf("MANIFEST.json differs from the returned manifest")
	}
	return dir, &disk
}

func read(t testing.TB, dir, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

var defaultCfg = Config{Papers: 1000, Seed: 1, BibRatio: 0.8, Defects: true}

func TestDeterministic(t *testing.T) {
	t.Parallel()
	files := []string{notesFile, bibFile, "MANIFEST.json"}
	a, _ := generate(t, defaultCfg)
	b, _ := generate(t, defaultCfg)
	for _, f := range files {
		if read(t, a, f) != read(t, b, f) {
			t.Errorf("%s: two runs with the same flags differ", f)
		}
	}
	other := defaultCfg
	other.Seed = 2
	c, _ := generate(t, other)
	for _, f := range files {
		if read(t, a, f) == read(t, c, f) {
			t.Errorf("%s: seeds 1 and 2 give the same file", f)
		}
	}
}

func TestManifestMatchesFiles(t *testing.T) {
	for _, cfg := range []Config{
		defaultCfg,
		{Papers: 1500, Seed: 42, BibRatio: 0.8, Defects: true},
		{Papers: 600, Seed: 3, BibRatio: 0.5, Defects: true},
		{Papers: 30, Seed: 5, BibRatio: 0.8, Defects: true}, // a single section
		{Papers: 500, Seed: 1, BibRatio: 1, Defects: false},
	} {
		t.Run("seed"+strconv.FormatUint(cfg.Seed, 10)+"-n"+strconv.Itoa(cfg.Papers), func(t *testing.T) {
			t.Parallel()
			dir, m := generate(t, cfg)
			notes := scanNotes(t, read(t, dir, notesFile))
			if notes.papers != m.Papers || notes.papers != cfg.Papers {
				t.Errorf("papers: file %d, manifest %d, asked %d", notes.papers, m.Papers, cfg.Papers)
			}
			if notes.sections != m.Sections || notes.notes != m.Notes {
				t.Errorf("sections/notes: file %d/%d, manifest %d/%d", notes.sections, notes.notes, m.Sections, m.Notes)
			}
			if got := notes.papers - notes.defects.RepeatExact - notes.defects.RepeatRetagged - notes.defects.RepeatTypo; got != m.DistinctPapers {
				t.Errorf("distinct papers: file %d, manifest %d", got, m.DistinctPapers)
			}
			if notes.defects != m.NotesDefects {
				t.Errorf("notes defects:\nfile     %+v\nmanifest %+v", notes.defects, m.NotesDefects)
			}
			bib := scanBib(t, read(t, dir, bibFile), notes.years)
			if bib.entries != m.Bib.Entries || bib.missing != m.Bib.Missing {
				t.Errorf("bib entries/missing: file %d/%d, manifest %d/%d", bib.entries, bib.missing, m.Bib.Entries, m.Bib.Missing)
			}
			if bib.defects != m.Bib.Defects {
				t.Errorf("bib defects:\nfile     %+v\nmanifest %+v", bib.defects, m.Bib.Defects)
			}
			wantEntries := int(float64(m.DistinctPapers)*cfg.BibRatio+0.5) + m.Bib.Defects.DuplicateKeyCase
			if d := bib.entries - wantEntries; d < -2*m.NotesDefects.RepeatRetagged || d > 0 {
				// Re-tagged sources never get an entry, so the ratio
				// may fall short by at most those.
				t.Errorf("bib entries %d, want about %d for ratio %v", bib.entries, wantEntries, cfg.BibRatio)
			}
			if !cfg.Defects && (m.NotesDefects != NotesDefects{} || m.Bib.Defects != BibDefects{} || m.Bib.Missing != 0) {
				t.Errorf("clean run has defects: %+v %+v", m.NotesDefects, m.Bib)
			}
		})
	}
}

// TestDefectMix checks the shares the brief asks for on a large run.
func TestDefectMix(t *testing.T) {
	t.Parallel()
	// Counts are exact (the rate times the population, rounded), so a
	// few thousand papers are enough for the shares to show.
	_, m := generate(t, Config{Papers: 4000, Seed: 9, BibRatio: 0.8, Defects: true})
	d := m.NotesDefects
	n := float64(m.Papers)
	for _, c := range []struct {
		name      string
		got, want float64
	}{
		{"alias or case", float64(d.VenueAlias + d.VenueCase), 0.03 * n},
		{"venue format", float64(d.VenueSpaceAfterApostro + d.VenueNoApostrophe + d.VenueCurlyApostrophe + d.VenueFullYear + d.SpaceBeforeTag), 0.02 * n},
		{"org case", float64(d.OrgCase), 0.02 * n},
		{"org missing", float64(d.OrgMissing), 0.01 * n},
		{"repeats", float64(d.RepeatExact + d.RepeatRetagged + d.RepeatTypo), 0.01 * n},
		{"no notes", float64(d.NoNotes), 0.03 * n},
		{"ascii punct notes", float64(d.ASCIIPunctNotes), 0.15 * float64(m.Notes)},
		{"spacing notes", float64(d.CJKSpacingNotes), 0.15 * float64(m.Notes)},
		{"bib year", float64(m.Bib.Defects.YearMismatch), 0.02 * float64(m.Bib.Entries)},
		{"bib other", float64(m.Bib.Defects.PagesHyphen + m.Bib.Defects.MissingField + m.Bib.Defects.DuplicateKeyCase), 0.01 * float64(m.Bib.Entries)},
	} {
		if c.got < 0.95*c.want || c.got > 1.05*c.want {
			t.Errorf("%s: %v, want about %v", c.name, c.got, c.want)
		}
	}
	for name, v := range map[string]int{"exact": d.RepeatExact, "retagged": d.RepeatRetagged, "typo": d.RepeatTypo,
		"pages": m.Bib.Defects.PagesHyphen, "field": m.Bib.Defects.MissingField, "key": m.Bib.Defects.DuplicateKeyCase} {
		if v == 0 {
			t.Errorf("no %s defect planted", name)
		}
	}
}

func TestSizePerPaper(t *testing.T) {
	t.Parallel()
	for _, seed := range []uint64{1, 2} {
		cfg := defaultCfg
		cfg.Seed = seed
		dir, m := generate(t, cfg)
		fi, err := os.Stat(filepath.Join(dir, notesFile))
		if err != nil {
			t.Fatal(err)
		}
		if fi.Size() != m.Files[0].Bytes {
			t.Errorf("notes.md is %d bytes, manifest says %d", fi.Size(), m.Files[0].Bytes)
		}
		if per := float64(fi.Size()) / float64(cfg.Papers); per < 700 || per > 900 {
			t.Errorf("seed %d: %.0f bytes per paper, want 700-900", seed, per)
		}
	}
}

func TestValidUTF8(t *testing.T) {
	t.Parallel()
	dir, _ := generate(t, defaultCfg)
	for _, f := range []string{notesFile, bibFile} {
		for i, line := range strings.Split(read(t, dir, f), "\n") {
			if !utf8.ValidString(line) {
				t.Errorf("%s:%d: invalid UTF-8", f, i+1)
			}
			if strings.ContainsRune(line, gap) {
				t.Errorf("%s:%d: a gap mark leaked into the output", f, i+1)
			}
		}
	}
}

func TestBibOnly(t *testing.T) {
	t.Parallel()
	dir, m := generate(t, Config{Papers: 1000, Seed: 4, Defects: true, BibOnly: 2000})
	if _, err := os.Stat(filepath.Join(dir, notesFile)); !os.IsNotExist(err) {
		t.Errorf("-bib-only wrote notes.md")
	}
	bib := scanBib(t, read(t, dir, bibOnlyFile), nil)
	if want := 2000 + m.Bib.Defects.DuplicateKeyCase; bib.entries != want || m.Bib.Entries != want {
		t.Errorf("entries: file %d, manifest %d, want %d", bib.entries, m.Bib.Entries, want)
	}
	// Without notes the year check has nothing to compare with.
	bib.defects.YearMismatch = m.Bib.Defects.YearMismatch
	if bib.defects != m.Bib.Defects {
		t.Errorf("bib defects:\nfile     %+v\nmanifest %+v", bib.defects, m.Bib.Defects)
	}
}

// TestBibEntries checks the padding of notes.bib to a given size: the
// notes and the entries of their papers are those of the same seed without
// padding, and the .bib has exactly the entries asked for.
func TestBibEntries(t *testing.T) {
	t.Parallel()
	_, plain := generate(t, Config{Papers: 1000, Seed: 6, BibRatio: 0.8, Defects: true})
	dir, m := generate(t, Config{Papers: 1000, Seed: 6, BibRatio: 0.8, Defects: true, BibEntries: 1000})
	if m.Files[0].SHA256 != plain.Files[0].SHA256 {
		t.Errorf("padding the .bib changed notes.md")
	}
	bib := scanBib(t, read(t, dir, bibFile), nil)
	if bib.entries != 1000 || m.Bib.Entries != 1000 {
		t.Errorf("entries: file %d, manifest %d, want 1000", bib.entries, m.Bib.Entries)
	}
	if want := 1000 - plain.Bib.Entries; m.Bib.NotInNotes != want || want <= 0 {
		t.Errorf("entries not in the notes: %d, want %d", m.Bib.NotInNotes, want)
	}
	if m.Bib.Defects != plain.Bib.Defects || m.Bib.Missing != plain.Bib.Missing {
		t.Errorf("padding changed the planted defects: %+v vs %+v", m.Bib, plain.Bib)
	}
}

func TestTypo(t *testing.T) {
	r := newRand(7, streamPlan)
	for range 2000 {
		title, _, _ := makeTitle(r, field(r.IntN(int(numFields))))
		ty := typo(r, title)
		if ty == "" {
			continue
		}
		if ty == title || !oneEdit(title, ty) {
			t.Errorf("typo(%q) = %q: not one letter away", title, ty)
		}
	}
}

func TestBibTitle(t *testing.T) {
	for in, want := range map[string]string{
		"FlashDet: Efficient 3D Object Detection":          "{FlashDet}: Efficient {3D} Object Detection",
		"Zero-Shot Self-Supervised LLM Serving":            "Zero-Shot Self-Supervised {LLM} Serving",
		"On the Limits of Mixture-of-Experts in ViT-Based": "On the Limits of Mixture-of-Experts in {ViT-Based}",
	} {
		if got := bibTitle(in); got != want {
			t.Errorf("bibTitle(%q) = %q, want %q", in, got, want)
		}
	}
}

// ---- notes.md scanner ----

type notesScan struct {
	papers, sections, notes int
	defects                 NotesDefects
	// years maps a normalised title to the year its first entry names.
	years map[string]int
}

var (
	reCurly     = regexp.MustCompile(`^(.+)’(\d\d)$`)
	reSpaceYear = regexp.MustCompile(`^(.+)' (\d\d)$`)
	reFullYear  = regexp.MustCompile(`^(.+) (\d{4})$`)
	reTag       = regexp.MustCompile(`^(.+)'(\d\d)$`)
	reNoApos    = regexp.MustCompile(`^(.*[^\d ])(\d\d)$`)
)

type heading struct {
	title, tags, venue string
	year               int
	section            int
}

func scanNotes(t *testing.T, s string) notesScan {
	t.Helper()
	res := notesScan{years: map[string]int{}}
	d := &res.defects
	canon := map[string]bool{}
	for _, v := range venues {
		canon[v.tag] = true
	}
	canon["NIPS"] = true
	orgSet := map[string]bool{}
	for _, o := range orgs {
		orgSet[o] = true
	}
	var seen []heading
	byTitle := map[string]int{} // normalised title -> index in seen
	bySub := map[string]int{}   // normalised title or subtitle -> index in seen
	bullets := -1               // bullets under the current heading; -1 before the first
	endPaper := func() {
		if bullets == 0 {
			d.NoNotes++
		}
	}
	lines := strings.Split(s, "\n")
	if lines[0] != "# 论文笔记" {
		t.Errorf("first line %q", lines[0])
	}
	for n, line := range lines {
		where := "notes.md:" + strconv.Itoa(n+1)
		switch {
		case strings.HasPrefix(line, "## "):
			endPaper()
			bullets = -1
			res.sections++
			if strings.ContainsAny(line, ",:()") {
				t.Errorf("%s: ASCII punctuation in a section title: %q", where, line)
			}
		case strings.HasPrefix(line, "### "):
			endPaper()
			bullets = 0
			res.papers++
			h := parseHeading(t, where, line[4:], canon, orgSet, d)
			h.section = res.sections
			key, sub := normTitle(h.title)
			if i, ok := byTitle[key]; ok {
				prev := seen[i]
				switch {
				case prev.tags == h.tags:
					d.RepeatExact++
					if res.sections > 1 && prev.section == h.section {
						t.Errorf("%s: exact repeat in the same section", where)
					}
				case strings.HasPrefix(prev.tags, "[arXiv'") && prev.year+1 == h.year:
					d.RepeatRetagged++
				default:
					t.Errorf("%s: repeated title %q with tags %s and %s", where, h.title, prev.tags, h.tags)
				}
			} else {
				typo := false
				for _, p := range seen {
					if oneEdit(p.title, h.title) {
						typo = true
						d.RepeatTypo++
						if p.tags != h.tags {
							t.Errorf("%s: typo repeat with other tags", where)
						}
						break
					}
				}
				// Titles that differ only in a leading "Name:" look
				// like one paper to a duplicate rule: none may appear
				// unplanted.
				for _, k := range []string{key, sub} {
					if i, ok := bySub[k]; k != "" && ok {
						t.Errorf("%s: %q repeats the subtitle of %q", where, h.title, seen[i].title)
					}
				}
				byTitle[key] = len(seen)
				bySub[key] = len(seen)
				if sub != "" {
					bySub[sub] = len(seen)
				}
				if !typo {
					// A typo repeat is the same paper: it has no
					// entry of its own.
					res.years[key] = h.year
				}
			}
			seen = append(seen, h)
		case strings.HasPrefix(line, "- "):
			if bullets < 0 {
				t.Fatalf("%s: note outside a paper", where)
			}
			bullets++
			res.notes++
			scanNote(t, where, line[2:], d)
		case line == "" || n == 0:
		default:
			t.Errorf("%s: unexpected line %q", where, line)
		}
	}
	endPaper()
	return res
}

// parseHeading splits "Title(ABBR)[VENUE'YY][Org]" and counts what is
// wrong with its tags.
func parseHeading(t *testing.T, where, s string, canon, orgSet map[string]bool, d *NotesDefects) heading {
	i := strings.IndexByte(s, '[')
	if i < 0 || !strings.HasSuffix(s, "]") {
		t.Fatalf("%s: no tags in %q", where, s)
	}
	title, tags := s[:i], s[i:]
	if strings.HasSuffix(title, " ") {
		d.SpaceBeforeTag++
		title = strings.TrimSuffix(title, " ")
	}
	if strings.HasSuffix(title, ")") {
		j := strings.LastIndexByte(title, '(')
		if j <= 0 || strings.ContainsAny(title[j+1:len(title)-1], " ()") {
			t.Errorf("%s: bad abbreviation in %q", where, title)
		}
		title = title[:j]
	}
	if n := len(strings.Fields(title)); n < 4 || n > 14 {
		t.Errorf("%s: title of %d words: %q", where, n, title)
	}
	parts := strings.Split(strings.TrimSuffix(strings.TrimPrefix(tags, "["), "]"), "][")
	if len(parts) > 2 {
		t.Fatalf("%s: tags %q", where, tags)
	}
	venue := parts[0]
	h := heading{title: title, tags: tags}
	year := func(yy string) int { n, _ := strconv.Atoi(yy); return 2000 + n }
	switch m := []([]string){reCurly.FindStringSubmatch(venue), reSpaceYear.FindStringSubmatch(venue),
		reFullYear.FindStringSubmatch(venue), reTag.FindStringSubmatch(venue), reNoApos.FindStringSubmatch(venue)}; {
	case m[0] != nil:
		d.VenueCurlyApostrophe++
		h.venue, h.year = m[0][1], year(m[0][2])
	case m[1] != nil:
		d.VenueSpaceAfterApostro++
		h.venue, h.year = m[1][1], year(m[1][2])
	case m[2] != nil:
		d.VenueFullYear++
		h.venue, h.year = m[2][1], atoi(m[2][2])
	case m[3] != nil:
		h.venue, h.year = m[3][1], year(m[3][2])
		want := h.venue
		if v := venueByTag(h.venue); v != nil {
			want = v.tagFor(h.year)
		}
		switch {
		case canon[h.venue] && h.venue == want:
			checkHeld(t, where, h.venue, h.year)
		case canon[h.venue]: // NIPS from 2018 on
			d.VenueAlias++
		case isCaseVariant(h.venue, canon):
			d.VenueCase++
		default:
			d.VenueAlias++
		}
	case m[4] != nil:
		d.VenueNoApostrophe++
		h.venue, h.year = m[4][1], year(m[4][2])
	default:
		t.Errorf("%s: venue tag %q", where, venue)
	}
	if h.year < firstYear || h.year > lastYear {
		t.Errorf("%s: year %d", where, h.year)
	}
	if len(parts) == 1 {
		d.OrgMissing++
	} else if org := parts[1]; !orgSet[org] {
		if isCaseVariant(org, orgSet) {
			d.OrgCase++
		} else {
			t.Errorf("%s: unknown organisation %q", where, org)
		}
	}
	return h
}

var reWord = regexp.MustCompile(`[a-z]+|[0-9]+`)

// normTitle returns the key of a title as a duplicate check sees it (case,
// punctuation and hyphens aside) and the key of its subtitle when it starts
// with a one-word name and a colon.
func normTitle(s string) (key, sub string) {
	norm := func(s string) string { return strings.Join(reWord.FindAllString(strings.ToLower(s), -1), " ") }
	if name, rest, ok := strings.Cut(s, ": "); ok && !strings.Contains(name, " ") {
		sub = norm(rest)
	}
	return norm(s), sub
}

func isCaseVariant(s string, set map[string]bool) bool {
	for c := range set {
		if c != s && strings.EqualFold(c, s) {
			return true
		}
	}
	return false
}

// checkHeld checks the calendar of a clean tag, with rules written out
// here rather than taken from the generator's table.
func checkHeld(t *testing.T, where, venue string, y int) {
	bad := false
	switch venue {
	case "ECCV", "COLING":
		bad = y%2 != 0
	case "ICCV":
		bad = y%2 != 1
	case "NIPS":
		bad = y > 2017
	case "NeurIPS":
		bad = y < 2018
	case "OSDI":
		bad = y <= 2020 && y%2 != 0
	case "SOSP":
		bad = y <= 2023 && y%2 != 1
	case "ICLR":
		bad = y < 2013
	case "TMLR":
		bad = y < 2022
	case "MLSys":
		bad = y < 2020
	case "NAACL":
		bad = y == 2014 || y == 2017 || y == 2020 || y == 2023
	}
	if bad {
		t.Errorf("%s: %s was not held in %d", where, venue, y)
	}
}

// scanNote checks one note's length and counts its punctuation and
// spacing defects.
func scanNote(t *testing.T, where, s string, d *NotesDefects) {
	if n := utf8.RuneCountInString(s); n < noteMin || n > noteMax {
		t.Errorf("%s: note of %d characters", where, n)
	}
	punct, parens, spacing := 0, 0, 0
	var prev rune
	for _, c := range s {
		if isHan(prev) && strings.ContainsRune(",:()", c) {
			punct++
			if c == '(' || c == ')' {
				parens++
			}
		}
		if isHan(prev) && isLatin(c) || isLatin(prev) && isHan(c) {
			spacing++
		}
		prev = c
	}
	if punct > 0 {
		d.ASCIIPunctNotes++
		d.ASCIIPunct += punct
		d.ASCIIPunctParens += parens
	}
	if spacing > 0 {
		d.CJKSpacingNotes++
		d.CJKSpacing += spacing
	}
}

// oneEdit reports whether a and b differ by exactly one replaced, deleted
// or inserted byte.
func oneEdit(a, b string) bool {
	if len(a) > len(b) {
		a, b = b, a
	}
	if len(b)-len(a) > 1 || a == b {
		return false
	}
	i := 0
	for i < len(a) && a[i] == b[i] {
		i++
	}
	if len(a) == len(b) {
		return a[i+1:] == b[i+1:]
	}
	return a[i:] == b[i+1:]
}

func atoi(s string) int { n, _ := strconv.Atoi(s); return n }

// ---- .bib scanner ----

type bibScan struct {
	entries, missing int
	defects          BibDefects
}

var reBibYear = regexp.MustCompile(`^\d{4}$`)

// scanBib reads the entries of a .bib file with a small brace-counting
// scanner, checks that every entry's braces balance, and counts defects.
// years (may be nil) holds the notes' year per normalised title.
func scanBib(t *testing.T, s string, years map[string]int) bibScan {
	t.Helper()
	var res bibScan
	keys := map[string]string{} // lower-cased key -> key
	matched := map[string]bool{}
	chunks := strings.Split(s, "\n@")
	if !strings.HasPrefix(chunks[0], "%") {
		t.Errorf("the file does not start with a comment: %.40q", chunks[0])
	}
	for _, c := range chunks[1:] {
		res.entries++
		typ, fields, key := parseEntry(t, c)
		if k, ok := keys[strings.ToLower(key)]; ok {
			if k == key {
				t.Errorf("key %s appears twice with the same case", key)
			}
			res.defects.DuplicateKeyCase++
			continue // the copy repeats its original's defects
		}
		keys[strings.ToLower(key)] = key
		if !strings.HasPrefix(key, "DBLP:") {
			t.Errorf("key %q", key)
		}
		if p, ok := fields["pages"]; ok && !strings.Contains(p, "--") {
			if strings.Count(p, "-") == 1 {
				res.defects.PagesHyphen++
			} else {
				t.Errorf("%s: pages %q", key, p)
			}
		}
		required := []string{"author", "title", "year"}
		switch typ {
		case "inproceedings":
			required = append(required, "booktitle")
		case "article":
			required = append(required, "journal")
		case "misc":
			required = []string{"author", "title", "year"}
		default:
			t.Errorf("%s: entry type %q", key, typ)
		}
		missing := 0
		for _, f := range required {
			if _, ok := fields[f]; !ok {
				missing++
			}
		}
		if missing > 1 || missing == 1 && typ == "misc" {
			t.Errorf("%s: %d required fields missing", key, missing)
		}
		if missing == 1 {
			res.defects.MissingField++
		}
		title, _ := normTitle(strings.NewReplacer("{", "", "}", "").Replace(fields["title"]))
		if years == nil {
			continue
		}
		y, ok := years[title]
		if !ok {
			t.Errorf("%s: title %q is not in the notes", key, title)
			continue
		}
		if matched[title] {
			t.Errorf("%s: second entry for %q", key, title)
		}
		matched[title] = true
		if by, ok := fields["year"]; ok {
			if !reBibYear.MatchString(by) {
				t.Errorf("%s: year %q", key, by)
			} else if atoi(by) != y {
				res.defects.YearMismatch++
			}
		}
	}
	for title := range years {
		if !matched[title] {
			res.missing++
		}
	}
	return res
}

// parseEntry reads "type{key, name = {value}, ...}" (the text after '@').
func parseEntry(t *testing.T, s string) (typ string, fields map[string]string, key string) {
	t.Helper()
	depth := 0
	for i, c := range s {
		switch c {
		case '{':
			depth++
		case '}':
			depth--
			if depth < 0 {
				t.Fatalf("unbalanced braces at %d in %q", i, s)
			}
		}
	}
	if depth != 0 {
		t.Fatalf("unbalanced braces in %q", s)
	}
	open := strings.IndexByte(s, '{')
	comma := strings.IndexByte(s, ',')
	if open < 0 || comma < open {
		t.Fatalf("no key in %q", s)
	}
	typ, key = s[:open], s[open+1:comma]
	fields = map[string]string{}
	rest := s[comma+1:]
	for {
		rest = strings.TrimLeft(rest, " \n,")
		if strings.HasPrefix(rest, "}") {
			break
		}
		eq := strings.IndexByte(rest, '=')
		if eq < 0 {
			t.Fatalf("%s: no '=' in %q", key, rest)
		}
		name := strings.ToLower(strings.TrimSpace(rest[:eq]))
		rest = strings.TrimLeft(rest[eq+1:], " ")
		if !strings.HasPrefix(rest, "{") {
			t.Fatalf("%s: field %s is not braced", key, name)
		}
		d, end := 0, -1
		for i := 0; i < len(rest) && end < 0; i++ {
			switch rest[i] {
			case '{':
				d++
			case '}':
				if d--; d == 0 {
					end = i
				}
			}
		}
		if _, dup := fields[name]; dup {
			t.Errorf("%s: field %s twice", key, name)
		}
		fields[name] = rest[1:end]
		rest = rest[end+1:]
	}
	return typ, fields, key
}

// BenchmarkGenerate measures generation; run with -benchtime 1x and a
// bigger -papers by hand when checking the 100k-in-2s target.
func BenchmarkGenerate(b *testing.B) {
	dir := b.TempDir()
	for b.Loop() {
		if _, err := Generate(Config{Papers: 10000, Seed: 1, BibRatio: 0.8, Defects: true}, dir); err != nil {
			b.Fatal(err)
		}
	}
}

// TestBanksHaveNoNearWords keeps the word banks free of words one letter
// apart (Meta/Mega): two titles built from them would read as a planted
// typo repeat that MANIFEST.json does not count.
func TestBanksHaveNoNearWords(t *testing.T) {
	var words []string
	for _, p := range methodPrefixes {
		for _, s := range methodSuffixes {
			words = append(words, p+s)
		}
	}
	for _, bank := range [][]string{titleAdjectives, titleTechniques, titleContexts, titleProperties, titleStudies, titleScales} {
		words = append(words, bank...)
	}
	for _, n := range titleNouns {
		words = append(words, n...)
	}
	for i := range words {
		for j := i + 1; j < len(words); j++ {
			if oneEdit(words[i], words[j]) {
				t.Errorf("%q and %q are one letter apart", words[i], words[j])
			}
		}
	}
}
