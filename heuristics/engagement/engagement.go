package engagement

import (
	"cmp"
	"context"
	_ "embed"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/heft-dev/heft/heuristics"
	"github.com/heft-dev/heft/internal/lazyre"
	"github.com/heft-dev/heft/internal/scoring"
	"github.com/heft-dev/heft/internal/wording"
)

// Config configures the engagement scorer. The zero value uses
// the defaults given on each field.
//
// The defaults follow CPython's practice: a pull request whose author has
// not answered the maintainers for a week is labelled pending, and after
// two weeks a maintainer may close it.
type Config struct {
	// PendingDays is how many days a maintainer's question or review may
	// wait for the author before the pull request is pending: the score
	// reaches 0.5 and the result suggests Label. Default 7.
	PendingDays int `json:"pending_days,omitempty"`

	// CloseDays is how many days of waiting after which the result
	// suggests closing: the score reaches 0.8. It must be above
	// PendingDays. Default 14.
	CloseDays int `json:"close_days,omitempty"`

	// Label is the label suggested once the pull request is pending.
	// Default "awaiting author".
	Label string `json:"label,omitempty"`

	// MaxQuote is the longest quote of a question, in characters, that
	// evidence and advice carry. Default 200.
	MaxQuote int `json:"max_quote,omitempty"`
}

func (c Config) withDefaults() Config {
	c.PendingDays = cmp.Or(c.PendingDays, 7)
	c.CloseDays = cmp.Or(c.CloseDays, 14)
	c.Label = cmp.Or(c.Label, "awaiting author")
	c.MaxQuote = cmp.Or(c.MaxQuote, 200)
	return c
}

// Validate reports a configuration the engagement scorer cannot use,
// naming the field.
func (c Config) Validate() error {
	d := c.withDefaults()
	if field, msg := scoring.CheckLimits(
		scoring.NonNegative("pending_days", d.PendingDays),
		scoring.Above("close_days", d.CloseDays, "pending_days", d.PendingDays),
	); field != "" {
		return scoring.Invalid("engagement", "%s %s", field, msg)
	}
	if d.MaxQuote < 20 {
		return scoring.Invalid("engagement", "max_quote %d is below 20", c.MaxQuote)
	}
	return nil
}

// Scorer scores whose turn it is: when a maintainer has asked
// something of the author (requested changes, or asked a question or made
// a request in a comment) and the author has neither replied nor pushed
// since, the concern grows with the days waited. Its Name is
// "engagement".
//
// Only the author's own comments and reviews answer; a push answers a
// change request in part and a question not at all. Bots, other
// participants and the maintainers' own follow-ups never reset the clock.
type Scorer struct {
	cfg Config
}

// New returns the engagement scorer.
func New(cfg Config) (*Scorer, error) {
	return scoring.New(cfg, Config.withDefaults, func(c Config) *Scorer { return &Scorer{cfg: c} })
}

// Name returns "engagement".
func (s *Scorer) Name() string { return "engagement" }

// rules is the one table of the engagement scorer's rules, declared in
// rules.json; doc.go lists them and a test keeps the two in step.
var rules = scoring.Table[heuristics.Rule](rulesJSON)

//go:embed rules.json
var rulesJSON []byte

// Rules returns the rules the engagement scorer's evidence cites.
func (s *Scorer) Rules() []heuristics.Rule { return rules.Clone() }

// maxEngagementEvidence is how many unanswered requests the evidence
// quotes; the metrics count them all.
const maxEngagementEvidence = 5

// askKind is what a maintainer asked for.
type askKind uint8

const (
	askQuestion askKind = iota // a question or request in a comment: only a reply answers it
	askReview                  // changes requested: a push answers it in part
)

// ask is one request from a maintainer still waiting for the author.
type ask struct {
	kind   askKind
	ev     heuristics.Event
	quote  string
	pushed bool // the author pushed since (a partial answer to a review)
}

// Score reads c.Timeline at c.Now. It returns ErrNotApplicable when there
// is no timeline, no Now, no author login, or the pull request is closed.
func (s *Scorer) Score(_ context.Context, c *heuristics.Contribution) (heuristics.Result, error) {
	if len(c.Timeline) == 0 || c.Now.IsZero() || c.Author.Login == "" {
		return heuristics.Result{}, heuristics.ErrNotApplicable
	}
	// Events out of order are put in order; events without a time cannot
	// be placed and are left out.
	type indexed struct {
		heuristics.Event
		i int
	}
	events := make([]indexed, 0, len(c.Timeline))
	skipped := 0
	for i, e := range c.Timeline {
		if e.Time.IsZero() {
			skipped++
			continue
		}
		events = append(events, indexed{e, i})
	}
	slices.SortStableFunc(events, func(a, b indexed) int { return a.Time.Compare(b.Time) })

	var (
		open    []ask
		closed  bool
		replies int
		lastAsk time.Time
	)
	for _, e := range events {
		role := s.role(c, e.Event)
		switch {
		case e.Kind == heuristics.EventClosed || e.Kind == heuristics.EventMerged:
			closed = true
			continue
		case e.Kind == heuristics.EventReopened:
			closed = false
			continue
		}
		switch role {
		case roleAuthor:
			switch e.Kind {
			case heuristics.EventComment, heuristics.EventReview, heuristics.EventReviewComment:
				replies++
				open = open[:0] // a reply answers everything asked before it
			case heuristics.EventCommit:
				for i := range open {
					if open[i].kind == askReview {
						open[i].pushed = true
					}
				}
			}
		case roleMaintainer:
			switch {
			case e.Kind == heuristics.EventReview && strings.EqualFold(e.State, "approved"):
				// The reviewer is satisfied: their change requests are settled.
				open = slices.DeleteFunc(open, func(a ask) bool {
					return a.kind == askReview && strings.EqualFold(a.ev.Actor.Login, e.Actor.Login)
				})
			case e.Kind == heuristics.EventReview && strings.EqualFold(e.State, "changes_requested"):
				q := firstRequest(strip(e.Body))
				if q == "" {
					q = strings.TrimSpace(e.Body)
				}
				open = append(open, ask{kind: askReview, ev: e.Event, quote: quote(q, s.cfg.MaxQuote)})
				lastAsk = e.Time
			case e.Kind == heuristics.EventComment || e.Kind == heuristics.EventReview || e.Kind == heuristics.EventReviewComment:
				body := strip(e.Body)
				if !addressedTo(body, c.Author.Login) {
					continue
				}
				if q := firstRequest(body); q != "" {
					open = append(open, ask{kind: askQuestion, ev: e.Event, quote: quote(q, s.cfg.MaxQuote)})
					lastAsk = e.Time
				}
			}
		}
	}
	if closed {
		return heuristics.Result{}, heuristics.ErrNotApplicable
	}

	res := heuristics.Result{
		Scorer: s.Name(),
		Metrics: map[string]float64{
			"unanswered_questions":       0,
			"unanswered_reviews":         0,
			"partially_answered_reviews": 0,
			"days_waiting":               0,
			"author_replies":             float64(replies),
			"events_skipped":             float64(skipped),
		},
	}
	if len(open) == 0 {
		if lastAsk.IsZero() {
			res.Summary = "No maintainer has asked anything of the author yet."
		} else {
			res.Summary = fmt.Sprintf("The author has answered the maintainers' last request (of %s).", day(lastAsk, c.Now))
		}
		return res, nil
	}

	// The ask that has waited longest, weighed by how much of it is still
	// unanswered, sets the score.
	var worst *ask
	worstScore := -1.0
	for i := range open {
		a := &open[i]
		switch {
		case a.kind == askQuestion:
			res.Metrics["unanswered_questions"]++
		case a.pushed:
			res.Metrics["partially_answered_reviews"]++
		default:
			res.Metrics["unanswered_reviews"]++
		}
		if sc := s.askScore(a, c.Now); sc > worstScore {
			worst, worstScore = a, sc
		}
	}
	days := waited(worst.ev.Time, c.Now)
	res.Score = worstScore
	res.Metrics["days_waiting"] = math.Round(days*10) / 10

	cfg := s.cfg
	// The longest-waiting requests come first (they are in time order);
	// a long thread of pings need not be quoted in full.
	for _, a := range open[:min(len(open), maxEngagementEvidence)] {
		res.Evidence = append(res.Evidence, s.evidence(c, a))
	}
	if days >= float64(cfg.CloseDays) && !worst.pushed {
		res.Evidence = append(res.Evidence, heuristics.Evidence{
			Rule: "engagement-suggest-close",
			Message: fmt.Sprintf("No answer from @%s for %s, past the %d days after which a maintainer may close the pull request.",
				c.Author.Login, wording.Plural(int(days), "day"), cfg.CloseDays),
			Field: heuristics.FieldTimeline,
		})
	}
	if days >= float64(cfg.PendingDays) && !worst.pushed {
		res.Labels = []string{cfg.Label}
	}

	who := "@" + worst.ev.Actor.Login
	what := "question"
	if worst.kind == askReview {
		what = "review"
	}
	res.Summary = fmt.Sprintf("%s's %s of %s has waited %s for @%s", who, what, day(worst.ev.Time, c.Now),
		span(days), c.Author.Login)
	switch {
	case worst.pushed:
		res.Summary += " (who pushed since but has not replied)."
	case days >= float64(cfg.CloseDays):
		res.Summary += fmt.Sprintf("; past %d days, closing is an option.", cfg.CloseDays)
	case days >= float64(cfg.PendingDays):
		res.Summary += fmt.Sprintf("; past %d days, it can be labelled %s.", cfg.PendingDays, wording.Quote(cfg.Label))
	default:
		res.Summary += "."
	}
	// Under a day, asking the author to answer is nagging: they may not
	// have seen the request yet. The summary and evidence still show it.
	if days >= 1 {
		res.Advice = s.advice(c, worst, days)
	}
	return res, nil
}

// askScore is the concern one ask raises at now: rising linearly to 0.5 at
// PendingDays, to 0.8 at CloseDays, and to 1 at twice CloseDays. A change
// request answered by a push alone counts half.
func (s *Scorer) askScore(a *ask, now time.Time) float64 {
	d := waited(a.ev.Time, now)
	p, cl := float64(s.cfg.PendingDays), float64(s.cfg.CloseDays)
	var sc float64
	switch {
	case d < p:
		sc = 0.5 * d / p
	case d < cl:
		sc = 0.5 + 0.3*(d-p)/(cl-p)
	default:
		sc = 0.8 + 0.2*math.Min(1, (d-cl)/cl)
	}
	if a.pushed {
		sc /= 2
	}
	// Round so that results print and compare stably; keep a tiny wait
	// visible rather than rounding it to no concern.
	sc = math.Round(sc*1000) / 1000
	if sc == 0 {
		sc = 0.001
	}
	return sc
}

func (s *Scorer) evidence(c *heuristics.Contribution, a ask) heuristics.Evidence {
	at := a.ev.Time.UTC().Format("2006-01-02 15:04 UTC")
	days := span(waited(a.ev.Time, c.Now))
	ev := heuristics.Evidence{Field: heuristics.FieldTimeline, Snippet: a.quote}
	switch {
	case a.kind == askQuestion:
		ev.Rule = "engagement-unanswered-question"
		ev.Message = fmt.Sprintf("@%s asked on %s (%s ago); no reply from @%s since. A push does not answer a question.",
			a.ev.Actor.Login, at, days, c.Author.Login)
	case a.pushed:
		ev.Rule = "engagement-push-without-reply"
		ev.Message = fmt.Sprintf("@%s requested changes on %s (%s ago); @%s pushed since but has not replied.",
			a.ev.Actor.Login, at, days, c.Author.Login)
	default:
		ev.Rule = "engagement-unanswered-review"
		ev.Message = fmt.Sprintf("@%s requested changes on %s (%s ago); @%s has neither replied nor pushed since.",
			a.ev.Actor.Login, at, days, c.Author.Login)
	}
	return ev
}

func (s *Scorer) advice(c *heuristics.Contribution, a *ask, days float64) string {
	var b strings.Builder
	fmt.Fprintf(&b, "@%s, ", c.Author.Login)
	when := day(a.ev.Time, c.Now)
	switch {
	case a.kind == askReview && a.pushed:
		fmt.Fprintf(&b, "thanks for the new commits. The review on %s asked for changes", when)
		if a.quote != "" {
			fmt.Fprintf(&b, " (%s)", wording.Quote(a.quote))
		}
		b.WriteString("; could you reply to say what you changed, so the reviewer knows it is ready for another look?")
		return b.String()
	case a.kind == askReview:
		fmt.Fprintf(&b, "the review on %s asked for changes", when)
		if a.quote != "" {
			fmt.Fprintf(&b, " (%s)", wording.Quote(a.quote))
		}
		b.WriteString("; could you answer or push an update so this can move forward?")
	default:
		where := "comment"
		switch a.ev.Kind {
		case heuristics.EventReview:
			where = "review"
		case heuristics.EventReviewComment:
			where = "review comment"
		}
		fmt.Fprintf(&b, "the %s on %s asked %s; could you answer so this can move forward?", where, when, wording.Quote(a.quote))
	}
	if days >= float64(s.cfg.CloseDays) {
		b.WriteString(" If you no longer have time for it, that is fine: say so, and a maintainer can close it or someone else can pick it up.")
	}
	return b.String()
}

type role uint8

const (
	roleOther role = iota
	roleAuthor
	roleMaintainer
)

// role says who an event's actor is to the contribution. Bots are others
// whatever their association; a push with no known actor is the author's,
// since pushes to a pull request's branch normally come from its author.
func (s *Scorer) role(c *heuristics.Contribution, e heuristics.Event) role {
	login := e.Actor.Login
	switch {
	case e.Actor.Bot || strings.HasSuffix(strings.ToLower(login), "[bot]"):
		return roleOther
	case strings.EqualFold(login, c.Author.Login):
		return roleAuthor
	case login == "" && e.Kind == heuristics.EventCommit:
		return roleAuthor
	case e.Actor.Association.Maintainer():
		return roleMaintainer
	}
	return roleOther
}

// waited returns the days between from and now, never negative.
func waited(from, now time.Time) float64 {
	return math.Max(0, now.Sub(from).Hours()/24)
}

// span formats a wait in whole days, and one under a day as "less than a
// day", not "0 days".
func span(days float64) string {
	if days < 1 {
		return "less than a day"
	}
	return wording.Plural(int(days), "day")
}

// day formats t as "3 May", with the year when it is not now's year.
func day(t, now time.Time) string {
	t = t.UTC()
	if t.Year() != now.UTC().Year() {
		return t.Format("2 January 2006")
	}
	return t.Format("2 January")
}

var (
	fenceRE    = lazyre.New("(?s)```.*?(```|$)|~~~.*?(~~~|$)")
	inlineRE   = lazyre.New("`[^`\n]*`")
	commentRE  = lazyre.New(`(?s)<!--.*?(-->|$)`)
	mentionRE  = lazyre.New(`(?:^|[^\w/])@([A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\[bot\])?)`)
	sentenceRE = lazyre.New(`[^.!?\n]+[.!?]*`)
	requestRE  = lazyre.New(`(?i)^(please|pls|could you|can you|would you|will you|would you mind|do you mind|let me know|let us know|mind )\b|\bplease\b`)
)

// strip removes what a person quotes rather than says: fenced and inline
// code, HTML comments and quoted lines.
func strip(body string) string {
	if strings.Contains(body, "```") || strings.Contains(body, "~~~") {
		body = fenceRE.ReplaceAllString(body, "\n")
	}
	if strings.Contains(body, "<!--") {
		body = commentRE.ReplaceAllString(body, " ")
	}
	if strings.Contains(body, ">") {
		var keep []string
		for l := range strings.SplitSeq(body, "\n") {
			if !strings.HasPrefix(strings.TrimSpace(l), ">") {
				keep = append(keep, l)
			}
		}
		body = strings.Join(keep, "\n")
	}
	if strings.Contains(body, "`") {
		body = inlineRE.ReplaceAllString(body, "code")
	}
	return body
}

// addressedTo reports whether a comment is for the author: it mentions
// them, or mentions nobody (a comment on a pull request speaks to its
// author unless it names someone else). body has been through strip.
func addressedTo(body, author string) bool {
	if !strings.Contains(body, "@") {
		return true
	}
	ms := mentionRE.FindAllStringSubmatch(body, -1)
	if len(ms) == 0 {
		return true
	}
	for _, m := range ms {
		if strings.EqualFold(m[1], author) {
			return true
		}
	}
	return false
}

// firstRequest returns the first sentence of body that asks something: a
// question, or a request ("please ...", "could you ..."). Empty when there
// is none. body has been through strip.
func firstRequest(body string) string {
	for _, s := range sentenceRE.FindAllString(body, -1) {
		if strings.Contains(s, "@") {
			s = mentionRE.ReplaceAllStringFunc(s, func(m string) string {
				if strings.HasPrefix(m, "@") {
					return ""
				}
				return m[:1]
			})
		}
		s = strings.TrimSpace(s)
		s = strings.TrimLeft(s, ",:;-*# ")
		if s == "" {
			continue
		}
		if strings.HasSuffix(s, "?") || requestRE.MatchString(s) {
			return s
		}
	}
	return ""
}

// quote shortens s to at most n characters on a word boundary, with
// whitespace folded.
func quote(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)[:n-1]
	if i := strings.LastIndexByte(string(r), ' '); i > n/2 {
		return string(r)[:i] + "…"
	}
	return string(r) + "…"
}
