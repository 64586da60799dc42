//go:build unix

package eval

import "syscall"

// cpuTime returns the CPU time the process has used so far (user and
// system), in nanoseconds, for benchmarks on a shared machine where wall
// time swings with the load.
func cpuTime() int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return ru.Utime.Nano() + ru.Stime.Nano()
}
