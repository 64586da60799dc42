// Package silentnet gives tests a TCP server that accepts every
// connection and never answers: a database or an API whose connect or
// first call hangs (a firewall that drops the answers, a server stuck in
// start-up), so that a test can check that a caller gives up on a
// signal, a cancelled context or its own time limit.
package silentnet

import (
	"net"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// Listen starts a silent server on loopback and returns its address and
// a channel closed once the first connection is accepted. The server and
// every connection it accepted are closed when the test ends.
func Listen(t testing.TB) (addr string, accepted <-chan struct{}) {
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

// Hung is how long Receive waits: a bound that ends a hung test, not a
// measurement.
const Hung = 20 * time.Second

// Receive returns the next value from ch, or fails the test, saying
// what it waited for, if none comes within Hung.
func Receive[T any](t testing.TB, ch <-chan T, what string) T {
	t.Helper()
	select {
	case v := <-ch:
		return v
	case <-time.After(Hung):
		t.Fatalf("no %s in %v", what, Hung)
		panic("unreachable")
	}
}
