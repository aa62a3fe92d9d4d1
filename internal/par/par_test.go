package par

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
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

// TestDoGraph: a task starts only after every task of the groups it waits
// for, whatever the number of workers; a panic comes back.
func TestDoGraph(t *testing.T) {
	// Tasks 0-3 are group 0, 4-5 group 1 (waiting for 0), 6-9 wait for 1,
	// 10 waits for an empty group 2 and runs at once.
	group := []int{0, 0, 0, 0, 1, 1, -1, -1, -1, -1, -1}
	waits := [][]int{nil, nil, nil, nil, {0}, {0}, {1}, {1, 0}, {1}, {1}, {2}}
	prio := []int{5, 5, 0, 5, 5, 0, 9, 0, 1, 5, 0}
	for _, limit := range []int{0, 1, 2, 3} {
		for _, prio := range [][]int{nil, prio} {
			var mu sync.Mutex
			var order []int
			DoGraph(len(group), limit, group, waits, prio, func(i int) {
				mu.Lock()
				order = append(order, i)
				mu.Unlock()
			})
			if len(order) != len(group) {
				t.Fatalf("limit %d: ran %v", limit, order)
			}
			at := map[int]int{}
			for k, i := range order {
				at[i] = k
			}
			for i, ws := range waits {
				for _, g := range ws {
					for j, gj := range group {
						if gj == g && at[j] > at[i] {
							t.Errorf("limit %d: task %d ran before task %d of group %d: %v", limit, i, j, g, order)
						}
					}
				}
			}
		}
	}
	defer func() {
		if v := recover(); v == nil || !strings.Contains(fmt.Sprint(v), "boom") {
			t.Errorf("panic = %v, want boom", v)
		}
	}()
	DoGraph(3, 2, []int{0, -1, -1}, [][]int{nil, {0}, nil}, nil, func(i int) {
		if i == 0 {
			panic("boom")
		}
	})
}

// TestDoGraphPriority: on one worker, the tasks that can run go lowest
// priority first, ties in index order, and a task that becomes ready goes
// before the waiting ones when its priority is lower.
func TestDoGraphPriority(t *testing.T) {
	// Task 0 is group 0; 1 and 2 wait for it; 3-6 wait for nothing.
	group := []int{0, -1, -1, -1, -1, -1, -1}
	waits := [][]int{nil, {0}, {0}, nil, nil, nil, nil}
	prio := []int{1, 2, 0, 1, 0, 2, 1}
	var order []int
	DoGraph(len(group), 1, group, waits, prio, func(i int) { order = append(order, i) })
	// Ready at the start: 4 (0), then 0, 3, 6 (1), then 5 (2). Once 0 is
	// done, 2 (0) goes before 3 and 6, and 1 (2) comes after 5.
	if want := []int{4, 0, 2, 3, 6, 1, 5}; !slices.Equal(order, want) {
		t.Errorf("order %v, want %v", order, want)
	}
	order = nil
	DoGraph(len(group), 1, group, waits, nil, func(i int) { order = append(order, i) })
	if want := []int{0, 1, 2, 3, 4, 5, 6}; !slices.Equal(order, want) {
		t.Errorf("with no priority: order %v, want %v", order, want)
	}
}

// TestCatch keeps the first panic of several goroutines and raises it on
// the caller's, with its stack; Call turns a panic into ErrPanicked.
func TestCatch(t *testing.T) {
	var c Catch
	c.Raise() // nothing kept: no panic
	if err := c.Call(func() error { return nil }); err != nil {
		t.Fatalf("Call of a function that returns: %v", err)
	}
	if err := c.Call(func() error { panic("first") }); !errors.Is(err, ErrPanicked) {
		t.Fatalf("Call of a function that panics: %v", err)
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		defer c.Recover()
		panic("second")
	}()
	<-done
	defer func() {
		v := fmt.Sprint(recover())
		if !strings.HasPrefix(v, "first\n") || !strings.Contains(v, "par_test.go") {
			t.Errorf("raised %q, want the first panic and its stack", v)
		}
	}()
	c.Raise()
}
