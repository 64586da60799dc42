package workaround_test

import (
	"context"
	"strings"
	"testing"

	"github.com/heft-dev/heft/diffstat"
	"github.com/heft-dev/heft/heuristics"
	"github.com/heft-dev/heft/heuristics/workaround"
)

// FuzzWorkaround feeds arbitrary diffs and descriptions to the workaround
// scorer: it must never panic, hang or break the result contract, and
// must give the same result twice. The seeds are under
// testdata/fuzz/FuzzWorkaround; modfile parses go.mod hunks behind a
// recover, which this exercises too.
func FuzzWorkaround(f *testing.F) {
	f.Add("diff --git a/go.mod b/go.mod\n--- a/go.mod\n+++ b/go.mod\n@@ -1,1 +1,3 @@\n module x\n+// Work around a bug until upstream fixes it.\n+replace github.com/a/b => github.com/c/b v0.0.0-20240101000000-abcdefabcdef\n", "")
	f.Add("diff --git a/app.py b/app.py\n--- a/app.py\n+++ b/app.py\n@@ -1 +1,3 @@\n import requests\n+requests.get = patched  # hack, see https://github.com/psf/requests/issues/1\n+setattr(requests, \"post\", p)\n", "psf/requests#1")
	f.Add("diff --git a/package.json b/package.json\n--- a/package.json\n+++ b/package.json\n@@ -1,2 +1,5 @@\n {\n+  \"overrides\": {\n+    \"a\": { \".\": \"github:x/a\", \"b\": \"1.0.0\" }\n+  }\n }\n", "")
	f.Add("diff --git a/src/t.c b/src/t.c\n--- a/src/t.c\n+++ b/src/t.c\n@@ -1 +1,3 @@\n int x;\n+/* Work around a bug in macOS, https://github.com/a/b/issues/2 */\n+#if defined(__APPLE__)\n", "Downgrade foo: broken on PyPy until it is fixed")
	f.Add("diff --git a/requirements.txt b/requirements.txt\n--- a/requirements.txt\n+++ b/requirements.txt\n@@ -1 +1,3 @@\n x\n+# broken, see https://github.com/a/b/issues/3\n+click==8.1.3\n", "Pin click to fix the build")
	// A submodule the patch-file rule can name (see TestSubmodulePatch).
	s, err := workaround.New(workaround.Config{Submodules: map[string]string{"assets/grammars/core": "https://github.com/o/core"}})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, patch, body string) {
		d, err := diffstat.Parse(strings.NewReader(patch), nil)
		if err != nil {
			return
		}
		title, _, _ := strings.Cut(body, "\n") // the title-read rules (pins, versioned names) too
		c := &heuristics.Contribution{Diff: d, Title: title, Body: body}
		res, err := s.Score(context.Background(), c)
		if err != nil {
			return // a malformed hunk is an error, not a panic
		}
		if err := heuristics.CheckResult(res); err != nil {
			t.Fatalf("result breaks the contract: %v\n%+v", err, res)
		}
		again, err := s.Score(context.Background(), c)
		if err != nil || again.Score != res.Score || len(again.Evidence) != len(res.Evidence) {
			t.Fatalf("not deterministic: %v then %v (%v)", res.Score, again.Score, err)
		}
	})
}
