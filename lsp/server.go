package lsp

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"runtime/debug"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/sourcegraph/jsonrpc2"
	"github.com/tliron/glsp"
	protocol "github.com/tliron/glsp/protocol_3_16"

	"github.com/paperlint/papers/lint"
)

// DefaultDebounce is how long the server waits after a change before it
// lints: long enough that a burst of keystrokes makes one run, short
// enough that the findings follow the typing.
const DefaultDebounce = 150 * time.Millisecond

// ErrExitWithoutShutdown is what Serve returns when the client sent exit
// without shutdown first; `papers lsp` then exits 1, as the protocol asks.
var ErrExitWithoutShutdown = errors.New("exit without shutdown")

// codeServerNotInitialized is the LSP error of a request before initialize.
const codeServerNotInitialized = -32002

// Options configure a Server.
type Options struct {
	// Rules are the rules to run (rules.All(), plus a third party's own).
	Rules []*lint.Rule
	// Config is a config file for the workspace; empty finds the
	// .papers.yaml of the workspace folder or its parents, as papers lint
	// does.
	Config string
	// AllowOutside lets the config's bib: mapping name files outside the
	// config's folder (papers lint --allow-outside).
	AllowOutside bool
	// Year is the current year (lint.Env.Year).
	Year int
	// Jobs is the worker budget of a run; <= 0 means one.
	Jobs int
	// MaxFileSize refuses files on disk larger than this many bytes; 0
	// means no limit.
	MaxFileSize int64
	// Debounce is the wait after a change before linting; 0 means
	// DefaultDebounce.
	Debounce time.Duration
	// Version is papers' version, told to the client in serverInfo.
	Version string
	// Log receives the server's log lines (stderr for papers lsp); nil
	// discards them. They also go to the client as window/logMessage.
	Log io.Writer
}

// Server is one editor session: a connection, the workspace it lints and
// the documents the editor has open.
type Server struct {
	opt     Options
	handler protocol.Handler
	// conn and stream are set by Serve; runs started by timers read them.
	conn   atomic.Pointer[jsonrpc2.Conn]
	stream atomic.Pointer[stream]
	ctx    context.Context

	// Set by initialize, read-only after.
	client clientCaps
	conv   converter

	// logMu orders log lines written to opt.Log.
	logMu sync.Mutex

	// runMu is held by a run from its first Update to its publication, so
	// that runs follow one another in the order of the changes.
	runMu sync.Mutex

	mu        sync.Mutex // guards what follows
	root      string
	st        *state
	docs      map[string]*document
	pending   map[string]*[]byte // path -> new text (nil: read it from disk)
	removed   map[string]bool
	reload    bool
	gen       int // bumped by every change
	snap      *snapshot
	published map[string]published
	uris      map[string]string // path -> URI as the client wrote it
	timer     *time.Timer
	down      bool // shutdown received
	exited    bool
}

// document is a buffer the editor has open.
type document struct {
	uri     string
	version protocol.Integer
	text    []byte
}

// published is what was last sent for one URI.
type published struct {
	file *lint.File
	sum  uint64
}

// New makes a server; Serve runs it on a connection.
func New(opt Options) *Server {
	if opt.Debounce <= 0 {
		opt.Debounce = DefaultDebounce
	}
	if opt.Jobs <= 0 {
		opt.Jobs = 1
	}
	s := &Server{opt: opt, docs: map[string]*document{}, pending: map[string]*[]byte{}, removed: map[string]bool{},
		published: map[string]published{}, uris: map[string]string{}}
	s.handler = protocol.Handler{
		Initialize:                     s.initialize,
		Initialized:                    s.initialized,
		Shutdown:                       s.shutdown,
		SetTrace:                       func(*glsp.Context, *protocol.SetTraceParams) error { return nil },
		TextDocumentDidOpen:            s.didOpen,
		TextDocumentDidChange:          s.didChange,
		TextDocumentDidSave:            s.didSave,
		TextDocumentDidClose:           s.didClose,
		WorkspaceDidChangeWatchedFiles: s.didChangeWatchedFiles,
		WorkspaceDidChangeConfiguration: func(*glsp.Context, *protocol.DidChangeConfigurationParams) error {
			return nil // papers reads .papers.yaml, not editor settings
		},
		TextDocumentCodeAction: s.codeAction,
		CodeActionResolve:      s.codeActionResolve,
		TextDocumentFormatting: s.formatting,
		TextDocumentHover:      s.hover,
		TextDocumentCompletion: s.completion,
	}
	return s
}

// Serve runs the server on rwc (stdin and stdout for papers lsp, a pipe in
// tests) until the client sends exit or closes the connection, or ctx is
// done. It returns ErrExitWithoutShutdown when exit came without shutdown.
func (s *Server) Serve(ctx context.Context, rwc io.ReadWriteCloser) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	s.ctx = ctx
	// No message is handled before the connection is stored, so that
	// nothing a handler starts publishes into the void.
	ready := make(chan struct{})
	h := jsonrpc2.HandlerWithError(func(ctx context.Context, c *jsonrpc2.Conn, r *jsonrpc2.Request) (any, error) {
		<-ready
		return s.handle(ctx, c, r)
	}).SuppressErrClosed()
	st := newStream(rwc)
	conn := jsonrpc2.NewConn(ctx, st, h, jsonrpc2.SetLogger(logAdapter{s}))
	s.conn.Store(conn)
	s.stream.Store(st)
	close(ready)
	select {
	case <-conn.DisconnectNotify():
	case <-ctx.Done():
		_ = conn.Close()
	}
	s.mu.Lock()
	if s.timer != nil {
		s.timer.Stop()
	}
	down, exited := s.down, s.exited
	s.mu.Unlock()
	// A run in progress finishes before Serve returns, so that nothing
	// outlives the session.
	s.runMu.Lock()
	defer s.runMu.Unlock()
	if exited && !down {
		return ErrExitWithoutShutdown
	}
	return nil
}

// handle answers one message. A panic in a handler becomes a log line and
// an internal error response: the session goes on.
func (s *Server) handle(ctx context.Context, conn *jsonrpc2.Conn, req *jsonrpc2.Request) (result any, err error) {
	defer func() {
		if v := recover(); v != nil {
			s.logf(protocol.MessageTypeError, "internal error handling %s: %v\n%s", req.Method, v, debug.Stack())
			result, err = nil, &jsonrpc2.Error{Code: jsonrpc2.CodeInternalError, Message: fmt.Sprintf("papers: internal error handling %s: %v", req.Method, v)}
		}
	}()
	if req.Method == protocol.MethodExit {
		s.mu.Lock()
		s.exited = true
		s.mu.Unlock()
		return nil, conn.Close()
	}
	s.mu.Lock()
	down := s.down
	s.mu.Unlock()
	if down {
		return nil, &jsonrpc2.Error{Code: jsonrpc2.CodeInvalidRequest, Message: "the server is shut down: only exit is accepted"}
	}
	gc := &glsp.Context{
		Method: req.Method,
		Notify: func(method string, params any) { s.notify(method, params) },
		Call: func(method string, params, result any) {
			if err := conn.Call(ctx, method, params, result); err != nil {
				s.logf(protocol.MessageTypeWarning, "%s: %v", method, err)
			}
		},
	}
	if req.Params != nil {
		gc.Params = *req.Params
	}
	if req.Method != protocol.MethodInitialize && !s.handler.IsInitialized() {
		return nil, &jsonrpc2.Error{Code: codeServerNotInitialized, Message: "the server is not initialized: send initialize first"}
	}
	r, validMethod, validParams, err := s.handler.Handle(gc)
	switch {
	case !validMethod:
		if req.Notif {
			return nil, nil // $/ notifications and the like may be ignored
		}
		return nil, &jsonrpc2.Error{Code: jsonrpc2.CodeMethodNotFound, Message: "method not supported: " + req.Method}
	case !validParams:
		msg := "invalid params for " + req.Method
		if err != nil {
			msg += ": " + err.Error()
		}
		return nil, &jsonrpc2.Error{Code: jsonrpc2.CodeInvalidParams, Message: msg}
	case err != nil:
		var rpcErr *jsonrpc2.Error
		if errors.As(err, &rpcErr) {
			return nil, rpcErr
		}
		if req.Notif {
			s.logf(protocol.MessageTypeWarning, "%s: %v", req.Method, err)
			return nil, nil
		}
		return nil, &jsonrpc2.Error{Code: jsonrpc2.CodeInvalidParams, Message: err.Error()}
	}
	return r, nil
}

// notify sends a notification, logging (to opt.Log only) what fails: the
// client may be gone.
//
// The message is encoded once and written to the stream directly:
// jsonrpc2's Notify encodes the params, then the message around them,
// compacting them again, which for the findings of a large file (tens of
// thousands) cost more than linting it.
func (s *Server) notify(method string, params any) {
	st := s.stream.Load()
	if st == nil {
		return
	}
	p, err := json.Marshal(params)
	if err != nil {
		s.logLocal("papers lsp: %s: encode: %v", method, err)
		return
	}
	m, err := json.Marshal(method)
	if err != nil {
		s.logLocal("papers lsp: %s: encode: %v", method, err)
		return
	}
	msg := make([]byte, 0, len(p)+len(m)+40)
	msg = append(msg, `{"jsonrpc":"2.0","method":`...)
	msg = append(msg, m...)
	msg = append(msg, `,"params":`...)
	msg = append(msg, p...)
	msg = append(msg, '}')
	if err := st.writeRaw(msg); err != nil && !closedErr(err) {
		s.logLocal("papers lsp: %s: %v", method, err)
	}
}

// closedErr reports whether err says the connection is gone: the client
// went away, nothing to tell it.
func closedErr(err error) bool {
	return errors.Is(err, io.ErrClosedPipe) || errors.Is(err, net.ErrClosed) || errors.Is(err, os.ErrClosed) || errors.Is(err, syscall.EPIPE)
}

// logf writes a log line to opt.Log and to the client.
func (s *Server) logf(kind protocol.MessageType, format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	s.logLocal("papers lsp: %s", msg)
	s.notify(protocol.ServerWindowLogMessage, protocol.LogMessageParams{Type: kind, Message: msg})
}

// logLocal writes a line to opt.Log.
func (s *Server) logLocal(format string, args ...any) {
	if s.opt.Log == nil {
		return
	}
	s.logMu.Lock()
	defer s.logMu.Unlock()
	fmt.Fprintf(s.opt.Log, format+"\n", args...)
}

// logAdapter routes jsonrpc2's own log lines to the server's log.
type logAdapter struct{ s *Server }

func (l logAdapter) Printf(format string, v ...any) { l.s.logLocal("papers lsp: "+format, v...) }

// clientCaps are the client capabilities the server looks at, read from the
// raw initialize params (positionEncodings is LSP 3.17, which glsp's types
// lack).
type clientCaps struct {
	General struct {
		PositionEncodings []string `json:"positionEncodings"`
	} `json:"general"`
	TextDocument struct {
		Completion struct {
			CompletionItem struct {
				SnippetSupport bool `json:"snippetSupport"`
			} `json:"completionItem"`
		} `json:"completion"`
		CodeAction struct {
			ResolveSupport struct {
				Properties []string `json:"properties"`
			} `json:"resolveSupport"`
		} `json:"codeAction"`
	} `json:"textDocument"`
	Workspace struct {
		DidChangeWatchedFiles struct {
			DynamicRegistration bool `json:"dynamicRegistration"`
		} `json:"didChangeWatchedFiles"`
	} `json:"workspace"`
}

// resolvesEdits reports whether the client fills a code action's edit
// through codeAction/resolve, so that "fix all" is computed only when
// chosen.
func (c *clientCaps) resolvesEdits() bool {
	for _, p := range c.TextDocument.CodeAction.ResolveSupport.Properties {
		if p == "edit" {
			return true
		}
	}
	return false
}

// capabilities are the server's capabilities with LSP 3.17's
// positionEncoding.
type capabilities struct {
	protocol.ServerCapabilities
	PositionEncoding string `json:"positionEncoding,omitempty"`
}

type initializeResult struct {
	Capabilities capabilities                         `json:"capabilities"`
	ServerInfo   *protocol.InitializeResultServerInfo `json:"serverInfo,omitempty"`
}

// Kinds of code action the server offers.
const (
	kindSourceFixAll = protocol.CodeActionKind("source.fixAll")
	kindFixAll       = protocol.CodeActionKind("source.fixAll.papers")
)

func (s *Server) initialize(ctx *glsp.Context, p *protocol.InitializeParams) (any, error) {
	var raw struct {
		Capabilities clientCaps `json:"capabilities"`
	}
	if err := json.Unmarshal(ctx.Params, &raw); err != nil {
		return nil, fmt.Errorf("initialize params: %w", err)
	}
	s.client = raw.Capabilities
	enc := encUTF16
	for _, e := range s.client.General.PositionEncodings {
		if e == encUTF8 {
			enc = encUTF8
		}
	}
	s.conv = converter{utf8: enc == encUTF8}

	root := ""
	switch {
	case len(p.WorkspaceFolders) > 0:
		root, _ = uriToPath(p.WorkspaceFolders[0].URI)
	case p.RootURI != nil && *p.RootURI != "":
		root, _ = uriToPath(*p.RootURI)
	case p.RootPath != nil:
		root = *p.RootPath
	}
	s.mu.Lock()
	s.root = root
	s.mu.Unlock()

	var caps protocol.ServerCapabilities
	change := protocol.TextDocumentSyncKindIncremental
	// Pointers of our own: glsp's True and False are package variables
	// anyone could change.
	yes, no := true, false
	caps.TextDocumentSync = &protocol.TextDocumentSyncOptions{
		OpenClose: &yes, Change: &change,
		Save: &protocol.SaveOptions{IncludeText: &no},
	}
	caps.CodeActionProvider = &protocol.CodeActionOptions{
		CodeActionKinds: []protocol.CodeActionKind{protocol.CodeActionKindQuickFix, kindSourceFixAll, kindFixAll},
		ResolveProvider: &yes,
	}
	caps.CompletionProvider = &protocol.CompletionOptions{TriggerCharacters: []string{"[", "'", ","}}
	caps.DocumentFormattingProvider = true
	caps.HoverProvider = true
	version := s.opt.Version
	return initializeResult{
		Capabilities: capabilities{ServerCapabilities: caps, PositionEncoding: enc},
		ServerInfo:   &protocol.InitializeResultServerInfo{Name: "papers", Version: &version},
	}, nil
}

// initialized lints the workspace folder, so that the findings of files
// not open show too, and asks the client to report changes to the files
// papers reads (the notes, the .bib files, .papers.yaml).
func (s *Server) initialized(*glsp.Context, *protocol.InitializedParams) error {
	if s.client.Workspace.DidChangeWatchedFiles.DynamicRegistration {
		// A request to the client from its own goroutine: the read loop
		// that would deliver the answer is the one running this handler.
		go func() {
			err := s.conn.Load().Call(s.ctx, protocol.ServerClientRegisterCapability, protocol.RegistrationParams{
				Registrations: []protocol.Registration{{
					ID: "papers-files", Method: protocol.MethodWorkspaceDidChangeWatchedFiles,
					RegisterOptions: protocol.DidChangeWatchedFilesRegistrationOptions{Watchers: []protocol.FileSystemWatcher{
						{GlobPattern: "**/" + lint.ConfigFileName}, {GlobPattern: "**/*.{md,markdown,bib}"},
					}},
				}},
			}, nil)
			if err != nil && !errors.Is(err, jsonrpc2.ErrClosed) {
				s.logf(protocol.MessageTypeWarning, "register file watchers: %v", err)
			}
		}()
	}
	s.mu.Lock()
	have := s.root != ""
	s.mu.Unlock()
	if have {
		s.schedule(0)
	}
	return nil
}

func (s *Server) shutdown(*glsp.Context) error {
	s.mu.Lock()
	s.down = true
	if s.timer != nil {
		s.timer.Stop()
	}
	s.mu.Unlock()
	return nil
}
