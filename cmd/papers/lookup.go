package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/paperlint/papers/lint"
	"github.com/paperlint/papers/resolve"
	"github.com/paperlint/papers/resolve/online"
)

// lookupFlags say where papers are looked up: papers bib completes its
// built entries from them, papers lint finds the published versions of
// the preprints a companion .bib cites.
type lookupFlags struct {
	library                  stringList
	sources                  string
	online, offline, refresh bool
	// onlineGiven and sourcesGiven say whether --online and --sources
	// were on the command line, where they win over the config (set by
	// given).
	onlineGiven, sourcesGiven bool
}

// given records which flags the command line gave; call it after parsing.
func (lf *lookupFlags) given(fs *flag.FlagSet) {
	lf.onlineGiven, lf.sourcesGiven = flagSet(fs, "online"), flagSet(fs, "sources")
}

// addLookupFlags declares the flags on fs; what says what the lookups are
// for, in the help.
func addLookupFlags(fs *flag.FlagSet, lf *lookupFlags, what string) {
	fs.Var(&lf.library, "library", "a .bib file (Zotero or JabRef export, DBLP dump) to look up "+what+" in (repeatable)")
	fs.BoolVar(&lf.online, "online", false, "also ask DBLP, Crossref and arXiv for "+what+" (sends titles, DOIs and arXiv ids to them; never by default)")
	fs.BoolVar(&lf.offline, "offline", false, "use the answers of earlier --online runs in the cache only; open no connection")
	fs.BoolVar(&lf.refresh, "refresh", false, "with --online, ask again instead of using cached answers")
	fs.StringVar(&lf.sources, "sources", "", "the sources to ask, in order, comma-separated: "+strings.Join(lint.SourceNames(), ", ")+" (default: the config's sources:, else that order)")
}

// Minimum intervals between two requests to each service's host, as their
// documentation asks (DBLP: one request a second; arXiv: one every three
// seconds; Crossref's public pool allows far more, a little spacing keeps
// a long list from bursting).
var politeIntervals = map[string]time.Duration{
	"dblp.org":         time.Second,
	"export.arxiv.org": 3 * time.Second,
	"api.crossref.org": 200 * time.Millisecond,
}

// newLookup builds the resolver of a run from the flags and the config: the
// sources in the order of --sources (else the config's sources:, else
// lint.SourceNames), where "library" stands for the libraries named with
// --library then the config's, and the online services are used only with
// --online, --offline or the config's online: true. It returns nil when
// there is no source. Errors are about the flags or the config; a library
// that cannot be read is said on stderr (prefixed by cmd) and sets
// trouble, and the other sources are still used.
func newLookup(lf lookupFlags, cfg *lint.Config, cmd string, e *env) (r *resolve.Resolver, trouble bool, err error) {
	useOnline := cfg.Online
	if lf.onlineGiven {
		useOnline = lf.online
	}
	switch {
	case lf.refresh && lf.offline:
		return nil, false, errors.New("--refresh and --offline do not go together: --refresh asks the services again, --offline never does")
	case lf.refresh && !useOnline:
		return nil, false, errors.New("--refresh asks the online sources again; it needs --online (or online: true in the config)")
	}
	order := cfg.Sources
	if lf.sourcesGiven {
		order = nil
		for _, n := range strings.Split(lf.sources, ",") {
			if n = strings.TrimSpace(n); n != "" {
				order = append(order, n)
			}
		}
		if err := lint.CheckSources(order); err != nil {
			return nil, false, fmt.Errorf("--sources: %w", err)
		}
	}
	if order == nil {
		order = lint.SourceNames()
	}
	paths := append([]string(nil), lf.library...)
	fromCfg, err := cfg.LibraryFiles()
	if err != nil {
		return nil, false, err
	}
	paths = append(paths, fromCfg...)
	goOnline := useOnline || lf.offline
	var services map[string]resolve.Source
	if goOnline {
		services = onlineSources(lf, cfg, cmd, e)
	}
	var sources []resolve.Source
	for _, name := range order {
		if name != "library" {
			if s := services[name]; s != nil {
				sources = append(sources, s)
			}
			continue
		}
		for _, p := range paths {
			lib, err := resolve.LoadLibrary(p)
			if err != nil {
				fmt.Fprintf(e.stderr, "%s: %v\n", cmd, err)
				trouble = true
				continue
			}
			if lib.Problems > 0 {
				fmt.Fprintf(e.stderr, "%s: library %s: %d syntax errors; the entries they are in are not used (papers lint %s)\n", cmd, p, lib.Problems, p)
			}
			sources = append(sources, lib)
		}
	}
	if len(sources) == 0 {
		return nil, trouble, nil
	}
	jobs := jobsOf(0, e.stderr)
	if goOnline {
		// Requests, not CPUs, are what is spent: the client bounds them.
		jobs = online.DefaultInFlight
	}
	return &resolve.Resolver{Sources: sources, Jobs: jobs}, trouble, nil
}

// onlineSources returns DBLP, Crossref and arXiv by name, sharing one
// client. Their addresses may be replaced through the environment
// (PAPERS_DBLP_URL, PAPERS_CROSSREF_URL, PAPERS_ARXIV_URL), for a mirror or
// a test server; the config cannot change them. The e-mail address that
// Crossref's polite pool asks for is PAPERS_EMAIL, else the config's
// email:.
func onlineSources(lf lookupFlags, cfg *lint.Config, cmd string, e *env) map[string]resolve.Source {
	email := strings.TrimSpace(e.getenv("PAPERS_EMAIL"))
	if email == "" {
		email = strings.TrimSpace(cfg.Email)
	}
	opt := online.Options{
		UserAgent: "papers/" + version() + " (+https://github.com/paperlint/papers)",
		Offline:   lf.offline,
		Refresh:   lf.refresh,
		Interval:  politeIntervals,
	}
	if dir, err := online.DefaultCacheDir(); err == nil {
		opt.Cache = online.NewCache(dir, online.DefaultTTL)
	} else {
		fmt.Fprintf(e.stderr, "%s: %v; answers are not cached\n", cmd, err)
	}
	// The real clock is read here, in the command, and nowhere below it.
	c := online.NewClient(time.Now, opt)
	return map[string]resolve.Source{
		"dblp":     &online.DBLP{Client: c, Base: e.getenv("PAPERS_DBLP_URL")},
		"crossref": &online.Crossref{Client: c, Base: e.getenv("PAPERS_CROSSREF_URL"), Mailto: email},
		"arxiv":    &online.ArXiv{Client: c, Base: e.getenv("PAPERS_ARXIV_URL")},
	}
}

// lookupErrors counts the lookups of a papers lint run that failed (a
// service unreachable, an --offline run without the answer cached), so
// that the run can say so once instead of passing in silence.
type lookupErrors struct {
	mu    sync.Mutex
	n     int
	first error
}

func (le *lookupErrors) add(err error) {
	if err == nil {
		return
	}
	le.mu.Lock()
	defer le.mu.Unlock()
	if le.n == 0 {
		le.first = err
	}
	le.n++
}

// report says on stderr how many lookups failed and why the first did: a
// run whose sources could not be asked found no published version, and
// must not pass for one that looked and found none.
func (le *lookupErrors) report(e *env) {
	le.mu.Lock()
	defer le.mu.Unlock()
	switch le.n {
	case 0:
	case 1:
		fmt.Fprintf(e.stderr, "papers lint: a lookup failed: %v\n", le.first)
	default:
		fmt.Fprintf(e.stderr, "papers lint: %d lookups failed; the first: %v\n", le.n, le.first)
	}
}

// counted wraps each source so that its errors are counted in le.
func counted(srcs []resolve.Source, le *lookupErrors) []resolve.Source {
	out := make([]resolve.Source, len(srcs))
	for i, s := range srcs {
		out[i] = countingSource{Source: s, le: le}
	}
	return out
}

// countingSource is a source whose errors are counted. It is a
// resolve.Detailer whatever the source: Detail of a source that is none
// returns no record, which the resolver takes as "keep the summary".
type countingSource struct {
	resolve.Source
	le *lookupErrors
}

func (s countingSource) ByDOI(ctx context.Context, doi string) ([]*resolve.Record, error) {
	r, err := s.Source.ByDOI(ctx, doi)
	s.le.add(wrapSource(s, err))
	return r, err
}

func (s countingSource) ByArXiv(ctx context.Context, id string) ([]*resolve.Record, error) {
	r, err := s.Source.ByArXiv(ctx, id)
	s.le.add(wrapSource(s, err))
	return r, err
}

func (s countingSource) Search(ctx context.Context, q resolve.Query) ([]*resolve.Record, error) {
	r, err := s.Source.Search(ctx, q)
	s.le.add(wrapSource(s, err))
	return r, err
}

func (s countingSource) Detail(ctx context.Context, r *resolve.Record) (*resolve.Record, error) {
	d, ok := s.Source.(resolve.Detailer)
	if !ok {
		return nil, nil
	}
	full, err := d.Detail(ctx, r)
	s.le.add(wrapSource(s, err))
	return full, err
}

// PreprintsOnly forwards resolve.PreprintServer, which the wrapper would
// otherwise hide.
func (s countingSource) PreprintsOnly() bool {
	ps, ok := s.Source.(resolve.PreprintServer)
	return ok && ps.PreprintsOnly()
}

func wrapSource(s resolve.Source, err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("%s: %w", s.Name(), err)
}
