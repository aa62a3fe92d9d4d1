package rules

import (
	"fmt"
	"sort"
	"strings"

	"github.com/paperlint/papers/lint"
	"github.com/paperlint/papers/notes"
)

// OrgName checks organisation tags across every file linted together: a
// known organisation spelled another way (`google`, `Standford`) is fixed to
// its canonical spelling; an unknown one spelled several ways (`[iis]`,
// `[IIS]`) is fixed to the majority spelling when there is one; a likely typo
// (`Stanfrod`) gets a suggestion; an ambiguous short form (`UW`, `Ali`) gets
// an info note with its possible meanings, and is never changed. Related but
// distinct organisations (Facebook and Meta, MSR and MSRA) are left alone.
var OrgName = &lint.Rule{
	ID:       "org-name",
	Summary:  "an organisation is spelled differently from its canonical or majority spelling",
	Severity: lint.Warning,
	Scope:    lint.CorpusScope,
	Fixable:  true,
	Check:    checkOrgName,
}

type orgUse struct {
	f   *lint.File
	org notes.Org
}

func checkOrgName(p *lint.Pass) {
	// Unknown organisations are grouped by their case-folded spelling to
	// find the majority spelling.
	groups := map[string]map[string][]orgUse{}
	// A list names a few hundred organisations many times over: the
	// registry is asked once per spelling, and a known spelling's finding
	// is reported where it is met (a list of the uses of known names,
	// judged afterwards, was 26 MB of a 100,000-paper run for nothing).
	// A nil verdict is an unknown spelling.
	verdicts := map[string]*orgVerdict{}
	for _, f := range p.NotesFiles() {
		for _, e := range f.Notes.Papers {
			for _, o := range e.Orgs {
				u := orgUse{f, o}
				v, seen := verdicts[o.Name]
				if !seen {
					_, ok := p.Orgs.Lookup(o.Name)
					_, amb := p.Orgs.Ambiguous(o.Name)
					if ok || amb {
						judged := judgeKnownOrg(p, o.Name)
						v = &judged
					}
					verdicts[o.Name] = v
				}
				if v != nil {
					v.report(p, u)
					continue
				}
				k := strings.ToLower(o.Name)
				if groups[k] == nil {
					groups[k] = map[string][]orgUse{}
				}
				groups[k][o.Name] = append(groups[k][o.Name], u)
			}
		}
	}
	keys := make([]string, 0, len(groups))
	for k := range groups {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		reportSpellings(p, groups[k])
	}
}

// orgVerdict is what the registry says of one spelling of a known or
// ambiguous organisation.
type orgVerdict struct {
	ambiguous []string // the meanings of an ambiguous short form
	canon     string   // the canonical spelling, when the spelling differs
	message   string
}

func judgeKnownOrg(p *lint.Pass, name string) orgVerdict {
	if cands, amb := p.Orgs.Ambiguous(name); amb {
		return orgVerdict{ambiguous: cands, message: fmt.Sprintf("%q could mean %s; if you mean one, write it, or settle it for every file with org-aliases: {%s: NAME} in .papers.yaml", name, joinOr(cands), name)}
	}
	canon, exact, ok := p.Orgs.Canonical(name)
	if !ok || exact {
		return orgVerdict{}
	}
	msg := fmt.Sprintf("organisation %q is usually written %s", name, canon)
	if strings.EqualFold(name, canon) {
		msg = fmt.Sprintf("organisation %q is written %s", name, canon)
	}
	return orgVerdict{canon: canon, message: msg}
}

func (v *orgVerdict) report(p *lint.Pass, u orgUse) {
	switch {
	case v.ambiguous != nil:
		p.Report(lint.Diagnostic{
			File: u.f.Path, Start: u.org.Span.Start, End: u.org.Span.End, Severity: lint.Info,
			Message: v.message,
		})
	case v.canon != "":
		p.Report(lint.Diagnostic{
			File: u.f.Path, Start: u.org.Span.Start, End: u.org.Span.End,
			Message: v.message,
			Fix:     &lint.Fix{Message: "write " + v.canon, Edits: []lint.Edit{{Start: u.org.Span.Start, End: u.org.Span.End, New: v.canon}}},
		})
	}
}

// reportSpellings handles one unknown organisation written in several
// ways, or a single spelling that looks like a typo of a known one.
func reportSpellings(p *lint.Pass, spellings map[string][]orgUse) {
	if len(spellings) == 1 {
		for name, uses := range spellings {
			sug := p.Orgs.Suggest(name)
			if len(sug) == 0 {
				return
			}
			for _, u := range uses {
				d := lint.Diagnostic{
					File: u.f.Path, Start: u.org.Span.Start, End: u.org.Span.End,
					Message: fmt.Sprintf("unknown organisation %q; did you mean %s?", name, joinOr(sug)),
				}
				for _, s := range sug {
					d.AddSuggestion("write " + s)
				}
				p.Report(d)
			}
		}
		return
	}
	names := make([]string, 0, len(spellings))
	for n := range spellings {
		names = append(names, n)
	}
	sort.Slice(names, func(i, j int) bool {
		a, b := len(spellings[names[i]]), len(spellings[names[j]])
		if a != b {
			return a > b
		}
		return names[i] < names[j]
	})
	top := names[0]
	tie := len(spellings[names[1]]) == len(spellings[top])
	for _, n := range names {
		if n == top && !tie {
			continue
		}
		var others []string
		for _, m := range names {
			if m != n {
				others = append(others, fmt.Sprintf("%s (%d×)", m, len(spellings[m])))
			}
		}
		for _, u := range spellings[n] {
			d := lint.Diagnostic{
				File: u.f.Path, Start: u.org.Span.Start, End: u.org.Span.End,
			}
			if tie {
				d.Message = fmt.Sprintf("organisation %q is also written %s; pick one spelling", n, strings.Join(others, ", "))
			} else {
				d.Message = fmt.Sprintf("organisation %q is written %s elsewhere; use one spelling", n, strings.Join(others, ", "))
				d.Fix = &lint.Fix{Message: "write " + top, Edits: []lint.Edit{{Start: u.org.Span.Start, End: u.org.Span.End, New: top}}}
			}
			first := spellings[top][0]
			if n != top {
				d.SetRelated([]lint.Related{{File: first.f.Path, Start: first.org.Span.Start, End: first.org.Span.End, Message: "written " + top + " here"}})
			}
			p.Report(d)
		}
	}
}
