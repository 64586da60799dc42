package render_test

import (
	"fmt"
	"os"

	"github.com/heft-dev/heft/examples/internal/render"
	"github.com/heft-dev/heft/heuristics"
)

// Print a report as workflow commands, so evidence with a path shows as
// an annotation on the pull request's diff.
func ExampleGitHub() {
	rep := &heuristics.Report{
		Verdict: heuristics.VerdictReview,
		Score:   0.55,
		Results: []heuristics.Result{{
			Scorer: "size", Score: 0.55, Summary: "size/XL: 700 reviewable changed lines.",
			Evidence: []heuristics.Evidence{{Rule: "size-largest-file", Message: "store.go: +650 −0 (source).",
				Field: heuristics.FieldDiff, Path: "internal/store/store.go"}},
		}},
	}
	if err := render.GitHub(os.Stdout, rep); err != nil {
		fmt.Println(err)
	}
	// Output:
	// ::warning title=heft%3A review::heft: review (score 0.55)%0Asize 0.55: size/XL: 700 reviewable changed lines.
	// ::warning file=internal/store/store.go,title=heft size-largest-file::store.go: +650 −0 (source).
}
