package lint

import (
	"fmt"

	"gopkg.in/yaml.v3"
)

// Style is the convention of a notes list that the format rules hold
// entries to. Lists differ: many never use an organisation tag, or write
// years as 2023; the seed's convention (`Title[VENUE'YY][Org]`) is one of
// them.
type Style struct {
	// Seed holds every file to the seed's convention; otherwise each
	// setting below that is empty is learnt from the file's majority
	// (style: auto, the default).
	Seed bool
	// OrgTags is "required" (every entry names its organisation, the
	// seed's) or "optional".
	OrgTags string `yaml:"org-tags"`
	// Year is "two-digit" (`[KDD'18]`, the seed's) or "four-digit"
	// (`[KDD 2018]`).
	Year string `yaml:"year"`
	// Notes is "required" (every paper has notes under it, the seed's) or
	// "optional" (a reading list of one-line entries).
	Notes string `yaml:"notes"`
	// Brackets is "ascii" (`[KDD'18]`, the seed's) or "full-width"
	// (`【KDD 2018】`).
	Brackets string `yaml:"brackets"`
}

// Style values.
const (
	OrgTagsRequired = "required"
	OrgTagsOptional = "optional"
	YearTwoDigit    = "two-digit"
	YearFourDigit   = "four-digit"
	NotesRequired   = "required"
	NotesOptional   = "optional"
	BracketsASCII   = "ascii"
	BracketsFull    = "full-width"
)

// decodeStyle reads `style: auto`, `style: seed` or a mapping of the
// settings.
func (cfg *Config) decodeStyle(path string, v *yaml.Node) error {
	if v.Kind == yaml.ScalarNode {
		switch v.Value {
		case "auto", "":
			cfg.Style = Style{}
		case "seed":
			cfg.Style = Style{Seed: true}
		default:
			return fmt.Errorf("%s:%d:%d: style %q: want auto, seed, or a mapping with org-tags, year, brackets and notes", path, v.Line, v.Column, v.Value)
		}
		return nil
	}
	var s Style
	if err := strictDecode(path, v, &s); err != nil {
		return err
	}
	for _, c := range []struct{ key, val, a, b string }{
		{"org-tags", s.OrgTags, OrgTagsRequired, OrgTagsOptional},
		{"year", s.Year, YearTwoDigit, YearFourDigit},
		{"brackets", s.Brackets, BracketsASCII, BracketsFull},
		{"notes", s.Notes, NotesRequired, NotesOptional},
	} {
		if c.val != "" && c.val != c.a && c.val != c.b {
			return fmt.Errorf("%s:%d:%d: style: %s %q: want %s or %s", path, v.Line, v.Column, c.key, c.val, c.a, c.b)
		}
	}
	cfg.Style = s
	return nil
}
