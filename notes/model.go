package notes

// Span is a half-open byte range [Start, End) of the source a Document was
// parsed from. Offsets are kept in bytes inside the program and converted to
// lines and columns only when printed.
type Span struct {
	Start, End int
}

// Len is the number of bytes the span covers.
func (s Span) Len() int { return s.End - s.Start }

// IsZero reports whether the span is empty and at offset 0, which the model
// uses for "absent".
func (s Span) IsZero() bool { return s.Start == 0 && s.End == 0 }

// Contains reports whether offset off lies inside the span.
func (s Span) Contains(off int) bool { return off >= s.Start && off < s.End }

// Overlaps reports whether two spans share at least one byte.
func (s Span) Overlaps(o Span) bool { return s.Start < o.End && o.Start < s.End }

// Document is one parsed notes file.
type Document struct {
	// Path is the file's name as given to Parse; "-" for standard input.
	Path string
	// Src is the file's bytes, unchanged (a BOM and CRLF line ends included).
	Src []byte
	// Sections are the topic headings in source order.
	Sections []*Section
	// Papers are the entries in source order.
	Papers []*Paper
	// Prose are the runs of ordinary text in notes and section headings that
	// prose rules (CJK spacing and punctuation) may check and fix. They
	// exclude paper titles and tags, code, link labels and destinations,
	// autolinks, HTML and front matter.
	Prose []Span
	// Labels are text that is not prose but reads as it: the labels of
	// links in the notes (`[Criteo数据集](url)`, never the destination) and
	// the text of one-line HTML elements (`<h2>什么是推荐系统?</h2>`). The
	// CJK rules check them unless told not to.
	Labels []Span
	// Protected are the spans no fix may touch: code spans and blocks, link
	// destinations, autolinks, raw HTML, math and front matter.
	Protected []Span
	// Comments are HTML comments (`<!-- ... -->`) outside code, where inline
	// directives live.
	Comments []Comment
	// Problems are what could not be read as written, such as invalid UTF-8.
	Problems []Problem
	// ValidUTF8 reports that Src was checked and is valid UTF-8: a reader
	// of the whole text (a line index counting the characters of a 20 MB
	// line) need not check it again.
	ValidUTF8 bool
	// Limits are the places where a line goes over a nesting limit that
	// CommonMark implementations set (MaxBlockNesting, MaxLinkParens):
	// such lines are read as plain text, so that no input costs the parser
	// more than linear time. One Problem per run of such lines.
	Limits []Problem
	// EntryLevel is the heading level used by most heading entries, or 0 when
	// the file has none; entry-format compares each entry with it.
	EntryLevel int

	// cuts are the offsets at which Reparse may start or end a part (see
	// cutPoints), kept from one Reparse to the next; nil until then.
	cuts []int
}

// Section is a heading that is not a paper entry: a topic.
type Section struct {
	Title     string
	Level     int
	Span      Span // the whole heading line
	TitleSpan Span // the heading's text
	Index     int  // position in Document.Sections
}

// Form tells how a paper entry was written.
type Form int

const (
	// HeadingForm is `### Title[VENUE'YY][Org]`.
	HeadingForm Form = iota + 1
	// ListForm is `- [VENUE'YY][Org] [Title](url)`, or a link item under
	// a bold group header that names the venue (`- **CCS 2024**` then
	// `  - [Title](url)`).
	ListForm
	// ParagraphForm is a paragraph whose first line is a bold title, the
	// next one the authors in italics and then the venue and year:
	// `**Title** \` / `*A. Author, B. Author* \` / `CVPR 2023. [[Paper](url)]`.
	ParagraphForm
)

func (f Form) String() string {
	switch f {
	case HeadingForm:
		return "heading"
	case ListForm:
		return "list item"
	case ParagraphForm:
		return "paragraph"
	}
	return "unknown"
}

// Paper is one entry of the notes.
type Paper struct {
	Form Form
	// Level is the heading level of a heading entry, 0 for a list entry.
	Level int
	// Span is the entry's own line (heading text or list item's first line).
	Span Span
	// Title is the title as written, without tags and trailing abbreviation.
	Title     string
	TitleSpan Span
	// Abbrev is a trailing abbreviation such as `DIN` in `...Prediction(DIN)`.
	Abbrev     string
	AbbrevSpan Span // includes the parentheses
	// Tags are all bracket groups of the entry in source order.
	Tags []*Tag
	// Venue is the venue tag, nil when the entry has none.
	Venue *Tag
	// VenueText is the venue and year written outside the entry's tags:
	// the bold group header above a link item (`- **CCS 2024**`) or the
	// venue line of a paragraph entry (`arXiv 2023.`), read as a tag
	// whose Span and Inner cover that text. It is nil when the entry has a
	// venue tag (Venue) or no such text. Rules about how tags are written
	// leave it alone; what needs the paper's venue reads VenueOrText.
	VenueText *Tag
	// Orgs are the organisations named by the org tags, in order.
	Orgs []Org
	// TagsFirst is true when the tags come before the title.
	TagsFirst bool
	// Gap is the whitespace between the title and the first trailing tag
	// (`Title [ECCV'22]`); empty when they are glued as the format wants.
	Gap Span
	// Notes are the blocks (list items, paragraphs) written under the entry.
	Notes []Span
	// Links are the links of the entry line and its notes.
	Links []Link
	// Section is the section the paper belongs to, nil when it comes before
	// any section heading.
	Section *Section
	// Index is the paper's position in Document.Papers.
	Index int
}

// Bracket is the kind of brackets a tag is written in.
type Bracket int

const (
	// ASCIIBrackets is `[...]`.
	ASCIIBrackets Bracket = iota
	// LenticularBrackets is `【...】`, seen in Chinese lists.
	LenticularBrackets
)

// Tag is one bracket group of an entry, such as `[NIPS'19]` or `[Baidu]`.
type Tag struct {
	// Span covers the brackets; Inner covers the text between them.
	Span, Inner Span
	Raw         string // the inner text as written
	Bracket     Bracket
	// IsVenue is set when the tag was read as the venue tag.
	IsVenue bool
	// The fields below are filled for venue tags.
	Name     string // `NIPS`
	NameSpan Span
	// Sep is what stands between name and year: `'`, `’`, `' `, ` `, or "".
	Sep     string
	SepSpan Span
	// YearText is the year as written (`19`, `2019`); Year is it as four
	// digits, 0 when the tag has no year.
	YearText string
	Year     int
	YearSpan Span
	// Rest is what follows the year (`.10` in `Arxiv'24.10`, ` (Oral)`).
	Rest     string
	RestSpan Span
}

// Org is one organisation named in an org tag; `[BJTU,Baidu]` names two.
type Org struct {
	Name string
	Span Span
	Tag  *Tag
}

// Link is a Markdown link or autolink.
type Link struct {
	Label     string
	URL       string
	Span      Span // the whole link
	LabelSpan Span
	URLSpan   Span
}

// Comment is an HTML comment with its text between `<!--` and `-->`.
type Comment struct {
	Span Span
	Text string
}

// Problem is something in the file that could not be read as written.
type Problem struct {
	Span    Span
	Message string
}

// VenueOrText returns the paper's venue tag, else the venue read from the
// text around the entry (VenueText), else nil.
func (e *Paper) VenueOrText() *Tag {
	if e.Venue != nil {
		return e.Venue
	}
	return e.VenueText
}

// ownSpan is the part of the entry line that is the entry itself: all of
// it, except that in a tags-first entry whose title is a link
// (`- [EMNLP'18] [Title](url). Chua团队`) the text after the link is notes.
func (e *Paper) ownSpan() Span {
	if e.TagsFirst && len(e.Links) > 0 {
		if l := e.Links[0]; l.LabelSpan == e.TitleSpan || l.LabelSpan.Contains(e.TitleSpan.Start) {
			if l.Span.End < e.Span.End {
				return Span{e.Span.Start, l.Span.End}
			}
		}
	}
	return e.Span
}
