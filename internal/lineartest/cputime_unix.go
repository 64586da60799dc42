//go:build unix

package lineartest

import "syscall"

// CPUTime returns the process's user and system CPU time so far, in
// nanoseconds, or 0 if the system does not tell.
func CPUTime() int64 {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return ru.Utime.Nano() + ru.Stime.Nano()
}
