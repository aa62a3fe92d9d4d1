package lsp

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/tliron/glsp"
	protocol "github.com/tliron/glsp/protocol_3_16"

	"github.com/paperlint/papers/lint"
	"github.com/paperlint/papers/workspace"
)

// fileOf returns the up-to-date snapshot and the linted file of a document
// URI; the file is nil when papers does not lint it.
func (s *Server) fileOf(uri string) (*snapshot, *lint.File, error) {
	path, err := uriToPath(uri)
	if err != nil {
		return nil, nil, err
	}
	sn := s.lintNow()
	if sn == nil {
		return nil, nil, nil
	}
	return sn, sn.files[path], nil
}

// kindAllowed reports whether a code action of kind k answers a request
// that asked only for the kinds in only (all when empty): "source" asks
// for "source.fixAll.papers" too.
func kindAllowed(only []protocol.CodeActionKind, k protocol.CodeActionKind) bool {
	if len(only) == 0 {
		return true
	}
	for _, o := range only {
		if k == o || strings.HasPrefix(k, o+".") {
			return true
		}
	}
	return false
}

// fixAllData is what an unresolved "fix all" action carries to
// codeAction/resolve.
type fixAllData struct {
	URI string `json:"uri"`
}

func (s *Server) codeAction(_ *glsp.Context, p *protocol.CodeActionParams) (any, error) {
	sn, f, err := s.fileOf(p.TextDocument.URI)
	if err != nil || f == nil {
		return []protocol.CodeAction{}, err
	}
	li := f.Lines()
	start, end := s.conv.offset(li, p.Range.Start), s.conv.offset(li, p.Range.End)
	only := p.Context.Only
	quick := kindAllowed(only, protocol.CodeActionKindQuickFix)
	actions := []protocol.CodeAction{}
	fixable := false
	disabled := map[string]bool{} // rule + line, offered once
	ds := sn.diags[f.Path]
	for i := range ds {
		d := &ds[i]
		fits := (d.Fix != nil || d.HasFix()) && editsFit(f, d.FixEdits(nil))
		fixable = fixable || fits
		if !quick || d.Start > end || d.End < start {
			continue
		}
		pd := s.conv.diagnostic(d, f, sn.st.docs, sn.files, s.uriOf)
		kind := protocol.CodeActionKindQuickFix
		if fits {
			title := d.FixMessage()
			if title == "" {
				title = "Fix " + d.Rule
			}
			preferred := true
			actions = append(actions, protocol.CodeAction{
				Title: title + " (" + d.Rule + ")", Kind: &kind, Diagnostics: []protocol.Diagnostic{pd}, IsPreferred: &preferred,
				Edit: &protocol.WorkspaceEdit{Changes: map[string][]protocol.TextEdit{p.TextDocument.URI: s.conv.textEdits(f, d.FixEdits(nil))}},
			})
		}
		line := li.Position(d.Start).Line
		key := fmt.Sprintf("%s:%d", d.Rule, line)
		if d.Rule == lint.DirectiveRule || disabled[key] {
			continue
		}
		disabled[key] = true
		actions = append(actions, protocol.CodeAction{
			Title: "Disable " + d.Rule + " for this line", Kind: &kind, Diagnostics: []protocol.Diagnostic{pd},
			Edit: &protocol.WorkspaceEdit{Changes: map[string][]protocol.TextEdit{p.TextDocument.URI: {s.conv.disableEdit(f, line, d.Rule)}}},
		})
	}
	// "Fix all" is computed when chosen where the client resolves
	// actions, and when asked for by kind elsewhere: it lints the file
	// again up to ten times, too much for every move of the cursor.
	if fixable && kindAllowed(only, kindFixAll) && (len(only) > 0 || s.client.resolvesEdits()) {
		kind := kindFixAll
		a := protocol.CodeAction{Title: "Fix all papers findings in this file", Kind: &kind}
		if s.client.resolvesEdits() {
			a.Data = fixAllData{URI: p.TextDocument.URI}
		} else {
			edits, err := s.fixAllEdits(sn, f, nil)
			if err != nil {
				return nil, err
			}
			a.Edit = &protocol.WorkspaceEdit{Changes: map[string][]protocol.TextEdit{p.TextDocument.URI: edits}}
		}
		actions = append(actions, a)
	}
	return actions, nil
}

func (s *Server) codeActionResolve(_ *glsp.Context, a *protocol.CodeAction) (*protocol.CodeAction, error) {
	if a.Edit != nil || a.Data == nil {
		return a, nil
	}
	raw, err := json.Marshal(a.Data)
	if err != nil {
		return nil, fmt.Errorf("code action data: %w", err)
	}
	var data fixAllData
	if err := json.Unmarshal(raw, &data); err != nil || data.URI == "" {
		return nil, fmt.Errorf("code action data %s: not a papers action", raw)
	}
	sn, f, err := s.fileOf(data.URI)
	if err != nil {
		return nil, err
	}
	if f == nil {
		return nil, fmt.Errorf("%s: not a file papers lints", data.URI)
	}
	edits, err := s.fixAllEdits(sn, f, nil)
	if err != nil {
		return nil, err
	}
	a.Edit = &protocol.WorkspaceEdit{Changes: map[string][]protocol.TextEdit{data.URI: edits}}
	return a, nil
}

// formatting applies the safe fixes of the CJK rules (spacing and
// punctuation between Chinese and English text): what a formatter may do
// on save without a question.
func (s *Server) formatting(_ *glsp.Context, p *protocol.DocumentFormattingParams) ([]protocol.TextEdit, error) {
	sn, f, err := s.fileOf(p.TextDocument.URI)
	if err != nil || f == nil {
		return []protocol.TextEdit{}, err
	}
	return s.fixAllEdits(sn, f, func(r *lint.Rule) bool { return strings.HasPrefix(r.ID, "cjk-") })
}

// fixAllEdits runs the fix loop of papers lint --fix on f, with the rest
// of the workspace as context (read, never changed), keeping to the
// fixable rules that keep accepts (all when nil), and returns the change
// as edits of f's text.
func (s *Server) fixAllEdits(sn *snapshot, f *lint.File, keep func(*lint.Rule) bool) ([]protocol.TextEdit, error) {
	inputs := sn.st.ws.Inputs()
	for i := range inputs {
		inputs[i].Quiet = inputs[i].Path != f.Path
		if inputs[i].Path == f.Path {
			inputs[i].Src = f.Src // the text the client's positions refer to
		}
	}
	ws, err := workspace.FromInputs(sn.st.cfg, workspace.Options{Year: s.opt.Year, Jobs: s.opt.Jobs, MaxFileSize: s.opt.MaxFileSize}, inputs)
	if err != nil {
		return nil, fmt.Errorf("fix %s: %w", f.Path, err)
	}
	runner, err := lint.NewRunner(s.opt.Rules, sn.st.cfg)
	if err != nil {
		return nil, fmt.Errorf("fix %s: %w", f.Path, err)
	}
	runner.Jobs = s.opt.Jobs
	runner.Only = map[string]bool{}
	for _, r := range runner.Rules {
		if r.Fixable && (keep == nil || keep(r)) {
			runner.Only[r.ID] = true
		}
	}
	if len(runner.Only) == 0 {
		return []protocol.TextEdit{}, nil
	}
	fixed, ok := runner.Fix(ws).Fixed[f.Path]
	if !ok {
		return []protocol.TextEdit{}, nil
	}
	return s.conv.diffEdits(f, fixed), nil
}

// editsFit reports whether a fix would be applied by --fix: its edits are
// in range and touch no protected text (code, URLs, HTML, math).
func editsFit(f *lint.File, es []lint.Edit) bool {
	if len(es) == 0 {
		return false
	}
	for _, e := range es {
		if e.Start < 0 || e.End > len(f.Src) || e.Start > e.End || f.Protected(e.Start, e.End) {
			return false
		}
	}
	return true
}

// textEdits converts a fix's edits of f.
func (c converter) textEdits(f *lint.File, es []lint.Edit) []protocol.TextEdit {
	es = append([]lint.Edit(nil), es...)
	sort.Slice(es, func(i, j int) bool { return es[i].Start < es[j].Start })
	out := make([]protocol.TextEdit, 0, len(es))
	for _, e := range es {
		out = append(out, protocol.TextEdit{Range: c.rangeOf(f, e.Start, e.End), NewText: e.New})
	}
	return out
}

// disableEdit inserts a directive that turns rule off on the 1-based line,
// on a line of its own above it with the same indentation: a Markdown
// comment in notes, a % comment in a .bib.
func (c converter) disableEdit(f *lint.File, line int, rule string) protocol.TextEdit {
	li := f.Lines()
	at := li.Offset(line, 1, lint.Bytes)
	text := li.Line(line)
	indent := text[:len(text)-len(bytes.TrimLeft(text, " \t"))]
	eol := "\n"
	if end := at + len(text); end < len(f.Src) && f.Src[end] == '\r' {
		eol = "\r\n"
	}
	directive := "<!-- papers-disable-next-line " + rule + " -->"
	if f.Kind == lint.BibFile {
		directive = "% papers-disable-next-line " + rule
	}
	pos := c.position(f, at)
	return protocol.TextEdit{Range: protocol.Range{Start: pos, End: pos}, NewText: string(indent) + directive + eol}
}

// diffEdits turns f's text into fixed with one edit: the span between
// what the two texts share at their start and at their end.
func (c converter) diffEdits(f *lint.File, fixed []byte) []protocol.TextEdit {
	old := f.Src
	if bytes.Equal(old, fixed) {
		return []protocol.TextEdit{}
	}
	n := min(len(old), len(fixed))
	p := 0
	for p < n && old[p] == fixed[p] {
		p++
	}
	// Never between the bytes of a character, nor inside a CRLF.
	for p > 0 && (p < len(old) && !utf8.RuneStart(old[p]) || p < len(old) && old[p] == '\n' && old[p-1] == '\r') {
		p--
	}
	q := 0
	for q < n-p && old[len(old)-1-q] == fixed[len(fixed)-1-q] {
		q++
	}
	for q > 0 && (!utf8.RuneStart(old[len(old)-q]) || old[len(old)-q] == '\n' && len(old)-q > 0 && old[len(old)-q-1] == '\r') {
		q--
	}
	return []protocol.TextEdit{{Range: c.rangeOf(f, p, len(old)-q), NewText: string(fixed[p : len(fixed)-q])}}
}
