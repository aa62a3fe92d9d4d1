// Package par runs a loop's iterations on goroutines and carries a panic
// of any of them back to the caller's goroutine, where a recover (the lint
// engine turns a broken rule or parser into a finding) can see it: a panic
// left on a goroutine of its own would end the whole process.
package par

import (
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
		wg    sync.WaitGroup
		once  sync.Once
		first any
	)
	next := make(chan int)
	for w := 0; w < limit; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				func() {
					defer func() {
						if v := recover(); v != nil {
							once.Do(func() { first = fmt.Sprintf("%v\n%s", v, debug.Stack()) })
						}
					}()
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
	if first != nil {
		panic(first)
	}
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
			ready.push(i)
		}
	}
	var (
		mu       sync.Mutex
		wake     = sync.NewCond(&mu)
		done     int
		wg       sync.WaitGroup
		once     sync.Once
		panicked any
	)
	// finish marks task i done and frees the tasks that waited for it.
	finish := func(i int) {
		mu.Lock()
		defer mu.Unlock()
		if g := group[i]; g >= 0 {
			if left[g]--; left[g] == 0 {
				for _, w := range waiters[g] {
					if pending[w]--; pending[w] == 0 {
						ready.push(w)
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
		return ready.pop(), true
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
					defer func() {
						if v := recover(); v != nil {
							once.Do(func() { panicked = fmt.Sprintf("%v\n%s", v, debug.Stack()) })
						}
					}()
					fn(i)
				}()
			}
		}()
	}
	wg.Wait()
	if panicked != nil {
		panic(panicked)
	}
}

// taskHeap is a binary min-heap of task indices by (priority, index).
type taskHeap struct {
	tasks []int
	prio  []int
}

func (h *taskHeap) less(a, b int) bool {
	if h.prio != nil && h.prio[a] != h.prio[b] {
		return h.prio[a] < h.prio[b]
	}
	return a < b
}

func (h *taskHeap) push(i int) {
	h.tasks = append(h.tasks, i)
	for k := len(h.tasks) - 1; k > 0; {
		up := (k - 1) / 2
		if !h.less(h.tasks[k], h.tasks[up]) {
			break
		}
		h.tasks[k], h.tasks[up] = h.tasks[up], h.tasks[k]
		k = up
	}
}

func (h *taskHeap) pop() int {
	top := h.tasks[0]
	last := len(h.tasks) - 1
	h.tasks[0] = h.tasks[last]
	h.tasks = h.tasks[:last]
	for k := 0; ; {
		m, l, r := k, 2*k+1, 2*k+2
		if l < last && h.less(h.tasks[l], h.tasks[m]) {
			m = l
		}
		if r < last && h.less(h.tasks[r], h.tasks[m]) {
			m = r
		}
		if m == k {
			return top
		}
		h.tasks[k], h.tasks[m] = h.tasks[m], h.tasks[k]
		k = m
	}
}
