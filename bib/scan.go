package bib

import (
	"fmt"
	"hash/maphash"
	"math/bits"
	"strings"
	"unicode/utf8"
)

// Byte classes. These tables are filled once at start-up and only read
// afterwards, so they are no shared mutable state.
var (
	spaceTab = byteTable(func(c byte) bool {
		return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'
	})
	// identTab holds the characters of BibTeX identifiers (entry types,
	// field names, macro names): anything printable but white space and
	// "#%'(),={}. We also exclude @, so that an identifier never swallows the
	// start of an entry. Bytes >= 0x80 are allowed, as in BibTeX 8-bit.
	identTab = byteTable(func(c byte) bool {
		return c > ' ' && c != 0x7f && !strings.ContainsRune("\"#%'(),={}@", rune(c))
	})
	// keyTab holds the characters of citation keys. BibTeX accepts almost
	// anything up to a comma or white space (张2020, o'neil2020, a:b/c);
	// we stop at braces, parentheses, = and % too, and refuse @, so that a
	// missing key or delimiter is reported where it is.
	keyTab = byteTable(func(c byte) bool {
		return c > ' ' && c != 0x7f && !strings.ContainsRune(",{}()=%@", rune(c))
	})
	// bareTab holds the characters of a bare (unquoted) value token.
	bareTab = byteTable(func(c byte) bool {
		return c > ' ' && c != 0x7f && !strings.ContainsRune(",{}()\"#%=@", rune(c))
	})
)

func byteTable(in func(byte) bool) (t [256]bool) {
	for i := range t {
		t[i] = in(byte(i))
	}
	return t
}

// chunk sizes for the slabs that hold fields and parts: one allocation per
// chunk instead of one per field keeps large files cheap.
const (
	fieldChunk = 512
	partChunk  = 512
)

// scanner reads one file. It lives for one Parse call.
type scanner struct {
	r *Reader
	f *File
	s string
	n int

	fields  []Field  // slab of fields handed out by newField
	efields []*Field // fields of the entry being read
	keys    []uint32 // cheap keys of efields' names, for duplicateFields
	parts   []Part   // slab of parts handed out by keepParts
	scratch []Part   // parts of the value being read
	seen    map[string]int
	stack   []int // offsets of open braces, for unclosedAt
}

// ctx names what a value belongs to, for messages.
type ctx struct {
	kind  byte // 'f' field, 's' @string, 'p' @preamble
	name  string
	entry string
}

func (c ctx) String() string {
	switch c.kind {
	case 's':
		return fmt.Sprintf("@string %q", c.name)
	case 'p':
		return "@preamble"
	}
	return fmt.Sprintf("field %q of entry %q", c.name, c.entry)
}

func (sc *scanner) diag(code string, sp Span, msg string, rel ...Related) {
	sc.f.Diagnostics = append(sc.f.Diagnostics, Diagnostic{Code: code, File: sc.f.Name, Span: sp, Message: msg, Related: rel})
}

// run reads the whole file: free text, % comments and @ blocks.
func (sc *scanner) run() {
	s, n := sc.s, sc.n
	textStart, p := 0, 0
	for p < n {
		i := strings.IndexAny(s[p:], "%@")
		if i < 0 {
			break
		}
		p += i
		if s[p] == '%' {
			sc.flushText(textStart, p)
			end := lineEnd(s, p)
			c := sc.addPercent(p, end)
			sc.f.Blocks = append(sc.f.Blocks, Block{Kind: BlockComment, Span: c.Span, Comment: c})
			p, textStart = end, end
			continue
		}
		blk, end, ok := sc.at(p, textStart)
		if !ok {
			p++
			continue
		}
		sc.f.Blocks = append(sc.f.Blocks, blk)
		p, textStart = end, end
	}
	sc.flushText(textStart, n)
}

// flushText records s[a:b] as free text.
func (sc *scanner) flushText(a, b int) {
	if a >= b {
		return
	}
	blk := Block{Kind: BlockText, Span: Span{a, b}}
	t := sc.s[a:b]
	if lead := len(t) - len(strings.TrimLeft(t, " \t\r\n\f\v")); lead < len(t) {
		trail := len(t) - len(strings.TrimRight(t, " \t\r\n\f\v"))
		c := &Comment{Kind: CommentText, Span: Span{a + lead, b - trail}, Text: sc.s[a+lead : b-trail]}
		sc.f.Comments = append(sc.f.Comments, c)
		blk.Comment = c
	}
	sc.f.Blocks = append(sc.f.Blocks, blk)
}

// addPercent records the % comment s[p:end].
func (sc *scanner) addPercent(p, end int) *Comment {
	c := &Comment{Kind: CommentPercent, Span: Span{p, end}, Text: sc.s[p+1 : end]}
	sc.f.Comments = append(sc.f.Comments, c)
	return c
}

// lineEnd returns the end of the line that contains p, before "\r\n" or "\n".
func lineEnd(s string, p int) int {
	i := strings.IndexByte(s[p:], '\n')
	if i < 0 {
		return len(s)
	}
	end := p + i
	if end > p && s[end-1] == '\r' {
		end--
	}
	return end
}

// atLineStart reports whether only spaces and tabs precede p on its line.
func atLineStart(s string, p int) bool {
	for i := p - 1; i >= 0; i-- {
		switch s[i] {
		case ' ', '\t':
		case '\n', '\r':
			return true
		default:
			return false
		}
	}
	return true
}

// skipSpace skips white space only.
func (sc *scanner) skipSpace(p int) int {
	for p < sc.n && spaceTab[sc.s[p]] {
		p++
	}
	return p
}

// skip skips white space and % comments between the tokens of an @ block,
// recording the comments. BibTeX itself has no comments inside entries, but
// commented-out fields are common and biber accepts them.
func (sc *scanner) skip(p int) int {
	for p < sc.n {
		c := sc.s[p]
		if spaceTab[c] {
			p++
			continue
		}
		if c == '%' {
			end := lineEnd(sc.s, p)
			sc.addPercent(p, end)
			p = end
			continue
		}
		break
	}
	return p
}

// peekSkip is skip without recording comments, for look-ahead.
func (sc *scanner) peekSkip(p int) int {
	for p < sc.n {
		c := sc.s[p]
		if spaceTab[c] {
			p++
			continue
		}
		if c == '%' {
			p = lineEnd(sc.s, p)
			continue
		}
		break
	}
	return p
}

func (sc *scanner) ident(p int) int {
	for p < sc.n && identTab[sc.s[p]] {
		p++
	}
	return p
}

// isEntryStart reports whether s[p] is an @ followed by a name and an opening
// delimiter, white space allowed in between: the start of a block for BibTeX.
func (sc *scanner) isEntryStart(p int) bool {
	if p >= sc.n || sc.s[p] != '@' {
		return false
	}
	q := sc.skipSpace(p + 1)
	e := sc.ident(q)
	if e == q {
		return false
	}
	e = sc.skipSpace(e)
	return e < sc.n && (sc.s[e] == '{' || sc.s[e] == '(')
}

// entryLine reports whether the line starting at p begins, after spaces and
// tabs, with the start of a block; it returns the offset of its @.
func (sc *scanner) entryLine(p int) (int, bool) {
	for p < sc.n && (sc.s[p] == ' ' || sc.s[p] == '\t') {
		p++
	}
	return p, sc.isEntryStart(p)
}

// resumeAt returns where reading goes on after a syntax error at p: p itself
// if it starts a block, else the next @ that starts a line.
func (sc *scanner) resumeAt(p int) int {
	if p >= sc.n {
		return sc.n
	}
	if sc.isEntryStart(p) {
		return p
	}
	for i := p; i < sc.n; {
		j := strings.IndexByte(sc.s[i:], '@')
		if j < 0 {
			break
		}
		j += i
		if atLineStart(sc.s, j) {
			return j
		}
		i = j + 1
	}
	return sc.n
}

// trimEnd returns end moved back over white space, but not before min.
func (sc *scanner) trimEnd(min, end int) int {
	for end > min && spaceTab[sc.s[end-1]] {
		end--
	}
	return end
}

// at reads the block that starts with the @ at p. ok is false when the @ does
// not start a block (an e-mail address in free text, say); the @ is then
// free text.
func (sc *scanner) at(p, textStart int) (blk Block, end int, ok bool) {
	s, n := sc.s, sc.n
	ts := sc.skipSpace(p + 1)
	te := sc.ident(ts)
	if te == ts {
		return Block{}, 0, false
	}
	typ := s[ts:te]
	open := sc.skipSpace(te)
	if open >= n || (s[open] != '{' && s[open] != '(') {
		if atLineStart(s, p) && !equalFoldASCII(typ, "comment") {
			sc.diag(CodeSyntax, Span{p, te}, fmt.Sprintf(
				"%q is not followed by \"{\" or \"(\": BibTeX takes a line that starts with @ for an entry; complete the entry or remove the @", "@"+typ))
		}
		return Block{}, 0, false
	}
	sc.flushText(textStart, p)
	switch {
	case equalFoldASCII(typ, "comment"):
		blk, end = sc.comment(p, open)
	case equalFoldASCII(typ, "string"):
		blk, end = sc.stringDef(p, open)
	case equalFoldASCII(typ, "preamble"):
		blk, end = sc.preamble(p, open)
	default:
		blk, end = sc.entry(p, ts, te, open)
	}
	return blk, end, true
}

func closer(open byte) byte {
	if open == '(' {
		return ')'
	}
	return '}'
}

// failure describes a syntax error that ends a block.
type failure struct {
	at     Span   // where to report it
	msg    string // what is wrong and what to do
	resume int    // where to look for the next block from
	// cont is set when the entry can go on at resume: a value ran on into
	// the fields after it, and resume is the start of the first of them.
	cont bool
	rel  []Related
}

// fail reports f and returns the end of the broken block that started at
// start: the next block start at or after f.resume, less trailing space.
func (sc *scanner) fail(start int, f failure) int {
	sc.diag(CodeSyntax, f.at, f.msg, f.rel...)
	r := sc.resumeAt(f.resume)
	end := sc.trimEnd(start+1, r)
	if end < f.at.Start && f.at.Start <= r {
		// Keep the reported place inside the block.
		end = f.at.Start
	}
	return end
}

// found describes the byte at p for messages.
func (sc *scanner) found(p int) string {
	if p >= sc.n {
		return "the end of the file"
	}
	c := sc.s[p]
	if c == '\n' || c == '\r' {
		return "the end of the line"
	}
	e := p + 1
	if identTab[c] {
		e = sc.ident(p)
		if e-p > 40 {
			e = p + 40
		}
	}
	return fmt.Sprintf("%q", sc.s[p:e])
}

// comment reads @comment{...} or @comment(...): balanced delimiters, never
// past a line that starts another block.
func (sc *scanner) comment(start, open int) (Block, int) {
	s := sc.s
	oc, cc := s[open], closer(s[open])
	depth := 0
	for i := open; i < sc.n; i++ {
		switch s[i] {
		case oc:
			depth++
		case cc:
			depth--
			if depth == 0 {
				c := &Comment{Kind: CommentAt, Span: Span{start, i + 1}, Text: s[open+1 : i]}
				sc.f.Comments = append(sc.f.Comments, c)
				return Block{Kind: BlockComment, Span: c.Span, Comment: c}, i + 1
			}
		case '\n':
			if at, ok := sc.entryLine(i + 1); ok {
				return sc.unclosedComment(start, open, at)
			}
		}
	}
	return sc.unclosedComment(start, open, sc.n)
}

func (sc *scanner) unclosedComment(start, open, stop int) (Block, int) {
	end := sc.trimEnd(open+1, stop)
	where := "at the end of the file"
	if stop < sc.n {
		where = "before the next entry"
	}
	sc.diag(CodeSyntax, Span{open, open + 1}, fmt.Sprintf(
		"@comment is not closed: %q missing %s; add it (BibTeX reads an @ that starts a line as an entry)", string(closer(sc.s[open])), where))
	c := &Comment{Kind: CommentAt, Span: Span{start, end}, Text: sc.s[open+1 : end]}
	sc.f.Comments = append(sc.f.Comments, c)
	return Block{Kind: BlockComment, Span: c.Span, Comment: c}, end
}

// entry reads @type{key, name = value, ...}.
func (sc *scanner) entry(start, ts, te, open int) (Block, int) {
	s, n := sc.s, sc.n
	cc := closer(s[open])
	e := &Entry{Type: s[ts:te], TypeSpan: Span{ts, te}}
	sc.efields = sc.efields[:0]

	ks := sc.skip(open + 1)
	ke := ks
	for ke < n && keyTab[s[ke]] {
		ke++
	}
	e.Key, e.KeySpan = s[ks:ke], Span{ks, ke}
	p := sc.skip(ke)

	invalid := func(f failure) (Block, int) {
		end := sc.fail(start, f)
		return Block{Kind: BlockInvalid, Span: Span{start, end}}, end
	}
	if ke == ks {
		switch {
		case p < n && s[p] == ',':
			sc.diag(CodeSyntax, Span{start, p + 1}, fmt.Sprintf(
				"entry has no citation key: write @%s{key, ...}", e.Type))
		default:
			return invalid(failure{at: Span{p, min(p+1, n)}, msg: fmt.Sprintf(
				"expected a citation key after @%s%c, found %s: write @%s{key, ...}", e.Type, s[open], sc.found(p), e.Type), resume: p})
		}
	}

	done := func(end int) (Block, int) {
		if len(sc.efields) > 0 {
			// One allocation of the right size instead of append's growth.
			e.Fields = append(make([]*Field, 0, len(sc.efields)), sc.efields...)
		}
		e.Span = Span{start, end}
		sc.finishEntry(e)
		return Block{Kind: BlockEntry, Span: e.Span, Entry: e}, end
	}
	broken := func(f failure) (Block, int) {
		e.Incomplete = true
		return done(sc.fail(start, f))
	}

	switch {
	case p < n && s[p] == cc:
		return done(p + 1)
	case p < n && s[p] == ',':
		p++
	case p < n && s[p] == '=' && ke > ks:
		// @misc{title = {...}}: the "key" is a field name.
		e.Key, e.KeySpan = "", Span{}
		return invalid(failure{at: Span{ks, p + 1}, msg: fmt.Sprintf(
			"entry has no citation key (%q looks like a field name): write @%s{key, %s = ...}", s[ks:ke], e.Type, s[ks:ke]), resume: p})
	default:
		why := "a key cannot contain { } ( ) = % or @"
		if spaceTab[s[p-1]] {
			why = "a key cannot contain spaces"
		}
		return broken(failure{at: Span{p, min(p+1, n)}, msg: fmt.Sprintf(
			"expected \",\" after the citation key %q, found %s: %s", e.Key, sc.found(p), why), resume: p})
	}

	for {
		p = sc.skip(p)
		if p >= n || s[p] == '@' {
			return broken(sc.notClosed(e, open, p))
		}
		c := s[p]
		switch {
		case c == cc:
			return done(p + 1)
		case c == ',':
			sc.diag(CodeSyntax, Span{p, p + 1}, fmt.Sprintf(
				"extra \",\" in entry %q: remove it", e.Key))
			p++
			continue
		case !identTab[c]:
			return broken(failure{at: Span{p, p + 1}, msg: fmt.Sprintf(
				"expected a field name or %q in entry %q, found %s", string(cc), e.Key, sc.found(p)), resume: p})
		}
		ns := p
		p = sc.ident(p)
		name := s[ns:p]
		p = sc.skip(p)
		if p >= n || s[p] != '=' {
			return broken(failure{at: Span{ns, ns + len(name)}, msg: fmt.Sprintf(
				"expected \"=\" after field name %q in entry %q, found %s", name, e.Key, sc.found(p)), resume: p})
		}
		p = sc.skip(p + 1)
		f := sc.newField()
		f.Name, f.NameSpan = name, Span{ns, ns + len(name)}
		var fl *failure
		p, fl = sc.value(f, p, cc, ctx{'f', name, e.Key})
		if fl == nil && (p >= n || s[p] == '@') {
			// The entry is not closed. When the value spans lines, its
			// braces may be what is wrong: an extra "{" took the fields
			// after it, or the "}" that closed the entry.
			fl = sc.ranOn(f, cc, ctx{'f', name, e.Key})
			if fl != nil && !fl.cont {
				// The value took the entry's closing "}": the entry
				// ends there, without the broken field.
				sc.diag(CodeSyntax, fl.at, fl.msg, fl.rel...)
				e.Incomplete = true
				return done(fl.resume)
			}
		}
		if fl != nil {
			if !fl.cont {
				return broken(*fl)
			}
			// The value ran on into the fields after it: report it, leave
			// it out and read those fields.
			sc.diag(CodeSyntax, fl.at, fl.msg, fl.rel...)
			e.Incomplete = true
			p = fl.resume
			continue
		}
		sc.efields = append(sc.efields, f)
		if p >= n {
			return broken(sc.notClosed(e, open, p))
		}
		switch c := s[p]; {
		case c == ',':
			p++
			continue
		case c == cc:
			return done(p + 1)
		case identTab[c]:
			if q := sc.peekSkip(sc.ident(p)); q < n && s[q] == '=' {
				// A field follows: report the missing comma and read on.
				sc.diag(CodeSyntax, Span{p, sc.ident(p)}, fmt.Sprintf(
					"missing comma after field %q? Entry %q continues with field %q; add \",\" after the value of %q",
					name, e.Key, s[p:sc.ident(p)], name))
				continue
			}
		case c == '@':
			return broken(sc.notClosed(e, open, p))
		}
		hint := ""
		if c := s[p]; c == '}' || c == ')' {
			hint = fmt.Sprintf(" (the entry was opened with %q)", string(s[open]))
		}
		return broken(failure{at: Span{p, p + 1}, msg: fmt.Sprintf(
			"expected \",\" or %q after the value of field %q in entry %q, found %s%s", string(cc), name, e.Key, sc.found(p), hint), resume: p})
	}
}

// notClosed describes an entry whose closing delimiter is missing where
// reading stopped, at p: an @ that starts the next entry, or the end of the
// file. It points at the entry's opening delimiter, the place where the
// depth went up and never came back, rather than at the next entry, which
// is read as usual from p.
func (sc *scanner) notClosed(e *Entry, open, p int) failure {
	cc := string(closer(sc.s[open]))
	where := "at the end"
	if k := len(sc.efields); k > 0 {
		where = fmt.Sprintf("after field %q", sc.efields[k-1].Name)
	}
	fl := failure{at: Span{open, open + 1}, resume: p}
	if p >= sc.n {
		fl.msg = fmt.Sprintf("entry %q is not closed: the file ends first; add %q %s", e.Key, cc, where)
		return fl
	}
	fl.msg = fmt.Sprintf("entry %q is not closed: the next entry starts first; add %q %s", e.Key, cc, where)
	fl.rel = []Related{{File: sc.f.Name, Span: Span{p, p + 1}, Message: "the next entry starts here"}}
	return fl
}

// runOn describes a braced or quoted value, opening at p, that reading
// stopped at stop (a line that starts a block, or the end of the file)
// without closing. It names the last "{" still open where the value
// should have ended: at the first line inside it that starts like a field
// (the value took the fields after it; cont is then set and reading the
// entry goes on there), else at stop.
func (sc *scanner) runOn(p, stop int, c ctx) *failure {
	cut, brace, next := sc.unclosedAt(p, stop)
	fl := &failure{at: Span{brace, brace + 1}, resume: cut, cont: next != ""}
	what, add := "unbalanced braces in %s: this \"{\" is never closed", "\"}\""
	if sc.s[brace] == '"' {
		what, add = "the quoted value of %s is never closed", "'\"'"
	}
	what = fmt.Sprintf(what, c)
	if next != "" {
		bibtex := ""
		if stop < sc.n {
			// BibTeX does not stop at an @: it reads on until the
			// braces balance, taking every entry up to there.
			bibtex = " (and BibTeX reads the entries after it into the value too)"
		}
		fl.msg = fmt.Sprintf("%s, so the value runs on into field %q%s; add the missing %s", what, next, bibtex, add)
		return fl
	}
	fl.msg = fmt.Sprintf("%s%s; add the missing %s", what, stopWhere(stop, sc.n), add)
	if stop < sc.n {
		fl.msg += " (BibTeX reads the entries after it into the value)"
	}
	return fl
}

// ranOn looks again at the value of f, which reading closed but which the
// entry does not follow with its closing delimiter: when the value spans
// lines, an extra "{" in it may have taken the fields after it, or the "}"
// that closes the entry (BibTeX reads it the same way and then misses
// the entry's end). It returns nil when the value looks whole, else a
// failure at that "{": with cont set to read the entry on from the first
// field taken, or with resume after the entry's "}" the value took.
func (sc *scanner) ranOn(f *Field, cc byte, c ctx) *failure {
	n := f.NumParts()
	if n == 0 {
		return nil
	}
	part := f.Part(n - 1)
	a, b := part.Span.Start, part.Span.End-1 // the value's "{" and "}"
	if part.Kind != PartBraced || strings.IndexByte(sc.s[a:b], '\n') < 0 {
		return nil
	}
	cut, brace, next := sc.unclosedAt(a, b)
	if next != "" {
		return &failure{at: Span{brace, brace + 1}, resume: cut, cont: true, msg: fmt.Sprintf(
			"unbalanced braces in %s: this \"{\" is never closed, so the value runs on into field %q; add the missing \"}\"", c, next)}
	}
	if cc == '}' && atLineStart(sc.s, b) {
		// A "}" alone on its line ends an entry, not a value.
		return &failure{at: Span{brace, brace + 1}, resume: b + 1, msg: fmt.Sprintf(
			"unbalanced braces in %s: this \"{\" is never closed, so the value takes the \"}\" that closes the entry (BibTeX then reports the next @); add the missing \"}\"", c)}
	}
	return nil
}

// unclosedAt walks the value that opens at from (with "{" or '"') up to
// to, keeping the "{"s not yet closed. At the first line inside it that
// starts like a field ("name ="), it stops and returns that line's start,
// the last "{" still open there (or from, if none is) and the field's
// name. Otherwise it returns to, the last "{" open there, and "".
func (sc *scanner) unclosedAt(from, to int) (cut, brace int, next string) {
	s := sc.s
	// The stack's memory is reused from one broken value to the next.
	sc.stack = append(sc.stack[:0], from)
	st := sc.stack
	for i := from + 1; i < to; i++ {
		switch s[i] {
		case '{':
			st = append(st, i)
		case '}':
			if len(st) > 1 {
				st = st[:len(st)-1]
			}
		case '\n':
			if name, ok := sc.fieldLine(i + 1); ok {
				sc.stack = st
				return i + 1, st[len(st)-1], name
			}
		}
	}
	sc.stack = st
	return to, st[len(st)-1], ""
}

// fieldLine reports whether the line that starts at p begins, after spaces
// and tabs, with a field name and "=", and returns the name.
func (sc *scanner) fieldLine(p int) (string, bool) {
	s := sc.s
	for p < sc.n && (s[p] == ' ' || s[p] == '\t') {
		p++
	}
	q := p
	for q < sc.n && (isASCIILetter(s[q]) || q > p && (s[q] >= '0' && s[q] <= '9' || s[q] == '_' || s[q] == '-')) {
		q++
	}
	if q == p {
		return "", false
	}
	e := q
	for e < sc.n && (s[e] == ' ' || s[e] == '\t') {
		e++
	}
	return s[p:q], e < sc.n && s[e] == '='
}

func isASCIILetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

// newField returns a zeroed Field from the slab.
func (sc *scanner) newField() *Field {
	if len(sc.fields) == cap(sc.fields) {
		sc.fields = make([]Field, 0, fieldChunk)
	}
	sc.fields = sc.fields[:len(sc.fields)+1]
	return &sc.fields[len(sc.fields)-1]
}

// keepParts copies the scratch parts into the slab.
func (sc *scanner) keepParts() []Part {
	k := len(sc.scratch)
	if k == 0 {
		return nil
	}
	if len(sc.parts)+k > cap(sc.parts) {
		sc.parts = make([]Part, 0, max(partChunk, k))
	}
	l := len(sc.parts)
	sc.parts = append(sc.parts, sc.scratch...)
	return sc.parts[l : l+k : l+k]
}

// value reads the value at p (parts joined by #) into f and returns the
// position after it and the white space that follows. A failure ends the
// block; problems that leave the structure clear are reported and reading
// goes on.
func (sc *scanner) value(f *Field, p int, cc byte, c ctx) (int, *failure) {
	s, n := sc.s, sc.n
	sc.scratch = sc.scratch[:0]
	for {
		if p >= n {
			return p, &failure{at: Span{max(p-1, 0), p}, msg: fmt.Sprintf("missing value for %s at the end of the file", c), resume: n}
		}
		var part Part
		switch ch := s[p]; {
		case ch == '{':
			end, stop := sc.braced(p)
			if end < 0 {
				return p, sc.runOn(p, stop, c)
			}
			part = Part{Kind: PartBraced, Text: s[p+1 : end-1], Span: Span{p, end}}
		case ch == '"':
			end, stop, why := sc.quoted(p)
			if end < 0 {
				if fl := sc.runOn(p, stop, c); fl.cont || fl.at.Start != p {
					return p, fl
				}
				return p, &failure{at: Span{p, p + 1}, msg: fmt.Sprintf("%s in %s%s", why, c, stopWhere(stop, sc.n)), resume: stop}
			}
			part = Part{Kind: PartQuoted, Text: s[p+1 : end-1], Span: Span{p, end}}
		case bareTab[ch]:
			end := p
			for end < n && bareTab[s[end]] {
				end++
			}
			part = sc.bare(p, end, c)
		default:
			if len(sc.scratch) == 0 && (ch == ',' || ch == cc) {
				sc.diag(CodeSyntax, Span{p, p + 1}, fmt.Sprintf("%s has no value: write {} for an empty value", c))
				f.ValueSpan = Span{p, p}
				return p, nil
			}
			what := "a value"
			if len(sc.scratch) > 0 {
				what = "a value after \"#\""
			}
			return p, &failure{at: Span{p, p + 1}, msg: fmt.Sprintf("expected %s for %s, found %s", what, c, sc.found(p)), resume: p}
		}
		sc.scratch = append(sc.scratch, part)
		q := sc.skip(part.Span.End)
		if q < n && s[q] == '#' {
			p = sc.skip(q + 1)
			continue
		}
		parts := sc.scratch
		f.ValueSpan = Span{parts[0].Span.Start, parts[len(parts)-1].Span.End}
		f.Raw = s[f.ValueSpan.Start:f.ValueSpan.End]
		if total := valueLen(parts); total > MaxValueLen {
			f.parts = sc.keepParts()
			// @string{s2 = s1 # s1} doubles at each step: forty such
			// lines of a hostile file would need a terabyte. The value
			// is cut, and the finding names the macro or field.
			sc.diag(CodeSyntax, f.ValueSpan, fmt.Sprintf(
				"the value of %s expands to %d bytes, more than papers reads (%d): it is cut there; a macro that concatenates itself doubles at each step", c, total, MaxValueLen))
			f.Value = cutValue(parts, MaxValueLen)
			return q, nil
		}
		f.Value = valueOf(parts)
		if len(parts) == 1 && !sc.r.storeEveryPart {
			// Part rebuilds it from Raw and Value (see Field.parts).
			f.setOne(parts[0])
		} else {
			f.parts = sc.keepParts()
		}
		return q, nil
	}
}

func stopWhere(stop, n int) string {
	if stop >= n {
		return " before the end of the file"
	}
	return " before the next entry"
}

// braced returns the end of the braced string that opens at p, or -1 and
// where it stopped: at the end of the file, or at a line that starts a block
// (an unclosed brace must not swallow the entries after it).
func (sc *scanner) braced(p int) (end, stop int) {
	s := sc.s[:sc.n]
	depth := 0
	for i := p; ; i++ {
		i = nextBraceOrNewline(s, i)
		if i >= len(s) {
			return -1, sc.n
		}
		switch s[i] {
		case '{':
			depth++
		case '}':
			depth--
			if depth == 0 {
				return i + 1, 0
			}
		default: // '\n'
			if at, ok := sc.entryLine(i + 1); ok {
				return -1, at
			}
		}
	}
}

// nextBraceOrNewline returns the position of the first "{", "}" or newline
// in s at or after i, or len(s). Most of a .bib file is the text of braced
// values, which this passes eight bytes at a time: a byte equal to c is a
// zero byte of x^c, found by the borrow of subtracting one from each byte
// (the lowest byte flagged is exact; flags above it may be false, and are
// not read).
func nextBraceOrNewline(s string, i int) int {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	for ; i+8 <= len(s); i += 8 {
		w := s[i : i+8]
		x := uint64(w[0]) | uint64(w[1])<<8 | uint64(w[2])<<16 | uint64(w[3])<<24 |
			uint64(w[4])<<32 | uint64(w[5])<<40 | uint64(w[6])<<48 | uint64(w[7])<<56
		a, b, c := x^('{'*ones), x^('}'*ones), x^('\n'*ones)
		if m := ((a-ones)&^a | (b-ones)&^b | (c-ones)&^c) & highs; m != 0 {
			return i + bits.TrailingZeros64(m)/8
		}
	}
	for ; i < len(s); i++ {
		if c := s[i]; c == '{' || c == '}' || c == '\n' {
			return i
		}
	}
	return i
}

// quoted returns the end of the quoted string that opens at p. Braces inside
// must balance, and a " inside braces does not end the string, as in BibTeX.
func (sc *scanner) quoted(p int) (end, stop int, why string) {
	s := sc.s
	depth := 0
	for i := p + 1; i < sc.n; i++ {
		switch s[i] {
		case '{':
			depth++
		case '}':
			depth--
			if depth < 0 {
				return -1, i, "unbalanced braces: this \"}\" closes nothing inside the quoted value"
			}
		case '"':
			if depth == 0 {
				return i + 1, 0, ""
			}
		case '\n':
			if at, ok := sc.entryLine(i + 1); ok {
				if depth > 0 {
					return -1, at, "unbalanced braces: a \"{\" is never closed in the quoted value"
				}
				return -1, at, "the quoted value is never closed: add the missing '\"'"
			}
		}
	}
	if depth > 0 {
		return -1, sc.n, "unbalanced braces: a \"{\" is never closed in the quoted value"
	}
	return -1, sc.n, "the quoted value is never closed: add the missing '\"'"
}

// bare classifies the bare token s[p:end]: a number, a macro, or a word
// BibTeX would reject (kept as text and reported).
func (sc *scanner) bare(p, end int, c ctx) Part {
	tok := sc.s[p:end]
	sp := Span{p, end}
	digits, ident := true, tok[0] < '0' || tok[0] > '9'
	for i := 0; i < len(tok); i++ {
		ch := tok[i]
		if ch < '0' || ch > '9' {
			digits = false
		}
		if !identTab[ch] {
			ident = false
		}
	}
	switch {
	case digits:
		return Part{Kind: PartNumber, Text: tok, Span: sp}
	case ident:
		part := Part{Kind: PartMacro, Text: tok, Span: sp}
		if m, ok := sc.r.macros.Lookup(tok); ok {
			part.Expansion = m.Value
		} else {
			part.Undefined = true
			sc.diag(CodeUndefinedMacro, sp, fmt.Sprintf(
				"undefined macro %q in %s: define it with @string{%s = {...}} before this point, or write the value in braces", tok, c, tok))
		}
		return part
	}
	sc.diag(CodeSyntax, sp, fmt.Sprintf(
		"the value %q in %s is neither a number nor a macro name: write it in braces, {%s}", tok, c, tok))
	return Part{Kind: PartBare, Text: tok, Span: sp}
}

// keyHash returns the hash of key with its ASCII letters lowered, as
// BibTeX compares keys, without making a string of it for most keys.
func (r *Reader) keyHash(key string) uint64 {
	var buf [64]byte
	if len(key) > len(buf) {
		return maphash.String(r.seed, lowerASCII(key))
	}
	b := buf[:len(key)]
	for i := range len(key) {
		c := key[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		b[i] = c
	}
	return maphash.Bytes(r.seed, b)
}

// finishEntry reports repeated fields and keys.
func (sc *scanner) finishEntry(e *Entry) {
	sc.f.Entries = append(sc.f.Entries, e)
	if len(e.Fields) > 1 {
		sc.duplicateFields(e)
	}
	if e.Key == "" {
		return
	}
	r := sc.r
	h := r.keyHash(e.Key)
	head, ok := r.keys[h]
	if !ok {
		head = -1
	}
	var prev *keyRef
	for i := head; i >= 0; i = r.refs[i].next {
		if equalFoldASCII(r.refs[i].key, e.Key) {
			prev = &r.refs[i]
			break
		}
	}
	if prev == nil {
		r.keys[h] = int32(len(r.refs))
		r.refs = append(r.refs, keyRef{file: sc.f.Name, span: e.KeySpan, key: e.Key, next: head})
		return
	}
	msg := fmt.Sprintf("duplicate key %q: an entry with this key comes earlier; BibTeX keeps the first one, so rename or remove this one", e.Key)
	if prev.key != e.Key {
		msg = fmt.Sprintf("duplicate key %q: BibTeX compares keys ignoring case, so it is the same key as %q; rename one of them", e.Key, prev.key)
	}
	sc.diag(CodeDuplicateKey, e.KeySpan, msg, Related{File: prev.file, Span: prev.span, Message: fmt.Sprintf("first entry with key %q", prev.key)})
}

func (sc *scanner) duplicateFields(e *Entry) {
	report := func(first, again *Field) {
		sc.diag(CodeDuplicateField, again.Span(), fmt.Sprintf(
			"field %q appears twice in entry %q: BibTeX uses the first one and ignores this one; remove one of them", again.Name, e.Key),
			Related{File: sc.f.Name, Span: first.Span(), Message: fmt.Sprintf("first %q field", first.Name)})
	}
	if len(e.Fields) <= 32 {
		// Compare names only when their length and lower-case first
		// letters agree.
		sc.keys = sc.keys[:0]
		for _, f := range e.Fields {
			k := uint32(len(f.Name)) << 8
			if f.Name != "" {
				c := f.Name[0]
				if 'A' <= c && c <= 'Z' {
					c += 'a' - 'A'
				}
				k |= uint32(c)
			}
			sc.keys = append(sc.keys, k)
		}
		for j := 1; j < len(e.Fields); j++ {
			for i := 0; i < j; i++ {
				if sc.keys[i] == sc.keys[j] && equalFoldASCII(e.Fields[i].Name, e.Fields[j].Name) {
					report(e.Fields[i], e.Fields[j])
					break
				}
			}
		}
		return
	}
	if sc.seen == nil {
		sc.seen = make(map[string]int)
	}
	clear(sc.seen)
	for j, f := range e.Fields {
		k := lowerASCII(f.Name)
		if i, ok := sc.seen[k]; ok {
			report(e.Fields[i], f)
			continue
		}
		sc.seen[k] = j
	}
}

// stringDef reads @string{name = value} and defines the macro.
func (sc *scanner) stringDef(start, open int) (Block, int) {
	s, n := sc.s, sc.n
	cc := closer(s[open])
	invalid := func(f failure) (Block, int) {
		end := sc.fail(start, f)
		return Block{Kind: BlockInvalid, Span: Span{start, end}}, end
	}
	ns := sc.skip(open + 1)
	ne := sc.ident(ns)
	if ne == ns {
		return invalid(failure{at: Span{ns, min(ns+1, n)}, msg: fmt.Sprintf(
			"expected a macro name after @string%c, found %s: write @string{name = {value}}", s[open], sc.found(ns)), resume: ns})
	}
	name := s[ns:ne]
	p := sc.skip(ne)
	if p >= n || s[p] != '=' {
		return invalid(failure{at: Span{ns, ne}, msg: fmt.Sprintf(
			"expected \"=\" after the macro name %q, found %s: write @string{%s = {value}}", name, sc.found(p), name), resume: p})
	}
	var f Field
	p, fl := sc.value(&f, sc.skip(p+1), cc, ctx{kind: 's', name: name})
	if fl != nil {
		return invalid(*fl)
	}
	def := &StringDef{Name: name, NameSpan: Span{ns, ne}, ValueSpan: f.ValueSpan, Raw: f.Raw, Value: f.Value, Parts: f.Parts()}
	// Define the macro even if the block is not closed properly, so that one
	// typo does not turn every later use into an undefined macro.
	sc.r.macros.define(Macro{Name: name, Value: f.Value, File: sc.f.Name, Span: Span{start, p}})
	if p >= n || s[p] != cc {
		return invalid(failure{at: Span{p, min(p+1, n)}, msg: fmt.Sprintf(
			"expected %q to close @string %q, found %s", string(cc), name, sc.found(p)), resume: p})
	}
	def.Span = Span{start, p + 1}
	sc.f.Strings = append(sc.f.Strings, def)
	return Block{Kind: BlockString, Span: def.Span, String: def}, p + 1
}

// preamble reads @preamble{value}.
func (sc *scanner) preamble(start, open int) (Block, int) {
	s, n := sc.s, sc.n
	cc := closer(s[open])
	invalid := func(f failure) (Block, int) {
		end := sc.fail(start, f)
		return Block{Kind: BlockInvalid, Span: Span{start, end}}, end
	}
	var f Field
	p, fl := sc.value(&f, sc.skip(open+1), cc, ctx{kind: 'p'})
	if fl != nil {
		return invalid(*fl)
	}
	if p >= n || s[p] != cc {
		return invalid(failure{at: Span{p, min(p+1, n)}, msg: fmt.Sprintf(
			"expected %q to close @preamble, found %s", string(cc), sc.found(p)), resume: p})
	}
	pr := &Preamble{Span: Span{start, p + 1}, ValueSpan: f.ValueSpan, Raw: f.Raw, Value: f.Value, Parts: f.Parts()}
	sc.f.Preambles = append(sc.f.Preambles, pr)
	return Block{Kind: BlockPreamble, Span: pr.Span, Preamble: pr}, p + 1
}

// MaxValueLen bounds the expansion of one value (a field or a @string
// definition with its macros): 1 MB is far beyond any real value (an
// abstract is a few KB).
const MaxValueLen = 1 << 20

// valueLen is the length of the value of parts, without building it.
func valueLen(parts []Part) int {
	n := 0
	for _, p := range parts {
		n += len(p.Value())
	}
	return n
}

// cutValue builds the value of parts up to max bytes, cut at a character
// boundary.
func cutValue(parts []Part, max int) string {
	var b strings.Builder
	b.Grow(max)
	for _, p := range parts {
		v := p.Value()
		if b.Len()+len(v) > max {
			v = v[:max-b.Len()]
			// Drop a character cut in two (at most three bytes).
			for i := 0; i < 3 && len(v) > 0; i++ {
				if r, size := utf8.DecodeLastRuneInString(v); r != utf8.RuneError || size > 1 {
					break
				}
				v = v[:len(v)-1]
			}
			b.WriteString(v)
			break
		}
		b.WriteString(v)
	}
	return b.String()
}
