package standard_test

import (
	"context"
	"strings"
	"testing"

	"github.com/heft-dev/heft/heuristics"
	"github.com/heft-dev/heft/heuristics/size"
	"github.com/heft-dev/heft/heuristics/standard"
	"github.com/heft-dev/heft/internal/scorertest"
)

// BenchmarkSetSize is a Set holding the size scorer on a typical PR: the
// fixed cost of scoring once the diff is parsed.
func BenchmarkSetSize(b *testing.B) {
	d, n := scorertest.TypicalPR(b)
	size, err := size.New(size.Config{})
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

// BenchmarkDefaultSet is every default scorer on a typical PR with a
// 300-word description, once the tokenizer is loaded: what a bot pays
// per pull request.
func BenchmarkDefaultSet(b *testing.B) {
	d, n := scorertest.TypicalPR(b)
	set, err := standard.New(standard.Config{})
	if err != nil {
		b.Fatal(err)
	}
	body := "## Summary\n\nThe service recomputed every handler's options on each request, which showed up as " +
		"a third of the CPU profile under load. This change computes them once per configuration reload and " +
		"passes them down.\n\n## Why\n\n" + strings.Repeat("Computing options per request allocates and "+
		"parses the same configuration again; under a thousand requests a second that is measurable. ", 14) +
		"\n\n## Testing\n\n- go test ./...\n- a load test at 2,000 requests a second\n"
	c := &heuristics.Contribution{Title: "svc: compute options once per reload", Body: body, Diff: d,
		Commits: []heuristics.Commit{{Message: "svc: compute options once per reload\n\nSigned-off-by: Ada <ada@example.com>"}}}
	ctx := context.Background()
	if _, err := set.Score(ctx, c); err != nil { // loads the tokenizer
		b.Fatal(err)
	}
	b.SetBytes(int64(n + len(body)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := set.Score(ctx, c); err != nil {
			b.Fatal(err)
		}
	}
}
