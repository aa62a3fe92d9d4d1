package lint

import "testing"

// FuzzParseConfig: no config, however malformed, panics the loader, the
// registries or the runner; an error is an error.
func FuzzParseConfig(f *testing.F) {
	for _, s := range []string{
		"rules:\n  org-name: off\n",
		"venues:\n  - tag: DLRS\n    kind: workshop\n    first-year: 2016\nvenue-aliases: {Oakland: S&P}\norg-aliases: {MS: MSRA}\n",
		"exclude: ['**/drafts/**', '[a']\nbib: {README.md: refs.bib}\n",
		"custom-rules:\n  - id: no-todo\n    kind: existence\n    tokens: [TODO]\n    scope: note\n    message: 'x {{.Match}}'\n",
		"style:\n  year: four-digit\n",
		"- a\n", "rules: [", "&a [*a, *a]",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		cfg, err := ParseConfig("fuzz.yaml", data)
		if err != nil {
			return
		}
		if _, err := NewEnv(cfg, 2026); err != nil {
			return
		}
		_, _ = NewRunner(nil, cfg)
		cfg.Excluded("notes/drafts/a.md")
	})
}
