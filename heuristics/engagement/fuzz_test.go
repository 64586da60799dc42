package engagement_test

import (
	"context"
	"testing"
	"time"

	"github.com/heft-dev/heft/heuristics"
)

// FuzzEngagement feeds comment bodies, kinds, states and times from the
// fuzzer through the scorer: it must never panic and must keep the
// Scorer contract.
func FuzzEngagement(f *testing.F) {
	f.Add("What happens on the error path?", "comment", "", int64(3600), "ada", true)
	f.Add("> quoted?\n```\ncode?\n```\n@carol please look", "review", "changes_requested", int64(-5), "maint", false)
	f.Add("<!-- hidden? -->`x?` ~~~\nunterminated", "review_comment", "APPROVED", int64(0), "", true)
	f.Add("@ada@ada @[bot] ??? .!?", "closed", "commented", int64(1<<40), "ADA", false)
	s := newEngagement(f)
	f.Fuzz(func(t *testing.T, body, kind, state string, offset int64, login string, maintainer bool) {
		actor := heuristics.Author{Login: login}
		if maintainer {
			actor.Association = heuristics.AssociationMember
		}
		c := &heuristics.Contribution{
			Author: ada,
			Now:    opened.Add(10 * 24 * time.Hour),
			Timeline: []heuristics.Event{
				{Kind: heuristics.EventKind(kind), Actor: actor, Time: opened.Add(time.Duration(offset) * time.Second), Body: body, State: state},
				{Kind: heuristics.EventComment, Actor: maint, Time: opened.Add(time.Hour), Body: body},
			},
		}
		res, err := s.Score(context.Background(), c)
		if err != nil {
			return
		}
		if err := heuristics.CheckResult(res); err != nil {
			t.Fatalf("%v: %+v", err, res)
		}
		for _, e := range res.Evidence {
			if len([]rune(e.Snippet)) > 200 {
				t.Fatalf("snippet of %d runes", len([]rune(e.Snippet)))
			}
		}
	})
}
