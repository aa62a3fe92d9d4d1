package rules

import (
	"os"
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
			src, err := os.ReadFile(testkit.Corpus(t, "notes/"+tt.file))
			if err != nil {
				t.Fatal(err)
			}
			runner, err := lint.NewRunner(All(), lint.DefaultConfig())
			if err != nil {
				t.Fatal(err)
			}
			runner.Only = map[string]bool{VenueName.ID: true, VenueYear.ID: true}
			res := run(runner, []lint.Input{{Path: tt.file, Src: src}})
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
