package cjk

import (
	"strings"
	"unicode/utf8"
)

// replace records the replacement of unit i by a mark.
func (s *scanner) replace(i int, k ukind, r rune) {
	u := &s.units[i]
	u.changed = true
	u.eff = k
	u.effR = r
}

// punctuation decides the replacements of one line and reports them.
func (s *scanner) punctuation() {
	english := !s.cj && s.words >= 2 && s.spaced
	// Brackets first: the marks next to them look at what they become.
	if s.cj {
		for i := range s.units {
			if u := &s.units[i]; int(u.mate) > i && !u.virtual {
				s.brackets(i, int(u.mate))
			}
		}
	}
	for i := range s.units {
		u := &s.units[i]
		if u.virtual || u.changed {
			continue
		}
		switch u.kind {
		case uWord:
			if u.fw {
				s.halfWidthWord(i)
			}
		case uFull:
			switch {
			case english:
				s.halfWidthMark(i)
			case u.r == '：' && u.n == 1 && s.betweenDigits(i):
				s.replace(i, uPunct, ':')
				s.add(Punctuation, u.start, u.end, `use ":" in a time such as "12:30"`, Edit{u.start, u.end, ":"})
			case u.n >= 2 && collapsible(u.r):
				mark := string(u.r)
				if u.r == '。' && u.n >= 3 {
					mark = "……"
				}
				s.replace(i, uFull, u.r)
				old := s.text[u.start:u.end]
				s.add(Punctuation, u.start, u.end, s.msg("use ", mark, " instead of ", old, ""), Edit{u.start, u.end, mark})
			}
		case uPunct:
			if s.cj && u.r < 0x80 && s.converts(byte(u.r)) {
				s.fullWidthMark(i)
			}
		}
	}
}

func (s *scanner) betweenDigits(i int) bool {
	if i == 0 || i+1 >= len(s.units) {
		return false
	}
	p, n := &s.units[i-1], &s.units[i+1]
	return p.kind == uWord && isDigit(p.last) && n.kind == uWord && isDigit(n.first)
}

// brackets decides the pair of brackets at units o and c.
func (s *scanner) brackets(o, c int) {
	ou, cu := &s.units[o], &s.units[c]
	if !s.converts('(') || !s.converts(')') {
		return
	}
	switch {
	case ou.kind == uPunct && cu.kind == uPunct:
		if !s.chineseBrackets(o, c) {
			return
		}
		s.replace(o, uFull, '（')
		s.replace(c, uFull, '）')
		msg := `use "（" and "）" around Chinese text`
		if s.opt.Brackets == BracketsFullWidth {
			msg = `use full-width "（" and "）" in Chinese text`
		}
		s.add(Punctuation, ou.start, cu.end, msg, Edit{ou.start, ou.end, "（"}, Edit{cu.start, cu.end, "）"})
	case ou.kind == uPunct: // (…）
		s.replace(o, uFull, '（')
		s.add(Punctuation, ou.start, ou.end, `use "（" to match "）"`, Edit{ou.start, ou.end, "（"})
	case cu.kind == uPunct: // （…)
		s.replace(c, uFull, '）')
		s.add(Punctuation, cu.start, cu.end, `use "）" to match "（"`, Edit{cu.start, cu.end, "）"})
	}
}

// chineseBrackets reports an ASCII pair that the bracket style turns
// full-width: one around Chinese content ("(融合相邻的算子)", "(T5模型)"),
// or, in BracketsFullWidth, any pair with Chinese inside or next to it.
func (s *scanner) chineseBrackets(o, c int) bool {
	f, _ := s.nextNS(o)
	l, _ := s.prevNS(c)
	if f < 0 || f >= c || l <= o {
		return false
	}
	fs, fr := s.sideOf(&s.units[f], true)
	ls, lr := s.sideOf(&s.units[l], false)
	if isCJSide(fs, fr) || isCJSide(ls, lr) {
		return true
	}
	if s.opt.Brackets != BracketsFullWidth {
		return false
	}
	for k := o + 1; k < c; k++ {
		if sd, r := s.sideOf(&s.units[k], true); isCJSide(sd, r) {
			return true
		}
	}
	bs, br, _, _ := s.leftOf(o)
	as, ar, _ := s.rightOf(c)
	return isCJSide(bs, br) || bs == sFull || isCJSide(as, ar) || as == sFull
}

// fullWidthMark decides an ASCII mark on a line with Chinese text.
func (s *scanner) fullWidthMark(i int) {
	u := &s.units[i]
	as, ar, ai, adjA := s.leftOf(i)
	bs, br, adjB := s.rightOf(i)
	// A mark right after Chinese text, or after a closing full-width
	// bracket or quote that follows it.
	cjA := isCJSide(as, ar) || adjA && (as == sFull && isFullClose(ar) || as == sQuote && isCloseQuote(ar))
	cjB := isCJSide(bs, br)
	b := byte(u.r)
	full := toFull(b)
	switch b {
	case '.':
		if u.n >= 3 {
			if cjA || cjB {
				s.replace(i, uFull, '…')
				s.add(Punctuation, u.start, u.end, s.msg("use ", "……", " instead of ", s.text[u.start:u.end], " in Chinese text"),
					Edit{u.start, u.end, "……"})
			}
			return
		}
		if u.n != 1 {
			return
		}
	case '(', ')':
		return // decided with its pair
	}
	convert := false
	why := " after Chinese text"
	switch b {
	case ',', '?':
		// "中文,English" and "kmeans,使文档": a comma or question mark
		// touching Chinese text on either side.
		switch {
		case cjA:
			convert = true
		case adjA && (as == sLatin || as == sCJK || as == sObject) && cjB:
			convert = true
			why = " before Chinese text"
		}
	case '.', ':', '!', ';':
		// These marks also live inside Latin tokens ("阿里巴巴.US",
		// "者!import"), so they convert only after Chinese text and when
		// not glued to what follows.
		convert = cjA && adjA && (bs == sNone || cjB || bs == sFull || bs == sQuote || !adjB)
	}
	if !convert && (b == '.' || b == '!' || b == '?') && s.terminal(i, ai, adjA, bs) {
		convert = true
		why = " at the end of a Chinese sentence"
	}
	if !convert {
		return
	}
	s.replace(i, uFull, full)
	old := s.text[u.start:u.end]
	use := "use "
	if u.n > 1 {
		use = "use a single "
	}
	fs := fullString(full)
	s.add(Punctuation, u.start, u.end, s.msg(use, fs, " instead of ", old, why), Edit{u.start, u.end, fs})
}

// abbreviations end with a period that is not a full stop.
var abbreviations = map[string]bool{
	"al": true, "approx": true, "cf": true, "co": true, "corp": true, "dr": true, "ed": true, "eds": true,
	"eq": true, "eqs": true, "etc": true, "fig": true, "figs": true, "inc": true, "jr": true, "ltd": true,
	"mr": true, "mrs": true, "ms": true, "no": true, "pp": true, "prof": true, "ref": true, "resp": true,
	"sec": true, "sr": true, "tab": true, "vol": true, "vs": true, "st": true, "def": true, "thm": true,
}

// terminal reports a sentence mark at the end of a line that ends a Chinese
// sentence with a short Latin tail: "我们使用了BERT." and "不知道？JFGI!".
// Up to three Latin words may stand between the Chinese text and the mark.
func (s *scanner) terminal(i, ai int, adjA bool, bs side) bool {
	if bs != sNone || ai < 0 || !adjA || s.units[ai].kind != uWord {
		return false
	}
	if s.units[i].r == '.' {
		w := s.text[s.units[ai].start:s.units[ai].end]
		if strings.Contains(w, ".") || abbreviations[strings.ToLower(w)] {
			return false
		}
	}
	words := 0
	for j := ai; j >= 0; j-- {
		u := &s.units[j]
		switch u.eff {
		case uSpace:
			continue
		case uWord:
			words++
			if words > 3 {
				return false
			}
			continue
		case uPunct:
			if u.effR == '-' || u.effR == '/' || u.effR == '&' || u.effR == '+' {
				continue
			}
			return false
		}
		sd, r := s.sideOf(u, false)
		return isCJSide(sd, r) || sd == sFull
	}
	return false
}

// halfWidthWord turns the full-width letters and digits of a word into ASCII.
func (s *scanner) halfWidthWord(i int) {
	u := &s.units[i]
	old := s.text[u.start:u.end]
	var b strings.Builder
	for _, r := range old {
		if a := fullwidthAlnum(r); a != 0 {
			r = a
		}
		b.WriteRune(r)
	}
	s.units[i].changed = true
	s.add(Punctuation, u.start, u.end, s.msg("use ", b.String(), " instead of ", old, ""), Edit{u.start, u.end, b.String()})
}

// halfWidthMark turns a full-width mark on an English line into ASCII,
// with the space English puts after it: "english，to" -> "english, to".
func (s *scanner) halfWidthMark(i int) {
	u := &s.units[i]
	h := toHalf(u.r)
	if h == 0 || !s.converts(h) {
		return
	}
	start, end := u.start, u.end
	repl := strings.Repeat(string(h), int(u.n))
	prevWord := i > 0 && s.units[i-1].kind == uWord
	nextWord := i+1 < len(s.units) && s.units[i+1].kind == uWord
	switch h {
	case '(':
		if prevWord {
			repl = " " + repl
		}
	default:
		// A space before a closing mark goes: "english ，to".
		if i >= 2 && s.units[i-1].kind == uSpace && !s.units[i-1].virtual &&
			(s.units[i-2].kind == uWord || s.units[i-2].kind == uQuote) {
			start = s.units[i-1].start
		}
		// No space inside a number or a time: "1，000", "12：30".
		inNumber := nextWord && prevWord && isDigit(s.units[i-1].last) && isDigit(s.units[i+1].first) && h != ')'
		if nextWord && !inNumber {
			repl += " "
		}
	}
	s.replace(i, uPunct, rune(h))
	s.add(Punctuation, u.start, u.end, s.msg("use ", string(rune(h)), " instead of ", s.text[u.start:u.start+utf8.RuneLen(u.r)], " in English text"),
		Edit{start, end, repl})
}

// fullString returns the full-width mark r as a string without allocating.
func fullString(r rune) string {
	switch r {
	case '，':
		return "，"
	case '。':
		return "。"
	case '：':
		return "："
	case '；':
		return "；"
	case '！':
		return "！"
	case '？':
		return "？"
	case '（':
		return "（"
	case '）':
		return "）"
	}
	return string(r)
}
