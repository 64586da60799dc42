package main

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/heft-dev/heft/heuristics"
)

// timelineJSON is a pull request timeline in the shape of GitHub's
// "List timeline events for an issue" API: one entry of each kind the bot
// reads, and one it does not.
const timelineJSON = `[
  {"event": "committed", "sha": "6dcb09b5b57875f334f61aebed695e2e4193db5e", "message": "Fix the empty-file case",
   "author": {"name": "Ada", "email": "ada@example.com", "date": "2026-05-01T09:00:00Z"},
   "committer": {"name": "Ada", "email": "ada@example.com", "date": "2026-05-01T09:30:00Z"}},
  {"event": "reviewed", "id": 80, "user": {"login": "maint", "type": "User"}, "author_association": "MEMBER",
   "body": "Please add a test.", "state": "CHANGES_REQUESTED", "submitted_at": "2026-05-03T10:00:00Z"},
  {"event": "line-commented", "comments": [
    {"id": 10, "user": {"login": "maint", "type": "User"}, "author_association": "MEMBER",
     "body": "Why not reuse readAll?", "created_at": "2026-05-03T10:01:00Z", "path": "file.go", "line": 12},
    {"id": 11, "user": {"login": "ada", "type": "User"}, "author_association": "FIRST_TIME_CONTRIBUTOR",
     "body": "It has no limit.", "created_at": "2026-05-04T08:00:00Z", "path": "file.go", "line": 12}]},
  {"event": "commented", "actor": {"login": "dependabot[bot]", "type": "Bot"}, "user": {"login": "dependabot[bot]", "type": "Bot"},
   "author_association": "NONE", "body": "Bump x?", "created_at": "2026-05-04T09:00:00Z"},
  {"event": "head_ref_force_pushed", "actor": {"login": "ada", "type": "User"}, "created_at": "2026-05-05T12:00:00Z"},
  {"event": "labeled", "actor": {"login": "maint", "type": "User"}, "label": {"name": "needs tests", "color": "fff"}, "created_at": "2026-05-05T13:00:00Z"},
  {"event": "subscribed", "actor": {"login": "maint", "type": "User"}, "created_at": "2026-05-05T13:00:00Z"},
  {"event": "merged", "actor": {"login": "maint", "type": "User"}, "created_at": "2026-05-06T08:00:00Z"}
]`

func TestConvertTimeline(t *testing.T) {
	var items []timelineItem
	require.NoError(t, json.Unmarshal([]byte(timelineJSON), &items))
	var got []heuristics.Event
	for _, it := range items {
		got = append(got, convert(it)...)
	}
	at := func(s string) time.Time {
		tm, err := time.Parse(time.RFC3339, s)
		require.NoError(t, err)
		return tm
	}
	maint := heuristics.Author{Login: "maint", Association: heuristics.AssociationMember}
	assert.Equal(t, []heuristics.Event{
		{Kind: heuristics.EventCommit, Time: at("2026-05-01T09:30:00Z")},
		{Kind: heuristics.EventReview, Actor: maint, Time: at("2026-05-03T10:00:00Z"), Body: "Please add a test.", State: "changes_requested"},
		{Kind: heuristics.EventReviewComment, Actor: maint, Time: at("2026-05-03T10:01:00Z"), Body: "Why not reuse readAll?"},
		{Kind: heuristics.EventReviewComment, Actor: heuristics.Author{Login: "ada", Association: heuristics.AssociationFirstTimeContributor},
			Time: at("2026-05-04T08:00:00Z"), Body: "It has no limit."},
		{Kind: heuristics.EventComment, Actor: heuristics.Author{Login: "dependabot[bot]", Association: heuristics.AssociationNone, Bot: true},
			Time: at("2026-05-04T09:00:00Z"), Body: "Bump x?"},
		{Kind: heuristics.EventCommit, Actor: heuristics.Author{Login: "ada"}, Time: at("2026-05-05T12:00:00Z")},
		{Kind: heuristics.EventLabeled, Actor: heuristics.Author{Login: "maint"}, Time: at("2026-05-05T13:00:00Z"), Label: "needs tests"},
		{Kind: heuristics.EventMerged, Actor: heuristics.Author{Login: "maint"}, Time: at("2026-05-06T08:00:00Z")},
	}, got, "commits carry no login; review threads become review comments; subscriptions are dropped")
}
