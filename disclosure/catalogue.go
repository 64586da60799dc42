package disclosure

// Catalogue is the data the parser matches: tools and how they sign their
// work, model names, and the trailer keys that carry disclosures. Users
// extend it without touching the parser:
//
//	cat := disclosure.DefaultCatalogue()
//	cat.Tools = append(cat.Tools, disclosure.ToolSpec{Name: "kiro", Vendor: "aws", Aliases: []string{"Kiro"}})
//	p, err := disclosure.NewParser(cat, nil)
//
// A Catalogue has JSON tags so that it can be loaded from a file.
// Regular expressions use Go's RE2 syntax.
type Catalogue struct {
	Tools    []ToolSpec    `json:"tools"`
	Models   []ModelSpec   `json:"models,omitempty"`
	Trailers []TrailerSpec `json:"trailers,omitempty"`
	// BlockSummaries are regular expressions matched against a <details>
	// block's <summary> text; a match makes it a prompt or transcript block.
	BlockSummaries []BlockSpec `json:"block_summaries,omitempty"`
	// Vendors are the AI vendors whose domains, no-reply addresses and
	// model families Identify recognises (DefaultVendors).
	Vendors []Vendor `json:"vendors,omitempty"`
}

// ToolSpec describes one AI tool.
type ToolSpec struct {
	// Name is the normalised name reported in Tool.Name: lower-case,
	// kebab-case, such as "claude-code".
	Name   string `json:"name"`
	Vendor string `json:"vendor,omitempty"`
	// Aliases are names people and tools write, matched case-insensitively
	// as whole words: "Claude Code", "GitHub Copilot". The first is how
	// sentences for people name the tool.
	Aliases []string `json:"aliases,omitempty"`
	// Words are names that are also ordinary words or first names
	// ("Cursor", "Devin", "Amp"), matched only with this exact case, and
	// never alone in a co-author trailer without a known e-mail.
	Words []string `json:"words,omitempty"`
	// Emails are co-author addresses, compared case-insensitively.
	Emails []string `json:"emails,omitempty"`
	// Bots are account logins, compared case-insensitively, such as
	// "copilot-swe-agent[bot]". A GitHub noreply address
	// "ID+LOGIN@users.noreply.github.com" matches its login.
	Bots []string `json:"bots,omitempty"`
	// Footers are shapes matched against one line of text.
	Footers []Pattern `json:"footers,omitempty"`
	// Links are shapes matched anywhere outside code: session and task URLs.
	Links []Pattern `json:"links,omitempty"`
	// Branches are the first segment of the branch names the tool's agent
	// creates ("codex" for codex/fix-pager), matched in merge commit
	// subjects and in titles that are a branch name.
	Branches []string `json:"branches,omitempty"`
	// Stance is what the tool's own markers (footers, links, bot authors,
	// co-author trailers) declare when a pattern does not say. Default
	// StanceAssisted.
	Stance Stance `json:"stance,omitempty"`
}

// Pattern is one shape a tool writes.
type Pattern struct {
	// Rule is the shape's stable kebab-case ID, reported in Evidence.Rule.
	Rule string `json:"rule"`
	// Regexp is matched against a line (footers) or the text (links). Its
	// first capture group, if any and non-empty, is taken as a model name.
	Regexp string `json:"regexp"`
	// Stance is what the shape declares; zero means the tool's Stance.
	Stance Stance `json:"stance,omitempty"`
	// Subject restricts the pattern to a commit message's first line.
	Subject bool `json:"subject,omitempty"`
	// Quoted lets the pattern match inside a > quote, where some agents
	// write their own notes.
	Quoted bool `json:"quoted,omitempty"`
}

// ModelSpec is a family of model names.
type ModelSpec struct {
	Vendor string `json:"vendor"`
	// Tool is the normalised tool reported when a model is named without a
	// tool, such as "claude" for Anthropic models.
	Tool   string `json:"tool"`
	Regexp string `json:"regexp"`
}

// TrailerRole says what a trailer key declares.
type TrailerRole string

// The trailer roles.
const (
	RoleCoAuthor  TrailerRole = "co-author" // names a co-author: "Name <email>"
	RoleAssisted  TrailerRole = "assisted"  // names a tool that helped
	RoleGenerated TrailerRole = "generated" // names a tool that wrote the change
	RoleFlag      TrailerRole = "flag"      // yes/no or a tool: "AI-assisted: no"
	RoleSignoff   TrailerRole = "signoff"   // Signed-off-by: only humans may certify the DCO
	RoleSession   TrailerRole = "session"   // carries a session link
)

// TrailerSpec maps a trailer key, compared case-insensitively, to its role.
type TrailerSpec struct {
	Key  string      `json:"key"`
	Role TrailerRole `json:"role"`
}

// BlockSpec classifies <details> blocks by their summary.
type BlockSpec struct {
	Kind   BlockKind `json:"kind"`
	Regexp string    `json:"regexp"`
}

// DefaultCatalogue returns a fresh copy of the built-in catalogue, which
// callers may modify. Shapes come from each tool's documented or observed
// output; the package documentation lists them.
func DefaultCatalogue() Catalogue {
	return Catalogue{
		Tools: []ToolSpec{
			{
				Name: "claude-code", Branches: []string{"claude"}, Vendor: "anthropic",
				Aliases: []string{"Claude Code", "claude-code", "Claude Agent"},
				Emails:  []string{"noreply@anthropic.com"},
				Bots:    []string{"claude[bot]"},
				Footers: []Pattern{{
					Rule:   "claude-code-footer",
					Regexp: `(?i)^\W*(?:🤖\s*)?Generated\s+with\s+\[?Claude\s+Code\]?(?:\s*\(\s*<?https?://(?:claude\.ai/code|claude\.com/claude-code|(?:docs\.)?anthropic\.com/[^)\s>]*)>?\s*\))?`,
					Stance: StanceGenerated,
				}},
				Links: []Pattern{{
					Rule:   "claude-code-session",
					Regexp: `https://claude\.ai/code/session_[A-Za-z0-9]+`,
					Stance: StanceGenerated,
				}},
				Stance: StanceAssisted,
			},
			{
				Name: "claude", Vendor: "anthropic",
				Aliases: []string{"Claude", "Claude.ai", "Anthropic Claude", "Claude Desktop"},
			},
			{
				Name: "copilot", Branches: []string{"copilot"}, Vendor: "github",
				Aliases: []string{"GitHub Copilot", "Copilot", "Copilot coding agent", "Copilot agent", "Copilot Chat", "copilot-swe-agent"},
				Bots:    []string{"Copilot", "copilot-swe-agent[bot]", "copilot-swe-agent"},
				Footers: []Pattern{
					{Rule: "copilot-agent-tips", Regexp: `^\s*(?:<!--\s*START COPILOT CODING AGENT TIPS\s*-->|💡 You can make Copilot smarter by)`, Stance: StanceGenerated},
					{Rule: "copilot-agent-setup", Regexp: `^\s*✨ Let Copilot coding agent set things up for you`, Stance: StanceGenerated},
					{Rule: "copilot-agent-feedback", Regexp: `Share your feedback on Copilot coding agent`, Stance: StanceGenerated},
					{Rule: "copilot-summary", Regexp: `<samp>🤖 Generated by Copilot at [0-9a-f]{7,40}</samp>`, Stance: StanceAssisted},
					// The agent's firewall warning, written as a quote.
					{Rule: "copilot-agent-firewall", Regexp: `\(https://gh\.io/copilot/(?:actions-setup-steps|firewall-config)\)`, Stance: StanceGenerated, Quoted: true},
				},
				Links: []Pattern{{
					Rule:   "copilot-agent-session",
					Regexp: `https://github\.com/[\w.-]+/[\w.-]+/(?:pull/\d+/)?agent-sessions/[0-9a-f-]+`,
					Stance: StanceGenerated,
				}},
			},
			{
				Name: "codex", Branches: []string{"codex"}, Vendor: "openai",
				Aliases: []string{"OpenAI Codex", "Codex CLI", "codex-cli", "ChatGPT Codex", "Codex"},
				Bots:    []string{"chatgpt-codex-connector[bot]", "codex[bot]"},
				// The note Codex cloud adds to its testing section.
				Footers: []Pattern{{Rule: "codex-environment-note", Regexp: `so Codex couldn't run certain commands\. Consider configuring a setup script in your Codex environment`, Stance: StanceGenerated}},
				Links: []Pattern{{
					Rule:   "codex-task",
					Regexp: `https://chatgpt\.com/(?:s/)?codex/tasks/task_[a-z]_[0-9a-f]{8,}`,
					Stance: StanceGenerated,
				}},
				Stance: StanceAssisted,
			},
			{
				Name: "chatgpt", Vendor: "openai",
				Aliases: []string{"ChatGPT", "Chat GPT", "OpenAI ChatGPT"},
			},
			{
				Name: "cursor", Branches: []string{"cursor"}, Vendor: "anysphere",
				Aliases: []string{"Cursor Agent", "Cursor IDE", "Cursor AI", "cursor.com", "Cursor background agent", "Cursor Composer"},
				Words:   []string{"Cursor"},
				Emails:  []string{"cursoragent@cursor.com"},
				Bots:    []string{"cursor[bot]", "cursor-agent"},
				Links: []Pattern{{
					Rule:   "cursor-agent-link",
					Regexp: `https://cursor\.com/(?:background-agent\?bcId=|agents\?id=|agents/)bc-[0-9a-f-]{8,}`,
					Stance: StanceGenerated,
				}},
			},
			{
				Name: "devin", Branches: []string{"devin"}, Vendor: "cognition",
				Aliases: []string{"Devin AI", "devin.ai", "Devin"},
				Bots:    []string{"devin-ai-integration[bot]", "devin-ai-integration"},
				Footers: []Pattern{{Rule: "devin-run", Regexp: `(?i)Link to Devin run\b`, Stance: StanceGenerated}},
				Links: []Pattern{{
					Rule:   "devin-session",
					Regexp: `https://(?:app\.)?devin\.ai/sessions/[0-9a-f]{16,}`,
					Stance: StanceGenerated,
				}},
				Stance: StanceGenerated,
			},
			{
				Name: "aider", Vendor: "aider",
				Aliases: []string{"aider", "aider-chat", "aider.chat"},
				Emails:  []string{"noreply@aider.chat", "aider@aider.chat"},
				Footers: []Pattern{{Rule: "aider-prefix", Regexp: `^aider: \S`, Subject: true, Stance: StanceGenerated}},
			},
			{
				Name: "gemini", Vendor: "google",
				Aliases: []string{"Gemini CLI", "gemini-cli", "Gemini Code Assist", "Google Gemini"},
				Words:   []string{"Gemini"},
				Bots:    []string{"gemini-code-assist[bot]", "gemini-cli[bot]", "gemini-cli-agent"},
			},
			{
				Name: "jules", Branches: []string{"jules"}, Vendor: "google",
				Aliases: []string{"Google Jules", "jules.google.com", "Jules"},
				Bots:    []string{"google-labs-jules[bot]", "google-labs-jules"},
				Footers: []Pattern{{Rule: "jules-footer", Regexp: `PR created (?:automatically )?by Jules for task`, Stance: StanceGenerated}},
				Links: []Pattern{{
					Rule:   "jules-task",
					Regexp: `https://jules\.google\.com/task/\d{6,}`,
					Stance: StanceGenerated,
				}},
			},
			{
				Name: "amp", Vendor: "sourcegraph",
				Aliases: []string{"Sourcegraph Amp", "ampcode", "ampcode.com"},
				Words:   []string{"Amp"},
				Emails:  []string{"amp@ampcode.com"},
				Links: []Pattern{{
					Rule:   "amp-thread",
					Regexp: `https://ampcode\.com/threads/T-[0-9a-f-]{8,}`,
					Stance: StanceAssisted,
				}},
			},
			{
				// Charm's Crush: "💘 Generated with Crush" and a co-author
				// trailer. "Crush" alone is an English word, so it is not
				// matched in prose.
				Name: "crush", Vendor: "charm",
				Aliases: []string{"Charm Crush", "charmbracelet/crush"},
				Emails:  []string{"crush@charm.land"},
				Footers: []Pattern{{
					Rule:   "crush-footer",
					Regexp: `(?i)^\W*(?:💘\s*)?Generated\s+with\s+\[?Crush\]?(?:\s*\(\s*<?https?://[^)\s>]*>?\s*\))?\s*$`,
					Stance: StanceGenerated,
				}},
			},
			{
				Name: "windsurf", Vendor: "codeium",
				Aliases: []string{"Windsurf", "Codeium", "Windsurf Cascade"},
				Bots:    []string{"windsurf-bot[bot]", "codeium[bot]"},
			},
			// Agents and review bots seen as commit authors, committers and
			// co-authors in public repositories (the disclosure corpus). A
			// name that is also an English word ("Continue", "Droid",
			// "Cubic") is no alias: it is found through its accounts and
			// addresses only. One line per tool.
			{Name: "cline", Vendor: "cline", Aliases: []string{"Cline", "Cline Agent"}, Bots: []string{"cline-agent", "cline[bot]"}},
			{Name: "roo-code", Vendor: "roo", Aliases: []string{"Roo Code", "RooCode", "Roomote"}, Bots: []string{"roomote[bot]", "roomote-agent"}},
			{Name: "kiro", Vendor: "aws", Aliases: []string{"Amazon Kiro", "Kiro", "Kiro Agent"}, Bots: []string{"kiro-agent", "kiro[bot]"}},
			{Name: "openhands", Vendor: "all-hands", Aliases: []string{"OpenHands", "OpenHands Agent", "OpenDevin"}, Emails: []string{"openhands@all-hands.dev"},
				Bots: []string{"openhands", "openhands-agent", "openhands-ai[bot]"}, Branches: []string{"openhands"}, Stance: StanceGenerated},
			{Name: "continue", Vendor: "continue", Aliases: []string{"Continue Agent", "Continue.dev"}, Emails: []string{"noreply@continue.dev"},
				Bots: []string{"continue[bot]", "continue-agent"}, Stance: StanceGenerated},
			{Name: "mentat", Vendor: "abante", Aliases: []string{"Mentat", "MentatBot"}, Bots: []string{"mentatbot", "mentat-bot[bot]"}, Stance: StanceGenerated},
			{Name: "open-swe", Vendor: "langchain", Aliases: []string{"Open SWE", "open-swe"}, Bots: []string{"open-swe[bot]", "open-swe"}, Stance: StanceGenerated},
			{Name: "droid", Vendor: "factory", Aliases: []string{"Factory Droid", "factory-droid"}, Bots: []string{"factory-droid[bot]", "factory-droid"}, Stance: StanceGenerated},
			{Name: "openclaw", Vendor: "openclaw", Aliases: []string{"OpenClaw", "Clawdbot"}, Emails: []string{"bot@clawd.bot"}, Stance: StanceGenerated},
			{Name: "codeflash", Vendor: "codeflash", Aliases: []string{"Codeflash"}, Bots: []string{"codeflash-ai[bot]"}, Stance: StanceGenerated},
			{Name: "coderabbit", Vendor: "coderabbit", Aliases: []string{"CodeRabbit", "coderabbitai"}, Bots: []string{"coderabbitai[bot]", "coderabbitai"}},
			{Name: "cubic", Vendor: "cubic", Bots: []string{"cubic-dev-ai[bot]"}},
			{Name: "ellipsis", Vendor: "ellipsis", Bots: []string{"ellipsis-dev[bot]"}},
			{Name: "hyperlint", Vendor: "hyperlint", Bots: []string{"hyperlint-ai[bot]"}},
			{Name: "sweep", Vendor: "sweep", Aliases: []string{"Sweep AI", "sweep.dev"}, Bots: []string{"sweep-ai[bot]"}},
			{Name: "qodo", Vendor: "qodo", Aliases: []string{"Qodo", "Qodo Merge", "Qodo Gen", "Codium PR-Agent"}, Bots: []string{"qodo-merge-pro[bot]", "qodo-ai[bot]", "codiumai-pr-agent-free[bot]"}},
			{Name: "junie", Vendor: "jetbrains", Aliases: []string{"Junie", "JetBrains Junie"}, Bots: []string{"jetbrains-junie[bot]"}},
			{Name: "sourcery", Vendor: "sourcery", Aliases: []string{"Sourcery AI"}, Bots: []string{"sourcery-ai[bot]"}},
			{Name: "greptile", Vendor: "greptile", Aliases: []string{"Greptile"}, Bots: []string{"greptile-apps[bot]"}},
			{Name: "orbisai", Vendor: "orbisai", Aliases: []string{"OrbisAI", "Orbis AI"}, Bots: []string{"orbisai[bot]"}},
			{Name: "amazon-q", Vendor: "aws", Aliases: []string{"Amazon Q Developer", "Amazon Q"}},
			{Name: "opencode", Vendor: "sst", Aliases: []string{"opencode", "OpenCode"}, Bots: []string{"opencode-agent[bot]", "opencode[bot]"}},
			{Name: "tabnine", Vendor: "tabnine", Aliases: []string{"Tabnine"}},
			{Name: "grok", Vendor: "xai", Aliases: []string{"Grok"}},
			{Name: "perplexity", Vendor: "perplexity", Aliases: []string{"Perplexity"}},
		},
		Models: []ModelSpec{
			{Vendor: "anthropic", Tool: "claude", Regexp: `(?i)\bclaude[- ](?:(?:opus|sonnet|haiku)[- ]\d+(?:[.-]\d)?|\d(?:[.-]\d)?[- ](?:opus|sonnet|haiku)|instant|\d(?:\.\d)?)(?:[- ](?:20\d{6}|latest|thinking))?\b`},
			{Vendor: "anthropic", Tool: "claude", Regexp: `\b(?:Opus|Sonnet|Haiku) \d(?:\.\d)?\b`},
			{Vendor: "openai", Tool: "chatgpt", Regexp: `(?i)\bgpt-?[345](?:\.\d+)?o?(?:-(?:codex|mini|nano|turbo|pro|high|medium|low|preview|max))*\b`},
			{Vendor: "openai", Tool: "chatgpt", Regexp: `\bo[134](?:-(?:mini|pro|high|preview))*\b`},
			{Vendor: "openai", Tool: "codex", Regexp: `(?i)\bcodex-(?:mini|1)(?:-latest)?\b`},
			{Vendor: "google", Tool: "gemini", Regexp: `(?i)\bgemini[- ]\d(?:\.\d)?[- ](?:pro|flash(?:-lite)?|ultra)(?:[- ](?:preview|exp|latest)(?:-[0-9-]+)?)?\b`},
			{Vendor: "deepseek", Tool: "deepseek", Regexp: `(?i)\bdeepseek[- ](?:v\d(?:\.\d)?|r1|coder(?:-v\d)?|chat)\b`},
			{Vendor: "alibaba", Tool: "qwen", Regexp: `(?i)\bqwen\d?(?:\.\d)?[- ](?:coder|max|plus|\d+b)[\w.-]*`},
			{Vendor: "xai", Tool: "grok", Regexp: `(?i)\bgrok[- ]\d(?:\.\d)?(?:[- ](?:fast|code|mini))?\b`},
			{Vendor: "moonshot", Tool: "kimi", Regexp: `(?i)\bkimi[- ]k\d(?:\.\d)?\b`},
			{Vendor: "zhipu", Tool: "glm", Regexp: `(?i)\bglm-\d(?:\.\d)?\b`},
		},
		Trailers: []TrailerSpec{
			{Key: "Co-authored-by", Role: RoleCoAuthor},
			{Key: "Co-developed-by", Role: RoleCoAuthor},
			{Key: "Co-authored-by-AI", Role: RoleAssisted},
			{Key: "Assisted-by", Role: RoleAssisted},
			{Key: "AI-assisted-by", Role: RoleAssisted},
			{Key: "Generated-by", Role: RoleGenerated},
			{Key: "AI-generated-by", Role: RoleGenerated},
			{Key: "Made-with", Role: RoleAssisted},
			{Key: "AI-assisted", Role: RoleFlag},
			{Key: "AI-assistance", Role: RoleFlag},
			{Key: "AI-generated", Role: RoleFlag},
			{Key: "AI-used", Role: RoleFlag},
			{Key: "AI-tool", Role: RoleFlag},
			{Key: "AI-tools", Role: RoleFlag},
			{Key: "AI-agent", Role: RoleFlag},
			{Key: "AI-model", Role: RoleFlag},
			{Key: "LLM-assisted", Role: RoleFlag},
			{Key: "Signed-off-by", Role: RoleSignoff},
			{Key: "Amp-Thread-ID", Role: RoleSession},
			{Key: "Amp-Thread", Role: RoleSession},
			{Key: "Devin-Session", Role: RoleSession},
			{Key: "Codex-Task", Role: RoleSession},
			{Key: "Agent-Session", Role: RoleSession},
			{Key: "Session", Role: RoleSession},
		},
		Vendors: DefaultVendors(),
		BlockSummaries: []BlockSpec{
			{Kind: BlockPrompt, Regexp: `(?i)\b(?:original\s+prompt|prompts?(?:\s+used)?|(?:agent|ai|llm|system)\s+instructions|instructions\s+(?:given|to)\s+(?:the\s+)?(?:agent|ai|model))\b`},
			{Kind: BlockTranscript, Regexp: `(?i)\b(?:transcript|(?:ai|llm|agent|chat|claude|chatgpt|copilot|cursor|codex)\s+(?:conversation|chat|session|log)|(?:conversation|chat|session)\s+(?:log|history|transcript)|full\s+conversation)\b`},
		},
	}
}
