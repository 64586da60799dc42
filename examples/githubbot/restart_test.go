package main

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/heft-dev/heft/examples/internal/ledgersql"
	"github.com/heft-dev/heft/reputation"
)

// botLedger is one of the ledgers the bot writes, opened as its flag
// opens it.
type botLedger struct {
	name string
	// open opens the ledger at path, as a start of the bot does.
	open func(t *testing.T, path string) (Ledger, func())
	// count returns how many events the ledger at path holds.
	count func(t *testing.T, path string) int
}

func botLedgers() []botLedger {
	openStore := func(t *testing.T, spec string) (Ledger, func()) {
		s, err := ledgersql.Open(context.Background(), spec)
		if errors.Is(err, ledgersql.ErrNoDriver) {
			// The SQLite driver is behind the sqlite build tag; .ci/run
			// runs this test again with it.
			t.Skipf("%v", err)
		}
		require.NoError(t, err)
		l, err := reputation.New(s, nil)
		require.NoError(t, err)
		return &ReputationLedger{Ledger: l}, func() { require.NoError(t, s.Close()) }
	}
	countStore := func(t *testing.T, spec string) int {
		s, err := ledgersql.Open(context.Background(), spec)
		require.NoError(t, err)
		defer s.Close()
		evs, err := s.Events(context.Background(), reputation.Subject{Forge: "github", Login: "Codertocat"})
		require.NoError(t, err)
		return len(evs)
	}
	return []botLedger{
		{name: "ledger-log",
			open: func(t *testing.T, path string) (Ledger, func()) {
				l, err := OpenJSONLedger(path)
				require.NoError(t, err)
				return l, func() { require.NoError(t, l.Close()) }
			},
			count: func(t *testing.T, path string) int {
				b, err := os.ReadFile(path)
				require.NoError(t, err)
				return bytes.Count(b, []byte("\n"))
			}},
		{name: "ledger-file", open: openStore, count: countStore},
		{name: "ledger-sqlite",
			open:  func(t *testing.T, path string) (Ledger, func()) { return openStore(t, "sqlite:"+path) },
			count: func(t *testing.T, path string) int { return countStore(t, "sqlite:"+path) }},
	}
}

// TestRestartAndRedeliver is the fault test for redeliveries after a
// restart, for every ledger the bot writes (--ledger-log FILE, --ledger
// FILE, --ledger sqlite:PATH; PostgreSQL shares the SQL store's code):
// a bot records an opening and a merge, stops, and a new bot process gets
// both deliveries again from GitHub's Redeliver button. Nothing is
// recorded twice.
func TestRestartAndRedeliver(t *testing.T) {
	opened := payload(t, "pull_request.opened", nil)
	merged := payload(t, "pull_request.closed", map[string]any{"pull_request.merged": true})
	for _, bl := range botLedgers() {
		t.Run(bl.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "ledger")
			for run := range 2 {
				l, closeLedger := bl.open(t, path)
				h := newHarness(t, func(h *harness) { h.bot.Ledger = l })
				require.Equal(t, http.StatusAccepted, h.deliver("pull_request", "d-open", opened).Code)
				require.Equal(t, http.StatusAccepted, h.deliver("pull_request", "d-merge", merged).Code)
				h.finish()
				closeLedger()
				assert.Equal(t, 2, bl.count(t, path), "run %d: the opening and the merge, once each", run+1)
			}
		})
	}
}

func TestJSONLedgerFile(t *testing.T) {
	ev := func(id string) LedgerEvent { return LedgerEvent{ID: id, Kind: LedgerOpened, Repo: "o/r", Number: 1} }
	t.Run("torn-write", func(t *testing.T) {
		// A crash mid-write leaves a line without its newline: it is cut
		// off, and the event is written whole when it comes again.
		path := filepath.Join(t.TempDir(), "log.jsonl")
		require.NoError(t, os.WriteFile(path, []byte(`{"id":"a","kind":"opened"}`+"\n"+`{"id":"b","ki`), 0o600))
		l, err := OpenJSONLedger(path)
		require.NoError(t, err)
		require.NoError(t, l.Record(context.Background(), ev("a")), "a is on file: nothing written")
		require.NoError(t, l.Record(context.Background(), ev("b")))
		require.NoError(t, l.Close())
		b, err := os.ReadFile(path)
		require.NoError(t, err)
		lines := strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
		require.Len(t, lines, 2)
		assert.Contains(t, lines[1], `"id":"b"`)
	})
	t.Run("foreign-line", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "log.jsonl")
		require.NoError(t, os.WriteFile(path, []byte(`{"id":"a"}`+"\nhello\n"), 0o600))
		_, err := OpenJSONLedger(path)
		require.Error(t, err)
		assert.Contains(t, err.Error(), "line 2 is not a ledger event")
	})
	t.Run("fifo", func(t *testing.T) {
		// Opening a FIFO for reading and writing does not block; the
		// ledger log refuses it rather than writing events into a pipe.
		path := filepath.Join(t.TempDir(), "fifo")
		require.NoError(t, syscall.Mkfifo(path, 0o600))
		_, err := OpenJSONLedger(path)
		require.Error(t, err)
		assert.Contains(t, err.Error(), "is not a regular file")
	})
}
