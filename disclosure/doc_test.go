package disclosure

import (
	"go/parser"
	"go/token"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// parserRules are the rule IDs the parser itself reports; trailer rules
// are "trailer-" and the key. doc.go lists each of them.
var parserRules = []string{
	"signoff-by-ai", "agent-author", "agent-branch", "tool-footer", "used-tool", "made-with-tool",
	"help-from-tool", "tool-did", "ai-self-statement", "ai-signature", "ai-prompt-heading", "ai-elsewhere",
	"no-ai-statement", "no-ai-scoped", "ticked-checkbox", "ai-section", "ai-label", "details-prompt",
	"details-transcript", "trailer-key-tampered", "trailer-value-tampered", "text-confusables",
}

// TestDocListsRules checks that doc.go names every rule the parser and
// the default catalogue report, and that every rule the tests' texts
// produce is one of them.
func TestDocListsRules(t *testing.T) {
	f, err := parser.ParseFile(token.NewFileSet(), "doc.go", nil, parser.ParseComments|parser.PackageClauseOnly)
	if err != nil {
		t.Fatal(err)
	}
	words := map[string]bool{}
	for _, w := range regexp.MustCompile(`[a-z0-9]+(?:-[a-z0-9]+)+`).FindAllString(f.Doc.Text(), -1) {
		words[w] = true
	}
	known := slices.Clone(parserRules)
	for _, tool := range DefaultCatalogue().Tools {
		for _, p := range append(slices.Clone(tool.Footers), tool.Links...) {
			known = append(known, p.Rule)
		}
	}
	for _, r := range known {
		if !words[r] {
			t.Errorf("doc.go does not list rule %s", r)
		}
	}
	var all []tc
	all = append(append(append(all, shapes...), negatives...), classShapes...)
	for _, c := range all {
		d := DefaultParser().ParseSource(Source{Text: c.in, Commit: c.commit, Author: c.author})
		for _, e := range d.Evidence {
			if !strings.HasPrefix(e.Rule, "trailer-") && !slices.Contains(known, e.Rule) {
				t.Errorf("%s: rule %s is not in parserRules", c.name, e.Rule)
			}
		}
	}
}

func TestMustLiteral(t *testing.T) {
	for _, tt := range []struct{ pattern, want string }{
		{`(?i)^\W*Generated\s+with\s+Claude`, "generated"},
		{`Share your feedback on Copilot coding agent`, "share your feedback on copilot coding agent"},
		{`^aider: \S`, "aider: "},
		{`(?:a|b)c`, ""},
		{`https://x\.example/(\d+)`, "https://x.example/"},
		{`(`, ""},
	} {
		if got := mustLiteral(tt.pattern); got != tt.want {
			t.Errorf("mustLiteral(%q) = %q, want %q", tt.pattern, got, tt.want)
		}
	}
}

// TestModelIn: every family of the catalogue's models is found, with no
// list of family words kept beside the catalogue to fall out of step
// with it; text naming none is passed over.
func TestModelIn(t *testing.T) {
	s := &state{p: DefaultParser()}
	for _, tt := range []struct{ text, want string }{
		{"written with claude-sonnet-4-5 today", "claude-sonnet-4-5"},
		{"Opus 4.1 wrote the tests", "Opus 4.1"},
		{"used gpt-4o-mini for it", "gpt-4o-mini"},
		{"o3-mini suggested the fix", "o3-mini"},
		{"ran codex-mini-latest on it", "codex-mini-latest"},
		{"asked gemini-2.5-pro", "gemini-2.5-pro"},
		{"deepseek-r1 helped", "deepseek-r1"},
		{"with qwen2.5-coder-32b", "qwen2.5-coder-32b"},
		{"grok-3 mini answered", "grok-3 mini"},
		{"kimi-k2 drafted it", "kimi-k2"},
		{"glm-4.5 drafted it", "glm-4.5"},
		{"version 4.5 of the tool, in 3 parts", ""},
	} {
		if got := s.modelIn(tt.text); got != tt.want {
			t.Errorf("modelIn(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}
