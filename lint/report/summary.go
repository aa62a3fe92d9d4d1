package report

import (
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/paperlint/papers/lint"
)

// Counts are a run's findings by severity (an "off" finding, which the
// runner does not report, counts as a warning, as the github format shows
// it) and how many of them --fix repairs.
type Counts struct {
	Errors, Warnings, Infos, Fixable int
}

// CountOf counts diags.
func CountOf(diags []lint.Diagnostic) Counts { return CountFindings(lint.NewFindings(nil, diags)) }

// CountFindings counts a run's findings.
func CountFindings(f *lint.Findings) Counts {
	var c Counts
	f.Tally(func(sev lint.Severity, fixable bool, n int) {
		switch ghKind(sev) {
		case ghError:
			c.Errors += n
		case ghWarning:
			c.Warnings += n
		default:
			c.Infos += n
		}
		if fixable {
			c.Fixable += n
		}
	})
	return c
}

// Total is the number of findings.
func (c Counts) Total() int { return c.Errors + c.Warnings + c.Infos }

// Line is the one-line summary of a run over files files, as ESLint and
// ruff end theirs: `261 problems (6 errors, 247 warnings, 8 infos) in 1
// file; 251 fixable with --fix`. The fixable part is left out when fixHint
// is false (the run already fixed what it could) or nothing is fixable.
func (c Counts) Line(files int, fixHint bool) string {
	n := c.Total()
	s := fmt.Sprintf("%d %s (%d %s, %d %s, %d %s) in %d %s", n, plural(n, "problem", "problems"),
		c.Errors, plural(c.Errors, "error", "errors"), c.Warnings, plural(c.Warnings, "warning", "warnings"),
		c.Infos, plural(c.Infos, "info", "infos"), files, plural(files, "file", "files"))
	if fixHint && c.Fixable > 0 {
		s += fmt.Sprintf("; %d fixable with --fix", c.Fixable)
	}
	return s
}

// ruleCount is one row of the statistics: the findings of one rule at one
// severity.
type ruleCount struct {
	Rule     string `json:"rule"`
	Severity string `json:"severity"`
	Count    int    `json:"count"`
	Fixable  int    `json:"fixable"`
	// kind orders the rows of one count, most severe first.
	kind int
}

// countRules counts diags per rule and severity, most findings first (then
// the most severe, then by rule id).
func countRules(f *lint.Findings) []ruleCount {
	type key struct {
		rule string
		sev  lint.Severity
	}
	at := map[key]int{}
	var rows []ruleCount
	f.Each(func(d *lint.Diagnostic) {
		k := key{d.Rule, d.Severity}
		j, ok := at[k]
		if !ok {
			j = len(rows)
			at[k] = j
			rows = append(rows, ruleCount{Rule: d.Rule, Severity: d.Severity.String(), kind: ghKind(d.Severity)})
		}
		rows[j].Count++
		if d.HasFix() {
			rows[j].Fixable++
		}
	})
	// Rows in the order met, sorted on keys that tell any two apart: the
	// order of the findings does not matter.
	slices.SortFunc(rows, func(a, b ruleCount) int {
		return cmp.Or(b.Count-a.Count, a.kind-b.kind, strings.Compare(a.Rule, b.Rule), strings.Compare(a.Severity, b.Severity))
	})
	return rows
}

// WriteStatistics prints how many findings each rule has, at which
// severity, and how many of them --fix repairs (ruff's --statistics), in
// format "text" (a table; rules gives each rule's summary) or "json" (an
// array of {rule, severity, count, fixable}).
func WriteStatistics(w io.Writer, format string, f *lint.Findings, rules []*lint.Rule) error {
	rows := countRules(f)
	switch format {
	case "json":
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		if rows == nil {
			rows = []ruleCount{}
		}
		if err := enc.Encode(rows); err != nil {
			return fmt.Errorf("statistics: %w", err)
		}
		return nil
	case "text", "":
	default:
		return fmt.Errorf("--statistics prints text or json, not %q", format)
	}
	if len(rows) == 0 {
		return nil
	}
	summary := map[string]string{}
	for _, r := range rules {
		if r != nil {
			summary[r.ID] = r.Summary
		}
	}
	// Numbers right-aligned, words left-aligned, as ruff prints them.
	ruleW, sevW := len("RULE"), len("SEVERITY")
	for _, r := range rows {
		ruleW, sevW = max(ruleW, len(r.Rule)), max(sevW, len(r.Severity))
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%5s  %7s  %-*s  %-*s  %s\n", "COUNT", "FIXABLE", ruleW, "RULE", sevW, "SEVERITY", "SUMMARY")
	for _, r := range rows {
		fix := ""
		if r.Fixable > 0 {
			fix = strconv.Itoa(r.Fixable)
		}
		line := fmt.Sprintf("%5d  %7s  %-*s  %-*s  %s", r.Count, fix, ruleW, appendEscaped(nil, r.Rule, true), sevW, r.Severity, appendOneLine(nil, summary[r.Rule]))
		b.WriteString(strings.TrimRight(line, " ") + "\n")
	}
	if _, err := io.WriteString(w, b.String()); err != nil {
		return fmt.Errorf("statistics: %w", err)
	}
	return nil
}

// stepSummaryFindings is how many findings the step summary lists.
const stepSummaryFindings = 50

// GitHubRepo says where the files of a run are on GitHub, for links from
// the step summary to the lines of the findings.
type GitHubRepo struct {
	// BlobURL is the address that a slash-separated path of the
	// repository is appended to, such as
	// https://github.com/OWNER/REPO/blob/SHA/; "" makes no links.
	BlobURL string
	// Root is the absolute folder of the checkout (GITHUB_WORKSPACE) and
	// Dir the absolute working directory that relative paths start from.
	Root, Dir string
}

// link is the URL of line of path, or "" when path is not in the
// repository or there is nothing to link to.
func (g GitHubRepo) link(path string, line int) string {
	if g.BlobURL == "" || g.Root == "" || path == "" || path == "-" {
		return ""
	}
	if !filepath.IsAbs(path) {
		if g.Dir == "" {
			return ""
		}
		path = filepath.Join(g.Dir, path)
	}
	rel, err := filepath.Rel(g.Root, path)
	if err != nil || !filepath.IsLocal(rel) {
		return ""
	}
	return g.BlobURL + escapePath(filepath.ToSlash(rel), false) + "#L" + strconv.Itoa(line)
}

// WriteStepSummary writes the Markdown that GitHub shows on a job's page
// when it is appended to $GITHUB_STEP_SUMMARY: the summary line, the counts
// by rule and severity (which add up to every finding), how many findings
// --fix repairs and fixCommand, the command that does it, and the first
// stepSummaryFindings findings, the most severe first, each linked to its
// line on GitHub (repo) and followed by opt.Command, which lists them all.
// files is the number of files linted.
func WriteStepSummary(w io.Writer, f *lint.Findings, files int, opt Options, fixCommand string, repo GitHubRepo) error {
	ix := newIndex(f.Files)
	c := CountFindings(f)
	var b strings.Builder
	if c.Total() == 0 {
		fmt.Fprintf(&b, "### papers: no problems in %d %s\n\n", files, plural(files, "file", "files"))
		_, err := io.WriteString(w, b.String())
		return err
	}
	fmt.Fprintf(&b, "### papers: %s\n\n", c.Line(files, false))

	links := map[string]string{}
	for _, r := range opt.Rules {
		if r != nil {
			links[r.ID] = docLink(r, opt.Docs)
		}
	}
	ruleCell := func(id string) string {
		if u := links[id]; u != "" {
			return "[" + mdText(id) + "](" + u + ")"
		}
		return mdText(id)
	}
	type perRule struct {
		id                   string
		byKind               [ghKinds]int
		fixable, total, kind int
	}
	var rows []*perRule
	at := map[string]*perRule{}
	for _, rc := range countRules(f) {
		r := at[rc.Rule]
		if r == nil {
			r = &perRule{id: rc.Rule, kind: rc.kind}
			at[rc.Rule] = r
			rows = append(rows, r)
		}
		r.byKind[rc.kind] += rc.Count
		r.fixable += rc.Fixable
		r.total += rc.Count
		r.kind = min(r.kind, rc.kind)
	}
	slices.SortStableFunc(rows, func(a, b *perRule) int { return cmp.Or(a.kind-b.kind, b.total-a.total) })
	b.WriteString("| rule | errors | warnings | infos | fixable |\n| --- | ---: | ---: | ---: | ---: |\n")
	for _, r := range rows {
		fmt.Fprintf(&b, "| %s | %d | %d | %d | %d |\n", ruleCell(r.id), r.byKind[ghError], r.byKind[ghWarning], r.byKind[ghNotice], r.fixable)
	}
	fmt.Fprintf(&b, "| **all %d** | **%d** | **%d** | **%d** | **%d** |\n\n", c.Total(), c.Errors, c.Warnings, c.Infos, c.Fixable)
	if c.Fixable > 0 && fixCommand != "" {
		fmt.Fprintf(&b, "%d of them can be fixed with %s (%s shows the changes first).\n\n",
			c.Fixable, mdCode(fixCommand), mdCode(strings.Replace(fixCommand, " --fix", " --diff", 1)))
	}

	// The first findings of the most severe kinds: the first
	// stepSummaryFindings of each kind, then as many of them as fit.
	var keep [ghKinds]int
	for k := range keep {
		keep[k] = stepSummaryFindings
	}
	byKind := firstOfKinds(f, keep)
	var shown []lint.Diagnostic
	for _, ds := range byKind {
		shown = append(shown, ds[:min(len(ds), stepSummaryFindings-len(shown))]...)
	}
	b.WriteString("| severity | where | rule | message |\n| --- | --- | --- | --- |\n")
	for i := range shown {
		d := &shown[i]
		p := ix.pos(d.File, d.Start)
		where := mdText(fmt.Sprintf("%s:%d:%d", d.File, p.Line, p.Column))
		if u := repo.link(d.File, p.Line); u != "" {
			where = "[" + where + "](" + u + ")"
		}
		msg := d.Message
		if fix := fixNote(d); fix != "" {
			msg += " (fix: " + fix + ")"
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %s |\n", d.Severity, where, ruleCell(d.Rule), mdText(msg))
	}
	b.WriteString("\n")
	if len(shown) < f.Len() {
		cmd := opt.Command
		if cmd == "" {
			cmd = "papers lint"
		}
		fmt.Fprintf(&b, "The first %d of %d findings, the most severe first. To see them all, run %s.\n",
			len(shown), f.Len(), mdCode(cmd))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// mdText escapes text from the notes, file names and messages for a line
// of Markdown (a table cell): on one line, control characters escaped, and
// the characters that would start markup, a link, HTML or end the cell
// behind a backslash, so that what the notes hold shows as written.
func mdText(s string) string {
	s = string(appendOneLine(nil, s))
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune("\\`*_[]<>|~&#!$", r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// mdCode is s as a Markdown code span, its fence longer than any run of
// backticks in s.
func mdCode(s string) string {
	s = string(appendOneLine(nil, s))
	longest, run := 0, 0
	for _, r := range s {
		if r == '`' {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	fence := strings.Repeat("`", longest+1)
	if longest > 0 {
		return fence + " " + s + " " + fence
	}
	return fence + s + fence
}
