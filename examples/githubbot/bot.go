package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/google/go-github/v92/github"

	"github.com/heft-dev/heft/diffstat"
	"github.com/heft-dev/heft/examples/internal/ghpr"
	"github.com/heft-dev/heft/examples/internal/render"
	"github.com/heft-dev/heft/heuristics"
	"github.com/heft-dev/heft/heuristics/standard"
)

// Defaults of the bot's limits.
const (
	DefaultMaxDiff     = 20 << 20 // bytes of diff fetched; past it, per-file counts from the file list
	DefaultMaxTimeline = 3000     // timeline events read
	DefaultMaxComments = 3000     // comments searched for the sticky one
	maxRetries         = 3        // after rate limits
)

// TemplatePaths are where GitHub looks for a pull request template, in
// the order the bot tries them.
var TemplatePaths = []string{
	".github/pull_request_template.md",
	".github/PULL_REQUEST_TEMPLATE.md",
	"pull_request_template.md",
	"PULL_REQUEST_TEMPLATE.md",
	"docs/pull_request_template.md",
	"docs/PULL_REQUEST_TEMPLATE.md",
}

// Clients gives a GitHub client acting as one installation of the App.
type Clients interface {
	Client(ctx context.Context, installation int64) (*github.Client, error)
}

// Bot does the work for one pull request: fetch it, score it, post or
// update the sticky comment, set labels, record ledger events.
type Bot struct {
	Clients Clients
	Ledger  Ledger       // default NopLedger
	Log     *slog.Logger // default slog.Default()
	Now     func() time.Time

	// Self is the login the bot comments as ("heft-yourorg[bot]"); its
	// sticky comment is the one by Self that starts with render.Marker.
	// When empty, any bot account's marked comment is taken as its own.
	Self string

	// DryRun prints to Out what the bot would write, and writes nothing.
	DryRun bool
	Out    io.Writer

	MaxDiff     int64 // default DefaultMaxDiff
	MaxTimeline int   // default DefaultMaxTimeline

	// Extra scorers join every repository's set: those that need
	// something from outside, such as the reputation scorer over the
	// bot's ledger. Their names must not clash with the default set's.
	Extra []heuristics.Scorer

	// Retry re-queues a job after a rate limit; nil drops it.
	Retry func(j *Job, after time.Duration)

	// Accounts looks up the author's account for the account scorer;
	// nil looks nothing up (the scorer is then not applicable).
	Accounts *Accounts

	outMu sync.Mutex
}

// Work handles one job, logging what failed; it is the Queue's worker.
func (b *Bot) Work(ctx context.Context, j *Job) {
	err := b.Process(ctx, j)
	if err == nil {
		return
	}
	var (
		rl    *github.RateLimitError
		abuse *github.AbuseRateLimitError
		after time.Duration
	)
	switch {
	case errors.As(err, &rl):
		after = time.Until(rl.Rate.Reset.Time) + time.Second
	case errors.As(err, &abuse):
		after = abuse.GetRetryAfter()
		if after == 0 {
			after = time.Minute
		}
	}
	if after > 0 && b.Retry != nil && j.Attempt < maxRetries {
		b.log().Warn("rate limited; retrying", "pr", j.Key, "after", after.Round(time.Second))
		next := *j
		next.Attempt++
		b.Retry(&next, min(max(after, time.Second), 61*time.Minute)) // a primary limit resets within the hour
		return
	}
	b.log().Error("processing failed", "pr", j.Key, "err", err)
}

func (b *Bot) log() *slog.Logger {
	if b.Log != nil {
		return b.Log
	}
	return slog.Default()
}

// Process looks at one pull request and brings its comment, labels and
// ledger up to date. Running it twice for the same state changes nothing
// the second time.
func (b *Bot) Process(ctx context.Context, j *Job) error {
	gh, err := b.Clients.Client(ctx, j.Installation)
	if err != nil {
		return fmt.Errorf("client for installation %d: %w", j.Installation, err)
	}
	k := j.Key
	pr, _, err := gh.PullRequests.Get(ctx, k.Owner, k.Repo, k.Number)
	if err != nil {
		return fmt.Errorf("%s: %w", k, err)
	}
	if pr.GetState() != "open" {
		// Closed: record it, and ask nothing of anyone. An opening seen
		// only now (a backlog, a restart, a pull request closed within
		// seconds) was never scored, so its reviewable size is unknown;
		// it stakes the pull request's whole changed lines, an upper
		// bound, rather than nothing: opening and closing at once must
		// not be free.
		events := slices.Clone(j.Ledger)
		for i := range events {
			if events[i].Kind == LedgerOpened {
				events[i].Reviewable = events[i].Lines
			}
		}
		return b.record(ctx, k, events)
	}

	defBranch := pr.GetBase().GetRepo().GetDefaultBranch()
	cfgData, err := b.file(ctx, gh, k, ConfigPath, defBranch)
	if err != nil {
		return err
	}
	cfg, set, cfgErr := ParseConfig(cfgData)
	if cfgErr != nil {
		// Say so on the pull request and score with the defaults, so a
		// typo in the configuration does not silence the bot.
		b.log().Warn("bad configuration", "pr", k, "err", cfgErr)
		cfg = RepoConfig{}
		if set, err = standard.New(standard.Config{}); err != nil {
			return err
		}
	}

	if len(b.Extra) > 0 {
		if set, err = heuristics.NewSet(set.Policy(), append(set.Scorers(), b.Extra...)...); err != nil {
			return err
		}
	}
	c, truncated, err := b.contribution(ctx, gh, j, pr, defBranch, set)
	if err != nil {
		return err
	}
	// Score first, then record: the reputation scorer weighs this pull
	// request's stake against a balance that must not hold it already.
	rep, err := set.Score(ctx, c)
	if err != nil {
		return err
	}
	// An opening is recorded with the reviewable size the scorers saw.
	events := slices.Clone(j.Ledger)
	for i := range events {
		events[i].Reviewable = c.Diff.Totals().Reviewable.Lines()
	}
	if err := b.record(ctx, k, events); err != nil {
		return err
	}
	var notes []string
	if cfgErr != nil {
		notes = append(notes, fmt.Sprintf("⚠️ The configuration could not be used, so the defaults apply: `%s`.",
			strings.ReplaceAll(cfgErr.Error(), "`", "'")))
	}
	if truncated {
		notes = append(notes, "The diff was too large to fetch; sizes come from GitHub's file list (at most 3,000 files).")
	}
	act := decide(cfg.Actions, &rep, c, pr)
	notes = append(notes, act.notes...)
	footer := "<sub>heft measures review burden; it is a signal for people, not a decision. " +
		"Configure it in `" + ConfigPath + "`.</sub>"
	if len(notes) > 0 {
		footer = strings.Join(notes, "\n\n") + "\n\n" + footer
	}
	body, _ := render.Markdown(&rep, render.Options{Marker: true, Footer: footer})
	// The explanation first: a pull request is never closed or locked
	// before the comment saying why is posted.
	if err := b.upsertComment(ctx, gh, k, body); err != nil {
		return err
	}
	if !cfg.Labels.Off {
		if err := b.syncLabels(ctx, gh, k, pr, &rep, cfg); err != nil {
			return err
		}
	}
	return b.act(ctx, gh, k, act, cfg.Actions)
}

// actions is what the bot does beyond its comment and labels for one
// report, and the lines of the comment that explain it.
type actions struct {
	close, lock bool
	notes       []string
}

// decide returns the actions cfg asks for at rep's verdict. An exempt
// pull request gets none; one that someone reopened is not closed again;
// one already locked is not locked again.
func decide(cfg ActionConfig, rep *heuristics.Report, c *heuristics.Contribution, pr *github.PullRequest) actions {
	var a actions
	if rep.Exempt != "" {
		return a
	}
	if cfg.Message != "" && reaches(rep.Verdict, cfg.messageAt()) {
		a.notes = append(a.notes, cfg.Message)
	}
	reopened := slices.ContainsFunc(c.Timeline, func(e heuristics.Event) bool { return e.Kind == heuristics.EventReopened })
	if reaches(rep.Verdict, level(cfg.CloseAt)) && !reopened {
		a.close = true
		a.notes = append(a.notes, fmt.Sprintf("heft closes this pull request because its verdict is **%s** and this repository "+
			"asks heft to close pull requests from that verdict on. A maintainer can reopen it; heft will not close it again.", rep.Verdict))
	}
	if reaches(rep.Verdict, level(cfg.LockAt)) && !pr.GetLocked() {
		a.lock = true
		a.notes = append(a.notes, fmt.Sprintf("heft locks this conversation because the verdict is **%s**; a maintainer can unlock it.", rep.Verdict))
	}
	return a
}

// act closes and locks the pull request as a says; the comment that
// explains it is already posted.
func (b *Bot) act(ctx context.Context, gh *github.Client, k PRKey, a actions, cfg ActionConfig) error {
	if a.close {
		if b.DryRun {
			b.printf("%s: would close the pull request\n", k)
		} else if _, _, err := gh.PullRequests.Edit(ctx, k.Owner, k.Repo, k.Number, &github.PullRequest{State: new("closed")}); err != nil {
			return fmt.Errorf("%s: closing: %w", k, err)
		}
	}
	if a.lock {
		if b.DryRun {
			b.printf("%s: would lock the conversation\n", k)
		} else if _, err := gh.Issues.Lock(ctx, k.Owner, k.Repo, k.Number, &github.LockIssueOptions{LockReason: cfg.LockReason}); err != nil {
			return fmt.Errorf("%s: locking: %w", k, err)
		}
	}
	return nil
}

// record hands ledger events to the Ledger, or prints them in a dry run.
func (b *Bot) record(ctx context.Context, k PRKey, events []LedgerEvent) error {
	for _, e := range events {
		if b.DryRun {
			b.printf("%s: would record ledger event %s (%s by @%s, %d lines, %d reviewable)\n",
				k, e.ID, e.Kind, e.Author, e.Lines, e.Reviewable)
			continue
		}
		if err := b.ledger().Record(ctx, e); err != nil {
			return fmt.Errorf("%s: ledger: %w", k, err)
		}
	}
	return nil
}

func (b *Bot) ledger() Ledger {
	if b.Ledger == nil {
		return NopLedger{}
	}
	return b.Ledger
}

func (b *Bot) printf(format string, args ...any) {
	b.outMu.Lock()
	defer b.outMu.Unlock()
	if b.Out != nil {
		fmt.Fprintf(b.Out, format, args...)
	}
}

// contribution fetches what the scorers read. truncated reports that the
// diff was too large and its counts came from the file list.
func (b *Bot) contribution(ctx context.Context, gh *github.Client, j *Job, pr *github.PullRequest, defBranch string, set *heuristics.Set) (*heuristics.Contribution, bool, error) {
	k := j.Key
	now := time.Now
	if b.Now != nil {
		now = b.Now
	}
	// The same fields, read the same way, as heft score --github-event.
	in := fromGitHub(pr)
	c := in.Contribution(now())

	diff, truncated, err := b.diff(ctx, gh, k)
	if err != nil {
		return nil, false, err
	}
	c.Diff = diff

	commits, err := collect(250, func(o *github.ListOptions) ([]*github.RepositoryCommit, *github.Response, error) {
		return gh.PullRequests.ListCommits(ctx, k.Owner, k.Repo, k.Number, o)
	})
	if err != nil {
		return nil, false, fmt.Errorf("%s: commits: %w", k, err)
	}
	for _, rc := range commits {
		cm := rc.GetCommit()
		c.Commits = append(c.Commits, heuristics.Commit{
			SHA:         rc.GetSHA(),
			Message:     cm.GetMessage(),
			AuthorName:  cm.GetAuthor().GetName(),
			AuthorEmail: cm.GetAuthor().GetEmail(),
			Time:        cm.GetAuthor().GetDate().Time,
		})
	}

	if c.Timeline, err = b.timeline(ctx, gh, k); err != nil {
		return nil, false, err
	}
	for _, p := range TemplatePaths {
		t, err := b.file(ctx, gh, k, p, defBranch)
		if err != nil {
			return nil, false, err
		}
		if len(t) > 0 {
			c.Template = string(t)
			break
		}
	}
	// What the pull request object lacks. Each is left unknown when
	// GitHub does not answer: none of them may stop the scoring.
	c.Reactions = b.prReactions(ctx, gh, k)
	c.LinkedIssues = b.linkedIssues(ctx, gh, k)
	if b.Accounts != nil && accountWanted(set, c) {
		c.Author.Account = b.Accounts.Lookup(ctx, gh, j.Installation, c.Author.Login, k.Owner, k.Repo)
	}
	return c, truncated, nil
}

// diff fetches the pull request's diff; when GitHub refuses it as too
// large, or it is over MaxDiff, it builds per-file counts from the file
// list instead.
func (b *Bot) diff(ctx context.Context, gh *github.Client, k PRKey) (*diffstat.Diff, bool, error) {
	limit := b.MaxDiff
	if limit <= 0 {
		limit = DefaultMaxDiff
	}
	raw, resp, err := gh.PullRequests.GetRaw(ctx, k.Owner, k.Repo, k.Number, github.RawOptions{Type: github.Diff})
	switch {
	case err == nil && strings.TrimSpace(raw) == "":
		return &diffstat.Diff{}, false, nil // a pull request with no changes
	case err == nil && int64(len(raw)) <= limit:
		d, err := diffstat.Parse(strings.NewReader(raw), &diffstat.Options{MaxBytes: limit})
		if err != nil {
			return nil, false, fmt.Errorf("%s: diff: %w", k, err)
		}
		return d, false, nil
	case err == nil, resp != nil && (resp.StatusCode == http.StatusNotAcceptable || resp.StatusCode == http.StatusUnprocessableEntity):
		// Too large: fall through to the file list.
	default:
		return nil, false, fmt.Errorf("%s: diff: %w", k, err)
	}
	d := &diffstat.Diff{}
	var cl diffstat.Classifier
	files, err := collect(3000, func(o *github.ListOptions) ([]*github.CommitFile, *github.Response, error) {
		return gh.PullRequests.ListFiles(ctx, k.Owner, k.Repo, k.Number, o)
	})
	if err != nil {
		return nil, false, fmt.Errorf("%s: files: %w", k, err)
	}
	for _, f := range files {
		df := &diffstat.File{NewPath: f.GetFilename(), OldPath: f.GetFilename(),
			Added: f.GetAdditions(), Deleted: f.GetDeletions()}
		switch f.GetStatus() {
		case "added":
			df.Op, df.OldPath = diffstat.OpAdded, ""
		case "removed":
			df.Op, df.NewPath = diffstat.OpDeleted, ""
		case "renamed":
			df.Op, df.OldPath = diffstat.OpRenamed, f.GetPreviousFilename()
		case "copied":
			df.Op, df.OldPath = diffstat.OpCopied, f.GetPreviousFilename()
		}
		df.Kind = cl.Classify(df.Path(), nil)
		d.Files = append(d.Files, df)
	}
	return d, true, nil
}

// collect returns the items of list's pages of up to 100, from the
// first, up to the page that brings their count to most or the last
// page, or the first error.
func collect[T any](most int, list func(*github.ListOptions) ([]T, *github.Response, error)) ([]T, error) {
	var all []T
	opts := &github.ListOptions{PerPage: 100}
	for {
		items, resp, err := list(opts)
		if err != nil {
			return nil, err
		}
		all = append(all, items...)
		if len(all) >= most || resp.NextPage == 0 {
			return all, nil
		}
		opts.Page = resp.NextPage
	}
}

// file returns a file's content on ref, or nil when it does not exist.
func (b *Bot) file(ctx context.Context, gh *github.Client, k PRKey, path, ref string) ([]byte, error) {
	fc, _, resp, err := gh.Repositories.GetContents(ctx, k.Owner, k.Repo, path, &github.RepositoryContentGetOptions{Ref: ref})
	if resp != nil && resp.StatusCode == http.StatusNotFound {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("%s: reading %s: %w", k, path, err)
	}
	if fc == nil || fc.GetType() != "file" || fc.GetSize() > maxConfig*16 {
		return nil, nil
	}
	s, err := fc.GetContent()
	if err != nil {
		return nil, fmt.Errorf("%s: reading %s: %w", k, path, err)
	}
	return []byte(s), nil
}

// upsertComment edits the comment carrying render.Marker, or creates one.
// Copies left by an earlier crash or a second bot instance are deleted, so
// exactly one remains.
func (b *Bot) upsertComment(ctx context.Context, gh *github.Client, k PRKey, body string) error {
	cs, err := collect(DefaultMaxComments, func(o *github.ListOptions) ([]*github.IssueComment, *github.Response, error) {
		return gh.Issues.ListComments(ctx, k.Owner, k.Repo, k.Number, &github.IssueListCommentsOptions{ListOptions: *o})
	})
	if err != nil {
		return fmt.Errorf("%s: comments: %w", k, err)
	}
	mine := slices.DeleteFunc(cs, func(c *github.IssueComment) bool {
		return !strings.HasPrefix(c.GetBody(), render.Marker) || !b.isSelf(c.GetUser())
	})
	if len(mine) == 0 {
		if b.DryRun {
			b.printf("%s: would create the heft comment:\n%s\n", k, body)
			return nil
		}
		_, _, err := gh.Issues.CreateComment(ctx, k.Owner, k.Repo, k.Number, github.IssueCommentRequest{Body: body})
		if err != nil {
			return fmt.Errorf("%s: creating comment: %w", k, err)
		}
		return nil
	}
	first := mine[0]
	if first.GetBody() != body {
		if b.DryRun {
			b.printf("%s: would update comment %d:\n%s\n", k, first.GetID(), body)
		} else if _, _, err := gh.Issues.UpdateComment(ctx, k.Owner, k.Repo, first.GetID(), github.IssueCommentRequest{Body: body}); err != nil {
			return fmt.Errorf("%s: editing comment %d: %w", k, first.GetID(), err)
		}
	}
	for _, dup := range mine[1:] {
		if b.DryRun {
			b.printf("%s: would delete duplicate comment %d\n", k, dup.GetID())
			continue
		}
		if _, err := gh.Issues.DeleteComment(ctx, k.Owner, k.Repo, dup.GetID()); err != nil {
			return fmt.Errorf("%s: deleting duplicate comment %d: %w", k, dup.GetID(), err)
		}
	}
	return nil
}

// syncLabels adds the labels the report suggests and removes the ones
// heft manages (size/…, the verdict labels, the engagement label) that no
// longer apply. Labels people set are left alone.
func (b *Bot) syncLabels(ctx context.Context, gh *github.Client, k PRKey, pr *github.PullRequest, rep *heuristics.Report, cfg RepoConfig) error {
	want := slices.Clone(rep.Labels)
	verdicts := cfg.Labels.verdictLabels()
	// An exempt pull request gets no verdict label: nothing acts on it.
	if l := verdicts[rep.Verdict]; l != "" && !cfg.Labels.NoVerdict && rep.Exempt == "" {
		want = append(want, l)
	}
	awaiting := cfg.Engagement.Label
	if awaiting == "" {
		awaiting = "awaiting author"
	}
	managed := func(l string) bool {
		for _, v := range verdicts {
			if l == v {
				return true
			}
		}
		return strings.HasPrefix(l, "size/") || l == awaiting
	}
	var have []string
	for _, l := range pr.Labels {
		have = append(have, l.GetName())
	}
	var add []string
	for _, l := range want {
		if !slices.Contains(have, l) && !slices.Contains(add, l) {
			add = append(add, l)
		}
	}
	if len(add) > 0 {
		if b.DryRun {
			b.printf("%s: would add labels %q\n", k, add)
		} else if _, _, err := gh.Issues.AddLabelsToIssue(ctx, k.Owner, k.Repo, k.Number, add); err != nil {
			return fmt.Errorf("%s: adding labels: %w", k, err)
		}
	}
	for _, l := range have {
		if !managed(l) || slices.Contains(want, l) {
			continue
		}
		if b.DryRun {
			b.printf("%s: would remove label %q\n", k, l)
			continue
		}
		resp, err := gh.Issues.RemoveLabelForIssue(ctx, k.Owner, k.Repo, k.Number, l)
		if err != nil && (resp == nil || resp.StatusCode != http.StatusNotFound) {
			return fmt.Errorf("%s: removing label %q: %w", k, l, err)
		}
	}
	return nil
}

func (b *Bot) isSelf(u *github.User) bool {
	if b.Self != "" {
		return strings.EqualFold(u.GetLogin(), b.Self)
	}
	return u.GetType() == "Bot"
}

func isBot(login, typ string) bool {
	return ghpr.NewAuthor(login, typ, "").Bot
}
