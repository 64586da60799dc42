package diffstat_test

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/heft-dev/heft/diffstat"
)

func parse(t *testing.T, s string) *diffstat.Diff {
	t.Helper()
	d, err := diffstat.Parse(strings.NewReader(s), nil)
	require.NoError(t, err)
	return d
}

func TestBadInput(t *testing.T) {
	cases := []struct {
		name, reason string
		in           string
		class        error
		line         int
		msg          string // a fragment of the message
	}{
		{
			name: "prose", reason: "text with no file section is not a diff",
			in:    "Fixes the login bug.\n\nPlease review.\n",
			class: diffstat.ErrNotDiff, line: 1,
		},
		{
			name: "hunk-too-short", reason: "the header promises more lines than follow before the next file",
			in: "diff --git a/x b/x\n--- a/x\n+++ b/x\n@@ -1,3 +1,3 @@\n a\n-b\n+c\n" +
				"diff --git a/y b/y\n--- a/y\n+++ b/y\n@@ -1 +1 @@\n-y\n+z\n",
			class: diffstat.ErrMalformed, line: 8, msg: "truncated hunk",
		},
		{
			name: "truncated-at-eof", reason: "a diff cut off in the middle of a hunk",
			in:    "--- a/x\n+++ b/x\n@@ -1,5 +1,5 @@\n a\n b\n-c\n",
			class: diffstat.ErrMalformed, line: 6, msg: "the input ends",
		},
		{
			name: "hunk-too-long", reason: "more changed lines than the header says",
			in:    "--- a/x\n+++ b/x\n@@ -1 +1 @@\n-a\n+b\n+c\n",
			class: diffstat.ErrMalformed, line: 6, msg: "more lines than its header says",
		},
		{
			name: "too-many-added", reason: "an added line where the header left room only for deletions",
			in:    "--- a/x\n+++ b/x\n@@ -1,2 +1,0 @@\n-a\n+b\n",
			class: diffstat.ErrMalformed, line: 5, msg: "more added lines",
		},
		{
			name: "line-after-both-ended", reason: "a context line marked \"\\ No newline\" is the last line of both files",
			in:    "--- a/x\n+++ b/x\n@@ -1,2 +1,2 @@\n a\n\\ No newline at end of file\n-b\n+c\n",
			class: diffstat.ErrMalformed, line: 6, msg: "a deleted line after a line marked",
		},
		{
			name: "deleted-after-old-ended", reason: "the old file ended at the marked deleted line",
			in:    "--- a/x\n+++ b/x\n@@ -1,2 +1 @@\n-a\n\\ No newline at end of file\n-b\n+c\n",
			class: diffstat.ErrMalformed, line: 6, msg: "which ends the old file",
		},
		{
			name: "marker-first", reason: "a marker must follow the line it ends",
			in:    "--- a/x\n+++ b/x\n@@ -1 +1 @@\n\\ No newline at end of file\n-a\n+b\n",
			class: diffstat.ErrMalformed, line: 4, msg: "follows no line",
		},
		{
			name: "two-markers", reason: "one marker ends one line",
			in:    "--- a/x\n+++ b/x\n@@ -1,2 +1,2 @@\n-a\n\\ No newline at end of file\n\\ No newline at end of file\n+b\n",
			class: diffstat.ErrMalformed, line: 6, msg: "follows no line",
		},
		{
			name: "bad-hunk-header", reason: "numbers missing",
			in:    "--- a/x\n+++ b/x\n@@ -a,b +c @@\n",
			class: diffstat.ErrMalformed, line: 3, msg: "bad hunk header",
		},
		{
			name: "hunk-without-file", reason: "a hunk before any file header",
			in:    "@@ -1 +1 @@\n-a\n+b\n",
			class: diffstat.ErrMalformed, line: 1, msg: "outside any file",
		},
		{
			name: "minus-without-plus", reason: "a file header cut in half",
			in:    "diff --git a/x b/x\n--- a/x\n@@ -1 +1 @@\n",
			class: diffstat.ErrMalformed, line: 2, msg: "without a +++",
		},
		{
			name: "nul-byte", reason: "git never prints NUL in a text diff",
			in:    "--- a/x\n+++ b/x\n@@ -1 +1 @@\n-a\x00\n+b\n",
			class: diffstat.ErrMalformed, line: 4, msg: "NUL byte",
		},
		{
			name: "combined-diff", reason: "merge commits print diff --cc, which we do not read",
			in:    "diff --cc file.go\nindex 1,2..3\n--- a/file.go\n+++ b/file.go\n@@@ -1,1 -1,1 +1,1 @@@\n",
			class: diffstat.ErrUnsupported, line: 1, msg: "combined diff",
		},
		{
			name: "combined-hunk", reason: "@@@ without diff --cc is still combined",
			in:    "--- a/file.go\n+++ b/file.go\n@@@ -1,1 -1,1 +1,1 @@@\n",
			class: diffstat.ErrUnsupported, line: 3,
		},
		{
			name: "path-too-long", reason: "no file system allows a 5,000-byte path; classifying one would be slow",
			in:    "--- a/" + strings.Repeat("w", 5000) + "\n+++ b/x\n@@ -1 +1 @@\n-a\n+b\n",
			class: diffstat.ErrMalformed, line: 2, msg: "path longer than 4096 bytes",
		},
		{
			name: "rename-path-too-long", reason: "the same limit for rename lines",
			in:    "diff --git a/x b/y\nrename from " + strings.Repeat("w", 5000) + "\nrename to y\n",
			class: diffstat.ErrMalformed, line: 2, msg: "path longer than 4096 bytes",
		},
		{
			name: "changed-lines-without-hunk", reason: "lines after the file header with no @@ would be dropped from the counts",
			in:    "diff --git a/x b/x\n--- a/x\n+++ b/x\n+evil\n-good\n",
			class: diffstat.ErrMalformed, line: 4, msg: "x: \"+\" line with no @@ hunk header",
		},
		{
			name: "changed-lines-in-git-header", reason: "the same without --- and +++",
			in:    "diff --git a/x b/x\nindex 1234567..89abcde 100644\n-good\n",
			class: diffstat.ErrMalformed, line: 3, msg: "\"-\" line with no @@ hunk header",
		},
		{
			name: "changed-lines-in-plain-diff", reason: "and in a plain diff",
			in:    "--- x\n+++ x\n+evil\n",
			class: diffstat.ErrMalformed, line: 3, msg: "no @@ hunk header",
		},
		{
			name: "changed-lines-after-a-hunk-file", reason: "in the second file of a diff",
			in:    "--- a/x\n+++ b/x\n@@ -1 +1 @@\n-a\n+b\ndiff --git a/y b/y\n--- a/y\n+++ b/y\n+c\n",
			class: diffstat.ErrMalformed, line: 9, msg: "y: \"+\" line",
		},
		{
			name: "git-names-disagree", reason: "a diff --git line naming two files is a rename or copy, which says so",
			in:    "diff --git a/x.go b/y.go\n--- a/x.go\n+++ b/x.go\n@@ -1 +1 @@\n-a\n+b\n",
			class: diffstat.ErrMalformed, line: 1, msg: `diff --git line names "a/x.go" and "b/y.go", two different files`,
		},
		{
			name: "git-names-disagree-no-prefix", reason: "the same with --no-prefix",
			in:    "diff --git x.go y.go\nindex 1..2 100644\n",
			class: diffstat.ErrMalformed, line: 1, msg: "two different files",
		},
		{
			name: "git-names-disagree-not-first", reason: "the line of the section at fault, not the last",
			in:    "diff --git a/ok b/ok\nnew file mode 100644\ndiff --git a/p/x b/q/x\nold mode 100644\nnew mode 100755\ndiff --git a/z b/z\n",
			class: diffstat.ErrMalformed, line: 3, msg: `"a/p/x" and "b/q/x"`,
		},
		{
			name: "bad-quoted-path", reason: "an unterminated quote in a header",
			in:    "diff --git \"a/x b/x\n--- a/x\n+++ b/x\n",
			class: diffstat.ErrMalformed, line: 1, msg: "cannot read the paths",
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := diffstat.Parse(strings.NewReader(tc.in), nil)
			require.Error(t, err, tc.reason)
			assert.ErrorIs(t, err, tc.class, tc.reason)
			var pe *diffstat.ParseError
			require.ErrorAs(t, err, &pe)
			assert.Equal(t, tc.line, pe.Line, "line of %v", err)
			assert.Contains(t, err.Error(), tc.msg)
			assert.True(t, strings.HasPrefix(err.Error(), "diffstat: "), err.Error())
		})
	}
}

func TestSizeLimit(t *testing.T) {
	in := "--- a/x\n+++ b/x\n@@ -0,0 +1,100 @@\n" + strings.Repeat("+line\n", 100)
	_, err := diffstat.Parse(strings.NewReader(in), &diffstat.Options{MaxBytes: 100})
	require.ErrorIs(t, err, diffstat.ErrTooLarge)
	assert.Contains(t, err.Error(), "100-byte limit")

	d, err := diffstat.Parse(strings.NewReader(in), &diffstat.Options{MaxBytes: -1})
	require.NoError(t, err)
	assert.Equal(t, 100, d.Files[0].Added)
}

func TestEmptyInputIsEmptyDiff(t *testing.T) {
	for _, in := range []string{"", "\n", "\n\n  \n"} {
		d := parse(t, in)
		assert.Empty(t, d.Files)
		assert.Equal(t, 0, d.Totals().All.Files)
	}
}

func TestReadErrorIsReported(t *testing.T) {
	boom := errors.New("disk on fire")
	r := io.MultiReader(strings.NewReader("--- a/x\n+++ b/x\n@@ -1 +1 @@\n"), iotest.ErrReader(boom))
	_, err := diffstat.Parse(r, nil)
	require.ErrorIs(t, err, boom)
}

func TestFileDetails(t *testing.T) {
	in := `diff --git a/old name.txt b/new name.txt
similarity index 90%
rename from old name.txt
rename to new name.txt
index 1111111..2222222 100644
--- a/old name.txt	
+++ b/new name.txt	
@@ -1,2 +1,2 @@
 keep
-old
+new
diff --git a/run.sh b/run.sh
old mode 100644
new mode 100755
diff --git a/vendor/github.com/x/y/y.go b/vendor/github.com/x/y/y.go
deleted file mode 100644
index 3333333..0000000
--- a/vendor/github.com/x/y/y.go
+++ /dev/null
@@ -1 +0,0 @@
-package y
diff --git a/api/api.pb.go b/api/api.pb.go
new file mode 100644
index 0000000..4444444
--- /dev/null
+++ b/api/api.pb.go
@@ -0,0 +1,2 @@
+// Code generated by protoc-gen-go. DO NOT EDIT.
+package api
diff --git a/go.sum b/go.sum
index 5555555..6666666 100644
--- a/go.sum
+++ b/go.sum
@@ -1 +1,2 @@
 a v1 h1:x
+b v1 h1:y
diff --git a/img.png b/img.png
index 7777777..8888888 100644
Binary files a/img.png and b/img.png differ
`
	d := parse(t, in)
	require.Len(t, d.Files, 6)

	f := d.Files[0]
	assert.Equal(t, "old name.txt", f.OldPath)
	assert.Equal(t, "new name.txt", f.NewPath)
	assert.Equal(t, diffstat.OpRenamed, f.Op)
	assert.Equal(t, 90, f.Similarity)
	assert.Equal(t, [2]int{1, 1}, [2]int{f.Added, f.Deleted})
	assert.Equal(t, 1, f.Line)

	f = d.Files[1]
	assert.Equal(t, diffstat.OpModeChanged, f.Op)
	assert.Equal(t, "100644", f.OldMode)
	assert.Equal(t, "100755", f.NewMode)

	f = d.Files[2]
	assert.Equal(t, diffstat.OpDeleted, f.Op)
	assert.Equal(t, "", f.NewPath)
	assert.Equal(t, "vendor/github.com/x/y/y.go", f.Path())
	assert.Equal(t, diffstat.KindVendored, f.Kind)

	f = d.Files[3]
	assert.Equal(t, diffstat.OpAdded, f.Op)
	assert.Equal(t, diffstat.KindGenerated, f.Kind)

	assert.Equal(t, diffstat.KindLockfile, d.Files[4].Kind)
	assert.True(t, d.Files[5].Binary)
	assert.Equal(t, "-\t-\timg.png", d.Files[5].String())

	tot := d.Totals()
	assert.Equal(t, diffstat.Count{Files: 6, Added: 4, Deleted: 2}, tot.All)
	assert.Equal(t, diffstat.Count{Files: 3, Added: 1, Deleted: 1}, tot.Reviewable)
	assert.Equal(t, diffstat.Count{Files: 1, Added: 1, Deleted: 0}, tot.ByKind[diffstat.KindLockfile])
}

func TestGeneratedByContent(t *testing.T) {
	in := "diff --git a/zz.go b/zz.go\nnew file mode 100644\n--- /dev/null\n+++ b/zz.go\n@@ -0,0 +1,3 @@\n" +
		"+// Code generated by stringer -type=Op; DO NOT EDIT.\n+\n+package x\n"
	d := parse(t, in)
	assert.Equal(t, diffstat.KindGenerated, d.Files[0].Kind)

	// The same header in the middle of an existing file says nothing.
	in = "--- a/x.go\n+++ b/x.go\n@@ -40,1 +40,2 @@\n ctx\n+// Code generated by stringer -type=Op; DO NOT EDIT.\n"
	assert.Equal(t, diffstat.KindSource, parse(t, in).Files[0].Kind)
}

func TestHunks(t *testing.T) {
	in := "diff --git a/q.sql b/q.sql\n--- a/q.sql\n+++ b/q.sql\n" +
		"@@ -1,3 +1,3 @@ SELECT\n select 1;\n--- a comment\n+++ b/looks-like-a-header\n select 2;\n" +
		"@@ -10,2 +10,2 @@\n x\n-y\n\\ No newline at end of file\n+y\n"
	d := parse(t, in)
	hunks, err := d.Files[0].Hunks()
	require.NoError(t, err)
	require.Len(t, hunks, 2)

	h := hunks[0]
	assert.Equal(t, "SELECT", h.Section)
	assert.Equal(t, 4, h.Line)
	assert.Equal(t, []diffstat.Line{
		{Op: diffstat.LineContext, Old: 1, New: 1, Text: "select 1;"},
		{Op: diffstat.LineDeleted, Old: 2, Text: "-- a comment"},
		{Op: diffstat.LineAdded, New: 2, Text: "++ b/looks-like-a-header"},
		{Op: diffstat.LineContext, Old: 3, New: 3, Text: "select 2;"},
	}, h.Lines)

	h = hunks[1]
	assert.Equal(t, 9, h.Line)
	assert.Equal(t, []diffstat.Line{
		{Op: diffstat.LineContext, Old: 10, New: 10, Text: "x"},
		{Op: diffstat.LineDeleted, Old: 11, Text: "y", NoNewline: true},
		{Op: diffstat.LineAdded, New: 11, Text: "y"},
	}, h.Lines)
}

func TestScannerStreamsWithoutPatches(t *testing.T) {
	in := "--- a/x\n+++ b/x\n@@ -1 +1 @@\n-a\n+b\n"
	s := diffstat.NewScanner(strings.NewReader(in), nil)
	require.True(t, s.Next())
	_, err := s.File().Hunks()
	require.ErrorIs(t, err, diffstat.ErrNoPatch)
	require.False(t, s.Next())
	require.NoError(t, s.Err())
}

func TestLongLines(t *testing.T) {
	// A minified bundle's single line is far longer than any buffer.
	long := strings.Repeat("x", 1<<20)
	in := "--- a/app.js\n+++ b/app.js\n@@ -1 +1 @@\n-" + long + "\n+" + long + "y\n"
	d := parse(t, in)
	assert.Equal(t, [2]int{1, 1}, [2]int{d.Files[0].Added, d.Files[0].Deleted})
	hunks, err := d.Files[0].Hunks()
	require.NoError(t, err)
	assert.Equal(t, long+"y", hunks[0].Lines[1].Text)

	// A header line that long is not a diff anyone made.
	_, err = diffstat.Parse(strings.NewReader("diff --git a/"+long+" b/x\n"), nil)
	require.ErrorIs(t, err, diffstat.ErrMalformed)
}

func TestSplitReads(t *testing.T) {
	// The same diff fed one byte at a time parses the same.
	in := "diff --git a/x b/x\n--- a/x\n+++ b/x\n@@ -1,2 +1,2 @@\n a\n-b\n+c\n"
	d, err := diffstat.Parse(iotest.OneByteReader(bytes.NewReader([]byte(in))), nil)
	require.NoError(t, err)
	assert.Equal(t, parse(t, in).String(), d.String())
}
