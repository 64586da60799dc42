package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
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
	// them. For an opening the bot sees only after the pull request was
	// closed, no diff was scored: it is Lines, an upper bound, so that a
	// pull request opened and closed at once still stakes its size.
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
// feed a ledger later, and what --ledger-log uses. Opened with
// OpenJSONLedger, it remembers the IDs already in its file, so a restart
// followed by GitHub's redelivery of an event appends nothing.
type JSONLedger struct {
	mu   sync.Mutex
	W    io.Writer
	seen *recent
	file *os.File
}

// maxRemembered is how many event IDs a JSONLedger remembers (about 60
// bytes each): a redelivery older than that many events is written again.
const maxRemembered = 1 << 20

// OpenJSONLedger opens (or creates) the JSON Lines file at path for
// appending, and reads the IDs of the events already in it. The file must
// be a regular file. A last line cut short by a crash (a torn write: it
// has no newline, as every line this writer completes ends in one) is cut
// off; any other line that is not an event is an error naming it.
func OpenJSONLedger(path string) (*JSONLedger, error) {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o600)
	if err != nil {
		return nil, err
	}
	l, err := readJSONLedger(f, path)
	if err != nil {
		f.Close()
		return nil, err
	}
	return l, nil
}

func readJSONLedger(f *os.File, path string) (*JSONLedger, error) {
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, fmt.Errorf("%s is not a regular file (%s): a ledger log must be", path, st.Mode().Type())
	}
	l := &JSONLedger{W: f, file: f, seen: newRecent(maxRemembered)}
	r := bufio.NewReader(f)
	var off int64
	for n := 1; ; n++ {
		line, err := r.ReadBytes('\n')
		if err == io.EOF {
			if len(line) > 0 { // a torn write: cut it off
				if err := f.Truncate(off); err != nil {
					return nil, fmt.Errorf("%s: line %d: cutting off a torn write: %w", path, n, err)
				}
			}
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		off += int64(len(line))
		var e LedgerEvent
		if err := json.Unmarshal(line, &e); err != nil || e.ID == "" {
			return nil, fmt.Errorf("%s: line %d is not a ledger event (no JSON object with an id): the file was changed by something else", path, n)
		}
		l.seen.add(e.ID)
	}
	if _, err := f.Seek(0, io.SeekEnd); err != nil {
		return nil, err
	}
	return l, nil
}

// Record writes e unless an event with its ID was written before; with a
// file from OpenJSONLedger, the line is on disk (fsynced) when it returns.
func (l *JSONLedger) Record(_ context.Context, e LedgerEvent) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.seen == nil {
		l.seen = newRecent(maxRemembered)
	}
	if l.seen.has(e.ID) {
		return nil
	}
	b, err := json.Marshal(e)
	if err != nil {
		return err
	}
	if _, err := l.W.Write(append(b, '\n')); err != nil {
		return err
	}
	if l.file != nil {
		if err := l.file.Sync(); err != nil {
			return err
		}
	}
	l.seen.add(e.ID)
	return nil
}

// Close closes the file OpenJSONLedger opened; it does nothing for a
// JSONLedger over another writer.
func (l *JSONLedger) Close() error {
	if l.file == nil {
		return nil
	}
	return l.file.Close()
}
