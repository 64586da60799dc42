// Package ghpr turns a GitHub pull request, as webhook events and the REST
// API carry it, into the heuristics.Contribution heft scores. The GitHub
// bot, heft score --github-event and heft score's --author, --association
// and --label flags all build the contribution's title, body, author and
// labels here, so the rules that depend on who the author is (a
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
	"slices"
	"strings"
	"time"

	"github.com/heft-dev/heft/heuristics"
)

// ErrAssociation is wrapped by the error ParseAssociation returns for a
// value GitHub does not report.
var ErrAssociation = errors.New("not one of GitHub's author_association values")

// Associations lists the author_association values GitHub reports, in the
// order of the documentation.
var Associations = []heuristics.Association{
	heuristics.AssociationOwner,
	heuristics.AssociationMember,
	heuristics.AssociationCollaborator,
	heuristics.AssociationContributor,
	heuristics.AssociationFirstTimeContributor,
	heuristics.AssociationFirstTimer,
	heuristics.AssociationNone,
	heuristics.AssociationMannequin,
}

// ParseAssociation returns the association s names, in any case ("member"
// is MEMBER). The empty string is the unknown association. Anything else
// is an error wrapping ErrAssociation that lists the values accepted.
func ParseAssociation(s string) (heuristics.Association, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", nil
	}
	a := heuristics.Association(strings.ToUpper(s))
	if slices.Contains(Associations, a) {
		return a, nil
	}
	names := make([]string, len(Associations))
	for i, v := range Associations {
		names[i] = string(v)
	}
	return "", fmt.Errorf("%q is %w: %s", s, ErrAssociation, strings.Join(names, ", "))
}

// User is the part of a GitHub user object heft reads.
type User struct {
	Login string `json:"login"`
	Type  string `json:"type"` // "User", "Bot", "Organization"
}

// Label is the part of a GitHub label object heft reads.
type Label struct {
	Name string `json:"name"`
}

// Ref is one side of a pull request: a branch at a commit.
type Ref struct {
	Ref string `json:"ref"`
	SHA string `json:"sha"`
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
// at now: its title, body, author and labels. The caller adds what the
// object does not carry (the diff, the commits, the timeline, the
// template).
func (pr *PullRequest) Contribution(now time.Time) *heuristics.Contribution {
	c := &heuristics.Contribution{Title: pr.Title, Body: pr.Body, Author: pr.Author(), Now: now}
	for _, l := range pr.Labels {
		c.Labels = AddLabels(c.Labels, l.Name)
	}
	return c
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
