package bib

import "testing"

// The conversions are internal/latex's and tested there; these check that
// the model's methods reach them.
func TestPlainText(t *testing.T) {
	if got, want := PlainText(`M{\"u}ller --- {\ss}`), "Müller — ß"; got != want {
		t.Errorf("PlainText = %q, want %q", got, want)
	}
	f := &Field{Value: `{\'E}cole`}
	if got, want := f.Plain(), "École"; got != want {
		t.Errorf("Field.Plain = %q, want %q", got, want)
	}
}

func TestEscapeLaTeX(t *testing.T) {
	got, missing := EscapeLaTeX("Müller 深")
	if got != `M{\"u}ller 深` || string(missing) != "深" {
		t.Errorf("EscapeLaTeX = %q, %q", got, string(missing))
	}
}
