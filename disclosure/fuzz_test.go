package disclosure

import (
	"testing"
)

// FuzzParse checks that no input panics and that every span lies inside
// the input and quotes it, for descriptions and commit messages alike.
func FuzzParse(f *testing.F) {
	for _, c := range append(shapes, negatives...) {
		f.Add(c.in, c.commit)
	}
	for _, c := range trailerCases {
		f.Add(c.msg, true)
	}
	for _, c := range classShapes {
		f.Add(c.in, c.commit)
	}
	f.Fuzz(func(t *testing.T, in string, commit bool) {
		d := DefaultParser().ParseSource(Source{Text: in, Commit: commit, Author: "Copilot"})
		checkSpans(t, in, d)
		if d.Stance > StanceGenerated {
			t.Fatalf("stance %d out of range", d.Stance)
		}
		for _, tr := range Trailers(in) {
			if tr.Start < 0 || tr.End > len(in) || tr.Start > tr.End {
				t.Fatalf("trailer span %d-%d outside %d bytes", tr.Start, tr.End, len(in))
			}
		}
	})
}

// FuzzIdentify checks that Identify never panics and always returns a
// known kind, with a tool exactly when the kind is an AI one.
func FuzzIdentify(f *testing.F) {
	for _, w := range []string{
		"Claude <noreply@anthropic.com>", "Jane Roe (claude) <jane+claude@example.org>", "Codex (GPT-9.2)",
		"cubic-dev-ai[bot] <1+cubic-dev-ai[bot]@users.noreply.github.com>", "Kiro Agent <2+kiro-agent@users.noreply.github.com>",
		"Copilot Autofix powered by AI <1+code-scanner[bot]@users.noreply.github.com>", "()", "[bot]", "a@b", "<@>", "x (",
	} {
		f.Add(w)
	}
	f.Fuzz(func(t *testing.T, who string) {
		id := Identify(who)
		if id.Kind > IdentityAIVendor {
			t.Fatalf("kind %d out of range", id.Kind)
		}
		if id.Kind.AI() != (id.Tool != "") {
			t.Fatalf("kind %s with tool %q: %+v", id.Kind, id.Tool, id)
		}
	})
}

// FuzzParseInput checks a whole contribution: title, body, author and a
// commit with its own author and committer.
func FuzzParseInput(f *testing.F) {
	f.Add("codex/fix-the-pager", "Fixes it.\n\nhttps://chatgpt.com/codex/tasks/task_e_0123456789abcdef", "octocat", "Fix\n\nCo authored by Claude Opus 9.1\n", "Jane <j@example.org>", "Cline Agent <2+cline-agent@users.noreply.github.com>")
	f.Add("", "", "", "", "", "")
	f.Fuzz(func(t *testing.T, title, body, author, msg, commitAuthor, committer string) {
		d := ParseInput(Input{Title: title, Body: body, Author: author, Commits: []Commit{{Message: msg, Author: commitAuthor, Committer: committer}}})
		texts := map[string]string{"title": title, "body": body, "commit 1": msg}
		for _, e := range d.Evidence {
			text, ok := texts[e.Where]
			if !ok {
				continue // identities carry no span
			}
			if e.Start < 0 || e.End > len(text) || e.Start > e.End {
				t.Fatalf("%s: span %d-%d outside %d bytes", e.Where, e.Start, e.End, len(text))
			}
		}
		if d.Stance > StanceGenerated {
			t.Fatalf("stance %d out of range", d.Stance)
		}
	})
}
