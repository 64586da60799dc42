package reputation_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/heft-dev/heft/diffstat"
	"github.com/heft-dev/heft/heuristics"
	"github.com/heft-dev/heft/heuristics/heuristicstest"
	repscore "github.com/heft-dev/heft/heuristics/reputation"
	"github.com/heft-dev/heft/internal/scorertest"
	"github.com/heft-dev/heft/reputation"
)

var repNow = time.Date(2026, 9, 1, 12, 0, 0, 0, time.UTC)

// repLedger is a project's ledger: a regular contributor with a record of
// merges, one whose big PR is still open, and a denounced spammer.
func repLedger(t *testing.T) *reputation.Ledger {
	t.Helper()
	l, err := reputation.New(reputation.NewMemoryStore(), nil)
	require.NoError(t, err)
	ctx := context.Background()
	day := func(d int) time.Time { return repNow.AddDate(0, 0, -d) }
	rec := func(e reputation.Event) {
		_, err := l.Record(ctx, e)
		require.NoError(t, err)
	}
	regular := reputation.Subject{Login: "regular"}
	for i := range 12 {
		pr := "acme/app#" + string(rune('a'+i))
		rec(reputation.Event{Time: day(90 - 7*i), Subject: regular, Kind: reputation.KindOpened, PR: pr, Size: 150})
		rec(reputation.Event{Time: day(89 - 7*i), Subject: regular, Kind: reputation.KindMerged, PR: pr})
	}
	rec(reputation.Event{Time: day(30), Subject: regular, Kind: reputation.KindVouch, Actor: "lead"})
	busy := reputation.Subject{Login: "busy"}
	rec(reputation.Event{Time: day(3), Subject: busy, Kind: reputation.KindOpened, PR: "acme/app#500", Size: 900})
	spammer := reputation.Subject{Login: "spammer"}
	for i := range 3 {
		pr := "acme/app#" + string(rune('x'+i))
		rec(reputation.Event{Time: day(5 + i), Subject: spammer, Kind: reputation.KindOpened, PR: pr, Size: 400})
		rec(reputation.Event{Time: day(4 + i), Subject: spammer, Kind: reputation.KindClosed, PR: pr, Reason: reputation.ReasonSpam})
	}
	rec(reputation.Event{Time: day(4), Subject: spammer, Kind: reputation.KindDenounce, Actor: "lead"})
	return l
}

// prOf returns a real diff of about lines added lines of Go.
func prOf(t *testing.T, lines int) *diffstat.Diff {
	return scorertest.GitDiff(t, nil, map[string]*string{"internal/feature/feature.go": scorertest.Text(scorertest.Numbered("v", lines))})
}

func newRep(t *testing.T) *repscore.Scorer {
	s, err := repscore.New(repLedger(t), repscore.Config{})
	require.NoError(t, err)
	return s
}

func TestReputation(t *testing.T) {
	s := newRep(t)
	small, medium, big, huge := prOf(t, 40), prOf(t, 400), prOf(t, 3200), prOf(t, 5000)
	lockOnly := scorertest.GitDiff(t, nil, map[string]*string{"go.sum": scorertest.Text(scorertest.Numbered("mod", 6000))})
	author := func(login string, a heuristics.Association) heuristics.Author {
		return heuristics.Author{Login: login, Association: a}
	}
	cases := []struct {
		name, reason string
		author       heuristics.Author
		diff         *diffstat.Diff
		score        func(float64) bool
		rules        []string
		summary      string
	}{
		{"first-timer-small", "a newcomer's small PR is never held back, whatever it stakes",
			author("newbie", heuristics.AssociationFirstTimeContributor), small, scorertest.Zero, nil, "never held back"},
		{"first-timer-at-limit", "exactly SmallPR lines is still small",
			author("newbie", heuristics.AssociationFirstTimer), prOf(t, 100), scorertest.Zero, nil, "never held back"},
		{"first-timer-medium", "400 lines stake 17 of the 30-point grant: still covered",
			author("newbie", heuristics.AssociationNone), medium, scorertest.Zero, nil, "would stake 17 points; @newbie has 30."},
		{"first-timer-huge", "the panel's example: a 3,200-line first PR",
			author("newbie", heuristics.AssociationFirstTimeContributor), big, between(0.3, 0.45),
			[]string{"reputation-stake-exceeds-balance"}, "This 3,200-line pull request would stake 48 points; @newbie has 30; small pull requests build standing first."},
		{"unknown-association", "no association known: the ledger decides",
			author("newbie", ""), huge, between(0.45, 0.55), []string{"reputation-stake-exceeds-balance"}, "would stake 60 points"},
		{"regular-big", "a steady record covers a big PR",
			author("regular", heuristics.AssociationContributor), big, scorertest.Zero, nil, "@regular has"},
		{"stake-already-held", "an open 900-line PR holds 25.5 of busy's 30",
			author("busy", heuristics.AssociationContributor), medium, between(0.7, 0.8), []string{"reputation-stake-exceeds-balance"}, "@busy has 4.5"},
		{"spammer-small", "a denounced spammer has nothing to stake, even on a small PR",
			author("Spammer", heuristics.AssociationContributor), small, func(s float64) bool { return s == 1 },
			[]string{"reputation-stake-exceeds-balance", "reputation-denounced", "reputation-spam-history"}, "@Spammer has -"},
		{"maintainer-huge", "maintainers are exempt by policy",
			author("spammer", heuristics.AssociationMember), huge, scorertest.Zero, nil, "exempt from staking"},
		{"owner", "owners are exempt", author("root", heuristics.AssociationOwner), huge, scorertest.Zero, nil, "owner"},
		{"lockfile-only", "lockfile lines are not reviewable and stake nothing",
			author("spammer", heuristics.AssociationContributor), lockOnly, scorertest.Zero, nil, "This pull request has no reviewable lines, so it stakes nothing"},
	}
	var contributions []*heuristics.Contribution
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := &heuristics.Contribution{Author: tc.author, Diff: tc.diff, Now: repNow}
			contributions = append(contributions, c)
			res, err := s.Score(context.Background(), c)
			require.NoError(t, err, tc.reason)
			assert.True(t, tc.score(res.Score), "score %v (%s)", res.Score, tc.reason)
			assert.Contains(t, res.Summary, tc.summary, tc.reason)
			assert.Equal(t, tc.rules, scorertest.Rules(res), tc.reason)
			require.NoError(t, heuristics.CheckResult(res))
			if res.Score > 0 {
				assert.Contains(t, res.Advice, "Smaller pull requests")
			}
		})
	}
	heuristicstest.Run(t, s, contributions...)
}

func between(lo, hi float64) func(float64) bool {
	return func(s float64) bool { return s >= lo && s <= hi }
}

func TestBadInput(t *testing.T) {
	s := newRep(t)
	good := prOf(t, 10)
	cases := []struct {
		name, reason string
		c            *heuristics.Contribution
		notApp       bool
	}{
		{"no-diff", "nothing to stake", &heuristics.Contribution{Author: heuristics.Author{Login: "x"}}, true},
		{"no-login", "nobody to look up", &heuristics.Contribution{Diff: good}, true},
		{"blank-login", "whitespace is no login", &heuristics.Contribution{Diff: good, Author: heuristics.Author{Login: "  "}}, true},
		{"login-with-space", "a malformed login is an error, not a newcomer", &heuristics.Contribution{Diff: good, Author: heuristics.Author{Login: "a b"}}, false},
		{"nil-file", "a broken diff", &heuristics.Contribution{Diff: &diffstat.Diff{Files: []*diffstat.File{nil}}, Author: heuristics.Author{Login: "x"}}, false},
		{"negative-count", "a broken diff", &heuristics.Contribution{Diff: &diffstat.Diff{Files: []*diffstat.File{{NewPath: "a.go", Added: -3}}}, Author: heuristics.Author{Login: "x"}}, false},
		{"huge-login", "over the ledger's name limit", &heuristics.Contribution{Diff: good, Author: heuristics.Author{Login: strings.Repeat("a", 300)}}, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := s.Score(context.Background(), tc.c)
			require.Error(t, err, tc.reason)
			assert.Equal(t, tc.notApp, errors.Is(err, heuristics.ErrNotApplicable), "%v (%s)", err, tc.reason)
		})
	}
}

func TestConfig(t *testing.T) {
	l := repLedger(t)
	_, err := repscore.New(nil, repscore.Config{})
	assert.ErrorIs(t, err, heuristics.ErrInvalidConfig)
	_, err = repscore.New(l, repscore.Config{SmallPR: -1})
	assert.ErrorIs(t, err, heuristics.ErrInvalidConfig)
	_, err = repscore.New(l, repscore.Config{Forge: "Git Hub"})
	assert.ErrorIs(t, err, heuristics.ErrInvalidConfig)

	// The forge keeps ledgers apart: gitlab's "regular" is a newcomer.
	s, err := repscore.New(l, repscore.Config{Forge: "gitlab", SmallPR: 10})
	require.NoError(t, err)
	res, err := s.Score(context.Background(), &heuristics.Contribution{
		Author: heuristics.Author{Login: "regular", Association: heuristics.AssociationFirstTimeContributor},
		Diff:   prOf(t, 3200), Now: repNow,
	})
	require.NoError(t, err)
	assert.Equal(t, 30.0, res.Metrics["balance"])
	assert.Greater(t, res.Score, 0.0)
	assert.Equal(t, "reputation", s.Name())
}

// Deterministic without a clock: a zero Now means no decay, not the
// current time.
func TestZeroNow(t *testing.T) {
	s := newRep(t)
	c := &heuristics.Contribution{Author: heuristics.Author{Login: "regular"}, Diff: prOf(t, 3200)}
	a, err := s.Score(context.Background(), c)
	require.NoError(t, err)
	b, err := s.Score(context.Background(), c)
	require.NoError(t, err)
	assert.Equal(t, a, b)
	assert.Equal(t, 30+12*2+15.0, a.Metrics["balance"], "undecayed: grant, twelve rewards, a vouch")
}

func TestWordingCounts(t *testing.T) {
	s := newRep(t)
	res, err := s.Score(context.Background(), &heuristics.Contribution{Author: heuristics.Author{Login: "spammer", Association: heuristics.AssociationContributor}, Diff: prOf(t, 40), Now: repNow})
	require.NoError(t, err)
	var msgs []string
	for _, e := range res.Evidence {
		msgs = append(msgs, e.Message)
	}
	assert.Contains(t, msgs, "3 pull requests by @spammer were closed as spam.", "not \"3 pull requests of @spammer's pull requests\"")
	res, err = s.Score(context.Background(), &heuristics.Contribution{Author: heuristics.Author{Login: "new", Association: heuristics.AssociationFirstTimeContributor}, Diff: prOf(t, 1), Now: repNow})
	require.NoError(t, err)
	assert.Equal(t, "A first-time contributor's small pull request (1 line): never held back.", res.Summary)
}
