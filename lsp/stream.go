package lsp

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"

	"github.com/sourcegraph/jsonrpc2"
)

// maxMessage bounds one message: a notes file sent whole by didOpen is
// at most the lint's own input limit (256 MB) plus its JSON escaping.
const maxMessage = 1 << 30

// stream is a jsonrpc2.ObjectStream over the LSP base protocol (a
// Content-Length header, then the JSON body). Unlike jsonrpc2's own codec
// it reads each body whole before decoding it, so that a body that is not
// JSON, or not a JSON-RPC message, gets an error response (-32700 or
// -32600, as JSON-RPC 2.0 asks) and the connection goes on with the next
// message instead of closing: one bad message from an editor plugin must
// not end the editing session.
type stream struct {
	r  *bufio.Reader
	w  io.Writer
	c  io.Closer
	mu sync.Mutex // one message written at a time
}

func newStream(rwc io.ReadWriteCloser) *stream {
	return &stream{r: bufio.NewReaderSize(rwc, 64<<10), w: rwc, c: rwc}
}

// WriteObject writes one message with its header.
func (s *stream) WriteObject(obj any) error {
	data, err := json.Marshal(obj)
	if err != nil {
		return fmt.Errorf("encode message: %w", err)
	}
	return s.writeRaw(data)
}

func (s *stream) writeRaw(data []byte) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	// Header and body in one write: a pipe reader never sees half a message.
	msg := make([]byte, 0, len(data)+32)
	msg = append(msg, "Content-Length: "...)
	msg = strconv.AppendInt(msg, int64(len(data)), 10)
	msg = append(msg, "\r\n\r\n"...)
	msg = append(msg, data...)
	if _, err := s.w.Write(msg); err != nil {
		return fmt.Errorf("write message: %w", err)
	}
	return nil
}

// ReadObject reads the next message that decodes into v, answering those
// that do not with a JSON-RPC error.
func (s *stream) ReadObject(v any) error {
	for {
		body, err := s.readFrame()
		if err != nil {
			return err
		}
		err = json.Unmarshal(body, v)
		if err == nil {
			return nil
		}
		if werr := s.reject(body, err); werr != nil {
			return werr
		}
	}
}

// reject answers a body that is not a JSON-RPC message.
func (s *stream) reject(body []byte, cause error) error {
	code, msg := int64(jsonrpc2.CodeInvalidRequest), "invalid request: "+cause.Error()
	id := json.RawMessage("null")
	if !json.Valid(body) {
		code, msg = jsonrpc2.CodeParseError, "parse error: the message is not JSON"
	} else {
		var loose struct {
			ID json.RawMessage `json:"id"`
		}
		if json.Unmarshal(body, &loose) == nil && len(loose.ID) > 0 && (loose.ID[0] == '"' || loose.ID[0] >= '0' && loose.ID[0] <= '9' || loose.ID[0] == '-') {
			id = loose.ID
		}
	}
	resp, err := json.Marshal(struct {
		JSONRPC string          `json:"jsonrpc"`
		ID      json.RawMessage `json:"id"`
		Error   jsonrpc2.Error  `json:"error"`
	}{"2.0", id, jsonrpc2.Error{Code: code, Message: msg}})
	if err != nil {
		return fmt.Errorf("encode error response: %w", err)
	}
	return s.writeRaw(resp)
}

// readFrame reads one header block and the body it announces.
func (s *stream) readFrame() ([]byte, error) {
	length := -1
	for {
		line, err := s.r.ReadString('\n')
		if err != nil {
			if errors.Is(err, io.EOF) && line == "" {
				return nil, io.EOF
			}
			return nil, fmt.Errorf("read header: %w", err)
		}
		line = strings.TrimRight(line, "\r\n")
		if line == "" {
			if length < 0 {
				continue // blank lines between messages: tolerated
			}
			break
		}
		name, value, ok := strings.Cut(line, ":")
		if ok && strings.EqualFold(strings.TrimSpace(name), "Content-Length") {
			n, err := strconv.Atoi(strings.TrimSpace(value))
			if err != nil || n < 0 || n > maxMessage {
				return nil, fmt.Errorf("bad Content-Length %q", strings.TrimSpace(value))
			}
			length = n
		}
	}
	body := make([]byte, length)
	if _, err := io.ReadFull(s.r, body); err != nil {
		return nil, fmt.Errorf("read body: %w", err)
	}
	return bytes.TrimSpace(body), nil
}

// Close closes the connection.
func (s *stream) Close() error { return s.c.Close() }
