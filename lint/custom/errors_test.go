package custom_test

import (
	"strings"
	"testing"

	"github.com/paperlint/papers/lint"
)

// TestConfigErrors checks that what Compile and Decode refuse is an error
// naming the config's line and column of the culprit.
func TestConfigErrors(t *testing.T) {
	const head = "custom-rules:\n  - id: r\n    scope: title\n    message: m\n"
	tests := []struct {
		name, config, want string
	}{
		{"bad pattern", head + "    pattern: '('\n", "c.yaml:5:14: custom rule r: bad pattern: error parsing regexp"},
		{"unknown kind", head + "    kind: spelling\n", `c.yaml:5:11: custom rule r: kind "spelling" is not one of existence, substitution`},
		{"unknown scope", "custom-rules:\n  - id: r\n    scope: body\n    message: m\n    pattern: x\n", `c.yaml:3:12: custom rule r: scope "body" is not one of title, venue, org, note, section, link, entry, bib-field:NAME`},
		{"empty bib field", "custom-rules:\n  - id: r\n    scope: 'bib-field:'\n    message: m\n    pattern: x\n", `c.yaml:3:12: custom rule r: scope "bib-field:": write bib-field:NAME`},
		{"missing scope", "custom-rules:\n  - id: r\n    message: m\n    pattern: x\n", "c.yaml:2:5: custom rule r needs a scope"},
		{"missing id", "custom-rules:\n  - scope: title\n    message: m\n    pattern: x\n", "c.yaml:2:5: custom rule needs an id"},
		{"missing message", "custom-rules:\n  - id: r\n    scope: title\n    pattern: x\n", "c.yaml:2:5: custom rule r needs a message"},
		{"missing pattern", head, "c.yaml:2:5: custom rule r needs a pattern (RE2), or a kind"},
		{"missing tokens", head + "    kind: existence\n", "c.yaml:5:11: custom rule r: kind existence needs a pattern (RE2) or tokens"},
		{"missing swap", head + "    kind: substitution\n", "c.yaml:5:11: custom rule r: kind substitution needs swap"},
		{"missing min max", head + "    kind: occurrence\n", "c.yaml:5:11: custom rule r: kind occurrence needs min, max or both"},
		{"min above max", head + "    kind: occurrence\n    min: 3\n    max: 2\n", "c.yaml:6:10: custom rule r: min 3 is above max 2"},
		{"missing second", head + "    kind: conditional\n    first: a\n", "c.yaml:5:11: custom rule r: kind conditional needs first and second"},
		{"bad second", head + "    kind: conditional\n    first: a\n    second: '[a'\n", "c.yaml:7:13: custom rule r: bad second: error parsing regexp"},
		{"one spelling", head + "    kind: consistency\n    either: [arXiv]\n", "c.yaml:6:13: custom rule r: either needs two or more spellings"},
		{"bad per", head + "    kind: consistency\n    either: [a, b]\n    per: folder\n", `c.yaml:7:10: custom rule r: per "folder" is not file or run`},
		{"bad swap key", head + "    kind: substitution\n    swap: {'(': x}\n", `c.yaml:6:11: custom rule r: bad swap pattern "(": error parsing regexp`},
		{"missing match", head + "    kind: capitalization\n", "c.yaml:5:11: custom rule r: kind capitalization needs match"},
		{"bad match", head + "    kind: capitalization\n    match: '[a'\n", "c.yaml:6:12: custom rule r: bad match: error parsing regexp"},
		{"foreign key", head + "    pattern: x\n    swap: {a: b}\n", "c.yaml:6:11: custom rule r: key swap does not apply to kind existence (it takes pattern, tokens, ignorecase, nonword)"},
		{"pattern and tokens", head + "    pattern: x\n    tokens: [y]\n", "c.yaml:6:13: custom rule r: give pattern or tokens, not both"},
		{"unknown key", head + "    patern: x\n", `c.yaml:5:5: custom rule r: unknown key "patern" (known: id, kind, message`},
		{"duplicate key", head + "    scope: note\n", `c.yaml:5:5: custom rule r: key "scope" is given twice`},
		{"wrong type", head + "    pattern: x\n    ignorecase: maybe\n", `c.yaml:6:17: custom rule r: ignorecase: want a boolean (true or false), not "maybe"`},
		{"token not a string", head + "    tokens: [a, [b]]\n", "c.yaml:5:17: custom rule r: tokens: want a string"},
		{"bad template", "custom-rules:\n  - id: r\n    scope: title\n    message: '{{.Titel}}'\n    pattern: x\n", "c.yaml:4:14: custom rule r: bad message template: "},
		{"bad severity", head + "    pattern: x\n    severity: loud\n", `c.yaml:6:15: custom rule r: unknown severity "loud"`},
		{"unknown when key", head + "    pattern: x\n    when: {venu: KDD}\n", `c.yaml:6:12: custom rule r: when: unknown key "venu" (known: venue, kind, year, section, files)`},
		{"bad year", head + "    pattern: x\n    when: {year: 21-}\n", `c.yaml:6:18: custom rule r: when: year "21-": write 2021-`},
		{"backwards year", head + "    pattern: x\n    when: {year: 2020-2018}\n", `c.yaml:6:18: custom rule r: when: year "2020-2018": the range ends before it starts`},
		{"bad kind", head + "    pattern: x\n    when: {kind: poster}\n", `c.yaml:6:18: custom rule r: when: kind "poster" is not one of conference, journal, workshop, preprint`},
		{"bad section", head + "    pattern: x\n    when: {section: '('}\n", "c.yaml:6:21: custom rule r: when: bad section pattern"},
		{"bad files", head + "    pattern: x\n    when: {files: '[a'}\n", `c.yaml:6:19: custom rule r: when: bad files glob "[a"`},
		{"section scope with year", "custom-rules:\n  - id: r\n    scope: section\n    message: m\n    pattern: x\n    when: {year: 2021-}\n", "c.yaml:6:11: custom rule r: when: venue, kind and year concern papers"},
		{"bib scope with section", "custom-rules:\n  - id: r\n    scope: bib-field:doi\n    message: m\n    pattern: x\n    when: {section: x}\n", "c.yaml:6:21: custom rule r: when: section concerns notes"},
		{"not a list", "custom-rules: {id: r}\n", "c.yaml:1:15: custom-rules must be a list of rules"},
		{"same id as another", head + "    pattern: x\n  - id: r\n    scope: note\n    message: m\n    pattern: y\n", `c.yaml:6:9: rule id "r" is used twice`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := compileConfig(tt.config)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want one containing %q", err, tt.want)
			}
		})
	}
}

// compileConfig reads config as c.yaml and builds a runner of its rules.
func compileConfig(config string) error {
	cfg, err := lint.ParseConfig("c.yaml", []byte(config))
	if err != nil {
		return err
	}
	_, err = lint.NewRunner(nil, cfg)
	return err
}
