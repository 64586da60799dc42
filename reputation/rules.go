package reputation

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"time"
)

// Default rule values; see Rules.
const (
	DefaultGrant         = 30.0
	DefaultStakePerRoot  = 0.85
	DefaultMergeReward   = 2.0
	DefaultNotPlanned    = 0.5
	DefaultDuplicate     = 0.9
	DefaultRevertPenalty = 0.5
	DefaultVouch         = 15.0
	DefaultDenounce      = 60.0
	DefaultHalfLife      = 180 * 24 * time.Hour
)

// Rules is the rule set that turns events into a balance. The zero value
// is the default rule set; each field's default is in its comment. All
// amounts are points. A zero field takes its default; a negative amount or
// fraction means zero (for example NotPlanned: -1 returns nothing of the
// stake of a PR closed as not planned).
//
// A subject's balance is
//
//	Grant + Σ decay(settled effects) + foreign credit − Σ stakes of open PRs
//
// where each pull request, followed through its events in time order,
// ends in one state:
//
//   - open: its stake, StakePerRoot·√size, is held (not decayed);
//   - merged: the stake comes back plus MergeReward;
//   - closed as duplicate or superseded: Duplicate of the stake comes
//     back (by default 90%);
//   - closed as not planned: NotPlanned of the stake comes back (50%);
//   - closed as spam: the stake is forfeited;
//   - reverted after merging: the reward is taken back and RevertPenalty
//     of the stake (50%) is lost.
//
// A PR that is opened again after closing is open again: its earlier
// close no longer counts. An opened event for a PR that is already open
// changes its size (new pushes), and so its stake. Events that make no
// sense in the PR's state (a merge of a merged PR, a revert of an unmerged
// one) are kept and explained but change nothing.
//
// Vouches add Vouch, denounces subtract Denounce, adjustments add their
// Points. Every settled effect (what a finished PR gained or lost, a
// vouch, a denounce, an adjustment) decays with its age: it counts
// 2^(−age/HalfLife) of its value, so one bad month does not follow anyone
// for years, and neither does one good one. The grant and the stakes of
// open PRs do not decay.
type Rules struct {
	// Grant is what every subject starts with, enough for several small
	// PRs at once. Default DefaultGrant (30): four 50-line PRs or three
	// 100-line PRs open at the same time.
	Grant float64 `json:"grant,omitempty"`

	// StakePerRoot scales the stake: a PR of n reviewable lines stakes
	// StakePerRoot·√n, rounded to a hundredth. Default DefaultStakePerRoot
	// (0.85): 10 lines stake 2.69, 100 lines 8.5, 3,200 lines 48.08,
	// 5,000 lines 60.1.
	StakePerRoot float64 `json:"stake_per_root,omitempty"`

	// MergeReward is added when a PR merges, on top of its stake coming
	// back. Default DefaultMergeReward (2).
	MergeReward float64 `json:"merge_reward,omitempty"`

	// NotPlanned is the fraction of the stake returned when a PR is
	// closed as not planned, in [0, 1]. Default DefaultNotPlanned (0.5).
	NotPlanned float64 `json:"not_planned,omitempty"`

	// Duplicate is the fraction of the stake returned when a PR is closed
	// as a duplicate or superseded, in [0, 1]. Default DefaultDuplicate
	// (0.9).
	Duplicate float64 `json:"duplicate,omitempty"`

	// RevertPenalty is the fraction of the stake lost when a merged PR is
	// reverted, in [0, 1]; the merge reward is lost too. Default
	// DefaultRevertPenalty (0.5).
	RevertPenalty float64 `json:"revert_penalty,omitempty"`

	// Vouch is what a maintainer's vouch adds. Default DefaultVouch (15).
	Vouch float64 `json:"vouch,omitempty"`

	// Denounce is what a maintainer's denounce takes away. Default
	// DefaultDenounce (60): more than the grant, so a denounced newcomer
	// is below zero.
	Denounce float64 `json:"denounce,omitempty"`

	// HalfLife is how long it takes a settled effect to lose half its
	// value. Default DefaultHalfLife (180 days); negative disables decay.
	HalfLife time.Duration `json:"half_life,omitempty"`
}

// withDefaults fills in zero fields.
func (r Rules) withDefaults() Rules {
	def := func(v *float64, d float64) {
		switch {
		case *v == 0:
			*v = d
		case *v < 0:
			*v = 0
		}
	}
	def(&r.Grant, DefaultGrant)
	def(&r.StakePerRoot, DefaultStakePerRoot)
	def(&r.MergeReward, DefaultMergeReward)
	def(&r.NotPlanned, DefaultNotPlanned)
	def(&r.Duplicate, DefaultDuplicate)
	def(&r.RevertPenalty, DefaultRevertPenalty)
	def(&r.Vouch, DefaultVouch)
	def(&r.Denounce, DefaultDenounce)
	if r.HalfLife == 0 {
		r.HalfLife = DefaultHalfLife
	}
	return r
}

// Validate reports whether every field is in range: fractions at most 1,
// amounts at most MaxPoints, nothing NaN.
func (r Rules) Validate() error {
	r = r.withDefaults()
	for _, f := range [...]struct {
		name   string
		v      float64
		max    float64
		isFrac bool
	}{
		{"grant", r.Grant, MaxPoints, false},
		{"stake_per_root", r.StakePerRoot, MaxPoints, false},
		{"merge_reward", r.MergeReward, MaxPoints, false},
		{"not_planned", r.NotPlanned, 1, true},
		{"duplicate", r.Duplicate, 1, true},
		{"revert_penalty", r.RevertPenalty, 1, true},
		{"vouch", r.Vouch, MaxPoints, false},
		{"denounce", r.Denounce, MaxPoints, false},
	} {
		if math.IsNaN(f.v) || f.v > f.max {
			return fmt.Errorf("%w: rules: %s = %v, want [0, %v]", ErrInvalidConfig, f.name, f.v, f.max)
		}
	}
	return nil
}

// Stake is what a PR of size reviewable lines stakes under these rules.
func (r Rules) Stake(size int) float64 {
	r = r.withDefaults()
	if size <= 0 {
		return 0
	}
	return round2(r.StakePerRoot * math.Sqrt(float64(size)))
}

func round2(v float64) float64 { return math.Round(v*100) / 100 }

// Balance is a subject's standing at one moment, derived from events.
type Balance struct {
	Subject Subject `json:"subject"`

	// Points is what the subject has available to stake: Grant + Settled
	// + Foreign − Held, rounded to a hundredth.
	Points float64 `json:"points"`

	Grant   float64 `json:"grant"`   // the newcomer grant
	Settled float64 `json:"settled"` // decayed effects of local events
	Foreign float64 `json:"foreign"` // capped credit from imported attestations
	Held    float64 `json:"held"`    // stakes of open PRs

	// Counts of the subject's PRs by final state, and events of other
	// kinds, from the local ledger.
	Open       int  `json:"open"`
	Merged     int  `json:"merged"`
	Closed     int  `json:"closed"` // closed for any reason, spam included
	Spam       int  `json:"spam"`
	Reverted   int  `json:"reverted"`
	Vouches    int  `json:"vouches"`
	Denounces  int  `json:"denounces"`
	Imported   int  `json:"imported"` // attestations counted in Foreign
	Events     int  `json:"events"`
	Vouched    bool `json:"vouched"`                    // the latest local vouch or denounce is a vouch
	Denounced  bool `json:"denounced"`                  // the latest local vouch or denounce is a denounce
	ForeignBad bool `json:"foreign_denounce,omitempty"` // a trusted issuer attests a denounce
}

// Entry is one event and what it does to the balance now.
type Entry struct {
	Event Event `json:"event"`

	// Effect is what the event adds to the settled balance now, after
	// decay; Held is the stake it holds. Both are zero for an event whose
	// effect a later event replaced (the Note says so).
	Effect float64 `json:"effect"`
	Held   float64 `json:"held,omitempty"`

	// Note says in words what the event does, such as "merged: stake
	// 8.50 returned, reward 2.00, decayed to 1.41".
	Note string `json:"note"`
}

// Explanation is a balance and the events behind it, in the order the
// rules applied them.
type Explanation struct {
	Balance Balance `json:"balance"`
	Entries []Entry `json:"entries"`
}

// prState follows one PR through its events.
type prState struct {
	state  Kind    // KindOpened, KindMerged, KindClosed, KindReverted
	stake  float64 // current stake
	entry  int     // index of the entry that carries the PR's effect
	reason Reason
}

// Replay computes a subject's balance from its local events at time now,
// without attestations (they need a Trust: see Ledger.Explain, which
// folds them in). Events of other subjects and attestation events are
// skipped, and so is an event whose ID an earlier one (in input order,
// which is Seq order for a store's events) already has. Replay is
// deterministic: it sorts the events by time, then Seq, then input
// order, and uses only them, the rules and now.
func (r Rules) Replay(s Subject, events []Event, now time.Time) Explanation {
	return r.replay(s, events, now, true)
}

// replay is Replay, writing the entries' notes only when notes is set: a
// balance lookup needs the numbers, not the words. It runs in three steps:
// pick the subject's events (subjectEvents), apply each to the PR it
// belongs to (a replayer, one small state machine per PR: opened, then
// merged or closed, a merge possibly reverted), then total (finish).
func (r Rules) replay(s Subject, events []Event, now time.Time, notes bool) Explanation {
	r = r.withDefaults()
	s = s.Normalize()
	evs, dups := subjectEvents(s, events, notes)
	p := &replayer{
		rules: r,
		now:   now,
		notes: notes,
		evs:   evs,
		prs:   map[string]*prState{},
		x:     Explanation{Balance: Balance{Subject: s, Grant: r.Grant, Events: len(evs)}, Entries: make([]Entry, len(evs))},
	}
	for i := range evs {
		p.apply(i)
	}
	return p.finish(dups)
}

// subjectEvents returns s's events other than attestations, in time
// order (then Seq, then input order), and, as entries, those whose ID an
// earlier event already has.
func subjectEvents(s Subject, events []Event, notes bool) (evs []Event, dups []Entry) {
	evs = make([]Event, 0, len(events))
	seen := map[string]int64{}
	for _, e := range events {
		if e.Subject != s || e.Kind == KindAttestation {
			continue
		}
		if e.ID != "" {
			if first, ok := seen[e.ID]; ok {
				dup := Entry{Event: e}
				if notes {
					dup.Note = fmt.Sprintf("ignored: id %q already recorded as event %d", e.ID, first)
				}
				dups = append(dups, dup)
				continue
			}
			seen[e.ID] = e.Seq
		}
		evs = append(evs, e)
	}
	byTime := func(a, b Event) int {
		if c := a.Time.Compare(b.Time); c != 0 {
			return c
		}
		return cmp.Compare(a.Seq, b.Seq)
	}
	// Stores return events in Seq order, which is nearly always time
	// order too: skip the sort (and its copying of events) then.
	if !slices.IsSortedFunc(evs, byTime) {
		slices.SortStableFunc(evs, byTime)
	}
	return evs, dups
}

// A replayer applies a subject's sorted events one at a time: evs[i]
// fills x.Entries[i], and prs follows each PR's state.
type replayer struct {
	rules Rules
	now   time.Time
	notes bool
	evs   []Event
	prs   map[string]*prState
	x     Explanation

	lastJudgement Kind // KindVouch, KindDenounce or ""
}

// apply applies event i to the balance.
func (p *replayer) apply(i int) {
	e := &p.evs[i]
	p.x.Entries[i].Event = *e
	switch e.Kind {
	case KindOpened:
		p.opened(i)
	case KindMerged:
		p.merged(i)
	case KindClosed:
		p.closed(i)
	case KindReverted:
		p.reverted(i)
	case KindVouch:
		p.x.Balance.Vouches++
		p.lastJudgement = KindVouch
		p.settle(i, p.rules.Vouch)
		p.say(i, func() string { return fmt.Sprintf("vouched for by %s: +%.2f", orSomeone(e.Actor), p.rules.Vouch) })
	case KindDenounce:
		p.x.Balance.Denounces++
		p.lastJudgement = KindDenounce
		p.settle(i, -p.rules.Denounce)
		p.say(i, func() string { return fmt.Sprintf("denounced by %s: −%.2f", orSomeone(e.Actor), p.rules.Denounce) })
	case KindAdjust:
		p.settle(i, e.Points)
		p.say(i, func() string { return fmt.Sprintf("adjusted by %s: %+.2f (%s)", orSomeone(e.Actor), e.Points, e.Note) })
	}
}

// opened stakes a PR's size: a new PR, a push that resizes an open one,
// or a reopen of a concluded one (whose effect it replaces).
func (p *replayer) opened(i int) {
	e := &p.evs[i]
	stake := p.rules.Stake(e.Size)
	pr := p.prs[e.PR]
	switch {
	case pr == nil:
		pr = &prState{}
		p.prs[e.PR] = pr
		p.note(i, func() string { return fmt.Sprintf("opened: %d lines stake %.2f", e.Size, stake) })
	case pr.state == KindOpened:
		p.supersede(pr, "a push", e.Seq)
		p.note(i, func() string {
			return fmt.Sprintf("resized to %d lines: stake %.2f (was %.2f)", e.Size, stake, pr.stake)
		})
	default:
		p.supersede(pr, "a reopen", e.Seq)
		p.note(i, func() string {
			return fmt.Sprintf("reopened after %s: %d lines stake %.2f", pr.state, e.Size, stake)
		})
	}
	pr.state, pr.stake, pr.entry = KindOpened, stake, i
	p.x.Entries[i].Held = stake
}

// merged returns a PR's stake and pays the merge reward.
func (p *replayer) merged(i int) {
	pr := p.conclude(i, "the merge")
	if pr == nil {
		return
	}
	pr.state, pr.entry = KindMerged, i
	p.settle(i, p.rules.MergeReward)
	p.say(i, func() string {
		return fmt.Sprintf("merged: stake %.2f returned, reward %.2f", pr.stake, p.rules.MergeReward)
	})
}

// closed returns the part of a PR's stake its close reason allows.
func (p *replayer) closed(i int) {
	e := &p.evs[i]
	pr := p.conclude(i, "the close")
	if pr == nil {
		return
	}
	frac := 0.0
	switch e.Reason {
	case ReasonNotPlanned:
		frac = p.rules.NotPlanned
	case ReasonDuplicate, ReasonSuperseded:
		frac = p.rules.Duplicate
	}
	pr.state, pr.entry, pr.reason = KindClosed, i, e.Reason
	lost := round2(pr.stake * (1 - frac))
	p.settle(i, -lost)
	p.say(i, func() string {
		return fmt.Sprintf("closed as %s: %.0f%% of stake %.2f returned, %.2f lost", e.Reason, frac*100, pr.stake, lost)
	})
}

// reverted withdraws a merged PR's reward and takes part of its stake.
func (p *replayer) reverted(i int) {
	e := &p.evs[i]
	pr := p.prs[e.PR]
	if pr == nil || pr.state != KindMerged {
		p.note(i, func() string { return "ignored: the PR was not merged" })
		return
	}
	p.supersede(pr, "the revert", e.Seq)
	pr.state, pr.entry = KindReverted, i
	lost := round2(pr.stake * p.rules.RevertPenalty)
	p.settle(i, -lost)
	p.say(i, func() string {
		return fmt.Sprintf("reverted: reward withdrawn, %.0f%% of stake %.2f lost", p.rules.RevertPenalty*100, pr.stake)
	})
}

// conclude takes the PR of event i from open to merged or
// closed: it returns the PR's state to settle, or nil when the PR is
// already concluded and the event is ignored. A PR first seen concluded
// stakes its size as if it had been opened.
func (p *replayer) conclude(i int, by string) *prState {
	e := &p.evs[i]
	pr := p.prs[e.PR]
	if pr != nil && pr.state != KindOpened {
		p.note(i, func() string { return "ignored: the PR is already " + string(pr.state) })
		return nil
	}
	if pr == nil {
		pr = &prState{stake: p.rules.Stake(e.Size)}
		p.prs[e.PR] = pr
		return pr
	}
	p.supersede(pr, by, e.Seq)
	return pr
}

// supersede clears the effect of the PR's current entry, which event seq
// replaces, and says so in that entry's note.
func (p *replayer) supersede(pr *prState, by string, seq int64) {
	en := &p.x.Entries[pr.entry]
	en.Effect, en.Held = 0, 0
	if p.notes {
		en.Note += fmt.Sprintf("; replaced by %s (event %d)", by, seq)
	}
}

// decay is the factor by which an event at t has faded by now.
func (p *replayer) decay(t time.Time) float64 {
	r := p.rules
	if r.HalfLife < 0 || p.now.IsZero() || !p.now.After(t) {
		return 1
	}
	return math.Exp2(-float64(p.now.Sub(t)) / float64(r.HalfLife))
}

// settle sets entry i's effect, v decayed.
func (p *replayer) settle(i int, v float64) {
	p.x.Entries[i].Effect = v * p.decay(p.evs[i].Time)
}

// note sets entry i's note, when notes are wanted.
func (p *replayer) note(i int, note func() string) {
	if p.notes {
		p.x.Entries[i].Note = note()
	}
}

// say is note for an entry with an effect: it adds what is left after
// decay.
func (p *replayer) say(i int, note func() string) {
	if !p.notes {
		return
	}
	s := note()
	if v := p.x.Entries[i].Effect; v != 0 && p.decay(p.evs[i].Time) != 1 {
		s += fmt.Sprintf(", decayed to %.2f", v)
	}
	p.x.Entries[i].Note = s
}

// finish counts the PRs by state, sums the entries and appends the
// ignored duplicates.
func (p *replayer) finish(dups []Entry) Explanation {
	x := p.x
	b := &x.Balance
	b.Vouched, b.Denounced = p.lastJudgement == KindVouch, p.lastJudgement == KindDenounce
	for _, pr := range p.prs {
		switch pr.state {
		case KindOpened:
			b.Open++
		case KindMerged:
			b.Merged++
		case KindClosed:
			b.Closed++
			if pr.reason == ReasonSpam {
				b.Spam++
			}
		case KindReverted:
			b.Reverted++
		}
	}
	// Sum in entry order so the result does not depend on map order.
	for _, en := range x.Entries {
		b.Settled += en.Effect
		b.Held += en.Held
	}
	b.Settled, b.Held = round2(b.Settled), round2(b.Held)
	x.Entries = append(x.Entries, dups...)
	b.Events += len(dups)
	b.Points = round2(b.Grant + b.Settled - b.Held)
	return x
}

func orSomeone(actor string) string {
	if actor == "" {
		return "a maintainer"
	}
	return "@" + actor
}
