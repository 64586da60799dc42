package main

import (
	"fmt"
	"strings"
	"testing"
)

// rounds writes go test -bench output for one case: one round a pair of
// 1× and 16× CPU times, each round with its own pkg line as a loop of
// go test runs prints it.
func rounds(name string, pairs [][2]float64) string {
	var b strings.Builder
	for _, p := range pairs {
		fmt.Fprintf(&b, "goos: linux\npkg: example.com/p\n")
		fmt.Fprintf(&b, "BenchmarkWorstCase/%s/1x \t 100\t %.0f ns/op\t 5.00 MB/s\t %.0f cpu-ns/op\t 100 B/op\t 10 allocs/op\n", name, p[0], p[0])
		fmt.Fprintf(&b, "BenchmarkWorstCase/%s/4x \t 25\t %.0f ns/op\t 5.00 MB/s\t %.0f cpu-ns/op\t 400 B/op\t 40 allocs/op\n", name, 4*p[0], 4*p[0])
		fmt.Fprintf(&b, "BenchmarkWorstCase/%s/16x \t 6\t %.0f ns/op\t 5.00 MB/s\t %.0f cpu-ns/op\t 1600 B/op\t 160 allocs/op\n", name, p[1], p[1])
		fmt.Fprintf(&b, "PASS\nok  \texample.com/p\t1.0s\n")
	}
	return b.String()
}

func TestCheck(t *testing.T) {
	tests := []struct {
		name  string
		pairs [][2]float64 // 1× and 16× CPU ns a round
		ok    bool
		ratio string // the table's time ratio
	}{
		// Each size's median comes from a different second of a machine
		// whose speed changes: 1× from the fast rounds, 16× from the slow
		// ones. The ratio of the medians is 24; the rounds' own ratios
		// are 16 to 24, median 17.1.
		{"noisy-linear", [][2]float64{{1e6, 16e6}, {1e6, 24e6}, {1.4e6, 24e6}, {1.4e6, 22.4e6}, {1e6, 24e6}}, true, "| 17.1 |"},
		{"steady-linear", [][2]float64{{1e6, 16e6}, {2e6, 32e6}, {1e6, 16e6}}, true, "| 16.0 |"},
		{"quadratic", [][2]float64{{1e6, 250e6}, {1.3e6, 330e6}, {1e6, 260e6}}, false, "| 253.8 **superlinear** |"},
		{"just-over", [][2]float64{{1e6, 20.5e6}, {1e6, 21e6}, {1e6, 19e6}}, false, "| 20.5 **superlinear** |"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out strings.Builder
			ok, err := check(strings.NewReader(rounds(tt.name, tt.pairs)), &out)
			if err != nil {
				t.Fatal(err)
			}
			if ok != tt.ok {
				t.Errorf("ok = %v, want %v\n%s", ok, tt.ok, out.String())
			}
			if !strings.Contains(out.String(), tt.ratio) {
				t.Errorf("table lacks %q:\n%s", tt.ratio, out.String())
			}
			if !strings.Contains(out.String(), "| 16.0 |\n") {
				t.Errorf("allocation ratio is not 16.0:\n%s", out.String())
			}
		})
	}
}

// TestCheckWall marks a case without cpu-ns/op as timed in wall time, and
// a case with no 16× run is left out rather than divided by nothing.
func TestCheckWall(t *testing.T) {
	in := "pkg: example.com/p\n" +
		"BenchmarkWorstCase/plain/1x-2 \t 100\t 1000 ns/op\n" +
		"BenchmarkWorstCase/plain/16x-2 \t 10\t 15000 ns/op\n" +
		"BenchmarkWorstCase/short/1x-2 \t 100\t 1000 ns/op\n"
	var out strings.Builder
	ok, err := check(strings.NewReader(in), &out)
	if err != nil || !ok {
		t.Fatalf("check = %v, %v\n%s", ok, err, out.String())
	}
	if !strings.Contains(out.String(), "plain (wall) | 1.0 µs | - | 15.0 µs | 15.0 | - |") {
		t.Errorf("wall case not marked or not timed:\n%s", out.String())
	}
	if strings.Contains(out.String(), "short") {
		t.Errorf("a case with no 16× run is in the table:\n%s", out.String())
	}
}
