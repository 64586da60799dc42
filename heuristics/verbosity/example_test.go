package verbosity_test

import (
	"bytes"
	"context"
	"fmt"
	"strings"

	"github.com/heft-dev/heft/diffstat"
	"github.com/heft-dev/heft/heuristics"
	"github.com/heft-dev/heft/heuristics/verbosity"
)

// A long essay for a one-line fix: the scorer counts the prose with
// tiktoken's o200k_base vocabulary, sets the pasted log aside, and says
// so in words a maintainer could paste.
func ExampleScorer() {
	patch := "diff --git a/config.go b/config.go\n--- a/config.go\n+++ b/config.go\n" +
		"@@ -3,2 +3,2 @@ func defaults(c *Config) {\n" +
		"-\tif c.Timeout == \"0\" {\n+\tif c.Timeout == 0 {\n \t\tc.Timeout = 30 * time.Second\n"
	d, err := diffstat.Parse(bytes.NewReader([]byte(patch)), nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	essay := strings.Repeat("This change restores the documented default timeout, which the loader "+
		"never applied because it compared a duration with a string. ", 20)
	body := "## Summary\n\n" + essay + "\n\n```\npanic: request hung for 600s\n```\n"

	v, err := verbosity.New(verbosity.Config{})
	if err != nil {
		fmt.Println(err)
		return
	}
	r, err := v.Score(context.Background(), &heuristics.Contribution{Body: body, Diff: d})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(r.Score)
	fmt.Println(r.Summary)
	fmt.Println(r.Advice)
	// Output:
	// 0.585
	// About 402 words of prose (443 tokens) for 2 reviewable changed lines; not counted: 8 tokens in code.
	// The description is 402 words for 2 changed lines. A few sentences on why the change is needed and what to check would serve the reviewer better; the details can go in the commit messages or a linked issue.
}
