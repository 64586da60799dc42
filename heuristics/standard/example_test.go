package standard_test

import (
	"context"
	"fmt"
	"strings"

	"github.com/heft-dev/heft/diffstat"
	"github.com/heft-dev/heft/heuristics"
	"github.com/heft-dev/heft/heuristics/standard"
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
	set, err := standard.New(standard.Config{})
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
	// verbosity 0.00 About 14 words of prose (16 tokens) for 2 reviewable changed lines.
	// disclosure 0.00 No AI disclosure found.
	// workaround 0.00 No workarounds for dependencies found.
	// hygiene 0.00 No points to check.
}
