//go:build !unix

package lineartest

import "time"

// CPUTime returns 0: the process's CPU time is not read on this system.
func CPUTime() time.Duration { return 0 }

// pageFaults returns -1: page faults are not counted on this system.
func pageFaults() int64 { return -1 }
