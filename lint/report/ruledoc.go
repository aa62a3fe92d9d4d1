package report

import (
	"io/fs"
	"path"
	"regexp"
	"strings"

	"github.com/paperlint/papers/lint"
)

// isURL reports whether doc is a web address rather than a page of the
// repository.
func isURL(doc string) bool {
	return strings.HasPrefix(doc, "https://") || strings.HasPrefix(doc, "http://")
}

// docLink is the URL of a rule's documentation: the rule's own http(s)
// URL, or its page in the repository when docs holds that page, else "".
// A custom rule from a config has no page: its Doc is the URL it gives or
// nothing, and a link made up for it would lead nowhere.
func docLink(r *lint.Rule, docs fs.FS) string {
	doc := r.DocURL()
	if isURL(doc) {
		return doc
	}
	if docs == nil || !fs.ValidPath(doc) {
		return ""
	}
	if _, err := fs.Stat(docs, doc); err != nil {
		return ""
	}
	return HelpURI(doc)
}

// rulePage is a rule's documentation page from docs, with its links made
// absolute, or "" when docs does not hold one.
func rulePage(r *lint.Rule, docs fs.FS) string {
	doc := r.DocURL()
	if docs == nil || isURL(doc) || !fs.ValidPath(doc) {
		return ""
	}
	b, err := fs.ReadFile(docs, doc)
	if err != nil {
		return ""
	}
	return absoluteLinks(strings.ReplaceAll(string(b), "\r\n", "\n"), path.Dir(doc))
}

// mdLink matches the destination of a Markdown inline link, `](dest)`.
var mdLink = regexp.MustCompile(`\]\(([^()\s]+)\)`)

// absoluteLinks rewrites the relative link destinations of a page that
// lives in dir of the repository into URLs of the repository, since the
// page is shown elsewhere (a code-scanning alert), where a relative link
// would lead nowhere.
func absoluteLinks(page, dir string) string {
	return mdLink.ReplaceAllStringFunc(page, func(m string) string {
		dest := m[2 : len(m)-1]
		if isURL(dest) || strings.HasPrefix(dest, "#") || strings.Contains(dest, ":") {
			return m
		}
		file, frag, _ := strings.Cut(dest, "#")
		u := HelpURI(path.Join(dir, file))
		if frag != "" {
			u += "#" + frag
		}
		return "](" + u + ")"
	})
}

// pageBody is a page without its first-level heading, which names the
// rule that the viewer already shows.
func pageBody(page string) string {
	if rest, ok := strings.CutPrefix(page, "# "); ok {
		_, body, _ := strings.Cut(rest, "\n")
		return strings.TrimLeft(body, "\n")
	}
	return page
}

// pageDescription is the first paragraph of a page's "What it checks"
// section (else of its body): what the rule checks, at more length than
// its summary.
func pageDescription(page string) string {
	body := pageBody(page)
	if _, after, ok := strings.Cut(body, "\n## What it checks\n"); ok {
		body = after
	}
	for _, para := range strings.Split(body, "\n\n") {
		para = strings.TrimSpace(para)
		if para == "" || strings.HasPrefix(para, "#") || strings.HasPrefix(para, "**Default severity") {
			continue
		}
		return para
	}
	return ""
}

// mdInlineLink matches a whole Markdown inline link, `[label](dest)`.
var mdInlineLink = regexp.MustCompile(`\[([^\]]*)\]\(([^()\s]+)\)`)

// mdHeading matches a Markdown heading's marker.
var mdHeading = regexp.MustCompile(`^#{1,6} `)

// plainText renders Markdown as plain text for viewers that cannot show
// Markdown: headings lose their #, bold its stars, links become
// `label (URL)`; code spans, code blocks and tables stay as written, which
// reads well enough.
func plainText(md string) string {
	lines := strings.Split(md, "\n")
	fenced := false
	for i, l := range lines {
		if strings.HasPrefix(l, "```") {
			fenced = !fenced
			continue
		}
		if fenced {
			continue
		}
		l = mdHeading.ReplaceAllString(l, "")
		l = strings.ReplaceAll(l, "**", "")
		lines[i] = mdInlineLink.ReplaceAllString(l, "$1 ($2)")
	}
	return strings.Join(lines, "\n")
}
