package reputation

import (
	"context"
	"slices"
	"sync"
)

// Store keeps a ledger's events. Stores only append: nothing is ever
// changed or deleted, so any balance can be recomputed from them.
//
// A Store is safe for concurrent use. Three come with this package:
// MemoryStore, FileStore (the default: one JSON line per event, safe
// across processes) and SQLStore (database/sql, for bots that run as
// several replicas). Package reputationtest checks any Store.
type Store interface {
	// Append validates e, stores it durably and returns it with its Seq
	// set. When Append returns nil the event is acknowledged: it survives
	// a crash of this process and is seen by every later Events call, in
	// this process or another.
	Append(ctx context.Context, e Event) (Event, error)

	// Events returns the subject's events in Seq order.
	Events(ctx context.Context, s Subject) ([]Event, error)

	// Close releases the store's resources. Calls after Close fail with
	// ErrClosed.
	Close() error
}

// MemoryStore is a Store in memory, for tests and short-lived programs.
// Its zero value is empty and ready to use.
type MemoryStore struct {
	mu     sync.RWMutex
	seq    int64
	events map[Subject][]Event
	closed bool
}

// checkAppend is what every Store's Append checks before it takes its
// lock: the context is still live and the event valid.
func checkAppend(ctx context.Context, e Event) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	return e.Validate()
}

// NewMemoryStore returns an empty MemoryStore.
func NewMemoryStore() *MemoryStore { return &MemoryStore{} }

// Append implements Store.
func (m *MemoryStore) Append(ctx context.Context, e Event) (Event, error) {
	if err := checkAppend(ctx, e); err != nil {
		return Event{}, err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.closed {
		return Event{}, ErrClosed
	}
	if m.events == nil {
		m.events = map[Subject][]Event{}
	}
	m.seq++
	e.Seq = m.seq
	e.Attestation = slices.Clone(e.Attestation)
	m.events[e.Subject] = append(m.events[e.Subject], e)
	return e, nil
}

// Events implements Store.
func (m *MemoryStore) Events(ctx context.Context, s Subject) ([]Event, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	m.mu.RLock()
	defer m.mu.RUnlock()
	if m.closed {
		return nil, ErrClosed
	}
	return slices.Clone(m.events[s.Normalize()]), nil
}

// Close implements Store.
func (m *MemoryStore) Close() error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.closed = true
	return nil
}
