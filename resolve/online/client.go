// Package online holds the sources of package resolve that ask web
// services: DBLP (its search API and the .bib of a record), Crossref (works
// by DOI and bibliographic query) and the arXiv API (by identifier).
//
// They share a Client that behaves as these services ask: a User-Agent that
// names the tool and its version, at most one request at a time per host
// with a minimum interval between requests (DBLP: one a second; arXiv: one
// every three seconds), a timeout per request, retries with exponential
// backoff on 429 and 5xx answers that honour Retry-After, a bound on the
// requests in flight, and an on-disk cache keyed by URL with an expiry.
// An offline client answers from the cache only and never opens a
// connection.
//
// Base URLs are fields of each source, so tests point them at an
// httptest server. The clock is NewClient's argument (only the command
// reads the real one) and the sleeper an option, so tests of retries and
// rate limits do not wait.
package online

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"sync"
	"time"
)

// ErrNotFound is returned for a URL the service answered 404 or 410 to:
// there is no such record. It is cached like a found one.
var ErrNotFound = errors.New("not found")

// ErrHostDown is returned, without a request, for a host whose last
// maxFailures requests of the run failed.
var ErrHostDown = errors.New("host not asked again in this run")

// maxFailures is how many requests in a row may fail before a host is
// left alone for the rest of the run.
const maxFailures = 3

// ErrOffline is returned by an offline client for a URL not in its cache.
var ErrOffline = errors.New("not in the cache, and the run is offline")

// Defaults of Options.
const (
	DefaultTimeout  = 20 * time.Second
	DefaultRetries  = 3
	DefaultMaxWait  = 2 * time.Minute
	DefaultTTL      = 30 * 24 * time.Hour
	DefaultInFlight = 4
	// maxBody bounds what one answer may hold: a search answer is a few
	// kilobytes, and a misbehaving server must not fill the memory.
	maxBody = 16 << 20
)

// Options configure a Client. The zero value of each field means its
// default.
type Options struct {
	// UserAgent names the tool and its version; the services ask for one
	// so that they can tell who sends what.
	UserAgent string
	// Cache, when set, keeps answers on disk.
	Cache *Cache
	// Offline answers from the cache only: a URL it lacks is ErrOffline.
	Offline bool
	// Refresh ignores cached answers (and replaces them).
	Refresh bool
	// Timeout bounds one request, headers and body; DefaultTimeout.
	Timeout time.Duration
	// Retries is how many times a request that failed for a transient
	// reason (429, 5xx, a timeout, a broken connection) is repeated;
	// DefaultRetries. A negative value means none.
	Retries int
	// MaxWait is the longest wait a Retry-After may ask for; a longer one
	// ends the request with an error instead of stalling the run.
	MaxWait time.Duration
	// InFlight bounds the requests in flight over all hosts;
	// DefaultInFlight.
	InFlight int
	// Interval is the minimum time between two requests to a host, by host
	// name; hosts not listed get none.
	Interval map[string]time.Duration
	// Transport sends the requests; nil means http.DefaultTransport.
	Transport http.RoundTripper
	// Sleep waits; nil means a timer that stops early when ctx is done.
	// Tests give one, with NewClient's clock, to run without waiting.
	Sleep func(ctx context.Context, d time.Duration) error
}

// Client fetches URLs politely; see the package comment. It is safe for
// use by several goroutines.
type Client struct {
	opt   Options
	now   func() time.Time
	http  *http.Client
	slots chan struct{}

	mu    sync.Mutex
	hosts map[string]*hostGate
}

// hostGate spaces the requests to one host.
type hostGate struct {
	interval time.Duration // between two requests
	mu       sync.Mutex
	next     time.Time // no request before this time
	failures int       // requests in a row that failed
}

// NewClient returns a client that reads the time from now (cache expiry,
// per-host spacing, Retry-After dates) and has the options' defaults
// filled in. The clock is passed in, never read here: only the command
// reads the real one, so that tests and long-lived callers decide what
// time it is. A nil now is a clock stopped at the zero time.
func NewClient(now func() time.Time, opt Options) *Client {
	if opt.Timeout <= 0 {
		opt.Timeout = DefaultTimeout
	}
	if opt.Retries == 0 {
		opt.Retries = DefaultRetries
	}
	if opt.Retries < 0 {
		opt.Retries = 0
	}
	if opt.MaxWait <= 0 {
		opt.MaxWait = DefaultMaxWait
	}
	if opt.InFlight <= 0 {
		opt.InFlight = DefaultInFlight
	}
	if opt.Sleep == nil {
		opt.Sleep = sleep
	}
	t := opt.Transport
	if t == nil {
		t = http.DefaultTransport
	}
	if now == nil {
		now = func() time.Time { return time.Time{} }
	}
	return &Client{
		opt: opt,
		now: now,
		// Redirects are followed only to https: a service that moves
		// sends its clients to https, and a plain-text hop would expose
		// the query.
		http:  &http.Client{Transport: t, Timeout: opt.Timeout, CheckRedirect: checkRedirect},
		slots: make(chan struct{}, opt.InFlight),
		hosts: map[string]*hostGate{},
	}
}

// Offline reports whether the client answers from its cache only.
func (c *Client) Offline() bool { return c.opt.Offline }

// sleep waits d or until ctx is done.
func sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

func checkRedirect(req *http.Request, via []*http.Request) error {
	if len(via) >= 5 {
		return errors.New("too many redirects")
	}
	if req.URL.Scheme != "https" {
		return fmt.Errorf("redirect to %s refused: not https", shown(req.URL))
	}
	return nil
}

// Get returns the body of a 200 answer to a GET of rawURL, from the cache
// when it holds a fresh copy. A 404 or 410 is ErrNotFound. accept is the
// Accept header ("application/json").
func (c *Client) Get(ctx context.Context, rawURL, accept string) ([]byte, error) {
	return c.get(ctx, rawURL, rawURL, accept)
}

// get is Get of sendURL, cached under key: a parameter that does not change
// the answer (Crossref's mailto) is sent but is no part of the key, so that
// the cache does not hold the user's address and a new address does not
// empty it.
func (c *Client) get(ctx context.Context, key, sendURL, accept string) ([]byte, error) {
	if c.opt.Cache != nil && !c.opt.Refresh {
		if ent, ok := c.opt.Cache.Get(key); ok && (c.opt.Offline || c.now().Sub(ent.Fetched) < c.opt.Cache.TTL()) {
			return ent.result()
		}
	}
	if c.opt.Offline {
		return nil, fmt.Errorf("%s: %w", key, ErrOffline)
	}
	u, err := url.Parse(sendURL)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", key, err)
	}
	status, body, err := c.fetch(ctx, u, accept)
	if err != nil {
		return nil, err
	}
	if c.opt.Cache != nil {
		// A cache that cannot be written costs the next run a request;
		// it is no reason to fail this one.
		_ = c.opt.Cache.Put(key, Entry{Fetched: c.now(), Status: status, Body: string(body)})
	}
	return Entry{Status: status, Body: string(body)}.result()
}

// getJSON fetches rawURL and decodes its JSON answer into v. found is false,
// without error, when the service has no such record (404, 410).
func (c *Client) getJSON(ctx context.Context, rawURL string, v any) (found bool, err error) {
	return c.getJSONSending(ctx, rawURL, rawURL, v)
}

// getJSONSending is getJSON of sendURL cached under rawURL (see get).
func (c *Client) getJSONSending(ctx context.Context, rawURL, sendURL string, v any) (found bool, err error) {
	body, err := c.get(ctx, rawURL, sendURL, "application/json")
	switch {
	case errors.Is(err, ErrNotFound):
		return false, nil
	case err != nil:
		return false, err
	}
	if err := json.Unmarshal(body, v); err != nil {
		return false, fmt.Errorf("%s: unreadable answer: %w", rawURL, err)
	}
	return true, nil
}

// getFound is Get with ErrNotFound turned into found == false.
func (c *Client) getFound(ctx context.Context, rawURL, accept string) (body []byte, found bool, err error) {
	body, err = c.Get(ctx, rawURL, accept)
	switch {
	case errors.Is(err, ErrNotFound):
		return nil, false, nil
	case err != nil:
		return nil, false, err
	}
	return body, true, nil
}

// fetch sends the request, retrying transient failures, and returns a 200,
// 404 or 410 answer.
//
// A host whose last maxFailures requests failed is not asked again in the
// run: a service that is down would otherwise cost every paper its
// retries and timeouts.
func (c *Client) fetch(ctx context.Context, u *url.URL, accept string) (int, []byte, error) {
	gate := c.gate(u.Host)
	gate.mu.Lock()
	failures := gate.failures
	gate.mu.Unlock()
	if failures >= maxFailures {
		return 0, nil, fmt.Errorf("%s: %w: its last %d requests failed", shown(u), ErrHostDown, failures)
	}
	status, body, err := c.fetchRetrying(ctx, u, accept, gate)
	if ctx.Err() == nil {
		gate.mu.Lock()
		if err != nil {
			gate.failures++
		} else {
			gate.failures = 0
		}
		gate.mu.Unlock()
	}
	return status, body, err
}

// fetchRetrying sends the request, retrying transient failures.
func (c *Client) fetchRetrying(ctx context.Context, u *url.URL, accept string, gate *hostGate) (int, []byte, error) {
	for attempt := 0; ; attempt++ {
		if err := c.wait(ctx, gate); err != nil {
			return 0, nil, fmt.Errorf("%s: %w", shown(u), err)
		}
		status, body, retryAfter, err := c.once(ctx, u, accept)
		switch {
		case err == nil && (status == http.StatusOK || status == http.StatusNotFound || status == http.StatusGone):
			return status, body, nil
		case err == nil && !transientStatus(status):
			return 0, nil, fmt.Errorf("%s: %s", shown(u), http.StatusText(status)+" ("+strconv.Itoa(status)+")")
		case err != nil && !transientErr(ctx, err):
			return 0, nil, fmt.Errorf("%s: %w", shown(u), err)
		}
		why := "status " + strconv.Itoa(status)
		if err != nil {
			why = err.Error()
		}
		if attempt >= c.opt.Retries {
			return 0, nil, fmt.Errorf("%s: gave up after %d tries: %s", shown(u), attempt+1, why)
		}
		delay := backoff(attempt)
		if retryAfter >= 0 {
			delay = retryAfter
		}
		if delay > c.opt.MaxWait {
			return 0, nil, fmt.Errorf("%s: the server asks to wait %s before asking again (%s), longer than %s", shown(u), delay, why, c.opt.MaxWait)
		}
		// Other requests to the host wait as well: a 429 is about the
		// client, not about this one URL.
		c.hold(gate, delay)
		if err := c.opt.Sleep(ctx, delay); err != nil {
			return 0, nil, fmt.Errorf("%s: %w", shown(u), err)
		}
	}
}

// once sends one request. retryAfter is the wait a Retry-After header asks
// for, -1 when there is none.
func (c *Client) once(ctx context.Context, u *url.URL, accept string) (status int, body []byte, retryAfter time.Duration, err error) {
	select {
	case c.slots <- struct{}{}:
	case <-ctx.Done():
		return 0, nil, -1, ctx.Err()
	}
	defer func() { <-c.slots }()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return 0, nil, -1, err
	}
	req.Header.Set("User-Agent", c.opt.UserAgent)
	if accept != "" {
		req.Header.Set("Accept", accept)
	}
	resp, err := c.http.Do(req)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			ue.URL = shown(u) // the error is printed: no e-mail address in it
		}
		return 0, nil, -1, err
	}
	// Nothing is written, so a failed Close loses nothing.
	defer func() { _ = resp.Body.Close() }()
	retryAfter = parseRetryAfter(resp.Header.Get("Retry-After"), c.now())
	if resp.StatusCode != http.StatusOK {
		// The body of an error is not needed, but reading a little of it
		// lets the connection be reused.
		_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
		return resp.StatusCode, nil, retryAfter, nil
	}
	body, err = io.ReadAll(io.LimitReader(resp.Body, maxBody+1))
	if err != nil {
		return 0, nil, retryAfter, err
	}
	if len(body) > maxBody {
		return 0, nil, -1, fmt.Errorf("answer larger than %d MB", maxBody>>20)
	}
	return resp.StatusCode, body, retryAfter, nil
}

// gate returns the host's gate.
func (c *Client) gate(host string) *hostGate {
	c.mu.Lock()
	defer c.mu.Unlock()
	g := c.hosts[host]
	if g == nil {
		g = &hostGate{interval: c.opt.Interval[hostName(host)]}
		c.hosts[host] = g
	}
	return g
}

// wait blocks until the host may be asked again and books the next slot.
func (c *Client) wait(ctx context.Context, g *hostGate) error {
	g.mu.Lock()
	now := c.now()
	at := now
	if g.next.After(at) {
		at = g.next
	}
	g.next = at.Add(g.interval)
	g.mu.Unlock()
	return c.opt.Sleep(ctx, at.Sub(now))
}

// hold keeps the host's next request at least d away.
func (c *Client) hold(g *hostGate, d time.Duration) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if t := c.now().Add(d); t.After(g.next) {
		g.next = t
	}
}

// hostName is the host without its port.
func hostName(hostport string) string {
	if h, _, err := net.SplitHostPort(hostport); err == nil {
		return h
	}
	return hostport
}

// transientStatus reports whether an answer may change if asked again.
func transientStatus(status int) bool {
	return status == http.StatusTooManyRequests || status == http.StatusRequestTimeout || status >= 500
}

// transientErr reports whether a failed request may succeed if sent again:
// a timeout or a broken connection, but not a cancelled run.
func transientErr(ctx context.Context, err error) bool {
	if ctx.Err() != nil {
		return false
	}
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		return true
	}
	var oe *net.OpError
	return errors.As(err, &oe) || errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF)
}

// backoff is the wait before retry attempt+1 when the server names none:
// 1s, 2s, 4s, ...
func backoff(attempt int) time.Duration {
	return time.Second << min(attempt, 6)
}

// parseRetryAfter reads a Retry-After header: a number of seconds or an
// HTTP date. It returns -1 when the header is absent or unreadable.
func parseRetryAfter(h string, now time.Time) time.Duration {
	if h == "" {
		return -1
	}
	if s, err := strconv.Atoi(h); err == nil && s >= 0 {
		return time.Duration(s) * time.Second
	}
	if t, err := http.ParseTime(h); err == nil {
		return max(t.Sub(now), 0)
	}
	return -1
}

// shown is u as messages show it: without a password and without the
// mailto parameter, so that the user's e-mail address, sent to Crossref
// only, does not end up in a CI log.
func shown(u *url.URL) string {
	if q := u.Query(); q.Has("mailto") {
		c := *u
		q.Del("mailto")
		c.RawQuery = q.Encode()
		return c.Redacted()
	}
	return u.Redacted()
}
