package bib

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"
)

// canonicalOrder is the field order Write uses unless WriteOptions asks for
// the original one; fields not listed follow, alphabetically. Never modified.
var canonicalOrder = []string{
	"author", "title", "booktitle", "journal", "year", "volume", "number", "pages", "month",
	"publisher", "editor", "series", "edition", "chapter", "organization", "institution",
	"school", "address", "howpublished", "type", "note", "crossref",
	"doi", "url", "eprint", "archiveprefix", "primaryclass",
}

var canonicalRank = func() map[string]int {
	m := make(map[string]int, len(canonicalOrder))
	for i, n := range canonicalOrder {
		m[n] = i
	}
	return m
}()

// verbatimFields hold URLs, DOIs and file names: WriteOptions.ASCII does not
// escape them, since a LaTeX accent would break the link.
var verbatimFields = map[string]bool{"url": true, "doi": true, "eprint": true, "file": true, "pdf": true}

// CanonicalFieldOrder returns the field order Write uses by default (a copy):
// author, title, booktitle, journal, year, volume, number, pages, month,
// publisher, then other common fields; fields not in the list come after
// them in alphabetical order.
func CanonicalFieldOrder() []string {
	return append([]string(nil), canonicalOrder...)
}

// WriteOptions controls Write.
type WriteOptions struct {
	// OriginalOrder keeps each entry's fields in the order they have
	// instead of the canonical order.
	OriginalOrder bool
	// ASCII writes non-ASCII characters of values as LaTeX escapes (see
	// EscapeLaTeX), except in url, doi, eprint, file and pdf. Characters
	// with no escape are written as they are and reported.
	ASCII bool
	// Indent precedes every field line; "" means two spaces.
	Indent string
}

// NotEscaped reports characters that WriteOptions.ASCII left as they are,
// because they have no LaTeX escape (CJK, Greek) or sit in a key or a
// verbatim field such as url.
type NotEscaped struct {
	Key   string // key of the entry
	Field string // lower-case field name; "" for the key itself
	Chars []rune // each character once, in order of appearance
}

// Write writes entries in the project's format:
//
//	@inproceedings{key,
//	  author    = {...},
//	  title     = {...},
//	  booktitle = {...},
//	  year      = {2018}
//	}
//
// Types and field names are lower-cased; fields are in the canonical order
// (CanonicalFieldOrder) unless opts.OriginalOrder; names are padded so that
// the = signs align; text values are written in braces exactly as they are
// (quoted values become braced, numbers too); macros are written bare and
// # concatenation is kept. Entries are separated by a blank line.
//
// Nothing is written if an entry cannot be written so that it reads back
// the same (an empty key, a key with a space, unbalanced braces in a value, a
// value line that starts with @name{) or was not read completely
// (Entry.Incomplete); the error says which. The returned
// list reports characters left non-ASCII under opts.ASCII.
func Write(w io.Writer, entries []*Entry, opts WriteOptions) ([]NotEscaped, error) {
	var b strings.Builder
	var missing []NotEscaped
	for i, e := range entries {
		if i > 0 {
			b.WriteByte('\n')
		}
		m, err := formatEntry(&b, e, opts)
		if err != nil {
			return nil, err
		}
		missing = append(missing, m...)
	}
	if _, err := io.WriteString(w, b.String()); err != nil {
		return missing, fmt.Errorf("bib: writing entries: %w", err)
	}
	return missing, nil
}

// FormatEntry returns one entry as Write writes it, ending in a newline; use
// it to replace an entry's span in a file.
func FormatEntry(e *Entry, opts WriteOptions) (string, []NotEscaped, error) {
	var b strings.Builder
	m, err := formatEntry(&b, e, opts)
	if err != nil {
		return "", nil, err
	}
	return b.String(), m, nil
}

func formatEntry(b *strings.Builder, e *Entry, opts WriteOptions) ([]NotEscaped, error) {
	if err := checkEntry(e); err != nil {
		return nil, err
	}
	indent := opts.Indent
	if indent == "" {
		indent = "  "
	}
	var missing []NotEscaped
	if opts.ASCII {
		if m := nonASCII(e.Key); len(m) > 0 {
			missing = append(missing, NotEscaped{Key: e.Key, Chars: m})
		}
	}
	fields := orderFields(e.Fields, opts.OriginalOrder)
	width := 0
	for _, f := range fields {
		width = max(width, utf8.RuneCountInString(f.Name))
	}
	b.WriteByte('@')
	b.WriteString(lowerASCII(e.Type))
	b.WriteByte('{')
	b.WriteString(e.Key)
	b.WriteByte(',')
	b.WriteByte('\n')
	for i, f := range fields {
		name := lowerASCII(f.Name)
		b.WriteString(indent)
		b.WriteString(name)
		b.WriteString(strings.Repeat(" ", width-utf8.RuneCountInString(name)))
		b.WriteString(" = ")
		var chars []rune
		if f.NumParts() == 0 {
			b.WriteString("{}")
		}
		for j := range f.NumParts() {
			p := f.Part(j)
			if j > 0 {
				b.WriteString(" # ")
			}
			if p.Kind == PartMacro {
				b.WriteString(p.Text)
				continue
			}
			text := p.Text
			if opts.ASCII {
				var m []rune
				if verbatimFields[name] {
					m = nonASCII(text)
				} else {
					text, m = EscapeLaTeX(text)
				}
				for _, r := range m {
					if !slices.Contains(chars, r) {
						chars = append(chars, r)
					}
				}
			}
			b.WriteByte('{')
			b.WriteString(text)
			b.WriteByte('}')
		}
		if len(chars) > 0 {
			missing = append(missing, NotEscaped{Key: e.Key, Field: name, Chars: chars})
		}
		if i < len(fields)-1 {
			b.WriteByte(',')
		}
		b.WriteByte('\n')
	}
	b.WriteString("}\n")
	return missing, nil
}

// orderFields returns the fields in the order they are written.
func orderFields(fields []*Field, original bool) []*Field {
	out := append([]*Field(nil), fields...)
	if original {
		return out
	}
	rank := func(f *Field) (int, string) {
		n := lowerASCII(f.Name)
		if r, ok := canonicalRank[n]; ok {
			return r, ""
		}
		return len(canonicalOrder), n
	}
	sort.SliceStable(out, func(i, j int) bool {
		ri, ni := rank(out[i])
		rj, nj := rank(out[j])
		if ri != rj {
			return ri < rj
		}
		return ni < nj
	})
	return out
}

// errNotWritable is wrapped by the errors of entries Write refuses.
var errNotWritable = errors.New("cannot be written as BibTeX")

// checkEntry returns an error if e would not read back as the same entry.
func checkEntry(e *Entry) error {
	if e == nil {
		return fmt.Errorf("bib: nil entry %w", errNotWritable)
	}
	bad := func(format string, args ...any) error {
		return fmt.Errorf("bib: entry %q %w: %s", e.Key, errNotWritable, fmt.Sprintf(format, args...))
	}
	if e.Incomplete {
		return bad("a syntax error ended the entry early, so writing it would drop the rest; fix the syntax error first")
	}
	if e.Type == "" || !allIn(e.Type, &identTab) {
		return bad("type %q is empty or has a character BibTeX does not allow in names", e.Type)
	}
	if e.Key == "" || !allIn(e.Key, &keyTab) {
		return bad("the key is empty or has white space or one of , { } ( ) = %% @")
	}
	for _, f := range e.Fields {
		if f.Name == "" || !allIn(f.Name, &identTab) {
			return bad("field name %q is empty or has a character BibTeX does not allow in names", f.Name)
		}
		for j := range f.NumParts() {
			switch p := f.Part(j); p.Kind {
			case PartMacro:
				if p.Text == "" || !allIn(p.Text, &identTab) || p.Text[0] >= '0' && p.Text[0] <= '9' {
					return bad("field %q: %q is not a macro name", f.Name, p.Text)
				}
			default:
				if msg := checkText(p.Text); msg != "" {
					return bad("field %q: %s", f.Name, msg)
				}
			}
		}
	}
	return nil
}

func allIn(s string, tab *[256]bool) bool {
	for i := 0; i < len(s); i++ {
		if !tab[s[i]] {
			return false
		}
	}
	return true
}

// BracesBalance reports whether every brace of s closes one opened before
// it and all are closed, so that s can be a braced field value. BibTeX
// counts an escaped \{ as a brace too, and so does this.
func BracesBalance(s string) bool {
	depth, ok := braceDepth(s)
	return ok && depth == 0
}

// braceDepth returns how many braces s leaves open; ok is false when a
// brace closes nothing (depth is then meaningless).
func braceDepth(s string) (depth int, ok bool) {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '{':
			depth++
		case '}':
			depth--
			if depth < 0 {
				return depth, false
			}
		}
	}
	return depth, true
}

// checkText reports why text cannot be written in braces, or "".
func checkText(text string) string {
	switch depth, ok := braceDepth(text); {
	case !ok:
		return "unbalanced braces: a \"}\" closes nothing"
	case depth != 0:
		return "unbalanced braces: a \"{\" is never closed"
	}
	for i := strings.IndexByte(text, '\n'); i >= 0; {
		j := i + 1
		for j < len(text) && (text[j] == ' ' || text[j] == '\t') {
			j++
		}
		if j < len(text) && text[j] == '@' {
			sc := scanner{s: text, n: len(text)}
			if sc.isEntryStart(j) {
				return "a line of the value starts with @name{, which BibTeX reads as a new entry"
			}
		}
		k := strings.IndexByte(text[i+1:], '\n')
		if k < 0 {
			break
		}
		i += 1 + k
	}
	return ""
}

// nonASCII returns the non-ASCII characters of s, once each, in order.
func nonASCII(s string) []rune {
	var out []rune
	for _, r := range s {
		if r >= utf8.RuneSelf && !slices.Contains(out, r) {
			out = append(out, r)
		}
	}
	return out
}
