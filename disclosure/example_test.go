package disclosure_test

import (
	"fmt"

	"github.com/heft-dev/heft/disclosure"
)

func Example() {
	msg := `Fix pagination when the last page is empty

The pager dropped the final page when it had no items.

🤖 Generated with [Claude Code](https://claude.com/claude-code)

Co-Authored-By: Claude Opus 4.5 <noreply@anthropic.com>
`
	d := disclosure.ParseCommit(msg)
	fmt.Println("stance:", d.Stance)
	for _, t := range d.Tools {
		fmt.Printf("tool: %s (%s) model %q\n", t.Name, t.Vendor, t.Model)
	}
	for _, e := range d.Evidence {
		fmt.Printf("line %d: %s: %s\n", e.Line, e.Rule, e.Text)
	}
	// Output:
	// stance: generated
	// tool: claude-code (anthropic) model "Claude Opus 4.5"
	// line 5: claude-code-footer: 🤖 Generated with [Claude Code](https://claude.com/claude-code)
	// line 7: trailer-co-authored-by: Co-Authored-By: Claude Opus 4.5 <noreply@anthropic.com>
}

func ExampleParse() {
	body := "## Summary\n- remove a stale link\n\n" +
		"## AI disclosure\nNone\n"
	fmt.Println(disclosure.Parse(body).Stance)
	// Output: no-ai
}
