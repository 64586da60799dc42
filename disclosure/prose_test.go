package disclosure

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// sentenceCases are people's words in the shapes real descriptions and
// commit bodies use; the texts are made up.
var sentenceCases = []tc{
	{name: "spotted-by", reason: "a helping verb leads, the tool is its agent",
		in: "Fix off-by-one in the pager.\n\nSpotted by ChatGPT while reviewing the loop.\n", stance: StanceAssisted, tools: []string{"chatgpt"}},
	{name: "credit-to", reason: "credit to <tool>",
		in: "Credit to Copilot for the regex.\n", stance: StanceAssisted, tools: []string{"copilot"}},
	{name: "thanks-to", reason: "thanks to <tool>",
		in: "Tests pass now, thanks to Claude Code finding the race.\n", stance: StanceAssisted, tools: []string{"claude-code"}},
	{name: "done-with-ai-help", reason: "a generic AI term with help: assisted, not generated",
		in: "This was done with AI help, checked by hand.\n", stance: StanceAssisted},
	{name: "help-from-llm", reason: "a parenthesised help phrase with a generic term",
		in: "Rewrote the parser (with some help from an LLM).\n", stance: StanceAssisted},
	{name: "done-by-agent", reason: "a generic agent did most of the work",
		in: "Most of the rename was done by an agent; I fixed the imports.\n", stance: StanceGenerated},
	{name: "wrote-with-cursor-open", reason: "a person wrote it with the tool: assisted",
		in: "I wrote this with Cursor open.\n", stance: StanceAssisted, tools: []string{"cursor"}},
	{name: "labelled-line", reason: "a labelled disclosure line in a free-form body",
		in: "Adds retries.\n\nAI use: Claude Code wrote the first draft\n", stance: StanceGenerated, tools: []string{"claude-code"}},
	{name: "signature", reason: "a signature by a model acting for a person",
		in: "I looked into the flaky test and pinned the seed.\n\n-- Claude Opus 4.5, acting for @jdoe\n", stance: StanceGenerated, tools: []string{"claude"}, rules: []string{"ai-signature"}},
	{name: "created-by-emphasis", reason: "created by with the tool's name in emphasis",
		in: "Created by *Claude Code*.\n", stance: StanceGenerated, tools: []string{"claude-code"}},
	{name: "made-by-emoji-vendor", reason: "an emoji and the vendor's name between the verb and the tool",
		in: "made by 🤖 OpenAI Codex\n\n## Summary\n- fix a comment\n", stance: StanceGenerated, tools: []string{"codex"}},
	{name: "possessive-vendor", reason: "the vendor's possessive before the tool",
		in: "This is an attempt generated in conjunction with OpenAI's Codex.\n", stance: StanceAssisted, tools: []string{"codex"}},
	{name: "tool-subject-ran", reason: "the tool as the subject of a doing verb",
		in: "Tests: `npm test` (fails: no network, so Codex couldn't run certain commands).\n", stance: StanceAssisted, tools: []string{"codex"}},
	{name: "experiment-using", reason: "an experiment using the tool",
		in: "Fix typo in a comment.\n\n[n.b. this was an experiment using Codex]\n", stance: StanceAssisted, tools: []string{"codex"}},
	{name: "asked-tool", reason: "asked <tool> to, without a subject",
		in: "(note: asked Codex to handle this since it seemed straightforward)\n", stance: StanceAssisted, tools: []string{"codex"}},
	{name: "prompt-heading", reason: "a heading naming a tool's prompt",
		in: "Adds an experimental router.\n\n## Codex prompt\nCreate an experimental version of the router.\n", stance: StanceAssisted, tools: []string{"codex"}},
	{name: "which-tool-field", reason: "a checked box and the tool in a which-tool field",
		in: "## AI disclosure\n- [x] I used AI tools for this PR\n- Which tool did you use? Cursor (claude-sonnet-4-5)\n", stance: StanceAssisted, tools: []string{"cursor"}},
	{name: "which-tool-next-line", reason: "the tool on the line after a which-tool question",
		in: "## AI usage\n- [x] AI was used\n\nWhich tool?\nGemini CLI\n", stance: StanceAssisted, tools: []string{"gemini"}},
	{name: "no-ai-here-ai-elsewhere", reason: "AI in other work next to no AI for this change: no-ai",
		in: "I used ChatGPT in another PR for the docs, but this change was made without AI.\n", stance: StanceNoAI, noAI: true},
}

// topicNegatives are texts about AI, not disclosures.
var topicNegatives = []tc{
	{name: "add-disclosure-section", reason: "adding an AI disclosure section to the template",
		in: "Add an AI disclosure section to the PR template\n\nContributors now say whether they used tools such as Copilot or Claude Code, and for what.\n"},
	{name: "provider-integration", reason: "integrating a model provider",
		in: "Add Anthropic provider\n\nSupports Claude Opus 4.5 and Claude Sonnet 4.5 via the Messages API, using the Claude API key from the environment.\n"},
	{name: "using-api", reason: "using a tool's API is a feature",
		in: "Summaries are now produced using the OpenAI API; see docs.\n"},
	{name: "feature-via-llm", reason: "a feature that calls an LLM",
		in: "Adds a summary step that queries an LLM via the gateway.\n"},
	{name: "assistant-docs", reason: "documentation about an assistant",
		in: "Document the Copilot extension settings\n\nExplains how Copilot suggestions are shown and how to turn them off.\n"},
	{name: "prompt-file", reason: "a prompt file under change",
		in: "Update prompts/system.md\n\nThe system prompt now asks the model to answer in JSON.\n"},
	{name: "example-in-template", reason: "an example disclosure in a template's instructions",
		in: "## AI disclosure\nSay which tool you used, e.g. Generated with Claude Code, and what it did.\n"},
	{name: "product-behaviour", reason: "when the tool does something, in a bug report",
		in: "The editor hangs when Copilot suggests a long completion.\n"},
	{name: "user-agent", reason: "agent in another sense",
		in: "The user agent string now includes the version; the agent restarts on failure.\n"},
	{name: "unfilled-template", reason: "an untouched template",
		in: "## AI usage\n<!-- Which tool did you use? -->\n- [ ] I used AI\n\nWhich tool?\n\n"},
	{name: "pr-codex-bot", reason: "a summary bot's invitation is not authorship",
		in: "> ✨ Ask PR-Codex anything about this PR by commenting with `/codex {your question}`\n"},
}

func TestSentences(t *testing.T) {
	for _, c := range append(sentenceCases, topicNegatives...) {
		t.Run(c.name, func(t *testing.T) {
			d := DefaultParser().ParseSource(Source{Text: c.in, Commit: c.commit, Author: c.author})
			assert.Equal(t, c.stance, d.Stance, "%s\nevidence: %+v", c.reason, d.Evidence)
			var names []string
			for _, tl := range d.Tools {
				names = append(names, tl.Name)
			}
			assert.Equal(t, c.tools, names, "%s\ntools: %+v", c.reason, d.Tools)
			for _, r := range c.rules {
				assert.True(t, hasRule(d, r), "%s: want rule %s in %+v", c.reason, r, d.Evidence)
			}
			assert.Equal(t, c.noAI, d.DeclaresNoAI(), c.reason)
			checkSpans(t, c.in, d)
		})
	}
}
