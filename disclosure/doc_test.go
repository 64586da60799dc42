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

func TestModelLiterals(t *testing.T) {
	p := DefaultParser()
	n := 0
	for _, m := range p.models {
		if m.must != "" {
			n++
		}
	}
	if n < len(p.models)/2 {
		t.Errorf("only %d of %d model patterns have a required literal", n, len(p.models))
	}
}
