//go:build unix

package reputationtest

import (
	"bufio"
	"errors"
	"fmt"
	"os/exec"
	"strings"
	"syscall"
	"testing"
)

// Crash starts a child (see Child) appending events of about pad bytes to
// the store named by spec without end, kills it with SIGKILL once it has
// acknowledged after events or a few more, and repeats for rounds rounds,
// each child a new writer. It returns every acknowledged ID, and the torn
// tails children reported on open (what the kill of the child before
// left). What the store does about torn lines is for the caller to check.
func Crash(t *testing.T, spec string, rounds, after, pad int) (acks, torn []string) {
	t.Helper()
	for r := range rounds {
		cmd := childCmd(t, spec, fmt.Sprintf("crash%d", r), 0, pad)
		stdout, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(stdout)
		n := 0
		for sc.Scan() {
			if id, ok := strings.CutPrefix(sc.Text(), "ack "); ok {
				acks = append(acks, id)
				n++
			}
			if tt, ok := strings.CutPrefix(sc.Text(), "torn "); ok {
				torn = append(torn, tt)
			}
			if n == after+r%5 {
				// Kill while it is in its next append: the write or the
				// fsync after it.
				cmd.Process.Signal(syscall.SIGKILL)
				break
			}
		}
		// Read what it acknowledged before the kill landed.
		for sc.Scan() {
			if id, ok := strings.CutPrefix(sc.Text(), "ack "); ok {
				acks = append(acks, id)
			}
		}
		err = cmd.Wait()
		var ee *exec.ExitError
		if !errors.As(err, &ee) {
			t.Fatalf("round %d: child ended with %v, want killed", r, err)
		}
		if ws, ok := ee.Sys().(syscall.WaitStatus); !ok || !ws.Signaled() {
			t.Fatalf("round %d: child ended with %v before it was killed", r, err)
		}
	}
	return acks, torn
}
