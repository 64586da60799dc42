package workaround_test

import (
	"context"
	"fmt"
	"strings"

	"github.com/heft-dev/heft/diffstat"
	"github.com/heft-dev/heft/heuristics"
	"github.com/heft-dev/heft/heuristics/workaround"
)

// Find the workarounds in a pull request: a monkeypatch of a library, and
// a fork pinned in go.mod whose upstream issue the description links.
func ExampleNew() {
	patch := `diff --git a/app/http.py b/app/http.py
index 3b18e51..a2c4f10 100644
--- a/app/http.py
+++ b/app/http.py
@@ -1,3 +1,5 @@
 import requests
 
 SESSION = requests.Session()
+
+requests.Session.send = _send_with_retry
diff --git a/go.mod b/go.mod
index 545642b..0114ba6 100644
--- a/go.mod
+++ b/go.mod
@@ -3,3 +3,5 @@ module example.org/gateway
 go 1.22
 
 require github.com/gorilla/mux v1.8.1
+
+replace github.com/gorilla/mux => github.com/dana-okafor/mux v1.8.2-0.20241102093000-4f2a9c1e7b3d
`
	diff, err := diffstat.Parse(strings.NewReader(patch), nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	c := &heuristics.Contribution{
		Diff: diff,
		Body: "Routes with a trailing slash 404; reported at gorilla/mux#790.",
	}
	s, err := workaround.New(workaround.Config{})
	if err != nil {
		fmt.Println(err)
		return
	}
	findings, err := s.Findings(context.Background(), c)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, f := range findings {
		fmt.Printf("%s %s:%d %s (linked: %v)\n", f.Rule, f.Path, f.Line, f.Dependency, f.Linked())
	}
	res, err := s.Score(context.Background(), c)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%.2f %s\n%s\n", res.Score, res.Summary, res.Advice)
	// Output:
	// workaround-python-monkeypatch app/http.py:5 requests (linked: false)
	// workaround-go-replace go.mod:7 github.com/gorilla/mux (linked: true)
	// 0.60 2 workarounds for requests and github.com/gorilla/mux; 1 of the 2 dependencies has no upstream issue or pull request linked.
	// This adds a monkeypatch of requests.Session.send; if it works around a bug in requests, please link the upstream issue (or open one) so the fix can reach everyone.
}
