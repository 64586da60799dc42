package disclosure_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/heft-dev/heft/heuristics"
	"github.com/heft-dev/heft/heuristics/disclosure"
)

// BenchmarkScore scores a pull request in the shape coding agents open:
// a description with a summary, a checklist and a footer, and eight
// commits, half of which repeat a message ("Initial plan", a merge of
// the default branch), as agents' pull requests often do.
func BenchmarkScore(b *testing.B) {
	body := "## Summary\n\nThe pager dropped the final page when it had no items; this keeps it and adds a test.\n\n" +
		"- Fixes the off-by-one in `pager.next`\n- Adds `TestLastPageEmpty`\n\n## Checklist\n\n- [x] Tests pass\n- [x] Docs updated\n\n" +
		"Fixes #4211.\n\n---\n\n💡 You can make Copilot smarter by setting up custom instructions.\n"
	c := &heuristics.Contribution{Title: "Fix pagination when the last page is empty", Body: body,
		Author: heuristics.Author{Login: "Copilot", Bot: true}}
	for i := range 8 {
		msg := "Initial plan"
		switch {
		case i%4 == 1:
			msg = "Merge branch 'main' into copilot/fix-4211"
		case i%2 == 0 && i > 0:
			msg = fmt.Sprintf("Fix the pager's last page (%d)\n\nThe pager dropped the final page when it had no items.\n\nCo-authored-by: ada <ada@example.com>", i)
		}
		c.Commits = append(c.Commits, heuristics.Commit{SHA: fmt.Sprintf("%040d", i), AuthorName: "copilot-swe-agent[bot]", Message: msg})
	}
	size := len(c.Title) + len(c.Body)
	for _, cm := range c.Commits {
		size += len(cm.Message)
	}
	s, err := disclosure.New(disclosure.Config{})
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	if _, err := s.Score(ctx, c); err != nil { // build the parser outside the measure
		b.Fatal(err)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := s.Score(ctx, c); err != nil {
			b.Fatal(err)
		}
	}
}
