package heuristics

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"runtime/debug"
	"slices"
	"strings"
	"sync"

	"github.com/heft-dev/heft/internal/enum"
)

// Errors NewSet returns, wrapped with the offending name.
var (
	ErrDuplicateScorer = errors.New("duplicate scorer name")
	ErrUnknownWeight   = errors.New("weight names no scorer in the set")
	ErrInvalidPolicy   = errors.New("invalid policy")
)

// Verdict is what a Set concludes about a contribution. The zero Verdict
// is VerdictUnknown: a Set that could not score anything never says pass.
type Verdict uint8

// The verdicts, in increasing order of concern.
const (
	VerdictUnknown Verdict = iota // no scorer could say anything
	VerdictPass                   // below the review threshold
	VerdictReview                 // worth a careful look
	VerdictFlag                   // strong concern
)

var verdictNames = [...]string{"unknown", "pass", "review", "flag"}

// String returns the verdict's stable lower-case name.
func (v Verdict) String() string {
	return enum.Name("Verdict", verdictNames[:], v)
}

// MarshalText encodes the verdict as its String form.
func (v Verdict) MarshalText() ([]byte, error) { return []byte(v.String()), nil }

// UnmarshalText decodes a verdict from its String form.
func (v *Verdict) UnmarshalText(b []byte) error {
	return enum.Unmarshal(v, verdictNames[:], b, "heuristics: unknown verdict")
}

// Default thresholds of a Policy.
const (
	DefaultReviewThreshold = 0.5
	DefaultFlagThreshold   = 0.8
)

// Policy turns scorers' results into one score and a verdict. Its zero
// value is the default policy: every scorer weighs 1, review at 0.5, flag
// at 0.8.
//
// The overall score combines the weighted scores as independent concerns,
// 1 - Π(1 - wᵢ·sᵢ): one strong concern is enough to raise it, several
// moderate ones add up, and a scorer with weight 0 is shown but does not
// count.
type Policy struct {
	// Weights by scorer name, each in [0, 1]. A scorer not named weighs 1.
	Weights map[string]float64 `json:"weights,omitempty"`

	// Review is the overall score from which the verdict is review.
	// Default DefaultReviewThreshold (0.5).
	Review float64 `json:"review,omitempty"`

	// Flag is the overall score from which the verdict is flag; it must
	// not be below Review. Default DefaultFlagThreshold (0.8).
	Flag float64 `json:"flag,omitempty"`

	// Exempt names the contributions the policy does not judge. An exempt
	// contribution is still scored, so the numbers are there to read, and
	// its Report says Exempt with the reason; whoever acts on the verdict
	// (a bot's labels, a CI gate) does not act on it. Default: none.
	Exempt Exemptions `json:"exempt,omitzero"`
}

// Exemptions say which contributions a Policy does not judge. The zero
// value exempts nothing.
type Exemptions struct {
	// Bots exempts authors whose account is a bot.
	Bots bool `json:"bots,omitempty"`

	// Users exempts these logins (compared without regard to case).
	Users []string `json:"users,omitempty"`

	// Associations exempts authors with these associations, such as
	// OWNER, MEMBER and COLLABORATOR.
	Associations []Association `json:"associations,omitempty"`

	// Labels exempts a contribution carrying any of these labels.
	Labels []string `json:"labels,omitempty"`

	// Milestones exempts a contribution in any of these milestones (by
	// title); "*" stands for any milestone.
	Milestones []string `json:"milestones,omitempty"`

	// Drafts exempts draft pull requests.
	Drafts bool `json:"drafts,omitempty"`
}

// Reason returns why c is exempt, as a sentence a maintainer can read, or
// "" when it is not.
func (e Exemptions) Reason(c *Contribution) string {
	a := c.Author
	switch {
	case e.Bots && a.Bot && a.Login == "":
		return "the author is a bot"
	case e.Bots && a.Bot:
		return fmt.Sprintf("the author @%s is a bot", a.Login)
	case a.Login != "" && slices.ContainsFunc(e.Users, func(u string) bool { return strings.EqualFold(u, a.Login) }):
		return fmt.Sprintf("the author @%s is on the exempt list", a.Login)
	case a.Association != "" && slices.Contains(e.Associations, a.Association):
		if w, ok := associationWords[a.Association]; ok {
			return w
		}
		return fmt.Sprintf("the author's association is %s", a.Association)
	case e.Drafts && c.Draft != nil && *c.Draft:
		return "the pull request is a draft"
	case c.Milestone != "" && (slices.Contains(e.Milestones, "*") || slices.Contains(e.Milestones, c.Milestone)):
		return fmt.Sprintf("the pull request is in the milestone %q", c.Milestone)
	}
	for _, l := range c.Labels {
		if slices.ContainsFunc(e.Labels, func(x string) bool { return strings.EqualFold(x, l) }) {
			return fmt.Sprintf("the pull request has the label %q", l)
		}
	}
	return ""
}

// associationWords says why an association is exempt in the words of
// GitHub's documentation of author_association, not its API constant
// ("the author's association is MEMBER").
var associationWords = map[Association]string{
	AssociationOwner:                "the author owns the repository",
	AssociationMember:               "the author is a member of the organisation that owns the repository",
	AssociationCollaborator:         "the author is a collaborator on the repository",
	AssociationContributor:          "the author has contributed to the repository before",
	AssociationFirstTimeContributor: "the author is a first-time contributor to the repository",
	AssociationFirstTimer:           "the author is new to GitHub",
	AssociationMannequin:            "the author is a mannequin, the placeholder of an imported account",
	AssociationNone:                 "the author has no association with the repository",
}

func (e Exemptions) validate() error {
	for i, a := range e.Associations {
		if !a.Known() {
			return fmt.Errorf("heuristics: %w: exempt.associations[%d]: unknown association %q", ErrInvalidPolicy, i, a)
		}
	}
	for name, list := range map[string][]string{"users": e.Users, "labels": e.Labels, "milestones": e.Milestones} {
		for i, v := range list {
			if strings.TrimSpace(v) == "" {
				return fmt.Errorf("heuristics: %w: exempt.%s[%d] is empty", ErrInvalidPolicy, name, i)
			}
		}
	}
	return nil
}

func (p Policy) thresholds() (review, flag float64) {
	review, flag = p.Review, p.Flag
	if review == 0 {
		review = DefaultReviewThreshold
	}
	if flag == 0 {
		flag = DefaultFlagThreshold
	}
	return review, flag
}

// Validate reports what is wrong with the policy's thresholds and weights,
// naming the bad key.
func (p Policy) Validate() error {
	review, flag := p.thresholds()
	if !(review > 0 && review <= 1) {
		return fmt.Errorf("heuristics: %w: review threshold %v is not in (0, 1]", ErrInvalidPolicy, p.Review)
	}
	if !(flag > 0 && flag <= 1) {
		return fmt.Errorf("heuristics: %w: flag threshold %v is not in (0, 1]", ErrInvalidPolicy, p.Flag)
	}
	if flag < review {
		return fmt.Errorf("heuristics: %w: flag threshold %v is below review threshold %v", ErrInvalidPolicy, flag, review)
	}
	for _, name := range sortedKeys(p.Weights) {
		if w := p.Weights[name]; !(w >= 0 && w <= 1) {
			return fmt.Errorf("heuristics: %w: weight of %q is %v, not in [0, 1]", ErrInvalidPolicy, name, w)
		}
	}
	return p.Exempt.validate()
}

// Verdict returns the verdict for an overall score.
func (p Policy) Verdict(score float64) Verdict {
	review, flag := p.thresholds()
	switch {
	case math.IsNaN(score):
		return VerdictUnknown
	case score >= flag:
		return VerdictFlag
	case score >= review:
		return VerdictReview
	}
	return VerdictPass
}

func (p Policy) weight(name string) float64 {
	if w, ok := p.Weights[name]; ok {
		return w
	}
	return 1
}

// Set is a group of scorers run together under a Policy. Build one with
// NewSet; it is safe for concurrent use.
type Set struct {
	scorers []Scorer
	policy  Policy
}

// NewSet returns a Set of the given scorers. It rejects two scorers with
// the same name, a policy weight that names no scorer, and an invalid
// policy.
func NewSet(policy Policy, scorers ...Scorer) (*Set, error) {
	if err := policy.Validate(); err != nil {
		return nil, err
	}
	seen := make(map[string]bool, len(scorers))
	for i, s := range scorers {
		if s == nil {
			return nil, fmt.Errorf("heuristics: scorer %d is nil", i)
		}
		name := s.Name()
		if name == "" {
			return nil, fmt.Errorf("heuristics: scorer %d (%T) has an empty name", i, s)
		}
		if seen[name] {
			return nil, fmt.Errorf("heuristics: %w: %q", ErrDuplicateScorer, name)
		}
		seen[name] = true
	}
	for _, name := range sortedKeys(policy.Weights) {
		if !seen[name] {
			return nil, fmt.Errorf("heuristics: %w: %q", ErrUnknownWeight, name)
		}
	}
	return &Set{scorers: slices.Clone(scorers), policy: policy}, nil
}

// Scorers returns the set's scorers in the order they were given.
func (s *Set) Scorers() []Scorer { return slices.Clone(s.scorers) }

// Policy returns the set's policy.
func (s *Set) Policy() Policy { return s.policy }

// ScorerError records a scorer that failed: it returned an error other
// than ErrNotApplicable, panicked, or returned an invalid result.
type ScorerError struct {
	Scorer string
	Err    error
}

// Error names the scorer that failed and its error.
func (e *ScorerError) Error() string { return fmt.Sprintf("scorer %s: %v", e.Scorer, e.Err) }

// Unwrap returns the scorer's error.
func (e *ScorerError) Unwrap() error { return e.Err }

// MarshalJSON encodes the error as {"scorer": ..., "error": ...}.
func (e *ScorerError) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		Scorer string `json:"scorer"`
		Error  string `json:"error"`
	}{e.Scorer, e.Err.Error()})
}

// ErrPanic is wrapped by the ScorerError of a scorer that panicked.
var ErrPanic = errors.New("scorer panicked")

// ErrInvalidResult is wrapped by the ScorerError of a scorer whose result
// broke the Scorer contract (a score outside [0, 1], or a non-zero score
// without evidence).
var ErrInvalidResult = errors.New("invalid result")

// Report is what a Set found: every scorer's result, the combined score
// and the verdict.
type Report struct {
	// Verdict is what the Policy concluded from Score; VerdictUnknown
	// when no scorer applied.
	Verdict Verdict `json:"verdict"`

	// Score is the combined score in [0, 1] (see Policy); 0 when no
	// scorer produced a result.
	Score float64 `json:"score"`

	// Results holds one entry per scorer that produced a result, in the
	// order the scorers were given to NewSet.
	Results []Result `json:"results"`

	// NotApplicable names the scorers that had nothing to say.
	NotApplicable []string `json:"not_applicable,omitempty"`

	// Errors holds the scorers that failed; the others still count.
	Errors []*ScorerError `json:"errors,omitempty"`

	// Labels is the union of the results' suggested labels, in order.
	Labels []string `json:"labels,omitempty"`

	// Exempt, when not empty, says why the Policy exempts this
	// contribution (see Exemptions). The scores and the verdict are still
	// computed, for reading; nothing should act on them.
	Exempt string `json:"exempt,omitempty"`
}

// Result returns the result of the named scorer, if it produced one.
func (r *Report) Result(name string) (Result, bool) {
	for _, res := range r.Results {
		if res.Scorer == name {
			return res, true
		}
	}
	return Result{}, false
}

// Score runs every scorer on c concurrently and combines their results. A
// scorer that fails or panics is recorded in Report.Errors and the others
// still count. The error is non-nil only when ctx is done before every
// scorer has finished.
func (s *Set) Score(ctx context.Context, c *Contribution) (Report, error) {
	if c == nil {
		c = &Contribution{}
	}
	outs := make([]outcome, len(s.scorers))
	var wg sync.WaitGroup
	for i, sc := range s.scorers {
		wg.Go(func() {
			res, err := run(ctx, sc, c)
			outs[i] = outcome{res, err}
		})
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return Report{}, fmt.Errorf("heuristics: scoring stopped: %w", err)
	}
	return s.combine(c, outs), nil
}

// ScoreSerial is Score with the scorers run one after another on the
// calling goroutine instead of each on its own. The report is the same.
// It suits a caller that already scores many contributions in parallel,
// such as a batch evaluation with a worker per core, where a goroutine
// per scorer only adds the cost of starting it and growing its stack.
// It stops before the next scorer once ctx is done.
func (s *Set) ScoreSerial(ctx context.Context, c *Contribution) (Report, error) {
	if c == nil {
		c = &Contribution{}
	}
	outs := make([]outcome, len(s.scorers))
	for i, sc := range s.scorers {
		if err := ctx.Err(); err != nil {
			return Report{}, fmt.Errorf("heuristics: scoring stopped: %w", err)
		}
		res, err := run(ctx, sc, c)
		outs[i] = outcome{res, err}
	}
	if err := ctx.Err(); err != nil {
		return Report{}, fmt.Errorf("heuristics: scoring stopped: %w", err)
	}
	return s.combine(c, outs), nil
}

// outcome is what one scorer of a Set returned.
type outcome struct {
	res Result
	err error
}

// combine makes the report of c from its scorers' outcomes, in the
// order of s.scorers.
func (s *Set) combine(c *Contribution, outs []outcome) Report {
	rep := Report{Results: []Result{}, Exempt: s.policy.Exempt.Reason(c)}
	keep := 1.0
	for i, o := range outs {
		name := s.scorers[i].Name()
		switch {
		case errors.Is(o.err, ErrNotApplicable):
			rep.NotApplicable = append(rep.NotApplicable, name)
		case o.err != nil:
			rep.Errors = append(rep.Errors, &ScorerError{Scorer: name, Err: o.err})
		default:
			rep.Results = append(rep.Results, o.res)
			keep *= 1 - s.policy.weight(name)*o.res.Score
			for _, l := range o.res.Labels {
				if !slices.Contains(rep.Labels, l) {
					rep.Labels = append(rep.Labels, l)
				}
			}
		}
	}
	if len(rep.Results) == 0 {
		return rep // VerdictUnknown
	}
	rep.Score = 1 - keep
	rep.Verdict = s.policy.Verdict(rep.Score)
	return rep
}

// run calls one scorer behind recover and checks its result.
func run(ctx context.Context, sc Scorer, c *Contribution) (res Result, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("%w: %v\n%s", ErrPanic, p, debug.Stack())
		}
	}()
	res, err = sc.Score(ctx, c)
	if err != nil {
		return Result{}, err
	}
	if res.Scorer == "" {
		res.Scorer = sc.Name()
	}
	if err := CheckResult(res); err != nil {
		return Result{}, err
	}
	return res, nil
}

// CheckResult reports whether a result keeps the Scorer contract: a score
// in [0, 1], and evidence with a rule ID for every non-zero score.
func CheckResult(r Result) error {
	if !(r.Score >= 0 && r.Score <= 1) {
		return fmt.Errorf("%w: score %v is not in [0, 1]", ErrInvalidResult, r.Score)
	}
	if r.Score > 0 && len(r.Evidence) == 0 {
		return fmt.Errorf("%w: score %v has no evidence", ErrInvalidResult, r.Score)
	}
	for i, e := range r.Evidence {
		if e.Rule == "" {
			return fmt.Errorf("%w: evidence %d has no rule ID", ErrInvalidResult, i)
		}
	}
	return nil
}

func sortedKeys(m map[string]float64) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
