package notes

import (
	"os"
	"testing"

	"github.com/paperlint/papers/internal/testkit"
	"github.com/paperlint/papers/venue"
)

// TestCorpusPaperCounts parses the real lists under ../shared/corpus/notes
// and checks how many papers each gives, and how many of them have a venue
// (a tag, a group header or a venue line). fuzzingpaper groups link items
// under bold headers (`- **CCS 2024**`): every item is a paper but the six
// under `**Others**`, which names no year; diffusion-models writes
// bold-title paragraphs with a venue line: every one is a paper but the
// posts, videos and tutorials, which have no venue line. Both gave 0
// before these shapes were read. fuzzingpaper's second half writes
// `### Title (CCS 2022)<a name="..."></a>`: 312 of those headings name a
// known venue and are papers (615 -> 927; 17 of them since ICST, ISSRE,
// WiSec and IEEE Access are in the registry); those with no venue, an
// unknown one or text after the year stay sections.
func TestCorpusPaperCounts(t *testing.T) {
	tests := []struct {
		file          string
		papers, venue int
	}{
		{"fuzzingpaper-README.md", 927, 927},
		{"diffusion-models-README.md", 2938, 2938},
		{"weekly-papers-readme.md", 26, 26},
		{"gesture-generation-README.md", 101, 101},
		{"paddlerec-README_CN.md", 0, 0},
	}
	// The registry decides which venues are known, as lint.Env's options
	// do: a heading `### Title (CCS 2022)` is a paper only for a known
	// venue.
	reg := venue.Default()
	opt := Options{Year: 2026, IsVenue: func(n string) bool { _, ok := reg.Lookup(n); return ok }}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			src, err := os.ReadFile(testkit.Corpus(t, "notes/"+tt.file))
			if err != nil {
				t.Fatal(err)
			}
			doc := Parse(tt.file, src, opt)
			venue := 0
			for _, p := range doc.Papers {
				if v := p.VenueOrText(); v != nil && v.HasYear() {
					venue++
				}
			}
			if len(doc.Papers) != tt.papers || venue != tt.venue {
				t.Errorf("%d papers, %d with a venue year; want %d and %d", len(doc.Papers), venue, tt.papers, tt.venue)
			}
		})
	}
}
