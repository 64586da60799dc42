package disclosure

import (
	"cmp"
	"context"
	_ "embed"
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/heft-dev/heft/disclosure"
	"github.com/heft-dev/heft/heuristics"
	"github.com/heft-dev/heft/internal/scoring"
	"github.com/heft-dev/heft/internal/wording"
)

// Default scores of a Config.
const (
	DefaultMissingScore       = 0.5
	DefaultContradictionScore = 0.8
	DefaultSignoffScore       = 0.6
	DefaultTamperScore        = 0.7
)

// Config is a repository's rules about AI disclosure. Its zero
// value does not require a disclosure and uses the default scores. Each
// score is in [0, 1]; 0 means its default (to silence a finding, weigh
// the scorer down in the Set's Policy instead).
type Config struct {
	// Require says the repository asks every contribution to say whether
	// AI tools were used; one that says nothing is a finding. A statement
	// that no AI was used is a disclosure. Default false.
	Require bool `json:"require,omitempty"`

	// BodyOnly says the disclosure must be in the description; by default
	// one in a commit message counts too. Default false.
	BodyOnly bool `json:"body_only,omitempty"`

	// MissingScore is the score when a required disclosure is missing,
	// in [0, 1]. Default DefaultMissingScore (0.5).
	MissingScore float64 `json:"missing_score,omitempty"`

	// ContradictionScore is the score when the text denies AI use that
	// the contribution shows. Default DefaultContradictionScore (0.8).
	ContradictionScore float64 `json:"contradiction_score,omitempty"`

	// SignoffScore is the score when an AI tool signs off a commit.
	// Default DefaultSignoffScore (0.6).
	SignoffScore float64 `json:"signoff_score,omitempty"`

	// TamperScore is the score when a trailer hides behind invisible or
	// look-alike characters. Default DefaultTamperScore (0.7).
	TamperScore float64 `json:"tamper_score,omitempty"`

	// Parser parses with a custom catalogue; nil means the default one.
	Parser *disclosure.Parser `json:"-"`
}

func (p Config) withDefaults() Config {
	p.MissingScore = cmp.Or(p.MissingScore, DefaultMissingScore)
	p.ContradictionScore = cmp.Or(p.ContradictionScore, DefaultContradictionScore)
	p.SignoffScore = cmp.Or(p.SignoffScore, DefaultSignoffScore)
	p.TamperScore = cmp.Or(p.TamperScore, DefaultTamperScore)
	return p
}

// Validate reports a policy the disclosure scorer cannot use: a score
// outside [0, 1], naming the field.
func (p Config) Validate() error {
	if field, msg := scoring.CheckLimits(
		scoring.InRange("missing_score", p.MissingScore, 0, 1),
		scoring.InRange("contradiction_score", p.ContradictionScore, 0, 1),
		scoring.InRange("signoff_score", p.SignoffScore, 0, 1),
		scoring.InRange("tamper_score", p.TamperScore, 0, 1),
	); field != "" {
		return scoring.Invalid("disclosure", "%s %s", field, msg)
	}
	return nil
}

// Scorer reads what a contribution discloses about AI
// assistance. Its Name is "disclosure".
type Scorer struct{ policy Config }

// New returns the disclosure scorer. It reads the description,
// the title, every commit message (their trailers included) and the
// author, and reports what was disclosed. An honest disclosure scores 0
// and is reported in the Summary, Metrics and "disclosure-found" evidence;
// findings are a required disclosure that is missing, a denial
// contradicted by the commits, an AI sign-off and tampered trailers.
func New(policy Config) (*Scorer, error) {
	return scoring.New(policy, Config.withDefaults, func(p Config) *Scorer { return &Scorer{policy: p} })
}

// Name returns "disclosure".
func (*Scorer) Name() string { return "disclosure" }

// rules is the one table of the disclosure scorer's rules, declared in
// rules.json; doc.go lists them and a test keeps the two in step.
var rules = scoring.Table[heuristics.Rule](rulesJSON)

//go:embed rules.json
var rulesJSON []byte

// Rules returns the rules the disclosure scorer's evidence cites.
func (*Scorer) Rules() []heuristics.Rule { return rules.Clone() }

// disclosureText is one parsed text of the contribution.
type disclosureText struct {
	d      *disclosure.Disclosure
	field  heuristics.Field
	commit string
}

// Score reads c.Body, c.Title, c.Commits and c.Author. It returns
// ErrNotApplicable when there is no title, description or commit.
func (s *Scorer) Score(ctx context.Context, c *heuristics.Contribution) (heuristics.Result, error) {
	if c == nil || strings.TrimSpace(c.Title) == "" && strings.TrimSpace(c.Body) == "" && len(c.Commits) == 0 {
		return heuristics.Result{}, heuristics.ErrNotApplicable
	}
	p := s.policy.Parser
	if p == nil {
		p = disclosure.DefaultParser()
	}
	author := c.Author.Login
	var all []disclosureText
	body := p.ParseSource(disclosure.Source{Text: c.Body, Author: author})
	all = append(all, disclosureText{d: body, field: heuristics.FieldBody})
	if t := p.Parse(c.Title); len(t.Evidence) > 0 {
		all = append(all, disclosureText{d: t, field: heuristics.FieldTitle})
	}
	aiCommits := 0
	// A pull request's commits often repeat a message and author
	// ("Initial plan", a merge of the default branch): each is read once.
	var seen map[disclosure.Source]*disclosure.Disclosure
	for i, cm := range c.Commits {
		if err := ctx.Err(); err != nil {
			return heuristics.Result{}, err
		}
		a := cm.AuthorName
		if cm.AuthorEmail != "" {
			a = strings.TrimSpace(a + " <" + cm.AuthorEmail + ">")
		}
		src := disclosure.Source{Text: cm.Message, Commit: true, Author: a}
		d, ok := seen[src]
		if !ok {
			d = p.ParseSource(src)
			if seen == nil {
				seen = make(map[disclosure.Source]*disclosure.Disclosure, len(c.Commits))
			}
			seen[src] = d
		}
		id := cm.SHA
		if id == "" {
			id = fmt.Sprintf("#%d", i+1)
		}
		if d.Stance.AI() {
			aiCommits++
		}
		all = append(all, disclosureText{d: d, field: heuristics.FieldCommit, commit: id})
	}

	var (
		res       = heuristics.Result{Metrics: map[string]float64{}}
		stance    disclosure.Stance
		noAI      []disclosure.Evidence
		noAIWhere []disclosureText
		aiEv      []heuristics.Evidence
		markers   []heuristics.Evidence // AI evidence a tool wrote: trailers, footers, links, authors
		tools     = map[string]string{} // name → model
		blocks    int
		findings  []heuristics.Evidence
		score     float64
		disclosed bool
	)
	for _, f := range all {
		d := f.d
		if d.Stance.AI() && d.Stance > stance {
			stance = d.Stance
		}
		counted := !s.policy.BodyOnly || f.field != heuristics.FieldCommit
		if counted && (d.Stance != disclosure.StanceNone) {
			disclosed = true
		}
		blocks += len(d.Blocks)
		for _, t := range d.Tools {
			if tools[t.Name] == "" {
				tools[t.Name] = t.Model
			}
		}
		for _, e := range d.Evidence {
			ev := disclosureEvidence(e, f)
			switch {
			case e.Stance == disclosure.StanceNoAI && !e.Scoped():
				noAI = append(noAI, e)
				noAIWhere = append(noAIWhere, f)
			case e.Kind == disclosure.KindSignoff:
				ev.Rule = "disclosure-ai-signoff"
				ev.Message = fmt.Sprintf("Signed-off-by names %s; an AI tool cannot certify the Developer Certificate of Origin.", disclosureFirst(toolName(e.Tool), e.Model, "an AI tool"))
				findings = append(findings, ev)
				score = max(score, s.policy.SignoffScore)
			case e.Kind == disclosure.KindTampering:
				ev.Rule = "disclosure-tampered"
				ev.Message = tamperWords(e)
				findings = append(findings, ev)
				score = max(score, s.policy.TamperScore)
			}
			if e.Stance.AI() {
				aiEv = append(aiEv, ev)
				if e.Marker() {
					markers = append(markers, ev)
				}
			}
		}
	}
	if stance == disclosure.StanceNone && len(noAI) > 0 {
		stance = disclosure.StanceNoAI
	}

	// People's words may disagree with each other ("no AI for the code;
	// AI named the variables"); a contradiction is a denial against what
	// a tool wrote.
	if len(noAI) > 0 && len(markers) > 0 {
		ev := disclosureEvidence(noAI[0], noAIWhere[0])
		ev.Rule = "disclosure-contradiction"
		ev.Message = "Says no AI was used."
		ai := markers[0]
		ai.Rule = "disclosure-contradiction"
		ai.Message = "Against that: " + strings.ToLower(ai.Message[:1]) + ai.Message[1:] + "."
		findings = append([]heuristics.Evidence{ev, ai}, findings...)
		score = max(score, s.policy.ContradictionScore)
	}
	if s.policy.Require && !disclosed {
		findings = append([]heuristics.Evidence{{
			Rule:    "disclosure-missing",
			Message: "This repository asks contributors to say whether AI tools were used, and the description does not say.",
			Field:   heuristics.FieldBody,
		}}, findings...)
		score = max(score, s.policy.MissingScore)
	}

	names := make([]string, 0, len(tools))
	for n := range tools {
		names = append(names, n)
	}
	sort.Strings(names)
	res.Metrics["stance"] = float64(stance)
	res.Metrics["tools"] = float64(len(names))
	res.Metrics["commits"] = float64(len(c.Commits))
	res.Metrics["ai_commits"] = float64(aiCommits)
	res.Metrics["prompt_blocks"] = float64(blocks)
	res.Score = score
	res.Evidence = findings
	if score == 0 && len(aiEv) > 0 {
		found := foldRepeats(aiEv)
		for _, e := range found[:min(len(found), 5)] {
			e.Rule = "disclosure-found"
			e.Message += "." // after foldRepeats, which may add "; also in 2 commits"
			res.Evidence = append(res.Evidence, e)
		}
	}
	res.Summary = disclosureSummary(stance, names, tools)
	switch {
	case disclosureHasRule(findings, "disclosure-contradiction"):
		res.Summary = "Says no AI was used, but the contribution carries an AI tool's marks"
		if len(names) > 0 {
			res.Summary += " (" + toolList(names, tools) + ")"
		}
		res.Summary += "."
		res.Advice = "The description says no AI was used, but the commits or description name an AI tool. Could you correct whichever is wrong?"
	case disclosureHasRule(findings, "disclosure-ai-signoff"):
		res.Advice = "An AI tool signed off a commit. Only a person can certify the Developer Certificate of Origin: please remove the tool's Signed-off-by and add your own, and credit the tool with Assisted-by instead."
	case disclosureHasRule(findings, "disclosure-missing"):
		res.Advice = "This repository asks contributors to say whether AI tools were used. Please add a short note, for example \"AI assistance: none\" or \"Assisted-by: Claude Code (claude-sonnet-4-5) for the tests\"."
	case disclosureHasRule(findings, "disclosure-tampered"):
		res.Advice = "A trailer contains invisible or look-alike characters, which hides it from git. Please retype it in plain ASCII."
	}
	return res, nil
}

func disclosureSummary(stance disclosure.Stance, names []string, models map[string]string) string {
	switch stance {
	case disclosure.StanceNone:
		return "No AI disclosure found."
	case disclosure.StanceNoAI:
		return "Declares that no AI tools were used."
	}
	what := "AI-assisted"
	if stance == disclosure.StanceGenerated {
		what = "AI-generated"
	}
	if list := toolList(names, models); list != "" {
		return "Discloses that the change is " + what + ": " + list + "."
	}
	return "Discloses that the change is " + what + "."
}

// toolList names the tools as people write them, each with its model
// when one was named: "Claude Code (claude-sonnet-4-5), Devin AI".
func toolList(names []string, models map[string]string) string {
	var parts []string
	for _, n := range names {
		shown := toolName(n)
		if shown == "" {
			continue
		}
		if m := models[n]; m != "" {
			parts = append(parts, shown+" ("+m+")")
		} else {
			parts = append(parts, shown)
		}
	}
	return wording.List(parts)
}

func disclosureEvidence(e disclosure.Evidence, f disclosureText) heuristics.Evidence {
	ev := heuristics.Evidence{Field: f.field, Line: e.Line, Commit: f.commit, Snippet: wording.Snippet(e.Text, 200)}
	if e.Kind == disclosure.KindAuthor {
		ev.Field, ev.Line = heuristics.FieldAuthor, 0
	}
	ev.Message = evidenceWords(e)
	return ev
}

// foldRepeats keeps the first of the pieces of evidence that say the same
// thing with the same snippet (the agent's account as the pull request's
// author and as every commit's), noting on it how many other commits
// repeat it. A line said twice in one commit's message, or again in the
// description, adds no commit to the count.
func foldRepeats(evs []heuristics.Evidence) []heuristics.Evidence {
	type key struct{ msg, snippet string }
	first := map[key]int{}
	commits := map[int]map[string]bool{} // by kept evidence: the other commits that repeat it
	var out []heuristics.Evidence
	for _, e := range evs {
		k := key{e.Message, e.Snippet}
		i, ok := first[k]
		if !ok {
			first[k] = len(out)
			out = append(out, e)
			continue
		}
		if e.Commit != "" && e.Commit != out[i].Commit {
			if commits[i] == nil {
				commits[i] = map[string]bool{}
			}
			commits[i][e.Commit] = true
		}
	}
	for i, cs := range commits {
		if out[i].Commit != "" {
			out[i].Message += "; also in " + wording.Plural(len(cs), "other commit")
		} else {
			out[i].Message += "; also in " + wording.Plural(len(cs), "commit")
		}
	}
	return out
}

// evidenceWords says what a piece of disclosure evidence is, for a
// maintainer: "Claude Code's footer (AI-generated)", not the parser's
// "footer generated by claude-code".
func evidenceWords(e disclosure.Evidence) string {
	tool := toolName(e.Tool)
	named := tool != ""
	if !named {
		tool = "an AI tool"
	}
	var what string
	switch e.Kind {
	case disclosure.KindAuthor:
		what = "The author is " + tool + "'s account"
		if !named {
			what = "The author is an AI tool's account"
		}
	case disclosure.KindTrailer:
		what = "A trailer names " + tool
	case disclosure.KindFooter:
		what = "A line " + tool + " writes"
	case disclosure.KindLink:
		what = "A link to " + tool + "'s session"
	case disclosure.KindBranch:
		what = "A branch name " + tool + " creates"
	case disclosure.KindPrefix:
		what = "A commit subject prefix " + tool + " writes"
	case disclosure.KindSentence:
		what = "A sentence in the author's words"
	case disclosure.KindCheckbox:
		what = "A ticked checkbox"
	case disclosure.KindSection:
		what = "The description's AI section"
	case disclosure.KindBlock:
		what = "A collapsed block of prompts or a transcript"
	default:
		what = "A " + string(e.Kind)
	}
	var says []string
	switch e.Stance {
	case disclosure.StanceGenerated:
		says = append(says, "AI-generated")
	case disclosure.StanceAssisted:
		says = append(says, "AI-assisted")
	case disclosure.StanceNoAI:
		says = append(says, "no AI used")
	}
	if named && !strings.Contains(what, tool) {
		says = append(says, tool)
	}
	if e.Model != "" {
		says = append(says, "model "+e.Model)
	}
	if len(says) == 0 {
		return what
	}
	return what + " (" + strings.Join(says, ", ") + ")"
}

// tamperWords says what a piece of tampering evidence hides, as one
// sentence: the disclosure package's note on a trailer's key says it
// well, but its other notes repeat the message's own words or carry a
// rule ID ("hide this footer (footer-claude)").
func tamperWords(e disclosure.Evidence) string {
	switch {
	case e.Rule == "trailer-value-tampered":
		return "A trailer's value names a tool behind invisible or look-alike characters."
	case e.Rule == "text-confusables":
		return "Invisible or look-alike characters hide a mark of " + disclosureFirst(toolName(e.Tool), "an AI tool") + " from a plain reading."
	case e.Note == "":
		return "A trailer hides behind invisible or look-alike characters."
	}
	return strings.ToUpper(e.Note[:1]) + e.Note[1:] + "."
}

// toolNames maps the catalogue's normalised tool names to the name people
// write ("claude-code" to "Claude Code"): its first alias.
var toolNames = sync.OnceValue(func() map[string]string {
	m := map[string]string{}
	for _, t := range disclosure.DefaultCatalogue().Tools {
		if len(t.Aliases) > 0 {
			m[t.Name] = t.Aliases[0]
		}
	}
	return m
})

// toolName is the name people write for a normalised tool name; "" for
// none or an unknown tool.
func toolName(name string) string {
	if name == "" || name == disclosure.UnknownTool {
		return ""
	}
	if n, ok := toolNames()[name]; ok {
		return n
	}
	return name
}

func disclosureFirst(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}

func disclosureHasRule(es []heuristics.Evidence, rule string) bool {
	for _, e := range es {
		if e.Rule == rule {
			return true
		}
	}
	return false
}
