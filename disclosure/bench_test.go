package disclosure

import (
	"strings"
	"testing"

	"github.com/heft-dev/heft/internal/lineartest"
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
	Parse(typicalPR) // build the parser and its regexps outside the measure
	defer lineartest.ReportCPU(b)()
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
	Parse(long) // build the parser and its regexps outside the measure
	defer lineartest.ReportCPU(b)()
	for b.Loop() {
		Parse(long)
	}
}

func BenchmarkParseCommit(b *testing.B) {
	msg := "Fix pagination when the last page is empty\n\nThe pager dropped the final page when it had no items.\n\n🤖 Generated with [Claude Code](https://claude.com/claude-code)\n\nCo-Authored-By: Claude <noreply@anthropic.com>\n"
	b.ReportAllocs()
	b.SetBytes(int64(len(msg)))
	ParseCommit(msg) // build the parser and its regexps outside the measure
	defer lineartest.ReportCPU(b)()
	for b.Loop() {
		ParseCommit(msg)
	}
}

// BenchmarkParseAdversarial runs shapes that would be quadratic in a
// naive parser: a 1 MiB paragraph of tool names, a 1 MiB trailer block,
// a trailer with 100,000 continuation lines, deeply nested <details>.
func BenchmarkParseAdversarial(b *testing.B) {
	const size = 1 << 20
	inputs := map[string]string{
		"mentions":      strings.Repeat("I used AI and Claude Code and gpt-5. ", size/37),
		"trailers":      "Subject\n\n" + strings.Repeat("Co-authored-by: Claude <noreply@anthropic.com>\n", size/47),
		"continuations": "Subject\n\nAssisted-by: Claude Code\n" + strings.Repeat(" x\n", size/3),
		"details":       strings.Repeat("<details><summary>Prompt</summary>\n", size/36),
		"links":         strings.Repeat("https://app.devin.ai/sessions/59ccf78752e24c0fb00e28251c05eb82\n", size/63),
		"joined-line":   "Subject  " + strings.Repeat("Generated with [Claude Code](x)  Co-Authored-By: Claude <noreply@anthropic.com>  ", size/82),
		"malformed":     "Subject\n\n" + strings.Repeat("Co Authored By Claude Opus 9 and co-authored-by: Jane\n\n", size/57),
	}
	for name, in := range inputs {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(in)))
			ParseCommit(typicalPR)
			defer lineartest.ReportCPU(b)()
			for b.Loop() {
				ParseCommit(in)
			}
		})
	}
}
