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
// balance lookup needs the numbers, not the words.
func (r Rules) replay(s Subject, events []Event, now time.Time, notes bool) Explanation {
	r = r.withDefaults()
	s = s.Normalize()
	evs := make([]Event, 0, len(events))
	var dups []Entry // events whose ID an earlier event has
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
	x := Explanation{Balance: Balance{Subject: s, Grant: r.Grant, Events: len(evs)}, Entries: make([]Entry, len(evs))}
	prs := map[string]*prState{}
	decay := func(t time.Time) float64 {
		if r.HalfLife < 0 || now.IsZero() || !now.After(t) {
			return 1
		}
		return math.Exp2(-float64(now.Sub(t)) / float64(r.HalfLife))
	}
	// settle sets entry i's decayed effect; with notes, say sets its note
	// (and says how much is left after decay).
	settle := func(i int, v float64) {
		x.Entries[i].Effect = v * decay(evs[i].Time)
	}
	say := func(i int, note string) {
		if v := x.Entries[i].Effect; v != 0 && decay(evs[i].Time) != 1 {
			note += fmt.Sprintf(", decayed to %.2f", v)
		}
		x.Entries[i].Note = note
	}
	supersede := func(p *prState) {
		e := &x.Entries[p.entry]
		e.Effect, e.Held = 0, 0
	}
	replaced := func(p *prState, by string, seq int64) {
		x.Entries[p.entry].Note += fmt.Sprintf("; replaced by %s (event %d)", by, seq)
	}
	// conclude takes the PR of event e (entry i) from open to merged or
	// closed: it returns the PR's state to settle, or nil when the PR is
	// already concluded and the event is ignored. A PR first seen
	// concluded stakes its size as if it had been opened.
	conclude := func(i int, e Event, p *prState, by string) *prState {
		if p != nil && p.state != KindOpened {
			if notes {
				x.Entries[i].Note = "ignored: the PR is already " + string(p.state)
			}
			return nil
		}
		if p == nil {
			p = &prState{stake: r.Stake(e.Size)}
			prs[e.PR] = p
			return p
		}
		supersede(p)
		if notes {
			replaced(p, by, e.Seq)
		}
		return p
	}
	lastJudgement := Kind("")
	for i, e := range evs {
		x.Entries[i].Event = e
		p := prs[e.PR]
		switch e.Kind {
		case KindOpened:
			stake := r.Stake(e.Size)
			switch {
			case p == nil:
				p = &prState{}
				prs[e.PR] = p
				if notes {
					x.Entries[i].Note = fmt.Sprintf("opened: %d lines stake %.2f", e.Size, stake)
				}
			case p.state == KindOpened:
				supersede(p)
				if notes {
					replaced(p, "a push", e.Seq)
					x.Entries[i].Note = fmt.Sprintf("resized to %d lines: stake %.2f (was %.2f)", e.Size, stake, p.stake)
				}
			default:
				supersede(p)
				if notes {
					replaced(p, "a reopen", e.Seq)
					x.Entries[i].Note = fmt.Sprintf("reopened after %s: %d lines stake %.2f", p.state, e.Size, stake)
				}
			}
			p.state, p.stake, p.entry = KindOpened, stake, i
			x.Entries[i].Held = stake
		case KindMerged:
			if p = conclude(i, e, p, "the merge"); p == nil {
				continue
			}
			p.state, p.entry = KindMerged, i
			settle(i, r.MergeReward)
			if notes {
				say(i, fmt.Sprintf("merged: stake %.2f returned, reward %.2f", p.stake, r.MergeReward))
			}
		case KindClosed:
			if p = conclude(i, e, p, "the close"); p == nil {
				continue
			}
			frac := 0.0
			switch e.Reason {
			case ReasonNotPlanned:
				frac = r.NotPlanned
			case ReasonDuplicate, ReasonSuperseded:
				frac = r.Duplicate
			}
			p.state, p.entry, p.reason = KindClosed, i, e.Reason
			lost := round2(p.stake * (1 - frac))
			settle(i, -lost)
			if notes {
				say(i, fmt.Sprintf("closed as %s: %.0f%% of stake %.2f returned, %.2f lost", e.Reason, frac*100, p.stake, lost))
			}
		case KindReverted:
			if p == nil || p.state != KindMerged {
				if notes {
					x.Entries[i].Note = "ignored: the PR was not merged"
				}
				continue
			}
			supersede(p)
			if notes {
				replaced(p, "the revert", e.Seq)
			}
			p.state, p.entry = KindReverted, i
			lost := round2(p.stake * r.RevertPenalty)
			settle(i, -lost)
			if notes {
				say(i, fmt.Sprintf("reverted: reward withdrawn, %.0f%% of stake %.2f lost", r.RevertPenalty*100, p.stake))
			}
		case KindVouch:
			x.Balance.Vouches++
			lastJudgement = KindVouch
			settle(i, r.Vouch)
			if notes {
				say(i, fmt.Sprintf("vouched for by %s: +%.2f", orSomeone(e.Actor), r.Vouch))
			}
		case KindDenounce:
			x.Balance.Denounces++
			lastJudgement = KindDenounce
			settle(i, -r.Denounce)
			if notes {
				say(i, fmt.Sprintf("denounced by %s: −%.2f", orSomeone(e.Actor), r.Denounce))
			}
		case KindAdjust:
			settle(i, e.Points)
			if notes {
				say(i, fmt.Sprintf("adjusted by %s: %+.2f (%s)", orSomeone(e.Actor), e.Points, e.Note))
			}
		}
	}
	b := &x.Balance
	b.Vouched, b.Denounced = lastJudgement == KindVouch, lastJudgement == KindDenounce
	for _, p := range prs {
		switch p.state {
		case KindOpened:
			b.Open++
		case KindMerged:
			b.Merged++
		case KindClosed:
			b.Closed++
			if p.reason == ReasonSpam {
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
