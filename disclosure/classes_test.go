package disclosure

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// classShapes are the classes issue 16 lists, one made-up text per shape
// seen in real commits and descriptions.
var classShapes = []tc{
	// Malformed trailers.
	{name: "squash-joined-line", reason: "a squash joined the footer and the trailer into the subject line", commit: true,
		in:     "Add the pager  🤖 Generated with [Claude Code](https://claude.com/claude-code)  Co-Authored-By: Claude <noreply@anthropic.com>\n",
		stance: StanceGenerated, tools: []string{"claude-code"}, rules: []string{"claude-code-footer", "trailer-co-authored-by"}},
	{name: "key-with-spaces-no-colon", reason: "the key in words, no colon, a model with a note", commit: true,
		in:     "arm64: faster checksum\n\nUse the vector unit.\n\nCo Authored By Claude Opus 9.1 (long context)\nSigned-off-by: Jane Dev <jane@example.org>\n",
		stance: StanceAssisted, tools: []string{"claude"}, rules: []string{"trailer-co-authored-by"}},
	{name: "trailer-not-last-paragraph", reason: "a squash message: the co-author sits in the middle paragraph", commit: true,
		in:     "Squashed: two fixes\n\n* fix the parser\n\nCo-authored-by: Claude <noreply@anthropic.com>\n\n* fix the docs\n\nReviewed-on: https://example.org/r/1\n",
		stance: StanceAssisted, tools: []string{"claude-code"}},
	{name: "tool-name-only", reason: "a co-author that is a tool's bare name, no address", commit: true,
		in:     "Tune the cache\n\n- measured: 2x faster\nCo-authored-by: Gemini\n",
		stance: StanceAssisted, tools: []string{"gemini"}},
	{name: "tool-and-model-paren", reason: "a tool's name with its model in parentheses", commit: true,
		in:     "Keep timings\n\nCo-Authored-By: Codex (GPT-9.2)\n",
		stance: StanceAssisted, tools: []string{"codex"}},
	{name: "several-ai-coauthors", reason: "two AI co-authors in one message", commit: true,
		in:     "Port the lexer\n\nCo-authored-by: Claude <noreply@anthropic.com>\nCo-authored-by: Cursor Agent <cursoragent@cursor.com>\nCo-authored-by: Jane <jane@example.org>\n",
		stance: StanceAssisted, tools: []string{"claude-code", "cursor"}},
	{name: "lowercase-key", reason: "the key in lower case is still a trailer", commit: true,
		in:     "Fix\n\nco-authored-by: openhands <openhands@all-hands.dev>\n",
		stance: StanceGenerated, tools: []string{"openhands"}},
	{name: "malformed-human", reason: "a malformed co-author line naming a person declares nothing", commit: true,
		in: "Fix\n\nCo authored by Jane Roe\n\nMore text.\n", stance: StanceNone},
	// Bot and agent co-authors.
	{name: "review-bot-coauthor", reason: "an AI review App's applied suggestion", commit: true,
		in:     "Apply suggestion\n\nCo-authored-by: cubic-dev-ai[bot] <1+cubic-dev-ai[bot]@users.noreply.github.com>\n",
		stance: StanceAssisted, tools: []string{"cubic"}},
	{name: "autofix-display-name", reason: "an App with a neutral login whose name names the tool", commit: true,
		in:     "Fix alert 3\n\nCo-authored-by: Copilot Autofix powered by AI <1+code-scanner[bot]@users.noreply.github.com>\n",
		stance: StanceAssisted, tools: []string{"copilot"}},
	// Footers.
	{name: "tool-footer-link", reason: "an agent's Generated-with line for a tool without its own pattern", commit: true,
		in:     "Filter files\n\nGenerated with [Continue](https://continue.dev)\n",
		stance: StanceGenerated, tools: []string{"continue"}, rules: []string{"tool-footer"}},
	{name: "tool-footer-unknown-link", reason: "a Generated-with line for a site generator is not AI", in: "Docs\n\nGenerated with [Sphinx](https://sphinx.example.org)\n", stance: StanceNone},
	{name: "footer-with-assistance", reason: "'Generated with X assistance' is help, not authorship", commit: true,
		in:     "Refactor\n\nGenerated with Claude Code assistance.\n",
		stance: StanceAssisted, tools: []string{"claude-code"}},
	// Labelled lines.
	{name: "bare-ai-label", reason: "a bare AI: label in a commit body naming the tool", commit: true,
		in:     "Fix the viewer\n\nAI: Claude Code (Claude Opus 9.0). Helped triage the review comments; all\nchanges read by me.\n",
		stance: StanceAssisted, tools: []string{"claude-code"}, rules: []string{"ai-label"}},
	{name: "bare-ai-label-used-to-write", reason: "'was used to write' the implementation is generated", commit: true,
		in:     "Switch palettes\n\nAI: Codex was used to write the conversion and the tests.\n",
		stance: StanceGenerated, tools: []string{"codex"}},
	{name: "ai-component-prefix", reason: "'ai:' as a component prefix is a topic", commit: true,
		in: "ai: add the provider list\n\nAI: support for new models in the picker.\n", stance: StanceNone},
	// Filled templates: the tool must be reported, not only the stance.
	{name: "template-yes-and-tool", reason: "a ticked Yes under a question heading and the tool in a field",
		in:     "### Did you use AI?\n- [x] Yes\n- [ ] No\n\nTool(s) used: Cursor\n",
		stance: StanceAssisted, tools: []string{"cursor"}, rules: []string{"ticked-checkbox", "ai-label"}},
	{name: "template-table-row", reason: "a template answered in a table row",
		in:     "| Question | Answer |\n|---|---|\n| AI tool used | Windsurf |\n",
		stance: StanceAssisted, tools: []string{"windsurf"}},
	{name: "template-which-tool", reason: "a ticked box and the tool after a question",
		in:     "## AI disclosure\n- [x] I used AI tools for this PR\n\nWhich tool? Claude Code\n",
		stance: StanceAssisted, tools: []string{"claude-code"}},
	{name: "template-no", reason: "the No box ticked under a question heading",
		in: "### Did you use AI?\n- [ ] Yes\n- [x] No\n", stance: StanceNoAI, noAI: true},
	{name: "template-unfilled", reason: "an untouched template with an empty field and an empty table cell",
		in: "### Did you use AI?\n- [ ] Yes\n- [ ] No\n\nTool(s) used: <!-- name it -->\n\n| AI tool used | |\n", stance: StanceNone},
	{name: "template-section-added", reason: "a PR that adds an AI section to the template",
		in: "This adds an \"AI disclosure\" section to the PR template asking which tool was used, e.g. Copilot.\n", stance: StanceNone},
	{name: "no-ai-here-ai-elsewhere", reason: "no AI for this change, AI in another PR",
		in: "This change was made without AI. (I did use Claude in another PR, #123.)\n", stance: StanceNoAI, noAI: true},
	{name: "assistant-docs", reason: "documentation about an assistant",
		in: "Updates the docs for the Copilot assistant integration.\n", stance: StanceNone},
	// Unknown tools.
	{name: "generic-and-named", reason: "a generic AI word next to a named tool means that tool",
		in:     "AI assistance: yes\n\nI used ChatGPT to draft the migration.\n",
		stance: StanceAssisted, tools: []string{"chatgpt"}},
	{name: "unknown-identity-and-named", reason: "an unknown AI account is a tool of its own, kept next to a named one", commit: true,
		in:     "Fix\n\nCo-authored-by: acme-ai-reviewer[bot] <1+acme-ai-reviewer[bot]@users.noreply.github.com>\nCo-authored-by: Claude <noreply@anthropic.com>\n",
		stance: StanceAssisted, tools: []string{UnknownTool, "claude-code"}},
	{name: "generic-only", reason: "only a generic term: the tool is unknown",
		in: "- [x] I used AI tools to write this PR\n", stance: StanceAssisted, tools: []string{UnknownTool}},
	// Sentences.
	{name: "written-with-help", reason: "a generating verb with 'the help of' is help",
		in: "Written with the help of *Kiro*.\n", stance: StanceAssisted, tools: []string{"kiro"}},
	{name: "created-by-emphasis", reason: "created by a tool in emphasis",
		in: "Created by **Jules** for task 12345.\n", stance: StanceGenerated, tools: []string{"jules"}},
	{name: "generated-by-asking", reason: "generated by asking a tool", commit: true,
		in:     "Fix lints\n\nMost of this was automatically generated by asking codex to fix every warning.\n",
		stance: StanceGenerated, tools: []string{"codex"}},
	{name: "when-using-models", reason: "a condition about using a vendor's models is a topic", commit: true,
		in: "Fix streaming\n\nTool inputs were lost when using Claude models via a cloud proxy.\n", stance: StanceNone},
}

// classAuthors are identities as commit author or committer (ParseInput).
func TestParseInputIdentities(t *testing.T) {
	tests := []struct {
		name, reason string
		in           Input
		stance       Stance
		tools        []string
	}{
		{"committer-agent", "the agent committed a person's change", Input{Commits: []Commit{{Message: "Fix\n", Author: "Jane <1+jane@users.noreply.github.com>", Committer: "Cline Agent <2+cline-agent@users.noreply.github.com>"}}},
			StanceGenerated, []string{"cline"}},
		{"author-agent-unlisted", "an agent account named '<tool>-agent'", Input{Commits: []Commit{{Message: "Fix\n", Author: "Junie Agent <3+junie-agent@users.noreply.github.com>"}}},
			StanceGenerated, []string{"junie"}},
		{"author-name-suffix", "a person's name with the tool in parentheses", Input{Commits: []Commit{{Message: "Fix\n", Author: "Jane Roe (claude) <jane+claude@example.org>"}}},
			StanceGenerated, []string{"claude"}},
		{"web-flow-committer", "GitHub's web committer is nobody", Input{Commits: []Commit{{Message: "Fix\n", Author: "Jane <jane@example.org>", Committer: "GitHub <noreply@github.com>"}}},
			StanceNone, nil},
		{"vendor-employee", "a person at an AI vendor", Input{Commits: []Commit{{Message: "Fix\n", Author: "Claire <claire@openai.com>"}}},
			StanceNone, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := ParseInput(tt.in)
			assert.Equal(t, tt.stance, d.Stance, "%s: %+v", tt.reason, d.Evidence)
			var names []string
			for _, tl := range d.Tools {
				names = append(names, tl.Name)
			}
			assert.Equal(t, tt.tools, names, tt.reason)
		})
	}
}

func TestParseClasses(t *testing.T) {
	for _, c := range classShapes {
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

func TestMalformedTrailerSet(t *testing.T) {
	d := ParseCommit("Fix\n\nCo authored by Claude Opus 9.1\n\nSigned-off-by: Jane <jane@example.org>\n")
	var malformed []Trailer
	for _, tr := range d.Trailers {
		if tr.Malformed {
			malformed = append(malformed, tr)
		}
	}
	if assert.Len(t, malformed, 1) {
		assert.Equal(t, "Claude Opus 9.1", malformed[0].Value)
	}
	for _, tr := range Trailers("Fix\n\nCo authored by Claude\n") {
		assert.False(t, tr.Malformed, "Trailers reports what git reads, never malformed lines")
	}
}
