//go:build unix

package lineartest

import (
	"syscall"
	"time"
)

// CPUTime returns the user and system CPU time the process has used so
// far, or 0 if the system does not tell.
func CPUTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// pageFaults returns the page faults the process has taken so far that
// read nothing from disk (its memory's first touch, most of them), or -1
// if the system does not tell.
func pageFaults() int64 {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return -1
	}
	return int64(ru.Minflt)
}
