package match

import (
	"runtime"
	"sync"
	"weak"

	"github.com/paperlint/papers/bib"
)

// indexes caches one Index per parsed .bib file, so that the rules of one
// run that pair notes with the same companion (bib-missing, bib-mismatch,
// bib-unused, bib-duplicate-entry) build it once. Keys are weak pointers and
// each file's entry is deleted when the file is collected, so the cache
// holds no file alive.
var indexes sync.Map // weak.Pointer[bib.File] -> *lazyIndex

type lazyIndex struct {
	once sync.Once
	ix   *Index
}

// IndexFor returns the Index of f's entries, built on first use and shared
// by every caller until f is garbage collected. f's Entries must not change
// afterwards (the lint engine parses a file again after a fix, which makes
// a new File).
func IndexFor(f *bib.File) *Index {
	if f == nil {
		return NewIndex(nil)
	}
	key := weak.Make(f)
	v, ok := indexes.Load(key)
	if !ok {
		var loaded bool
		v, loaded = indexes.LoadOrStore(key, &lazyIndex{})
		if !loaded {
			runtime.AddCleanup(f, func(k weak.Pointer[bib.File]) { indexes.Delete(k) }, key)
		}
	}
	li := v.(*lazyIndex)
	li.once.Do(func() { li.ix = NewIndex(f.Entries) })
	return li.ix
}
