package main

import (
	"context"
	"encoding/json"
	"io"
	"sync"
	"time"
)

// The kinds of LedgerEvent the bot records.
const (
	LedgerOpened = "opened" // a pull request was opened
	LedgerMerged = "merged" // it was merged
	LedgerClosed = "closed" // it was closed without merging
)

// LedgerEvent is one thing that happened to a pull request that a
// reputation ledger keeps: opening one stakes some reputation, a merge
// returns it.
type LedgerEvent struct {
	// ID is stable across redeliveries ("owner/repo#12:merged"): a
	// ledger must treat an ID it has already recorded as done.
	ID     string `json:"id"`
	Kind   string `json:"kind"` // LedgerOpened, LedgerMerged or LedgerClosed
	Repo   string `json:"repo"` // owner/name
	Number int    `json:"number"`
	Author string `json:"author"` // the pull request author's login
	Lines  int    `json:"lines"`  // additions plus deletions, from the pull request
	// Reviewable is the changed lines in reviewable files (generated,
	// vendored and lockfile changes left out), as the size scorer counts
	// them; zero when the pull request was already closed when the bot
	// looked.
	Reviewable int       `json:"reviewable,omitempty"`
	Time       time.Time `json:"time"`
}

// Ledger records pull requests' lifecycle events. The bot calls Record at
// least once per event (again after a redelivery or a restart), so an
// implementation must be idempotent by LedgerEvent.ID.
//
// heft's reputation package provides the real ledger; wire it in with a
// small adapter (see README).
type Ledger interface {
	Record(ctx context.Context, e LedgerEvent) error
}

// NopLedger records nothing: the default when no ledger is configured.
type NopLedger struct{}

// Record does nothing.
func (NopLedger) Record(context.Context, LedgerEvent) error { return nil }

// JSONLedger writes each event once, as a line of JSON, to W: enough to
// feed a ledger later, and what --ledger-log uses.
type JSONLedger struct {
	mu   sync.Mutex
	W    io.Writer
	seen *recent
}

// Record writes e unless an event with its ID was written before.
func (l *JSONLedger) Record(_ context.Context, e LedgerEvent) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.seen == nil {
		l.seen = newRecent(100000)
	}
	if !l.seen.add(e.ID) {
		return nil
	}
	b, err := json.Marshal(e)
	if err != nil {
		return err
	}
	_, err = l.W.Write(append(b, '\n'))
	return err
}
