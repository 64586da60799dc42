//go:build postgres

package ledgersql_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/heft-dev/heft/examples/internal/ledgersql"
	"github.com/heft-dev/heft/examples/internal/silentnet"
)

// TestOpenHungConnect: a PostgreSQL server that takes the connection and
// never answers does not hold Open: cancelling its context ends it with
// a one-line error that wraps the cancellation and shows no password.
// The bot's start-up gives up on a signal through this context.
func TestOpenHungConnect(t *testing.T) {
	addr, accepted := silentnet.Listen(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan error, 1)
	go func() {
		s, err := ledgersql.Open(ctx, "postgres://heft:s3cret@"+addr+"/heft")
		if s != nil {
			s.Close()
		}
		done <- err
	}()
	select {
	case <-accepted:
	case err := <-done:
		t.Fatalf("Open returned before connecting: %v", err)
	case <-time.After(silentnet.Hung):
		t.Fatal("Open never connected")
	}
	cancel()
	err := silentnet.Receive(t, done, "return from Open after its context's cancellation while connecting")
	require.ErrorIs(t, err, context.Canceled)
	assert.NotContains(t, err.Error(), "s3cret")
	assert.False(t, strings.ContainsAny(err.Error(), "\n\r\t"), "one line: %q", err)
	t.Log(err)
}
