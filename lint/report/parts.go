package report

import (
	"bytes"
	"encoding/json"
	"io"

	"github.com/paperlint/papers/internal/par"
	"github.com/paperlint/papers/lint"
)

// partSize is how many findings one goroutine formats: large runs (a
// hundred thousand findings on a big list) are formatted in parallel parts,
// written in order.
const partSize = 8192

// partBuffers is the memory findings are formatted in, in parts: a
// Stream writes a run's findings a file at a time with one, not with new
// buffers and a new window for each file.
type partBuffers struct {
	one    bytes.Buffer
	bufs   []bytes.Buffer
	errs   []error
	window []lint.Diagnostic
}

// write formats the findings of f with format, in parallel parts of
// partSize when there are many, and writes the parts to w in order
// (lint.Findings.WindowsParallel: each part formatted as soon as one of
// jobs goroutines is free, the next merged meanwhile on a goroutine of its
// own, the parts written in turn), so that a large output (a SARIF log of
// a big list is hundreds of megabytes) is never held whole, nor the
// findings merged into one more list. prepare, when not nil, sees each
// window of jobs parts, in order, before its parts are formatted (SARIF
// counts fingerprints in order there). format gets the findings of one
// part and the index of its first.
func (pb *partBuffers) write(w io.Writer, f *lint.Findings, jobs int, prepare func(lo int, ds []lint.Diagnostic), format func(buf *bytes.Buffer, lo int, ds []lint.Diagnostic) error) error {
	if f.Len() <= partSize {
		buf := &pb.one
		buf.Reset()
		err := f.WindowsIn(&pb.window, partSize, func(lo int, ds []lint.Diagnostic) error {
			if prepare != nil {
				prepare(lo, ds)
			}
			return format(buf, lo, ds)
		})
		if err != nil {
			return err
		}
		_, err = buf.WriteTo(w)
		return err
	}
	if prepare == nil {
		// Nothing to see in order first: each window is a part, formatted
		// as soon as a goroutine is free and written in turn.
		if len(pb.bufs) < 2*jobs {
			pb.bufs = make([]bytes.Buffer, 2*jobs)
		}
		bufs := pb.bufs
		return f.WindowsParallel(partSize, jobs, func(k, lo int, ds []lint.Diagnostic) error {
			bufs[k].Reset()
			return format(&bufs[k], lo, ds)
		}, func(k int) error {
			_, err := w.Write(bufs[k].Bytes())
			return err
		})
	}
	// prepare must see the windows in order: one goroutine takes them,
	// each of jobs parts formatted in parallel, while the next window is
	// merged and the one before written. A window's slot has its own jobs
	// buffers; a part that fails ends its window's parts written there.
	if len(pb.bufs) < 2*jobs || len(pb.errs) < 2*jobs {
		pb.bufs = make([]bytes.Buffer, 2*jobs)
		pb.errs = make([]error, 2*jobs)
	}
	bufs, errs := pb.bufs, pb.errs
	var parts [2]int // per slot: its parts to write
	return f.WindowsParallel(jobs*partSize, 1, func(slot, lo int, ds []lint.Diagnostic) error {
		prepare(lo, ds)
		own, ownErrs := bufs[slot*jobs:(slot+1)*jobs], errs[slot*jobs:(slot+1)*jobs]
		batch := (len(ds) + partSize - 1) / partSize
		par.Do(batch, jobs, func(k int) {
			own[k].Reset()
			a := k * partSize
			ownErrs[k] = format(&own[k], lo+a, ds[a:min(a+partSize, len(ds))])
		})
		parts[slot] = batch
		return nil
	}, func(slot int) error {
		own, ownErrs := bufs[slot*jobs:(slot+1)*jobs], errs[slot*jobs:(slot+1)*jobs]
		for k := range parts[slot] {
			if ownErrs[k] != nil {
				return ownErrs[k]
			}
			if _, err := w.Write(own[k].Bytes()); err != nil {
				return err
			}
		}
		return nil
	})
}

// jsonItems appends the items of ds, the findings [lo, lo+len(ds)), of a
// JSON array to buf, each as
// encoding/json writes an array element that stands at prefix (with
// SetIndent(prefix, indent), no HTML escaping), separated by ",\n" (by ","
// when indent is ""). Formatted this way in parallel parts, an array reads
// the same as when the whole document goes through one Encoder.
func jsonItems(buf *bytes.Buffer, lo int, ds []lint.Diagnostic, prefix, indent string, item func(i int, d *lint.Diagnostic) any) error {
	enc := json.NewEncoder(buf)
	enc.SetEscapeHTML(false)
	sep := ","
	if indent != "" {
		enc.SetIndent(prefix, indent)
		sep = ",\n"
	}
	for j := range ds {
		if lo+j > 0 {
			buf.WriteString(sep)
		}
		buf.WriteString(prefix)
		if err := enc.Encode(item(lo+j, &ds[j])); err != nil {
			return err
		}
		buf.Truncate(buf.Len() - 1) // the newline Encode ends with
	}
	return nil
}

// spliceArray writes skeleton, a JSON document written by an Encoder with
// an empty array at marker (such as `"results": []`), with the items of
// that array in its place: "[", an item for each finding of f (jsonItems
// at prefix), and the closing "]" at closeIndent on a line of its own when
// indent is not "". The items are formatted in parts on at most jobs
// goroutines (partBuffers.write).
func spliceArray(w io.Writer, skeleton []byte, marker string, f *lint.Findings, jobs int, prefix, indent, closeIndent string, prepare func(lo int, ds []lint.Diagnostic), item func(i int, d *lint.Diagnostic) any) error {
	return writeSplice(w, &arraySplice{skeleton: skeleton, marker: marker, prefix: prefix, indent: indent, closeIndent: closeIndent, prepare: prepare, item: item}, f, jobs)
}

// writeSplice writes the document of a with the findings of f.
func writeSplice(w io.Writer, a *arraySplice, f *lint.Findings, jobs int) error {
	if err := a.write(w, new(partBuffers), f, jobs); err != nil {
		return err
	}
	return a.close(w)
}

// arraySplice is spliceArray in steps, for findings that come a file at a
// time (Stream): write for each part, then close.
type arraySplice struct {
	skeleton                    []byte
	marker                      string
	prefix, indent, closeIndent string
	prepare                     func(lo int, ds []lint.Diagnostic)
	item                        func(i int, d *lint.Diagnostic) any
	n                           int // items written
}

// write writes the items of f's findings after those written before,
// and the skeleton up to the array before the first.
func (a *arraySplice) write(w io.Writer, pb *partBuffers, f *lint.Findings, jobs int) error {
	at := bytes.Index(a.skeleton, []byte(a.marker))
	if at < 0 || f.Len() == 0 {
		return nil // close writes the skeleton as it is
	}
	if a.n == 0 {
		head := a.skeleton[:at+len(a.marker)-1] // up to the array's "]"
		if a.indent != "" {
			head = append(head[:len(head):len(head)], '\n')
		}
		if _, err := w.Write(head); err != nil {
			return err
		}
	}
	lo := a.n
	a.n += f.Len()
	var prepare func(at int, ds []lint.Diagnostic)
	if a.prepare != nil {
		prepare = func(at int, ds []lint.Diagnostic) { a.prepare(lo+at, ds) }
	}
	return pb.write(w, f, jobs, prepare, func(buf *bytes.Buffer, at int, ds []lint.Diagnostic) error {
		return jsonItems(buf, lo+at, ds, a.prefix, a.indent, a.item)
	})
}

// close writes what follows the items: the array's end and the rest of
// the skeleton, or the skeleton whole when there was no item.
func (a *arraySplice) close(w io.Writer) error {
	at := bytes.Index(a.skeleton, []byte(a.marker))
	if at < 0 || a.n == 0 {
		_, err := w.Write(a.skeleton)
		return err
	}
	tail := "]"
	if a.indent != "" {
		tail = "\n" + a.closeIndent + "]"
	}
	if _, err := io.WriteString(w, tail); err != nil {
		return err
	}
	_, err := w.Write(a.skeleton[at+len(a.marker):])
	return err
}
