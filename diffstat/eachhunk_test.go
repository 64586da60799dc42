package diffstat_test

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/heft-dev/heft/diffstat"
)

// sameAsGoDiff reports how Hunks' and EachHunk's hunks differ from
// go-diff's reading of the same file (diffstat.GoDiffHunks, built only
// into tests), or "".
func sameAsGoDiff(f *diffstat.File) string {
	want, err := diffstat.GoDiffHunks(f)
	if err != nil && strings.Contains(err.Error(), "integer overflow") {
		// go-diff holds line numbers in an int32; git, and Hunks, do not
		// stop there ("@@ -2170000000 +0 @@"). Hunks and EachHunk must
		// still agree.
		if want, err = f.Hunks(); err != nil {
			return "Hunks failed on a hunk go-diff cannot hold: " + err.Error()
		}
		return sameAsEachHunk(f, want)
	}
	if err != nil {
		return "go-diff failed: " + err.Error()
	}
	got, err := f.Hunks()
	if err != nil {
		return "Hunks failed where go-diff did not: " + err.Error()
	}
	if !reflect.DeepEqual(got, want) {
		return fmt.Sprintf("Hunks gives %+v, go-diff %+v", got, want)
	}
	return sameAsEachHunk(f, want)
}

// sameAsEachHunk reports how EachHunk's hunks differ from want, or "".
func sameAsEachHunk(f *diffstat.File, want []diffstat.Hunk) string {
	i := 0
	var msg string
	err := f.EachHunk(func(h *diffstat.Hunk) error {
		if i >= len(want) {
			msg = fmt.Sprintf("EachHunk gives more than %d hunks", len(want))
			return nil
		}
		w := want[i]
		got := *h
		got.Lines = append([]diffstat.Line(nil), h.Lines...)
		if len(got.Lines) == 0 {
			got.Lines = nil
		}
		if len(w.Lines) == 0 {
			w.Lines = nil
		}
		if !reflect.DeepEqual(got, w) && msg == "" {
			msg = fmt.Sprintf("hunk %d: EachHunk gives %+v, Hunks %+v", i, got, w)
		}
		i++
		return nil
	})
	switch {
	case err != nil:
		return "EachHunk failed where Hunks did not: " + err.Error()
	case msg != "":
		return msg
	case i != len(want):
		return fmt.Sprintf("EachHunk gives %d hunks, Hunks %d", i, len(want))
	}
	return ""
}

// TestEachHunkSameAsHunks checks Hunks and EachHunk against go-diff's model on
// the fuzz seeds and a few shapes written here: CRLF lines, a missing
// newline at the end, empty context lines, section headings.
func TestEachHunkSameAsHunks(t *testing.T) {
	inputs := map[string]string{
		"crlf":       "diff --git a/w.txt b/w.txt\n--- a/w.txt\n+++ b/w.txt\n@@ -1,2 +1,2 @@ func main() {\r\n a\r\n-b\r\n+c\r\n",
		"no-newline": "--- a/x\n+++ b/x\n@@ -1 +1 @@\n-a\n\\ No newline at end of file\n+b\n\\ No newline at end of file\n",
		"empty-ctx":  "--- a/x\n+++ b/x\n@@ -1,3 +1,3 @@\n a\n\n-b\n+c\n",
		"two-hunks":  "--- a/x\n+++ b/x\n@@ -1 +1 @@\n-a\n+b\n@@ -10,2 +10,3 @@ section\n x\n+y\n z\n",
		"add-file":   "diff --git a/n b/n\nnew file mode 100644\n--- /dev/null\n+++ b/n\n@@ -0,0 +1,2 @@\n+one\n+two\n",
	}
	seeds, _ := filepath.Glob("testdata/fuzz/FuzzParse/*")
	for _, p := range seeds {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		// The seed format: "go test fuzz v1" then []byte("...") on one line.
		s := string(b)
		if i := strings.Index(s, "[]byte("); i >= 0 {
			var v string
			if _, err := fmt.Sscanf(strings.TrimSuffix(strings.TrimSpace(s[i+len("[]byte("):]), ")"), "%q", &v); err == nil {
				inputs["seed-"+filepath.Base(p)] = v
			}
		}
	}
	for name, in := range inputs {
		t.Run(name, func(t *testing.T) {
			d, err := diffstat.Parse(strings.NewReader(in), nil)
			if err != nil {
				t.Skipf("not a diff: %v", err)
			}
			for _, f := range d.Files {
				if msg := sameAsGoDiff(f); msg != "" {
					t.Errorf("%s: %s", f.Path(), msg)
				}
			}
		})
	}
}
