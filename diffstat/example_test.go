package diffstat_test

import (
	"fmt"
	"strings"

	"github.com/heft-dev/heft/diffstat"
)

// Parse a diff and print what git diff --numstat would, then the totals a
// reviewer cares about.
func Example() {
	patch := `diff --git a/server.go b/server.go
index 1f2e3d4..5a6b7c8 100644
--- a/server.go
+++ b/server.go
@@ -3,3 +3,4 @@ import "net/http"
 func serve() {
-	http.ListenAndServe(":8080", nil)
+	srv := &http.Server{Addr: ":8080", ReadHeaderTimeout: 5 * time.Second}
+	srv.ListenAndServe()
 }
diff --git a/go.sum b/go.sum
index 0a1b2c3..4d5e6f7 100644
--- a/go.sum
+++ b/go.sum
@@ -1 +1,2 @@
 golang.org/x/net v0.30.0 h1:AcW1SDZMkb8IpzCdQUaIq2sP4sZ4zw+55h6ynffypl4=
+golang.org/x/net v0.31.0 h1:68CPQngjLL0r2AlUKiSxtQFKvzRVbnzLwMUn5SzcLHo=
`
	d, err := diffstat.Parse(strings.NewReader(patch), nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Print(d)
	for _, f := range d.Files {
		fmt.Println(f.Path(), f.Op, f.Kind)
	}
	t := d.Totals()
	fmt.Printf("all: %d lines in %d files; reviewable: %d lines in %d file\n",
		t.All.Lines(), t.All.Files, t.Reviewable.Lines(), t.Reviewable.Files)
	// Output:
	// 2	1	server.go
	// 1	0	go.sum
	// server.go modified source
	// go.sum modified lockfile
	// all: 4 lines in 2 files; reviewable: 3 lines in 1 file
}

// Stream a diff file by file, in constant memory, as heft diffstat does.
func ExampleScanner() {
	patch := "--- a/a.txt\n+++ b/a.txt\n@@ -1 +1 @@\n-old\n+new\n" +
		"--- a/b.txt\n+++ b/b.txt\n@@ -0,0 +1,2 @@\n+one\n+two\n"
	s := diffstat.NewScanner(strings.NewReader(patch), &diffstat.Options{NoClassify: true})
	for s.Next() {
		fmt.Println(s.File())
	}
	if err := s.Err(); err != nil {
		fmt.Println(err)
	}
	// Output:
	// 1	1	a.txt
	// 2	0	b.txt
}
