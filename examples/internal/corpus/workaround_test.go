package corpus

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// workaroundRepo makes a repository at dir/acme+app/repo whose commits
// each write files, and returns their SHAs.
func workaroundRepo(t *testing.T, dir string, commits ...struct {
	msg   string
	files map[string]string
}) []string {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not installed")
	}
	work := filepath.Join(dir, "acme+app", "repo")
	run := func(args ...string) string {
		t.Helper()
		cmd := exec.Command("git", args...)
		cmd.Dir = work
		cmd.Env = append(os.Environ(), "GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_SYSTEM=/dev/null",
			"GIT_AUTHOR_NAME=A", "GIT_AUTHOR_EMAIL=a@example.org", "GIT_COMMITTER_NAME=A", "GIT_COMMITTER_EMAIL=a@example.org")
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
		return strings.TrimSpace(string(out))
	}
	if err := os.MkdirAll(work, 0o755); err != nil {
		t.Fatal(err)
	}
	run("init", "-q", "-b", "main")
	var shas []string
	for _, c := range commits {
		for p, text := range c.files {
			full := filepath.Join(work, p)
			if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(full, []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		run("add", "-A")
		run("commit", "-q", "--allow-empty", "-m", c.msg)
		shas = append(shas, run("rev-parse", "HEAD"))
	}
	return shas
}

func TestEvalWorkaround(t *testing.T) {
	dir := t.TempDir()
	type commit = struct {
		msg   string
		files map[string]string
	}
	shas := workaroundRepo(t, dir,
		commit{"Add compat module", map[string]string{"app/compat.py": "import sys\n", "requirements.txt": "click\n"}},
		commit{"Work around a PyPy bug in context managers", map[string]string{
			"app/compat.py": "import sys\n\n# PyPy is broken here: __exit__ loses the exception.\nBROKEN = hasattr(sys, 'pypy_version_info')\n"}},
		commit{"Pin click to fix the type checks\n\nSee https://github.com/pallets/click/issues/2558.", map[string]string{
			"requirements.txt": "# the latest click is broken with mypy, until it is fixed\nclick==8.1.3\n"}},
		commit{"Remove the PyPy workaround, fixed upstream", map[string]string{"app/compat.py": "import sys\n"}},
		commit{"Bump click to 8.1.7", map[string]string{"requirements.txt": "click==8.1.7\n"}},
	)
	facts := "repo,commit,label,class,upstream,split\n" +
		"acme/app," + shas[1] + ",workaround,runtime-branch,runtime:pypy,dev\n" +
		"acme/app," + shas[2] + ",workaround,pin-with-reason,click,test\n" +
		"acme/app," + shas[3] + ",contrast,workaround-removal,,dev\n" +
		"acme/app," + shas[4] + ",contrast,plain-bump,,test\n" +
		"gone/repo," + shas[4] + ",contrast,plain-bump,,test\n"
	path := filepath.Join(dir, "facts.csv")
	if err := os.WriteFile(path, []byte(facts), 0o644); err != nil {
		t.Fatal(err)
	}
	rows, err := ReadWorkaroundFacts(path)
	if err != nil {
		t.Fatal(err)
	}
	rep, err := EvalWorkaround(context.Background(), rows, WorkaroundOptions{Clones: dir, Split: "all"})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Total.N != 4 || rep.Total.TP != 2 || rep.Total.TN != 2 {
		t.Errorf("total = %+v, want 2 workarounds found and 2 contrasts left alone; wrong: %+v", rep.Total, rep.Wrong)
	}
	if len(rep.Missing) != 1 {
		t.Errorf("missing = %+v, want the repository that is not there", rep.Missing)
	}
	if r := rep.Total.Checks["upstream"]; r.OK != 2 || r.N != 2 {
		t.Errorf("upstream check = %+v, want 2 of 2: %+v", r, rep.Wrong)
	}
	dev, err := EvalWorkaround(context.Background(), rows, WorkaroundOptions{Clones: dir, Split: "dev"})
	if err != nil {
		t.Fatal(err)
	}
	if dev.Total.N != 2 {
		t.Errorf("dev split has %d commits, want 2", dev.Total.N)
	}
}

func TestReadWorkaroundFactsErrors(t *testing.T) {
	for _, tc := range []struct{ name, facts, want string }{
		{"label", "repo,commit,label,class,upstream,split\na/b,abc,maybe,x,,dev\n", "label"},
		{"split", "repo,commit,label,class,upstream,split\na/b,abc,contrast,x,,train\n", "split"},
		{"split-test1", "repo,commit,label,class,upstream,split\na/b,abc,contrast,x,,test1\n", "split"},
		{"split-test02", "repo,commit,label,class,upstream,split\na/b,abc,contrast,x,,test02\n", "split"},
		{"split-test-x", "repo,commit,label,class,upstream,split\na/b,abc,contrast,x,,test-x\n", "split"},
		{"upstream-on-contrast", "repo,commit,label,class,upstream,split\na/b,abc,contrast,x,click,dev\n", "upstream"},
		{"column", "repo,commit,label,upstream,split\n", "class"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := filepath.Join(t.TempDir(), "f.csv")
			if err := os.WriteFile(p, []byte(tc.facts), 0o644); err != nil {
				t.Fatal(err)
			}
			_, err := ReadWorkaroundFacts(p)
			if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), "f.csv") {
				t.Errorf("err = %v, want one naming the file and %q", err, tc.want)
			}
		})
	}
}

func TestWorkaroundSplit(t *testing.T) {
	for s, want := range map[string]bool{
		"dev": true, "test": true, "test2": true, "test6": true, "test12": true,
		"": false, "all": false, "train": false, "test1": false, "test0": false,
		"test02": false, "test+3": false, "test-3": false, "Test2": false, "test2x": false,
	} {
		if got := workaroundSplit(s); got != want {
			t.Errorf("workaroundSplit(%q) = %v, want %v", s, got, want)
		}
	}
}
