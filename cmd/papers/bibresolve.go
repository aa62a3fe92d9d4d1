package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/paperlint/papers/bibgen"
	"github.com/paperlint/papers/lint"
	"github.com/paperlint/papers/resolve"
	"github.com/paperlint/papers/resolve/online"
	"github.com/paperlint/papers/venue"
)

// resolveFlags are papers bib's flags for completing built entries.
type resolveFlags struct {
	library                          stringList
	online, offline, refresh, report bool
}

// addResolveFlags declares the flags on fs.
func addResolveFlags(fs *flag.FlagSet, rf *resolveFlags) {
	fs.Var(&rf.library, "library", "a .bib file (Zotero or JabRef export, DBLP dump) to take the authors and pages of built entries from (repeatable)")
	fs.BoolVar(&rf.online, "online", false, "also ask DBLP, Crossref and arXiv for the authors and pages (sends titles and DOIs to them; never by default)")
	fs.BoolVar(&rf.offline, "offline", false, "use the answers of earlier --online runs in the cache only; open no connection")
	fs.BoolVar(&rf.refresh, "refresh", false, "with --online, ask again instead of using cached answers")
	fs.BoolVar(&rf.report, "resolve", false, "say for each built entry which source completed it, or why none did")
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

// nearTitle is the share of title words a refused candidate must have for
// the report to name it as the closest one: below it, the candidate is
// another paper that happens to share a few words with this one.
const nearTitle = 0.7

// bibResolver completes built entries; nil when no source is configured.
type bibResolver struct {
	r       *resolve.Resolver
	reg     *venue.Registry
	verbose bool
}

// newResolver builds the sources from the flags and the config: the
// libraries named with --library, then the config's, then, with --online,
// --offline or the config's online: true, DBLP, Crossref and arXiv. It
// returns nil when there is none. Errors are about the flags, the config
// or a library that cannot be read; the other libraries are still used,
// and trouble is set.
func newResolver(fs *flag.FlagSet, rf resolveFlags, cfg *lint.Config, reg *venue.Registry, e *env) (br *bibResolver, trouble bool, err error) {
	useOnline := cfg.Online
	if flagSet(fs, "online") {
		useOnline = rf.online
	}
	switch {
	case rf.refresh && rf.offline:
		return nil, false, errors.New("--refresh and --offline do not go together: --refresh asks the services again, --offline never does")
	case rf.refresh && !useOnline:
		return nil, false, errors.New("--refresh asks the online sources again; it needs --online (or online: true in the config)")
	}
	paths := append([]string(nil), rf.library...)
	fromCfg, err := cfg.LibraryFiles()
	if err != nil {
		return nil, false, err
	}
	paths = append(paths, fromCfg...)
	var sources []resolve.Source
	for _, p := range paths {
		lib, err := resolve.LoadLibrary(p)
		if err != nil {
			bibSay(e, "papers bib: %v\n", err)
			trouble = true
			continue
		}
		if lib.Problems > 0 {
			bibSay(e, "papers bib: library %s: %d syntax errors; the entries they are in are not used (papers lint %s)\n", p, lib.Problems, p)
		}
		sources = append(sources, lib)
	}
	if useOnline || rf.offline {
		sources = append(sources, onlineSources(rf, e)...)
	}
	if len(sources) == 0 {
		return nil, trouble, nil
	}
	jobs := jobsOf(0, e.stderr)
	if useOnline || rf.offline {
		// Requests, not CPUs, are what is spent: the client bounds them.
		jobs = online.DefaultInFlight
	}
	return &bibResolver{r: &resolve.Resolver{Sources: sources, Venues: reg, Jobs: jobs}, reg: reg, verbose: rf.report}, trouble, nil
}

// onlineSources returns DBLP, Crossref and arXiv sharing one client. Their
// addresses may be replaced through the environment (PAPERS_DBLP_URL,
// PAPERS_CROSSREF_URL, PAPERS_ARXIV_URL), for a mirror or a test server;
// the config cannot change them.
func onlineSources(rf resolveFlags, e *env) []resolve.Source {
	opt := online.Options{
		UserAgent: "papers/" + version() + " (+https://github.com/paperlint/papers)",
		Offline:   rf.offline,
		Refresh:   rf.refresh,
		Interval:  politeIntervals,
	}
	if dir, err := online.DefaultCacheDir(); err == nil {
		opt.Cache = online.NewCache(dir, online.DefaultTTL)
	} else {
		bibSay(e, "papers bib: %v; answers are not cached\n", err)
	}
	c := online.NewClient(time.Now, opt)
	return []resolve.Source{
		&online.DBLP{Client: c, Base: e.getenv("PAPERS_DBLP_URL")},
		&online.Crossref{Client: c, Base: e.getenv("PAPERS_CROSSREF_URL")},
		&online.ArXiv{Client: c, Base: e.getenv("PAPERS_ARXIV_URL")},
	}
}

// complete looks up the built entries and adds the fields of the records
// accepted for them. It says which source completed each (with --resolve),
// why the others stay incomplete, and a summary.
func (br *bibResolver) complete(built []*bibgen.Item, srcs []bibgen.Source, e *env) {
	if br == nil || len(built) == 0 {
		return
	}
	qs := make([]resolve.Query, len(built))
	for i, it := range built {
		qs[i] = resolve.QueryFor(it.Paper, it.Entry, br.reg)
	}
	if e.errTerminal {
		br.r.Progress = func(done, total int) {
			bibSay(e, "\rresolving %d/%d ...", done, total)
			if done == total {
				bibSay(e, "\r\x1b[K")
			}
		}
	}
	outs := br.r.Resolve(context.Background(), qs)
	bySource := map[string]int{}
	resolved, refused := 0, 0
	for i, o := range outs {
		it := built[i]
		where := fmt.Sprintf("%s:%d", srcs[it.Source].Notes.Path, it.Line)
		refused += o.Refused
		if o.Chosen != nil {
			added := resolve.Complete(it.Entry, *o.Chosen)
			resolved++
			bySource[o.Chosen.Record.Source]++
			if br.verbose {
				note := strings.Join(added, ", ")
				if note == "" {
					note = "nothing it lacked"
				}
				if v := o.Chosen.Verdict; v.Level == resolve.OtherVersion {
					note += "; " + v.Why
				}
				bibSay(e, "papers bib: %s: %s: completed from %s (%s)\n", where, it.Entry.Key, o.Chosen.Record.Source, note)
			}
			continue
		}
		switch {
		case o.Closest != nil && (o.Closest.Verdict.TitleOK || o.Closest.Verdict.TitleScore >= nearTitle):
			bibSay(e, "papers bib: %s: %s: unresolved: the closest candidate, %s %s, was refused: %s\n",
				where, it.Entry.Key, o.Closest.Record.Source, o.Closest.Record.Describe(), o.Closest.Verdict.Why)
		case len(o.Errors) == 0:
			// A candidate sharing only some words is no help to the
			// reader: it is not named.
			bibSay(e, "papers bib: %s: %s: unresolved: no source has a record of this title\n", where, it.Entry.Key)
		}
		for _, err := range o.Errors {
			bibSay(e, "papers bib: %s: %s: %v\n", where, it.Entry.Key, err)
		}
	}
	names := make([]string, 0, len(bySource))
	for n := range bySource {
		names = append(names, n)
	}
	sort.Strings(names)
	var parts []string
	for _, n := range names {
		parts = append(parts, fmt.Sprintf("%d %s", bySource[n], n))
	}
	by := ""
	if len(parts) > 0 {
		by = " (" + strings.Join(parts, ", ") + ")"
	}
	refusedText := fmt.Sprintf("%d candidates refused", refused)
	switch refused {
	case 0:
		refusedText = "no candidate refused"
	case 1:
		refusedText = "1 candidate refused"
	}
	bibSay(e, "papers bib: resolve: %d of %d built entries completed%s, %d unresolved, %s\n",
		resolved, len(built), by, len(built)-resolved, refusedText)
}
