// Package benchgen writes deterministic benchmark inputs for papers: a
// notes.md in the project's reading-notes format with a realistic share of
// planted defects, its companion notes.bib, and MANIFEST.json with the exact
// count of each defect. The command bench/gen is its front end; the
// benchmarks under bench/ call it directly. See bench/gen for the layout and
// the defect mix.
package benchgen
