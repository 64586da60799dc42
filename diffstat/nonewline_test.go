package diffstat_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/heft-dev/heft/diffstat"
)

// TestNoNewline checks that the "\ No newline at end of file" marker
// reaches the line it follows, on the side it belongs to.
func TestNoNewline(t *testing.T) {
	cases := []struct {
		name  string
		diff  string
		noEOL []string // "op:text" of the lines marked
	}{
		{"added file without a final newline", "diff --git a/a.txt b/a.txt\nnew file mode 100644\n--- /dev/null\n+++ b/a.txt\n@@ -0,0 +1,2 @@\n+one\n+two\n\\ No newline at end of file\n",
			[]string{"added:two"}},
		{"a newline removed from the last line", "diff --git a/a.txt b/a.txt\n--- a/a.txt\n+++ b/a.txt\n@@ -1,2 +1,2 @@\n one\n-two\n+two\n\\ No newline at end of file\n",
			[]string{"added:two"}},
		{"a newline added: the old side lacked it", "diff --git a/a.txt b/a.txt\n--- a/a.txt\n+++ b/a.txt\n@@ -1,2 +1,2 @@\n one\n-two\n\\ No newline at end of file\n+two\n",
			[]string{"deleted:two"}},
		{"both sides lack it on a context line", "diff --git a/a.txt b/a.txt\n--- a/a.txt\n+++ b/a.txt\n@@ -1,2 +1,3 @@\n+zero\n one\n two\n\\ No newline at end of file\n",
			[]string{"context:two"}},
		{"a translated marker (GNU diff under a German locale)", "diff --git a/a.txt b/a.txt\n--- a/a.txt\n+++ b/a.txt\n@@ -1,2 +1,2 @@\n one\n-two\n\\ Kein Zeilenumbruch am Dateiende.\n+zwei\n\\ Kein Zeilenumbruch am Dateiende.\n",
			[]string{"deleted:two", "added:zwei"}},
		{"final newlines everywhere", "diff --git a/a.txt b/a.txt\n--- a/a.txt\n+++ b/a.txt\n@@ -1 +1 @@\n-one\n+uno\n", nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			d, err := diffstat.Parse(strings.NewReader(tc.diff), nil)
			require.NoError(t, err)
			require.Len(t, d.Files, 1)
			hunks, err := d.Files[0].Hunks()
			require.NoError(t, err)
			var got []string
			for _, h := range hunks {
				for _, l := range h.Lines {
					if l.NoNewline {
						got = append(got, l.Op.String()+":"+l.Text)
					}
				}
			}
			assert.Equal(t, tc.noEOL, got)
		})
	}
}
