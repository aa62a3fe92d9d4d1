// Package title normalises paper titles and finds duplicate and
// near-duplicate titles in large lists.
//
// Normalize turns a title into a comparison key (LaTeX accents resolved,
// NFKC, case folded, abbreviations such as "(DIN)" or "DCN:" dropped,
// punctuation collapsed, other scripts and meaningful symbols kept).
// Duplicates groups titles whose keys are equal. Similar finds pairs of titles
// that are probably the same paper written with a typo or a small edit
// ("Dount" for "Donut", a dropped "the", "Pre-training" for "Pretraining")
// without pairing papers that only share most of their words ("X: A Survey"
// and "X: A Benchmark", "YOLOv6" and "YOLOv7"). Match applies the same test
// to one pair of titles.
//
// Similar does not compare every title with every other: each title emits a
// few hash keys (its token sequence with one token masked or one function
// word deleted, and its letters without spaces) and only titles sharing a key
// are compared, so the cost grows linearly with the number of titles.
// SIMILARITY.md in this directory explains the measure in full.
//
// Titles are identified by their index in the slice passed in. Exact-title
// checks cannot tell two different papers that really share a title apart
// (the Awesome-Diffusion-Models list has two papers called "Diffusion Models
// in NLP: A Survey"); callers should report such groups as warnings and show
// the venue and authors so that a person can decide.
package title
