//go:build unix

package reputation_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/heft-dev/heft/reputation/reputationtest"
)

// TestFileStoreCrash kills a writer with SIGKILL in the middle of its
// appends, many times; every acknowledged event survives, and whatever
// torn line a kill leaves is set aside and reported, never read as an
// event and never the reason the ledger fails to open.
func TestFileStoreCrash(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns 60 processes")
	}
	path := filepath.Join(t.TempDir(), "ledger.jsonl")
	// Long lines make it likelier that a kill lands inside a write.
	acks, torn := reputationtest.Crash(t, path, 60, 3, 4000)
	s := openFile(t, path)
	defer s.Close()
	reputationtest.CheckAcked(t, s, acks)
	reputationtest.CheckReplay(t, s)
	for _, tt := range s.Torn() {
		torn = append(torn, tt.String())
	}
	// Every torn tail reported was saved; none was dropped silently.
	saved, err := os.ReadFile(path + ".torn")
	if len(torn) == 0 && err == nil || len(torn) > 0 && (err != nil || len(saved) == 0) {
		t.Errorf("%d torn tails reported, saved file: %d bytes, %v", len(torn), len(saved), err)
	}
	t.Logf("%d kills, %d acknowledged events kept, %d torn tails reported", 60, len(acks), len(torn))
}
