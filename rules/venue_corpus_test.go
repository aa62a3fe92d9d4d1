package rules

import (
	"os"
	"strings"
	"testing"

	"github.com/paperlint/papers/internal/testkit"
	"github.com/paperlint/papers/lint"
)

// TestVenueCorpusFindings runs venue-name and venue-year on the real lists
// whose papers take their venue from the text around them: fuzzingpaper's
// bold group headers (`- **SP 2024**`) and parenthesised venues
// (`### Title (Usenix Security2017)`), and diffusion-models' venue lines
// (`NeruIPS 2023. [[Paper](url)]`). Both gave no finding before such text
// was checked; every finding counted here was read by eye: wrong spellings
// (`SP`, `ASIACCS`, `Usenix Security`, `arxiv`, `InterSpeech`), typos (`NeruIPS`,
// `NeurrIPS`), and infos on venues missing from the registry (ISMIR,
// MIDL, ...). MICCAI, ICCP and ICISSP, which got wrong typo guesses (23 of
// diffusion-models' errors, one of fuzzingpaper's), are in the registry
// now, with ICST, ISSRE, WiSec and IEEE Access. venue-year finds nothing
// wrong in either list.
func TestVenueCorpusFindings(t *testing.T) {
	tests := []struct {
		file             string
		name, nameErrors int
		year             int
	}{
		{"fuzzingpaper-README.md", 21, 16, 0},
		{"diffusion-models-README.md", 76, 14, 0},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			res := lintCorpusList(t, tt.file, VenueName.ID, VenueYear.ID)
			name, nameErrors, year := 0, 0, 0
			for _, d := range res.Diagnostics {
				switch d.Rule {
				case VenueName.ID:
					name++
					if d.Severity == lint.Error {
						nameErrors++
					}
				case VenueYear.ID:
					year++
				}
			}
			if name != tt.name || nameErrors != tt.nameErrors || year != tt.year {
				t.Errorf("venue-name %d (%d errors), venue-year %d; want %d (%d errors) and %d", name, nameErrors, year, tt.name, tt.nameErrors, tt.year)
			}
		})
	}
}

// TestAmbiguousHeadingsCorpus counts the headings entry-format calls
// possible papers without tags on the real lists. fuzzingpaper's second
// half titles papers `### Title (Venue Year)`; where the venue is unknown
// or missing (journals such as Empirical Software Engineering, theses,
// `(2021)`), the heading stays a topic and papers bib leaves it out: 124
// such headings (a sample of a dozen read by eye: all papers). The other
// lists have none.
func TestAmbiguousHeadingsCorpus(t *testing.T) {
	for _, tt := range []struct {
		file string
		want int
	}{
		{"fuzzingpaper-README.md", 124},
		{"diffusion-models-README.md", 0},
		{"weekly-papers-readme.md", 0},
		{"gesture-generation-README.md", 0},
		{"paddlerec-README_CN.md", 0},
	} {
		t.Run(tt.file, func(t *testing.T) {
			res := lintCorpusList(t, tt.file, EntryFormat.ID)
			got := 0
			for _, d := range res.Diagnostics {
				if d.Severity == lint.Info && strings.Contains(d.Message, "no venue tag") {
					got++
				}
			}
			if got != tt.want {
				t.Errorf("%d headings that may be papers, want %d", got, tt.want)
			}
		})
	}
}

// lintCorpusList runs the rules ids alone on the real list file of the
// corpus (skipped when the corpus is absent).
func lintCorpusList(t *testing.T, file string, ids ...string) *lint.Result {
	t.Helper()
	src, err := os.ReadFile(testkit.Corpus(t, "notes/"+file))
	if err != nil {
		t.Fatal(err)
	}
	runner, err := lint.NewRunner(All(), lint.DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	runner.Only = map[string]bool{}
	for _, id := range ids {
		runner.Only[id] = true
	}
	return run(runner, []lint.Input{{Path: file, Src: src}})
}
