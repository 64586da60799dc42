package main

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/google/go-github/v92/github"

	"github.com/heft-dev/heft/heuristics"
)

// timelineItem is one entry of GitHub's issue timeline API, with the
// fields the bot reads. go-github's Timeline type has no
// author_association, which tells a maintainer from anyone else, so the
// bot decodes the entries itself.
type timelineItem struct {
	Event             string     `json:"event"`
	Actor             *ghUser    `json:"actor"`
	User              *ghUser    `json:"user"`
	AuthorAssociation string     `json:"author_association"`
	Body              string     `json:"body"`
	State             string     `json:"state"`
	CreatedAt         *time.Time `json:"created_at"`
	SubmittedAt       *time.Time `json:"submitted_at"`
	Label             *struct {
		Name string `json:"name"`
	} `json:"label"`
	// For "committed": git's author and committer, with no login.
	Committer *struct {
		Date time.Time `json:"date"`
	} `json:"committer"`
	// For "line-commented": the review comments of one thread.
	Comments []timelineItem `json:"comments"`
}

type ghUser struct {
	Login string `json:"login"`
	Type  string `json:"type"`
}

// timeline reads the pull request's timeline as heuristics events, oldest
// first, at most MaxTimeline of them.
func (b *Bot) timeline(ctx context.Context, gh *github.Client, k PRKey) ([]heuristics.Event, error) {
	limit := b.MaxTimeline
	if limit <= 0 {
		limit = DefaultMaxTimeline
	}
	var events []heuristics.Event
	page := 1
	for len(events) < limit {
		req, err := gh.NewRequest(ctx, "GET", fmt.Sprintf("repos/%s/%s/issues/%d/timeline?per_page=100&page=%d",
			k.Owner, k.Repo, k.Number, page), nil)
		if err != nil {
			return nil, err
		}
		var items []timelineItem
		resp, err := gh.Do(req, &items)
		if err != nil {
			return nil, fmt.Errorf("%s: timeline: %w", k, err)
		}
		for _, it := range items {
			events = append(events, convert(it)...)
		}
		if resp.NextPage == 0 {
			break
		}
		page = resp.NextPage
	}
	if len(events) > limit {
		events = events[:limit]
	}
	return events, nil
}

// convert maps a timeline entry to heuristics events; entries the scorers
// do not read become none.
func convert(it timelineItem) []heuristics.Event {
	who := it.User
	if who == nil {
		who = it.Actor
	}
	actor := heuristics.Author{Association: heuristics.Association(strings.ToUpper(it.AuthorAssociation))}
	if who != nil {
		actor.Login = who.Login
		actor.Bot = isBot(who.Login, who.Type)
	}
	at := func(ts ...*time.Time) time.Time {
		for _, t := range ts {
			if t != nil {
				return *t
			}
		}
		return time.Time{}
	}
	e := heuristics.Event{Actor: actor, Time: at(it.CreatedAt), Body: it.Body}
	switch it.Event {
	case "commented":
		e.Kind = heuristics.EventComment
	case "reviewed":
		e.Kind = heuristics.EventReview
		e.State = strings.ToLower(it.State)
		e.Time = at(it.SubmittedAt, it.CreatedAt)
	case "line-commented":
		var out []heuristics.Event
		for _, c := range it.Comments {
			c.Event = "review-comment"
			out = append(out, convert(c)...)
		}
		return out
	case "review-comment": // set by line-commented above
		e.Kind = heuristics.EventReviewComment
	case "committed":
		// Git commits carry no login: the scorer takes a push with no
		// actor as the author's.
		e.Kind, e.Actor, e.Body = heuristics.EventCommit, heuristics.Author{}, ""
		if it.Committer != nil {
			e.Time = it.Committer.Date
		}
	case "head_ref_force_pushed":
		e.Kind = heuristics.EventCommit
	case "labeled", "unlabeled":
		e.Kind = heuristics.EventKind(it.Event)
		if it.Label != nil {
			e.Label = it.Label.Name
		}
	case "closed", "reopened", "merged", "ready_for_review", "review_requested":
		e.Kind = heuristics.EventKind(it.Event)
	default:
		return nil
	}
	return []heuristics.Event{e}
}
