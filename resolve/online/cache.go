package online

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/paperlint/papers/internal/atomicfile"
)

// Cache keeps answers on disk, one file per URL, named by the SHA-256 of the
// URL: a query never becomes a path, so a title cannot lead a write out of
// the folder. Entries older than the TTL are fetched again (an offline
// client still uses them: an old answer is better than none).
type Cache struct {
	dir string
	ttl time.Duration
}

// Entry is one cached answer.
type Entry struct {
	URL     string    `json:"url"`
	Fetched time.Time `json:"fetched"`
	// Status is 200, or 404/410 for a record that does not exist.
	Status int    `json:"status"`
	Body   string `json:"body,omitempty"`
}

// result is what Client.Get returns for the entry.
func (e Entry) result() ([]byte, error) {
	if e.Status != 200 {
		return nil, fmt.Errorf("%s: %w", e.URL, ErrNotFound)
	}
	return []byte(e.Body), nil
}

// DefaultCacheDir is the cache's folder: papers under os.UserCacheDir
// ($XDG_CACHE_HOME or ~/.cache on Linux, ~/Library/Caches on macOS,
// %LocalAppData% on Windows).
func DefaultCacheDir() (string, error) {
	d, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Errorf("cache folder: %w", err)
	}
	return filepath.Join(d, "papers"), nil
}

// NewCache returns a cache in dir whose entries expire after ttl
// (DefaultTTL when ttl <= 0). The folder is created on the first Put.
func NewCache(dir string, ttl time.Duration) *Cache {
	if ttl <= 0 {
		ttl = DefaultTTL
	}
	return &Cache{dir: dir, ttl: ttl}
}

// TTL returns how long an entry stays fresh.
func (c *Cache) TTL() time.Duration { return c.ttl }

// Dir returns the cache's folder.
func (c *Cache) Dir() string { return c.dir }

// path is where the entry of rawURL lives: two levels, so that no folder
// holds more than a few thousand files.
func (c *Cache) path(rawURL string) string {
	sum := sha256.Sum256([]byte(rawURL))
	h := hex.EncodeToString(sum[:])
	return filepath.Join(c.dir, h[:2], h[2:]+".json")
}

// Get returns the entry of rawURL, whatever its age. ok is false when there
// is none or it cannot be read (a damaged entry is fetched again).
func (c *Cache) Get(rawURL string) (Entry, bool) {
	data, err := os.ReadFile(c.path(rawURL))
	if err != nil {
		return Entry{}, false
	}
	var e Entry
	if err := json.Unmarshal(data, &e); err != nil || e.URL != rawURL || e.Status == 0 {
		// A hash collision is as unlikely as it gets, but a file for
		// another URL must never be taken for this one.
		return Entry{}, false
	}
	return e, true
}

// Put stores the entry of rawURL atomically, so that a run interrupted
// mid-write or a concurrent run never leaves half an entry.
func (c *Cache) Put(rawURL string, e Entry) error {
	e.URL = rawURL
	data, err := json.Marshal(e)
	if err != nil {
		return fmt.Errorf("cache: %w", err)
	}
	p := c.path(rawURL)
	if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
		return fmt.Errorf("cache: %w", err)
	}
	if err := atomicfile.Write(p, data, 0o600); err != nil {
		return fmt.Errorf("cache: %w", err)
	}
	return nil
}
