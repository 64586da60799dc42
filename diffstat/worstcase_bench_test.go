package diffstat_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/heft-dev/heft/diffstat"
	"github.com/heft-dev/heft/internal/lineartest"
)

// diffCases are the diffs that cost the scanner and the hunk reader most
// per byte: many tiny files (each classified), many tiny hunks, one huge
// line (read in chunks), long paths, and quoted paths full of escapes.
var diffCases = []lineartest.Case{
	{Name: "tiny-files", Gen: func(size int) string {
		var b strings.Builder
		for i := 0; b.Len() < size; i++ {
			fmt.Fprintf(&b, "diff --git a/f%d.go b/f%d.go\n--- a/f%d.go\n+++ b/f%d.go\n@@ -1 +1 @@\n-a\n+b\n", i, i, i, i)
		}
		return b.String()
	}},
	{Name: "tiny-hunks", Gen: func(size int) string {
		var b strings.Builder
		b.WriteString("diff --git a/x.go b/x.go\n--- a/x.go\n+++ b/x.go\n")
		for i := 1; b.Len() < size; i += 2 {
			fmt.Fprintf(&b, "@@ -%d +%d @@\n-a\n+b\n", i, i)
		}
		return b.String()
	}},
	{Name: "one-long-line", Gen: func(size int) string {
		return "diff --git a/x b/x\n--- a/x\n+++ b/x\n@@ -1 +1 @@\n-a\n+" + strings.Repeat("x", size) + "\n"
	}},
	{Name: "long-paths", Gen: func(size int) string {
		var b strings.Builder
		p := strings.Repeat("d/", 2000)
		for i := 0; b.Len() < size; i++ {
			fmt.Fprintf(&b, "diff --git a/%s%d b/%s%d\nnew file mode 100644\n", p, i, p, i)
		}
		return b.String()
	}},
	{Name: "quoted-paths", Gen: func(size int) string {
		var b strings.Builder
		q := strings.Repeat(`\303\251\"`, 300)
		for i := 0; b.Len() < size; i++ {
			fmt.Fprintf(&b, "diff --git \"a/%s%d\" \"b/%s%d\"\n--- \"a/%s%d\"\n+++ \"b/%s%d\"\n@@ -1 +1 @@\n-a\n+b\n", q, i, q, i, q, i, q, i)
		}
		return b.String()
	}},
	{Name: "no-newline-markers", Gen: func(size int) string {
		var b strings.Builder
		for i := 0; b.Len() < size; i++ {
			fmt.Fprintf(&b, "--- a/f%d\n+++ b/f%d\n@@ -1 +1 @@\n-a\n\\ No newline at end of file\n+b\n\\ No newline at end of file\n", i, i)
		}
		return b.String()
	}},
}

// BenchmarkWorstCase parses each worst-case diff at 256 KiB, 1 MiB and 4
// MiB, hunks included (Parse keeps them), then reads every file's hunks:
// see lineartest.
func BenchmarkWorstCase(b *testing.B) {
	lineartest.Run(b, 256<<10, diffCases, func(in string) error {
		d, err := diffstat.Parse(strings.NewReader(in), nil)
		if err != nil {
			return err
		}
		for _, f := range d.Files {
			if _, err := f.Hunks(); err != nil {
				return err
			}
		}
		return nil
	})
}
