// Package par runs a loop's iterations on goroutines and carries a panic
// of any of them back to the caller's goroutine, where a recover (the lint
// engine turns a broken rule or parser into a finding) can see it: a panic
// left on a goroutine of its own would end the whole process.
package par

import (
	"container/heap"
	"errors"
	"fmt"
	"runtime/debug"
	"sync"
)

// Do calls fn(i) for i in [0, n) on at most limit goroutines (all of them
// when limit <= 0) and waits. If some call panicked, Do panics on the
// caller's goroutine with the first panic's value and stack.
func Do(n, limit int, fn func(i int)) {
	if n <= 0 {
		return
	}
	if limit <= 0 || limit > n {
		limit = n
	}
	var (
		wg     sync.WaitGroup
		caught Catch
	)
	next := make(chan int)
	for w := 0; w < limit; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				func() {
					defer caught.Recover()
					fn(i)
				}()
			}
		}()
	}
	for i := 0; i < n; i++ {
		next <- i
	}
	close(next)
	wg.Wait()
	caught.Raise()
}

// DoGraph calls fn(i) for i in [0, n) on at most limit goroutines (all of
// them when limit <= 0), starting a call only when the groups it waits for
// are done, and waits for all. group[i] is the group task i belongs to (-1:
// none); waits[i] lists the groups that must be done before task i starts.
// A group with no task is done from the start. The groups must not wait on
// themselves, directly or not: the caller orders them (the lint engine's
// analyses come before the rules that need them). No goroutine blocks on
// another's work: a task is handed out only when it can run. Among the
// tasks that can run, the one with the lowest priority[i] goes first, ties
// in index order (priority may be nil: index order). The lint engine puts
// a long task that nothing else can share (a rule over every file) first,
// so that the short ones fill the other goroutines around it instead of it
// running alone at the end, then the tasks of one file after another, so
// that a file is done, and its findings written, while the next ones are
// checked. A panic comes back to the caller as with Do, after every task
// that could run has run.
func DoGraph(n, limit int, group []int, waits [][]int, priority []int, fn func(i int)) {
	if n <= 0 {
		return
	}
	if limit <= 0 || limit > n {
		limit = n
	}
	groups := 0
	for _, g := range group {
		groups = max(groups, g+1)
	}
	for _, ws := range waits {
		for _, g := range ws {
			groups = max(groups, g+1)
		}
	}
	left := make([]int, groups) // tasks of each group not yet done
	for _, g := range group {
		if g >= 0 {
			left[g]++
		}
	}
	waiters := make([][]int, groups) // tasks waiting for each group
	pending := make([]int, n)        // groups each task still waits for
	ready := &taskHeap{prio: priority}
	for i := 0; i < n; i++ {
		for _, g := range waits[i] {
			if left[g] > 0 {
				waiters[g] = append(waiters[g], i)
				pending[i]++
			}
		}
		if pending[i] == 0 {
			heap.Push(ready, i)
		}
	}
	var (
		mu     sync.Mutex
		wake   = sync.NewCond(&mu)
		done   int
		wg     sync.WaitGroup
		caught Catch
	)
	// finish marks task i done and frees the tasks that waited for it.
	finish := func(i int) {
		mu.Lock()
		defer mu.Unlock()
		if g := group[i]; g >= 0 {
			if left[g]--; left[g] == 0 {
				for _, w := range waiters[g] {
					if pending[w]--; pending[w] == 0 {
						heap.Push(ready, w)
						wake.Signal()
					}
				}
			}
		}
		if done++; done == n {
			wake.Broadcast()
		}
	}
	// take waits for a task that can run; false when all are done.
	take := func() (int, bool) {
		mu.Lock()
		defer mu.Unlock()
		for len(ready.tasks) == 0 {
			if done == n {
				return 0, false
			}
			wake.Wait()
		}
		return heap.Pop(ready).(int), true
	}
	for w := 0; w < limit; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i, ok := take()
				if !ok {
					return
				}
				func() {
					defer finish(i)
					defer caught.Recover()
					fn(i)
				}()
			}
		}()
	}
	wg.Wait()
	caught.Raise()
}

// taskHeap holds the indices of the tasks that can run, lowest
// (priority, index) first (container/heap).
type taskHeap struct {
	tasks []int
	prio  []int
}

func (h *taskHeap) Len() int { return len(h.tasks) }

func (h *taskHeap) Less(i, j int) bool {
	a, b := h.tasks[i], h.tasks[j]
	if h.prio != nil && h.prio[a] != h.prio[b] {
		return h.prio[a] < h.prio[b]
	}
	return a < b
}

func (h *taskHeap) Swap(i, j int) { h.tasks[i], h.tasks[j] = h.tasks[j], h.tasks[i] }

func (h *taskHeap) Push(x any) { h.tasks = append(h.tasks, x.(int)) }

func (h *taskHeap) Pop() any {
	last := h.tasks[len(h.tasks)-1]
	h.tasks = h.tasks[:len(h.tasks)-1]
	return last
}

// ErrPanicked is what Catch.Call returns for a function that panicked.
var ErrPanicked = errors.New("panicked")

// Catch keeps the first panic of a group of goroutines, to be raised again
// on the caller's goroutine once they are done (Raise): Do and DoGraph
// keep their calls' so, and a pipeline whose stages run on goroutines of
// their own (a writer merging findings on one and formatting them on
// others) stops on an error (Call), not on a panic that would end the
// process.
type Catch struct {
	once  sync.Once
	first any
}

// Recover keeps the panic of the goroutine that defers it, the first of
// any.
func (c *Catch) Recover() {
	if v := recover(); v != nil {
		c.keep(v)
	}
}

// Call calls fn; when fn panics it keeps the panic and returns
// ErrPanicked, for the pipeline to stop as on an error.
func (c *Catch) Call(fn func() error) (err error) {
	defer func() {
		if v := recover(); v != nil {
			c.keep(v)
			err = ErrPanicked
		}
	}()
	return fn()
}

func (c *Catch) keep(v any) {
	c.once.Do(func() { c.first = fmt.Sprintf("%v\n%s", v, debug.Stack()) })
}

// Raise panics with the first panic kept, with its stack, if there was
// one. Call it once every goroutine that may keep one is done.
func (c *Catch) Raise() {
	if c.first != nil {
		panic(c.first)
	}
}
