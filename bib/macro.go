package bib

import "sort"

// Macro is a named string: an @string definition or one of the 12 month
// macros BibTeX styles predefine.
type Macro struct {
	Name       string // as written in its definition
	Value      string // the resolved value
	File       string // file of the definition; "" when predefined or defined in code
	Span       Span   // the @string block; zero when predefined or defined in code
	Predefined bool   // one of jan..dec, not redefined
}

// monthNames are the values the standard styles give the month macros.
var monthNames = [12][2]string{
	{"jan", "January"}, {"feb", "February"}, {"mar", "March"}, {"apr", "April"},
	{"may", "May"}, {"jun", "June"}, {"jul", "July"}, {"aug", "August"},
	{"sep", "September"}, {"oct", "October"}, {"nov", "November"}, {"dec", "December"},
}

// Macros is a table of macros whose names compare case-insensitively, as in
// BibTeX. Definitions apply in order: a value is resolved when it is defined.
// A Macros value must not be changed by one goroutine while another uses it.
type Macros struct {
	m    map[string]Macro // keyed by lower-case name
	user int              // names defined by @string or Define
}

// NewMacros returns a table holding the 12 month macros jan..dec, whose values
// are the English month names.
func NewMacros() *Macros {
	m := &Macros{m: make(map[string]Macro, 64)}
	for _, mn := range monthNames {
		m.m[mn[0]] = Macro{Name: mn[0], Value: mn[1], Predefined: true}
	}
	return m
}

// Lookup returns the macro named name, ignoring case.
func (m *Macros) Lookup(name string) (Macro, bool) {
	mac, ok := m.m[lowerASCII(name)]
	return mac, ok
}

// Define adds or replaces a macro. It is how code adds macros that no file
// defines; files add theirs through @string.
func (m *Macros) Define(name, value string) {
	m.define(Macro{Name: name, Value: value})
}

func (m *Macros) define(mac Macro) {
	k := lowerASCII(mac.Name)
	if old, ok := m.m[k]; !ok || old.Predefined {
		m.user++
	}
	m.m[k] = mac
}

// Len returns the number of macro names defined by @string or Define; the
// predefined month macros are not counted unless redefined.
func (m *Macros) Len() int { return m.user }

// All returns every macro, predefined ones included, sorted by lower-case name.
func (m *Macros) All() []Macro {
	keys := make([]string, 0, len(m.m))
	for k := range m.m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	out := make([]Macro, len(keys))
	for i, k := range keys {
		out[i] = m.m[k]
	}
	return out
}

// Clone returns an independent copy, for reading different file sets that
// start from the same macros.
func (m *Macros) Clone() *Macros {
	c := &Macros{m: make(map[string]Macro, len(m.m)), user: m.user}
	for k, v := range m.m {
		c.m[k] = v
	}
	return c
}

// lowerASCII lowers ASCII letters only, as BibTeX does; it does not allocate
// when s has no upper-case ASCII letter.
func lowerASCII(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; 'A' <= c && c <= 'Z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				if c := b[j]; 'A' <= c && c <= 'Z' {
					b[j] = c + ('a' - 'A')
				}
			}
			return string(b)
		}
	}
	return s
}

// equalFoldASCII reports whether a and b are equal ignoring the case of ASCII
// letters, which is how BibTeX compares keys, field names and macro names.
func equalFoldASCII(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		ca, cb := a[i], b[i]
		if ca == cb {
			continue
		}
		if 'A' <= ca && ca <= 'Z' {
			ca += 'a' - 'A'
		}
		if 'A' <= cb && cb <= 'Z' {
			cb += 'a' - 'A'
		}
		if ca != cb {
			return false
		}
	}
	return true
}
