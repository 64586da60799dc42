package ghpr_test

import (
	"fmt"
	"strings"
	"time"

	"github.com/heft-dev/heft/examples/internal/ghpr"
	"github.com/heft-dev/heft/heuristics"
)

// A workflow reads the pull request from the event payload GitHub wrote to
// GITHUB_EVENT_PATH; the scorers see the author as a first-timer.
func Example() {
	payload := `{"action": "opened", "pull_request": {"title": "Fix a typo", "body": null,
		"user": {"login": "newcomer", "type": "User"}, "author_association": "FIRST_TIME_CONTRIBUTOR",
		"labels": [{"name": "documentation"}]}}`
	ev, err := ghpr.ReadEvent(strings.NewReader(payload))
	if err != nil {
		fmt.Println(err)
		return
	}
	c := ev.PullRequest.Contribution(time.Date(2026, 11, 2, 0, 0, 0, 0, time.UTC))
	fmt.Println(c.Title, c.Author.Login, c.Author.Association.FirstTime(), c.Labels)
	// Output: Fix a typo newcomer true [documentation]
}

// The heft Action puts the answer of GET /users/LOGIN in place of the
// event's short user object; Fill then gives the scorers the author's
// account with the pull request's branches, draft flag and milestone.
func ExamplePullRequest_Fill() {
	payload := `{"pull_request": {"title": "Fix a typo", "author_association": "NONE",
		"user": {"login": "newcomer", "type": "User", "created_at": "2026-10-30T08:00:00Z",
			"name": "New Comer", "bio": null, "public_repos": 1, "followers": 0, "following": 0},
		"base": {"ref": "main"}, "head": {"ref": "patch-1", "repo": {"full_name": "newcomer/app"}},
		"draft": false, "milestone": {"title": "v2.0"}}}`
	ev, err := ghpr.ReadEvent(strings.NewReader(payload))
	if err != nil {
		fmt.Println(err)
		return
	}
	c := &heuristics.Contribution{}
	ev.PullRequest.Fill(c)
	acc := c.Author.Account
	fmt.Println(c.HeadRepository, c.HeadBranch, "->", c.BaseBranch, *c.Draft, c.Milestone)
	fmt.Println(acc.CreatedAt.Format(time.DateOnly), acc.Profile, *acc.PublicRepos, acc.Global == nil)
	// Output:
	// newcomer/app patch-1 -> main false v2.0
	// 2026-10-30 [name] 1 true
}
