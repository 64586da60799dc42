package disclosure

import (
	"regexp"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/heft-dev/heft/internal/enum"
	"github.com/heft-dev/heft/internal/lazyre"
)

// IdentityKind says what sort of account or person an identity is.
type IdentityKind uint8

// The identity kinds. The zero IdentityKind is IdentityHuman: nothing
// says the identity is anything else.
const (
	IdentityHuman    IdentityKind = iota // a person, or nothing marks it otherwise
	IdentityBot                          // an automation account that is not an AI tool: dependabot[bot], github-actions
	IdentityAITool                       // an AI tool or agent, named or not
	IdentityAIVendor                     // an AI vendor's own address, the tool not told: noreply@openai.com
)

var identityKindNames = [...]string{"human", "bot", "ai-tool", "ai-vendor"}

// String returns the kind's stable name: "human", "bot", "ai-tool" or
// "ai-vendor".
func (k IdentityKind) String() string { return enum.Name("IdentityKind", identityKindNames[:], k) }

// MarshalText encodes the kind as its String form.
func (k IdentityKind) MarshalText() ([]byte, error) { return []byte(k.String()), nil }

// AI reports whether the identity is an AI tool or an AI vendor.
func (k IdentityKind) AI() bool { return k == IdentityAITool || k == IdentityAIVendor }

// UnknownTool is the tool name reported for an identity shaped like an AI
// tool's (a new model version, a new [bot] with an AI name, an address at
// an AI vendor) when which tool it is cannot be told.
const UnknownTool = "unknown"

// Identity is what Identify decides about a person or account.
type Identity struct {
	Kind IdentityKind `json:"kind"`
	// Tool is the normalised tool name for an AI identity, UnknownTool
	// when the tool cannot be told.
	Tool   string `json:"tool,omitempty"`
	Vendor string `json:"vendor,omitempty"`
	Model  string `json:"model,omitempty"` // a model named in the identity, as written
	// Rule says which class decided: tool-address, vendor-address,
	// app-bot, bot-login, model-name, tool-name, aider-author.
	Rule  string `json:"rule,omitempty"`
	Name  string `json:"name,omitempty"`  // the display name or login, as written
	Email string `json:"email,omitempty"` // lower-cased
}

// Vendor is one AI vendor and the shapes of its identities. Adding a
// vendor or a tool is one row.
type Vendor struct {
	Name string `json:"name"` // normalised: "anthropic"
	// Domains are the e-mail domains of the vendor and its tools;
	// subdomains match too. A no-reply or agent-shaped address at one of
	// them is an AI identity; a person's address there is a person.
	Domains []string `json:"domains,omitempty"`
	// DomainTools maps a domain to the one tool whose addresses it holds
	// ("cursor.com": "cursor"); other domains leave the tool to the name.
	DomainTools map[string]string `json:"domain_tools,omitempty"`
	// Families are model family names, lower-case: a family followed by a
	// version number is a model name ("claude" + "4.5", "gpt" + "5").
	Families []string `json:"families,omitempty"`
	// Tool is the tool reported for a model of this vendor named alone.
	Tool string `json:"tool,omitempty"`
	// Source says where the shapes come from.
	Source string `json:"source,omitempty"`
}

// DefaultVendors returns the built-in vendor table, which callers may
// extend (Catalogue.Vendors).
func DefaultVendors() []Vendor {
	return []Vendor{
		{Name: "anthropic", Domains: []string{"anthropic.com", "claude.ai", "claude.com"}, Families: []string{"claude", "opus", "sonnet", "haiku"}, Tool: "claude",
			DomainTools: map[string]string{"anthropic.com": "claude-code"},
			Source:      "Claude Code's co-author trailer (docs.anthropic.com/claude-code), model names on docs.anthropic.com/models"},
		{Name: "openai", Domains: []string{"openai.com", "chatgpt.com"}, Families: []string{"gpt", "chatgpt", "o", "codex"}, Tool: "chatgpt",
			Source: "platform.openai.com/docs/models; Codex cloud task links"},
		{Name: "github", Families: nil, Source: "GitHub Copilot accounts are listed as Bots in the catalogue"},
		{Name: "google", Domains: []string{"jules.google.com", "gemini.google.com", "deepmind.com"}, Families: []string{"gemini", "gemma", "bard"}, Tool: "gemini",
			Source: "ai.google.dev/gemini-api/docs/models; Jules task links"},
		{Name: "anysphere", Domains: []string{"cursor.com", "cursor.sh", "anysphere.co"}, DomainTools: map[string]string{"cursor.com": "cursor", "cursor.sh": "cursor"}, Tool: "cursor",
			Source: "Cursor agent commits: cursoragent@cursor.com"},
		{Name: "cognition", Domains: []string{"devin.ai", "cognition.ai", "cognition-labs.com"}, DomainTools: map[string]string{"devin.ai": "devin"}, Tool: "devin",
			Source: "Devin session links and bot account"},
		{Name: "sourcegraph", Domains: []string{"ampcode.com"}, DomainTools: map[string]string{"ampcode.com": "amp"}, Tool: "amp", Source: "Amp co-author trailer"},
		{Name: "aider", Domains: []string{"aider.chat"}, DomainTools: map[string]string{"aider.chat": "aider"}, Tool: "aider", Source: "aider's co-author trailer (aider.chat/docs/git.html)"},
		{Name: "charm", Domains: []string{"charm.land"}, DomainTools: map[string]string{"charm.land": "crush"}, Tool: "crush", Source: "Crush co-author trailer"},
		{Name: "codeium", Domains: []string{"codeium.com", "windsurf.com"}, Tool: "windsurf", Source: "windsurf.com"},
		{Name: "cline", Domains: []string{"cline.bot"}, Tool: "cline", Source: "cline.bot"},
		{Name: "all-hands", Domains: []string{"all-hands.dev"}, DomainTools: map[string]string{"all-hands.dev": "openhands"}, Tool: "openhands", Source: "OpenHands commits: openhands@all-hands.dev"},
		{Name: "continue", Domains: []string{"continue.dev"}, DomainTools: map[string]string{"continue.dev": "continue"}, Tool: "continue", Source: "Continue agent commits: noreply@continue.dev"},
		{Name: "openclaw", Domains: []string{"clawd.bot"}, DomainTools: map[string]string{"clawd.bot": "openclaw"}, Tool: "openclaw", Source: "OpenClaw (Clawdbot) commits: bot@clawd.bot"},
		{Name: "factory", Domains: []string{"factory.ai"}, DomainTools: map[string]string{"factory.ai": "droid"}, Tool: "droid", Source: "Factory Droid: factory.ai"},
		{Name: "mistral", Domains: []string{"mistral.ai"}, Families: []string{"mistral", "codestral", "devstral", "magistral", "mixtral"}, Tool: "mistral", Source: "docs.mistral.ai/getting-started/models"},
		{Name: "meta", Families: []string{"llama", "codellama"}, Tool: "llama", Source: "llama.com"},
		{Name: "deepseek", Domains: []string{"deepseek.com"}, Families: []string{"deepseek"}, Tool: "deepseek", Source: "api-docs.deepseek.com"},
		{Name: "alibaba", Families: []string{"qwen"}, Tool: "qwen", Source: "qwen.ai"},
		{Name: "xai", Domains: []string{"x.ai"}, Families: []string{"grok"}, Tool: "grok", Source: "docs.x.ai"},
		{Name: "moonshot", Domains: []string{"moonshot.ai", "moonshot.cn"}, Families: []string{"kimi"}, Tool: "kimi", Source: "platform.moonshot.ai"},
		{Name: "zhipu", Domains: []string{"z.ai", "zhipuai.cn"}, Families: []string{"glm"}, Tool: "glm", Source: "docs.z.ai"},
		{Name: "aws", Families: []string{"nova"}, Tool: "amazon-q", Source: "Kiro and Amazon Q are catalogue tools"},
		{Name: "microsoft", Families: []string{"phi"}, Tool: "phi", Source: "Phi models on huggingface.co/microsoft"},
	}
}

var (
	// appBotRE is a GitHub App's account: "name[bot]".
	appBotRE = lazyre.New(`(?i)^([a-z0-9][a-z0-9-]*)\[bot\]$`)
	// noreplyLocalRE is an address nobody reads: noreply, no-reply, bot,
	// agent, or a local part built of such words.
	// The word stands alone or between separators ("claire" is not "ai");
	// only noreply and agent may be glued on ("cursoragent").
	noreplyLocalRE = lazyre.New(`(?i)^(?:(?:[a-z0-9]+[-_.+])?(?:no-?reply|do-?not-?reply|bot|agent|ai|assistant|automation)(?:[-_.+][a-z0-9]+|\d+)?|[a-z0-9]*(?:no-?reply|agent))$`)
	// aiTokenRE finds AI words inside a login or local part.
	aiTokenRE = lazyre.New(`(?i)(?:^|[-_.\d])(ai|llm|gpt|agent|copilot|codex|claude|gemini|devin|cursor|coder|assistant)(?:$|[-_.\d])`)
	// agentAcctRE is an account named after what it is: "kiro-agent",
	// "MentatBot", "Cline Agent".
	agentAcctRE = lazyre.New(`^([A-Za-z][\w.-]*?)[-_ ]?(?:[Aa]gent|[Bb]ot|BOT|AGENT)$`)
	// aiWordRE is an AI word in a display name: "powered by AI".
	aiWordRE = lazyre.New(`\b(?:AI|LLM|GPT)\b`)
	// modelShapeRE is a family name and a version number, with the
	// usual tier words around: "Claude Opus 4.5", "gpt-5.1-codex",
	// "Gemini 3 Pro", "o4-mini", "Qwen3-Coder".
	modelTierWords = `opus|sonnet|haiku|pro|flash|flash-lite|ultra|mini|nano|turbo|coder|max|plus|code|instant|thinking|fast|large|small|medium|high|low|preview|exp|latest|instruct|chat|r|k|v`
)

// cvendors is the vendor table compiled for Identify.
type cvendors struct {
	byDomain map[string]int // domain → vendor index
	family   map[string]int // family → vendor index
	modelRE  *regexp.Regexp
	vendors  []Vendor
}

func compileVendors(vs []Vendor) (*cvendors, error) {
	c := &cvendors{byDomain: map[string]int{}, family: map[string]int{}, vendors: vs}
	var fams []string
	for i, v := range vs {
		for _, d := range v.Domains {
			c.byDomain[strings.ToLower(d)] = i
		}
		for _, f := range v.Families {
			c.family[strings.ToLower(f)] = i
			if f == "o" {
				continue // o1, o3, o4-mini: handled below, a digit must follow at once
			}
			fams = append(fams, regexp.QuoteMeta(strings.ToLower(f)))
		}
	}
	pat := `(?i)(?:^|[^\w.-])((?:(?:` + strings.Join(fams, "|") + `)(?:[- ]?(?:` + modelTierWords + `))*[- ]?v?\d+(?:\.\d+)*[a-z]?|(?:opus|sonnet|haiku)[- ]\d+(?:\.\d+)*|o\d(?:-(?:mini|pro|high|preview))?)(?:[- ](?:` + modelTierWords + `|\d{8}|\d+b))*)(?:$|[^\w.]|\.(?:$|\D))`
	re, err := regexp.Compile(pat)
	if err != nil {
		return nil, err
	}
	c.modelRE = re
	return c, nil
}

// model finds a model-shaped name in s and its vendor index.
func (c *cvendors) model(s string) (string, int) {
	m := c.modelRE.FindStringSubmatch(s)
	if m == nil {
		return "", -1
	}
	name := strings.TrimRight(m[1], " -")
	l := strings.ToLower(name)
	best, vi := "", -1
	for f, i := range c.family {
		if strings.HasPrefix(l, f) && len(f) > len(best) {
			best, vi = f, i
		}
	}
	return name, vi
}

// vendorOf returns the vendor index of an e-mail domain or one of its
// parents, and the domain that matched.
func (c *cvendors) vendorOf(domain string) (int, string) {
	for d := domain; d != ""; {
		if i, ok := c.byDomain[d]; ok {
			return i, d
		}
		dot := strings.IndexByte(d, '.')
		if dot < 0 {
			break
		}
		d = d[dot+1:]
	}
	return -1, ""
}

// Identify classifies a person or account with the default catalogue:
// "Name <email>", an e-mail address, or a login.
func Identify(who string) Identity { return DefaultParser().Identify(who) }

// Identify classifies a person or account: "Name <email>", "Name email"
// (a malformed trailer value), an e-mail address, or a login such as
// "copilot-swe-agent[bot]". It decides from classes, in this order: a
// known tool's address or account (the catalogue); a GitHub App account
// ("name[bot]", "123+name[bot]@users.noreply.github.com") whose name has
// an AI word or a tool's name, else a plain bot; a no-reply or agent
// address at an AI vendor's domain; a model name with a version as the
// name ("Claude Sonnet 5", "gpt-6"); a tool's name or alias with no
// address or an address that is not a person's. Anything else is human.
func (p *Parser) Identify(who string) Identity {
	if id, ok := p.ids.get(who); ok {
		return id
	}
	id := p.identify(who)
	p.ids.put(who, id)
	return id
}

// identities remembers Identify's answers: a dataset's commits name the
// same few authors thousands of times (the agents' accounts, a
// project's maintainers), and each answer costs a few expressions. It
// holds at most maxIdentities answers and starts again when full, so
// its memory does not grow with the input.
type identities struct {
	m sync.Map // string → Identity
	n atomic.Int64
}

const maxIdentities = 4096

func (c *identities) get(who string) (Identity, bool) {
	v, ok := c.m.Load(who)
	if !ok {
		return Identity{}, false
	}
	return v.(Identity), true
}

func (c *identities) put(who string, id Identity) {
	if c.n.Add(1) > maxIdentities {
		c.m.Clear()
		c.n.Store(1)
	}
	// Copies, so that an entry does not keep the text who was cut from.
	id.Tool, id.Vendor, id.Model, id.Rule = strings.Clone(id.Tool), strings.Clone(id.Vendor), strings.Clone(id.Model), strings.Clone(id.Rule)
	id.Name, id.Email = strings.Clone(id.Name), strings.Clone(id.Email)
	c.m.Store(strings.Clone(who), id)
}

// identify is Identify without the memory.
func (p *Parser) identify(who string) Identity {
	name, email := splitIdentity(who)
	id := Identity{Name: name, Email: email}
	login, domain := "", ""
	if at := strings.LastIndexByte(email, '@'); at > 0 {
		domain = email[at+1:]
		if m := ghNoreply.FindStringSubmatch(email); m != nil {
			login = strings.ToLower(m[1])
		}
	}
	if email == "" && !strings.ContainsAny(name, " ") {
		login = strings.ToLower(name)
	}
	setTool := func(t int, rule string) Identity {
		id.Kind, id.Rule, id.Tool, id.Vendor = IdentityAITool, rule, p.tools[t].spec.Name, p.tools[t].spec.Vendor
		id.Model = p.identityModel(name)
		return id
	}
	// The catalogue's addresses and accounts.
	if t, ok := p.emails[email]; ok && email != "" {
		return setTool(t, "tool-address")
	}
	if t, ok := p.bots[login]; ok && login != "" {
		return setTool(t, "bot-login")
	}
	if t, ok := p.bots[strings.ToLower(name)]; ok && email == "" {
		return setTool(t, "bot-login")
	}
	if strings.HasSuffix(strings.ToLower(name), "(aider)") {
		if t, ok := p.byName["aider"]; ok {
			return setTool(t, "aider-author")
		}
	}
	// A tool's name with a model in parentheses ("Codex (GPT-5.5)"), or a
	// person's name with a tool's ("Jane Roe (claude)"), the way aider
	// marks its commits.
	if core, paren, ok := splitParen(name); ok && !appBotRE.MatchString(strings.ToLower(name)) {
		if t := p.toolByAlias(core, false); t >= 0 {
			id.Kind, id.Rule, id.Tool, id.Vendor = IdentityAITool, "tool-name", p.tools[t].spec.Name, p.tools[t].spec.Vendor
			id.Model, _ = p.vendors.model(paren)
			return id
		}
		if t := p.toolByAlias(paren, true); t >= 0 {
			return setTool(t, "name-suffix")
		}
	}
	// GitHub App accounts.
	if m := appBotRE.FindStringSubmatch(firstNonEmpty(login, strings.ToLower(name))); m != nil {
		if t := p.toolInLogin(m[1]); t >= 0 {
			return setTool(t, "app-bot")
		}
		if aiTokenRE.MatchString(m[1]) {
			id.Kind, id.Rule, id.Tool = IdentityAITool, "app-bot", UnknownTool
			return id
		}
		// An App whose login says nothing but whose display name names
		// a tool or AI: "Copilot Autofix powered by AI".
		if !appBotRE.MatchString(strings.ToLower(name)) {
			if ms := (&state{p: p}).toolMentions(name, false); len(ms) > 0 {
				return setTool(ms[0].tool, "app-bot")
			}
			if aiWordRE.MatchString(name) {
				id.Kind, id.Rule, id.Tool = IdentityAITool, "app-bot", UnknownTool
				return id
			}
		}
		id.Kind, id.Rule = IdentityBot, "app-bot"
		return id
	}
	// An account named "<tool> agent" or "<tool>bot" ("kiro-agent",
	// "MentatBot", "Jules Agent"): the tool's agent, even when the
	// catalogue does not list the account.
	for _, acct := range []string{login, name} {
		if m := agentAcctRE.FindStringSubmatch(acct); m != nil && (acct == login || email == "" || login != "" || noreplyLocalRE.MatchString(localPart(email))) {
			if t := p.toolInLogin(strings.ToLower(strings.TrimRight(m[1], "-_ "))); t >= 0 {
				return setTool(t, "agent-account")
			}
		}
	}
	vi, dom := -1, ""
	if domain != "" {
		vi, dom = p.vendors.vendorOf(domain)
	}
	local := ""
	if at := strings.LastIndexByte(email, '@'); at > 0 {
		local = email[:at]
	}
	model, mvi := p.vendors.model(name)
	tool := p.toolByAlias(name, false)
	if tool < 0 && vi >= 0 {
		tool = p.toolByAlias(name, true) // "Devin", "Cursor": words, only with a vendor's address
	}
	switch {
	case vi >= 0 && (noreplyLocalRE.MatchString(local) || p.toolByAlias(local, true) >= 0 || tool >= 0 || model != "" || aiTokenRE.MatchString(local)):
		// An agent-shaped address at an AI vendor.
		v := p.vendors.vendors[vi]
		id.Vendor, id.Rule, id.Model = v.Name, "vendor-address", model
		lt := p.toolByAlias(local, true)
		switch {
		case model != "" && !noreplyLocalRE.MatchString(local) && lt < 0 && mvi >= 0 && p.vendors.vendors[mvi].Tool != "":
			// "Claude 3.5 Sonnet <claude-3-5-sonnet@anthropic.com>": a
			// model's own address names the model, not the vendor's agent.
			id.Kind, id.Tool = IdentityAITool, p.vendors.vendors[mvi].Tool
		case v.DomainTools[dom] != "":
			id.Kind, id.Tool = IdentityAITool, v.DomainTools[dom]
		case tool >= 0:
			id.Kind, id.Tool = IdentityAITool, p.tools[tool].spec.Name
		case lt >= 0:
			// "GPT-5.6 Sol <codex@openai.com>": the address names the tool.
			id.Kind, id.Tool = IdentityAITool, p.tools[lt].spec.Name
		case model != "" && mvi >= 0 && p.vendors.vendors[mvi].Tool != "":
			id.Kind, id.Tool = IdentityAITool, p.vendors.vendors[mvi].Tool
		default:
			id.Kind, id.Tool = IdentityAIVendor, UnknownTool
		}
		return id
	case vi >= 0:
		return id // a person at an AI vendor
	case model != "" && (email == "" || noreplyLocalRE.MatchString(local) || login != ""):
		id.Kind, id.Rule, id.Model, id.Tool = IdentityAITool, "model-name", model, UnknownTool
		if tool >= 0 {
			id.Tool, id.Vendor = p.tools[tool].spec.Name, p.tools[tool].spec.Vendor
		} else if mvi >= 0 {
			id.Tool, id.Vendor = firstNonEmpty(p.vendors.vendors[mvi].Tool, UnknownTool), p.vendors.vendors[mvi].Name
		}
		return id
	case tool >= 0 && (email == "" || noreplyLocalRE.MatchString(local) || login != "" && p.toolByAlias(login, true) >= 0):
		return setTool(tool, "tool-name")
	}
	return id
}

// identityModel returns a model named in an identity's name: aider's
// "aider (provider/model)" or a model-shaped name.
func (p *Parser) identityModel(name string) string {
	if m := parenRE.FindStringSubmatch(name); m != nil && strings.Contains(m[1], "/") {
		return strings.TrimSpace(m[1])
	}
	m, _ := p.vendors.model(name)
	return m
}

// toolInLogin finds a tool named by a login such as "claude", "cursor-agent".
func (p *Parser) toolInLogin(login string) int {
	if t := p.toolByAlias(login, true); t >= 0 {
		return t
	}
	for _, part := range strings.FieldsFunc(login, func(r rune) bool { return r == '-' || r == '_' }) {
		if len(part) < 4 {
			continue
		}
		if t := p.toolByAlias(part, true); t >= 0 {
			return t
		}
	}
	return -1
}

// splitParen splits "Name (note)" into the name and the note.
func splitParen(name string) (core, paren string, ok bool) {
	if !strings.HasSuffix(name, ")") {
		return name, "", false
	}
	i := strings.LastIndexByte(name, '(')
	if i <= 0 {
		return name, "", false
	}
	core, paren = strings.TrimSpace(name[:i]), strings.TrimSpace(name[i+1:len(name)-1])
	return core, paren, core != "" && paren != ""
}

func localPart(email string) string {
	if at := strings.LastIndexByte(email, '@'); at > 0 {
		return email[:at]
	}
	return ""
}

// splitIdentity splits "Name <email>", "Name email" or "email" into a
// name and a lower-cased e-mail address.
func splitIdentity(who string) (name, email string) {
	who = strings.TrimSpace(who)
	if m := emailRE.FindStringSubmatchIndex(who); m != nil {
		return strings.TrimSpace(who[:m[0]]), strings.ToLower(who[m[2]:m[3]])
	}
	if i := strings.LastIndexByte(who, ' '); i >= 0 || strings.Contains(who, "@") {
		last := who[i+1:]
		if strings.Count(last, "@") == 1 && strings.Contains(last[strings.IndexByte(last, '@'):], ".") && !strings.HasPrefix(last, "@") {
			return strings.TrimSpace(who[:max(i, 0)]), strings.ToLower(strings.Trim(last, "()[]"))
		}
	}
	return who, ""
}
