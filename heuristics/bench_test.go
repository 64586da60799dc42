package heuristics_test

import (
	"bytes"
	"context"
	"fmt"
	"testing"

	"github.com/heft-dev/heft/diffstat"
	"github.com/heft-dev/heft/heuristics"
)

// typicalPR is a parsed diff of a typical pull request: 6 files, about
// 200 changed lines, one of them a lockfile.
func typicalPR(b *testing.B) (*diffstat.Diff, int) {
	var buf bytes.Buffer
	for i := range 6 {
		path := fmt.Sprintf("internal/svc/file%d.go", i)
		if i == 5 {
			path = "go.sum"
		}
		fmt.Fprintf(&buf, "diff --git a/%s b/%s\nindex 1111111..2222222 100644\n--- a/%s\n+++ b/%s\n@@ -10,20 +10,35 @@ func handler() {\n", path, path, path, path)
		for j := range 20 {
			fmt.Fprintf(&buf, "-\told := compute(%d)\n", j)
		}
		for j := range 35 {
			fmt.Fprintf(&buf, "+\tnew := computeBetter(%d, opts)\n", j)
		}
	}
	d, err := diffstat.Parse(bytes.NewReader(buf.Bytes()), nil)
	if err != nil {
		b.Fatal(err)
	}
	return d, buf.Len()
}

// BenchmarkSetSize is a Set holding the size scorer on a typical PR: the
// fixed cost of scoring once the diff is parsed.
func BenchmarkSetSize(b *testing.B) {
	d, n := typicalPR(b)
	size, err := heuristics.NewSize(heuristics.SizeConfig{})
	if err != nil {
		b.Fatal(err)
	}
	set, err := heuristics.NewSet(heuristics.Policy{}, size)
	if err != nil {
		b.Fatal(err)
	}
	c := &heuristics.Contribution{Title: "svc: compute better", Diff: d}
	ctx := context.Background()
	b.SetBytes(int64(n))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := set.Score(ctx, c); err != nil {
			b.Fatal(err)
		}
	}
}
