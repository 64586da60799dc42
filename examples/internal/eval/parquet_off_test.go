//go:build !parquet

package eval

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestNoParquet: without the parquet tag, a Parquet folder is an error
// saying how to read it, not a CSV reader's confusion.
func TestNoParquet(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, pqPRs), []byte("PAR1"), 0o600))
	_, err := OpenAIDevDir(dir, nil)
	require.ErrorIs(t, err, ErrNoParquet)
}
