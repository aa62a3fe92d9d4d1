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
// tasks that can run, those with urgent[i] set (urgent may be nil) are
// handed out first: a long task that nothing else can share (a rule over
// every file) then starts as soon as it may, and the short ones fill the
// other goroutines around it, instead of it starting last and running
// alone. A panic comes back to the caller as with Do, after every task
// that could run has run.
func DoGraph(n, limit int, group []int, waits [][]int, urgent []bool, fn func(i int)) {
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
	// Tasks that can run wait in two queues, the urgent one read first.
	// Both are closed together, once every task is done: a worker that
	// finds either closed has nothing left to do.
	ready, readyFirst := make(chan int, n), make(chan int, n)
	push := func(i int) {
		if urgent != nil && urgent[i] {
			readyFirst <- i
		} else {
			ready <- i
		}
	}
	for i := 0; i < n; i++ {
		for _, g := range waits[i] {
			if left[g] > 0 {
				waiters[g] = append(waiters[g], i)
				pending[i]++
			}
		}
		if pending[i] == 0 {
			push(i)
		}
	}
	var (
		mu       sync.Mutex
		done     int
		wg       sync.WaitGroup
		once     sync.Once
		panicked any
	)
	finish := func(i int) {
		mu.Lock()
		defer mu.Unlock()
		if g := group[i]; g >= 0 {
			if left[g]--; left[g] == 0 {
				for _, w := range waiters[g] {
					if pending[w]--; pending[w] == 0 {
						push(w)
					}
				}
			}
		}
		if done++; done == n {
			close(ready)
			close(readyFirst)
		}
	}
	take := func() (int, bool) {
		select {
		case i, ok := <-readyFirst:
			return i, ok
		default:
		}
		select {
		case i, ok := <-readyFirst:
			return i, ok
		case i, ok := <-ready:
			return i, ok
		}
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
