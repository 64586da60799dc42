package diffstat

import (
	"fmt"
	"runtime"
	"strings"
	"sync"
	"testing"
	"unsafe"
)

// TestHunksParsedOnce: scorers running at once ask a file for its hunks;
// it parses them once and hands every caller the same result (run with
// -race).
func TestHunksParsedOnce(t *testing.T) {
	d, err := Parse(strings.NewReader("diff --git a/a.go b/a.go\n--- a/a.go\n+++ b/a.go\n@@ -1,2 +1,2 @@\n x\n-y\n+z\n"), nil)
	if err != nil {
		t.Fatal(err)
	}
	f := d.Files[0]
	var wg sync.WaitGroup
	got := make([][]Hunk, 8)
	for i := range got {
		wg.Go(func() {
			h, err := f.Hunks()
			if err != nil {
				t.Error(err)
			}
			got[i] = h
		})
	}
	wg.Wait()
	for _, h := range got {
		if len(h) != 1 || len(h[0].Lines) != 3 || &h[0] != &got[0][0] {
			t.Fatalf("hunks %+v, want the one shared hunk of three lines", h)
		}
	}
}

// TestHunksTwoAllocations: a file's hunks and all their lines are two
// allocations, whatever the hunks hold; context lines count on both sides
// of a header, so a hunk's header promises more lines than it has, and
// the last hunks once took an array of their own.
func TestHunksTwoAllocations(t *testing.T) {
	d, err := Parse(strings.NewReader("diff --git a/a.go b/a.go\n--- a/a.go\n+++ b/a.go\n"+
		"@@ -1,3 +1,3 @@ func a\n x\n-y\n+z\n w\n@@ -10,3 +10,4 @@ func b\n x\n-y\n+z\n+v\n w\n"), nil)
	if err != nil {
		t.Fatal(err)
	}
	f := d.Files[0]
	if n := testing.AllocsPerRun(10, func() {
		if _, err := f.parseHunks(); err != nil {
			t.Fatal(err)
		}
	}); n != 2 {
		t.Errorf("parsing the hunks made %v allocations, want 2", n)
	}
}

// TestHunksMemory: parsing a diff of tiny hunks and reading its hunks
// allocates little beyond what Hunks returns (a Hunk a hunk, a Line a
// line) and one copy of the input. Before, it took 14 times the input
// where this is 7: lines for every line break plus one a hunk, a patch
// grown by doubling, hunk offsets grown by a quarter, all of it fresh
// memory that made the 4 MiB case of BenchmarkWorstCase superlinear.
func TestHunksMemory(t *testing.T) {
	in := tinyHunks(256 << 10)
	run := func() []Hunk {
		d, err := Parse(strings.NewReader(in), nil)
		if err != nil {
			t.Fatal(err)
		}
		h, err := d.Files[0].Hunks()
		if err != nil {
			t.Fatal(err)
		}
		return h
	}
	run() // warm: the read buffer comes from a pool
	var m0, m1 runtime.MemStats
	runtime.ReadMemStats(&m0)
	hunks := run()
	runtime.ReadMemStats(&m1)
	floor := uint64(len(in)) + uint64(len(hunks))*uint64(unsafe.Sizeof(Hunk{})) + 2*uint64(len(hunks))*uint64(unsafe.Sizeof(Line{}))
	if got := m1.TotalAlloc - m0.TotalAlloc; got > floor+floor/10 {
		t.Errorf("parsing %d bytes of %d hunks allocated %d bytes, over 1.1 times the %d the hunks, their lines and the input take", len(in), len(hunks), got, floor)
	}
}

// tinyHunks returns a diff of one file of one-line hunks, about size
// bytes long.
func tinyHunks(size int) string {
	var b strings.Builder
	b.WriteString("diff --git a/x.go b/x.go\n--- a/x.go\n+++ b/x.go\n")
	for i := 1; b.Len() < size; i += 2 {
		fmt.Fprintf(&b, "@@ -%d +%d @@\n-a\n+b\n", i, i)
	}
	return b.String()
}

// TestParseStringNoCopy: Parse of a strings.Reader keeps the patches in
// the string itself: a diff of tiny hunks, all patch, allocates a small
// part of its size (before, a buffer of the input's length took a copy).
func TestParseStringNoCopy(t *testing.T) {
	in := tinyHunks(256 << 10)
	parse := func() *Diff {
		d, err := Parse(strings.NewReader(in), nil)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	parse() // warm: the scanner's pools
	var m0, m1 runtime.MemStats
	runtime.ReadMemStats(&m0)
	d := parse()
	runtime.ReadMemStats(&m1)
	if got := m1.TotalAlloc - m0.TotalAlloc; got > uint64(len(in))/8 {
		t.Errorf("Parse of %d bytes from a strings.Reader allocated %d bytes, over an eighth of the input", len(in), got)
	}
	runtime.KeepAlive(d)
}
