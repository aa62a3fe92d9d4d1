package report

import (
	"bytes"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"
	"unsafe"

	"golang.org/x/text/width"

	"github.com/paperlint/papers/lint"
)

const (
	ansiReset  = "\x1b[0m"
	ansiBold   = "\x1b[1m"
	ansiRed    = "\x1b[31m"
	ansiYellow = "\x1b[33m"
	ansiBlue   = "\x1b[34m"
	ansiGreen  = "\x1b[32m"
	ansiDim    = "\x1b[2m"
)

// writeText prints `path:line:col: severity: message [rule-id]`, and with
// Context the source line with a caret under the span, the fix and the
// related places, so that a finding can be read without opening the file.
func writeText(w io.Writer, f *lint.Findings, ix *index, opt Options) error {
	return writeTextIn(new(partBuffers), w, f, ix, opt)
}

// writeTextIn is writeText in the buffers of pb.
func writeTextIn(pb *partBuffers, w io.Writer, f *lint.Findings, ix *index, opt Options) error {
	return pb.write(w, f, opt.jobs(), nil, func(buf *bytes.Buffer, _ int, ds []lint.Diagnostic) error {
		return writeTextPart(buf, ds, ix, opt)
	})
}

// writeTextPart appends the text of diags to bw (a part's buffer: its
// writes do not fail).
func writeTextPart(bw *bytes.Buffer, diags []lint.Diagnostic, ix *index, opt Options) error {
	paint := func(code, s string) string {
		if !opt.Color {
			return s
		}
		return code + s + ansiReset
	}
	// The lines are built by appending to one buffer, not with fmt: a big
	// list has a hundred thousand findings, a long line millions. A
	// finding's file and severity are most often the one's before: their
	// escaped, painted forms are made once and copied. The lines are
	// appended in bw's own free space (AvailableBuffer) and handed to it
	// when something else writes there and at the end, not copied in a
	// Write per line.
	var (
		buf      = bw.AvailableBuffer()
		last     lint.Position   // of the finding before, when in the same file
		lines    *lint.LineIndex // of the finding before's file, nil for one the run does not have
		fileHead []byte          // the painted, escaped path of the finding before
		sevs     [lint.Error + 1][]byte
		clean    cleanMessages
	)
	for i := range diags {
		d := &diags[i]
		var p lint.Position
		if i > 0 && diags[i-1].File == d.File {
			// Findings come in order: on a long line with thousands, each
			// position is found from the one before, in the file's index
			// looked up once.
			if lines != nil {
				p = lines.PositionFrom(last, d.Start)
			} else {
				p = posIn(nil, d.Start)
			}
		} else {
			lines = ix.lines(d.File)
			p = posIn(lines, d.Start)
			fileHead = fileHead[:0]
			if opt.Color {
				fileHead = append(fileHead, ansiBold...)
			}
			fileHead = appendEscaped(fileHead, d.File, true)
		}
		last = p
		buf = append(buf, fileHead...)
		buf = appendPosition(buf, p.Line, p.Column)
		if opt.Color {
			buf = append(buf, ansiReset...)
		}
		buf = append(buf, ' ')
		if d.Severity < lint.Severity(len(sevs)) {
			if sevs[d.Severity] == nil {
				sevs[d.Severity] = appendSeverity(nil, d.Severity, opt.Color)
			}
			buf = append(buf, sevs[d.Severity]...)
		} else {
			buf = appendSeverity(buf, d.Severity, opt.Color)
		}
		buf = append(buf, ": "...)
		if clean.is(d.Message) {
			buf = append(buf, d.Message...)
		} else {
			buf = appendOneLine(buf, d.Message)
		}
		buf = append(buf, ' ')
		if opt.Color {
			buf = append(buf, ansiDim...)
		}
		buf = append(buf, '[')
		buf = append(buf, d.Rule...)
		buf = append(buf, ']')
		if opt.Color {
			buf = append(buf, ansiReset...)
		}
		buf = append(buf, '\n')
		if !opt.Context {
			// Piped, the format is one line per finding, which editors
			// and scripts read line by line.
			continue
		}
		bw.Write(buf) // a part's buffer: never fails
		if line := ix.line(d.File, p.Line); line != nil {
			writeCaret(bw, line, *d, p, ix, paint)
		}
		if m := d.FixMessage(); m != "" && m != d.Message {
			fmt.Fprintf(bw, "    %s %s\n", paint(ansiGreen, "fix:"), appendOneLine(nil, m))
		}
		for _, s := range d.Suggestions() {
			fmt.Fprintf(bw, "    %s %s\n", paint(ansiGreen, "suggestion:"), appendOneLine(nil, s))
		}
		buf = bw.AvailableBuffer()
		for _, r := range d.Related() {
			rp := ix.pos(r.File, r.Start)
			buf = append(buf, "    "...)
			buf = appendPainted(buf, false, "", r.File, ':', rp.Line, rp.Column)
			buf = append(buf, ' ')
			buf = appendOneLine(buf, r.Message)
			buf = append(buf, '\n')
		}
	}
	bw.Write(buf)
	return nil
}

// cleanMessages remembers messages found clean (isClean: nothing to
// escape) by where their bytes are: a rule's messages are interned, so the
// millions of findings of a long line carry a few strings, each checked
// once instead of once per finding. A string's bytes never change, so the
// same address and length are the same message.
type cleanMessages [64]struct {
	p *byte
	n int
}

// is reports whether m has nothing to escape.
func (c *cleanMessages) is(m string) bool {
	p := unsafe.StringData(m)
	e := &c[uintptr(unsafe.Pointer(p))>>4%uintptr(len(c))]
	if e.p == p && e.n == len(m) && p != nil {
		return true
	}
	if !isClean(m, false) {
		return false
	}
	e.p, e.n = p, len(m)
	return true
}

// appendPainted appends s, then, when sep is not 0, sep line sep col sep
// ("path:3:7:"), in code's colour when color is set.
func appendPainted(buf []byte, color bool, code, s string, sep byte, line, col int) []byte {
	if color {
		buf = append(buf, code...)
	}
	buf = appendEscaped(buf, s, true)
	if sep != 0 {
		buf = appendPosition(buf, line, col)
	}
	if color {
		buf = append(buf, ansiReset...)
	}
	return buf
}

// appendPosition appends ":line:col:".
func appendPosition(buf []byte, line, col int) []byte {
	buf = append(buf, ':')
	buf = strconv.AppendInt(buf, int64(line), 10)
	buf = append(buf, ':')
	buf = strconv.AppendInt(buf, int64(col), 10)
	return append(buf, ':')
}

// appendSeverity appends the severity's name, in its colour when color is
// set.
func appendSeverity(buf []byte, sev lint.Severity, color bool) []byte {
	code := ""
	switch sev {
	case lint.Error:
		code = ansiRed + ansiBold
	case lint.Warning:
		code = ansiYellow + ansiBold
	case lint.Info:
		code = ansiBlue
	}
	return appendPainted(buf, color && code != "", code, sev.String(), 0, 0, 0)
}

// appendOneLine appends s with line breaks turned into spaces (and CRs
// dropped), as oneLine does, and other control characters escaped.
func appendOneLine(buf []byte, s string) []byte {
	if isClean(s, false) {
		return append(buf, s...)
	}
	if strings.IndexByte(s, '\n') >= 0 || strings.IndexByte(s, '\r') >= 0 {
		s = oneLine(s)
	}
	return appendEscaped(buf, s, false)
}

// appendEscaped appends s with its control characters written as escapes
// (`\x1b`, `\n`): text from the notes and file names from the repository
// are not trusted, and an ESC or OSC sequence in them would reach the
// user's terminal, and a newline in a file name would start a line that
// reads as a finding or a workflow command. Tabs are kept unless all is
// set.
func appendEscaped(buf []byte, s string, all bool) []byte {
	if isClean(s, all) {
		return append(buf, s...)
	}
	for _, r := range s {
		if e, ok := escapeControl(r, all); ok {
			buf = append(buf, e...)
			continue
		}
		buf = utf8.AppendRune(buf, r)
	}
	return buf
}

// isClean reports whether s has nothing appendEscaped escapes: no control
// character (tabs allowed unless all) and no byte 0xc2, with which every
// C1 control starts. Every message of a text report goes through it (a
// long line has millions), so it reads eight bytes at a time and looks
// at single bytes only in a word that may hold one of those.
func isClean(s string, all bool) bool {
	const (
		ones  = 0x0101010101010101
		highs = 0x8080808080808080
	)
	i := 0
	for ; i+8 <= len(s); i += 8 {
		x := uint64(s[i]) | uint64(s[i+1])<<8 | uint64(s[i+2])<<16 | uint64(s[i+3])<<24 |
			uint64(s[i+4])<<32 | uint64(s[i+5])<<40 | uint64(s[i+6])<<48 | uint64(s[i+7])<<56
		// A byte below 0x20, or equal to 0x7f or 0xc2, sets its high bit
		// in one of these (the usual tests for a byte below n and a zero
		// byte; each is exact on whether the word has such a byte).
		below := (x - 0x20*ones) &^ x
		del := x ^ 0x7f*ones
		c2 := x ^ 0xc2*ones
		if (below|(del-ones)&^del|(c2-ones)&^c2)&highs != 0 && !cleanBytes(s[i:i+8], all) {
			return false
		}
	}
	return cleanBytes(s[i:], all)
}

// cleanBytes is isClean one byte at a time.
func cleanBytes(s string, all bool) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 && (all || c != '\t') || c == 0x7f || c == 0xc2 {
			return false
		}
	}
	return true
}

// escapeControl returns how a control character is shown: \t \n \r, else
// \xHH (C0, DEL) or \u00HH (C1); ok is false for other characters, and for
// a tab unless all.
func escapeControl(r rune, all bool) (string, bool) {
	switch {
	case r == '\t' && !all:
		return "", false
	case r == '\t':
		return `\t`, true
	case r == '\n':
		return `\n`, true
	case r == '\r':
		return `\r`, true
	case r < 0x20 || r == 0x7f:
		return fmt.Sprintf(`\x%02x`, r), true
	case r >= 0x80 && r < 0xa0:
		return fmt.Sprintf(`\u%04x`, r), true
	}
	return "", false
}

// writeCaret prints the line and a caret row whose width follows the
// display width of the text before the span (CJK characters take two
// columns in a terminal, tabs are kept as tabs).
func writeCaret(w io.Writer, line []byte, d lint.Diagnostic, p lint.Position, ix *index, paint func(string, string) string) {
	const maxShown = 200
	// Only a window of the line around the span is read: a paragraph of a
	// hundred kilobytes on one line may have thousands of findings.
	startCol := p.Column - 1 // characters before the span
	startByte := min(max(p.ColumnByte-1, 0), len(line))
	end := ix.posFrom(p, d.File, d.End)
	// Long lines (minified or generated) are cut around the span: the
	// window starts maxShown/2 characters before it when the line has more
	// than maxShown characters and the span starts past maxShown/2.
	fromByte, from := 0, 0
	if startCol > maxShown/2 && utf8.RuneCount(line[:min(len(line), 4*(maxShown+1))]) > maxShown {
		fromByte, from = startByte, startCol
		for from > startCol-maxShown/2 && fromByte > 0 {
			_, n := utf8.DecodeLastRune(line[:fromByte])
			fromByte -= n
			from--
		}
	}
	toByte := fromByte
	for shown := 0; shown < maxShown && toByte < len(line); shown++ {
		_, n := utf8.DecodeRune(line[toByte:])
		toByte += n
	}
	// A stray CR inside the line would send the terminal's cursor back to
	// the start; a space keeps the column count that Position gave. A byte
	// that is not UTF-8 shows as U+FFFD, one per byte as Position counts.
	var shown strings.Builder
	for _, r := range string(line[fromByte:toByte]) {
		if r == '\r' {
			r = ' '
		}
		if e, ok := escapeControl(r, false); ok {
			shown.WriteString(e) // an ESC sequence from the notes must not reach the terminal
			continue
		}
		shown.WriteRune(r)
	}
	prefix := ""
	if from > 0 {
		prefix = "…"
	}
	fmt.Fprintf(w, "    %s%s\n", prefix, shown.String())
	var pad strings.Builder
	pad.WriteString("    ")
	if from > 0 {
		pad.WriteString(" ")
	}
	for _, r := range string(line[fromByte:min(max(startByte, fromByte), toByte)]) {
		e, escaped := escapeControl(r, false)
		switch {
		case r == '\t':
			pad.WriteByte('\t')
		case escaped && r != '\r':
			pad.WriteString(strings.Repeat(" ", len(e)))
		case isWide(r):
			pad.WriteString("  ")
		default:
			pad.WriteByte(' ')
		}
	}
	// The carets cover the span's characters within the window; a span
	// that goes on past the line covers the rest of it.
	spanEnd := toByte
	if end.Line == p.Line {
		if end.Column > p.Column {
			spanEnd = min(max(end.ColumnByte-1, startByte), toByte)
		} else if startByte < toByte { // an empty span: one character
			_, n := utf8.DecodeRune(line[startByte:])
			spanEnd = min(startByte+n, toByte)
		}
	}
	carets := 0
	if startByte < toByte {
		for _, r := range string(line[startByte:max(spanEnd, startByte)]) {
			if e, ok := escapeControl(r, false); ok && r != '\r' {
				carets += len(e)
			} else if isWide(r) {
				carets += 2
			} else {
				carets++
			}
		}
	}
	carets = max(carets, 1)
	fmt.Fprintf(w, "%s%s\n", pad.String(), paint(ansiRed+ansiBold, "^"+strings.Repeat("~", carets-1)))
}

func isWide(r rune) bool {
	if r < 0x1100 {
		return false
	}
	switch width.LookupRune(r).Kind() {
	case width.EastAsianWide, width.EastAsianFullwidth:
		return true
	}
	return false
}

// oneLine keeps a message on one output line.
func oneLine(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "\r", ""), "\n", " ")
}
