package account

import (
	"cmp"
	"context"
	_ "embed"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/heft-dev/heft/heuristics"
	"github.com/heft-dev/heft/internal/lazyre"
	"github.com/heft-dev/heft/internal/scoring"
	"github.com/heft-dev/heft/internal/wording"
)

// The rule IDs the scorer emits; see the package documentation.
const (
	RuleYoung       = "account-young"
	RuleProfile     = "account-profile"
	RuleForkBurst   = "account-fork-burst"
	RuleMergeRatio  = "account-merge-ratio"
	RuleRepoHistory = "account-repo-history"
	RuleSpamName    = "account-spam-name"
	RuleNewcomerCap = "account-newcomer-cap"
)

// Config configures the account scorer. The zero value uses the defaults
// given on each field. A rule whose threshold is 0 by default is off until
// set; Disable switches off any rule by its ID.
type Config struct {
	// MinAgeDays is the account age, in days, below which the account
	// counts as young; the concern is largest for an account made the day
	// the pull request was opened. Default 30 (anti-slop's default).
	MinAgeDays int `json:"min_age_days,omitempty"`

	// MinProfile is the number of profile signals, out of 10 (name,
	// company, blog, location, email, hireable, bio, twitter_username,
	// followers, following), below which the profile counts as empty.
	// Default 0: off, because many honest newcomers have empty profiles.
	MinProfile int `json:"min_profile,omitempty"`

	// MaxForksPerDay is the largest number of forks within 24 hours that
	// passes. Default 7 (anti-slop's default).
	MaxForksPerDay int `json:"max_forks_per_day,omitempty"`

	// MinMergeRatio is the share of the author's concluded pull requests
	// elsewhere that were merged, below which the history is a concern;
	// it applies once the author has MinHistory concluded pull requests.
	// Default 0.3 (anti-slop's 30%).
	MinMergeRatio float64 `json:"min_merge_ratio,omitempty"`

	// MinHistory is how many concluded pull requests a merge ratio needs
	// before it means anything. Default 5.
	MinHistory int `json:"min_history,omitempty"`

	// MinRepoMerged is the number of merged pull requests in this
	// repository the author should have; MinRepoMergeRatio the share of
	// their concluded ones here that were merged. Default 0: off, because
	// a first-time contributor has none by definition.
	MinRepoMerged     int     `json:"min_repo_merged,omitempty"`
	MinRepoMergeRatio float64 `json:"min_repo_merge_ratio,omitempty"`

	// SmallLines is the largest change, in reviewable lines, that counts
	// as small for the newcomer cap. Default 100.
	SmallLines int `json:"small_lines,omitempty"`

	// NewcomerCap is the highest score a first-time contributor's small
	// change can get from this scorer. Default 0.4, below the default
	// review threshold.
	NewcomerCap float64 `json:"newcomer_cap,omitempty"`

	// Disable lists rule IDs to switch off.
	Disable []string `json:"disable,omitempty"`
}

func (c Config) withDefaults() Config {
	c.MinAgeDays = cmp.Or(c.MinAgeDays, 30)
	c.MaxForksPerDay = cmp.Or(c.MaxForksPerDay, 7)
	c.MinMergeRatio = cmp.Or(c.MinMergeRatio, 0.3)
	c.MinHistory = cmp.Or(c.MinHistory, 5)
	c.SmallLines = cmp.Or(c.SmallLines, 100)
	c.NewcomerCap = cmp.Or(c.NewcomerCap, 0.4)
	return c
}

// rules is the one table of the account scorer's rules, declared in
// rules.json; doc.go lists them and a test keeps the two in step.
var rules = scoring.Table[heuristics.Rule](rulesJSON)

//go:embed rules.json
var rulesJSON []byte

// Rules returns the rules the account scorer's evidence cites.
func (s *Scorer) Rules() []heuristics.Rule { return rules.Clone() }

// Validate reports a configuration the scorer cannot use, naming the
// field.
func (c Config) Validate() error {
	if field, msg := scoring.CheckLimits(
		scoring.NonNegative("min_age_days", c.MinAgeDays),
		scoring.InRange("min_profile", c.MinProfile, 0, len(profileSignals)),
		scoring.NonNegative("max_forks_per_day", c.MaxForksPerDay),
		scoring.InRange("min_merge_ratio", c.MinMergeRatio, 0, 1),
		scoring.NonNegative("min_history", c.MinHistory),
		scoring.NonNegative("min_repo_merged", c.MinRepoMerged),
		scoring.InRange("min_repo_merge_ratio", c.MinRepoMergeRatio, 0, 1),
		scoring.NonNegative("small_lines", c.SmallLines),
		scoring.InRange("newcomer_cap", c.NewcomerCap, 0, 1),
	); field != "" {
		return scoring.Invalid("account", "%s %s", field, msg)
	}
	if field, msg := scoring.CheckRuleSettings(rules(), nil, c.Disable); field != "" {
		return scoring.Invalid("account", "%s: %s", field, msg)
	}
	return nil
}

// Scorer scores the author's account. Its Name is "account".
type Scorer struct {
	cfg Config
}

// New returns the account scorer.
func New(cfg Config) (*Scorer, error) {
	return scoring.New(cfg, Config.withDefaults, func(c Config) *Scorer { return &Scorer{cfg: c} })
}

// Name returns "account".
func (s *Scorer) Name() string { return "account" }

// The profile signals, as anti-slop counts them less its "public profile"
// (GitHub only returns public profiles to the API).
var profileSignals = []string{"name", "company", "blog", "location", "email", "hireable", "bio", "twitter_username", "followers", "following"}

// finding is one rule that fired, with its share of the score.
type finding struct {
	score float64
	ev    heuristics.Evidence
}

// Score looks at c.Author.Account. It returns ErrNotApplicable when the
// account is unknown or is a bot's.
func (s *Scorer) Score(_ context.Context, c *heuristics.Contribution) (heuristics.Result, error) {
	a := c.Author
	if a.Account == nil || a.Bot {
		return heuristics.Result{}, heuristics.ErrNotApplicable
	}
	if a.Association.Maintainer() {
		return heuristics.Result{
			Scorer:  s.Name(),
			Summary: fmt.Sprintf("%s maintains this repository; the account is not scored.", who(a.Login)),
		}, nil
	}
	var found []finding
	for _, check := range []func(*heuristics.Contribution) (finding, bool){
		s.young, s.profile, s.forkBurst, s.mergeRatio, s.repoHistory, s.spamName,
	} {
		if f, ok := check(c); ok && !slices.Contains(s.cfg.Disable, f.ev.Rule) {
			found = append(found, f)
		}
	}
	keep := 1.0
	for _, f := range found {
		keep *= 1 - f.score
	}
	res := heuristics.Result{Scorer: s.Name(), Score: 1 - keep, Metrics: metrics(c)}
	for _, f := range found {
		res.Evidence = append(res.Evidence, f.ev)
	}
	lines, known := reviewableLines(c)
	if res.Score > s.cfg.NewcomerCap && a.Association.FirstTime() && known && lines <= s.cfg.SmallLines &&
		!slices.Contains(s.cfg.Disable, RuleNewcomerCap) {
		res.Evidence = append(res.Evidence, heuristics.Evidence{
			Rule: RuleNewcomerCap,
			Message: fmt.Sprintf("The score was capped at %.2f: a first-time contributor's small change (%s) is not held up by what the account looks like alone.",
				s.cfg.NewcomerCap, wording.Plural(lines, "reviewable line")),
			Field: heuristics.FieldAuthor,
		})
		res.Score = s.cfg.NewcomerCap
	}
	res.Score = math.Round(res.Score*1000) / 1000
	if len(found) == 0 {
		res.Score = 0
		res.Summary = fmt.Sprintf("Nothing unusual about %s's account.", who(a.Login))
		return res, nil
	}
	var what []string
	for _, f := range found {
		what = append(what, f.ev.Rule)
	}
	// "@x: a young account", not "@x's account: a young account".
	res.Summary = fmt.Sprintf("%s: %s.", who(a.Login), strings.Join(describe(what), "; "))
	// No Advice: the author can change nothing here, and telling a
	// newcomer that their account is being weighed reads as an
	// accusation. The summary and evidence are for the maintainer.
	return res, nil
}

func who(login string) string {
	if login == "" {
		return "The author"
	}
	return "@" + strings.TrimPrefix(login, "@")
}

var descriptions = map[string]string{
	RuleYoung:       "a young account",
	RuleProfile:     "a mostly empty profile",
	RuleForkBurst:   "many forks in one day",
	RuleMergeRatio:  "most pull requests elsewhere closed unmerged",
	RuleRepoHistory: "little history in this repository",
	RuleSpamName:    "a login shaped like a throwaway account",
}

func describe(rules []string) []string {
	out := make([]string, len(rules))
	for i, r := range rules {
		out[i] = descriptions[r]
	}
	return out
}

func (s *Scorer) young(c *heuristics.Contribution) (finding, bool) {
	created := c.Author.Account.CreatedAt
	if created.IsZero() || c.Now.IsZero() {
		return finding{}, false
	}
	days := c.Now.Sub(created).Hours() / 24
	if days < 0 || days >= float64(s.cfg.MinAgeDays) {
		return finding{}, false
	}
	// 0.5 for an account made today, falling to 0 at MinAgeDays.
	score := 0.5 * (1 - days/float64(s.cfg.MinAgeDays))
	return finding{score, heuristics.Evidence{
		Rule:    RuleYoung,
		Message: fmt.Sprintf("The account was created %s before this pull request (under %d days).", age(c.Now.Sub(created)), s.cfg.MinAgeDays),
		Field:   heuristics.FieldAuthor,
		Snippet: created.UTC().Format(time.DateOnly),
	}}, true
}

func age(d time.Duration) string {
	if d < 48*time.Hour {
		return wording.Plural(int(d.Hours()), "hour")
	}
	return wording.Plural(int(d.Hours()/24), "day")
}

func (s *Scorer) profile(c *heuristics.Contribution) (finding, bool) {
	acc := c.Author.Account
	if s.cfg.MinProfile == 0 || acc.Profile == nil {
		return finding{}, false
	}
	filled := 0
	for _, f := range acc.Profile {
		if slices.Contains(profileSignals[:8], f) {
			filled++
		}
	}
	if acc.Followers != nil && *acc.Followers > 0 {
		filled++
	}
	if acc.Following != nil && *acc.Following > 0 {
		filled++
	}
	if filled >= s.cfg.MinProfile {
		return finding{}, false
	}
	return finding{0.2, heuristics.Evidence{
		Rule:    RuleProfile,
		Message: fmt.Sprintf("The profile fills in %d of the %d things read (name, bio, location, followers and the like); this project asks for %d.", filled, len(profileSignals), s.cfg.MinProfile),
		Field:   heuristics.FieldAuthor,
	}}, true
}

func (s *Scorer) forkBurst(c *heuristics.Contribution) (finding, bool) {
	n := c.Author.Account.ForksPerDay
	if n == nil || *n <= s.cfg.MaxForksPerDay {
		return finding{}, false
	}
	// 0.5 just past the limit, approaching 0.9 at three times it.
	over := float64(*n-s.cfg.MaxForksPerDay) / float64(2*max(s.cfg.MaxForksPerDay, 1))
	score := 0.5 + 0.4*math.Min(over, 1)
	return finding{score, heuristics.Evidence{
		Rule:    RuleForkBurst,
		Message: fmt.Sprintf("The account forked %s within 24 hours (more than %d), a pattern of accounts that open pull requests in bulk.", wording.Count(*n, "repository", "repositories"), s.cfg.MaxForksPerDay),
		Field:   heuristics.FieldAuthor,
	}}, true
}

func (s *Scorer) mergeRatio(c *heuristics.Contribution) (finding, bool) {
	g := c.Author.Account.Global
	if g == nil || g.Merged+g.Closed < max(s.cfg.MinHistory, 1) {
		return finding{}, false
	}
	ratio := float64(g.Merged) / float64(g.Merged+g.Closed)
	if ratio >= s.cfg.MinMergeRatio {
		return finding{}, false
	}
	score := 0.5 * (1 - ratio/s.cfg.MinMergeRatio)
	return finding{score, heuristics.Evidence{
		Rule: RuleMergeRatio,
		Message: fmt.Sprintf("Of the author's %s elsewhere, %s (%.0f%%, under %.0f%%).",
			wording.Plural(g.Merged+g.Closed, "concluded pull request"), wasMerged(g.Merged), 100*ratio, 100*s.cfg.MinMergeRatio),
		Field: heuristics.FieldAuthor,
	}}, true
}

func (s *Scorer) repoHistory(c *heuristics.Contribution) (finding, bool) {
	r := c.Author.Account.Repo
	if r == nil || (s.cfg.MinRepoMerged == 0 && s.cfg.MinRepoMergeRatio == 0) {
		return finding{}, false
	}
	var why string
	switch {
	case s.cfg.MinRepoMerged > 0 && r.Merged < s.cfg.MinRepoMerged:
		why = fmt.Sprintf("The author has %s here; this project asks for %d.", wording.Plural(r.Merged, "merged pull request"), s.cfg.MinRepoMerged)
	case s.cfg.MinRepoMergeRatio > 0 && r.Merged+r.Closed > 0 &&
		float64(r.Merged)/float64(r.Merged+r.Closed) < s.cfg.MinRepoMergeRatio:
		why = fmt.Sprintf("Of the author's %s here, %s; this project asks for %.0f%%.",
			wording.Plural(r.Merged+r.Closed, "concluded pull request"), wasMerged(r.Merged), 100*s.cfg.MinRepoMergeRatio)
	default:
		return finding{}, false
	}
	return finding{0.3, heuristics.Evidence{Rule: RuleRepoHistory, Message: why, Field: heuristics.FieldAuthor}}, true
}

// Throwaway logins: all digits, or a word followed by a long run of
// digits or hex that reads as generated (four or more digits).
var (
	allDigits = lazyre.New(`^[0-9]+$`)
	digitRun  = lazyre.New(`[0-9]{4,}`)
)

func (s *Scorer) spamName(c *heuristics.Contribution) (finding, bool) {
	login := c.Author.Login
	var why string
	switch {
	case login == "":
		return finding{}, false
	case allDigits.MatchString(login):
		why = "is all digits"
	case digitRun.MatchString(login):
		why = "carries a run of four or more digits"
	default:
		return finding{}, false
	}
	return finding{0.15, heuristics.Evidence{
		Rule:    RuleSpamName,
		Message: fmt.Sprintf("The login %s, a shape throwaway accounts often have (and some people's own names too).", why),
		Field:   heuristics.FieldAuthor,
		Snippet: login,
	}}, true
}

func reviewableLines(c *heuristics.Contribution) (int, bool) {
	if c.Diff == nil {
		return 0, false
	}
	n := 0
	for _, f := range c.Diff.Files {
		if f != nil && f.Reviewable() {
			n += f.Lines()
		}
	}
	return n, true
}

func metrics(c *heuristics.Contribution) map[string]float64 {
	acc := c.Author.Account
	m := map[string]float64{}
	if !acc.CreatedAt.IsZero() && !c.Now.IsZero() {
		m["account_age_days"] = math.Floor(c.Now.Sub(acc.CreatedAt).Hours() / 24)
	}
	if acc.ForksPerDay != nil {
		m["forks_per_day"] = float64(*acc.ForksPerDay)
	}
	if g := acc.Global; g != nil {
		m["global_merged"], m["global_closed"] = float64(g.Merged), float64(g.Closed)
	}
	if r := acc.Repo; r != nil {
		m["repo_merged"], m["repo_closed"] = float64(r.Merged), float64(r.Closed)
	}
	if acc.Profile != nil {
		m["profile_fields"] = float64(len(acc.Profile))
	}
	return m
}

// wasMerged is "1 was merged", "none was merged" or "3 were merged".
func wasMerged(n int) string {
	switch n {
	case 0:
		return "none was merged"
	case 1:
		return "1 was merged"
	}
	return wording.Commas(n) + " were merged"
}
