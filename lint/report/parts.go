package report

import (
	"bytes"
	"encoding/json"
	"io"

	"github.com/paperlint/papers/internal/par"
)

// partSize is how many findings one goroutine formats: large runs (a
// hundred thousand findings on a big list) are formatted in parallel parts,
// written in order.
const partSize = 8192

// inParts formats the findings [0, n) with format, in parallel parts of
// partSize when there are many, and writes the parts to w in order. Parts
// are formatted a batch (one per job, jobs >= 1) at a time and written
// before the next batch starts, so that a large output (a SARIF log of a
// big list is hundreds of megabytes) is never held whole.
func inParts(w io.Writer, n, jobs int, format func(buf *bytes.Buffer, lo, hi int) error) error {
	if n <= partSize {
		var buf bytes.Buffer
		if err := format(&buf, 0, n); err != nil {
			return err
		}
		_, err := buf.WriteTo(w)
		return err
	}
	parts := (n + partSize - 1) / partSize
	bufs := make([]bytes.Buffer, jobs)
	errs := make([]error, jobs)
	for first := 0; first < parts; first += jobs {
		batch := min(jobs, parts-first)
		par.Do(batch, jobs, func(k int) {
			bufs[k].Reset()
			lo := (first + k) * partSize
			errs[k] = format(&bufs[k], lo, min(lo+partSize, n))
		})
		for k := range batch {
			if errs[k] != nil {
				return errs[k]
			}
			if _, err := w.Write(bufs[k].Bytes()); err != nil {
				return err
			}
		}
	}
	return nil
}

// jsonItems appends the items [lo, hi) of a JSON array to buf, each as
// encoding/json writes an array element that stands at prefix (with
// SetIndent(prefix, indent), no HTML escaping), separated by ",\n" (by ","
// when indent is ""). Formatted this way in parallel parts, an array reads
// the same as when the whole document goes through one Encoder.
func jsonItems(buf *bytes.Buffer, lo, hi int, prefix, indent string, item func(i int) any) error {
	enc := json.NewEncoder(buf)
	enc.SetEscapeHTML(false)
	sep := ","
	if indent != "" {
		enc.SetIndent(prefix, indent)
		sep = ",\n"
	}
	for i := lo; i < hi; i++ {
		if i > 0 {
			buf.WriteString(sep)
		}
		buf.WriteString(prefix)
		if err := enc.Encode(item(i)); err != nil {
			return err
		}
		buf.Truncate(buf.Len() - 1) // the newline Encode ends with
	}
	return nil
}

// spliceArray writes skeleton, a JSON document written by an Encoder with
// an empty array at marker (such as `"results": []`), with the n items of
// that array in its place: "[", the items (jsonItems at prefix), and the
// closing "]" at closeIndent on a line of its own when indent is not "".
// The items are formatted in parts on at most jobs goroutines (inParts).
func spliceArray(w io.Writer, skeleton []byte, marker string, n, jobs int, prefix, indent, closeIndent string, item func(i int) any) error {
	at := bytes.Index(skeleton, []byte(marker))
	if at < 0 || n == 0 {
		_, err := w.Write(skeleton)
		return err
	}
	open := len(marker) - 1 // the array's "]"
	head := skeleton[:at+open]
	if indent != "" {
		head = append(head[:len(head):len(head)], '\n')
	}
	if _, err := w.Write(head); err != nil {
		return err
	}
	err := inParts(w, n, jobs, func(buf *bytes.Buffer, lo, hi int) error {
		return jsonItems(buf, lo, hi, prefix, indent, item)
	})
	if err != nil {
		return err
	}
	tail := "]"
	if indent != "" {
		tail = "\n" + closeIndent + "]"
	}
	if _, err := io.WriteString(w, tail); err != nil {
		return err
	}
	_, err = w.Write(skeleton[at+len(marker):])
	return err
}
