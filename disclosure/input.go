package disclosure

import (
	"strconv"
	"strings"

	"github.com/heft-dev/heft/internal/lazyre"
)

// Commit is one commit of a contribution.
type Commit struct {
	Message string `json:"message"`
	// Author and Committer are "Name <email>", an e-mail address or a
	// login, if known.
	Author    string `json:"author,omitempty"`
	Committer string `json:"committer,omitempty"`
}

// Input is a whole contribution as the parser reads it: the pull request's
// title, description and author, and its commits with their identities.
type Input struct {
	Title   string   `json:"title,omitempty"`
	Body    string   `json:"body,omitempty"` // the description, Markdown
	Author  string   `json:"author,omitempty"`
	Commits []Commit `json:"commits,omitempty"`
}

// ParseInput reads a contribution with the default catalogue.
func ParseInput(in Input) *Disclosure { return DefaultParser().ParseInput(in) }

// ParseInput reads a whole contribution: the title, the description, the
// pull request author, and each commit's message, author and committer,
// every identity through Identify. Evidence.Where says which text each
// finding's span refers to: "title", "body", "author", "commit N",
// "commit N author" or "commit N committer" (N counts from 1). The
// stance and tools are those of all the parts together.
func (p *Parser) ParseInput(in Input) *Disclosure {
	d := &Disclosure{Tools: []Tool{}}
	merge := func(where string, part *Disclosure) {
		for _, e := range part.Evidence {
			e.Where = where
			d.Evidence = append(d.Evidence, e)
		}
		for _, t := range part.Trailers {
			t.Where = where
			d.Trailers = append(d.Trailers, t)
		}
		for _, b := range part.Blocks {
			b.Where = where
			d.Blocks = append(d.Blocks, b)
		}
		d.Truncated = d.Truncated || part.Truncated
	}
	if in.Title != "" {
		merge("title", p.parseTitle(in.Title))
	}
	if in.Body != "" {
		merge("body", p.Parse(in.Body))
	}
	if in.Author != "" {
		merge("author", p.ParseSource(Source{Author: in.Author}))
	}
	for i, c := range in.Commits {
		n := "commit " + strconv.Itoa(i+1)
		merge(n, p.ParseCommit(c.Message))
		if c.Author != "" {
			merge(n+" author", p.ParseSource(Source{Author: c.Author}))
		}
		if c.Committer != "" && c.Committer != c.Author {
			merge(n+" committer", p.ParseSource(Source{Author: c.Committer}))
		}
	}
	s := &state{p: p, d: d}
	s.decide()
	return d
}

// parseTitle reads a pull request title as a commit subject: a branch
// name left as the title ("codex/fix-the-pager") and the words in it.
func (p *Parser) parseTitle(title string) *Disclosure {
	title, _, _ = strings.Cut(title, "\n")
	d := p.ParseCommit(title)
	s := &state{p: p, d: d, text: title, lines: splitLines(title)}
	if tool, ok := p.branchTool(strings.TrimSpace(title), true); ok {
		lo := strings.Index(title, strings.TrimSpace(title))
		s.add(Evidence{Kind: KindBranch, Rule: "agent-branch", Tool: tool, Stance: StanceGenerated, Start: lo, End: lo + len(strings.TrimSpace(title)),
			Note: "the title is an agent's branch name"})
		s.finish()
	}
	return d
}

var mergeRE = lazyre.New(`^Merge (?:remote-tracking )?branch '([^']+)'(?: of \S+)?(?: into (\S+))?|^Merge pull request #\d+ from (\S+)|^Merge branch (\S+) into (\S+)`)

// branches reports a merge commit subject that names an agent's branch
// ("Merge branch 'main' into codex/fix-pager", "Merge pull request #7
// from jane/copilot/fix-12").
func (s *state) branches() {
	if !s.commit || len(s.lines) == 0 {
		return
	}
	l := s.lines[0]
	m := mergeRE.FindStringSubmatchIndex(l.s)
	if m == nil {
		return
	}
	for g := 1; 2*g+1 < len(m); g++ {
		if m[2*g] < 0 {
			continue
		}
		name := l.s[m[2*g]:m[2*g+1]]
		if tool, ok := s.p.branchTool(name, false); ok {
			s.add(Evidence{Kind: KindBranch, Rule: "agent-branch", Tool: tool, Stance: StanceGenerated, Start: l.start + m[2*g], End: l.start + m[2*g+1],
				Note: "a branch named the way an agent names its branches"})
			return
		}
	}
}

// branchTool finds the tool whose branch prefix a branch name carries: at
// its start, after a remote or owner ("origin/copilot/x", "jane/codex/x"),
// or after a short random prefix ("p1njaq-codex/x"). In a title
// (whole), the name must be all of it with no blank before the slash.
func (p *Parser) branchTool(name string, whole bool) (string, bool) {
	name = strings.Trim(name, "'\"`")
	slash := strings.IndexByte(name, '/')
	if slash < 0 {
		return "", false
	}
	if whole && strings.ContainsAny(name[:slash], " \t") {
		return "", false
	}
	segs := strings.Split(name, "/")
	for i, seg := range segs[:len(segs)-1] {
		if i > 1 || whole && i > 0 {
			break
		}
		seg = strings.ToLower(seg)
		for ti := range p.tools {
			for _, b := range p.tools[ti].spec.Branches {
				if seg == b || strings.HasSuffix(seg, "-"+b) && len(seg)-len(b) <= 8 {
					return p.tools[ti].spec.Name, true
				}
			}
		}
	}
	return "", false
}
