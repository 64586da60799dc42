package corpus

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// gitRepo makes a repository at dir with the given commits (message,
// author) and returns their SHAs. bare clones it bare at dir instead.
func gitRepo(t *testing.T, dir string, bare bool, commits ...[2]string) []string {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not installed")
	}
	work := dir
	if bare {
		work = t.TempDir()
	}
	run := func(env []string, args ...string) string {
		t.Helper()
		cmd := exec.Command("git", args...)
		cmd.Dir = work
		cmd.Env = append(os.Environ(), "GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_SYSTEM=/dev/null",
			"GIT_COMMITTER_NAME=Com Mitter", "GIT_COMMITTER_EMAIL=committer@example.org")
		cmd.Env = append(cmd.Env, env...)
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
		return strings.TrimSpace(string(out))
	}
	if err := os.MkdirAll(work, 0o755); err != nil {
		t.Fatal(err)
	}
	run(nil, "init", "-q", "-b", "main")
	var shas []string
	for _, c := range commits {
		name, email, _ := strings.Cut(strings.TrimSuffix(c[1], ">"), " <")
		run([]string{"GIT_AUTHOR_NAME=" + name, "GIT_AUTHOR_EMAIL=" + email}, "commit", "-q", "--allow-empty", "--cleanup=verbatim", "-m", c[0])
		shas = append(shas, run(nil, "rev-parse", "HEAD"))
	}
	if bare {
		cmd := exec.Command("git", "clone", "-q", "--bare", work, dir)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git clone: %v\n%s", err, out)
		}
	}
	return shas
}

func TestFindRepoAndCommit(t *testing.T) {
	dir := t.TempDir()
	// The fetch tool's layout: owner+name/repo, bare.
	a := gitRepo(t, filepath.Join(dir, "acme+tool", "repo"), true,
		[2]string{"Fix the parser\n\nIt skipped the last line.\n", "Ann Author <ann@example.org>"})
	// A plain clone: owner/name with a work tree.
	b := gitRepo(t, filepath.Join(dir, "other", "lib"), false,
		[2]string{"Add docs", "Bob <bob@example.org>"})
	// A bare clone directly at owner+name.
	c := gitRepo(t, filepath.Join(dir, "bare+one"), true, [2]string{"Init", "Cy <cy@example.org>"})

	ctx := context.Background()
	for _, tc := range []struct {
		repo, sha, msg, author string
	}{
		{"acme/tool", a[0], "Fix the parser\n\nIt skipped the last line.", "Ann Author <ann@example.org>"},
		{"other/lib", b[0], "Add docs", "Bob <bob@example.org>"},
		{"bare/one", c[0], "Init", "Cy <cy@example.org>"},
	} {
		r, err := FindRepo(dir, tc.repo)
		if err != nil {
			t.Fatalf("FindRepo(%s): %v", tc.repo, err)
		}
		got, err := r.Commit(ctx, tc.sha)
		if err != nil {
			t.Fatalf("%s: Commit: %v", tc.repo, err)
		}
		if got.Message != tc.msg || got.Author() != tc.author || got.Committer() != "Com Mitter <committer@example.org>" || got.SHA != tc.sha {
			t.Errorf("%s: got %+v", tc.repo, got)
		}
	}

	if _, err := FindRepo(dir, "no/such"); !errors.Is(err, ErrNoRepo) {
		t.Errorf("missing repository: err = %v, want ErrNoRepo", err)
	}
	if _, err := FindRepo(dir, "../x"); err == nil || errors.Is(err, ErrNoRepo) {
		t.Errorf("bad name: err = %v, want a usage error", err)
	}
	r, _ := FindRepo(dir, "acme/tool")
	if _, err := r.Commit(ctx, strings.Repeat("0", 40)); !errors.Is(err, ErrNoCommit) {
		t.Errorf("missing commit: err = %v, want ErrNoCommit", err)
	}
	if _, err := r.Commit(ctx, "--output=x"); err == nil {
		t.Error("an option as a commit was accepted")
	}
}

func TestReadFactsErrors(t *testing.T) {
	for _, tc := range []struct {
		name, in, want string
	}{
		{"empty file", "", "corpus: f.csv: empty file"},
		{"missing column", "repo,ref\nx/y,1\n", "corpus: f.csv:1: missing column \"class\""},
		{"empty required value", "repo,ref,class\nx/y,1,a\nx/y,,b\n", "corpus: f.csv:3: empty \"ref\""},
		{"bad quoting", "repo,ref,class\nx/y,\"1,a\n", "corpus: f.csv:"},
		{"duplicate column", "repo,repo,class\n", "corpus: f.csv:1: column \"repo\" appears twice"},
	} {
		_, err := ParseFacts(strings.NewReader(tc.in), "f.csv", "repo", "ref", "class")
		var fe *FactError
		if !errors.As(err, &fe) || !strings.HasPrefix(err.Error(), tc.want) {
			t.Errorf("%s: err = %v, want prefix %q", tc.name, err, tc.want)
		}
	}
	facts, err := ParseFacts(strings.NewReader("# comment\nrepo,ref,class,extra\nx/y, 1 ,a,\n\nx/z,2,b,e\n"), "f.csv", "repo", "ref", "class")
	if err != nil {
		t.Fatal(err)
	}
	if len(facts) != 2 || facts[0].Get("ref") != "1" || facts[1].Line != 5 || facts[1].Get("extra") != "e" || facts[0].Get("nope") != "" {
		t.Errorf("facts = %+v", facts)
	}
	if _, err := ReadFacts(filepath.Join(t.TempDir(), "none.csv"), "repo"); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing file: err = %v", err)
	}
}

func TestReport(t *testing.T) {
	var r Report
	r.Add("trailer", true, true, Check{Name: "tools", OK: true, Applies: true})
	r.Add("trailer", true, false, Check{Name: "tools", OK: false, Applies: true})
	r.Add("negative", false, true, Check{Name: "tools", Applies: false})
	r.Add("negative", false, false)
	r.AddMissing("trailer", "a/b", "abc", errors.New("gone"))
	if r.Total.N != 4 || r.Total.TP != 1 || r.Total.FN != 1 || r.Total.FP != 1 || r.Total.TN != 1 {
		t.Errorf("total = %+v", r.Total)
	}
	if got := r.Classes[0].Checks["tools"]; got != (Ratio{OK: 1, N: 2}) {
		t.Errorf("trailer tools = %+v", got)
	}
	var b bytes.Buffer
	if err := r.WriteText(&b); err != nil {
		t.Fatal(err)
	}
	// Only what the figures are, not the layout.
	for _, want := range []string{"negative", "trailer", "all", "0.500", "(1/2)", "missing: 1", "a/b@abc: gone"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("text report lacks %q:\n%s", want, b.String())
		}
	}
	b.Reset()
	if err := r.WriteJSON(&b); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), `"recall": null`) || !strings.Contains(b.String(), `"recall": 0.5`) {
		t.Errorf("JSON report:\n%s", b.String())
	}
}
