// Package lineartest runs a parser's benchmark on a worst-case input at
// 1×, 4× and 16× of a base size, so that a time that grows faster than
// the input shows as a ratio: linear growth keeps the 16× time within 20×
// the 1× time. Every parser and scanner of untrusted text has such a
// benchmark, named BenchmarkWorstCase; run them with
//
//	go test -run '^$' -bench WorstCase ./... | go run ./internal/lineartest/cmd/linearcheck
//
// which prints the ratios and fails on a superlinear one.
package lineartest

import (
	"fmt"
	"os"
	"strings"
	"testing"
	"time"
)

// Scales are the multiples of the base size each case runs at.
var Scales = []int{1, 4, 16}

// Case is one worst-case input: Gen returns it at about size bytes.
type Case struct {
	Name string
	Gen  func(size int) string
}

// Repeat returns a Case whose input is unit repeated to size bytes,
// then suffix.
func Repeat(name, unit, suffix string) Case {
	return Case{Name: name, Gen: func(size int) string {
		return strings.Repeat(unit, max(size/len(unit), 1)) + suffix
	}}
}

// Run benchmarks fn on each case at each of Scales times base bytes, as
// sub-benchmarks named CASE/1x, CASE/4x and CASE/16x. Where the system
// tells a process's CPU time, each also reports cpu-ns/op: the process's
// user and system CPU time per operation (garbage collection included),
// which other processes on a busy machine disturb far less than ns/op.
//
// Each size is timed warm: fn runs untimed until an operation takes
// (almost) no fresh memory from the kernel, at most eight times or for a
// second. An operation on a larger input than the process has seen takes
// its memory fresh from the kernel (a page fault for every 4 KiB page it
// touches, several microseconds each), and the heap can take more than
// one operation to grow to its size: a diff of tiny hunks at 4 MiB
// faulted in 26 MB in each of its first two operations, which then took
// three times as long as the next ones. A 1× case spreads that over a
// hundred or more operations and a 16× case, which runs only three to
// six in the same time, would pay it in full. The ratio is meant to show
// work that grows faster than the input, so every size is timed warm.
// "Almost" is fewer faulted bytes than a 64th of the input; where the
// system does not count page faults, fn runs once.
func Run(b *testing.B, base int, cases []Case, fn func(in string) error) {
	for _, c := range cases {
		for _, k := range Scales {
			in := c.Gen(base * k)
			b.Run(fmt.Sprintf("%s/%dx", c.Name, k), func(b *testing.B) {
				b.SetBytes(int64(len(in)))
				b.ReportAllocs()
				warm(b, in, fn)
				defer ReportCPU(b)()
				for b.Loop() {
					if err := fn(in); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// warm runs fn on in untimed until an operation takes fewer bytes of
// fresh memory from the kernel than a 64th of len(in), at most maxWarm
// times and for about warmFor at most.
func warm(b *testing.B, in string, fn func(in string) error) {
	start := time.Now()
	for i := 1; ; i++ {
		f0 := pageFaults()
		if err := fn(in); err != nil {
			b.Fatal(err)
		}
		fresh := (pageFaults() - f0) * int64(os.Getpagesize())
		if f0 < 0 || fresh < int64(len(in))/64 || i == maxWarm || time.Since(start) > warmFor {
			return
		}
	}
}

// maxWarm and warmFor bound the untimed operations before each size.
const (
	maxWarm = 8
	warmFor = time.Second
)

// ReportCPU starts measuring the process's CPU time; the function it
// returns, called when the benchmark's loop is done, reports it per
// operation as cpu-ns/op (garbage collection and any other goroutine
// included; run with -cpu 1 for the benchmark's own). It reports nothing
// where the system does not tell the CPU time. Use it as
//
//	defer lineartest.ReportCPU(b)()
func ReportCPU(b *testing.B) func() {
	start := CPUTime()
	return func() {
		if cpu := CPUTime() - start; cpu > 0 && b.N > 0 {
			b.ReportMetric(float64(cpu.Nanoseconds())/float64(b.N), "cpu-ns/op")
		}
	}
}
