package lsp

import (
	"fmt"
	"strings"

	"github.com/tliron/glsp"
	protocol "github.com/tliron/glsp/protocol_3_16"

	"github.com/paperlint/papers/lint"
)

// linted reports whether papers lints a file of this name: Markdown notes
// and .bib files (an editor may send other documents too).
func linted(path string) bool {
	switch strings.ToLower(pathExt(path)) {
	case ".md", ".markdown", ".bib":
		return true
	}
	return false
}

func pathExt(path string) string {
	i := strings.LastIndexByte(path, '.')
	if i < 0 || strings.ContainsAny(path[i:], `/\`) {
		return ""
	}
	return path[i:]
}

// setText records the new text of an open document; the next run gives it
// to the workspace.
func (s *Server) setText(path string, d *document) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.docs[path] = d
	s.uris[path] = d.uri
	text := d.text
	s.pending[path] = &text
	delete(s.removed, path)
}

func (s *Server) didOpen(_ *glsp.Context, p *protocol.DidOpenTextDocumentParams) error {
	path, err := uriToPath(p.TextDocument.URI)
	if err != nil {
		return err
	}
	if !linted(path) {
		return nil
	}
	s.ensureRoot(path)
	s.setText(path, &document{uri: p.TextDocument.URI, version: p.TextDocument.Version, text: []byte(p.TextDocument.Text)})
	s.changed(0)
	return nil
}

func (s *Server) didChange(_ *glsp.Context, p *protocol.DidChangeTextDocumentParams) error {
	path, err := uriToPath(p.TextDocument.URI)
	if err != nil {
		return err
	}
	s.mu.Lock()
	d := s.docs[path]
	s.mu.Unlock()
	if d == nil {
		if !linted(path) {
			return nil
		}
		return fmt.Errorf("%s: change of a document that is not open", p.TextDocument.URI)
	}
	text := d.text
	for _, c := range p.ContentChanges {
		switch c := c.(type) {
		case protocol.TextDocumentContentChangeEventWhole:
			text = []byte(c.Text)
		case protocol.TextDocumentContentChangeEvent:
			text = s.conv.apply(text, c)
		}
	}
	s.setText(path, &document{uri: d.uri, version: p.TextDocument.Version, text: text})
	s.changed(s.opt.Debounce)
	return nil
}

// apply applies one ranged change to text and returns the new text, a new
// slice: the old one may be a parsed file's source, which never changes.
func (c converter) apply(text []byte, ch protocol.TextDocumentContentChangeEvent) []byte {
	if ch.Range == nil {
		return []byte(ch.Text)
	}
	li := lint.NewLineIndex(text)
	start, end := c.offset(li, ch.Range.Start), c.offset(li, ch.Range.End)
	if end < start {
		start, end = end, start
	}
	out := make([]byte, 0, len(text)-(end-start)+len(ch.Text))
	out = append(out, text[:start]...)
	out = append(out, ch.Text...)
	return append(out, text[end:]...)
}

func (s *Server) didSave(_ *glsp.Context, p *protocol.DidSaveTextDocumentParams) error {
	path, err := uriToPath(p.TextDocument.URI)
	if err != nil {
		return err
	}
	if isConfig(path) {
		s.mu.Lock()
		s.reload = true
		s.mu.Unlock()
		s.changed(0)
		return nil
	}
	// The buffer is linted already; a save is when an editor without
	// change events catches up, and when findings are wanted at once.
	if p.Text != nil {
		s.mu.Lock()
		d := s.docs[path]
		s.mu.Unlock()
		if d != nil {
			s.setText(path, &document{uri: d.uri, version: d.version, text: []byte(*p.Text)})
			s.changed(0)
			return nil
		}
	}
	s.schedule(0)
	return nil
}

func (s *Server) didClose(_ *glsp.Context, p *protocol.DidCloseTextDocumentParams) error {
	path, err := uriToPath(p.TextDocument.URI)
	if err != nil {
		return err
	}
	s.mu.Lock()
	_, open := s.docs[path]
	delete(s.docs, path)
	if open {
		// The file on disk is what counts again (the buffer may have
		// been closed without saving).
		s.pending[path] = nil
	}
	s.mu.Unlock()
	if open {
		s.changed(s.opt.Debounce)
	}
	return nil
}

// didChangeWatchedFiles follows files changed on disk: the config is read
// again (and with it every file), a notes or .bib file that is not open is
// read again, added or dropped.
func (s *Server) didChangeWatchedFiles(_ *glsp.Context, p *protocol.DidChangeWatchedFilesParams) error {
	any := false
	for _, ev := range p.Changes {
		path, err := uriToPath(ev.URI)
		if err != nil {
			continue
		}
		s.mu.Lock()
		switch {
		case isConfig(path):
			s.reload = true
			any = true
		case !linted(path) || s.docs[path] != nil:
			// Not ours, or open: the buffer wins over the disk.
		case ev.Type == protocol.FileChangeTypeDeleted:
			s.removed[path] = true
			delete(s.pending, path)
			any = true
		default:
			s.pending[path] = nil
			delete(s.removed, path)
			any = true
		}
		s.mu.Unlock()
	}
	if any {
		s.changed(s.opt.Debounce)
	}
	return nil
}
