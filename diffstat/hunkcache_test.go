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
