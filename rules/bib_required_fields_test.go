package rules

import (
	"strings"
	"testing"

	"github.com/paperlint/papers/lint"
)

// runBib lints one .bib with one rule under the given config text.
func runBib(t *testing.T, rule, config, src string) []lint.Diagnostic {
	t.Helper()
	cfg := lint.DefaultConfig()
	if config != "" {
		var err error
		if cfg, err = lint.ParseConfig(".papers.yaml", []byte(config)); err != nil {
			t.Fatal(err)
		}
	}
	runner, err := lint.NewRunner(All(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	runner.Only = map[string]bool{rule: true}
	return run(runner, []lint.Input{{Path: "refs.bib", Src: []byte(src)}}).Diagnostics
}

func TestBibRequiredFieldsOptions(t *testing.T) {
	src := `@misc{a, note = {x}}
@article{b, title = {T}}
@techreport{c, title = {T}}
`
	// Defaults: misc needs nothing; the article lacks three fields; the
	// report lacks author, institution and year.
	ds := runBib(t, "bib-required-fields", "", src)
	if len(ds) != 2 || !strings.Contains(ds[0].Message, `"b" lacks author, journal (or journaltitle) and year (or date)`) {
		t.Fatalf("defaults: got %v", messages(ds))
	}
	// Config replaces the lists of the types it names and keeps the others.
	ds = runBib(t, "bib-required-fields", `rules:
  bib-required-fields:
    required:
      misc: [title, year|date]
      article: [title]
`, src)
	got := messages(ds)
	if len(ds) != 2 || !strings.Contains(got[0], `@misc entry "a" lacks title and year (or date)`) || !strings.Contains(got[1], `@techreport entry "c"`) {
		t.Fatalf("configured: got %v", got)
	}
	// The defaults of the rule value itself are untouched by a run's config.
	if req := BibRequiredFields.NewOptions().(*RequiredFieldsOptions).Required; len(req["misc"]) != 0 || len(req["article"]) != 4 {
		t.Errorf("config leaked into the rule's defaults: %v", req)
	}
}

func TestBibRequiredFieldsBadOptions(t *testing.T) {
	for _, conf := range []string{
		"rules:\n  bib-required-fields:\n    required:\n      article: [\"author editor\"]\n",
		"rules:\n  bib-required-fields:\n    required:\n      \"@article\": [title]\n",
		"rules:\n  bib-required-fields:\n    required:\n      article: [\"author|\"]\n",
		"rules:\n  bib-required-fields:\n    needed: {}\n",
	} {
		cfg, err := lint.ParseConfig(".papers.yaml", []byte(conf))
		if err == nil {
			_, err = lint.NewRunner(All(), cfg)
		}
		if err == nil {
			t.Errorf("config accepted:\n%s", conf)
		}
	}
}

func messages(ds []lint.Diagnostic) []string {
	var out []string
	for _, d := range ds {
		out = append(out, d.Message)
	}
	return out
}
