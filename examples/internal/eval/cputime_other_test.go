//go:build !unix

package eval

// cpuTime is 0 where getrusage is not available: the benchmarks then
// report no CPU time.
func cpuTime() int64 { return 0 }
