package rules

import (
	"strings"
	"testing"

	"github.com/paperlint/papers/lint"
)

// TestBibMissingNearMissPerFile: near misses are found once for every
// notes file that shares a .bib, yet each file gets what it would alone:
// an entry that one of its own papers matches is no near miss for it, an
// entry matched by a paper of another file still is.
func TestBibMissingNearMissPerFile(t *testing.T) {
	bibSrc := `@inproceedings{din, title = {Deep Interest Network for Click-Through Rate Prediction}, year = 2018}
@inproceedings{esmm, title = {Entire Space Multi-Task Model}, year = 2018}
`
	// a.md has the DIN paper right and ESMM with a typo; b.md has DIN with
	// a typo and right.
	a := []byte("# A\n## S\n### Deep Interest Network for Click-Through Rate Prediction[KDD'18][Ali]\n- 笔记。\n" +
		"### Entire Space Multi-Task Mdoel[SIGIR'18][Ali]\n- 笔记。\n")
	b := []byte("# B\n## S\n### Deep Interest Network for Click-Through Rate Predicton[KDD'18][Ali]\n- 笔记。\n" +
		"### Deep Interest Network for Click-Through Rate Prediction[KDD'18][Ali]\n- 同一篇，写对了。\n")
	// c.md has the DIN typo alone: a.md's paper matching din does not hide it.
	c := []byte("# C\n## S\n### Deep Interest Network for Click-Through Rate Predicton[KDD'18][Ali]\n- 笔记。\n")
	runner, err := lint.NewRunner(All(), lint.DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	runner.Only = map[string]bool{"bib-missing": true}
	ds := run(runner, []lint.Input{
		{Path: "a.md", Src: a, Companion: "refs.bib"},
		{Path: "b.md", Src: b, Companion: "refs.bib"},
		{Path: "c.md", Src: c, Companion: "refs.bib"},
		{Path: "refs.bib", Src: []byte(bibSrc), Quiet: true},
	}).Diagnostics
	var got []string
	for _, d := range ds {
		got = append(got, d.File+": "+d.Message)
	}
	want := []string{
		`a.md: no entry in refs.bib for "Entire Space Multi-Task Mdoel"; refs.bib:2 has "Entire Space Multi-Task Model" (esmm): a typo on one side?`,
		// b.md's second paper matches din: din is b.md's, not a near miss.
		`b.md: no entry in refs.bib for "Deep Interest Network for Click-Through Rate Predicton"; add one (papers bib writes it) so the paper can be cited`,
		`c.md: no entry in refs.bib for "Deep Interest Network for Click-Through Rate Predicton"; refs.bib:1 has "Deep Interest Network for Click-Through Rate Prediction" (din): a typo on one side?`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
