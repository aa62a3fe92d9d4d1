package notes

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
)

// TestLimitScanSkip checks that starting a line's opener count at its
// first `[` (when none is open) finds the same lines over the limits as
// reading every byte, on random paragraphs of brackets, backslashes,
// block markers and headings that go over MaxLinkOpeners.
func TestLimitScanSkip(t *testing.T) {
	pieces := []string{"[", "[", "[", "]", `\`, `\\`, `\[`, "x", "中", " ", "\n", "\n\n", "> ", "- ", "# ", "](", "(", ")", "```\n"}
	rng := rand.New(rand.NewPCG(1, 2))
	over, openers := 0, 0
	for n := range 3000 {
		var b strings.Builder
		// Half the pieces are "[" in some cases, so that paragraphs go
		// over MaxLinkOpeners and back.
		heavy := n%2 == 0
		for range 50 + rng.IntN(1500) {
			if heavy && rng.IntN(2) == 0 {
				b.WriteString("[")
				continue
			}
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		src := []byte(b.String())
		fast := scanLimitsWith(src, 0, len(src), limitScanner{})
		slow := scanLimitsWith(src, 0, len(src), limitScanner{everyByte: true})
		if !reflect.DeepEqual(fast, slow) {
			t.Fatalf("case %d: %q\nskipping: %s\nevery byte: %s", n, src, dump(fast), dump(slow))
		}
		over += len(fast)
		for _, l := range fast {
			if l.at[openerLimit] > l.start {
				openers++
			}
		}
	}
	if over == 0 || openers == 0 {
		t.Fatalf("%d lines over a limit, %d going over MaxLinkOpeners mid-line: the cases test nothing", over, openers)
	}
}

func dump(over []overLimit) string {
	var b strings.Builder
	for _, l := range over {
		fmt.Fprintf(&b, "%+v\n", l)
	}
	return b.String()
}
