// Command linearcheck reads go test -bench output of lineartest
// benchmarks on standard input and prints, per case, the time at 1×, 4×
// and 16×, the ratio of 16× to 1×, and the same ratio for allocations
// (with -benchmem), which no other process on the machine disturbs. It
// exits 1 if a time ratio is over 20 (the input grows 16×: linear is 16;
// on a busy machine, a larger heap's garbage collection adds a little).
//
// The time is the process's CPU time per operation (cpu-ns/op) when the
// benchmarks report it, as lineartest.Run does where the system tells
// it, else ns/op. Given several runs, each time is the median of the
// runs, and each ratio the median of the runs' own ratios: the nth 16×
// figure of a case over its nth 1× figure. Run the benchmarks in rounds,
// each round one run of every case, so that a run's sizes are timed
// within about a second of each other:
//
//	for i in 1 2 3 4 5; do
//	  go test -run '^$' -bench WorstCase -benchtime 200ms -cpu 1 ./pkg
//	done | go run ./internal/lineartest/cmd/linearcheck
//
// A machine whose speed changes by a quarter from one second to the
// next then slows or speeds up both figures of a ratio alike, where a
// ratio of the medians could take its 1× figure from a fast second and
// its 16× figure from a slow one.
package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"regexp"
	"slices"
	"strconv"
)

// limit is the largest 16×/1× time ratio that passes.
const limit = 20

var (
	line   = regexp.MustCompile(`^(Benchmark\S+?)/(\d+)x(?:-\d+)?\s+\d+\s+([\d.]+) ns/op`)
	cpu    = regexp.MustCompile(`\s([\d.]+) cpu-ns/op`)
	allocs = regexp.MustCompile(`(\d+) allocs/op`)
)

// runs holds one case's measurements at each scale, one value a run, in
// the order of the runs.
type runs map[int][]float64

func (r runs) add(k int, v float64) { r[k] = append(r[k], v) }

// median returns the median of the values at scale k, or 0.
func (r runs) median(k int) float64 { return median(r[k]) }

// ratio returns the median, over the runs, of each run's value at scale
// hi over its value at scale lo, or 0 when no run has both.
func (r runs) ratio(hi, lo int) float64 {
	var q []float64
	for i, v := range r[hi] {
		if i < len(r[lo]) && r[lo][i] > 0 {
			q = append(q, v/r[lo][i])
		}
	}
	return median(q)
}

// median returns the median of v, or 0 when v is empty.
func median(v []float64) float64 {
	v = slices.Clone(v)
	if len(v) == 0 {
		return 0
	}
	slices.Sort(v)
	if len(v)%2 == 1 {
		return v[len(v)/2]
	}
	return (v[len(v)/2-1] + v[len(v)/2]) / 2
}

func main() {
	ok, err := check(os.Stdin, os.Stdout)
	if err != nil {
		fmt.Fprintln(os.Stderr, "linearcheck:", err)
		os.Exit(2)
	}
	if !ok {
		os.Exit(1)
	}
}

// check reads benchmark output from r and writes the table to w. It
// reports whether every case's time ratio is within limit.
func check(r io.Reader, w io.Writer) (ok bool, err error) {
	times := map[string]runs{}
	nallocs := map[string]runs{}
	wall := map[string]bool{} // cases measured in wall time: no cpu-ns/op
	var order []string
	pkg := ""
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		t := sc.Text()
		if len(t) > 5 && t[:5] == "pkg: " {
			pkg = t[5:]
			continue
		}
		m := line.FindStringSubmatch(t)
		if m == nil {
			continue
		}
		k, _ := strconv.Atoi(m[2])
		ns, _ := strconv.ParseFloat(m[3], 64)
		c := cpu.FindStringSubmatch(t)
		if c != nil {
			ns, _ = strconv.ParseFloat(c[1], 64)
		}
		name := pkg + " " + m[1]
		if c == nil {
			wall[name] = true
		}
		if times[name] == nil {
			times[name], nallocs[name] = runs{}, runs{}
			order = append(order, name)
		}
		times[name].add(k, ns)
		if a := allocs.FindStringSubmatch(t); a != nil {
			v, _ := strconv.ParseFloat(a[1], 64)
			nallocs[name].add(k, v)
		}
	}
	if err := sc.Err(); err != nil {
		return false, err
	}
	slices.Sort(order)
	ok = true
	fmt.Fprintf(w, "CPU time per operation (wall time where marked), median of the runs;\n")
	fmt.Fprintf(w, "ratios: the median of the runs' own 16x/1x ratios\n\n")
	fmt.Fprintf(w, "| case | 1x | 4x | 16x | 16x/1x time | 16x/1x allocs |\n|---|---:|---:|---:|---:|---:|\n")
	for _, n := range order {
		t := times[n]
		q := t.ratio(16, 1)
		if q == 0 {
			continue
		}
		flag := ""
		if q > limit {
			flag, ok = " **superlinear**", false
		}
		ar := "-"
		if a := nallocs[n].ratio(16, 1); a > 0 {
			ar = fmt.Sprintf("%.1f", a)
		}
		label := n
		if wall[n] {
			label += " (wall)"
		}
		fmt.Fprintf(w, "| %s | %s | %s | %s | %.1f%s | %s |\n", label, dur(t.median(1)), dur(t.median(4)), dur(t.median(16)), q, flag, ar)
	}
	return ok, nil
}

// dur formats ns, or "-" for a scale with no run.
func dur(ns float64) string {
	switch {
	case ns == 0:
		return "-"
	case ns >= 1e9:
		return fmt.Sprintf("%.2f s", ns/1e9)
	case ns >= 1e6:
		return fmt.Sprintf("%.2f ms", ns/1e6)
	case ns >= 1e3:
		return fmt.Sprintf("%.1f µs", ns/1e3)
	}
	return fmt.Sprintf("%.0f ns", ns)
}
