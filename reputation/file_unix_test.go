//go:build unix

package reputation_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/heft-dev/heft/reputation"
)

// TestFileStoreNotRegular is the fault test for ledgers that are not
// files: a FIFO or /dev/null would take events and keep none, and a
// fresh balance would be shown from them.
func TestFileStoreNotRegular(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip(err)
	}
	for _, path := range []string{fifo, os.DevNull, t.TempDir()} {
		s, err := reputation.OpenFile(path, nil)
		if err == nil {
			s.Close()
			t.Fatalf("%s opened as a ledger", path)
		}
		if !errors.Is(err, reputation.ErrNotRegular) {
			t.Errorf("%s: %v, want ErrNotRegular", path, err)
		}
		if n := strings.Count(err.Error(), path); n != 1 {
			t.Errorf("%q names the path %d times", err, n)
		}
	}
}
