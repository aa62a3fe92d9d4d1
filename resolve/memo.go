package resolve

import (
	"context"
	"sync"
)

// Memoized returns a source that asks s each distinct question once (a DOI,
// an arXiv identifier, a query, a record to detail) and gives every later
// asker the first answer, a failure included. papers lint --fix runs its
// rules again after each round of fixes, and an editor after each change:
// through a memoized source each paper is looked up once for the life of
// the source (one command, one workspace), and a failed lookup is one
// failure, not one per round. An answer cut short because the asker's
// context ended is not kept, so that a later asker tries again.
//
// The memory is not bounded by time: a long-lived holder that must see a
// service's new answers makes a new source.
func Memoized(s Source) Source {
	if m, ok := s.(*memoSource); ok {
		return m
	}
	return &memoSource{Source: s, answers: map[memoKey]*memoAnswer{}}
}

// memoSource is Memoized's source. It is a Detailer and a PreprintServer
// whatever s is, forwarding to s: Detail of a source that is no Detailer
// returns no record, which the resolver takes as "keep the summary".
type memoSource struct {
	Source
	mu      sync.Mutex
	answers map[memoKey]*memoAnswer
}

// memoKey is one question: which method, with which argument.
type memoKey struct {
	op  byte // 'd' ByDOI, 'a' ByArXiv, 's' Search, 'D' Detail
	id  string
	q   Query
	rec *Record
}

// memoAnswer is the answer to one question, ready when done is closed.
type memoAnswer struct {
	done    chan struct{}
	recs    []*Record
	err     error
	dropped bool // cut short by its asker's context: not kept
}

// ask returns the answer to k, asking fn when no one has yet; askers of
// the same question at once wait for the first.
func (m *memoSource) ask(ctx context.Context, k memoKey, fn func() ([]*Record, error)) ([]*Record, error) {
	for {
		m.mu.Lock()
		a, ok := m.answers[k]
		if !ok {
			a = &memoAnswer{done: make(chan struct{})}
			m.answers[k] = a
		}
		m.mu.Unlock()
		if ok {
			select {
			case <-a.done:
			case <-ctx.Done():
				return nil, ctx.Err()
			}
			if a.dropped && ctx.Err() == nil {
				continue // its asker gave up; this one has not
			}
			return a.recs, a.err
		}
		m.answer(ctx, k, a, fn)
		return a.recs, a.err
	}
}

// answer fills a by fn and publishes it; done is closed even when fn
// panics, so that no asker waits forever.
func (m *memoSource) answer(ctx context.Context, k memoKey, a *memoAnswer, fn func() ([]*Record, error)) {
	defer close(a.done)
	completed := false
	defer func() {
		if !completed || a.err != nil && ctx.Err() != nil {
			a.dropped = true
			m.mu.Lock()
			delete(m.answers, k)
			m.mu.Unlock()
		}
	}()
	a.recs, a.err = fn()
	completed = true
}

// ByDOI implements Source.
func (m *memoSource) ByDOI(ctx context.Context, doi string) ([]*Record, error) {
	return m.ask(ctx, memoKey{op: 'd', id: doi}, func() ([]*Record, error) { return m.Source.ByDOI(ctx, doi) })
}

// ByArXiv implements Source.
func (m *memoSource) ByArXiv(ctx context.Context, id string) ([]*Record, error) {
	return m.ask(ctx, memoKey{op: 'a', id: id}, func() ([]*Record, error) { return m.Source.ByArXiv(ctx, id) })
}

// Search implements Source.
func (m *memoSource) Search(ctx context.Context, q Query) ([]*Record, error) {
	return m.ask(ctx, memoKey{op: 's', q: q}, func() ([]*Record, error) { return m.Source.Search(ctx, q) })
}

// Detail implements Detailer. The records it is given are those its
// Search returned, the same pointers on every answer, so a record is its
// own key.
func (m *memoSource) Detail(ctx context.Context, r *Record) (*Record, error) {
	d, ok := m.Source.(Detailer)
	if !ok {
		return nil, nil
	}
	recs, err := m.ask(ctx, memoKey{op: 'D', rec: r}, func() ([]*Record, error) {
		full, err := d.Detail(ctx, r)
		if full == nil {
			return nil, err
		}
		return []*Record{full}, err
	})
	if len(recs) == 0 {
		return nil, err
	}
	return recs[0], err
}

// PreprintsOnly forwards PreprintServer, which the wrapper would otherwise
// hide.
func (m *memoSource) PreprintsOnly() bool {
	ps, ok := m.Source.(PreprintServer)
	return ok && ps.PreprintsOnly()
}
