package lint

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/paperlint/papers/internal/safeio"
	"github.com/paperlint/papers/lint/custom"
)

// ConfigFileName is the file papers looks for in the working directory and
// its parents.
const ConfigFileName = ".papers.yaml"

// Config is a decoded .papers.yaml.
type Config struct {
	// Path is the file the config was read from; empty for the defaults.
	Path string `yaml:"-"`
	// Rules holds each configured rule's section, by rule id.
	Rules map[string]*RuleConfig `yaml:"-"`
	// Venues are venues the built-in registry lacks.
	Venues []VenueConfig `yaml:"venues"`
	// VenueAliases map a spelling to a known venue (`ISP: S&P`).
	VenueAliases map[string]string `yaml:"venue-aliases"`
	// OrgAliases map a spelling to the organisation it stands for (`MS: MSRA`).
	OrgAliases map[string]string `yaml:"org-aliases"`
	// Bib maps a notes file (relative to the config's folder) to its
	// companion .bib when it is not `<notes>.bib` or `references.bib` beside it.
	Bib map[string]string `yaml:"bib"`
	// bibAt is where each of Bib's values is written, for messages.
	bibAt map[string][2]int
	// AllowOutside lets paths of the config (bib:) name files outside the
	// config's folder; set from --allow-outside, never from the file.
	AllowOutside bool `yaml:"-"`
	// Exclude lists globs of paths not to lint when walking folders.
	Exclude []string `yaml:"exclude"`
	globMemo
	// CustomRules are declarative rules (see package custom): a kind, a
	// scope, a message and the keys of the kind.
	CustomRules []CustomRuleConfig `yaml:"custom-rules"`
	// BibKeyFormat is the key template `papers bib` uses for the entries it
	// builds, such as `{venue}{year}{word}`; --key-format overrides it.
	BibKeyFormat string `yaml:"bib-key-format"`
	// Library lists .bib files (relative to the config's folder) in which
	// `papers bib` looks up the authors and pages of the papers it builds;
	// see LibraryFiles.
	Library []string `yaml:"library"`
	// libraryAt is where each of Library's values is written, for messages.
	libraryAt [][2]int
	// Online lets `papers bib` ask DBLP, Crossref and arXiv; --online and
	// --offline override it.
	Online bool `yaml:"online"`
	// Sources is the order in which papers are looked up, a list of
	// SourceNames; nil means that order. A source left out is not asked.
	// --sources overrides it.
	Sources []string `yaml:"sources"`
	// Email is an address of the user's that online requests carry to
	// Crossref (its "polite pool", which answers more reliably clients it
	// can contact); PAPERS_EMAIL overrides it. Empty sends none.
	Email string `yaml:"email"`
	// Style is the notes convention the format rules expect: learnt from
	// each file by default (style: auto).
	Style Style `yaml:"-"`
}

// RuleConfig is one rule's section of the config.
type RuleConfig struct {
	// Severity is set when the section names one.
	Severity *Severity
	// Options is the YAML of the section's other keys, decoded into the
	// rule's options when the rule is known.
	Options *yaml.Node
	// Line is where the section starts, for error messages.
	Line int
}

// VenueConfig declares a venue in config.
type VenueConfig struct {
	Tag       string   `yaml:"tag"`
	Aliases   []string `yaml:"aliases"`
	Kind      string   `yaml:"kind"`
	EntryType string   `yaml:"entry-type"`
	Booktitle string   `yaml:"booktitle"`
	Journal   string   `yaml:"journal"`
	Publisher string   `yaml:"publisher"`
	First     int      `yaml:"first-year"`
}

// DefaultConfig is the configuration used when no file is found.
func DefaultConfig() *Config { return &Config{Rules: map[string]*RuleConfig{}} }

// FindConfig looks for .papers.yaml in dir and its parents and returns its
// path, or "" when there is none.
func FindConfig(dir string) string {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return ""
	}
	for {
		p := filepath.Join(dir, ConfigFileName)
		if st, err := os.Stat(p); err == nil && !st.IsDir() {
			return p
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

// LoadConfig reads and strictly decodes a config file.
func LoadConfig(path string) (*Config, error) {
	data, err := safeio.ReadFile(path, safeio.DefaultMaxSize)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("config %s: no such file", path)
		}
		return nil, fmt.Errorf("config: %w", err)
	}
	cfg, err := ParseConfig(path, data)
	if err != nil {
		return nil, err
	}
	return cfg, nil
}

// ParseConfig decodes config data. Unknown keys are errors naming their line,
// because a misspelt key that is silently ignored is a rule the user thinks
// is configured and is not.
func ParseConfig(path string, data []byte) (*Config, error) {
	cfg := DefaultConfig()
	cfg.Path = path
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if root.Kind == 0 || len(root.Content) == 0 {
		return cfg, nil // empty file
	}
	doc := root.Content[0]
	if doc.Kind == yaml.ScalarNode && doc.Tag == "!!null" {
		return cfg, nil
	}
	if doc.Kind != yaml.MappingNode {
		return nil, fmt.Errorf("%s:%d:%d: the config must be a mapping of keys such as rules, venues, exclude", path, doc.Line, doc.Column)
	}
	for i := 0; i+1 < len(doc.Content); i += 2 {
		k, v := doc.Content[i], doc.Content[i+1]
		var err error
		switch k.Value {
		case "rules":
			err = cfg.decodeRules(path, v)
		case "venues":
			err = strictDecode(path, v, &cfg.Venues)
		case "venue-aliases":
			err = decodeMap(path, v, &cfg.VenueAliases)
		case "org-aliases":
			err = decodeMap(path, v, &cfg.OrgAliases)
		case "bib":
			err = strictDecode(path, v, &cfg.Bib)
			if err == nil && v.Kind == yaml.MappingNode {
				cfg.bibAt = map[string][2]int{}
				for j := 0; j+1 < len(v.Content); j += 2 {
					cfg.bibAt[v.Content[j].Value] = [2]int{v.Content[j+1].Line, v.Content[j+1].Column}
				}
			}
		case "exclude":
			err = strictDecode(path, v, &cfg.Exclude)
		case "style":
			err = cfg.decodeStyle(path, v)
		case "bib-key-format":
			err = strictDecode(path, v, &cfg.BibKeyFormat)
		case "library":
			err = cfg.decodeLibrary(path, v)
		case "online":
			err = strictDecode(path, v, &cfg.Online)
		case "sources":
			err = cfg.decodeSources(path, v)
		case "email":
			err = strictDecode(path, v, &cfg.Email)
		case "custom-rules":
			cfg.CustomRules, err = custom.Decode(path, v)
		default:
			err = fmt.Errorf("%s:%d:%d: unknown key %q (known: rules, venues, venue-aliases, org-aliases, bib, bib-key-format, library, online, sources, email, style, exclude, custom-rules)", path, k.Line, k.Column, k.Value)
		}
		if err != nil {
			return nil, err
		}
	}
	for _, g := range cfg.Exclude {
		if _, err := filepath.Match(g, ""); err != nil {
			return nil, fmt.Errorf("%s: exclude: bad glob %q: %w", path, g, err)
		}
	}
	return cfg, nil
}

func (cfg *Config) decodeRules(path string, v *yaml.Node) error {
	if v.Kind == yaml.ScalarNode && v.Tag == "!!null" {
		return nil
	}
	if v.Kind != yaml.MappingNode {
		return fmt.Errorf("%s:%d:%d: rules must map rule ids to a severity or a section", path, v.Line, v.Column)
	}
	for i := 0; i+1 < len(v.Content); i += 2 {
		k, val := v.Content[i], v.Content[i+1]
		rc := &RuleConfig{Line: k.Line}
		switch val.Kind {
		case yaml.ScalarNode:
			s := val.Value
			if val.Tag == "!!bool" {
				// `rule: false` reads naturally as "off", `true` as default.
				if s == "false" {
					s = "off"
				} else {
					cfg.Rules[k.Value] = rc
					continue
				}
			}
			sev, err := ParseSeverity(s)
			if err != nil {
				return fmt.Errorf("%s:%d:%d: rule %s: %w", path, val.Line, val.Column, k.Value, err)
			}
			rc.Severity = &sev
		case yaml.MappingNode:
			opts := &yaml.Node{Kind: yaml.MappingNode, Line: val.Line, Column: val.Column}
			for j := 0; j+1 < len(val.Content); j += 2 {
				ok, ov := val.Content[j], val.Content[j+1]
				if ok.Value == "severity" {
					sev, err := ParseSeverity(ov.Value)
					if err != nil {
						return fmt.Errorf("%s:%d:%d: rule %s: %w", path, ov.Line, ov.Column, k.Value, err)
					}
					rc.Severity = &sev
					continue
				}
				opts.Content = append(opts.Content, ok, ov)
			}
			if len(opts.Content) > 0 {
				rc.Options = opts
			}
		default:
			return fmt.Errorf("%s:%d:%d: rule %s: want a severity (off, info, warning, error) or a section", path, val.Line, val.Column, k.Value)
		}
		cfg.Rules[k.Value] = rc
	}
	return nil
}

// strictDecode decodes n into out after checking that every mapping key
// names a field of the target struct (recursively), so that typos are
// reported with their line instead of being ignored.
func strictDecode(path string, n *yaml.Node, out any) error {
	if err := checkKeys(path, n, reflect.TypeOf(out)); err != nil {
		return err
	}
	if err := n.Decode(out); err != nil {
		var te *yaml.TypeError
		if errors.As(err, &te) {
			return fmt.Errorf("%s: %s", path, strings.Join(te.Errors, "; "))
		}
		return fmt.Errorf("%s:%d:%d: %w", path, n.Line, n.Column, err)
	}
	return nil
}

// decodeMap decodes a mapping node into *out one value at a time, checking
// duplicate keys with a map: yaml.v3 compares every key of a mapping with
// every other, so 40,000 aliases took minutes. Anything but a plain
// mapping with scalar keys (a merge key, a wrong type) goes to
// strictDecode, which reports it as before.
func decodeMap[V any](path string, n *yaml.Node, out *map[string]V) error {
	if n.Kind != yaml.MappingNode {
		return strictDecode(path, n, out)
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if k := n.Content[i]; k.Kind != yaml.ScalarNode || k.Tag == "!!merge" {
			return strictDecode(path, n, out)
		}
	}
	m := make(map[string]V, len(n.Content)/2)
	line := make(map[string]int, len(n.Content)/2)
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		var key string
		if err := strictDecode(path, k, &key); err != nil {
			return err
		}
		if at, dup := line[key]; dup {
			return fmt.Errorf("%s:%d:%d: mapping key %q already defined at line %d", path, k.Line, k.Column, key, at)
		}
		line[key] = k.Line
		var val V
		if err := strictDecode(path, v, &val); err != nil {
			return err
		}
		m[key] = val
	}
	if *out == nil {
		*out = m
		return nil
	}
	maps.Copy(*out, m)
	return nil
}

func checkKeys(path string, n *yaml.Node, t reflect.Type) error {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.Struct:
		if n.Kind != yaml.MappingNode {
			return nil // the decoder reports the type mismatch
		}
		fields := map[string]reflect.Type{}
		var names []string
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			tag := strings.Split(f.Tag.Get("yaml"), ",")[0]
			if tag == "-" || !f.IsExported() {
				continue
			}
			if tag == "" {
				tag = strings.ToLower(f.Name)
			}
			fields[tag] = f.Type
			names = append(names, tag)
		}
		sort.Strings(names)
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i]
			ft, ok := fields[k.Value]
			if !ok {
				return fmt.Errorf("%s:%d:%d: unknown key %q (known: %s)", path, k.Line, k.Column, k.Value, strings.Join(names, ", "))
			}
			if err := checkKeys(path, n.Content[i+1], ft); err != nil {
				return err
			}
		}
	case reflect.Slice:
		if n.Kind == yaml.SequenceNode {
			for _, c := range n.Content {
				if err := checkKeys(path, c, t.Elem()); err != nil {
					return err
				}
			}
		}
	case reflect.Map:
		if n.Kind == yaml.MappingNode {
			for i := 1; i < len(n.Content); i += 2 {
				if err := checkKeys(path, n.Content[i], t.Elem()); err != nil {
					return err
				}
			}
		}
	}
	return nil
}
