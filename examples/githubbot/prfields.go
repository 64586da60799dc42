package main

import (
	"context"
	"fmt"
	"net/url"
	"strings"

	"github.com/google/go-github/v92/github"

	"github.com/heft-dev/heft/examples/internal/ghpr"
	"github.com/heft-dev/heft/heuristics"
)

// fromGitHub returns the part of a go-github pull request heft reads, the
// same object a pull_request webhook carries, in ghpr's shape, so the bot
// and heft score --github-event (the Action) fill a contribution the same
// way.
func fromGitHub(pr *github.PullRequest) ghpr.PullRequest {
	in := ghpr.PullRequest{
		Number:              pr.GetNumber(),
		Title:               pr.GetTitle(),
		Body:                pr.GetBody(),
		User:                ghpr.User{Login: pr.GetUser().GetLogin(), Type: pr.GetUser().GetType()},
		AuthorAssociation:   pr.GetAuthorAssociation(),
		Base:                ghpr.Ref{Ref: pr.GetBase().GetRef(), SHA: pr.GetBase().GetSHA()},
		Head:                ghpr.Ref{Ref: pr.GetHead().GetRef(), SHA: pr.GetHead().GetSHA()},
		Draft:               pr.Draft,
		MaintainerCanModify: pr.MaintainerCanModify,
	}
	if r := pr.GetBase().GetRepo(); r != nil {
		in.Base.Repo = &ghpr.Repo{FullName: r.GetFullName()}
	}
	if r := pr.GetHead().GetRepo(); r != nil {
		in.Head.Repo = &ghpr.Repo{FullName: r.GetFullName()}
	}
	if m := pr.GetMilestone(); m != nil {
		in.Milestone = &ghpr.Milestone{Title: m.GetTitle()}
	}
	for _, l := range pr.Labels {
		in.Labels = append(in.Labels, ghpr.Label{Name: l.GetName()})
	}
	return in
}

// reactions converts go-github's reaction counts; nil when r is nil.
func reactions(r *github.Reactions) map[string]int {
	if r == nil {
		return nil
	}
	m := map[string]int{}
	for name, n := range map[string]*int{"+1": r.PlusOne, "-1": r.MinusOne, "laugh": r.Laugh, "confused": r.Confused,
		"heart": r.Heart, "hooray": r.Hooray, "rocket": r.Rocket, "eyes": r.Eyes} {
		if n != nil {
			m[name] = *n
		}
	}
	return m
}

// prReactions reads the pull request's reactions, which only its issue
// object carries; nil when GitHub does not answer (they stay unknown).
func (b *Bot) prReactions(ctx context.Context, gh *github.Client, k PRKey) map[string]int {
	is, _, err := gh.Issues.Get(ctx, k.Owner, k.Repo, k.Number)
	if err != nil {
		b.log().Warn("reactions unknown", "pr", k, "err", err)
		return nil
	}
	return reactions(is.Reactions)
}

// closingIssuesQuery asks for the issues a pull request will close:
// those its body or commits reference with a closing keyword, and those
// linked by hand in the sidebar, which no text shows.
const closingIssuesQuery = `query($owner: String!, $name: String!, $number: Int!) {
  repository(owner: $owner, name: $name) {
    pullRequest(number: $number) {
      closingIssuesReferences(first: 50) {
        nodes { number repository { nameWithOwner } }
      }
    }
  }
}`

// linkedIssues returns the issues GitHub knows the pull request closes
// (GraphQL closingIssuesReferences), as "#12" in the same repository or
// "owner/name#12" elsewhere; nil when GitHub does not answer, so the
// linked issues stay unknown rather than none.
func (b *Bot) linkedIssues(ctx context.Context, gh *github.Client, k PRKey) []string {
	endpoint, err := graphQLURL(gh.BaseURL())
	if err != nil {
		return nil
	}
	req, err := gh.NewRequest(ctx, "POST", endpoint, map[string]any{
		"query":     closingIssuesQuery,
		"variables": map[string]any{"owner": k.Owner, "name": k.Repo, "number": k.Number},
	})
	if err != nil {
		return nil
	}
	var out struct {
		Data struct {
			Repository *struct {
				PullRequest *struct {
					ClosingIssuesReferences struct {
						Nodes []struct {
							Number     int
							Repository struct{ NameWithOwner string }
						}
					}
				}
			}
		}
		Errors []struct{ Message string }
	}
	if _, err := gh.Do(req, &out); err != nil {
		b.log().Warn("linked issues unknown", "pr", k, "err", err)
		return nil
	}
	if len(out.Errors) > 0 || out.Data.Repository == nil || out.Data.Repository.PullRequest == nil {
		msg := "no pull request in the answer"
		if len(out.Errors) > 0 {
			msg = out.Errors[0].Message
		}
		b.log().Warn("linked issues unknown", "pr", k, "err", msg)
		return nil
	}
	linked := []string{}
	for _, n := range out.Data.Repository.PullRequest.ClosingIssuesReferences.Nodes {
		ref := fmt.Sprintf("#%d", n.Number)
		if !strings.EqualFold(n.Repository.NameWithOwner, k.Owner+"/"+k.Repo) {
			ref = n.Repository.NameWithOwner + ref
		}
		linked = append(linked, ref)
	}
	return linked
}

// graphQLURL returns the GraphQL endpoint for a REST base URL:
// https://api.github.com/graphql, or https://HOST/api/graphql for GitHub
// Enterprise Server's https://HOST/api/v3/.
func graphQLURL(base string) (string, error) {
	u, err := url.Parse(base)
	if err != nil {
		return "", err
	}
	if p, ok := strings.CutSuffix(u.Path, "/api/v3/"); ok {
		u.Path = p + "/api/graphql"
	} else {
		u.Path = strings.TrimSuffix(u.Path, "/") + "/graphql"
	}
	return u.String(), nil
}

// accountWanted reports whether the bot should look the author's account
// up: the account scorer runs, the author is a person who is not one of
// the repository's maintainers (the scorer says nothing of bots and
// scores maintainers 0), and the policy does not exempt the pull request
// (its verdict is not acted on).
func accountWanted(set *heuristics.Set, c *heuristics.Contribution) bool {
	a := c.Author
	if a.Login == "" || a.Bot || a.Association.Maintainer() || set.Policy().Exempt.Reason(c) != "" {
		return false
	}
	for _, s := range set.Scorers() {
		if s.Name() == "account" {
			return true
		}
	}
	return false
}
