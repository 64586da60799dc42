package size_test

import (
	"context"
	"fmt"
	"strings"

	"github.com/heft-dev/heft/diffstat"
	"github.com/heft-dev/heft/heuristics"
	"github.com/heft-dev/heft/heuristics/size"
)

// A two-line fix is extra small: no concern, and the size/XS label.
func Example() {
	patch := `diff --git a/auth/login.go b/auth/login.go
index 3b18e51..a2c4f10 100644
--- a/auth/login.go
+++ b/auth/login.go
@@ -12,3 +12,3 @@ func Login(w http.ResponseWriter, r *http.Request) {
 	pass := r.FormValue("pass")
-	if user == "" {
+	if user == "" || pass == "" {
 		http.Error(w, "missing credentials", http.StatusBadRequest)
`
	diff, err := diffstat.Parse(strings.NewReader(patch), nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	s, err := size.New(size.Config{})
	if err != nil {
		fmt.Println(err)
		return
	}
	res, err := s.Score(context.Background(), &heuristics.Contribution{Diff: diff})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%.2f %v %s\n", res.Score, res.Labels, res.Summary)
	// Output:
	// 0.00 [size/XS] size/XS: 2 reviewable changed lines (+1 −1) in 1 file.
}
