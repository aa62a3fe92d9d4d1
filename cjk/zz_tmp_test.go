package cjk
import ("testing";"os";"strings")
func TestTmpSeed(t *testing.T){
	b, _ := os.ReadFile(os.Getenv("SEEDFILE"))
	n := 0
	for _, line := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(line, "#") || strings.HasPrefix(line, "|") { continue }
		ctx := Context{Protected: markdownSpans(line)}
		g := Fix(line, ctx, Options{}, AllKinds)
		if g != line { n++; if n < 200 { t.Logf("\n- %s\n+ %s", line, g) } }
		one := Apply(line, Edits(Check(line, ctx, Options{}, AllKinds)))
		if one != g { t.Errorf("not single pass:\n%q\n%q", one, g) }
	}
}
