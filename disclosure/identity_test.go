package disclosure

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestIdentify(t *testing.T) {
	tests := []struct {
		name, reason, who string
		kind              IdentityKind
		tool, model       string
	}{
		{"claude-code", "the catalogue's address", "Claude <noreply@anthropic.com>", IdentityAITool, "claude-code", ""},
		{"claude-new-model", "a model version nobody listed yet, at the vendor's no-reply", "Claude Sonnet 7.2 <noreply@anthropic.com>", IdentityAITool, "claude-code", "Claude Sonnet 7.2"},
		{"new-vendor-address", "a new no-reply address at a known AI vendor", "Some Agent <agent-noreply@openai.com>", IdentityAIVendor, UnknownTool, ""},
		{"vendor-model-address", "a model name at a vendor", "GPT 6 <gpt@openai.com>", IdentityAITool, "chatgpt", "GPT 6"},
		{"vendor-employee", "a person who works at a vendor is a person", "Jane Roe <jane.roe@anthropic.com>", IdentityHuman, "", ""},
		{"model-as-name", "a model name and version as the co-author's name, at a made-up domain", "Some Model 3.5 <model@vendor.example>", IdentityHuman, "", ""},
		{"model-no-email", "a model with its version and no address", "Gemini 3 Pro", IdentityAITool, "gemini", "Gemini 3 Pro"},
		{"model-noreply", "a model name at a no-reply address", "Qwen3-Coder <noreply@example.com>", IdentityAITool, "qwen", "Qwen3-Coder"},
		{"copilot-noreply", "Copilot's noreply address", "Copilot <175728472+Copilot@users.noreply.github.com>", IdentityAITool, "copilot", ""},
		{"new-app-bot-ai", "a GitHub App never seen, with an AI word", "acme-ai-reviewer[bot] <123+acme-ai-reviewer[bot]@users.noreply.github.com>", IdentityAITool, UnknownTool, ""},
		{"app-bot-tool", "a new App named after a known tool", "claude-helper[bot]", IdentityAITool, "claude", ""},
		{"plain-bot", "dependabot is a bot, not AI", "dependabot[bot] <49699333+dependabot[bot]@users.noreply.github.com>", IdentityBot, "", ""},
		{"devin-login", "Devin's App login", "devin-ai-integration[bot]", IdentityAITool, "devin", ""},
		{"cursor-agent", "Cursor's agent address", "Cursor Agent <cursoragent@cursor.com>", IdentityAITool, "cursor", ""},
		{"cursor-new-address", "any agent address at cursor.com names cursor", "Cursor <bugbot@cursor.com>", IdentityAITool, "cursor", ""},
		{"person-named-claude", "a person called Claude", "Claude Monet <claude.monet@example.fr>", IdentityHuman, "", ""},
		{"person-named-devin", "a person called Devin", "Devin Smith <devin@example.com>", IdentityHuman, "", ""},
		{"no-brackets", "a malformed trailer value without angle brackets", "Claude noreply@anthropic.com", IdentityAITool, "claude-code", ""},
		{"aider", "aider's author suffix", "Jane Doe (aider) <jane@example.com>", IdentityAITool, "aider", ""},
		{"human-login", "a login", "octocat", IdentityHuman, "", ""},
		{"web-flow", "GitHub's web committer is not AI", "web-flow", IdentityHuman, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			id := Identify(tt.who)
			assert.Equal(t, tt.kind, id.Kind, "%s: %+v", tt.reason, id)
			assert.Equal(t, tt.tool, id.Tool, tt.reason)
			assert.Equal(t, tt.model, id.Model, tt.reason)
		})
	}
}

func TestIdentifyShapes(t *testing.T) {
	tests := []struct {
		name, reason, who string
		kind              IdentityKind
		tool              string
	}{
		{"vendor-person-ai-letters", "a person's local part that merely contains the letters a-i", "Claire Dubois <claire@anthropic.com>", IdentityHuman, ""},
		{"vendor-person-login-suffix", "an employee's login with the vendor's name", "jdoe-openai <jdoe@openai.com>", IdentityHuman, ""},
		{"agent-login-noreply", "a tool's agent account as a plain GitHub login", "Zed Agent <99+kiro-agent@users.noreply.github.com>", IdentityAITool, "kiro"},
		{"agent-name-camel", "a tool's name glued to Bot", "AcmeBot <1+OpenHandsBot@users.noreply.github.com>", IdentityAITool, "openhands"},
		{"agent-display-name", "a display name '<tool> Agent' at a bot-shaped address", "Junie Agent <agent@example.com>", IdentityAITool, "junie"},
		{"agent-name-person-address", "'<tool> bot' as the name at a person's address says nothing", "Cursor Bot <jane@example.com>", IdentityHuman, ""},
		{"release-robot", "a release robot named after a tool is automation, not the tool", "gemini-cli-robot <gemini-cli-robot@example.com>", IdentityHuman, ""},
		{"app-display-name", "an App with a plain login whose name names a tool", "Copilot Autofix powered by AI <1+code-scanner[bot]@users.noreply.github.com>", IdentityAITool, "copilot"},
		{"app-display-ai-word", "an App with a plain login whose name says AI", "Helper powered by AI <1+acme-fixer[bot]@users.noreply.github.com>", IdentityAITool, UnknownTool},
		{"app-plain", "an App with a plain login and name", "acme-fixer[bot] <1+acme-fixer[bot]@users.noreply.github.com>", IdentityBot, ""},
		{"name-suffix-tool", "a person's name with the tool in parentheses", "Jane Roe (claude) <jane+claude@example.org>", IdentityAITool, "claude"},
		{"tool-with-model", "a tool's name with its model in parentheses", "Codex (GPT-9.1)", IdentityAITool, "codex"},
		{"person-paren", "a person's nickname in parentheses", "Jane Roe (jr) <jane@example.org>", IdentityHuman, ""},
		{"new-agent-domain", "an agent address at a tool's domain", "Continue Agent <noreply@continue.dev>", IdentityAITool, "continue"},
		{"tool-domain-person", "a person at a tool's domain", "Dana <dana@continue.dev>", IdentityHuman, ""},
		{"review-bot", "an AI review App listed by its login", "cubic-dev-ai[bot] <1+cubic-dev-ai[bot]@users.noreply.github.com>", IdentityAITool, "cubic"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			id := Identify(tt.who)
			assert.Equal(t, tt.kind, id.Kind, "%s: %+v", tt.reason, id)
			assert.Equal(t, tt.tool, id.Tool, tt.reason)
		})
	}
}

// TestIdentifyRemembers: the remembered answers are the answers, also
// after the memory filled up and started again, and a cut-out input is
// not kept alive by them.
func TestIdentifyRemembers(t *testing.T) {
	p, err := NewParser(DefaultCatalogue(), nil)
	if err != nil {
		t.Fatal(err)
	}
	whos := []string{"Claude <noreply@anthropic.com>", "copilot-swe-agent[bot]", "Ada Lovelace <ada@example.com>", "devin-ai-integration[bot]", ""}
	for i := range 3 * maxIdentities {
		who := whos[i%len(whos)]
		if i%2 == 0 {
			who = fmt.Sprintf("Person %d <p%d@example.com>", i, i)
		}
		if got, want := p.Identify(who), p.identify(who); got != want {
			t.Fatalf("Identify(%q) = %+v, want %+v", who, got, want)
		}
	}
	if n := p.ids.n.Load(); n > maxIdentities {
		t.Errorf("%d answers remembered, more than %d", n, maxIdentities)
	}
}
