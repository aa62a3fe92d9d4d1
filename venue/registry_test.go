package venue

import (
	"strings"
	"testing"
	"unicode"
)

// TestNormalizeAsBefore checks the allocation-free Normalize against the
// plain definition (lower case, '&' and white space dropped) on names with
// every kind of byte it treats apart.
func TestNormalizeAsBefore(t *testing.T) {
	plain := func(name string) string {
		var b strings.Builder
		for _, r := range name {
			if r == '&' || unicode.IsSpace(r) {
				continue
			}
			b.WriteRune(unicode.ToLower(r))
		}
		return b.String()
	}
	for _, name := range []string{
		"", "NeurIPS", "S&P", "s & p", "USENIX\tSecurity", "ICML\r\n", "a\vb\fc",
		"Ｃｏｍｐｕｔｅｒ", "İSTANBUL", "ÉCOLE", "a\u00a0b", "x\u0085y", "ﬁ", "bad\xffbyte", "\xe4\xb8",
		strings.Repeat("VeryLongVenueName ", 10),
	} {
		if got, want := Normalize(name), plain(name); got != want {
			t.Errorf("Normalize(%q) = %q, want %q", name, got, want)
		}
	}
	r := Default()
	if v, ok := r.Lookup(strings.Repeat(" ", 70) + "NIPS"); !ok || v.Tag != "NeurIPS" {
		t.Errorf("a name longer than the lookup buffer: %v, %v", v, ok)
	}
	if n := testing.AllocsPerRun(100, func() { r.Lookup("NeurIPS") }); n != 0 && !raceEnabled {
		t.Errorf("Lookup allocates %.0f times", n)
	}
}
