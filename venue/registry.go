package venue

import (
	"bytes"
	_ "embed" // the built-in registry is embedded
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

//go:embed venues.yaml
var embedded []byte

// Registry maps venue names to venues. Its venues never change once it is built, so one Registry
// may be shared by any number of goroutines; the index and memo ResolveBib builds on first use are
// safe for concurrent use too, and are dropped with the Registry.
type Registry struct {
	venues []*Venue          // in file order, then config order
	byName map[string]*Venue // normalised tag, alias or former tag -> venue
	bib    bibResolver       // ResolveBib's names and memo, built on first use
}

var defaultRegistry = sync.OnceValue(func() *Registry {
	r, err := Parse(embedded)
	if err != nil {
		// The package tests parse the embedded file, so a broken one never ships; an empty
		// registry keeps the program running (every venue reads as unknown) instead of crashing.
		return &Registry{byName: map[string]*Venue{}}
	}
	return r
})

// Default returns the built-in registry embedded from venues.yaml. It is parsed once and shared.
func Default() *Registry {
	return defaultRegistry()
}

// Normalize returns the form names are compared in: lower case, with white space and '&' removed,
// so "S&P", "SP" and "s & p" are all "sp" and "USENIX Security" is "usenixsecurity".
func Normalize(name string) string {
	return string(appendNormalized(make([]byte, 0, len(name)), name))
}

// appendNormalized appends the Normalize form of name to dst.
func appendNormalized(dst []byte, name string) []byte {
	for i := 0; i < len(name); {
		if c := name[i]; c < utf8.RuneSelf {
			i++
			switch {
			case c == '&' || c == ' ' || c >= '\t' && c <= '\r':
			case c >= 'A' && c <= 'Z':
				dst = append(dst, c+'a'-'A')
			default:
				dst = append(dst, c)
			}
			continue
		}
		r, n := utf8.DecodeRuneInString(name[i:])
		i += n
		if !unicode.IsSpace(r) {
			dst = utf8.AppendRune(dst, unicode.ToLower(r))
		}
	}
	return dst
}

// Lookup finds the venue a name refers to: its tag, an alias or a former tag, compared after
// Normalize. ok is false for an unknown or empty name. It allocates nothing for names of up to
// 64 bytes: every paper's tag is looked up by several rules.
func (r *Registry) Lookup(name string) (v *Venue, ok bool) {
	var buf [64]byte
	key := appendNormalized(buf[:0], name)
	if len(key) == 0 {
		return nil, false
	}
	v, ok = r.byName[string(key)]
	return v, ok
}

// All returns every venue in registry order: the embedded file's order, then venues added by With.
func (r *Registry) All() []*Venue {
	return slices.Clone(r.venues)
}

// With returns a new registry that adds the given venues and aliases (alias name -> tag or any name
// Lookup resolves) to r, leaving r untouched. A venue with no EntryType gets the one its Kind implies.
// It is an error for an extra venue to be invalid or to reuse a name r already knows, for an alias
// to point at an unknown venue, or for an alias to name a different venue already; an alias that
// already names its target is accepted and changes nothing.
func (r *Registry) With(extra []Venue, aliases map[string]string) (*Registry, error) {
	n := &Registry{
		venues: slices.Clone(r.venues),
		byName: maps.Clone(r.byName),
	}
	for i := range extra {
		v := cloneVenue(&extra[i])
		if v.EntryType == "" {
			v.EntryType = defaultEntryType(v.Kind)
		}
		if err := validate(v); err != nil {
			return nil, fmt.Errorf("config venue %d (%q): %w", i+1, v.Tag, err)
		}
		if err := n.add(v); err != nil {
			return nil, fmt.Errorf("config venue %q: %w", v.Tag, err)
		}
	}
	// Sorted so that the first error reported for a bad map is always the same one.
	// A venue is copied once, the first time an alias names it: copying it
	// for each alias made 40,000 aliases of one venue quadratic.
	own := map[*Venue]bool{}
	for _, alias := range slices.Sorted(maps.Keys(aliases)) {
		target := aliases[alias]
		key := Normalize(alias)
		if key == "" {
			return nil, fmt.Errorf("venue alias %q -> %q: empty alias", alias, target)
		}
		v, ok := n.Lookup(target)
		if !ok {
			return nil, fmt.Errorf("venue alias %q -> %q: %q is not a known venue", alias, target, target)
		}
		if have, ok := n.byName[key]; ok {
			if have.Tag == v.Tag {
				continue
			}
			return nil, fmt.Errorf("venue alias %q -> %q: %q already names %s", alias, target, alias, have.Tag)
		}
		// Venues may be shared with r (and Default), so copy before adding the alias.
		if !own[v] {
			c := cloneVenue(v)
			n.replace(v, c)
			own[c], v = true, c
		}
		v.Aliases = append(v.Aliases, alias)
		n.byName[key] = v
	}
	return n, nil
}

// add indexes v under all its names; it fails when one of them is taken.
func (r *Registry) add(v *Venue) error {
	keys := make(map[string]bool)
	for _, name := range v.Names() {
		key := Normalize(name)
		if key == "" {
			return errors.New("empty name")
		}
		if have, ok := r.byName[key]; ok {
			return fmt.Errorf("name %q already names %s", name, have.Tag)
		}
		keys[key] = true
	}
	for key := range keys {
		r.byName[key] = v
	}
	r.venues = append(r.venues, v)
	return nil
}

// replace swaps old for c in the list and under every name of old.
func (r *Registry) replace(old, c *Venue) {
	for i, v := range r.venues {
		if v == old {
			r.venues[i] = c
		}
	}
	for _, name := range old.Names() {
		r.byName[Normalize(name)] = c
	}
}

func cloneVenue(v *Venue) *Venue {
	c := *v
	c.Aliases = slices.Clone(v.Aliases)
	c.Accepted = slices.Clone(v.Accepted)
	c.Former = slices.Clone(v.Former)
	c.Fields = slices.Clone(v.Fields)
	c.Unverified = slices.Clone(v.Unverified)
	c.Held.Extra = slices.Clone(v.Held.Extra)
	c.Held.Skip = slices.Clone(v.Held.Skip)
	c.Held.Years = slices.Clone(v.Held.Years)
	if v.Earlier != nil {
		e := *v.Earlier
		c.Earlier = &e
	}
	return &c
}

func defaultEntryType(k Kind) string {
	switch k {
	case Conference, Workshop:
		return EntryInProceedings
	case Journal:
		return EntryArticle
	case Preprint:
		return EntryMisc
	}
	return ""
}

// validate checks what `papers bib` and the rules rely on.
func validate(v *Venue) error {
	if strings.TrimSpace(v.Tag) == "" {
		return errors.New("missing tag")
	}
	switch v.Kind {
	case Conference, Journal, Workshop, Preprint:
	case "":
		return errors.New("missing kind (conference, journal, workshop or preprint)")
	default:
		return fmt.Errorf("unknown kind %q (want conference, journal, workshop or preprint)", v.Kind)
	}
	if err := checkEntry(v.EntryType, v.Booktitle, v.Journal, v.Kind); err != nil {
		return err
	}
	if e := v.Earlier; e != nil {
		if e.Until == 0 {
			return errors.New("earlier form without until")
		}
		if e.EntryType != EntryInProceedings && e.EntryType != EntryArticle && e.EntryType != EntryMisc {
			return fmt.Errorf("earlier form: unknown entry type %q", e.EntryType)
		}
	}
	for i := 1; i < len(v.Former); i++ {
		if v.Former[i].Until <= v.Former[i-1].Until {
			return errors.New("former tags must be listed oldest first")
		}
	}
	switch v.Held.Cadence {
	case "", Annual, Even, Odd, Irregular, Continuous:
	default:
		return fmt.Errorf("held: unknown cadence %q", v.Held.Cadence)
	}
	switch v.Held.Then {
	case "", Annual, Even, Odd, Irregular, Continuous:
	default:
		return fmt.Errorf("held: unknown cadence %q after %d", v.Held.Then, v.Held.Until)
	}
	return nil
}

func checkEntry(entry, booktitle, journal string, kind Kind) error {
	switch entry {
	case EntryInProceedings:
		// A workshop series has no single proceedings title; each workshop names its own.
		if booktitle == "" && kind != Workshop {
			return errors.New("inproceedings entry needs a booktitle")
		}
	case EntryArticle, EntryMisc:
		if journal == "" {
			return fmt.Errorf("%s entry needs a journal", entry)
		}
	case "":
		return errors.New("missing entry type")
	default:
		return fmt.Errorf("unknown entry type %q (want inproceedings, article or misc)", entry)
	}
	return nil
}

// file is the layout of venues.yaml.
type file struct {
	Venues []fileVenue `yaml:"venues"`
}

type fileVenue struct {
	Tag           string       `yaml:"tag"`
	Aliases       []string     `yaml:"aliases"`
	Accepted      []string     `yaml:"accepted"`
	Former        []fileFormer `yaml:"former"`
	Kind          Kind         `yaml:"kind"`
	Entry         string       `yaml:"entry"`
	Booktitle     string       `yaml:"booktitle"`
	Journal       string       `yaml:"journal"`
	JournalAbbrev string       `yaml:"journal_abbrev"`
	Series        string       `yaml:"series"`
	Publisher     string       `yaml:"publisher"`
	DBLP          string       `yaml:"dblp"`
	Fields        []string     `yaml:"fields"`
	Earlier       *fileEarlier `yaml:"earlier"`
	Held          fileHeld     `yaml:"held"`
	Unverified    []string     `yaml:"unverified"`
}

type fileFormer struct {
	Tag      string `yaml:"tag"`
	Until    int    `yaml:"until"`
	Verified *bool  `yaml:"verified"`
}

type fileEarlier struct {
	Until     int    `yaml:"until"`
	Entry     string `yaml:"entry"`
	Booktitle string `yaml:"booktitle"`
}

type fileHeld struct {
	First    int    `yaml:"first"`
	Cadence  string `yaml:"cadence"`
	Until    int    `yaml:"until"`
	Then     string `yaml:"then"`
	Extra    []int  `yaml:"extra"`
	Skip     []int  `yaml:"skip"`
	Years    []int  `yaml:"years"`
	Verified *bool  `yaml:"verified"`
}

// Parse builds a registry from a document in the layout of the embedded venues.yaml (a top-level
// `venues:` list). Unknown keys are errors, and every held and former entry must say whether it is
// verified, so that nothing is taken as checked by default.
func Parse(data []byte) (*Registry, error) {
	var f file
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("decoding venues: %w", err)
	}
	r := &Registry{byName: make(map[string]*Venue, 4*len(f.Venues))}
	for i, fv := range f.Venues {
		v, err := fv.venue()
		if err == nil {
			err = validate(v)
		}
		if err == nil {
			err = r.add(v)
		}
		if err != nil {
			return nil, fmt.Errorf("venue %d (%q): %w", i+1, fv.Tag, err)
		}
	}
	return r, nil
}

func (fv fileVenue) venue() (*Venue, error) {
	if fv.Held.Verified == nil {
		return nil, errors.New("held: verified must be true or false")
	}
	v := &Venue{
		Tag:           fv.Tag,
		Aliases:       fv.Aliases,
		Accepted:      fv.Accepted,
		Kind:          fv.Kind,
		EntryType:     fv.Entry,
		Booktitle:     fv.Booktitle,
		Journal:       fv.Journal,
		JournalAbbrev: fv.JournalAbbrev,
		Series:        fv.Series,
		Publisher:     fv.Publisher,
		DBLP:          fv.DBLP,
		Fields:        fv.Fields,
		Unverified:    fv.Unverified,
		Held: Held{
			First:    fv.Held.First,
			Cadence:  fv.Held.Cadence,
			Until:    fv.Held.Until,
			Then:     fv.Held.Then,
			Extra:    fv.Held.Extra,
			Skip:     fv.Held.Skip,
			Years:    fv.Held.Years,
			Verified: *fv.Held.Verified,
		},
	}
	for _, ff := range fv.Former {
		if ff.Verified == nil {
			return nil, fmt.Errorf("former tag %q: verified must be true or false", ff.Tag)
		}
		v.Former = append(v.Former, Former{Tag: ff.Tag, Until: ff.Until, Verified: *ff.Verified})
	}
	if fe := fv.Earlier; fe != nil {
		v.Earlier = &Earlier{Until: fe.Until, EntryType: fe.Entry, Booktitle: fe.Booktitle}
	}
	return v, nil
}
