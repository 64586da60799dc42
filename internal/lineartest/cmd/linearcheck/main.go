// Command linearcheck reads go test -bench output of lineartest
// benchmarks on standard input and prints, per case, the time at 1×, 4×
// and 16×, the ratio of 16× to 1×, and the same ratio for allocations
// (with -benchmem), which no other process on the machine disturbs. It
// exits 1 if a time ratio is over 20 (the input grows 16×: linear is 16;
// on a busy machine, a larger heap's garbage collection adds a little).
package main

import (
	"bufio"
	"fmt"
	"os"
	"regexp"
	"sort"
	"strconv"
)

var (
	line   = regexp.MustCompile(`^(Benchmark\S+?)/(\d+)x(?:-\d+)?\s+\d+\s+([\d.]+) ns/op`)
	allocs = regexp.MustCompile(`(\d+) allocs/op`)
)

func main() {
	times := map[string]map[int]float64{}
	nallocs := map[string]map[int]float64{}
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
		name := pkg + " " + m[1]
		if times[name] == nil {
			times[name], nallocs[name] = map[int]float64{}, map[int]float64{}
			order = append(order, name)
		}
		times[name][k] = ns
		if a := allocs.FindStringSubmatch(t); a != nil {
			nallocs[name][k], _ = strconv.ParseFloat(a[1], 64)
		}
	}
	sort.Stable(sort.StringSlice(order))
	bad := false
	fmt.Printf("| case | 1x | 4x | 16x | 16x/1x time | 16x/1x allocs |\n|---|---:|---:|---:|---:|---:|\n")
	for _, n := range order {
		t := times[n]
		if t[1] == 0 || t[16] == 0 {
			continue
		}
		r := t[16] / t[1]
		flag := ""
		if r > 20 {
			flag, bad = " **superlinear**", true
		}
		ar := "-"
		if a := nallocs[n]; a[1] > 0 {
			ar = fmt.Sprintf("%.1f", a[16]/a[1])
		}
		fmt.Printf("| %s | %s | %s | %s | %.1f%s | %s |\n", n, dur(t[1]), dur(t[4]), dur(t[16]), r, flag, ar)
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
