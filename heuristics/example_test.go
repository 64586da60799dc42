package heuristics_test

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/heft-dev/heft/diffstat"
	"github.com/heft-dev/heft/heuristics"
)

// Score a pull request's diff with the default scorers and print the
// verdict and each scorer's summary.
func Example() {
	patch := `diff --git a/auth/login.go b/auth/login.go
index 3b18e51..a2c4f10 100644
--- a/auth/login.go
+++ b/auth/login.go
@@ -12,6 +12,6 @@ func Login(w http.ResponseWriter, r *http.Request) {
 	user := r.FormValue("user")
 	pass := r.FormValue("pass")
-	if user == "" {
+	if user == "" || pass == "" {
 		http.Error(w, "missing credentials", http.StatusBadRequest)
 		return
 	}
`
	diff, err := diffstat.Parse(strings.NewReader(patch), nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	set, err := heuristics.NewDefaultSet(heuristics.Config{})
	if err != nil {
		fmt.Println(err)
		return
	}
	report, err := set.Score(context.Background(), &heuristics.Contribution{
		Title: "auth: reject an empty password",
		Body:  "An empty password reached the database lookup. Reject it like an empty user name.",
		Diff:  diff,
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("verdict:", report.Verdict)
	for _, r := range report.Results {
		fmt.Printf("%s %.2f %s\n", r.Scorer, r.Score, r.Summary)
	}
	// Output:
	// verdict: pass
	// size 0.00 size/XS: 2 reviewable changed lines (+1 −1) in 1 file.
	// verbosity 0.00 16 tokens of prose for 2 reviewable changed lines.
	// disclosure 0.00 No AI disclosure found
	// workaround 0.00 No workarounds around dependencies found.
}

// The engagement scorer asks whose turn it is: here a maintainer's
// question has waited nine days for the author.
func ExampleEngagementScorer() {
	s, err := heuristics.NewEngagement(heuristics.EngagementConfig{})
	if err != nil {
		fmt.Println(err)
		return
	}
	asked := time.Date(2026, time.May, 3, 10, 0, 0, 0, time.UTC)
	res, err := s.Score(context.Background(), &heuristics.Contribution{
		Author: heuristics.Author{Login: "ada", Association: heuristics.AssociationFirstTimeContributor},
		Timeline: []heuristics.Event{
			{Kind: heuristics.EventComment, Actor: heuristics.Author{Login: "ada"}, Time: asked.Add(-24 * time.Hour), Body: "Ready for review."},
			{Kind: heuristics.EventComment, Actor: heuristics.Author{Login: "maint", Association: heuristics.AssociationMember},
				Time: asked, Body: "Thanks! What happens on the error path?"},
			{Kind: heuristics.EventComment, Actor: heuristics.Author{Login: "github-actions[bot]", Bot: true},
				Time: asked.Add(time.Hour), Body: "All checks passed."},
		},
		Now: asked.Add(9 * 24 * time.Hour),
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%.2f %v\n%s\n%s\n", res.Score, res.Labels, res.Summary, res.Advice)
	// Output:
	// 0.59 [awaiting author]
	// @maint's question of 3 May has waited 9 days for @ada; pending.
	// @ada, the comment on 3 May asked "What happens on the error path?"; could you answer so this can move forward?
}
