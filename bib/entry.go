package bib

import (
	"fmt"
	"strings"

	"github.com/nickng/bibtex"
)

// Entry is one BibTeX entry such as @article{key, ...}.
type Entry struct {
	Type     string // as written, e.g. "InProceedings"; compare with strings.EqualFold
	Key      string // the citation key as written
	Span     Span   // from @ to the closing delimiter (to the point reading stopped if Incomplete)
	TypeSpan Span
	KeySpan  Span
	Fields   []*Field // in source order, repeated names included

	// Incomplete is set when a syntax error ended the entry early or made
	// one of its values unreadable: Fields holds the fields read (a value
	// whose braces do not balance is left out, the fields after it are
	// kept), and a "syntax" diagnostic says what went wrong.
	Incomplete bool
}

// Field is one name = value pair of an entry.
type Field struct {
	Name      string // as written; field names compare case-insensitively
	NameSpan  Span
	ValueSpan Span   // from the first part to the end of the last one
	Raw       string // the value's source text, e.g. `"Foo" # " Bar"` or `{Foo}`
	// Value is the resolved value: macros expanded, # joined, outer
	// delimiters removed, inner braces and white space kept as written
	// (a title may span lines). Compare values with Plain or PlainText.
	Value string

	// parts are the operands of #, in order, or nil when the value is one
	// operand that Part rebuilds from Raw and Value: one then holds its
	// kind (plus one, so that zero is "no operand") and oneUndefined
	// whether it is an undefined macro. Most values are one operand, and
	// a 100k-entry file saved its 870,000 Parts (48 MB the collector scans)
	// by not storing what Raw and Value already say.
	parts []Part
	one   uint8
}

// oneUndefined marks, in Field.one, an undefined macro.
const oneUndefined = 0x80

// Span returns the field's span from the start of its name to the end of its value.
func (f *Field) Span() Span { return Span{f.NameSpan.Start, f.ValueSpan.End} }

// NumParts returns the number of operands of # in the value: one for most
// values, none for a field written without a value.
func (f *Field) NumParts() int {
	if f.parts == nil && f.one != 0 {
		return 1
	}
	return len(f.parts)
}

// Part returns operand i of the value (0 <= i < NumParts).
func (f *Field) Part(i int) Part {
	if f.parts != nil || f.one == 0 {
		return f.parts[i]
	}
	if i != 0 {
		panic(fmt.Sprintf("bib: Field.Part(%d) of a value of one part", i))
	}
	kind := PartKind(f.one&^oneUndefined - 1)
	p := Part{Kind: kind, Undefined: f.one&oneUndefined != 0, Text: f.Raw, Span: f.ValueSpan}
	switch kind {
	case PartBraced, PartQuoted:
		p.Text = f.Raw[1 : len(f.Raw)-1]
	case PartMacro:
		p.Expansion = f.Value
	}
	return p
}

// Parts returns the operands of # in the value, in order. The slice is the
// caller's to read; change a field's value with Entry.SetParts.
func (f *Field) Parts() []Part {
	if f.parts == nil && f.one != 0 {
		return []Part{f.Part(0)}
	}
	return f.parts
}

// setOne makes p, which Part can rebuild from f's Raw and Value, f's only
// operand, without storing it.
func (f *Field) setOne(p Part) {
	f.parts = nil
	f.one = uint8(p.Kind) + 1
	if p.Undefined {
		f.one |= oneUndefined
	}
}

// Plain returns the field's value as plain text; see PlainText.
func (f *Field) Plain() string { return PlainText(f.Value) }

// PartKind says how a value part was written.
type PartKind uint8

// Kinds of value parts.
const (
	PartBraced PartKind = iota // {text}
	PartQuoted                 // "text"
	PartNumber                 // 2020, written bare
	PartMacro                  // a macro name such as jan or tpami, written bare
	PartBare                   // a bare word that is neither a number nor a macro name (1-2); a syntax error in BibTeX, kept as text
)

// String returns a lower-case name for the kind.
func (k PartKind) String() string {
	switch k {
	case PartBraced:
		return "braced"
	case PartQuoted:
		return "quoted"
	case PartNumber:
		return "number"
	case PartMacro:
		return "macro"
	case PartBare:
		return "bare"
	}
	return fmt.Sprintf("PartKind(%d)", int(k))
}

// Part is one operand of a value's # concatenation.
type Part struct {
	Kind PartKind
	// Undefined is set for a macro that was not defined where it was used.
	Undefined bool
	// Text is the content without its outer delimiters (inner braces kept),
	// the digits of a number, or the name of a macro as written.
	Text string
	Span Span // including the delimiters
	// Expansion is a macro's value where it was used; "" for undefined macros
	// (as BibTeX does) and for other kinds.
	Expansion string
}

// Value returns what the part contributes to the field's value: the macro's
// expansion for a macro, Text otherwise.
func (p Part) Value() string {
	if p.Kind == PartMacro {
		return p.Expansion
	}
	return p.Text
}

// Field returns the first field named name, ignoring case, or nil. BibTeX
// uses the first of repeated fields and ignores the others.
func (e *Entry) Field(name string) *Field {
	for _, f := range e.Fields {
		if equalFoldASCII(f.Name, name) {
			return f
		}
	}
	return nil
}

// Get returns the resolved value of the field named name, ignoring case, or
// "" when the entry has no such field.
func (e *Entry) Get(name string) string {
	if f := e.Field(name); f != nil {
		return f.Value
	}
	return ""
}

// Has reports whether the entry has a field named name, ignoring case.
func (e *Entry) Has(name string) bool { return e.Field(name) != nil }

// NewEntry returns an entry built in code, for writing with Write. Its spans
// are zero.
func NewEntry(typ, key string) *Entry {
	return &Entry{Type: typ, Key: key}
}

// Set sets the field name to the literal value, written in braces. It
// replaces the first field with that name (ignoring case) and removes the
// others, or appends a new field. The value is LaTeX as it will be written:
// Write reports an error if its braces do not balance.
func (e *Entry) Set(name, value string) *Entry {
	return e.SetParts(name, Part{Kind: PartBraced, Text: value})
}

// SetMacro sets the field name to a bare macro reference such as jan or
// tpami. Value holds the macro's expansion for the month macros and is empty
// otherwise, since an entry built in code has no macro table.
func (e *Entry) SetMacro(name, macro string) *Entry {
	return e.SetParts(name, Part{Kind: PartMacro, Text: macro})
}

// SetParts sets the field name to the concatenation of parts, like Set. A
// month macro part with no Expansion gets the month's name.
func (e *Entry) SetParts(name string, parts ...Part) *Entry {
	parts = append([]Part(nil), parts...) // the caller's slice stays as it was
	for i, p := range parts {
		if p.Kind == PartMacro && p.Expansion == "" {
			for _, mn := range monthNames {
				if equalFoldASCII(p.Text, mn[0]) {
					parts[i].Expansion = mn[1]
				}
			}
		}
	}
	f := &Field{Name: name, parts: parts, Raw: rawOf(parts), Value: valueOf(parts)}
	for i, old := range e.Fields {
		if equalFoldASCII(old.Name, name) {
			e.Fields[i] = f
			e.removeFrom(name, i+1)
			return e
		}
	}
	e.Fields = append(e.Fields, f)
	return e
}

// Remove deletes every field named name, ignoring case.
func (e *Entry) Remove(name string) *Entry {
	e.removeFrom(name, 0)
	return e
}

func (e *Entry) removeFrom(name string, from int) {
	kept := e.Fields[:from]
	for _, f := range e.Fields[from:] {
		if !equalFoldASCII(f.Name, name) {
			kept = append(kept, f)
		}
	}
	for i := len(kept); i < len(e.Fields); i++ {
		e.Fields[i] = nil
	}
	e.Fields = kept
}

// rawOf returns the BibTeX source for parts: braces around literal text,
// macros bare, joined by " # ".
func rawOf(parts []Part) string {
	var b strings.Builder
	for i, p := range parts {
		if i > 0 {
			b.WriteString(" # ")
		}
		switch p.Kind {
		case PartMacro, PartNumber:
			b.WriteString(p.Text)
		default:
			b.WriteByte('{')
			b.WriteString(p.Text)
			b.WriteByte('}')
		}
	}
	return b.String()
}

// valueOf joins the values of parts.
func valueOf(parts []Part) string {
	if len(parts) == 1 {
		return parts[0].Value()
	}
	var b strings.Builder
	for _, p := range parts {
		b.WriteString(p.Value())
	}
	return b.String()
}

// BibEntry returns the entry in nickng/bibtex's model, for code written for
// that package: Type lower-cased (as bibtex.NewBibEntry does), CiteName the
// key, and Fields keyed by lower-case field name. Of repeated fields the first
// is kept, as BibTeX does. A value of one part is a bibtex.BibConst (text,
// number) or a *bibtex.BibVar (macro, holding its expansion); several parts
// make a *bibtex.BibComposite whose text elements are *bibtex.BibConst
// (its RawString needs pointers). Unlike bibtex.Parse, braces inside quoted
// values are kept and every operand of # is present.
func (e *Entry) BibEntry() *bibtex.BibEntry {
	be := &bibtex.BibEntry{
		Type:     strings.ToLower(e.Type),
		CiteName: e.Key,
		Fields:   make(map[string]bibtex.BibString, len(e.Fields)),
	}
	for _, f := range e.Fields {
		name := lowerASCII(f.Name)
		if _, dup := be.Fields[name]; dup {
			continue
		}
		be.Fields[name] = partsBibString(f.Parts())
	}
	return be
}

func partBibString(p Part) bibtex.BibString {
	if p.Kind == PartMacro {
		return &bibtex.BibVar{Key: p.Text, Value: bibtex.NewBibConst(p.Expansion)}
	}
	return bibtex.NewBibConst(p.Text)
}

func partsBibString(parts []Part) bibtex.BibString {
	switch len(parts) {
	case 0:
		return bibtex.NewBibConst("")
	case 1:
		return partBibString(parts[0])
	}
	c := make(bibtex.BibComposite, len(parts))
	for i, p := range parts {
		s := partBibString(p)
		if k, ok := s.(bibtex.BibConst); ok {
			// BibComposite.RawString only knows *BibConst; a BibConst
			// value would print as nothing.
			s = &k
		}
		c[i] = s
	}
	return &c
}
