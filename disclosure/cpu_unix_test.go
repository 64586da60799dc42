//go:build unix

package disclosure

import (
	"syscall"
	"testing"
	"time"
)

// reportCPU reports the process's user and system CPU time per
// iteration as cpu-ns/op: on a loaded machine wall time says little.
// Run with -cpu 1 so that the time is the benchmark's.
func reportCPU(b *testing.B) func() {
	start := cpuTime()
	return func() {
		if b.N > 0 {
			b.ReportMetric(float64((cpuTime()-start).Nanoseconds())/float64(b.N), "cpu-ns/op")
		}
	}
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
