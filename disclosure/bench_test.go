package disclosure

import (
	"strings"
	"testing"
)

// typicalPR is a description of the usual size: a summary, a checklist, a
// disclosure section and an agent footer.
const typicalPR = `## Summary
- Cache parsed templates so that repeated renders skip the parser
- Add a benchmark for the render path

Fixes #4211.

## Test plan
- [x] ` + "`go test ./...`" + `
- [x] Rendered the docs site locally and compared the output

## AI disclosure
I used Claude Code (claude-sonnet-4-5) to draft the benchmark; I rewrote the cache.

<details>
<summary>Prompt</summary>

Add a cache for parsed templates keyed by path and mtime.

</details>

🤖 Generated with [Claude Code](https://claude.com/claude-code)

Co-Authored-By: Claude <noreply@anthropic.com>
`

func BenchmarkParseTypicalPR(b *testing.B) {
	b.ReportAllocs()
	b.SetBytes(int64(len(typicalPR)))
	for b.Loop() {
		Parse(typicalPR)
	}
}

func BenchmarkParseLongDescription(b *testing.B) {
	// About 1 MiB of ordinary Markdown prose, lists, code and links.
	unit := "The scheduler now keeps a per-queue budget so that one noisy tenant cannot starve the rest; see https://example.org/design/budget for the design.\n\n" +
		"- keep the budget in the queue\n- refill it on every tick\n\n```go\nfor q := range queues {\n\tq.refill()\n}\n```\n\n> Reviewers asked for a benchmark.\n\n"
	long := strings.Repeat(unit, (1<<20)/len(unit))
	b.ReportAllocs()
	b.SetBytes(int64(len(long)))
	for b.Loop() {
		Parse(long)
	}
}

func BenchmarkParseCommit(b *testing.B) {
	msg := "Fix pagination when the last page is empty\n\nThe pager dropped the final page when it had no items.\n\n🤖 Generated with [Claude Code](https://claude.com/claude-code)\n\nCo-Authored-By: Claude <noreply@anthropic.com>\n"
	b.ReportAllocs()
	b.SetBytes(int64(len(msg)))
	for b.Loop() {
		ParseCommit(msg)
	}
}
