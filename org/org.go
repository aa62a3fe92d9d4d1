// Package org knows how paper notes should spell the organisation tag that ends an entry (Ali in
// "DIN[KDD'18][Ali]"): canonical names and their variants, short forms that are ambiguous (suggest, never fix), and organisations
// that are related but distinct (FAIR is not a misspelling of Meta, MSR is not MSRA).
//
// The built-in list is embedded from orgs.yaml (Default); configuration adds organisations and
// aliases with Registry.With. A Registry and the Orgs it hands out are shared and must not be modified.
package org

import (
	"bytes"
	_ "embed" // the built-in list is embedded
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"

	"gopkg.in/yaml.v3"
)

//go:embed orgs.yaml
var embedded []byte

// Org is one organisation.
type Org struct {
	// Name is the canonical spelling, e.g. "Google", "MSRA", "UC Berkeley".
	Name string
	// Kind is "company" or "university"; empty for organisations added by configuration.
	Kind string
	// Variants are other spellings of the same organisation, e.g. "Standford" for Stanford.
	Variants []string
	// Related are distinct organisations that must not be taken for misspellings of this one.
	Related []string
}

// Registry resolves organisation tags. It is immutable once built, so one Registry may be shared by
// any number of goroutines.
type Registry struct {
	orgs      []*Org
	byName    map[string]*Org     // normalised name or variant -> organisation
	ambiguous map[string][]string // normalised short form -> candidate organisations
}

var defaultRegistry = sync.OnceValue(func() *Registry {
	r, err := Parse(embedded)
	if err != nil {
		// The package tests parse the embedded file, so a broken one never ships; an empty
		// registry keeps the program running (every tag reads as unknown) instead of crashing.
		return &Registry{byName: map[string]*Org{}, ambiguous: map[string][]string{}}
	}
	return r
})

// Default returns the built-in registry embedded from orgs.yaml. It is parsed once and shared.
func Default() *Registry {
	return defaultRegistry()
}

// normalize returns the form tags are compared in: lower case, white space trimmed and runs of it
// collapsed. Spaces inside a name are kept, because "HuggingFace" and "UTAustin" are variants the
// list names on purpose.
func normalize(tag string) string {
	return strings.ToLower(strings.Join(strings.Fields(tag), " "))
}

// Lookup returns the organisation a tag names (its name or a variant, in any case).
func (r *Registry) Lookup(tag string) (*Org, bool) {
	o, ok := r.byName[normalize(tag)]
	return o, ok
}

// Canonical returns the canonical name of the organisation tag names. exact is true when tag is
// already spelled that way, false when it is a case variant (google) or a listed variant
// (Standford). ok is false for unknown tags and for ambiguous short forms such as UW or NTU: see
// Ambiguous.
func (r *Registry) Canonical(tag string) (name string, exact bool, ok bool) {
	o, ok := r.Lookup(tag)
	if !ok {
		return "", false, false
	}
	return o.Name, tag == o.Name, true
}

// Ambiguous returns the organisations a short form such as UW, MS, Ali or NTU could mean. A linter may
// list them but must not pick one. ok is false when tag is not an ambiguous short form (including
// one that configuration settled with an alias).
func (r *Registry) Ambiguous(tag string) (candidates []string, ok bool) {
	c, ok := r.ambiguous[normalize(tag)]
	if !ok {
		return nil, false
	}
	return slices.Clone(c), true
}

// Related reports whether a and b name distinct organisations that the list records as related
// (a lab in a company, a rename, a merger), so that neither is a misspelling of the other. Tags are
// resolved through names and variants first; a tag the list does not know is compared as written,
// ignoring case. The same organisation is not related to itself.
func (r *Registry) Related(a, b string) bool {
	oa, okA := r.Lookup(a)
	ob, okB := r.Lookup(b)
	if okA && okB && oa == ob {
		return false
	}
	ka, kb := r.key(a), r.key(b)
	if ka == kb {
		return false
	}
	lists := func(o *Org, ok bool, other string) bool {
		return ok && slices.ContainsFunc(o.Related, func(rel string) bool { return r.key(rel) == other })
	}
	return lists(oa, okA, kb) || lists(ob, okB, ka)
}

// key identifies an organisation for Related: the normalised canonical name when known.
func (r *Registry) key(tag string) string {
	if o, ok := r.Lookup(tag); ok {
		return normalize(o.Name)
	}
	return normalize(tag)
}

// All returns every organisation in registry order: the embedded file's order, then those added by
// With.
func (r *Registry) All() []*Org {
	return slices.Clone(r.orgs)
}

// With returns a new registry that adds the given organisations and aliases (alias -> name or
// variant of a known organisation) to r, leaving r untouched. An organisation or alias that uses an
// ambiguous short form settles it for the new registry (MS -> MSRA). It is an error for an
// organisation to have no name or to reuse a name r knows, for an alias to point at an unknown
// organisation, or for an alias to name a different organisation already; an alias that already
// names its target is accepted and changes nothing.
func (r *Registry) With(extra []Org, aliases map[string]string) (*Registry, error) {
	n := &Registry{
		orgs:      slices.Clone(r.orgs),
		byName:    maps.Clone(r.byName),
		ambiguous: maps.Clone(r.ambiguous),
	}
	for i := range extra {
		o := cloneOrg(&extra[i])
		if strings.TrimSpace(o.Name) == "" {
			return nil, fmt.Errorf("config organisation %d: missing name", i+1)
		}
		if err := n.add(o); err != nil {
			return nil, fmt.Errorf("config organisation %q: %w", o.Name, err)
		}
		for _, name := range o.names() {
			delete(n.ambiguous, normalize(name))
		}
	}
	// Sorted so that the first error reported for a bad map is always the same one.
	// An organisation is copied once, the first time an alias names it:
	// copying it for each alias made 40,000 aliases of one quadratic.
	own := map[*Org]bool{}
	for _, alias := range slices.Sorted(maps.Keys(aliases)) {
		target := aliases[alias]
		key := normalize(alias)
		if key == "" {
			return nil, fmt.Errorf("organisation alias %q -> %q: empty alias", alias, target)
		}
		o, ok := n.Lookup(target)
		if !ok {
			return nil, fmt.Errorf("organisation alias %q -> %q: %q is not a known organisation", alias, target, target)
		}
		if have, ok := n.byName[key]; ok {
			if have == o {
				continue
			}
			return nil, fmt.Errorf("organisation alias %q -> %q: %q already names %s", alias, target, alias, have.Name)
		}
		// Organisations may be shared with r (and Default), so copy before adding the variant.
		if !own[o] {
			c := cloneOrg(o)
			n.replace(o, c)
			own[c], o = true, c
		}
		o.Variants = append(o.Variants, alias)
		n.byName[key] = o
		delete(n.ambiguous, key)
	}
	return n, nil
}

func (o *Org) names() []string {
	return append([]string{o.Name}, o.Variants...)
}

// add indexes o under its name and variants; it fails when one of them is taken.
func (r *Registry) add(o *Org) error {
	keys := make(map[string]bool)
	for _, name := range o.names() {
		key := normalize(name)
		if key == "" {
			return errors.New("empty variant")
		}
		if have, ok := r.byName[key]; ok {
			return fmt.Errorf("%q already names %s", name, have.Name)
		}
		keys[key] = true
	}
	for key := range keys {
		r.byName[key] = o
	}
	r.orgs = append(r.orgs, o)
	return nil
}

// replace swaps old for c in the list and under every name of old.
func (r *Registry) replace(old, c *Org) {
	for i, o := range r.orgs {
		if o == old {
			r.orgs[i] = c
		}
	}
	for _, name := range old.names() {
		r.byName[normalize(name)] = c
	}
}

func cloneOrg(o *Org) *Org {
	c := *o
	c.Variants = slices.Clone(o.Variants)
	c.Related = slices.Clone(o.Related)
	return &c
}

// file is the layout of orgs.yaml.
type file struct {
	Organisations []struct {
		Name     string   `yaml:"name"`
		Kind     string   `yaml:"kind"`
		Variants []string `yaml:"variants"`
		Related  []string `yaml:"related"`
	} `yaml:"organisations"`
	Ambiguous []struct {
		Tag        string   `yaml:"tag"`
		Candidates []string `yaml:"candidates"`
	} `yaml:"ambiguous"`
}

// Parse builds a registry from a document in the layout of the embedded orgs.yaml. Unknown keys are
// errors, as are duplicate names and a short form that is both ambiguous and an organisation.
func Parse(data []byte) (*Registry, error) {
	var f file
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("decoding organisations: %w", err)
	}
	r := &Registry{byName: make(map[string]*Org), ambiguous: make(map[string][]string)}
	for i, fo := range f.Organisations {
		o := &Org{Name: fo.Name, Kind: fo.Kind, Variants: fo.Variants, Related: fo.Related}
		if strings.TrimSpace(o.Name) == "" {
			return nil, fmt.Errorf("organisation %d: missing name", i+1)
		}
		if o.Kind != "company" && o.Kind != "university" {
			return nil, fmt.Errorf("organisation %q: kind %q is neither company nor university", o.Name, o.Kind)
		}
		if err := r.add(o); err != nil {
			return nil, fmt.Errorf("organisation %q: %w", o.Name, err)
		}
	}
	for _, a := range f.Ambiguous {
		key := normalize(a.Tag)
		if key == "" || len(a.Candidates) == 0 {
			return nil, fmt.Errorf("ambiguous short form %q: needs a tag and candidates", a.Tag)
		}
		if o, ok := r.byName[key]; ok {
			// Canonical would call it exact and a linter would accept it silently.
			return nil, fmt.Errorf("ambiguous short form %q is also a name of %s", a.Tag, o.Name)
		}
		if _, dup := r.ambiguous[key]; dup {
			return nil, fmt.Errorf("ambiguous short form %q listed twice", a.Tag)
		}
		r.ambiguous[key] = a.Candidates
	}
	return r, nil
}
