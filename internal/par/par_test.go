package par

import (
	"strings"
	"sync/atomic"
	"testing"
)

func TestDoRunsAll(t *testing.T) {
	var sum atomic.Int64
	Do(100, 3, func(i int) { sum.Add(int64(i)) })
	if sum.Load() != 4950 {
		t.Errorf("sum %d", sum.Load())
	}
	Do(0, 2, func(int) { t.Error("called for n = 0") })
}

func TestDoCarriesPanic(t *testing.T) {
	defer func() {
		v := recover()
		if v == nil || !strings.Contains(v.(string), "boom 7") {
			t.Errorf("recovered %v", v)
		}
	}()
	Do(10, 4, func(i int) {
		if i == 7 {
			panic("boom 7")
		}
	})
	t.Error("Do returned after a panic")
}
