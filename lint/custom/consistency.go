package custom

// use is one match of a spelling of a consistency rule.
type use struct {
	doc, unit  int
	start, end int
	spelling   int
}

// checkConsistency counts the spellings of each group in docs (one file,
// or the run) and reports the uses of the spellings other than the most
// used one, with a fix when that spelling is plain text (a pattern such as
// labell(ed|ing) may stand for several words, and no fix can know which).
// On a tie, the spelling listed first wins, so that the outcome does not
// depend on the order of the files.
func (r *Rule) checkConsistency(docs []*Items, report func(doc int, f Finding)) {
	if !r.PerRun {
		for i, it := range docs {
			r.checkGroups([]*Items{it}, func(_ int, f Finding) { report(i, f) })
		}
		return
	}
	r.checkGroups(docs, report)
}

func (r *Rule) checkGroups(docs []*Items, report func(doc int, f Finding)) {
	for _, g := range r.groups {
		var uses []use
		counts := make([]int, len(g.anchored))
		// texts counts, per spelling, each text written for it (a pattern
		// spelling may be written several ways).
		texts := make([]map[string]int, len(g.anchored))
		for d, it := range docs {
			r.eachMatch(it, g.m, func(ui, sp, s, e int) {
				uses = append(uses, use{d, ui, s, e, sp})
				counts[sp]++
				if texts[sp] == nil {
					texts[sp] = map[string]int{}
				}
				texts[sp][it.text[s:e]]++
			})
		}
		best := 0
		for i, n := range counts {
			if n > counts[best] {
				best = i
			}
		}
		if counts[best] == len(uses) {
			continue // one spelling only
		}
		repl := mostWritten(texts[best], uses, docs, best)
		for _, u := range uses {
			if u.spelling == best {
				continue
			}
			it := docs[u.doc]
			f := it.finding(r, &it.units[u.unit], u.start, u.end, it.text[u.start:u.end], repl)
			if !g.literal[best] {
				f.Edits = nil
			}
			report(u.doc, f)
		}
	}
}

// mostWritten is the text written most often for spelling sp; on a tie,
// the one written first.
func mostWritten(texts map[string]int, uses []use, docs []*Items, sp int) string {
	best, n := "", 0
	for _, u := range uses {
		if u.spelling != sp {
			continue
		}
		t := docs[u.doc].text[u.start:u.end]
		if c := texts[t]; c > n {
			best, n = t, c
		}
	}
	return best
}
