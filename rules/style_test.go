package rules

import (
	"strings"
	"testing"

	"github.com/paperlint/papers/lint"
	"github.com/paperlint/papers/notes"
)

func TestDetect(t *testing.T) {
	doc := func(lines ...string) *notes.Document {
		return notes.Parse("n.md", []byte("## s\n"+strings.Join(lines, "\n")+"\n"), notes.Options{Year: testYear})
	}
	seed := lint.Style{OrgTags: lint.OrgTagsRequired, Year: lint.YearTwoDigit, Brackets: lint.BracketsASCII, Notes: lint.NotesRequired}
	for _, tt := range []struct {
		name string
		doc  *notes.Document
		want lint.Style
	}{
		{"empty file: the seed's", doc(), seed},
		{"too few entries to tell", doc("- [KDD 2019] A B C", "- [KDD 2020] D E F"), seed},
		{"reading list", doc(
			"- [KDD 2019] Paper One", "- [KDD 2020] Paper Two", "- [WWW 2021] Paper Three",
			"- [WWW 2018] Paper Four", "- [KDD'18] Paper Five"),
			lint.Style{OrgTags: lint.OrgTagsOptional, Year: lint.YearFourDigit, Brackets: lint.BracketsASCII, Notes: lint.NotesOptional}},
		{"full-width brackets", doc(
			"- 【KDD 2019】Paper One", "- 【KDD 2020】Paper Two", "- 【WWW 2021】Paper Three",
			"- 【WWW 2018】Paper Four", "- [KDD 2018] Paper Five"),
			lint.Style{OrgTags: lint.OrgTagsOptional, Year: lint.YearFourDigit, Brackets: lint.BracketsFull, Notes: lint.NotesOptional}},
		{"the seed's own form", doc(
			"### P1[KDD'18][Ali]", "- a", "### P2[KDD'19][Ali]", "- b", "### P3[WWW'20][MSRA]", "- c",
			"### P4[KDD'21][Ali]", "- d", "### P5[KDD'22]", "- e"), seed},
	} {
		if got := Detect(tt.doc); got != tt.want {
			t.Errorf("%s: Detect = %+v, want %+v", tt.name, got, tt.want)
		}
	}
}
