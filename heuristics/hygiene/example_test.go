package hygiene_test

import (
	"context"
	"fmt"
	"strings"

	"github.com/heft-dev/heft/diffstat"
	"github.com/heft-dev/heft/heuristics"
	"github.com/heft-dev/heft/heuristics/hygiene"
)

// A drive-by edit of the licence, from the author's main branch, in a
// project that asks for Conventional Commits titles.
func Example() {
	diff, err := diffstat.Parse(strings.NewReader(
		"diff --git a/LICENSE b/LICENSE\n--- a/LICENSE\n+++ b/LICENSE\n@@ -1 +1 @@\n-Copyright 2025 The Authors\n+Copyright 2026 The Authors\n"), nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	s, err := hygiene.New(hygiene.Config{ConventionalTitle: true})
	if err != nil {
		fmt.Println(err)
		return
	}
	res, err := s.Score(context.Background(), &heuristics.Contribution{
		Title:      "Update LICENSE",
		Body:       "Bumps the year.",
		Diff:       diff,
		BaseBranch: "main",
		HeadBranch: "main",
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%.2f %s\n", res.Score, res.Summary)
	for _, e := range res.Evidence {
		fmt.Printf("%s: %s\n", e.Rule, e.Message)
	}
	// Output:
	// 0.44 Points to check: a title that is not a Conventional Commits subject; files the project keeps to its maintainers; the branch it comes from.
	// hygiene-conventional-title: The title is not in the Conventional Commits form this project uses.
	// hygiene-blocked-path: LICENSE is a file this project keeps to its maintainers (it matches "LICENSE*").
	// hygiene-head-branch: The pull request comes from the branch main, not from a branch of its own.
}
