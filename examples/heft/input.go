package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/heft-dev/heft/examples/internal/ghpr"
	"github.com/heft-dev/heft/examples/internal/jsonconfig"
	"github.com/heft-dev/heft/heuristics"
)

// jsonInput is heft score's JSON input: one contribution, with the keys
// of heft's JSON Lines format (title, body, template, author, commits,
// diff, timeline, labels, now), the pull request's metadata (base_branch,
// head_branch, head_repository, draft, maintainer_can_modify,
// linked_issues, milestone, reactions) and the author's account
// (author.account, in heuristics.Account's shape). Keys that format has for evaluation
// (id, diff_partial, merged, ai, opened, closed, outcomes, agent, repo)
// are accepted and ignored, so a line of `heft eval --write-jsonl` output
// scores as it is. Any other key is an error, as in --config: a
// misspelt "titel" would otherwise score an empty title in silence.
type jsonInput struct {
	Title    string `json:"title"`
	Body     string `json:"body"`
	Template string `json:"template"`
	Author   struct {
		Login       string              `json:"login"`
		Association string              `json:"association"`
		Bot         bool                `json:"bot"`
		Account     *heuristics.Account `json:"account"`
	} `json:"author"`
	Commits  []heuristics.Commit `json:"commits"`
	Diff     string              `json:"diff"`
	Timeline []heuristics.Event  `json:"timeline"`
	Labels   []string            `json:"labels"`
	Now      time.Time           `json:"now"`
	prFields                     // base_branch, head_branch, draft, ...: see fields.go

	// heft eval's keys, not scored: their values are not checked.
	ID          json.RawMessage `json:"id"`
	DiffPartial json.RawMessage `json:"diff_partial"`
	Merged      json.RawMessage `json:"merged"`
	AI          json.RawMessage `json:"ai"`
	Opened      json.RawMessage `json:"opened"`
	Closed      json.RawMessage `json:"closed"`
	Outcomes    json.RawMessage `json:"outcomes"`
	Agent       json.RawMessage `json:"agent"`
	Repo        json.RawMessage `json:"repo"`
}

// isJSON reports whether raw looks like a JSON object rather than a diff.
func isJSON(raw []byte) bool {
	t := bytes.TrimLeft(raw, " \t\r\n")
	return len(t) > 0 && t[0] == '{'
}

// subject is what the flags say about a contribution beyond its diff:
// they override what the input carries.
type subject struct {
	title, bodyFile, templateFile string
	bodyFlag                      string // the flag that named bodyFile: --body or --body-file
	author, association           string
	labels                        []string
	eventFile                     string

	// notice is set by contribution when the input looked like git log
	// output whose commit messages could not be read: the diff is still
	// scored, and the caller says so once.
	notice string
}

// readLog fills c's commits, title and body from git log or git show
// output in raw, as format-patch mails fill them: oldest commit first, so
// that the title and body come from the first commit of the series.
// Output it cannot read leaves c as it is and sets s.notice.
func (s *subject) readLog(c *heuristics.Contribution, raw []byte) {
	commits, err := readLog(raw)
	if err != nil {
		s.notice = "commit messages were not read, the diff is scored without them: " + err.Error()
		return
	}
	// git log prints the newest commit first, git log --reverse and
	// format-patch the oldest; the dates tell them apart.
	if n := len(commits); n > 1 && !commits[0].date.IsZero() && commits[0].date.After(commits[n-1].date) {
		slices.Reverse(commits)
	}
	if len(commits) > 0 {
		c.Title, c.Body = commits[0].subject(), commits[0].body()
	}
	for _, lc := range commits {
		c.Commits = append(c.Commits, heuristics.Commit{SHA: lc.sha, Message: lc.message, AuthorName: lc.authorName, AuthorEmail: lc.authorEmail, Time: lc.date})
	}
}

// contribution builds the contribution from the input (a diff,
// format-patch mails or a JSON object), then the event payload, then the
// flags, each overriding the one before. It returns the diff text to
// parse, nil for a JSON object without a diff (or with an empty or all-space one): as
// in heft eval, such a record has no diff to score, and size and the
// other diff scorers are not applicable. The author's login is never guessed from a commit's author name:
// it is unknown unless the JSON, the event or --author gives it.
//
// Errors name where the problem is: the input, by name, or the flag and
// the file it names.
func (s *subject) contribution(raw []byte, name string) (*heuristics.Contribution, []byte, error) {
	c := &heuristics.Contribution{}
	diff := raw
	if diff == nil {
		diff = []byte{} // an empty diff, not none: the input was a diff
	}
	if isJSON(raw) {
		var in jsonInput
		if err := jsonconfig.Decode(raw, &in); err != nil {
			return nil, nil, fmt.Errorf("%s: JSON input: %w", name, err)
		}
		a, err := ghpr.ParseAssociation(in.Author.Association)
		if err != nil {
			return nil, nil, fmt.Errorf("%s: JSON input: author.association: %w", name, err)
		}
		c = &heuristics.Contribution{
			Title: in.Title, Body: in.Body, Template: in.Template,
			Author:  ghpr.NewAuthor(in.Author.Login, "", a),
			Commits: in.Commits, Timeline: in.Timeline, Now: in.Now,
			Labels: ghpr.AddLabels(nil, in.Labels...),
		}
		c.Author.Bot = c.Author.Bot || in.Author.Bot
		in.prFields.Account = in.Author.Account
		if err := in.prFields.check(false); err != nil {
			return nil, nil, fmt.Errorf("%s: JSON input: %w", name, err)
		}
		in.prFields.apply(c)
		diff = nil
		if strings.TrimSpace(in.Diff) != "" {
			diff = []byte(in.Diff)
		}
	} else {
		mails, err := readMails(raw)
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %w", name, err)
		}
		if len(mails) > 0 {
			c.Title, c.Body = mails[0].subject, mails[0].body
		}
		for _, m := range mails {
			c.Commits = append(c.Commits, heuristics.Commit{SHA: m.sha, Message: m.message(), AuthorName: m.authorName, AuthorEmail: m.authorEmail, Time: m.date})
		}
		if len(mails) == 0 {
			s.readLog(c, raw)
		}
	}

	if s.eventFile != "" {
		f, err := os.Open(s.eventFile)
		if err != nil {
			err = withoutPath(err)
			return nil, nil, fmt.Errorf("--github-event %s: %w", s.eventFile, err)
		}
		ev, err := ghpr.ReadEvent(f)
		f.Close()
		if err != nil {
			return nil, nil, fmt.Errorf("--github-event %s: %w", s.eventFile, err)
		}
		ev.PullRequest.Fill(c)
	}

	if s.title != "" {
		c.Title = s.title
	}
	if s.bodyFile != "" {
		body, err := readText(s.bodyFlag, s.bodyFile)
		if err != nil {
			return nil, nil, err
		}
		c.Body = body
	}
	if s.templateFile != "" {
		t, err := readText("--template", s.templateFile)
		if err != nil {
			return nil, nil, err
		}
		c.Template = t
	}
	a := c.Author.Association
	if s.association != "" {
		var err error
		if a, err = ghpr.ParseAssociation(s.association); err != nil {
			return nil, nil, fmt.Errorf("--association: %w", err)
		}
	}
	if s.author != "" || s.association != "" {
		login, bot := c.Author.Login, c.Author.Bot
		if s.author != "" {
			login, bot = s.author, false
		}
		acc := c.Author.Account // the account stays the author's
		c.Author = ghpr.NewAuthor(login, "", a)
		c.Author.Bot = c.Author.Bot || bot
		c.Author.Account = acc
	}
	c.Labels = ghpr.AddLabels(c.Labels, s.labels...)
	if c.Now.IsZero() {
		c.Now = time.Now().UTC()
	}
	return c, diff, nil
}

// labelsFlag is a repeatable --label.
type labelsFlag []string

func (l *labelsFlag) String() string { return strings.Join(*l, ",") }

func (l *labelsFlag) Set(v string) error {
	if strings.TrimSpace(v) == "" {
		return errors.New("empty label")
	}
	*l = append(*l, v)
	return nil
}

// describe returns one line saying whom and what was scored, for the text
// and Markdown reports: the author, their association and the labels
// already on the pull request. It is empty when none is known.
func describe(c *heuristics.Contribution) string {
	var parts []string
	if c.Author.Login != "" {
		who := "@" + c.Author.Login
		if c.Author.Bot {
			who += " (bot)"
		}
		parts = append(parts, "author "+who)
	}
	if c.Author.Association != "" {
		parts = append(parts, "association "+string(c.Author.Association))
	}
	if len(c.Labels) > 0 {
		parts = append(parts, "labels "+strings.Join(c.Labels, ", "))
	}
	if len(c.Commits) > 0 {
		parts = append(parts, fmt.Sprintf("%d commit%s", len(c.Commits), map[bool]string{true: "s"}[len(c.Commits) > 1]))
	}
	return strings.Join(parts, "; ")
}
