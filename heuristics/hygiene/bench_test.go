package hygiene_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/heft-dev/heft/heuristics"
	"github.com/heft-dev/heft/heuristics/hygiene"
)

func BenchmarkScore(b *testing.B) {
	var pairs []string
	for i := range 40 {
		pairs = append(pairs, fmt.Sprintf("pkg/f%d.go", i), "package pkg\n\n"+strings.Repeat("// note\nx := compute(y)\n", 25))
	}
	c := &heuristics.Contribution{
		Title:      "✨ retry: stop when cancelled",
		Body:       strings.Repeat("Updated src/retry/loop.go and calculateDelay() 🚀. Fixes #12.\n", 20),
		Commits:    []heuristics.Commit{{Message: "fix: stop"}, {Message: "Update loop.go"}},
		Diff:       newFiles(b, pairs...),
		HeadBranch: "main",
	}
	s, err := hygiene.New(hygiene.Config{ConventionalCommits: true, BlockedPaths: []string{"**/*.lock", "docs/"}})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.SetBytes(int64(len(c.Body) + 40*len(pairs[1])))
	for b.Loop() {
		if _, err := s.Score(context.Background(), c); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDescription scores a description in the shape agents write:
// links to issues, pull requests and files on GitHub, paths and calls in
// the prose, a checklist and an emoji; no diff.
func BenchmarkDescription(b *testing.B) {
	unit := "Follow-up to https://github.com/acme/widgets/pull/4211 and https://github.com/acme/widgets/issues/4190: " +
		"`pager.next()` dropped the final page, see https://github.com/acme/widgets/blob/main/internal/pager/pager.go#L42.\n" +
		"- Updates internal/pager/pager.go and adds TestLastPageEmpty() ✅\n- Docs: https://acme.example.org/docs/paging\n\n"
	c := &heuristics.Contribution{Title: "Fix pagination when the last page is empty", Body: strings.Repeat(unit, 8)}
	s, err := hygiene.New(hygiene.Config{})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.SetBytes(int64(len(c.Body)))
	for b.Loop() {
		if _, err := s.Score(context.Background(), c); err != nil {
			b.Fatal(err)
		}
	}
}
