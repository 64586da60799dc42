package reputation_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/heft-dev/heft/reputation"
	"github.com/heft-dev/heft/reputation/reputationtest"
)

// TestMain lets Spawn and Crash re-execute this test binary as a child
// process that appends to a ledger file.
func TestMain(m *testing.M) {
	if code, ok := reputationtest.Child(func(path string) (reputation.Store, error) {
		return reputation.OpenFile(path, nil)
	}); ok {
		os.Exit(code)
	}
	os.Exit(m.Run())
}

func TestMemoryStore(t *testing.T) {
	reputationtest.Run(t, func(t *testing.T) (reputation.Store, reputationtest.Reopen) {
		return reputation.NewMemoryStore(), nil
	})
}

func openFile(t *testing.T, path string) *reputation.FileStore {
	t.Helper()
	s, err := reputation.OpenFile(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestFileStore(t *testing.T) {
	reputationtest.Run(t, func(t *testing.T) (reputation.Store, reputationtest.Reopen) {
		path := filepath.Join(t.TempDir(), "ledger.jsonl")
		return openFile(t, path), func(t *testing.T) reputation.Store { return openFile(t, path) }
	})
}

// TestFileStoreProcesses has several processes and, in this one, several
// goroutines on two handles append to one ledger file at once.
func TestFileStoreProcesses(t *testing.T) {
	path := filepath.Join(t.TempDir(), "ledger.jsonl")
	s := openFile(t, path)
	defer s.Close()
	done := make(chan []string)
	go func() {
		s2 := openFile(t, path)
		defer s2.Close()
		var acks []string
		for i := range 60 {
			e := reputationtest.Event("local", i, 0)
			if _, err := s2.Append(context.Background(), e); err != nil {
				t.Error(err)
				break
			}
			acks = append(acks, e.Note)
		}
		done <- acks
	}()
	acks := reputationtest.Spawn(t, path, 4, 60)
	acks = append(acks, <-done...)
	reputationtest.CheckAcked(t, s, acks)
	reputationtest.CheckReplay(t, s)
	// A fresh open reads the same file from the start.
	s3 := openFile(t, path)
	defer s3.Close()
	reputationtest.CheckAcked(t, s3, acks)
	if torn := s3.Torn(); len(torn) != 0 {
		t.Errorf("clean appends left torn tails: %v", torn)
	}
}
