package cjk

import (
	"strconv"
	"unicode/utf8"
)

// unitText names a unit in a message: a word, a mark, or the CJK letter
// next to the gap (left is the side of the unit that faces it).
func (s *scanner) unitText(u *unit, left bool) string {
	if u.virtual {
		return string(u.first)
	}
	t := s.text[u.start:u.end]
	if u.kind == uCJK {
		if left {
			_, n := utf8.DecodeRuneInString(t)
			return t[:n]
		}
		_, n := utf8.DecodeLastRuneInString(t)
		return t[len(t)-n:]
	}
	if utf8.RuneCountInString(t) > 24 {
		n := 0
		for i := range t {
			if n == 20 {
				return t[:i] + "…"
			}
			n++
		}
	}
	return t
}

// add records a finding. Its edits are carved out of one slice per Check
// call, capped so that a caller appending to one finding's edits cannot
// overwrite another's.
func (s *scanner) add(kind Kind, start, end int, msg string, edits ...Edit) {
	if s.emit != nil {
		// The finding and its edits live in the scanner: handing the
		// sink pointers to locals would move them to the heap.
		s.outEdits = append(s.outEdits[:0], edits...)
		s.out = Finding{Kind: kind, Start: start, End: end, Message: msg, Edits: s.outEdits[:len(edits):len(edits)]}
		s.emit(&s.out)
		return
	}
	n := len(s.edits)
	s.edits = append(s.edits, edits...)
	s.findings = append(s.findings, Finding{Kind: kind, Start: start, End: end, Message: msg,
		Edits: s.edits[n:len(s.edits):len(s.edits)]})
}

// msg builds a1 + quote(q1) + a2 + quote(q2) + a3 with one allocation.
func (s *scanner) msg(a1, q1, a2, q2, a3 string) string {
	s.buf = append(s.buf[:0], a1...)
	s.buf = appendQuote(s.buf, q1)
	s.buf = append(s.buf, a2...)
	s.buf = appendQuote(s.buf, q2)
	s.buf = append(s.buf, a3...)
	if s.intern == nil {
		return string(s.buf)
	}
	// A Checker's messages repeat (the same word next to the same letter,
	// all over a file): one string per distinct message, not per finding.
	if m, ok := s.intern[string(s.buf)]; ok {
		return m
	}
	m := string(s.buf)
	if len(s.intern) < maxInterned {
		s.intern[m] = m
	}
	return m
}

// maxInterned bounds a Checker's distinct messages kept for reuse.
const maxInterned = 1 << 14

// appendQuote appends s in double quotes. Text without quotes, backslashes
// or control characters, the usual case, is copied as is; the rest goes
// through strconv.
func appendQuote(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < ' ' || c == '"' || c == '\\' || c == 0x7F {
			return strconv.AppendQuote(b, s)
		}
	}
	if !utf8.ValidString(s) {
		return strconv.AppendQuote(b, s)
	}
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"')
}
