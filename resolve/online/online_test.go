package online

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/paperlint/papers/bib"
	"github.com/paperlint/papers/resolve"
	"github.com/paperlint/papers/venue"
)

// fakeServices serves the fixtures of testdata/ as DBLP, Crossref and the
// arXiv API would answer, and records the requests.
type fakeServices struct {
	t    *testing.T
	mu   sync.Mutex
	reqs []*http.Request
}

func (f *fakeServices) requests() []*http.Request {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]*http.Request(nil), f.reqs...)
}

func (f *fakeServices) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	f.reqs = append(f.reqs, r)
	f.mu.Unlock()
	serve := func(name, ctype string) {
		data, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.t.Errorf("fixture: %v", err)
			http.Error(w, err.Error(), 500)
			return
		}
		w.Header().Set("Content-Type", ctype)
		_, _ = w.Write(data)
	}
	q := r.URL.Query()
	switch p := r.URL.Path; {
	case p == "/search/publ/api":
		switch s := q.Get("q"); {
		case strings.Contains(s, "interest"):
			serve("dblp-search-din.json", "application/json")
		case strings.Contains(s, "trojan"):
			serve("dblp-search-trojan.json", "application/json")
		case strings.Contains(s, "möbius"):
			serve("dblp-search-mobius.json", "application/json")
		case strings.Contains(s, "malformed"):
			_, _ = w.Write([]byte(`{"result":{"hits":{"hit":[{"info":`))
		default:
			serve("dblp-search-empty.json", "application/json")
		}
	case p == "/rec/conf/kdd/ZhouZSFZMYJLG18.bib":
		serve("dblp-rec-din.bib", "application/x-bibtex")
	case p == "/works/10.1145/3219819.3219823":
		serve("crossref-work-din.json", "application/json")
	case p == "/works" && q.Get("query.bibliographic") != "":
		serve("crossref-query-udf.json", "application/json")
	case p == "/api/query" && q.Get("id_list") == "1708.05123":
		serve("arxiv-1708.05123.xml", "application/atom+xml")
	case p == "/api/query" && q.Get("search_query") == `ti:"Deep Cross Network for Ad Click Predictions"`:
		serve("arxiv-search-dcn.xml", "application/atom+xml")
	case p == "/api/query" && q.Get("search_query") != "":
		serve("arxiv-error.xml", "application/atom+xml")
	case p == "/api/query" && q.Get("id_list") == "2001.00001":
		// arXiv's answer when it throttles: plain text, not a feed.
		_, _ = w.Write([]byte("Rate exceeded."))
	case p == "/api/query":
		serve("arxiv-error.xml", "application/atom+xml")
	default:
		http.NotFound(w, r)
	}
}

// newServices starts the fake services and returns the three sources
// pointed at them, sharing one client without cache.
func newServices(t *testing.T) (*fakeServices, *DBLP, *Crossref, *ArXiv) {
	t.Helper()
	f := &fakeServices{t: t}
	srv := httptest.NewServer(f)
	t.Cleanup(srv.Close)
	c := NewClient(testNow, Options{UserAgent: "papers/test (+https://github.com/paperlint/papers)"})
	return f, &DBLP{Client: c, Base: srv.URL}, &Crossref{Client: c, Base: srv.URL}, &ArXiv{Client: c, Base: srv.URL + "/api/query"}
}

func notesQuery(title, tag string, year int) resolve.Query {
	q := resolve.Query{Title: title, VenueTag: tag, Year: year}
	q.Venue, _ = venue.Default().Lookup(tag)
	return q
}

func resolveOne(t *testing.T, q resolve.Query, srcs ...resolve.Source) resolve.Outcome {
	t.Helper()
	return (&resolve.Resolver{Sources: srcs}).Resolve(context.Background(), []resolve.Query{q})[0]
}

// mustResolve resolves q at the given level and returns the record's entry.
func mustResolve(t *testing.T, q resolve.Query, level resolve.Level, srcs ...resolve.Source) (resolve.Outcome, *bib.Entry) {
	t.Helper()
	o := resolveOne(t, q, srcs...)
	if o.Chosen == nil || o.Chosen.Verdict.Level != level {
		t.Fatalf("outcome: %+v, want a record at level %v", o, level)
	}
	return o, o.Chosen.Record.Entry
}

func TestDBLPExactMatch(t *testing.T) {
	f, dblp, _, _ := newServices(t)
	o, e := mustResolve(t, notesQuery("Deep Interest Network for Click-Through Rate Prediction", "KDD", 2018), resolve.Same, dblp)
	// The publisher comes from the record's .bib (its cross-referenced
	// proceedings), which the search hit lacks.
	if e.Get("publisher") != "{ACM}" || !strings.HasPrefix(strings.Join(strings.Fields(e.Get("author")), " "), "Guorui Zhou and Xiaoqiang Zhu") {
		t.Errorf("the record's .bib was not used: %v", e.Fields)
	}
	built := bib.NewEntry("inproceedings", "kdd2018deep").Set("title", "Deep Interest Network").Set("booktitle", "KDD").Set("year", "2018")
	added := resolve.Complete(built, *o.Chosen)
	if strings.Join(added, ",") != "author,pages,publisher,doi,url" || built.Get("pages") != "1059--1068" || built.Key != "kdd2018deep" {
		t.Errorf("completed %v: %v", added, built.Fields)
	}
	reqs := f.requests()
	if len(reqs) != 2 {
		t.Fatalf("%d requests, want the search and the record", len(reqs))
	}
	for _, r := range reqs {
		if ua := r.Header.Get("User-Agent"); !strings.HasPrefix(ua, "papers/") {
			t.Errorf("User-Agent %q", ua)
		}
	}
	if q := reqs[0].URL.Query(); q.Get("format") != "json" || q.Get("q") != "deep interest network for click through rate prediction" {
		t.Errorf("search query %v", q)
	}
}

func TestDBLPLookAlikeRefused(t *testing.T) {
	_, dblp, _, _ := newServices(t)
	o := resolveOne(t, notesQuery("Trojan attack on neural networks", "NDSS", 2018), dblp)
	if o.Chosen != nil {
		t.Fatalf("a look-alike was accepted: %s", o.Chosen.Record.Describe())
	}
	if o.Closest == nil || !strings.Contains(o.Closest.Verdict.Why, `"trojan" vs "trojaning"`) || o.Refused != 1 {
		t.Errorf("closest: %+v", o.Closest)
	}
	if a := o.Closest.Record.Entry.Get("author"); strings.Contains(a, "0001") {
		t.Errorf("DBLP's disambiguation number kept: %s", a)
	}
}

func TestDBLPPreprintYearOffByOne(t *testing.T) {
	_, dblp, _, _ := newServices(t)
	o := resolveOne(t, notesQuery("Möbius Transformation for Fast Inner Product Search on Graph", "NIPS", 2019), dblp)
	if o.Chosen == nil || o.Chosen.Verdict.Level != resolve.OtherVersion || o.Chosen.Verdict.YearOff != -1 {
		t.Fatalf("outcome: %+v", o)
	}
	built := bib.NewEntry("inproceedings", "k").Set("title", "T").Set("booktitle", "B").Set("year", "2019")
	if added := resolve.Complete(built, *o.Chosen); strings.Join(added, ",") != "author" {
		t.Errorf("a preprint gave %v, want the authors only", added)
	}
}

func TestDBLPMalformedAndEmpty(t *testing.T) {
	_, dblp, _, _ := newServices(t)
	_, err := dblp.Search(context.Background(), resolve.Query{Title: "malformed"})
	if err == nil || !strings.Contains(err.Error(), "unreadable answer") {
		t.Errorf("malformed answer: %v", err)
	}
	recs, err := dblp.Search(context.Background(), resolve.Query{Title: "A Title Nobody Wrote"})
	if err != nil || len(recs) != 0 {
		t.Errorf("empty answer: %v, %v", recs, err)
	}
}

func TestCrossrefByDOI(t *testing.T) {
	_, _, cr, _ := newServices(t)
	q := notesQuery("Deep Interest Network for Click-Through Rate Prediction", "KDD", 2018)
	q.DOI = "10.1145/3219819.3219823"
	_, e := mustResolve(t, q, resolve.Same, cr)
	if e.Type != "inproceedings" || e.Get("author") != "Zhou, Guorui and Zhu, Xiaoqiang and Song, Chenru and Gai, Kun" ||
		!strings.Contains(e.Get("booktitle"), `Knowledge Discovery \& Data Mining`) {
		t.Errorf("record: %v", e.Fields)
	}
	recs, err := cr.ByDOI(context.Background(), "10.9999/none")
	if err != nil || recs != nil {
		t.Errorf("unknown DOI: %v, %v", recs, err)
	}
}

func TestCrossrefQuery(t *testing.T) {
	_, _, cr, _ := newServices(t)
	o, e := mustResolve(t, notesQuery("Defending Person Detection Against Adversarial Patch Attack by using Universal Defensive Frame", "TIP", 2022), resolve.Same, cr)
	if o.Refused != 1 || e.Type != "article" || e.Get("volume") != "31" || e.Get("doi") != "10.1109/TIP.2022.3217375" {
		t.Errorf("record: %v", e.Fields)
	}
	recs, _ := cr.Search(context.Background(), resolve.Query{Title: "x"})
	if len(recs) != 2 || recs[1].Entry.Get("title") != "Defending Object Detection Against Adversarial Patch Attack" ||
		recs[1].Entry.Get("author") != "{The Robust Vision Group}" {
		t.Errorf("markup or organisation author: %v", recs[1].Entry.Fields)
	}
}

func TestArXiv(t *testing.T) {
	_, _, _, ax := newServices(t)
	q := notesQuery("Deep & Cross Network for Ad Click Predictions", "arXiv", 2017)
	q.ArXiv = "1708.05123"
	_, e := mustResolve(t, q, resolve.Same, ax)
	if e.Get("author") != "Ruoxi Wang and Bin Fu and Gang Fu and Mingliang Wang" || e.Get("title") != `Deep \& Cross Network for Ad Click Predictions` ||
		e.Get("eprint") != "1708.05123" || e.Get("year") != "2017" || e.Get("primaryClass") != "cs.LG" {
		t.Errorf("record: %v", e.Fields)
	}
	recs, err := ax.ByArXiv(context.Background(), "1234.0")
	if err != nil || recs != nil {
		t.Errorf("the API's error entry: %v, %v", recs, err)
	}
	if _, err := ax.ByArXiv(context.Background(), "2001.00001"); err == nil || !strings.Contains(err.Error(), "unreadable answer") {
		t.Errorf("a throttled answer: %v", err)
	}
}

func TestArXivByTitle(t *testing.T) {
	f, _, _, ax := newServices(t)
	// No identifier: the title finds the paper; the look-alike (DCN V2)
	// is refused.
	o, e := mustResolve(t, notesQuery("Deep & Cross Network for Ad Click Predictions", "arXiv", 2017), resolve.Same, ax)
	if o.Chosen.Record.ID != "1708.05123" || e.Get("eprint") != "1708.05123" || o.Refused != 1 {
		t.Errorf("outcome %+v, record %v", o, e.Fields)
	}
	reqs := f.requests()
	if len(reqs) != 1 || reqs[0].URL.Query().Get("search_query") != `ti:"Deep Cross Network for Ad Click Predictions"` || reqs[0].URL.Query().Get("max_results") != "5" {
		t.Errorf("requests: %v", reqs)
	}
	// A title arXiv does not know: no record, no error.
	if recs, err := ax.Search(context.Background(), resolve.Query{Title: "Nothing: Like It"}); recs != nil || err != nil {
		t.Errorf("unknown title: %v, %v", recs, err)
	}
	if recs, err := ax.Search(context.Background(), resolve.Query{Title: "?!"}); recs != nil || err != nil || len(f.requests()) != 2 {
		t.Errorf("a title without words asked arXiv: %v, %v", recs, err)
	}
}

func TestArXivIDOf(t *testing.T) {
	for in, want := range map[string]string{
		"http://arxiv.org/abs/1708.05123v1":     "1708.05123",
		"http://arxiv.org/abs/1708.05123":       "1708.05123",
		"http://arxiv.org/abs/hep-th/9901001v2": "hep-th/9901001",
		"http://arxiv.org/api/errors#x":         "",
	} {
		if got := idOf(in); got != want {
			t.Errorf("idOf(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCrossrefMailto(t *testing.T) {
	f := &fakeServices{t: t}
	srv := httptest.NewServer(f)
	t.Cleanup(srv.Close)
	cache := NewCache(t.TempDir(), 0)
	cr := &Crossref{Client: NewClient(testNow, Options{Cache: cache}), Base: srv.URL, Mailto: "reader@example.org"}
	if _, err := cr.ByDOI(context.Background(), "10.1145/3219819.3219823"); err != nil {
		t.Fatal(err)
	}
	if _, err := cr.Search(context.Background(), resolve.Query{Title: "x"}); err != nil {
		t.Fatal(err)
	}
	for _, r := range f.requests() {
		if got := r.URL.Query().Get("mailto"); got != "reader@example.org" {
			t.Errorf("%s: mailto %q", r.URL, got)
		}
	}
	// The address is no part of the cache key: a run without it (or
	// offline) finds the answer, and no cache file holds the address.
	off := &Crossref{Client: NewClient(testNow, Options{Cache: cache, Offline: true}), Base: srv.URL}
	if recs, err := off.ByDOI(context.Background(), "10.1145/3219819.3219823"); err != nil || len(recs) != 1 {
		t.Errorf("offline without mailto: %v, %v", recs, err)
	}
	err := filepath.WalkDir(cache.Dir(), func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err == nil && strings.Contains(string(data), "reader@example.org") {
			t.Errorf("%s holds the address", p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

// fakeClock is a clock whose Sleep moves it on without waiting.
type fakeClock struct {
	mu    sync.Mutex
	now   time.Time
	slept []time.Duration
}

func newFakeClock() *fakeClock {
	return &fakeClock{now: time.Date(2025, 1, 1, 12, 0, 0, 0, time.UTC)}
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) Sleep(ctx context.Context, d time.Duration) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if d > 0 {
		c.slept = append(c.slept, d)
		c.now = c.now.Add(d)
	}
	return ctx.Err()
}

// advance moves the clock on, as time passing between runs.
func (c *fakeClock) advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

func (c *fakeClock) sleeps() []time.Duration {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]time.Duration(nil), c.slept...)
}

// scripted answers each request with the next status of a list (and a
// Retry-After when given), then 200 "ok".
type scripted struct {
	mu      sync.Mutex
	answers []struct {
		status     int
		retryAfter string
	}
	n int
}

func (s *scripted) ServeHTTP(w http.ResponseWriter, _ *http.Request) {
	s.mu.Lock()
	i := s.n
	s.n++
	s.mu.Unlock()
	if i < len(s.answers) {
		if ra := s.answers[i].retryAfter; ra != "" {
			w.Header().Set("Retry-After", ra)
		}
		w.WriteHeader(s.answers[i].status)
		return
	}
	_, _ = w.Write([]byte("ok"))
}

func (s *scripted) count() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.n
}

func newScripted(t *testing.T, answers ...any) (*scripted, string) {
	t.Helper()
	s := &scripted{}
	for i := 0; i+1 < len(answers); i += 2 {
		s.answers = append(s.answers, struct {
			status     int
			retryAfter string
		}{answers[i].(int), answers[i+1].(string)})
	}
	srv := httptest.NewServer(s)
	t.Cleanup(srv.Close)
	return s, srv.URL
}

func TestClientRetryAfter(t *testing.T) {
	s, u := newScripted(t, 429, "7", 503, "")
	clk := newFakeClock()
	c := NewClient(clk.Now, Options{Sleep: clk.Sleep})
	body, err := c.Get(context.Background(), u+"/x", "")
	if err != nil || string(body) != "ok" {
		t.Fatalf("Get = %q, %v", body, err)
	}
	// 7 s as Retry-After asks, then 2 s of backoff (the second retry).
	if got := clk.sleeps(); len(got) != 2 || got[0] != 7*time.Second || got[1] != 2*time.Second || s.count() != 3 {
		t.Errorf("slept %v over %d requests", got, s.count())
	}
}

func TestClientRetryAfterDate(t *testing.T) {
	clk := newFakeClock()
	at := clk.Now().Add(30 * time.Second).Format(http.TimeFormat)
	_, u := newScripted(t, 429, at)
	c := NewClient(clk.Now, Options{Sleep: clk.Sleep})
	if _, err := c.Get(context.Background(), u+"/x", ""); err != nil {
		t.Fatal(err)
	}
	if got := clk.sleeps(); len(got) != 1 || got[0] != 30*time.Second {
		t.Errorf("slept %v", got)
	}
}

func TestClientGivesUp(t *testing.T) {
	s, u := newScripted(t, 503, "", 502, "", 500, "", 503, "", 503, "")
	clk := newFakeClock()
	c := NewClient(clk.Now, Options{Sleep: clk.Sleep, Retries: 3})
	_, err := c.Get(context.Background(), u+"/x", "")
	if err == nil || !strings.Contains(err.Error(), "gave up after 4 tries") || s.count() != 4 {
		t.Errorf("err %v after %d requests", err, s.count())
	}
	if got := clk.sleeps(); len(got) != 3 || got[0] != time.Second || got[2] != 4*time.Second {
		t.Errorf("backoff %v", got)
	}
	// A wait longer than MaxWait ends the request at once.
	s, u = newScripted(t, 429, "86400")
	_, err = c.Get(context.Background(), u+"/y", "")
	if err == nil || !strings.Contains(err.Error(), "asks to wait 24h0m0s") || s.count() != 1 {
		t.Errorf("long Retry-After: %v after %d requests", err, s.count())
	}
	// A 403 is not retried.
	s, u = newScripted(t, 403, "")
	if _, err = c.Get(context.Background(), u+"/z", ""); err == nil || s.count() != 1 {
		t.Errorf("403: %v after %d requests", err, s.count())
	}
}

func TestClientHostDown(t *testing.T) {
	s, u := newScripted(t, 500, "", 500, "", 500, "", 500, "", 500, "", 500, "")
	clk := newFakeClock()
	c := NewClient(clk.Now, Options{Sleep: clk.Sleep, Retries: -1})
	for i := 0; i < 3; i++ {
		if _, err := c.Get(context.Background(), u+"/"+string(rune('a'+i)), ""); err == nil || errors.Is(err, ErrHostDown) {
			t.Fatalf("request %d: %v", i, err)
		}
	}
	_, err := c.Get(context.Background(), u+"/d", "")
	if !errors.Is(err, ErrHostDown) || s.count() != 3 {
		t.Errorf("after 3 failures: %v, %d requests", err, s.count())
	}
}

func TestClientTimeout(t *testing.T) {
	var mu sync.Mutex
	n := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		n++
		mu.Unlock()
		select {
		case <-r.Context().Done():
		case <-time.After(5 * time.Second):
		}
	}))
	t.Cleanup(srv.Close)
	clk := newFakeClock()
	c := NewClient(clk.Now, Options{Sleep: clk.Sleep, Timeout: 50 * time.Millisecond, Retries: 1})
	_, err := c.Get(context.Background(), srv.URL+"/slow", "")
	mu.Lock()
	defer mu.Unlock()
	if err == nil || !strings.Contains(err.Error(), "gave up after 2 tries") || n != 2 {
		t.Errorf("err %v after %d requests", err, n)
	}
}

func TestClientRateLimit(t *testing.T) {
	s, u := newScripted(t)
	clk := newFakeClock()
	c := NewClient(clk.Now, Options{Sleep: clk.Sleep, Interval: map[string]time.Duration{"127.0.0.1": time.Second}})
	for i := 0; i < 3; i++ {
		if _, err := c.Get(context.Background(), u+"/"+string(rune('a'+i)), ""); err != nil {
			t.Fatal(err)
		}
	}
	if got := clk.sleeps(); len(got) != 2 || got[0] != time.Second || got[1] != time.Second || s.count() != 3 {
		t.Errorf("slept %v for %d requests; want a second between requests", got, s.count())
	}
}

func TestClientInFlight(t *testing.T) {
	var mu sync.Mutex
	cur, peak := 0, 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		cur++
		peak = max(peak, cur)
		mu.Unlock()
		time.Sleep(20 * time.Millisecond)
		mu.Lock()
		cur--
		mu.Unlock()
		_, _ = w.Write([]byte("ok"))
	}))
	t.Cleanup(srv.Close)
	c := NewClient(testNow, Options{InFlight: 2})
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := c.Get(context.Background(), srv.URL+"/"+string(rune('a'+i)), ""); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	if peak > 2 {
		t.Errorf("%d requests in flight, want at most 2", peak)
	}
}

func TestCache(t *testing.T) {
	s, u := newScripted(t)
	clk := newFakeClock()
	cache := NewCache(t.TempDir(), time.Hour)
	c := NewClient(clk.Now, Options{Sleep: clk.Sleep, Cache: cache})
	get := func(c *Client) (string, error) {
		b, err := c.Get(context.Background(), u+"/q?x=1", "")
		return string(b), err
	}
	if b, err := get(c); err != nil || b != "ok" || s.count() != 1 {
		t.Fatalf("first get: %q %v, %d requests", b, err, s.count())
	}
	// A hit: no request.
	if b, err := get(c); err != nil || b != "ok" || s.count() != 1 {
		t.Errorf("cache hit: %q %v, %d requests", b, err, s.count())
	}
	// Expired: asked again.
	clk.advance(2 * time.Hour)
	if _, err := get(c); err != nil || s.count() != 2 {
		t.Errorf("expired entry: %v, %d requests", err, s.count())
	}
	// --refresh asks again even when fresh.
	r := NewClient(clk.Now, Options{Sleep: clk.Sleep, Cache: cache, Refresh: true})
	if _, err := get(r); err != nil || s.count() != 3 {
		t.Errorf("refresh: %v, %d requests", err, s.count())
	}
	// Offline: an expired entry is still used, and nothing is asked.
	clk.advance(48 * time.Hour)
	off := NewClient(clk.Now, Options{Sleep: clk.Sleep, Cache: cache, Offline: true})
	if b, err := get(off); err != nil || b != "ok" || s.count() != 3 {
		t.Errorf("offline with an old entry: %q %v, %d requests", b, err, s.count())
	}
	// A 404 is cached as not found.
	nf := httptest.NewServer(http.NotFoundHandler())
	t.Cleanup(nf.Close)
	if _, err := c.Get(context.Background(), nf.URL+"/gone", ""); !errors.Is(err, ErrNotFound) {
		t.Errorf("404: %v", err)
	}
	nf.Close()
	if _, err := c.Get(context.Background(), nf.URL+"/gone", ""); !errors.Is(err, ErrNotFound) {
		t.Errorf("cached 404: %v", err)
	}
	// A damaged entry is ignored.
	p := cache.path(u + "/q?x=1")
	if err := os.WriteFile(p, []byte("{"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, ok := cache.Get(u + "/q?x=1"); ok {
		t.Error("a damaged entry was read")
	}
}

func TestOfflineEmptyCache(t *testing.T) {
	f := &fakeServices{t: t}
	srv := httptest.NewServer(f)
	t.Cleanup(srv.Close)
	c := NewClient(testNow, Options{Offline: true, Cache: NewCache(t.TempDir(), 0)})
	dblp := &DBLP{Client: c, Base: srv.URL}
	cr := &Crossref{Client: c, Base: srv.URL}
	q := notesQuery("Deep Interest Network for Click-Through Rate Prediction", "KDD", 2018)
	q.DOI = "10.1145/3219819.3219823"
	o := resolveOne(t, q, dblp, cr)
	if o.Chosen != nil || len(o.Errors) != 3 || len(f.requests()) != 0 {
		t.Fatalf("offline run: %+v, %d requests", o, len(f.requests()))
	}
	for _, err := range o.Errors {
		if !errors.Is(err, ErrOffline) {
			t.Errorf("error %v is not ErrOffline", err)
		}
	}
}

func TestOnlineCacheReplays(t *testing.T) {
	// An online run fills the cache; an offline run then resolves the
	// same paper from it without a request.
	f := &fakeServices{t: t}
	srv := httptest.NewServer(f)
	t.Cleanup(srv.Close)
	cache := NewCache(t.TempDir(), 0)
	q := notesQuery("Deep Interest Network for Click-Through Rate Prediction", "KDD", 2018)
	on := &DBLP{Client: NewClient(testNow, Options{Cache: cache}), Base: srv.URL}
	if o := resolveOne(t, q, on); o.Chosen == nil {
		t.Fatalf("online: %+v", o)
	}
	n := len(f.requests())
	off := &DBLP{Client: NewClient(testNow, Options{Cache: cache, Offline: true}), Base: srv.URL}
	o := resolveOne(t, q, off)
	if o.Chosen == nil || o.Chosen.Record.Entry.Get("publisher") != "{ACM}" || len(f.requests()) != n {
		t.Errorf("offline replay: %+v, %d new requests", o, len(f.requests())-n)
	}
}

func TestParseRetryAfter(t *testing.T) {
	now := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	for h, want := range map[string]time.Duration{
		"":                              -1,
		"12":                            12 * time.Second,
		"soon":                          -1,
		"Wed, 01 Jan 2025 00:01:00 GMT": time.Minute,
		"Tue, 31 Dec 2024 00:00:00 GMT": 0,
	} {
		if got := parseRetryAfter(h, now); got != want {
			t.Errorf("parseRetryAfter(%q) = %v, want %v", h, got, want)
		}
	}
}

// testNow is the clock of the tests that do not move time: a fixed day,
// so that no test reads the real clock.
func testNow() time.Time { return time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC) }

// TestCrossrefMailtoNotInErrors checks that the address sent to Crossref
// is in no error message: errors go to stderr, and stderr to CI logs.
func TestCrossrefMailtoNotInErrors(t *testing.T) {
	failing := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.WriteHeader(http.StatusForbidden)
	}))
	t.Cleanup(failing.Close)
	closed := httptest.NewServer(http.NotFoundHandler())
	closedURL := closed.URL
	closed.Close() // connection refused
	for _, base := range []string{failing.URL, closedURL} {
		cr := &Crossref{Client: NewClient(testNow, Options{Retries: -1}), Base: base, Mailto: "reader@example.org"}
		_, err := cr.ByDOI(context.Background(), "10.1145/3219819.3219823")
		if err == nil {
			t.Fatalf("%s: no error", base)
		}
		if strings.Contains(err.Error(), "reader@example.org") || strings.Contains(err.Error(), "mailto") {
			t.Errorf("%s: error shows the address: %v", base, err)
		}
	}
}
