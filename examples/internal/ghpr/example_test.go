package ghpr_test

import (
	"fmt"
	"strings"
	"time"

	"github.com/heft-dev/heft/examples/internal/ghpr"
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
