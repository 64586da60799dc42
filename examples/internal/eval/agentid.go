package eval

import (
	"cmp"
	"slices"
	"strings"

	"github.com/heft-dev/heft/disclosure"
	"github.com/heft-dev/heft/heuristics"
)

// AgentShare says, for one agent the data names (Record.Agent), how
// often package disclosure finds that agent named in its contributions:
// in the description (title and body), in the commit messages, in the
// identities (the pull request's author and the commits' authors), and
// in any of them. Options.AgentID asks for it.
type AgentShare struct {
	Agent string `json:"agent"`
	// Tool is the normalised tool name (disclosure.Tool.Name) the agent
	// is looked for as.
	Tool          string `json:"tool"`
	Contributions int64  `json:"contributions"`

	Description int64 `json:"description"` // the title or body names the tool
	Commits     int64 `json:"commits"`     // a commit message names it
	Identities  int64 `json:"identities"`  // an author identity is it
	Any         int64 `json:"any"`         // any of the three

	// OtherTool counts contributions that name an AI tool, or declare AI
	// use, without naming this one; NoMarker those with no AI evidence
	// at all in any part.
	OtherTool int64 `json:"other_tool"`
	NoMarker  int64 `json:"no_marker"`

	// The shares of Contributions.
	DescriptionRate Num `json:"description_rate"`
	CommitsRate     Num `json:"commits_rate"`
	IdentitiesRate  Num `json:"identities_rate"`
	AnyRate         Num `json:"any_rate"`
	NoMarkerRate    Num `json:"no_marker_rate"`
}

// agentMarks is what the disclosure parser found in one record.
type agentMarks struct {
	agent                                string
	description, commits, identities, ai bool
}

// agentTools maps the agent names of datasets (AIDev's folders and agent
// column) to disclosure's tool names; other names are lower-cased with
// "_" and spaces as "-".
var agentTools = map[string]string{
	"openai-codex":   "codex",
	"github-copilot": "copilot",
	"copilot-agent":  "copilot",
	"claude-code":    "claude-code",
	"google-jules":   "jules",
}

// AgentTool returns the disclosure tool name an agent name stands for:
// "OpenAI_Codex" is "codex", "Copilot" is "copilot".
func AgentTool(agent string) string {
	t := strings.ToLower(strings.TrimSpace(agent))
	t = strings.NewReplacer("_", "-", " ", "-").Replace(t)
	if m, ok := agentTools[t]; ok {
		return m
	}
	return t
}

// markAgent parses the record's parts with package disclosure and notes
// which name the record's agent.
func markAgent(rec *Record) *agentMarks {
	if rec.Agent == "" || strings.EqualFold(rec.Agent, "human") {
		return nil
	}
	tool := AgentTool(rec.Agent)
	m := &agentMarks{agent: rec.Agent}
	check := func(in disclosure.Input) bool {
		d := disclosure.ParseInput(in)
		m.ai = m.ai || d.Stance.AI() || len(d.Tools) > 0
		_, ok := d.Tool(tool)
		return ok
	}
	m.description = check(disclosure.Input{Title: rec.Title, Body: rec.Body})
	msgs := make([]disclosure.Commit, 0, len(rec.Commits))
	ids := make([]disclosure.Commit, 0, len(rec.Commits))
	for _, c := range rec.Commits {
		msgs = append(msgs, disclosure.Commit{Message: c.Message})
		if who := identity(c); who != "" {
			ids = append(ids, disclosure.Commit{Author: who})
		}
	}
	m.commits = len(msgs) > 0 && check(disclosure.Input{Commits: msgs})
	m.identities = check(disclosure.Input{Author: rec.Author.Login, Commits: ids})
	return m
}

// identity is a commit author as disclosure reads one: "Name <email>",
// or the name (a login in AIDev) alone.
func identity(c heuristics.Commit) string {
	switch {
	case c.AuthorEmail != "" && c.AuthorName != "":
		return c.AuthorName + " <" + c.AuthorEmail + ">"
	case c.AuthorEmail != "":
		return c.AuthorEmail
	}
	return c.AuthorName
}

// agentCounter folds agentMarks per agent.
type agentCounter map[string]*AgentShare

func (a agentCounter) add(m *agentMarks) {
	if m == nil {
		return
	}
	s := a[m.agent]
	if s == nil {
		s = &AgentShare{Agent: m.agent, Tool: AgentTool(m.agent)}
		a[m.agent] = s
	}
	s.Contributions++
	count := func(n *int64, ok bool) {
		if ok {
			*n++
		}
	}
	count(&s.Description, m.description)
	count(&s.Commits, m.commits)
	count(&s.Identities, m.identities)
	named := m.description || m.commits || m.identities
	count(&s.Any, named)
	count(&s.OtherTool, !named && m.ai)
	count(&s.NoMarker, !m.ai)
}

func (a agentCounter) shares() []AgentShare {
	out := make([]AgentShare, 0, len(a))
	for _, s := range a {
		n := uint64(s.Contributions)
		s.DescriptionRate = Num(ratio(uint64(s.Description), n))
		s.CommitsRate = Num(ratio(uint64(s.Commits), n))
		s.IdentitiesRate = Num(ratio(uint64(s.Identities), n))
		s.AnyRate = Num(ratio(uint64(s.Any), n))
		s.NoMarkerRate = Num(ratio(uint64(s.NoMarker), n))
		out = append(out, *s)
	}
	slices.SortFunc(out, func(x, y AgentShare) int { return cmp.Compare(x.Agent, y.Agent) })
	return out
}
