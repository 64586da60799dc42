package diffstat_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"
	"testing"

	"github.com/heft-dev/heft/diffstat"
)

// FuzzParse checks that no input makes the parser panic or hang, and that
// every diff it accepts gives hunks whose lines add up to its counts, and
// that Hunks and EachHunk read every hunk as go-diff's hunk model does
// (diffstat.GoDiffHunks, the reader Hunks used before), and that a reader
// that does not tell its length (whose patches Parse grows one by one)
// gives the same files and hunks as one that does (whose patches share
// one buffer), and so does a strings.Reader (whose string the patches
// share), errors included. Seeds are under testdata/fuzz/FuzzParse.
func FuzzParse(f *testing.F) {
	f.Add([]byte("diff --git a/x b/x\n--- a/x\n+++ b/x\n@@ -1,2 +1,2 @@\n a\n-b\n+c\n"))
	f.Add([]byte("--- a/x\n+++ b/x\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+c\n\\ No newline at end of file\n"))
	f.Add([]byte("--- a/q.sql\n+++ b/q.sql\n@@ -1,2 +1,2 @@\n--- c\n+++ d\n@@ -5 +5 @@\n-x\n+y\n"))
	f.Fuzz(func(t *testing.T, in []byte) {
		d, err := diffstat.Parse(bytes.NewReader(in), &diffstat.Options{MaxBytes: 1 << 20})
		if msg := sameParse(d, err, strings.NewReader(string(in)), "a strings.Reader"); msg != "" {
			t.Fatal(msg)
		}
		if err != nil {
			var pe *diffstat.ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("error is not a *ParseError: %T %v", err, err)
			}
			return
		}
		for _, f := range d.Files {
			if f.Added < 0 || f.Deleted < 0 {
				t.Fatalf("negative counts: %+v", f)
			}
			hunks, err := f.Hunks()
			if err != nil {
				t.Fatalf("Parse accepted %q but Hunks failed: %v", f.Path(), err)
			}
			added, deleted := 0, 0
			for _, h := range hunks {
				// "\ No newline" ends at most one line of each side.
				oldEOL, newEOL := 0, 0
				for _, l := range h.Lines {
					if l.NoNewline && l.Op != diffstat.LineAdded {
						oldEOL++
					}
					if l.NoNewline && l.Op != diffstat.LineDeleted {
						newEOL++
					}
				}
				if oldEOL > 1 || newEOL > 1 {
					t.Fatalf("%s: %d old and %d new lines without a newline in one hunk", f.Path(), oldEOL, newEOL)
				}
				for _, l := range h.Lines {
					switch l.Op {
					case diffstat.LineAdded:
						added++
					case diffstat.LineDeleted:
						deleted++
					}
				}
			}
			if added != f.Added || deleted != f.Deleted {
				t.Fatalf("%s: scanner counted +%d -%d, hunks hold +%d -%d", f.Path(), f.Added, f.Deleted, added, deleted)
			}
			if msg := sameAsGoDiff(f); msg != "" {
				t.Fatalf("%s: %s", f.Path(), msg)
			}
		}
		if msg := sameParse(d, err, struct{ io.Reader }{bytes.NewReader(in)}, "a reader that hides its length"); msg != "" {
			t.Fatal(msg)
		}
	})
}

// sameParse parses the input again from r (a reader that hides its
// length, so that Parse cannot lay the patches in one buffer, or a
// strings.Reader, whose string they share) and reports how the result
// differs from d and err, Parse's from a bytes.Reader, or "" when it does
// not.
func sameParse(d *diffstat.Diff, err error, r io.Reader, what string) string {
	d2, err2 := diffstat.Parse(r, &diffstat.Options{MaxBytes: 1 << 20})
	if fmt.Sprint(err) != fmt.Sprint(err2) {
		return fmt.Sprintf("a bytes.Reader gave error %v, %s %v", err, what, err2)
	}
	if err != nil {
		return ""
	}
	if len(d2.Files) != len(d.Files) {
		return fmt.Sprintf("%d files, %d from %s", len(d.Files), len(d2.Files), what)
	}
	for i, f := range d.Files {
		f2 := d2.Files[i]
		h, err := f.Hunks()
		h2, err2 := f2.Hunks()
		j, _ := json.Marshal(f)
		j2, _ := json.Marshal(f2)
		if !bytes.Equal(j, j2) || !reflect.DeepEqual(h, h2) || (err == nil) != (err2 == nil) {
			return fmt.Sprintf("%s: read differently from %s:\n%+v %+v %v\n%+v %+v %v", f.Path(), what, f, h, err, f2, h2, err2)
		}
	}
	return ""
}
