package lsp

import (
	"context"
	"encoding/json"
	"errors"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/sourcegraph/jsonrpc2"
	protocol "github.com/tliron/glsp/protocol_3_16"

	"github.com/paperlint/papers/internal/testkit"
	"github.com/paperlint/papers/lint"
	"github.com/paperlint/papers/rules"
)

// client is an LSP client driving a Server through an in-memory pipe.
type client struct {
	t    *testing.T
	conn *jsonrpc2.Conn
	done chan error
	root string

	mu    sync.Mutex
	diags map[string]publishDiags // last publication per URI
	logs  []string
	wake  chan struct{}
}

// publishDiags is a publication as the client reads it (glsp's Diagnostic
// cannot read its code back).
type publishDiags struct {
	URI         string       `json:"uri"`
	Version     *int         `json:"version"`
	Diagnostics []diagnostic `json:"diagnostics"`
}

type diagnostic struct {
	Range           protocol.Range `json:"range"`
	Severity        int            `json:"severity"`
	Code            string         `json:"code"`
	CodeDescription *struct {
		HRef string `json:"href"`
	} `json:"codeDescription"`
	Source             string `json:"source"`
	Message            string `json:"message"`
	RelatedInformation []struct {
		Location protocol.Location `json:"location"`
		Message  string            `json:"message"`
	} `json:"relatedInformation"`
}

// fixture files, with planted findings: an organisation spelled in lower
// case (org-name, fixable), CJK spacing and punctuation (fixable), a paper
// the .bib lacks (bib-missing), a title other.md lists too
// (duplicate-title).
const (
	fixtureNotes = "## 推荐系统\n" +
		"### Deep Interest Network for Click-Through Rate Prediction(DIN)[KDD'18][google]\n" +
		"- 用BERT编码,效果好\n" +
		"### Attention Is All You Need[NIPS'17][Google]\n" +
		"- 只用注意力。\n"
	fixtureBib   = "@inproceedings{vaswani2017attention,\n  title = {Attention Is All You Need},\n  booktitle = {Advances in Neural Information Processing Systems},\n  year = {2017},\n  author = {Vaswani, Ashish}\n}\n"
	fixtureDIN   = "@inproceedings{zhou2018din,\n  title = {Deep Interest Network for Click-Through Rate Prediction},\n  booktitle = {Proceedings of the ACM SIGKDD International Conference on Knowledge Discovery and Data Mining},\n  year = {2018},\n  author = {Zhou, Guorui}\n}\n"
	fixtureOther = "## 序列模型\n### Attention Is All You Need[NIPS'17][Google]\n- 又读了一遍。\n"
)

// writeFiles writes files under a new folder and returns it.
func writeFiles(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	testkit.WriteFiles(t, dir, files)
	return dir
}

// start runs a server on root and initializes it with the given client
// capabilities.
func start(t *testing.T, root string, caps map[string]any, opt Options) *client {
	t.Helper()
	if opt.Rules == nil {
		opt.Rules = rules.All()
	}
	if opt.Year == 0 {
		opt.Year = 2026
	}
	if opt.Debounce == 0 {
		opt.Debounce = 10 * time.Millisecond
	}
	opt.Jobs = 2
	a, b := net.Pipe()
	c := &client{t: t, root: root, done: make(chan error, 1), diags: map[string]publishDiags{}, wake: make(chan struct{}, 1)}
	srv := New(opt)
	go func() { c.done <- srv.Serve(context.Background(), a) }()
	c.conn = jsonrpc2.NewConn(context.Background(), jsonrpc2.NewBufferedStream(b, jsonrpc2.VSCodeObjectCodec{}), jsonrpc2.HandlerWithError(c.handle))
	t.Cleanup(func() {
		_ = c.conn.Close()
		if err := served(t, c.done); err != nil {
			t.Errorf("Serve: %v", err)
		}
	})
	if caps == nil {
		caps = map[string]any{}
	}
	var res struct {
		Capabilities map[string]any `json:"capabilities"`
	}
	c.call("initialize", map[string]any{"processId": nil, "rootUri": pathToURI(root), "capabilities": caps}, &res)
	if res.Capabilities["textDocumentSync"] == nil {
		t.Fatalf("initialize: no textDocumentSync in %v", res.Capabilities)
	}
	c.notify("initialized", map[string]any{})
	return c
}

// served waits for Serve to return what done carries.
func served(t *testing.T, done chan error) error {
	t.Helper()
	select {
	case err := <-done:
		return err
	case <-time.After(10 * time.Second):
		t.Fatal("the session did not end")
		return nil
	}
}

func (c *client) handle(_ context.Context, _ *jsonrpc2.Conn, req *jsonrpc2.Request) (any, error) {
	switch req.Method {
	case "textDocument/publishDiagnostics":
		var p publishDiags
		if err := json.Unmarshal(*req.Params, &p); err != nil {
			c.t.Errorf("publishDiagnostics: %v", err)
			return nil, nil
		}
		c.mu.Lock()
		c.diags[p.URI] = p
		c.mu.Unlock()
	case "window/logMessage":
		var p protocol.LogMessageParams
		_ = json.Unmarshal(*req.Params, &p)
		c.mu.Lock()
		c.logs = append(c.logs, p.Message)
		c.mu.Unlock()
	}
	select {
	case c.wake <- struct{}{}:
	default:
	}
	return nil, nil
}

func (c *client) call(method string, params, result any) {
	c.t.Helper()
	if err := c.conn.Call(context.Background(), method, params, result); err != nil {
		c.t.Fatalf("%s: %v", method, err)
	}
}

func (c *client) notify(method string, params any) {
	c.t.Helper()
	if err := c.conn.Notify(context.Background(), method, params); err != nil {
		c.t.Fatalf("%s: %v", method, err)
	}
}

func (c *client) uri(name string) string { return pathToURI(filepath.Join(c.root, name)) }

func (c *client) open(name, text string) {
	c.t.Helper()
	c.notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{
		"uri": c.uri(name), "languageId": "markdown", "version": 1, "text": text}})
}

// waitFor waits until the publication for name satisfies ok, and returns
// it.
func (c *client) waitFor(name string, ok func(publishDiags) bool) publishDiags {
	c.t.Helper()
	deadline := time.After(20 * time.Second)
	for {
		c.mu.Lock()
		p, have := c.diags[c.uri(name)]
		c.mu.Unlock()
		if have && ok(p) {
			return p
		}
		select {
		case <-c.wake:
		case <-time.After(20 * time.Millisecond):
		case <-deadline:
			c.t.Fatalf("%s: no publication as expected; last: %+v", name, p)
		}
	}
}

// has reports whether the publication holds a finding of rule.
func has(p publishDiags, rule string) bool { return count(p, rule) > 0 }

func count(p publishDiags, rule string) int {
	n := 0
	for _, d := range p.Diagnostics {
		if d.Code == rule {
			n++
		}
	}
	return n
}

func find(p publishDiags, rule string) *diagnostic {
	for i := range p.Diagnostics {
		if p.Diagnostics[i].Code == rule {
			return &p.Diagnostics[i]
		}
	}
	return nil
}

// offsetIn converts an LSP position to a byte offset of text counting
// UTF-16 units (or bytes), independently of the server's own conversion.
func offsetIn(text string, pos protocol.Position, utf8Units bool) int {
	off := 0
	for line := 0; line < int(pos.Line); line++ {
		i := strings.IndexByte(text[off:], '\n')
		if i < 0 {
			return len(text)
		}
		off += i + 1
	}
	units := 0
	for off < len(text) && text[off] != '\n' && units < int(pos.Character) {
		r, w := utf8.DecodeRuneInString(text[off:])
		switch {
		case utf8Units:
			units += w
		default:
			units += len(utf16.Encode([]rune{r}))
		}
		off += w
	}
	return off
}

// applyEdits applies text edits (all against text) as a client does.
func applyEdits(text string, edits []protocol.TextEdit, utf8Units bool) string {
	type ed struct {
		start, end int
		text       string
	}
	var es []ed
	for _, e := range edits {
		es = append(es, ed{offsetIn(text, e.Range.Start, utf8Units), offsetIn(text, e.Range.End, utf8Units), e.NewText})
	}
	for i := len(es) - 1; i >= 0; i-- { // edits come sorted; apply from the end
		text = text[:es[i].start] + es[i].text + text[es[i].end:]
	}
	return text
}

// codeActions asks for the actions at a range.
func (c *client) codeActions(name string, rng protocol.Range, only []string) []codeAction {
	c.t.Helper()
	var out []codeAction
	ctx := map[string]any{"diagnostics": []any{}}
	if only != nil {
		ctx["only"] = only
	}
	c.call("textDocument/codeAction", map[string]any{"textDocument": map[string]any{"uri": c.uri(name)}, "range": rng, "context": ctx}, &out)
	return out
}

type codeAction struct {
	Title       string                  `json:"title"`
	Kind        string                  `json:"kind"`
	Diagnostics []diagnostic            `json:"diagnostics"`
	Edit        *protocol.WorkspaceEdit `json:"edit"`
	Data        json.RawMessage         `json:"data"`
}

// change sends the edits as one incremental change.
func (c *client) change(name string, version int, edits []protocol.TextEdit) {
	c.t.Helper()
	var changes []map[string]any
	// Each change applies to the text the previous one left: from the
	// end of the file back, the earlier ranges stay right.
	for i := len(edits) - 1; i >= 0; i-- {
		changes = append(changes, map[string]any{"range": edits[i].Range, "text": edits[i].NewText})
	}
	c.notify("textDocument/didChange", map[string]any{"textDocument": map[string]any{"uri": c.uri(name), "version": version}, "contentChanges": changes})
}

// TestDiagnosticsQuickFix opens a notes file with planted findings,
// receives them with their rule, link, severity and version, applies the
// quick fix of one and sees it go.
func TestDiagnosticsQuickFix(t *testing.T) {
	root := writeFiles(t, map[string]string{"notes.md": fixtureNotes, "notes.bib": fixtureBib, "other.md": fixtureOther})
	c := start(t, root, nil, Options{})
	c.open("notes.md", fixtureNotes)
	// The folder is linted on initialized (version-less), then the open
	// buffer (version 1).
	p := c.waitFor("notes.md", func(p publishDiags) bool { return p.Version != nil })
	for _, rule := range []string{"org-name", "cjk-spacing", "cjk-punctuation", "bib-missing", "duplicate-title"} {
		if !has(p, rule) {
			t.Errorf("no %s finding in %+v", rule, p.Diagnostics)
		}
	}
	if p.Version == nil || *p.Version != 1 {
		t.Errorf("version = %v, want 1", p.Version)
	}
	d := find(p, "org-name")
	if d.CodeDescription == nil || !strings.HasSuffix(d.CodeDescription.HRef, "docs/rules/org-name.md") || d.Severity != 2 || d.Source != "papers" {
		t.Errorf("org-name finding: %+v", d)
	}
	dup := find(p, "duplicate-title")
	if len(dup.RelatedInformation) == 0 || dup.RelatedInformation[0].Location.URI != c.uri("other.md") {
		t.Errorf("duplicate-title: related %+v, want other.md", dup.RelatedInformation)
	}
	// The other file, not open, gets its findings too.
	c.waitFor("other.md", func(p publishDiags) bool { return has(p, "duplicate-title") })

	actions := c.codeActions("notes.md", d.Range, nil)
	var fix *codeAction
	for i := range actions {
		if actions[i].Kind == "quickfix" && strings.Contains(actions[i].Title, "Google") {
			fix = &actions[i]
		}
	}
	if fix == nil || fix.Edit == nil {
		t.Fatalf("no quick fix for org-name among %+v", actions)
	}
	edits := fix.Edit.Changes[c.uri("notes.md")]
	want := strings.Replace(fixtureNotes, "[google]", "[Google]", 1)
	if got := applyEdits(fixtureNotes, edits, false); got != want {
		t.Fatalf("quick fix gives\n%s\nwant\n%s", got, want)
	}
	c.change("notes.md", 2, edits)
	p = c.waitFor("notes.md", func(p publishDiags) bool { return p.Version != nil && *p.Version == 2 })
	if has(p, "org-name") || !has(p, "cjk-spacing") {
		t.Errorf("after the quick fix: %+v", p.Diagnostics)
	}
}

// TestBibEditUpdatesNotes: editing the companion .bib re-checks
// bib-missing in its notes, which are not open.
func TestBibEditUpdatesNotes(t *testing.T) {
	root := writeFiles(t, map[string]string{"notes.md": fixtureNotes, "notes.bib": fixtureBib})
	c := start(t, root, nil, Options{})
	c.open("notes.bib", fixtureBib)
	p := c.waitFor("notes.md", func(p publishDiags) bool { return has(p, "bib-missing") })
	if n := count(p, "bib-missing"); n != 1 {
		t.Fatalf("bib-missing findings: %d, want 1 (DIN)", n)
	}
	// Append the DIN entry at the end of the .bib.
	end := protocol.Position{Line: protocol.UInteger(strings.Count(fixtureBib, "\n")), Character: 0}
	c.change("notes.bib", 2, []protocol.TextEdit{{Range: protocol.Range{Start: end, End: end}, NewText: fixtureDIN}})
	c.waitFor("notes.md", func(p publishDiags) bool { return !has(p, "bib-missing") })
	// Closing the .bib unsaved brings the disk's text back.
	c.notify("textDocument/didClose", map[string]any{"textDocument": map[string]any{"uri": c.uri("notes.bib")}})
	c.waitFor("notes.md", func(p publishDiags) bool { return has(p, "bib-missing") })
}

// TestPositionEncodings: columns after astral characters (an emoji is two
// UTF-16 units, four bytes) and CJK (one unit, three bytes) are counted in
// UTF-16 by default and in UTF-8 when the client offers it.
func TestPositionEncodings(t *testing.T) {
	notes := "## 表情😀\n### 深度兴趣网络😀 for CTR😀[KDD'18][google]\n- 笔记。\n"
	line := "### 深度兴趣网络😀 for CTR😀[KDD'18][google]"
	at := strings.Index(line, "google")
	for _, tc := range []struct {
		name string
		caps map[string]any
		enc  string
		col  int
	}{
		{"default", nil, "utf-16", len(utf16.Encode([]rune(line[:at])))},
		{"utf-8 offered", map[string]any{"general": map[string]any{"positionEncodings": []string{"utf-8", "utf-16"}}}, "utf-8", at},
		{"utf-16 only", map[string]any{"general": map[string]any{"positionEncodings": []string{"utf-16"}}}, "utf-16", len(utf16.Encode([]rune(line[:at])))},
	} {
		t.Run(tc.name, func(t *testing.T) {
			root := writeFiles(t, map[string]string{"notes.md": notes})
			c := start(t, root, tc.caps, Options{})
			c.open("notes.md", notes)
			d := find(c.waitFor("notes.md", func(p publishDiags) bool { return has(p, "org-name") }), "org-name")
			if d.Range.Start.Line != 1 || int(d.Range.Start.Character) != tc.col || int(d.Range.End.Character) != tc.col+len("google") {
				t.Errorf("%s: org-name at %+v, want line 1 character %d", tc.enc, d.Range, tc.col)
			}
			// A change typed after the emoji, in the client's encoding,
			// lands where the client meant it.
			pos := protocol.Position{Line: 1, Character: protocol.UInteger(tc.col)}
			c.change("notes.md", 2, []protocol.TextEdit{{Range: protocol.Range{Start: pos, End: protocol.Position{Line: 1, Character: pos.Character + 6}}, NewText: "Google"}})
			c.waitFor("notes.md", func(p publishDiags) bool { return p.Version != nil && *p.Version == 2 && !has(p, "org-name") })
		})
	}
}

// TestFixAllAndFormatting: "fix all" gives the edits of --fix, formatting
// only those of the CJK rules.
func TestFixAllAndFormatting(t *testing.T) {
	root := writeFiles(t, map[string]string{"notes.md": fixtureNotes, "notes.bib": fixtureBib + fixtureDIN})
	c := start(t, root, nil, Options{})
	c.open("notes.md", fixtureNotes)
	c.waitFor("notes.md", func(p publishDiags) bool { return has(p, "org-name") })

	var edits []protocol.TextEdit
	c.call("textDocument/formatting", map[string]any{"textDocument": map[string]any{"uri": c.uri("notes.md")}, "options": map[string]any{"tabSize": 2, "insertSpaces": true}}, &edits)
	formatted := applyEdits(fixtureNotes, edits, false)
	if !strings.Contains(formatted, "用 BERT 编码，效果好") || !strings.Contains(formatted, "[google]") {
		t.Errorf("formatting gives\n%s", formatted)
	}

	actions := c.codeActions("notes.md", protocol.Range{}, []string{"source.fixAll"})
	if len(actions) != 1 || actions[0].Kind != "source.fixAll.papers" || actions[0].Edit == nil {
		t.Fatalf("fix all: %+v", actions)
	}
	fixed := applyEdits(fixtureNotes, actions[0].Edit.Changes[c.uri("notes.md")], false)
	if !strings.Contains(fixed, "用 BERT 编码，效果好") || !strings.Contains(fixed, "[KDD'18][Google]") {
		t.Errorf("fix all gives\n%s", fixed)
	}
	c.notify("textDocument/didChange", map[string]any{"textDocument": map[string]any{"uri": c.uri("notes.md"), "version": 2}, "contentChanges": []any{map[string]any{"text": fixed}}})
	p := c.waitFor("notes.md", func(p publishDiags) bool { return p.Version != nil && *p.Version == 2 })
	for _, d := range p.Diagnostics {
		if d.Code == "org-name" || strings.HasPrefix(d.Code, "cjk-") {
			t.Errorf("left after fix all: %+v", d)
		}
	}
}

// TestFixAllResolve: a client that resolves actions gets "fix all"
// without its edit, and the edit on resolve.
func TestFixAllResolve(t *testing.T) {
	root := writeFiles(t, map[string]string{"notes.md": fixtureNotes})
	caps := map[string]any{"textDocument": map[string]any{"codeAction": map[string]any{"resolveSupport": map[string]any{"properties": []string{"edit"}}}}}
	c := start(t, root, caps, Options{})
	c.open("notes.md", fixtureNotes)
	c.waitFor("notes.md", func(p publishDiags) bool { return has(p, "org-name") })
	var all *codeAction
	for _, a := range c.codeActions("notes.md", protocol.Range{}, nil) {
		if a.Kind == "source.fixAll.papers" {
			all = &a
		}
	}
	if all == nil || all.Edit != nil || len(all.Data) == 0 {
		t.Fatalf("fix all to resolve: %+v", all)
	}
	var resolved codeAction
	c.call("codeAction/resolve", all, &resolved)
	if resolved.Edit == nil || !strings.Contains(applyEdits(fixtureNotes, resolved.Edit.Changes[c.uri("notes.md")], false), "[Google]") {
		t.Errorf("resolved: %+v", resolved)
	}
}

// TestCJKQuickFix: a CJK finding's fix is kept inside the finding
// (lint.Diagnostic.SetFix), not in a lint.Fix; the quick fix still offers
// it, titled with its message, and applying it inserts the space.
func TestCJKQuickFix(t *testing.T) {
	root := writeFiles(t, map[string]string{"notes.md": fixtureNotes})
	c := start(t, root, nil, Options{})
	c.open("notes.md", fixtureNotes)
	p := c.waitFor("notes.md", func(p publishDiags) bool { return has(p, "cjk-spacing") })
	var d *diagnostic
	for i := range p.Diagnostics {
		if p.Diagnostics[i].Code == "cjk-spacing" && strings.Contains(p.Diagnostics[i].Message, `"用" and "BERT"`) {
			d = &p.Diagnostics[i]
		}
	}
	if d == nil {
		t.Fatalf("no cjk-spacing finding between 用 and BERT in %+v", p.Diagnostics)
	}
	var fix *codeAction
	for _, a := range c.codeActions("notes.md", d.Range, []string{"quickfix"}) {
		if a.Title == `add a space between "用" and "BERT" (cjk-spacing)` {
			fix = &a
		}
	}
	if fix == nil || fix.Edit == nil {
		t.Fatal("no quick fix titled with the finding's message")
	}
	got := applyEdits(fixtureNotes, fix.Edit.Changes[c.uri("notes.md")], false)
	if want := strings.Replace(fixtureNotes, "用BERT", "用 BERT", 1); got != want {
		t.Fatalf("quick fix gives\n%s\nwant\n%s", got, want)
	}
}

// TestDisableLine: "disable RULE for this line" inserts the directive,
// and the finding goes.
func TestDisableLine(t *testing.T) {
	root := writeFiles(t, map[string]string{"notes.md": fixtureNotes})
	c := start(t, root, nil, Options{})
	c.open("notes.md", fixtureNotes)
	d := find(c.waitFor("notes.md", func(p publishDiags) bool { return has(p, "org-name") }), "org-name")
	var dis *codeAction
	for _, a := range c.codeActions("notes.md", d.Range, []string{"quickfix"}) {
		if a.Title == "Disable org-name for this line" {
			dis = &a
		}
	}
	if dis == nil {
		t.Fatal("no disable action")
	}
	edits := dis.Edit.Changes[c.uri("notes.md")]
	text := applyEdits(fixtureNotes, edits, false)
	if !strings.Contains(text, "<!-- papers-disable-next-line org-name -->\n### Deep Interest") {
		t.Fatalf("disable gives\n%s", text)
	}
	c.change("notes.md", 2, edits)
	p := c.waitFor("notes.md", func(p publishDiags) bool { return p.Version != nil && *p.Version == 2 })
	if has(p, "org-name") || has(p, "directive") {
		t.Errorf("after disabling: %+v", p.Diagnostics)
	}
}

// hoverText asks for the hover at a position.
func (c *client) hoverText(name string, line, char int) string {
	c.t.Helper()
	var h struct {
		Contents protocol.MarkupContent `json:"contents"`
	}
	c.call("textDocument/hover", map[string]any{"textDocument": map[string]any{"uri": c.uri(name)}, "position": protocol.Position{Line: protocol.UInteger(line), Character: protocol.UInteger(char)}}, &h)
	return h.Contents.Value
}

// TestHover on a venue tag, an organisation tag and a finding.
func TestHover(t *testing.T) {
	root := writeFiles(t, map[string]string{"notes.md": fixtureNotes})
	c := start(t, root, nil, Options{})
	c.open("notes.md", fixtureNotes)
	c.waitFor("notes.md", func(p publishDiags) bool { return has(p, "org-name") })
	line3 := "### Attention Is All You Need[NIPS'17][Google]"
	h := c.hoverText("notes.md", 3, strings.Index(line3, "NIPS")+1)
	for _, want := range []string{"NeurIPS", "Neural Information Processing Systems", "conference", "**NIPS** up to 2017"} {
		if !strings.Contains(h, want) {
			t.Errorf("venue hover lacks %q:\n%s", want, h)
		}
	}
	if h := c.hoverText("notes.md", 3, strings.Index(line3, "Google")+1); !strings.Contains(h, "**Google**") {
		t.Errorf("org hover:\n%s", h)
	}
	line1 := "### Deep Interest Network for Click-Through Rate Prediction(DIN)[KDD'18][google]"
	h = c.hoverText("notes.md", 1, strings.Index(line1, "google")+1)
	if !strings.Contains(h, "org-name") || !strings.Contains(h, "docs/rules/org-name.md") || !strings.Contains(h, "**Google**") {
		t.Errorf("finding hover:\n%s", h)
	}
}

// TestCompletion inside brackets after a title: venue tags with a year,
// then organisations, including the workspace's own spellings.
func TestCompletion(t *testing.T) {
	notes := fixtureNotes + "### Some Paper[ICML'20][Lab X]\n- a\n### Another Paper[ICML'21][Lab X]\n- b\n"
	root := writeFiles(t, map[string]string{"notes.md": notes})
	c := start(t, root, nil, Options{})
	edited := notes + "### New Paper[Neu"
	c.open("notes.md", edited)
	c.waitFor("notes.md", func(p publishDiags) bool { return has(p, "org-name") })
	type item struct {
		Label    string `json:"label"`
		SortText string `json:"sortText"`
		TextEdit struct {
			Range   protocol.Range `json:"range"`
			NewText string         `json:"newText"`
		} `json:"textEdit"`
	}
	complete := func(line, char int) []item {
		var list struct {
			Items []item `json:"items"`
		}
		c.call("textDocument/completion", map[string]any{"textDocument": map[string]any{"uri": c.uri("notes.md")}, "position": protocol.Position{Line: protocol.UInteger(line), Character: protocol.UInteger(char)}}, &list)
		return list.Items
	}
	lastLine := strings.Count(edited, "\n")
	items := complete(lastLine, len("### New Paper[Neu"))
	byLabel := map[string]item{}
	for _, it := range items {
		byLabel[it.Label] = it
	}
	ne, ok := byLabel["NeurIPS'YY"]
	if !ok || ne.TextEdit.NewText != "NeurIPS'26" || ne.TextEdit.Range.Start.Character != protocol.UInteger(len("### New Paper[")) {
		t.Errorf("NeurIPS item: %+v", ne)
	}
	if g, ok := byLabel["Google"]; !ok || g.SortText <= ne.SortText {
		t.Errorf("Google item %+v should sort after the venues in the first bracket", g)
	}
	if _, ok := byLabel["Lab X"]; !ok {
		t.Error("the workspace's own organisation Lab X is not offered")
	}
	// Outside brackets: nothing.
	if items := complete(2, 2); len(items) != 0 {
		t.Errorf("completion in a note: %d items", len(items))
	}
}

// TestConfigReload: an invalid .papers.yaml is shown on itself and the
// defaults apply; once fixed (a watched-file change), its rules apply.
func TestConfigReload(t *testing.T) {
	root := writeFiles(t, map[string]string{"notes.md": fixtureNotes, ".papers.yaml": "rules:\n  org-name: bogus\n"})
	c := start(t, root, nil, Options{})
	c.open("notes.md", fixtureNotes)
	c.waitFor("notes.md", func(p publishDiags) bool { return has(p, "org-name") })
	cp := c.waitFor(".papers.yaml", func(p publishDiags) bool { return len(p.Diagnostics) == 1 })
	if d := cp.Diagnostics[0]; d.Range.Start.Line != 1 || !strings.Contains(d.Message, "bogus") {
		t.Errorf("config finding: %+v", d)
	}
	if err := os.WriteFile(filepath.Join(root, ".papers.yaml"), []byte("rules:\n  org-name: off\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	c.notify("workspace/didChangeWatchedFiles", map[string]any{"changes": []any{map[string]any{"uri": c.uri(".papers.yaml"), "type": 2}}})
	c.waitFor(".papers.yaml", func(p publishDiags) bool { return len(p.Diagnostics) == 0 })
	c.waitFor("notes.md", func(p publishDiags) bool { return !has(p, "org-name") && has(p, "cjk-spacing") })
}

// TestRulePanic: a rule that panics is a log line; the other rules'
// findings still arrive.
func TestRulePanic(t *testing.T) {
	boom := &lint.Rule{ID: "boom", Summary: "panics", Severity: lint.Warning, Scope: lint.NotesScope,
		Check: func(*lint.Pass) { panic("kaboom") }}
	root := writeFiles(t, map[string]string{"notes.md": fixtureNotes})
	c := start(t, root, nil, Options{Rules: append(rules.All(), boom)})
	c.open("notes.md", fixtureNotes)
	p := c.waitFor("notes.md", func(p publishDiags) bool { return has(p, "org-name") })
	if has(p, "boom") {
		t.Errorf("the panic is shown as a finding: %+v", find(p, "boom"))
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		c.mu.Lock()
		logged := strings.Contains(strings.Join(c.logs, "\n"), "kaboom")
		c.mu.Unlock()
		if logged {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the panic was not logged")
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// rawConn talks to a server frame by frame, to send what a client
// library would not.
type rawConn struct {
	t    *testing.T
	conn net.Conn
	s    *stream
	done chan error
}

func startRaw(t *testing.T) *rawConn {
	a, b := net.Pipe()
	r := &rawConn{t: t, conn: b, s: newStream(b), done: make(chan error, 1)}
	srv := New(Options{Rules: rules.All(), Year: 2026})
	go func() { r.done <- srv.Serve(context.Background(), a) }()
	t.Cleanup(func() { _ = b.Close() })
	return r
}

func (r *rawConn) send(body string) {
	r.t.Helper()
	if err := r.s.writeRaw([]byte(body)); err != nil {
		r.t.Fatal(err)
	}
}

// response reads frames until one answers a request (skipping
// notifications).
func (r *rawConn) response() map[string]any {
	r.t.Helper()
	for {
		body, err := r.s.readFrame()
		if err != nil {
			r.t.Fatal(err)
		}
		var m map[string]any
		if err := json.Unmarshal(body, &m); err != nil {
			r.t.Fatal(err)
		}
		if _, ok := m["method"]; !ok {
			return m
		}
	}
}

func errorCode(m map[string]any) float64 {
	e, _ := m["error"].(map[string]any)
	c, _ := e["code"].(float64)
	return c
}

// TestMalformedRequests: what is not JSON, not a request, has bad params
// or comes before initialize gets a JSON-RPC error, and the session goes
// on; shutdown then exit ends it cleanly.
func TestMalformedRequests(t *testing.T) {
	r := startRaw(t)
	r.send(`{"jsonrpc":"2.0","id":1,"method":"textDocument/hover","params":{}}`)
	if m := r.response(); errorCode(m) != codeServerNotInitialized {
		t.Errorf("before initialize: %v", m)
	}
	r.send(`{"jsonrpc":"2.0","id":2,"method":"initialize","params":{"capabilities":{}}}`)
	if m := r.response(); m["result"] == nil {
		t.Fatalf("initialize: %v", m)
	}
	r.send(`{"jsonrpc":"2.0","id":3,"method":`)
	if m := r.response(); errorCode(m) != jsonrpc2.CodeParseError {
		t.Errorf("truncated JSON: %v", m)
	}
	r.send(`{"jsonrpc":"2.0","id":4}`)
	if m := r.response(); errorCode(m) != jsonrpc2.CodeInvalidRequest || m["id"] != float64(4) {
		t.Errorf("neither request nor response: %v", m)
	}
	r.send(`{"jsonrpc":"2.0","id":5,"method":"textDocument/hover","params":{"textDocument":7}}`)
	if m := r.response(); errorCode(m) != jsonrpc2.CodeInvalidParams {
		t.Errorf("bad params: %v", m)
	}
	r.send(`{"jsonrpc":"2.0","id":6,"method":"papers/nothing","params":{}}`)
	if m := r.response(); errorCode(m) != jsonrpc2.CodeMethodNotFound {
		t.Errorf("unknown method: %v", m)
	}
	r.send(`{"jsonrpc":"2.0","id":7,"method":"textDocument/hover","params":{"textDocument":{"uri":"http://example.org/x.md"},"position":{"line":0,"character":0}}}`)
	if m := r.response(); errorCode(m) == 0 {
		t.Errorf("a URI that is not a file: %v", m)
	}
	r.send(`{"jsonrpc":"2.0","id":8,"method":"shutdown"}`)
	if m := r.response(); m["error"] != nil {
		t.Errorf("shutdown: %v", m)
	}
	r.send(`{"jsonrpc":"2.0","id":9,"method":"textDocument/hover","params":{}}`)
	if m := r.response(); errorCode(m) != jsonrpc2.CodeInvalidRequest {
		t.Errorf("after shutdown: %v", m)
	}
	r.send(`{"jsonrpc":"2.0","method":"exit"}`)
	if err := served(t, r.done); err != nil {
		t.Errorf("Serve after shutdown and exit: %v", err)
	}
}

// TestExitWithoutShutdown: Serve says so, and papers lsp exits 1.
func TestExitWithoutShutdown(t *testing.T) {
	r := startRaw(t)
	r.send(`{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}`)
	r.response()
	r.send(`{"jsonrpc":"2.0","method":"exit"}`)
	if err := served(t, r.done); !errors.Is(err, ErrExitWithoutShutdown) {
		t.Errorf("Serve: %v", err)
	}
}

// TestTitleEditRechecksOtherFiles: renaming a paper in the open file
// takes the duplicate-title finding off the other notes file, which is not
// open, and typing it back brings it again.
func TestTitleEditRechecksOtherFiles(t *testing.T) {
	root := writeFiles(t, map[string]string{"notes.md": fixtureNotes, "other.md": fixtureOther})
	c := start(t, root, nil, Options{})
	c.open("notes.md", fixtureNotes)
	c.waitFor("other.md", func(p publishDiags) bool { return has(p, "duplicate-title") })
	line := "### Attention Is All You Need[NIPS'17][Google]"
	at := strings.Index(line, "Attention")
	rng := protocol.Range{Start: protocol.Position{Line: 3, Character: protocol.UInteger(at)}, End: protocol.Position{Line: 3, Character: protocol.UInteger(at + len("Attention"))}}
	c.change("notes.md", 2, []protocol.TextEdit{{Range: rng, NewText: "Retention"}})
	c.waitFor("other.md", func(p publishDiags) bool { return !has(p, "duplicate-title") })
	rng.End.Character = protocol.UInteger(at + len("Retention"))
	c.change("notes.md", 3, []protocol.TextEdit{{Range: rng, NewText: "Attention"}})
	c.waitFor("other.md", func(p publishDiags) bool { return has(p, "duplicate-title") })
}
