package main

import (
	"flag"
	"fmt"
	"sort"
	"strings"

	"github.com/paperlint/papers/bibgen"
	"github.com/paperlint/papers/lint"
	"github.com/paperlint/papers/resolve"
	"github.com/paperlint/papers/venue"
)

// resolveFlags are papers bib's flags for completing built entries: where
// papers are looked up (shared with papers lint) and --resolve.
type resolveFlags struct {
	lookupFlags
	report bool
}

// addResolveFlags declares the flags on fs.
func addResolveFlags(fs *flag.FlagSet, rf *resolveFlags) {
	addLookupFlags(fs, &rf.lookupFlags, "the authors and pages of built entries")
	fs.BoolVar(&rf.report, "resolve", false, "say for each built entry which source completed it, or why none did")
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

// newResolver builds papers bib's resolver from the flags and the config
// (see newLookup). It returns nil when there is no source. Errors are about
// the flags or the config; a library that cannot be read is said and sets
// trouble, and the other sources are still used.
func newResolver(fs *flag.FlagSet, rf resolveFlags, cfg *lint.Config, reg *venue.Registry, e *env) (br *bibResolver, trouble bool, err error) {
	rf.given(fs)
	r, trouble, err := newLookup(rf.lookupFlags, cfg, "papers bib", e)
	if err != nil || r == nil {
		return nil, trouble, err
	}
	r.Venues = reg
	return &bibResolver{r: r, reg: reg, verbose: rf.report}, trouble, nil
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
	outs := br.r.Resolve(e.context(), qs)
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
