package reputation

import (
	"cmp"
	"context"
	_ "embed"
	"fmt"
	"math"
	"strings"

	"github.com/heft-dev/heft/heuristics"
	"github.com/heft-dev/heft/internal/scoring"
	"github.com/heft-dev/heft/internal/wording"
	"github.com/heft-dev/heft/reputation"
)

// Config configures the reputation scorer. The zero value uses
// the defaults given on each field.
type Config struct {
	// Forge is the forge authors' logins are on. Default "github".
	Forge string `json:"forge,omitempty"`

	// SmallPR is the reviewable size, in changed lines, up to which a
	// first-time contributor's pull request always scores 0, whatever the
	// ledger says. Default 100.
	SmallPR int `json:"small_pr,omitempty"`
}

func (c Config) withDefaults() Config {
	c.Forge = cmp.Or(c.Forge, reputation.DefaultForge)
	c.SmallPR = cmp.Or(c.SmallPR, 100)
	return c
}

// Validate reports a configuration the reputation scorer cannot use,
// naming the field.
func (c Config) Validate() error {
	if field, msg := scoring.CheckLimits(scoring.NonNegative("small_pr", c.SmallPR)); field != "" {
		return scoring.Invalid("reputation", "%s %s", field, msg)
	}
	if c.Forge != "" && (strings.ContainsAny(c.Forge, " \t\n/") || c.Forge != strings.ToLower(c.Forge)) {
		return scoring.Invalid("reputation", "forge %q must be a lower-case name such as \"github\"", c.Forge)
	}
	return nil
}

// Scorer weighs a pull request's stake against its author's
// standing in a reputation ledger: opening a pull request stakes points
// that grow with its reviewable size, and the concern grows as the stake
// exceeds what the author has. Its Name is "reputation".
//
// It is built never to stand in a newcomer's way: a first-time
// contributor's small pull request (SmallPR lines or fewer) always scores
// 0, and the ledger's newcomer grant covers several small ones anyway.
// Maintainers, members and collaborators are exempt: their pull requests
// score 0 and say so.
//
// The ledger is read at Contribution.Now (no decay when Now is zero).
// Score the pull request before its opening is recorded in the ledger:
// once recorded, its own stake is already held and would count twice.
type Scorer struct {
	ledger *reputation.Ledger
	cfg    Config
}

// New returns the reputation scorer over ledger.
func New(ledger *reputation.Ledger, cfg Config) (*Scorer, error) {
	if ledger == nil {
		return nil, scoring.Invalid("reputation", "scorer without a ledger")
	}
	return scoring.New(cfg, Config.withDefaults, func(c Config) *Scorer { return &Scorer{ledger: ledger, cfg: c} })
}

// Name returns "reputation".
func (s *Scorer) Name() string { return "reputation" }

// rules is the one table of the reputation scorer's rules, declared in
// rules.json; doc.go lists them and a test keeps the two in step.
var rules = scoring.Table[heuristics.Rule](rulesJSON)

//go:embed rules.json
var rulesJSON []byte

// Rules returns the rules the reputation scorer's evidence cites.
func (s *Scorer) Rules() []heuristics.Rule { return rules.Clone() }

// Score compares the stake of c's reviewable size with the author's
// balance. It returns ErrNotApplicable without a diff or an author login,
// and an error when the ledger cannot be read or the login is malformed.
func (s *Scorer) Score(ctx context.Context, c *heuristics.Contribution) (heuristics.Result, error) {
	if c.Diff == nil || strings.TrimSpace(c.Author.Login) == "" {
		return heuristics.Result{}, heuristics.ErrNotApplicable
	}
	for _, f := range c.Diff.Files {
		if f == nil || f.Added < 0 || f.Deleted < 0 {
			return heuristics.Result{}, fmt.Errorf("reputation: invalid file in diff: %+v", f)
		}
	}
	size := c.Diff.Totals().Reviewable.Lines()
	stake := s.ledger.Stake(size)
	login := "@" + strings.TrimPrefix(c.Author.Login, "@")
	res := heuristics.Result{
		Scorer: s.Name(),
		Metrics: map[string]float64{
			"reviewable_lines": float64(size),
			"stake":            stake,
		},
	}

	if a := c.Author.Association; a.Maintainer() {
		res.Summary = fmt.Sprintf("%s is %s of the repository: exempt from staking by policy.", login, wording.Article(strings.ToLower(string(a))))
		return res, nil
	}
	if c.Author.Association.FirstTime() && size <= s.cfg.SmallPR {
		res.Summary = fmt.Sprintf("A first-time contributor's small pull request (%s): never held back.", wording.Plural(size, "line"))
		return res, nil
	}

	subj := reputation.Subject{Forge: s.cfg.Forge, Login: c.Author.Login}.Normalize()
	b, err := s.ledger.Balance(ctx, subj, c.Now)
	if err != nil {
		return heuristics.Result{}, fmt.Errorf("reputation: %s: %w", login, err)
	}
	has := b.Points
	for k, v := range map[string]float64{
		"balance": has, "held": b.Held, "settled": b.Settled, "foreign": b.Foreign,
		"merged": float64(b.Merged), "closed": float64(b.Closed), "spam": float64(b.Spam),
		"open": float64(b.Open), "events": float64(b.Events),
	} {
		res.Metrics[k] = v
	}

	res.Summary = fmt.Sprintf("This %s-line pull request would stake %s; %s has %s.", wording.Commas(size), pointsOf(stake), login, points(has))
	if size == 0 {
		res.Summary = fmt.Sprintf("This pull request has no reviewable lines, so it stakes nothing; %s has %s.", login, pointsOf(has))
	}
	if stake == 0 || stake <= has {
		return res, nil
	}
	// The share of the stake the author cannot cover: 0 just at the
	// balance, 1 with nothing (or less) to cover it.
	res.Score = math.Min(1, (stake-has)/stake)
	res.Summary = strings.TrimSuffix(res.Summary, ".") + "; small pull requests build standing first."
	res.Evidence = append(res.Evidence, heuristics.Evidence{
		Rule:    "reputation-stake-exceeds-balance",
		Message: fmt.Sprintf("%s stake %s; %s has %s (%s).", wording.Plural(size, "reviewable line"), pointsOf(stake), login, points(has), standing(b)),
		Field:   heuristics.FieldAuthor,
		Snippet: login,
	})
	if b.Denounced || b.ForeignBad {
		res.Evidence = append(res.Evidence, heuristics.Evidence{
			Rule:    "reputation-denounced",
			Message: fmt.Sprintf("%s has been denounced by this project's maintainers or a trusted project.", login),
			Field:   heuristics.FieldAuthor,
			Snippet: login,
		})
	}
	if b.Spam > 0 {
		res.Evidence = append(res.Evidence, heuristics.Evidence{
			Rule:    "reputation-spam-history",
			Message: fmt.Sprintf("%s closed as spam.", wording.Count(b.Spam, "pull request by "+login+" was", "pull requests by "+login+" were")),
			Field:   heuristics.FieldAuthor,
			Snippet: login,
		})
	}
	res.Advice = fmt.Sprintf("This pull request is large for where you stand in this project so far. "+
		"Smaller pull requests (a few hundred lines at most) are quicker to review; each one that merges "+
		"returns its stake and builds standing for larger work. You have %s; a %s-line pull request stakes %s.",
		pointsOf(has), wording.Commas(size), pointsOf(stake))
	return res, nil
}

// standing describes a balance in words for evidence.
func standing(b reputation.Balance) string {
	parts := []string{fmt.Sprintf("grant %s", points(b.Grant))}
	if b.Settled != 0 {
		parts = append(parts, fmt.Sprintf("earned %s", points(b.Settled)))
	}
	if b.Foreign != 0 {
		parts = append(parts, fmt.Sprintf("from other projects %s", points(b.Foreign)))
	}
	if b.Held != 0 {
		parts = append(parts, fmt.Sprintf("%s held by %s", points(b.Held), wording.Plural(b.Open, "open pull request")))
	}
	parts = append(parts, fmt.Sprintf("%d merged, %d closed", b.Merged, b.Closed))
	return strings.Join(parts, "; ")
}

// pointsOf is an amount with its unit: "1 point", "48 points", "0.5
// points".
func pointsOf(v float64) string {
	if s := points(v); s != "1" {
		return s + " points"
	}
	return "1 point"
}

// points formats an amount for people: whole points with thousands
// separators from 10 up, one decimal below.
func points(v float64) string {
	if math.Abs(v) >= 10 {
		return wording.Commas(int(math.Round(v)))
	}
	s := fmt.Sprintf("%.1f", v)
	s = strings.TrimSuffix(s, ".0")
	if s == "-0" {
		s = "0"
	}
	return s
}
