package diffstat_test

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/heft-dev/heft/diffstat"
)

// repo is a throwaway git repository in a temp dir.
type repo struct {
	t   *testing.T
	dir string
}

func newRepo(t *testing.T) *repo {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Fatal("these tests compare against git, which is not installed")
	}
	r := &repo{t: t, dir: t.TempDir()}
	r.git("init", "-q", "-b", "main")
	r.git("config", "user.name", "Test Author")
	r.git("config", "user.email", "author@example.com")
	r.git("config", "core.autocrlf", "false")
	r.git("config", "commit.gpgsign", "false")
	return r
}

func (r *repo) git(args ...string) []byte {
	r.t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = r.dir
	cmd.Env = append(os.Environ(), "GIT_CONFIG_NOSYSTEM=1", "HOME="+r.dir, "LC_ALL=C")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		r.t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, stderr.String())
	}
	return out
}

func (r *repo) write(name, content string) {
	r.t.Helper()
	p := filepath.Join(r.dir, name)
	require.NoError(r.t, os.MkdirAll(filepath.Dir(p), 0o755))
	require.NoError(r.t, os.WriteFile(p, []byte(content), 0o644))
}

func (r *repo) remove(name string) {
	r.t.Helper()
	require.NoError(r.t, os.Remove(filepath.Join(r.dir, name)))
}

func (r *repo) commit(msg string) {
	r.t.Helper()
	r.git("add", "-A")
	r.git("commit", "-q", "--allow-empty", "-m", msg)
}

// numstat is one entry of git diff --numstat -z.
type numstat struct {
	added, deleted string // "-" for binary
	oldPath, path  string
}

func (r *repo) numstat(args ...string) []numstat {
	r.t.Helper()
	out := r.git(append([]string{"diff", "--numstat", "-z"}, args...)...)
	var list []numstat
	fields := strings.Split(string(out), "\x00")
	for i := 0; i < len(fields); i++ {
		if fields[i] == "" {
			continue
		}
		parts := strings.SplitN(fields[i], "\t", 3)
		require.Len(r.t, parts, 3, "numstat entry %q", fields[i])
		n := numstat{added: parts[0], deleted: parts[1], path: parts[2]}
		if n.path == "" { // rename or copy: old and new paths follow
			n.oldPath, n.path = fields[i+1], fields[i+2]
			i += 2
		}
		list = append(list, n)
	}
	return list
}

// sameAsGit parses git diff ARGS with diffstat and compares it, file by
// file, with git diff --numstat ARGS.
func (r *repo) sameAsGit(args ...string) *diffstat.Diff {
	r.t.Helper()
	patch := r.git(append([]string{"diff"}, args...)...)
	d, err := diffstat.Parse(bytes.NewReader(patch), nil)
	require.NoError(r.t, err, "parsing:\n%s", patch)
	var statArgs []string
	for _, a := range args {
		if !strings.HasPrefix(a, "-U") && a != "--binary" {
			statArgs = append(statArgs, a)
		}
	}
	want := r.numstat(statArgs...)
	got := make([]numstat, 0, len(d.Files))
	for _, f := range d.Files {
		n := numstat{added: strconv.Itoa(f.Added), deleted: strconv.Itoa(f.Deleted), path: f.Path()}
		if f.Binary {
			n.added, n.deleted = "-", "-"
		}
		if f.Op == diffstat.OpRenamed || f.Op == diffstat.OpCopied {
			n.oldPath = f.OldPath
		}
		got = append(got, n)
	}
	require.Equal(r.t, fmt.Sprint(want), fmt.Sprint(got), "diffstat disagrees with git diff --numstat on:\n%s", patch)
	return d
}

func lines(prefix string, n int) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "%s line %d\n", prefix, i)
	}
	return b.String()
}

func TestAgreesWithGitNumstat(t *testing.T) {
	type step struct {
		name   string
		reason string
		base   func(r *repo)
		change func(r *repo)
		args   []string // extra git diff arguments

		indexOnly bool // the steps change the index; commit it as it is
	}
	big := lines("stable", 300)
	edited := strings.Replace(strings.Replace(big, "stable line 10\n", "changed line 10\nextra\n", 1),
		"stable line 250\n", "", 1)
	cases := []step{
		{
			name: "modify-add-delete", reason: "the three everyday operations",
			base: func(r *repo) {
				r.write("main.go", "package main\n\nfunc main() {}\n")
				r.write("old.txt", lines("old", 5))
			},
			change: func(r *repo) {
				r.write("main.go", "package main\n\nimport \"fmt\"\n\nfunc main() { fmt.Println(1) }\n")
				r.write("docs/new.md", "# New\n\nText.\n")
				r.remove("old.txt")
			},
		},
		{
			name: "many-hunks", reason: "several hunks in one file, counts checked per hunk",
			base:   func(r *repo) { r.write("big.txt", big) },
			change: func(r *repo) { r.write("big.txt", edited) },
		},
		{
			name: "many-hunks-U0", reason: "zero context gives hunk headers with ,0 counts",
			base:   func(r *repo) { r.write("big.txt", big) },
			change: func(r *repo) { r.write("big.txt", edited) },
			args:   []string{"-U0"},
		},
		{
			name: "rename-with-edits", reason: "a rename whose content also changed",
			base: func(r *repo) { r.write("src/a.go", big) },
			change: func(r *repo) {
				r.remove("src/a.go")
				r.write("src/b.go", edited)
			},
			args: []string{"-M"},
		},
		{
			name: "pure-rename", reason: "100% similarity has no hunks and no ---/+++ lines",
			base: func(r *repo) { r.write("x/one.txt", big) },
			change: func(r *repo) {
				r.remove("x/one.txt")
				r.write("y/two.txt", big)
			},
			args: []string{"-M"},
		},
		{
			name: "copy", reason: "copy from/copy to headers",
			base: func(r *repo) { r.write("orig.c", big) },
			change: func(r *repo) {
				r.write("copy.c", edited)
			},
			args: []string{"-C", "--find-copies-harder"},
		},
		{
			name: "binary", reason: "binary files count as - like numstat",
			base: func(r *repo) { r.write("img.bin", "\x00\x01\x02binary") },
			change: func(r *repo) {
				r.write("img.bin", "\x00\x01\x03binary changed")
				r.write("new.bin", "\x00\x00\x00")
			},
		},
		{
			name: "binary-patch", reason: "GIT binary patch bodies are skipped, not parsed as lines",
			base: func(r *repo) { r.write("img.bin", "\x00\x01\x02binary") },
			change: func(r *repo) {
				r.write("img.bin", strings.Repeat("\x00\x01\x03binary changed ", 200))
				r.write("after.txt", "text after a binary patch\n")
			},
			args: []string{"--binary"},
		},
		{
			name: "no-newline-at-eof", reason: `"\ No newline at end of file" is not a line`,
			base: func(r *repo) {
				r.write("a.txt", "one\ntwo")
				r.write("b.txt", "one\ntwo\n")
				r.write("c.txt", "one\ntwo")
			},
			change: func(r *repo) {
				r.write("a.txt", "one\ntwo\n")
				r.write("b.txt", "one\ntwo")
				r.write("c.txt", "one\nthree")
			},
		},
		{
			name: "crlf", reason: "CRLF line endings, including an empty CRLF line",
			base: func(r *repo) { r.write("win.txt", "a\r\n\r\nb\r\nc\r\n") },
			change: func(r *repo) {
				r.write("win.txt", "a\r\n\r\nB\r\nc\r\nd\r\n")
			},
		},
		{
			name: "empty-files", reason: "an added and a deleted empty file have no hunks",
			base: func(r *repo) { r.write("gone.txt", "") },
			change: func(r *repo) {
				r.remove("gone.txt")
				r.write("empty.txt", "")
			},
		},
		{
			name: "mode-only", reason: "old mode/new mode and nothing else",
			base: func(r *repo) { r.write("run.sh", "#!/bin/sh\necho hi\n") },
			change: func(r *repo) {
				require.NoError(t, os.Chmod(filepath.Join(r.dir, "run.sh"), 0o755))
			},
		},
		{
			name: "mode-and-content", reason: "a mode change with edits is a modification",
			base: func(r *repo) { r.write("run.sh", "#!/bin/sh\necho hi\n") },
			change: func(r *repo) {
				r.write("run.sh", "#!/bin/sh\necho bye\n")
				require.NoError(t, os.Chmod(filepath.Join(r.dir, "run.sh"), 0o755))
			},
		},
		{
			name: "symlink-to-file", reason: "git prints a type change as a deletion and an addition; numstat joins them",
			base: func(r *repo) {
				r.write("target.txt", "t\n")
				require.NoError(t, os.Symlink("target.txt", filepath.Join(r.dir, "link")))
			},
			change: func(r *repo) {
				r.remove("link")
				r.write("link", "now a file\nwith two lines\n")
			},
		},
		{
			name: "submodule", reason: "a submodule pointer change is one Subproject line each side",
			base: func(r *repo) {
				r.git("update-index", "--add", "--cacheinfo", "160000,1111111111111111111111111111111111111111,vendor/sub")
			},
			change: func(r *repo) {
				r.git("update-index", "--cacheinfo", "160000,2222222222222222222222222222222222222222,vendor/sub")
			},
			indexOnly: true,
		},
		{
			name: "non-utf8", reason: "Latin-1 bytes are content like any other",
			base: func(r *repo) { r.write("latin1.txt", "caf\xe9\n") },
			change: func(r *repo) {
				r.write("latin1.txt", "caf\xe9 cr\xe8me\nna\xefve\n")
			},
		},
		{
			name: "awkward-paths", reason: "spaces, quotes, tabs, non-ASCII and a leading a/ directory",
			base: func(r *repo) {},
			change: func(r *repo) {
				r.write("dir with space/file name.txt", "x\n")
				r.write("quote\"d.txt", "x\n")
				r.write("tab\there.txt", "x\n")
				r.write("café/naïve.go", "package café\n")
				r.write("a/b/c.txt", "x\n")
				r.write("b/a.txt", "x\n")
			},
		},
		{
			name: "rename-awkward-paths", reason: "rename from/to lines with quoted paths",
			base: func(r *repo) { r.write("old name é.txt", big) },
			change: func(r *repo) {
				r.remove("old name é.txt")
				r.write("new name ü.txt", edited)
			},
			args: []string{"-M"},
		},
		{
			name: "header-lookalikes", reason: "content lines that look like ---/+++ headers, -- signatures and @@ markers",
			base: func(r *repo) {
				r.write("q.sql", "select 1;\n-- a comment\n-- another\nselect 2;\n")
				r.write("c.c", "int i;\n")
			},
			change: func(r *repo) {
				r.write("q.sql", "select 1;\n++ added\n+++ b/fake\n@@ -1 +1 @@\nselect 2;\n")
				r.write("c.c", "int i;\n-- \n--- a/x\n+++ b/x\n")
			},
		},
		{
			name: "no-prefix", reason: "git diff --no-prefix leaves no a/ b/ to strip",
			base: func(r *repo) { r.write("pkg/x.go", "package x\n") },
			change: func(r *repo) {
				r.write("pkg/x.go", "package x\n\nvar Y = 1\n")
				r.write("a/real.txt", "x\n")
			},
			args: []string{"--no-prefix"},
		},
		{
			name: "mnemonic-prefix", reason: "diff.mnemonicPrefix uses c/ and w/ or i/",
			base: func(r *repo) { r.write("pkg/x.go", "package x\n") },
			change: func(r *repo) {
				r.write("pkg/x.go", "package x\n\nvar Y = 1\n")
			},
			args: []string{"--src-prefix=c/", "--dst-prefix=w/"},
		},
		{
			name: "large-context", reason: "-U10 merges nearby hunks",
			base:   func(r *repo) { r.write("big.txt", big) },
			change: func(r *repo) { r.write("big.txt", edited) },
			args:   []string{"-U10"},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := newRepo(t)
			r.write("README", "base\n")
			commit := r.commit
			if tc.indexOnly {
				commit = func(msg string) { r.git("commit", "-q", "-m", msg) }
			}
			tc.base(r)
			commit("base")
			tc.change(r)
			commit("change")
			r.sameAsGit(append(tc.args, "HEAD~1", "HEAD")...)
		})
	}
}

// applyNumstat asks git apply --numstat, which reads any patch git can
// apply (plain diff -u, format-patch mails), as the oracle.
func (r *repo) applyNumstat(patch []byte) string {
	r.t.Helper()
	cmd := exec.Command("git", "apply", "--numstat", "-")
	cmd.Dir = r.dir
	cmd.Stdin = bytes.NewReader(patch)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	require.NoError(r.t, err, "git apply --numstat: %s", stderr.String())
	return string(out)
}

func TestAgreesWithGitApplyOnOtherFormats(t *testing.T) {
	r := newRepo(t)
	r.write("lib/a.txt", lines("a", 40))
	r.write("lib/b.txt", lines("b", 40))
	r.commit("base")
	r.write("lib/a.txt", strings.Replace(lines("a", 40), "a line 3\n", "A line 3\n", 1))
	r.commit("first change\n\nA body line.\n--- not a header, just prose\n")
	r.write("lib/b.txt", strings.Replace(lines("b", 40), "b line 30\n", "", 1)+"-- \n")
	r.write("lib/c.txt", "new\n")
	r.commit("second change")
	// A section with no hunks (a mode change) followed by the next
	// mail, whose body has lines that start with "-" and "+".
	require.NoError(t, os.Chmod(filepath.Join(r.dir, "lib/c.txt"), 0o755))
	r.commit("third change\n\n- make c executable\n+ a line that looks added\n")
	r.write("lib/c.txt", "newer\n")
	r.commit("fourth change\n\n- a bullet\n")

	plainDir := t.TempDir()
	require.NoError(t, os.MkdirAll(filepath.Join(plainDir, "old"), 0o755))
	require.NoError(t, os.MkdirAll(filepath.Join(plainDir, "new"), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(plainDir, "old", "x.txt"), []byte(lines("x", 20)), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(plainDir, "new", "x.txt"),
		[]byte(strings.Replace(lines("x", 20), "x line 7\n", "x line seven\n", 1)), 0o644))
	cmd := exec.Command("diff", "-ruN", "old", "new")
	cmd.Dir = plainDir
	plain, _ := cmd.Output() // diff exits 1 when the trees differ
	if len(plain) == 0 {
		t.Fatal("diff -ruN printed nothing; is GNU diff installed?")
	}

	cases := []struct {
		name, reason string
		patch        []byte
	}{
		{"format-patch", "mail headers, a --- separator, diffstat summary lines, -- signatures between patches",
			r.git("format-patch", "--stdout", "HEAD~4..HEAD")},
		{"format-patch-no-signature", "the same without the -- signature lines that end each mail",
			r.git("format-patch", "--stdout", "--no-signature", "HEAD~4..HEAD")},
		{"log-p", "git log -p: commit headers and indented messages between file sections",
			r.git("log", "-p", "--format=commit %H%nAuthor: %an%n%n    %s%n", "HEAD~4..HEAD")},
		{"log-p-unindented", "git log -p with messages not indented: body lines start with - and +",
			r.git("log", "-p", "--format=commit %H%n%n%B", "HEAD~4..HEAD")},
		{"plain-diff-ruN", "GNU diff -ruN between two trees, with timestamps after a tab", plain},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			d, err := diffstat.Parse(bytes.NewReader(tc.patch), nil)
			require.NoError(t, err, "parsing:\n%s", tc.patch)
			var got strings.Builder
			for _, f := range d.Files {
				fmt.Fprintf(&got, "%d\t%d\t%s\n", f.Added, f.Deleted, f.Path())
			}
			require.Equal(t, r.applyNumstat(tc.patch), got.String(), "on:\n%s", tc.patch)
		})
	}
}
