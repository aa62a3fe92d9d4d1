package lint

import (
	"fmt"
	"sort"

	"github.com/paperlint/papers/internal/typo"
)

// Settings are a rule's effective severity and options for a run.
type Settings struct {
	Severity Severity
	Options  any
}

// Resolve checks the config against the rules and returns each rule's
// settings: the default severity and options, overridden by config. A rule id
// the config names but no rule has is an error, with its line.
func (cfg *Config) Resolve(rules []*Rule) (map[string]Settings, error) {
	byID := map[string]*Rule{}
	for _, r := range rules {
		byID[r.ID] = r
	}
	ids := make([]string, 0, len(cfg.Rules))
	for id := range cfg.Rules {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		if _, ok := byID[id]; !ok {
			return nil, fmt.Errorf("%s:%d: unknown rule %q%s (see `papers rules`)", cfg.Path, cfg.Rules[id].Line, id, didYouMean(id, byID))
		}
	}
	out := make(map[string]Settings, len(rules))
	for _, r := range rules {
		s := Settings{Severity: r.Severity}
		if r.NewOptions != nil {
			s.Options = r.NewOptions()
		}
		if rc := cfg.Rules[r.ID]; rc != nil {
			if rc.Severity != nil {
				s.Severity = *rc.Severity
			}
			if rc.Options != nil {
				if s.Options == nil {
					k := rc.Options.Content[0]
					return nil, fmt.Errorf("%s:%d:%d: unknown key %q (rule %s takes only severity)", cfg.Path, k.Line, k.Column, k.Value, r.ID)
				}
				if err := strictDecode(cfg.Path, rc.Options, s.Options); err != nil {
					return nil, fmt.Errorf("rule %s: %w", r.ID, err)
				}
				if v, ok := s.Options.(interface{ Validate() error }); ok {
					if err := v.Validate(); err != nil {
						return nil, fmt.Errorf("%s:%d: rule %s: %w", cfg.Path, rc.Line, r.ID, err)
					}
				}
			}
		}
		out[r.ID] = s
	}
	return out, nil
}

func didYouMean(id string, known map[string]*Rule) string {
	best, bestD := "", 4
	for k := range known {
		if d := typo.Distance([]rune(id), []rune(k)); d < bestD || d == bestD && k < best {
			best, bestD = k, d
		}
	}
	if best == "" {
		return ""
	}
	return fmt.Sprintf("; did you mean %q?", best)
}
