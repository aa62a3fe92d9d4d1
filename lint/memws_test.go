package lint

import (
	"fmt"

	"github.com/paperlint/papers/bib"
)

// memWorkspace is a Workspace of inputs held in memory, for the engine's
// own tests (package workspace imports lint, so they cannot use it): every
// .bib is read by one macro reader, in input order.
type memWorkspace struct {
	env    *Env
	inputs []Input
	files  []*File
}

func memWS(inputs []Input) *memWorkspace {
	env, err := NewEnv(DefaultConfig(), 2026)
	if err != nil {
		panic(err)
	}
	return &memWorkspace{env: env, inputs: append([]Input(nil), inputs...)}
}

func (w *memWorkspace) parse() {
	w.files = make([]*File, len(w.inputs))
	macros := bib.NewReader()
	at := map[string]*File{}
	for i, in := range w.inputs {
		w.files[i] = ParseFile(in, w.env, 1, macros)
		at[in.Path] = w.files[i]
	}
	for i, in := range w.inputs {
		if in.Companion != "" {
			w.files[i].Companion = at[in.Companion]
		}
	}
}

func (w *memWorkspace) Env() *Env { return w.env }
func (w *memWorkspace) Files() []*File {
	if w.files == nil {
		w.parse()
	}
	return append([]*File(nil), w.files...)
}
func (w *memWorkspace) Update(path string, src []byte) error {
	for i := range w.inputs {
		if w.inputs[i].Path == path {
			w.inputs[i].Src = src
			w.parse()
			return nil
		}
	}
	return fmt.Errorf("%s: not in the workspace", path)
}
