package workaround_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/heft-dev/heft/diffstat"
	"github.com/heft-dev/heft/heuristics"
	"github.com/heft-dev/heft/heuristics/workaround"
	"github.com/heft-dev/heft/internal/lineartest"
)

// oneFile is a diff adding the lines body holds (each "+..."), to path.
func oneFile(path, body string) string {
	n := strings.Count(body, "\n")
	return fmt.Sprintf("diff --git a/%s b/%s\n--- a/%s\n+++ b/%s\n@@ -0,0 +1,%d @@\n%s", path, path, path, path, n, body)
}

func addedLines(size int, line func(i int) string) string {
	var b strings.Builder
	for i := 0; b.Len() < size; i++ {
		b.WriteString("+" + line(i) + "\n")
	}
	return b.String()
}

// worstDiffs are the diffs that give the workaround scan most to do
// per byte: every line a finding or a comment about one, manifests of
// nothing but forks and replaces, one huge commented line, many vendored
// files.
var worstDiffs = []lineartest.Case{
	{Name: "dense-monkeypatch", Gen: func(size int) string {
		return oneFile("app/x.py", addedLines(size, func(i int) string {
			if i%2 == 0 {
				return "# hack around an upstream bug, https://github.com/psf/requests/issues/1"
			}
			return "requests.Session.send = patched_send"
		}))
	}},
	{Name: "go-mod-replaces", Gen: func(size int) string {
		return oneFile("go.mod", addedLines(size, func(i int) string {
			return fmt.Sprintf("replace example.com/m%d => github.com/fork/m%d v1.0.%d // workaround", i, i, i)
		}))
	}},
	{Name: "package-json-forks", Gen: func(size int) string {
		return oneFile("package.json", addedLines(size, func(i int) string {
			return fmt.Sprintf(`    "dep%d": "github:fork/dep%d#abc123",`, i, i)
		}))
	}},
	{Name: "one-long-comment", Gen: func(size int) string {
		return oneFile("a.go", "+// "+strings.Repeat("workaround upstream bug https://github.com/a/b/issues/1 ", size/56)+"\n")
	}},
	{Name: "own-names-many-files", Gen: func(size int) string {
		// Comments naming, after "work around", one of the project's own
		// files each time, in a diff of many small files: every name is
		// looked up among the diff's paths.
		var b strings.Builder
		for i := 0; b.Len() < size; i++ {
			p := fmt.Sprintf("src/Widget%d.kt", i)
			fmt.Fprintf(&b, "diff --git a/%s b/%s\n--- a/%s\n+++ b/%s\n@@ -1 +1 @@\n-a\n+// work around Widget%d and Widget%d, a bug in Widget%d\n", p, p, p, p, i, i+1, i)
		}
		return b.String()
	}},
	{Name: "support-comments", Gen: func(size int) string {
		// "doesn't support" several times on every line: each is read
		// with the clause before it.
		return oneFile("a.c", addedLines(size, func(i int) string {
			return "/* if this build doesn't support it, libfoo doesn't support it; we don't support it either */"
		}))
	}},
	{Name: "person-headers", Gen: func(size int) string {
		// Many new files under people's names next to the project's
		// collective notice: each is checked against the other headers.
		var b strings.Builder
		b.WriteString("diff --git a/main.go b/main.go\n--- a/main.go\n+++ b/main.go\n@@ -1,2 +1,3 @@\n // Copyright 2024 The Heft Authors.\n package main\n+// x\n")
		for i := 0; b.Len() < size; i++ {
			p := fmt.Sprintf("lib/f%d.go", i)
			fmt.Fprintf(&b, "diff --git a/%s b/%s\nnew file mode 100644\n--- /dev/null\n+++ b/%s\n@@ -0,0 +1,2 @@\n+// Copyright 2019 Jane Doe%d <jane@example.org>\n+// This file is part of Ringlib.\n", p, p, p, i)
		}
		return b.String()
	}},
	{Name: "vendored-files", Gen: func(size int) string {
		var b strings.Builder
		for i := 0; b.Len() < size; i++ {
			p := fmt.Sprintf("vendor/github.com/x/y%d/a.go", i)
			fmt.Fprintf(&b, "diff --git a/%s b/%s\n--- a/%s\n+++ b/%s\n@@ -1 +1 @@\n-a\n+// patched: upstream bug\n", p, p, p, p)
		}
		return b.String()
	}},
}

// BenchmarkWorstCase parses and scores each worst-case diff at 64 KiB,
// 256 KiB and 1 MiB: see lineartest.
func BenchmarkWorstCase(b *testing.B) {
	s, err := workaround.New(workaround.Config{})
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	lineartest.Run(b, 64<<10, worstDiffs, func(in string) error {
		d, err := diffstat.Parse(strings.NewReader(in), nil)
		if err != nil {
			return err
		}
		_, err = s.Score(ctx, &heuristics.Contribution{Diff: d, Body: "Fixes the retry loop."})
		return err
	})
}
