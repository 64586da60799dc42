package diffstat

import (
	"strings"
	"sync"
	"testing"
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
