package lint

import (
	"bytes"
	"fmt"
	"sort"
	"strings"
)

// DirectiveRule is the id under which problems with inline directives (an
// unknown rule name, a misspelt directive) are reported.
const DirectiveRule = "directive"

// directives are the ranges of a file in which rules are turned off by
// inline comments:
//
//	<!-- papers-disable rule-a,rule-b -->   ... <!-- papers-enable rule-a -->
//	<!-- papers-disable-next-line rule -->
//	<!-- papers-disable-line rule -->
//	<!-- papers-disable-file -->
//
// and in .bib files the same words after `%`. Without rule names a directive
// applies to every rule.
type directives struct {
	ranges []disabledRange
	diags  []Diagnostic
	// byRule indexes ranges by rule ("" for every rule), for suppressed:
	// a file with thousands of directives and findings must not compare
	// each finding with each range.
	byRule map[string]*rangeSet
}

// rangeSet holds ranges sorted by start, with the largest end among each
// range and those before it, so that a lookup stops as soon as no earlier
// range can reach the offset.
type rangeSet struct {
	start, end, maxEnd []int
}

// contains reports whether off is in one of the ranges.
func (s *rangeSet) contains(off int) bool {
	i := sort.SearchInts(s.start, off+1) - 1 // the last range starting at or before off
	for ; i >= 0 && s.maxEnd[i] > off; i-- {
		if s.end[i] > off {
			return true
		}
	}
	return false
}

type disabledRange struct {
	start, end int
	rule       string // "" for every rule
}

type directiveComment struct {
	start, end int // the comment
	text       string
}

// suppressed reports whether a finding of rule at off is turned off.
// suppresses reports whether a directive of d turns rule off anywhere: a
// list of the rule's findings in a file where none does is kept whole
// without looking at each.
func (d *directives) suppresses(rule string) bool {
	return d != nil && (d.byRule[""] != nil || d.byRule[rule] != nil)
}

func (d *directives) suppressed(rule string, off int) bool {
	if d == nil {
		return false
	}
	for _, key := range [2]string{"", rule} {
		if s := d.byRule[key]; s != nil && s.contains(off) {
			return true
		}
	}
	return false
}

// index builds byRule from ranges, which are sorted by start.
func (d *directives) index() {
	d.byRule = map[string]*rangeSet{}
	for _, r := range d.ranges {
		s := d.byRule[r.rule]
		if s == nil {
			s = &rangeSet{}
			d.byRule[r.rule] = s
		}
		maxEnd := r.end
		if n := len(s.maxEnd); n > 0 {
			maxEnd = max(maxEnd, s.maxEnd[n-1])
		}
		s.start = append(s.start, r.start)
		s.end = append(s.end, r.end)
		s.maxEnd = append(s.maxEnd, maxEnd)
	}
}

// parseDirectives reads the directives of f. known holds every rule id of
// the run, so that a misspelt id is reported instead of silently disabling
// nothing.
func parseDirectives(f *File, known map[string]bool) *directives {
	var comments []directiveComment
	switch f.Kind {
	case NotesFile:
		if f.Notes != nil {
			for _, c := range f.Notes.Comments {
				if strings.HasPrefix(c.Text, "papers-") {
					comments = append(comments, directiveComment{c.Span.Start, c.Span.End, c.Text})
				}
			}
		}
	case BibFile:
		comments = bibDirectiveComments(f.Src)
	}
	if len(comments) == 0 {
		return nil
	}
	d := &directives{}
	li := f.Lines()
	open := map[string]int{} // rule ("" = all) -> start of its open range
	closeRange := func(rule string, at int) {
		if s, ok := open[rule]; ok {
			d.ranges = append(d.ranges, disabledRange{s, at, rule})
			delete(open, rule)
		}
	}
	for _, c := range comments {
		word, rest, _ := strings.Cut(c.text, " ")
		rules, named := d.ruleList(f, c, rest, known)
		if named && len(rules) == 0 {
			continue // only unknown ids: reported, and nothing is disabled
		}
		line := li.Position(c.start).Line
		switch word {
		case "papers-disable-file":
			if len(rules) == 0 {
				rules = []string{""}
			}
			for _, r := range rules {
				d.ranges = append(d.ranges, disabledRange{0, len(f.Src) + 1, r})
			}
		case "papers-disable":
			if len(rules) == 0 {
				rules = []string{""}
			}
			for _, r := range rules {
				if _, ok := open[r]; !ok {
					open[r] = c.end
				}
			}
		case "papers-enable":
			if len(rules) == 0 {
				for r := range open {
					closeRange(r, c.start)
				}
				continue
			}
			for _, r := range rules {
				closeRange(r, c.start)
			}
			// Enabling some rules inside "disable everything" keeps the
			// others disabled: split the all-rules range into one per rule.
			if s, ok := open[""]; ok {
				closeRange("", c.start)
				enabled := map[string]bool{}
				for _, r := range rules {
					enabled[r] = true
				}
				for id := range known {
					if !enabled[id] {
						d.ranges = append(d.ranges, disabledRange{s, c.start, id})
						if _, ok := open[id]; !ok {
							open[id] = c.start
						}
					}
				}
			}
		case "papers-disable-next-line", "papers-disable-line":
			target := line
			if word == "papers-disable-next-line" {
				target = li.Position(c.end).Line + 1
			}
			start, end := li.LineStart(target), li.LineStart(target+1)
			if target >= li.Lines() {
				end = len(f.Src) + 1
			}
			if len(rules) == 0 {
				rules = []string{""}
			}
			for _, r := range rules {
				d.ranges = append(d.ranges, disabledRange{start, end, r})
			}
		default:
			d.diags = append(d.diags, Diagnostic{
				Rule: DirectiveRule, Severity: Warning, File: f.Path, Start: c.start, End: c.end,
				Message: fmt.Sprintf("unknown directive %q; use papers-disable, papers-enable, papers-disable-line, papers-disable-next-line or papers-disable-file", word),
			})
		}
	}
	for r, s := range open {
		d.ranges = append(d.ranges, disabledRange{s, len(f.Src) + 1, r})
	}
	sort.Slice(d.ranges, func(i, j int) bool {
		if d.ranges[i].start != d.ranges[j].start {
			return d.ranges[i].start < d.ranges[j].start
		}
		return d.ranges[i].rule < d.ranges[j].rule
	})
	d.index()
	return d
}

// ruleList splits `rule-a, rule-b` and reports unknown ids. named is true
// when the directive named any rule, known or not.
func (d *directives) ruleList(f *File, c directiveComment, rest string, known map[string]bool) (rules []string, named bool) {
	for _, r := range strings.FieldsFunc(rest, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' }) {
		if r == "--" {
			break // `-- reason` ends the list
		}
		named = true
		if !known[r] {
			d.diags = append(d.diags, Diagnostic{
				Rule: DirectiveRule, Severity: Warning, File: f.Path, Start: c.start, End: c.end,
				Message: fmt.Sprintf("unknown rule %q in directive (see `papers rules`)", r),
			})
			continue
		}
		rules = append(rules, r)
	}
	return rules, named
}

// bibDirectiveComments finds `% papers-...` comments in a .bib file.
func bibDirectiveComments(src []byte) []directiveComment {
	var out []directiveComment
	off := 0
	for {
		i := bytes.Index(src[off:], []byte("papers-"))
		if i < 0 {
			return out
		}
		i += off
		ls := bytes.LastIndexByte(src[:i], '\n') + 1
		le := bytes.IndexByte(src[i:], '\n')
		if le < 0 {
			le = len(src)
		} else {
			le += i
		}
		pct := bytes.IndexByte(src[ls:i], '%')
		if pct >= 0 && len(bytes.TrimSpace(src[ls+pct+1:i])) == 0 {
			text := strings.TrimSpace(string(bytes.TrimRight(src[i:le], "\r")))
			out = append(out, directiveComment{ls + pct, le, text})
		}
		off = le
		if off >= len(src) {
			return out
		}
	}
}
