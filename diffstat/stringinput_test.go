package diffstat_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/heft-dev/heft/diffstat"
)

// TestParseStringSameAsBytes: a strings.Reader, whose string the kept
// patches share, gives the same files, hunks and errors as a bytes.Reader,
// whose input is copied, where the two could part: a line longer than
// the read buffer, a patch whose lines do not follow each other in the
// input, a type change joined from two sections, a last line with no
// newline, a line given back after a look ahead, and the size limit.
func TestParseStringSameAsBytes(t *testing.T) {
	long := strings.Repeat("x", 200<<10)
	cases := map[string]string{
		"long-line":       "diff --git a/x b/x\n--- a/x\n+++ b/x\n@@ -1 +1,2 @@\n-a\n+" + long + "\n+b\n",
		"long-last-line":  "--- a/x\n+++ b/x\n@@ -1 +1 @@\n-a\n+" + long,
		"long-header":     "diff --git a/x b/x\nold mode " + long + "\n",
		"no-newline":      "--- a/x\n+++ b/x\n@@ -1 +1 @@\n-a\n+b",
		"extra-marker":    "--- a/x\n+++ b/x\n@@ -1 +1 @@\n-a\n+b\n\\ No newline at end of file\n\\ No newline at end of file\n@@ -5 +5 @@\n-c\n+d\n",
		"markers":         "--- a/x\n+++ b/x\n@@ -1 +1 @@\n-a\n\\ No newline at end of file\n+b\n\\ No newline at end of file\n",
		"type-change":     "diff --git a/l b/l\ndeleted file mode 120000\n--- a/l\n+++ /dev/null\n@@ -1 +0,0 @@\n-t\n\\ No newline at end of file\ndiff --git a/l b/l\nnew file mode 100644\n--- /dev/null\n+++ b/l\n@@ -0,0 +1 @@\n+u\n",
		"two-files":       "--- a/x\n+++ b/x\n@@ -1 +1 @@\n-a\n+b\n--- a/y\n+++ b/y\n@@ -1,2 +1,2 @@\n c\n-d\n+e\n",
		"prose-dashes":    "--- not a header\nDear maintainers\n",
		"nul":             "--- a/x\n+++ b/x\n@@ -1 +1 @@\n-a\x00\n+b\n",
		"over-limit":      "--- a/x\n+++ b/x\n@@ -1,3 +1,3 @@\n-a\n+" + strings.Repeat("y", 1<<20) + "\n",
		"crlf":            "--- a/x\r\n+++ b/x\r\n@@ -1 +1 @@\r\n-a\r\n+b\r\n",
		"truncated-hunk":  "--- a/x\n+++ b/x\n@@ -1,2 +1,2 @@\n-a\n",
		"empty":           "",
		"context-at-end":  "--- a/x\n+++ b/x\n@@ -1,2 +1,2 @@\n-a\n+b\n c",
		"long-no-newline": "--- a/x\n+++ b/x\n@@ -1 +1 @@\n-a\n+" + long + "\n\\ No newline at end of file\n",
	}
	for name, in := range cases {
		t.Run(name, func(t *testing.T) {
			d, err := diffstat.Parse(bytes.NewReader([]byte(in)), &diffstat.Options{MaxBytes: 1 << 20})
			if msg := sameParse(d, err, strings.NewReader(in), "a strings.Reader"); msg != "" {
				t.Fatal(msg)
			}
		})
	}
}
