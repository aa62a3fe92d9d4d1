package title

import (
	"sync"
	"unicode/utf8"
)

// minParallel is the number of items below which starting goroutines costs
// more than it saves.
const minParallel = 4096

// parallel splits [0, n) into one contiguous range per job (at most jobs
// ranges) and runs fn on each range concurrently, passing the range's
// number. It returns the number of ranges. Small inputs, and jobs below 2,
// run in one range on the calling goroutine.
func parallel(n, jobs int, fn func(part, lo, hi int)) int {
	if n < minParallel || jobs < 2 {
		fn(0, 0, n)
		return 1
	}
	size := (n + jobs - 1) / jobs
	parts := (n + size - 1) / size
	var wg sync.WaitGroup
	for p := range parts {
		wg.Go(func() { fn(p, p*size, min(n, (p+1)*size)) })
	}
	wg.Wait()
	return parts
}

// tokenChunk is the tokenised form of a contiguous run of titles, made by one
// worker with its own vocabulary: local token ids are translated to the
// index's ids afterwards, so workers never share a map.
type tokenChunk struct {
	lo     int      // index of the chunk's first title
	vocab  []string // local id -> token
	ids    []uint32 // local ids of all titles, back to back
	off    []int    // title lo+j's ids are ids[off[j]:off[j+1]]
	runes  []int32  // rune length of each title's key
	hashes []uint64 // sequence hash of each title (token hashes depend only on the string)
}

// tokenizeAll normalises and tokenises titles on at most jobs goroutines
// (jobs >= 1).
func tokenizeAll(titles []string, jobs int) []tokenChunk {
	chunks := make([]tokenChunk, jobs)
	parts := parallel(len(titles), jobs, func(p, lo, hi int) {
		var n normalizer
		c := tokenChunk{
			lo:     lo,
			ids:    make([]uint32, 0, (hi-lo)*12),
			off:    make([]int, 1, hi-lo+1),
			runes:  make([]int32, 0, hi-lo),
			hashes: make([]uint64, 0, hi-lo),
		}
		dict := make(map[string]uint32)
		var th []uint64 // local id -> token hash
		var buf []byte
		for _, t := range titles[lo:hi] {
			buf = n.appendKey(buf[:0], t)
			var h uint64
			for start := 0; start < len(buf); {
				end := start
				for end < len(buf) && buf[end] != ' ' {
					end++
				}
				id, ok := dict[string(buf[start:end])]
				if !ok {
					s := string(buf[start:end])
					id = uint32(len(c.vocab))
					c.vocab = append(c.vocab, s)
					th = append(th, tokenHash(s))
					dict[s] = id
				}
				c.ids = append(c.ids, id)
				h = h*seqBase + th[id]
				start = end + 1
			}
			c.off = append(c.off, len(c.ids))
			c.runes = append(c.runes, int32(utf8.RuneCount(buf)))
			c.hashes = append(c.hashes, h)
		}
		chunks[p] = c
	})
	return chunks[:parts]
}
