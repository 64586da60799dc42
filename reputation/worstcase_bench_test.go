package reputation_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/heft-dev/heft/internal/lineartest"
	"github.com/heft-dev/heft/reputation"
	"github.com/heft-dev/heft/reputation/reputationtest"
)

// ledgerCase writes a ledger file of about size bytes with a FileStore,
// appending event(i) until it is that large, and returns its contents.
func ledgerCase(name string, event func(i int) reputation.Event) lineartest.Case {
	return lineartest.Case{Name: name, Gen: func(size int) string {
		dir, err := os.MkdirTemp("", "ledger")
		if err != nil {
			panic(err)
		}
		defer os.RemoveAll(dir)
		path := filepath.Join(dir, "ledger.jsonl")
		s, err := reputation.OpenFile(path, nil)
		if err != nil {
			panic(err)
		}
		for i := 0; ; i++ {
			if _, err := s.Append(context.Background(), event(i)); err != nil {
				panic(err)
			}
			if fi, _ := os.Stat(path); fi.Size() >= int64(size) {
				break
			}
		}
		s.Close()
		b, _ := os.ReadFile(path)
		return string(b)
	}}
}

// BenchmarkWorstCase reads ledger files of 64 KiB, 256 KiB and 1 MiB from
// the start, as a new process does: every event of one contributor, and
// events with the longest notes allowed. See lineartest.
func BenchmarkWorstCase(b *testing.B) {
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	note := strings.Repeat(`"\u00e9\\`, reputation.MaxNoteBytes/12)
	cases := []lineartest.Case{
		ledgerCase("one-contributor", func(i int) reputation.Event {
			e := reputationtest.Event("w", i, 0)
			e.Subject = reputation.Subject{Forge: "github", Login: "ada"}
			return e
		}),
		ledgerCase("long-notes", func(i int) reputation.Event {
			return reputation.Event{Time: t0.Add(time.Duration(i) * time.Minute), Subject: reputation.Subject{Forge: "github", Login: "ada"},
				Kind: reputation.KindAdjust, Points: 1, Actor: "maint", Note: note}
		}),
	}
	dir := b.TempDir()
	files := map[int]string{}
	lineartest.Run(b, 64<<10, cases, func(in string) error {
		path, ok := files[len(in)]
		if !ok {
			path = filepath.Join(dir, "l"+itoa(len(files)))
			if err := os.WriteFile(path, []byte(in), 0o644); err != nil {
				return err
			}
			files[len(in)] = path
		}
		s, err := reputation.OpenFile(path, nil)
		if err != nil {
			return err
		}
		return s.Close()
	})
}
