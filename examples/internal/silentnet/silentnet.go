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
