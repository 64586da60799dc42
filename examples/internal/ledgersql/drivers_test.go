package ledgersql_test

import (
	"context"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/heft-dev/heft/examples/internal/ledgersql"
)

// TestMissingDriver: a database spec whose driver the build left out is
// an error saying which tag to build with, and never shows a password.
func TestMissingDriver(t *testing.T) {
	for spec, driver := range map[string]string{
		"sqlite:" + t.TempDir() + "/l.db":           "sqlite",
		"postgres://heft:s3cret@127.0.0.1:1/heft_x": "pgx",
	} {
		if slices.Contains(ledgersql.Drivers(), driver) {
			continue // built with it: sql_test.go covers it
		}
		_, err := ledgersql.Open(context.Background(), spec)
		require.ErrorIs(t, err, ledgersql.ErrNoDriver, spec)
		assert.Contains(t, err.Error(), "-tags")
		assert.NotContains(t, err.Error(), "s3cret")
	}
}
