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
	if len(t) > 24 && utf8.RuneCountInString(t) > 24 { // no more runes than bytes
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
	var recent *recentMessage
	if s.intern != nil {
		// The same message as a few findings before, the usual case (the
		// same word next to the same letter): not built again.
		if s.intern.recent == nil {
			s.intern.recent = new([256]recentMessage) // 24 KB: not for a Checker that finds nothing
		}
		recent = &s.intern.recent[recentSlot(a1, q1, q2)]
		if recent.m != "" && recent.q1 == q1 && recent.q2 == q2 && recent.a1 == a1 && recent.a2 == a2 && recent.a3 == a3 {
			return recent.m
		}
	}
	s.buf = append(s.buf[:0], a1...)
	s.buf = appendQuote(s.buf, q1)
	s.buf = append(s.buf, a2...)
	s.buf = appendQuote(s.buf, q2)
	s.buf = append(s.buf, a3...)
	m := string(s.buf)
	// Messages seen longer ago are not looked up in a map of every
	// message: on the 100k-paper notes, 23% of messages are recent, and
	// the lookups of the rest (16,384 kept) cost more than building them
	// (cjk-spacing 570-670 ms with the map, 500-570 without, for 28 MB
	// more of strings, 24%); one 20 MB line's messages are all recent.
	if recent != nil {
		*recent = recentMessage{a1: a1, q1: q1, a2: a2, q2: q2, a3: a3, m: m}
	}
	return m
}

// messages are a Checker's recent messages, kept for reuse by what they
// are made of.
type messages struct {
	recent *[256]recentMessage
}

// recentMessage is a message m and the parts msg made it of.
type recentMessage struct{ a1, q1, a2, q2, a3, m string }

// recentSlot is where the message of a1, q1 and q2 is kept among the
// recent ones: a hash of the template's length and the bytes of q1 and q2
// next to the gap (the last of the word or letter before, the first of
// the one after) and their lengths.
func recentSlot(a1, q1, q2 string) int {
	h := uint32(len(a1)) | uint32(len(q1))<<8 | uint32(len(q2))<<16
	if n := len(q1); n > 0 {
		h ^= uint32(q1[n-1])<<24 ^ uint32(q1[max(n-2, 0)])<<4
	}
	if n := len(q2); n > 0 {
		h ^= uint32(q2[0])<<12 ^ uint32(q2[min(1, n-1)])<<20 ^ uint32(q2[n-1])
	}
	h *= 0x9E3779B1 // Fibonacci hashing: the top bits mix all of h
	return int(h >> 24)
}

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
