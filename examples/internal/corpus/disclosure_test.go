package corpus

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestEvalDisclosure runs a tiny corpus over commits and an AIDev-shaped
// CSV written here, with one missing repository and one missing PR.
func TestEvalDisclosure(t *testing.T) {
	dir := t.TempDir()
	clones := filepath.Join(dir, "clones")
	shas := gitRepo(t, filepath.Join(clones, "acme+tool", "repo"), true,
		[2]string{"Fix the parser\n\nCo-authored-by: Claude <noreply@anthropic.com>\n", "Ann <ann@example.org>"},
		[2]string{"Add a provider for a model vendor\n", "Bob <bob@example.org>"})
	aidev := filepath.Join(dir, "aidev", "Agent")
	if err := os.MkdirAll(aidev, 0o755); err != nil {
		t.Fatal(err)
	}
	prs := "id,number,title,user,repo_url,body\n" +
		"1,7,Fix typo,bot,https://api.github.com/repos/acme/site,\"Fixed it.\n\nLink to Devin run: https://app.devin.ai/sessions/0123456789abcdef0123\"\n" +
		"2,8,Docs,someone,https://api.github.com/repos/acme/site,Plain human text.\n"
	if err := os.WriteFile(filepath.Join(aidev, "prs.csv"), []byte(prs), 0o644); err != nil {
		t.Fatal(err)
	}
	facts := "source,repo,ref,kind,class,ai,stance,tools,split\n" +
		"git,acme/tool," + shas[0] + ",commit,trailer,yes,assisted,claude-code,dev\n" +
		"git,acme/tool," + shas[1] + ",commit,neg-topic,no,none,,test\n" +
		"git,gone/repo," + shas[0] + ",commit,trailer,yes,assisted,claude-code,dev\n" +
		"aidev,acme/site,7,description,link,yes,generated,devin,test\n" +
		"aidev,acme/site,8,description,neg-human,no,none,,dev\n" +
		"aidev,acme/site,9,description,neg-human,no,none,,dev\n"
	path := filepath.Join(dir, "facts.csv")
	if err := os.WriteFile(path, []byte(facts), 0o644); err != nil {
		t.Fatal(err)
	}
	rows, err := ReadDisclosureFacts(path)
	if err != nil {
		t.Fatal(err)
	}
	rep, err := EvalDisclosure(context.Background(), rows, DisclosureOptions{Clones: clones, AIDev: filepath.Join(dir, "aidev")})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Total.N != 4 || rep.Total.TP != 2 || rep.Total.TN != 2 || len(rep.Missing) != 2 {
		t.Errorf("total = %+v, missing = %+v, wrong = %+v", rep.Total, rep.Missing, rep.Wrong)
	}
	if got := rep.Total.Checks["tools"]; got != (Ratio{OK: 2, N: 2}) {
		t.Errorf("tools = %+v, wrong = %+v", got, rep.Wrong)
	}
	dev, err := EvalDisclosure(context.Background(), rows, DisclosureOptions{Clones: clones, AIDev: filepath.Join(dir, "aidev"), Split: "dev"})
	if err != nil || dev.Total.N != 2 {
		t.Errorf("dev split: %v, n = %d", err, dev.Total.N)
	}
	if _, err := EvalDisclosure(context.Background(), rows, DisclosureOptions{Split: "train"}); err == nil {
		t.Error("a bad split was accepted")
	}
}

func TestReadDisclosureFactsErrors(t *testing.T) {
	for _, tc := range []struct{ name, row, want string }{
		{"bad source", "web,a/b,1,commit,x,no,none,,dev", "source"},
		{"bad ai", "git,a/b,1,commit,x,maybe,none,,dev", "ai"},
		{"stance contradicts", "git,a/b,1,commit,x,yes,none,,dev", "contradicts"},
		{"tools on negative", "git,a/b,1,commit,x,no,none,copilot,dev", "tools"},
		{"bad stance", "git,a/b,1,commit,x,no,nope,,dev", "stance"},
	} {
		path := filepath.Join(t.TempDir(), "f.csv")
		os.WriteFile(path, []byte("source,repo,ref,kind,class,ai,stance,tools,split\n"+tc.row+"\n"), 0o644)
		_, err := ReadDisclosureFacts(path)
		var fe *FactError
		if !errors.As(err, &fe) || fe.Line != 2 || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: err = %v", tc.name, err)
		}
	}
}
