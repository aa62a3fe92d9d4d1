// Package notes reads a Markdown file of paper-reading notes into a
// Document of sections and papers, each part carrying the byte span it was
// read from.
//
// A paper entry is written `Title[VENUE'YY][Org]`, either as a heading
// (`### Title[NIPS'19][Baidu]`) or at the start of a list item
// (`- [OSDI'18][MSRA] [Title](url)`). Parsing is lenient: real files write
// `Title [ECCV'22]`, `[NIPS' 18]`, `[NSDI22]`, `[ISSCC’24]`,
// `[NeurIPS 2022]`, `【CVPR 2022】` or a single `[meituan]`, and all of them
// are read so that the lint rules can say what is wrong with them.
//
// Tags are read from the entry's own source text rather than from goldmark's
// inline nodes, because `[A][B]` is CommonMark reference-link syntax: a file
// that defines `[Google]: url` would otherwise turn an org tag into a link.
//
// The package imports nothing else from the project; callers that know the
// venue registry pass Options.IsVenue so that a lone tag such as `[arXiv]` is
// read as a venue rather than an organisation.
package notes
