package heuristics_test

import (
	"context"
	"os"
	"testing"

	"github.com/heft-dev/heft/heuristics"
)

// BenchmarkVerbosity scores a typical pull request: a 290-word
// description (testdata/verbosity/typical.md) on a 6-file, 200-line diff,
// after the encoder is loaded.
func BenchmarkVerbosity(b *testing.B) {
	d, _ := typicalPR(b)
	desc, err := os.ReadFile("testdata/verbosity/typical.md")
	if err != nil {
		b.Fatal(err)
	}
	v := newVerbosity(b)
	c := &heuristics.Contribution{Title: "pool: fix a race in release", Body: string(desc), Diff: d}
	ctx := context.Background()
	if _, err := v.Score(ctx, c); err != nil { // load the encoder
		b.Fatal(err)
	}
	b.SetBytes(int64(len(desc)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := v.Score(ctx, c); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkVerbosityLong scores the largest description accepted by
// default, 256 KiB of English prose, on the same diff.
func BenchmarkVerbosityLong(b *testing.B) {
	d, _ := typicalPR(b)
	desc, err := os.ReadFile("testdata/verbosity/typical.md")
	if err != nil {
		b.Fatal(err)
	}
	long := make([]byte, 0, 256<<10)
	for len(long)+len(desc)+1 <= 256<<10 {
		long = append(append(long, desc...), '\n')
	}
	v := newVerbosity(b)
	c := &heuristics.Contribution{Body: string(long), Diff: d}
	ctx := context.Background()
	if _, err := v.Score(ctx, c); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(long)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := v.Score(ctx, c); err != nil {
			b.Fatal(err)
		}
	}
}
