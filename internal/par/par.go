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
