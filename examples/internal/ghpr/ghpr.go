// Package ghpr turns a GitHub pull request, as webhook events and the REST
// API carry it, into the heuristics.Contribution heft scores. The GitHub
// bot, heft score --github-event and heft score's --author, --association
// and --label flags all build the contribution's title, body, author,
// labels, branches, draft and "maintainer can modify" flags, milestone,
// reactions and (from a full user object) the author's account here, so the rules that depend on who the author is (a
// first-time contributor's small pull request is never held back; a bot
// account is a bot) apply the same way wherever heft runs.
//
// It reads JSON with encoding/json alone, so the heft command does not
// compile a GitHub client to read an event payload.
package ghpr

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/heft-dev/heft/heuristics"
)

// ErrAssociation is wrapped by the error ParseAssociation returns for a
// value GitHub does not report.
var ErrAssociation = errors.New("not one of GitHub's author_association values")

// ParseAssociation returns the association s names, in any case ("member"
// is MEMBER). The empty string is the unknown association. Anything else
// is an error wrapping ErrAssociation that lists the values accepted.
func ParseAssociation(s string) (heuristics.Association, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", nil
	}
	a := heuristics.Association(strings.ToUpper(s))
	if a.Known() {
		return a, nil
	}
	known := heuristics.KnownAssociations()
	names := make([]string, len(known))
	for i, v := range known {
		names[i] = string(v)
	}
	return "", fmt.Errorf("%q is %w: %s", s, ErrAssociation, strings.Join(names, ", "))
}

// User is the part of a GitHub user object heft reads. The user objects
// of a webhook event or a pull request carry only the login and the type;
// the answer of GET /users/{login} carries the rest, so a caller that
// looked the account up can put that answer in the event's place (the
// heft Action does) and the scorers get the author's Account.
type User struct {
	Login string `json:"login"`
	Type  string `json:"type"` // "User", "Bot", "Organization"

	// CreatedAt is when the account was created; zero when the object
	// does not say (a webhook event's user objects do not).
	CreatedAt time.Time `json:"created_at"`

	// The public profile fields; nil when absent, "" or null when empty.
	Name            *string `json:"name"`
	Company         *string `json:"company"`
	Blog            *string `json:"blog"`
	Location        *string `json:"location"`
	Email           *string `json:"email"`
	Hireable        *bool   `json:"hireable"`
	Bio             *string `json:"bio"`
	TwitterUsername *string `json:"twitter_username"`

	// The public counts; nil when absent.
	PublicRepos *int `json:"public_repos"`
	Followers   *int `json:"followers"`
	Following   *int `json:"following"`
}

// Account returns what the user object says of the account, or nil when
// it is a webhook event's short user object that says nothing of it. The
// counts the object lacks (pull requests, forks) stay unknown.
func (u *User) Account() *heuristics.Account {
	if u.CreatedAt.IsZero() && u.PublicRepos == nil && u.Followers == nil {
		return nil
	}
	a := &heuristics.Account{
		Profile:     []string{},
		PublicRepos: u.PublicRepos,
		Followers:   u.Followers,
		Following:   u.Following,
	}
	for _, f := range []struct {
		name string
		v    *string
	}{
		{"name", u.Name}, {"company", u.Company}, {"blog", u.Blog}, {"location", u.Location},
		{"email", u.Email}, {"bio", u.Bio}, {"twitter_username", u.TwitterUsername},
	} {
		if f.v != nil && strings.TrimSpace(*f.v) != "" {
			a.Profile = append(a.Profile, f.name)
		}
		if f.name == "email" && u.Hireable != nil && *u.Hireable {
			a.Profile = append(a.Profile, "hireable") // in heuristics.Account's order
		}
	}
	if !u.CreatedAt.IsZero() {
		a.CreatedAt = u.CreatedAt.UTC()
	}
	return a
}

// Label is the part of a GitHub label object heft reads.
type Label struct {
	Name string `json:"name"`
}

// Ref is one side of a pull request: a branch at a commit, in a
// repository.
type Ref struct {
	Ref  string `json:"ref"`
	SHA  string `json:"sha"`
	Repo *Repo  `json:"repo"` // null when the head's fork was deleted
}

// Repo is the part of a GitHub repository object heft reads.
type Repo struct {
	FullName string `json:"full_name"` // "owner/name"
}

// Milestone is the part of a GitHub milestone object heft reads.
type Milestone struct {
	Title string `json:"title"`
}

// ReactionNames are GitHub's reaction names, in the order of its
// documentation.
var ReactionNames = []string{"+1", "-1", "laugh", "confused", "heart", "hooray", "rocket", "eyes"}

// Reactions counts reactions by GitHub's names. It decodes GitHub's
// reactions object ({"total_count": 3, "+1": 2, "heart": 1, ...}),
// keeping the names of ReactionNames and dropping the rest (the URL, the
// total).
type Reactions map[string]int

// UnmarshalJSON decodes GitHub's reactions object.
func (r *Reactions) UnmarshalJSON(b []byte) error {
	var m map[string]json.RawMessage
	if err := json.Unmarshal(b, &m); err != nil {
		return err
	}
	if m == nil { // null
		return nil
	}
	out := Reactions{}
	for _, name := range ReactionNames {
		raw, ok := m[name]
		if !ok {
			continue
		}
		var n int
		if err := json.Unmarshal(raw, &n); err != nil {
			return fmt.Errorf("reactions: %q: %w", name, err)
		}
		out[name] = n
	}
	*r = out
	return nil
}

// PullRequest is the part of GitHub's pull request object heft reads, with
// GitHub's JSON keys, so a webhook event's "pull_request" decodes into it.
type PullRequest struct {
	Number            int     `json:"number"`
	Title             string  `json:"title"`
	Body              string  `json:"body"` // null decodes as ""
	User              User    `json:"user"`
	AuthorAssociation string  `json:"author_association"`
	Labels            []Label `json:"labels"`
	Base              Ref     `json:"base"`
	Head              Ref     `json:"head"`

	// Draft and MaintainerCanModify are nil when the object does not say.
	Draft               *bool      `json:"draft"`
	MaintainerCanModify *bool      `json:"maintainer_can_modify"`
	Milestone           *Milestone `json:"milestone"`

	// Reactions are on issue objects and on a pull request read through
	// the issues API; a pull request object has none, and then they are
	// unknown (nil).
	Reactions Reactions `json:"reactions"`
}

// Author returns the pull request's author as the scorers see it: the
// login, the association and whether the account is a bot. The
// association is taken as GitHub sends it, upper-cased: a value GitHub
// adds later is neither a maintainer's nor a first-timer's, as an unknown
// one is.
func (pr *PullRequest) Author() heuristics.Author {
	a := heuristics.Association(strings.ToUpper(strings.TrimSpace(pr.AuthorAssociation)))
	return NewAuthor(pr.User.Login, pr.User.Type, a)
}

// NewAuthor returns the author with login, account type (GitHub's "Bot",
// "User", or "" when unknown) and association. A login ending in "[bot]"
// is a bot whatever the type says, as GitHub Apps' accounts are.
func NewAuthor(login, typ string, a heuristics.Association) heuristics.Author {
	login = strings.TrimPrefix(strings.TrimSpace(login), "@")
	return heuristics.Author{
		Login:       login,
		Association: a,
		Bot:         typ == "Bot" || strings.HasSuffix(login, "[bot]"),
	}
}

// Contribution returns the contribution the pull request describes, scored
// at now: what Fill sets. The caller adds what the object does not carry
// (the diff, the commits, the timeline, the template, the linked issues).
func (pr *PullRequest) Contribution(now time.Time) *heuristics.Contribution {
	c := &heuristics.Contribution{Now: now}
	pr.Fill(c)
	return c
}

// Fill sets on c what the pull request object says: the title, the body,
// the author (with the Account, when the user object is a full one; a
// short one keeps the Account c has for the same login), the
// labels (added to those c has), the base and head branches, the head
// repository, draft, "maintainer can modify", the milestone and the
// reactions. What the object does not say is left as c has it.
func (pr *PullRequest) Fill(c *heuristics.Contribution) {
	c.Title, c.Body = pr.Title, pr.Body
	prev := c.Author
	c.Author = pr.Author()
	c.Author.Account = pr.User.Account()
	if c.Author.Account == nil && prev.Login != "" && strings.EqualFold(prev.Login, c.Author.Login) {
		// A short user object says nothing of the account: what the
		// caller knew of the same author stands.
		c.Author.Account = prev.Account
	}
	for _, l := range pr.Labels {
		c.Labels = AddLabels(c.Labels, l.Name)
	}
	if pr.Base.Ref != "" {
		c.BaseBranch = pr.Base.Ref
	}
	if pr.Head.Ref != "" {
		c.HeadBranch = pr.Head.Ref
	}
	if pr.Head.Repo != nil && pr.Head.Repo.FullName != "" {
		c.HeadRepository = pr.Head.Repo.FullName
	}
	if pr.Draft != nil {
		c.Draft = heuristics.Ptr(*pr.Draft)
	}
	if pr.MaintainerCanModify != nil {
		c.MaintainerCanModify = heuristics.Ptr(*pr.MaintainerCanModify)
	}
	if pr.Milestone != nil && pr.Milestone.Title != "" {
		c.Milestone = pr.Milestone.Title
	}
	if pr.Reactions != nil {
		c.Reactions = maps.Clone(map[string]int(pr.Reactions))
	}
}

// AddLabels appends the labels not already in list, in order, skipping
// empty names.
func AddLabels(list []string, labels ...string) []string {
	for _, l := range labels {
		if l = strings.TrimSpace(l); l != "" && !slices.Contains(list, l) {
			list = append(list, l)
		}
	}
	return list
}

// Event is the part of a pull_request or pull_request_target webhook event
// (the file GITHUB_EVENT_PATH names in a workflow) heft reads.
type Event struct {
	Action      string       `json:"action"`
	Number      int          `json:"number"`
	PullRequest *PullRequest `json:"pull_request"`
}

// MaxEventBytes bounds what ReadEvent reads: GitHub caps webhook payloads
// at 25 MB.
const MaxEventBytes = 25 << 20

// ErrNoPullRequest is wrapped by ReadEvent's error for an event that
// carries no pull request, such as a push.
var ErrNoPullRequest = errors.New("the event has no pull_request object (run on pull_request or pull_request_target events)")

// ReadEvent decodes a webhook event payload carrying a pull request. It
// reads at most MaxEventBytes.
func ReadEvent(r io.Reader) (*Event, error) {
	b, err := io.ReadAll(io.LimitReader(r, MaxEventBytes+1))
	if err != nil {
		return nil, err
	}
	if len(b) > MaxEventBytes {
		return nil, fmt.Errorf("event payload over %d bytes", MaxEventBytes)
	}
	var ev Event
	if err := json.Unmarshal(b, &ev); err != nil {
		var syn *json.SyntaxError
		if errors.As(err, &syn) {
			line := 1 + strings.Count(string(b[:min(int(syn.Offset), len(b))]), "\n")
			return nil, fmt.Errorf("line %d: %w", line, err)
		}
		return nil, err
	}
	if ev.PullRequest == nil {
		return nil, ErrNoPullRequest
	}
	return &ev, nil
}
