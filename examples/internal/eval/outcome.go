package eval

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/heft-dev/heft/heuristics"
)

// Outcomes is the review effort a contribution cost, as its timeline
// shows it: the quantities a burden score should track. A source fills
// it (DeriveOutcomes does the counting); a nil field is unknown (the
// source lacks the table it comes from, or the event never happened),
// while a zero is a real zero. Only what happened before the contribution
// was merged or closed counts.
//
// Shape, for readers of other datasets: six optional numbers, four counts
// and two durations in hours; fill the ones the data supports and leave
// the rest nil. In heft's JSON Lines format it is the "outcomes" object;
// when a line has none, it is derived from "timeline", "opened" and
// "closed".
type Outcomes struct {
	// ReviewComments counts the conversation comments, line comments and
	// submitted reviews (any state) by anyone but the author and bots.
	ReviewComments *int `json:"review_comments,omitempty"`

	// ReviewRounds counts the reviews requesting changes plus the pushes
	// after a review: each run of commits that follows a review, a line
	// comment or a comment by someone other than the author or a bot
	// counts once. Nil when the source cannot place commits in time.
	ReviewRounds *int `json:"review_rounds,omitempty"`

	// Maintainers counts the distinct maintainers who commented or
	// reviewed; MaintainerComments their comments, line comments and
	// reviews. Nil when the source cannot tell who is a maintainer.
	Maintainers        *int `json:"maintainers,omitempty"`
	MaintainerComments *int `json:"maintainer_comments,omitempty"`

	// FirstResponse is the time in hours from opening to the first
	// comment or review by a maintainer; nil when none came before the
	// closing (or the opening time is unknown).
	FirstResponse *float64 `json:"first_response_hours,omitempty"`

	// TimeToClose is the time in hours from opening to merging or
	// closing; nil while open.
	TimeToClose *float64 `json:"time_to_close_hours,omitempty"`
}

// Outcome names one effort outcome of Outcomes, as heft eval --outcome
// takes it.
type Outcome string

// The effort outcomes, in the order reports list them.
const (
	OutcomeReviewComments     Outcome = "review_comments"
	OutcomeReviewRounds       Outcome = "review_rounds"
	OutcomeMaintainers        Outcome = "maintainers"
	OutcomeMaintainerComments Outcome = "maintainer_comments"
	OutcomeFirstResponse      Outcome = "first_response"
	OutcomeTimeToClose        Outcome = "time_to_close"
)

// AllOutcomes returns every effort outcome, in report order.
func AllOutcomes() []Outcome {
	all := make([]Outcome, len(outcomes))
	for i, d := range outcomes {
		all[i] = d.outcome
	}
	return all
}

// outcomes is the one table of the effort outcomes, in report order:
// what each counts or times, its unit, and where Outcomes keeps it.
var outcomes = [...]struct {
	outcome  Outcome
	describe string
	unit     string
	of       func(*Outcomes) (float64, bool)
}{
	{OutcomeReviewComments, "comments, line comments and reviews by others than the author and bots", "count", func(x *Outcomes) (float64, bool) { return known(x.ReviewComments) }},
	{OutcomeReviewRounds, "reviews requesting changes plus pushes after a review", "count", func(x *Outcomes) (float64, bool) { return known(x.ReviewRounds) }},
	{OutcomeMaintainers, "distinct maintainers who commented or reviewed", "count", func(x *Outcomes) (float64, bool) { return known(x.Maintainers) }},
	{OutcomeMaintainerComments, "comments, line comments and reviews by maintainers", "count", func(x *Outcomes) (float64, bool) { return known(x.MaintainerComments) }},
	{OutcomeFirstResponse, "hours from opening to the first maintainer comment or review", "hours", func(x *Outcomes) (float64, bool) { return known(x.FirstResponse) }},
	{OutcomeTimeToClose, "hours from opening to merging or closing", "hours", func(x *Outcomes) (float64, bool) { return known(x.TimeToClose) }},
}

// known returns *p, and false when p is nil: the outcome is unknown.
func known[T int | float64](p *T) (float64, bool) {
	if p == nil {
		return 0, false
	}
	return float64(*p), true
}

// outcomeIndex returns o's index in outcomes, or -1.
func outcomeIndex(o Outcome) int {
	for i, d := range outcomes {
		if d.outcome == o {
			return i
		}
	}
	return -1
}

// ErrUnknownOutcome is wrapped by the error ParseOutcomes returns for a
// name it does not know.
var ErrUnknownOutcome = errors.New("eval: unknown outcome")

// ParseOutcomes reads a comma-separated list of outcome names ("all"
// stands for every one), dropping repeats and keeping the first order.
func ParseOutcomes(list string) ([]Outcome, error) {
	var out []Outcome
	for name := range strings.SplitSeq(list, ",") {
		name = strings.TrimSpace(name)
		if name == "" {
			continue
		}
		named := []Outcome{Outcome(name)}
		switch {
		case name == "all":
			named = AllOutcomes()
		case outcomeIndex(named[0]) < 0:
			return nil, fmt.Errorf("%w %q: want one of %s, or all", ErrUnknownOutcome, name, outcomeList())
		}
		for _, o := range named {
			if !slices.Contains(out, o) {
				out = append(out, o)
			}
		}
	}
	return out, nil
}

func outcomeList() string {
	names := make([]string, 0, 6)
	for _, o := range AllOutcomes() {
		names = append(names, string(o))
	}
	return strings.Join(names, ", ")
}

// Describe says what the outcome counts or times, in a sentence fragment.
func (o Outcome) Describe() string {
	if i := outcomeIndex(o); i >= 0 {
		return outcomes[i].describe
	}
	return string(o)
}

// Unit is the outcome's unit: "count" or "hours".
func (o Outcome) Unit() string {
	if i := outcomeIndex(o); i >= 0 {
		return outcomes[i].unit
	}
	return "count"
}

// Of returns the outcome's value for r, and false when r does not carry
// it.
func (o Outcome) Of(r *Record) (float64, bool) {
	i := outcomeIndex(o)
	if r.Outcomes == nil || i < 0 {
		return 0, false
	}
	return outcomes[i].of(r.Outcomes)
}

// History is what DeriveOutcomes counts from: one contribution's whole
// timeline, not cut at the closing.
type History struct {
	Author heuristics.Author
	// Opened is when the contribution was opened and Closed when it was
	// merged or closed; zero when unknown or still open.
	Opened, Closed time.Time
	// Events is the timeline, oldest first. Events at or after Closed
	// are left out of the counts; events without a time are kept in
	// place.
	Events []heuristics.Event
	// Maintainer reports whether an account is a maintainer of the
	// repository; nil when the source cannot tell, which leaves the
	// maintainer outcomes unknown. DeriveOutcomes never counts the author
	// or a bot as a maintainer, whatever Maintainer says.
	Maintainer func(heuristics.Author) bool
	// Pushes says whether the commit events of Events are placed in time,
	// so that pushes after a review can be counted; when false,
	// ReviewRounds is unknown.
	Pushes bool
	// NoComments says the source lacks the conversation comments (AIDev's
	// Devin folder has neither pr_comments nor pr_timelines): the
	// outcomes that count comments would count reviews only, so
	// ReviewComments, Maintainers, MaintainerComments and FirstResponse
	// are left unknown.
	NoComments bool
}

// IsBot reports whether an account is a bot: flagged as one, or a GitHub
// App login ending in "[bot]".
func IsBot(a heuristics.Author) bool {
	return a.Bot || strings.HasSuffix(strings.ToLower(a.Login), "[bot]")
}

// AssociatedMaintainer is the maintainer rule of sources that carry
// GitHub's author_association: OWNER, MEMBER or COLLABORATOR.
func AssociatedMaintainer(a heuristics.Author) bool {
	return a.Association.Maintainer()
}

// DeriveOutcomes counts a contribution's effort outcomes from its
// history. The author is matched by login, case-insensitively; an event
// without an actor's login counts for nobody.
func DeriveOutcomes(h History) *Outcomes {
	o := &Outcomes{}
	if !h.Closed.IsZero() && !h.Opened.IsZero() && !h.Closed.Before(h.Opened) {
		o.TimeToClose = new(h.Closed.Sub(h.Opened).Hours())
	}
	author := strings.ToLower(h.Author.Login)
	other := func(a heuristics.Author) bool {
		return a.Login != "" && strings.ToLower(a.Login) != author && !IsBot(a)
	}
	maint := func(a heuristics.Author) bool {
		return h.Maintainer != nil && other(a) && h.Maintainer(a)
	}
	var comments, rounds, mcomments int
	people := map[string]bool{}
	reviewed := false // a review or comment by another person awaits a push
	for _, e := range h.Events {
		if !h.Closed.IsZero() && !e.Time.IsZero() && !e.Time.Before(h.Closed) {
			continue
		}
		switch e.Kind {
		case heuristics.EventComment, heuristics.EventReviewComment, heuristics.EventReview:
			if !other(e.Actor) {
				continue
			}
			comments++
			reviewed = true
			if e.Kind == heuristics.EventReview && strings.EqualFold(e.State, "changes_requested") {
				rounds++
			}
			if maint(e.Actor) {
				mcomments++
				people[strings.ToLower(e.Actor.Login)] = true
				if o.FirstResponse == nil && !h.Opened.IsZero() && !e.Time.IsZero() && !e.Time.Before(h.Opened) {
					o.FirstResponse = new(e.Time.Sub(h.Opened).Hours())
				}
			}
		case heuristics.EventCommit:
			if reviewed {
				rounds++
				reviewed = false
			}
		}
	}
	if h.Pushes {
		o.ReviewRounds = new(rounds)
	}
	if h.NoComments {
		o.FirstResponse = nil
		return o
	}
	o.ReviewComments = new(comments)
	if h.Maintainer != nil {
		o.Maintainers = new(len(people))
		o.MaintainerComments = new(mcomments)
	}
	return o
}

// validate rejects outcomes no timeline can give: negative counts or
// durations.
func (o *Outcomes) validate() error {
	r := &Record{Outcomes: o}
	for _, name := range AllOutcomes() {
		if v, ok := name.Of(r); ok && !(v >= 0) {
			return fmt.Errorf("outcomes: %s is %v, not a count or duration", name, v)
		}
	}
	return nil
}
