package title

import (
	"testing"
	"unicode/utf8"
)

func FuzzNormalize(f *testing.F) {
	for _, s := range []string{
		"DCN: Deep & Cross Network for Ad Click Predictions",
		`M{\"o}bius \c{c} \'{\i} \ss \emph{x} $\alpha$ \`, `\"{`, `\c`, `{\"`,
		"ＢＥＲＴ（DIN）", "基于Transformer的推荐", "C++ A* GPT-3.5 don't", "a\xffb",
		"Title (ABBR)", ": x", "(", ")", "x:(y)",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		k := Normalize(s)
		if !utf8.ValidString(k) && utf8.ValidString(s) {
			t.Fatalf("Normalize(%q) = %q is not valid UTF-8", s, k)
		}
		if utf8.ValidString(s) {
			if k2 := Normalize(k); k2 != k {
				t.Fatalf("Normalize not idempotent: %q -> %q -> %q", s, k, k2)
			}
		}
		if k != "" {
			if score, _, ok := Match(s, s, Options{}); !ok || score != 1 {
				t.Fatalf("Match(%q, itself) = %v, %v", s, score, ok)
			}
		}
	})
}
