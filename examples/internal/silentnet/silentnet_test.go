package silentnet_test

import (
	"net"
	"testing"
	"time"

	"github.com/heft-dev/heft/examples/internal/silentnet"
)

// TestListen: a client connects, the channel closes, and a read gets no
// answer before its deadline.
func TestListen(t *testing.T) {
	addr, accepted := silentnet.Listen(t)
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	silentnet.Receive(t, accepted, "accepted connection")
	c.SetReadDeadline(time.Now().Add(50 * time.Millisecond))
	if n, err := c.Read(make([]byte, 1)); err == nil || n != 0 {
		t.Fatalf("read %d bytes, err %v; want a timeout and nothing", n, err)
	}
}
