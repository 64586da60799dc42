//go:build postgres

package ledgersql_test

import (
	"context"
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/heft-dev/heft/examples/internal/ledgersql"
)

// silentServer listens on loopback, accepts every connection and never
// answers: a database whose connect hangs (a firewall that drops the
// replies, a server stuck before its greeting). Accepted is signalled at
// the first connection; every connection is closed with the listener at
// the test's end.
func silentServer(t testing.TB) (addr string, accepted <-chan struct{}) {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	acc := make(chan struct{})
	var (
		mu    sync.Mutex
		conns []net.Conn
		once  sync.Once
	)
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			mu.Lock()
			conns = append(conns, c)
			mu.Unlock()
			once.Do(func() { close(acc) })
		}
	}()
	t.Cleanup(func() {
		l.Close()
		mu.Lock()
		defer mu.Unlock()
		for _, c := range conns {
			c.Close()
		}
	})
	return l.Addr().String(), acc
}

// TestOpenHungConnect: a PostgreSQL server that takes the connection and
// never answers does not hold Open: cancelling its context ends it with
// a one-line error that wraps the cancellation and shows no password.
// The bot's start-up gives up on a signal through this context.
func TestOpenHungConnect(t *testing.T) {
	addr, accepted := silentServer(t)
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
	case <-time.After(20 * time.Second): // a bound for a hung test, not a measurement
		t.Fatal("Open never connected")
	}
	cancel()
	var err error
	select {
	case err = <-done:
	case <-time.After(20 * time.Second): // a bound for a hung test, not a measurement
		t.Fatal("Open ignored its context's cancellation while connecting")
	}
	require.ErrorIs(t, err, context.Canceled)
	assert.NotContains(t, err.Error(), "s3cret")
	assert.False(t, strings.ContainsAny(err.Error(), "\n\r\t"), "one line: %q", err)
	t.Log(err)
}
