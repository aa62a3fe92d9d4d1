package title

import (
	"runtime"
	"sync"
)

// keyList holds the Normalize keys of many titles, computed in parallel:
// titles are cut into one contiguous chunk per worker and each chunk's keys
// sit back to back in one buffer, so there is one allocation per chunk rather
// than one string per title.
type keyList struct {
	size   int // titles per chunk
	chunks []keyChunk
}

type keyChunk struct {
	buf []byte
	off []int // key j of the chunk is buf[off[j]:off[j+1]]
}

func (k *keyList) key(i int) []byte {
	c := &k.chunks[i/k.size]
	j := i % k.size
	return c.buf[c.off[j]:c.off[j+1]]
}

// minParallel is the number of titles below which starting goroutines costs
// more than it saves.
const minParallel = 2048

func normalizeAll(titles []string) keyList {
	workers := runtime.GOMAXPROCS(0)
	if len(titles) < minParallel {
		workers = 1
	}
	size := max(1, (len(titles)+workers-1)/workers)
	k := keyList{size: size, chunks: make([]keyChunk, (len(titles)+size-1)/size)}
	var wg sync.WaitGroup
	for w := range k.chunks {
		part := titles[w*size : min(len(titles), (w+1)*size)]
		c := &k.chunks[w]
		wg.Go(func() {
			var n normalizer
			c.off = make([]int, 1, len(part)+1)
			c.buf = make([]byte, 0, len(part)*64)
			for _, t := range part {
				c.buf = n.appendKey(c.buf, t)
				c.off = append(c.off, len(c.buf))
			}
		})
	}
	wg.Wait()
	return k
}
