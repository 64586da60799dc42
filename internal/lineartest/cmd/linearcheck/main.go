// Command linearcheck reads go test -bench output of lineartest
// benchmarks on standard input and prints, per case, the time at 1×, 4×
// and 16×, the ratio of 16× to 1×, and the same ratio for allocations
// (with -benchmem), which no other process on the machine disturbs. It
// exits 1 if a time ratio is over 20 (the input grows 16×: linear is 16;
// on a busy machine, a larger heap's garbage collection adds a little).
//
// The time is the process's CPU time per operation (cpu-ns/op) when the
// benchmarks report it, as lineartest.Run does where the system tells
// it, else ns/op. With -count N, each figure is the median of the N
// runs:
//
//	go test -run '^$' -bench WorstCase -count 5 ./pkg | go run ./internal/lineartest/cmd/linearcheck
package main

import (
	"bufio"
	"fmt"
	"os"
	"regexp"
	"slices"
	"sort"
	"strconv"
)

var (
	line   = regexp.MustCompile(`^(Benchmark\S+?)/(\d+)x(?:-\d+)?\s+\d+\s+([\d.]+) ns/op`)
	cpu    = regexp.MustCompile(`\s([\d.]+) cpu-ns/op`)
	allocs = regexp.MustCompile(`(\d+) allocs/op`)
)

// runs holds one case's measurements at each scale, one value a run.
type runs map[int][]float64

func (r runs) add(k int, v float64) { r[k] = append(r[k], v) }

// median returns the median of the values at scale k, or 0.
func (r runs) median(k int) float64 {
	v := slices.Clone(r[k])
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
	times := map[string]runs{}
	nallocs := map[string]runs{}
	wall := map[string]bool{} // cases measured in wall time: no cpu-ns/op
	var order []string
	pkg := ""
	sc := bufio.NewScanner(os.Stdin)
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
	sort.Stable(sort.StringSlice(order))
	bad := false
	fmt.Printf("CPU time per operation (wall time where marked), median of the runs\n\n")
	fmt.Printf("| case | 1x | 4x | 16x | 16x/1x time | 16x/1x allocs |\n|---|---:|---:|---:|---:|---:|\n")
	for _, n := range order {
		t := times[n]
		t1, t4, t16 := t.median(1), t.median(4), t.median(16)
		if t1 == 0 || t16 == 0 {
			continue
		}
		r := t16 / t1
		flag := ""
		if r > 20 {
			flag, bad = " **superlinear**", true
		}
		ar := "-"
		if a := nallocs[n]; a.median(1) > 0 {
			ar = fmt.Sprintf("%.1f", a.median(16)/a.median(1))
		}
		label := n
		if wall[n] {
			label += " (wall)"
		}
		fmt.Printf("| %s | %s | %s | %s | %.1f%s | %s |\n", label, dur(t1), dur(t4), dur(t16), r, flag, ar)
	}
	if bad {
		os.Exit(1)
	}
}

func dur(ns float64) string {
	switch {
	case ns >= 1e9:
		return fmt.Sprintf("%.2f s", ns/1e9)
	case ns >= 1e6:
		return fmt.Sprintf("%.2f ms", ns/1e6)
	case ns >= 1e3:
		return fmt.Sprintf("%.1f µs", ns/1e3)
	}
	return fmt.Sprintf("%.0f ns", ns)
}
