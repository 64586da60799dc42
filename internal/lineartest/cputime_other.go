//go:build !unix

package lineartest

// CPUTime returns 0: the process's CPU time is not read on this system.
func CPUTime() int64 { return 0 }
