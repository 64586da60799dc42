package reputation_test

import (
	"context"
	"errors"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/heft-dev/heft/reputation"
)

var (
	t0  = time.Date(2026, 1, 10, 8, 0, 0, 0, time.UTC)
	sam = reputation.Subject{Forge: "github", Login: "sam"}
)

func at(h int) time.Time { return t0.Add(time.Duration(h) * time.Hour) }

func ev(h int, k reputation.Kind, pr string, size int) reputation.Event {
	return reputation.Event{Time: at(h), Subject: sam, Kind: k, PR: pr, Size: size}
}

func withID(e reputation.Event, id string) reputation.Event {
	e.ID = id
	return e
}

func closed(h int, pr string, r reputation.Reason) reputation.Event {
	e := ev(h, reputation.KindClosed, pr, 0)
	e.Reason = r
	return e
}

func TestStake(t *testing.T) {
	var r reputation.Rules
	tests := []struct {
		name string
		size int
		want float64
		why  string
	}{
		{"empty", 0, 0, "a PR with no reviewable lines stakes nothing"},
		{"negative", -5, 0, "a nonsense size stakes nothing rather than a negative amount"},
		{"ten-line fix", 10, 2.69, "next to nothing"},
		{"hundred lines", 100, 8.5, "a small feature: the grant covers three at once"},
		{"panel example", 3200, 48.08, "the 3,200-line PR of the scorer's summary"},
		{"five thousand", 5000, 60.1, "a lot, but sublinear"},
	}
	for _, tc := range tests {
		if got := r.Stake(tc.size); got != tc.want {
			t.Errorf("%s: Stake(%d) = %v, want %v (%s)", tc.name, tc.size, got, tc.want, tc.why)
		}
	}
	if r.Stake(5000) >= 2*r.Stake(1250)+0.01 || r.Stake(5000) <= r.Stake(1250) {
		t.Errorf("stake is not sublinear and increasing")
	}
	if r.Stake(50)*4 > reputation.DefaultGrant || r.Stake(100)*3 > reputation.DefaultGrant {
		t.Errorf("the grant does not cover four 50-line or three 100-line PRs at once")
	}
}

func TestReplay(t *testing.T) {
	var r reputation.Rules
	noDecay := reputation.Rules{HalfLife: -1}
	tests := []struct {
		name   string
		rules  reputation.Rules
		events []reputation.Event
		now    time.Time
		want   reputation.Balance // only the fields compared below
		why    string
	}{
		{"newcomer", r, nil, at(0), reputation.Balance{Points: 30}, "the grant alone"},
		{"open holds stake", r, []reputation.Event{ev(0, reputation.KindOpened, "a#1", 100)}, at(1),
			reputation.Balance{Points: 21.5, Held: 8.5, Open: 1}, "an open PR holds 8.5"},
		{"merge returns stake plus reward", noDecay, []reputation.Event{ev(0, reputation.KindOpened, "a#1", 100), ev(1, reputation.KindMerged, "a#1", 0)}, at(2),
			reputation.Balance{Points: 32, Settled: 2, Merged: 1}, "stake back, +2"},
		{"duplicate returns most", noDecay, []reputation.Event{ev(0, reputation.KindOpened, "a#1", 100), closed(1, "a#1", reputation.ReasonDuplicate)}, at(2),
			reputation.Balance{Points: 29.15, Settled: -0.85, Closed: 1}, "90% of 8.5 back"},
		{"superseded returns most", noDecay, []reputation.Event{ev(0, reputation.KindOpened, "a#1", 100), closed(1, "a#1", reputation.ReasonSuperseded)}, at(2),
			reputation.Balance{Points: 29.15, Settled: -0.85, Closed: 1}, "same as duplicate"},
		{"not planned returns half", noDecay, []reputation.Event{ev(0, reputation.KindOpened, "a#1", 100), closed(1, "a#1", reputation.ReasonNotPlanned)}, at(2),
			reputation.Balance{Points: 25.75, Settled: -4.25, Closed: 1}, "50% back"},
		{"spam forfeits", noDecay, []reputation.Event{ev(0, reputation.KindOpened, "a#1", 3200), closed(1, "a#1", reputation.ReasonSpam)}, at(2),
			reputation.Balance{Points: -18.08, Settled: -48.08, Closed: 1, Spam: 1}, "the whole stake is lost"},
		{"revert", noDecay, []reputation.Event{ev(0, reputation.KindOpened, "a#1", 100), ev(1, reputation.KindMerged, "a#1", 0), ev(2, reputation.KindReverted, "a#1", 0)}, at(3),
			reputation.Balance{Points: 25.75, Settled: -4.25, Reverted: 1}, "reward withdrawn, half the stake lost"},
		{"push resizes", noDecay, []reputation.Event{ev(0, reputation.KindOpened, "a#1", 100), ev(1, reputation.KindOpened, "a#1", 400)}, at(2),
			reputation.Balance{Points: 13, Held: 17, Open: 1}, "the stake follows the size"},
		{"reopen undoes the close", noDecay, []reputation.Event{ev(0, reputation.KindOpened, "a#1", 100), closed(1, "a#1", reputation.ReasonSpam), ev(2, reputation.KindOpened, "a#1", 100), ev(3, reputation.KindMerged, "a#1", 0)}, at(4),
			reputation.Balance{Points: 32, Settled: 2, Merged: 1}, "a wrongly closed PR that merges in the end costs nothing"},
		{"double merge ignored", noDecay, []reputation.Event{ev(0, reputation.KindOpened, "a#1", 100), ev(1, reputation.KindMerged, "a#1", 0), ev(2, reputation.KindMerged, "a#1", 0)}, at(3),
			reputation.Balance{Points: 32, Settled: 2, Merged: 1}, "a webhook delivered twice does not pay twice"},
		{"revert of unmerged ignored", noDecay, []reputation.Event{ev(0, reputation.KindOpened, "a#1", 100), ev(1, reputation.KindReverted, "a#1", 0)}, at(2),
			reputation.Balance{Points: 21.5, Held: 8.5, Open: 1}, "nothing to revert"},
		{"close after merge ignored", noDecay, []reputation.Event{ev(0, reputation.KindOpened, "a#1", 100), ev(1, reputation.KindMerged, "a#1", 0), closed(2, "a#1", reputation.ReasonSpam)}, at(3),
			reputation.Balance{Points: 32, Settled: 2, Merged: 1}, "a merged PR cannot be closed"},
		{"merge without open", noDecay, []reputation.Event{ev(1, reputation.KindMerged, "a#1", 100)}, at(2),
			reputation.Balance{Points: 32, Settled: 2, Merged: 1}, "a ledger started late still rewards the merge"},
		{"spam close without open uses its size", noDecay, []reputation.Event{func() reputation.Event { e := closed(1, "a#1", reputation.ReasonSpam); e.Size = 100; return e }()}, at(2),
			reputation.Balance{Points: 21.5, Settled: -8.5, Closed: 1, Spam: 1}, "the close carries the size the ledger missed"},
		{"out of order input", noDecay, []reputation.Event{ev(1, reputation.KindMerged, "a#1", 0), ev(0, reputation.KindOpened, "a#1", 100)}, at(2),
			reputation.Balance{Points: 32, Settled: 2, Merged: 1}, "events are applied in time order"},
		{"vouch and denounce", noDecay, []reputation.Event{{Time: at(0), Subject: sam, Kind: reputation.KindVouch, Actor: "m"}, {Time: at(1), Subject: sam, Kind: reputation.KindDenounce, Actor: "m"}}, at(2),
			reputation.Balance{Points: -15, Settled: -45, Vouches: 1, Denounces: 1, Denounced: true}, "the latest judgement is a denounce"},
		{"adjustment", noDecay, []reputation.Event{{Time: at(0), Subject: sam, Kind: reputation.KindAdjust, Points: -7.5, Note: "tooling noise", Actor: "m"}}, at(1),
			reputation.Balance{Points: 22.5, Settled: -7.5}, "points as given"},
		{"decay halves a spam loss after a half-life", r, []reputation.Event{ev(0, reputation.KindOpened, "a#1", 3200), closed(1, "a#1", reputation.ReasonSpam)}, at(1).Add(reputation.DefaultHalfLife),
			reputation.Balance{Points: 5.96, Settled: -24.04, Closed: 1, Spam: 1}, "one bad month does not follow someone for years"},
		{"decay does not touch open stakes", r, []reputation.Event{ev(0, reputation.KindOpened, "a#1", 3200)}, at(0).Add(10 * reputation.DefaultHalfLife),
			reputation.Balance{Points: -18.08, Held: 48.08, Open: 1}, "an open PR holds its full stake however old"},
		{"future events do not grow", r, []reputation.Event{ev(10, reputation.KindMerged, "a#1", 0)}, at(0),
			reputation.Balance{Points: 32, Settled: 2, Merged: 1}, "decay never exceeds 1"},
		{"other subjects skipped", r, []reputation.Event{{Time: at(0), Subject: reputation.Subject{Forge: "github", Login: "other"}, Kind: reputation.KindVouch}}, at(1),
			reputation.Balance{Points: 30}, "only the subject's events count"},
		{"redelivered open after merge", noDecay, []reputation.Event{withID(ev(0, reputation.KindOpened, "a#1", 100), "a#1:opened"), withID(ev(1, reputation.KindMerged, "a#1", 0), "a#1:merged"), withID(ev(0, reputation.KindOpened, "a#1", 100), "a#1:opened")}, at(2),
			reputation.Balance{Points: 32, Settled: 2, Merged: 1}, "a webhook redelivered after the merge is not a reopen: same ID, ignored"},
		{"same ID, different events", noDecay, []reputation.Event{withID(reputation.Event{Time: at(0), Subject: sam, Kind: reputation.KindVouch}, "x"), withID(reputation.Event{Time: at(1), Subject: sam, Kind: reputation.KindDenounce}, "x")}, at(2),
			reputation.Balance{Points: 45, Settled: 15, Vouches: 1, Vouched: true}, "the first event with an ID wins"},
		{"custom rules", reputation.Rules{Grant: 10, StakePerRoot: 1, NotPlanned: -1, HalfLife: -1}, []reputation.Event{ev(0, reputation.KindOpened, "a#1", 100), closed(1, "a#1", reputation.ReasonNotPlanned)}, at(2),
			reputation.Balance{Points: 0, Settled: -10, Closed: 1}, "a negative fraction means none of the stake comes back"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			x := tc.rules.Replay(sam, tc.events, tc.now)
			b := x.Balance
			got := reputation.Balance{Points: b.Points, Settled: b.Settled, Held: b.Held, Open: b.Open, Merged: b.Merged, Closed: b.Closed, Spam: b.Spam, Reverted: b.Reverted, Vouches: b.Vouches, Denounces: b.Denounces, Vouched: b.Vouched, Denounced: b.Denounced}
			if got != tc.want {
				t.Errorf("balance\n got %+v\nwant %+v\n(%s)", got, tc.want, tc.why)
				for _, e := range x.Entries {
					t.Logf("%+.2f held %.2f %s", e.Effect, e.Held, e.Note)
				}
			}
			if len(x.Entries) != b.Events {
				t.Errorf("%d entries for %d events", len(x.Entries), b.Events)
			}
			for _, e := range x.Entries {
				if e.Note == "" {
					t.Errorf("entry without a note: %+v", e.Event)
				}
			}
		})
	}
}

// TestReplayDeterministic replays a shuffled history many times: the
// balance depends on the events, not on the order a store returns them.
func TestReplayDeterministic(t *testing.T) {
	var r reputation.Rules
	var evs []reputation.Event
	for i := range 200 {
		pr := "a#" + string(rune('A'+i%26)) + string(rune('a'+i/26))
		evs = append(evs, ev(3*i, reputation.KindOpened, pr, 10+i*13%700))
		switch i % 4 {
		case 0:
			evs = append(evs, ev(3*i+1, reputation.KindMerged, pr, 0))
		case 1:
			evs = append(evs, closed(3*i+2, pr, reputation.ReasonSpam))
		case 2:
			evs = append(evs, closed(3*i+2, pr, reputation.ReasonDuplicate))
		}
	}
	for i := range evs {
		evs[i].Seq = int64(i + 1)
	}
	now := at(3 * 200 * 5)
	want := r.Replay(sam, evs, now)
	rng := rand.New(rand.NewPCG(1, 2))
	for range 20 {
		rng.Shuffle(len(evs), func(i, j int) { evs[i], evs[j] = evs[j], evs[i] })
		if got := r.Replay(sam, evs, now); got.Balance != want.Balance {
			t.Fatalf("shuffled: %+v, want %+v", got.Balance, want.Balance)
		}
	}
	if want.Balance.Merged != 50 || want.Balance.Spam != 50 || want.Balance.Open != 50 {
		t.Errorf("counts %+v", want.Balance)
	}
}

func TestRulesValidate(t *testing.T) {
	tests := []struct {
		name  string
		rules reputation.Rules
		ok    bool
	}{
		{"zero value is the default", reputation.Rules{}, true},
		{"fraction above one", reputation.Rules{Duplicate: 1.5}, false},
		{"NaN", reputation.Rules{Grant: math.NaN()}, false},
		{"huge", reputation.Rules{Vouch: 1e9}, false},
		{"negative means zero", reputation.Rules{MergeReward: -1}, true},
	}
	for _, tc := range tests {
		err := tc.rules.Validate()
		if (err == nil) != tc.ok || err != nil && !errors.Is(err, reputation.ErrInvalidConfig) {
			t.Errorf("%s: Validate() = %v, want ok=%v", tc.name, err, tc.ok)
		}
		if _, nerr := reputation.New(reputation.NewMemoryStore(), &reputation.Options{Rules: tc.rules}); (nerr == nil) != tc.ok {
			t.Errorf("%s: New() = %v, want ok=%v", tc.name, nerr, tc.ok)
		}
	}
}

func TestLedgerRecord(t *testing.T) {
	ctx := context.Background()
	l, _ := reputation.New(reputation.NewMemoryStore(), nil)
	e, err := l.Record(ctx, reputation.Event{Time: t0, Subject: reputation.Subject{Login: "@Sam "}, Kind: reputation.KindVouch, Actor: "lead"})
	if err != nil {
		t.Fatal(err)
	}
	if e.Subject != sam || e.Seq != 1 || e.Time.Location() != time.UTC {
		t.Errorf("recorded %+v, want subject normalized to %v, seq 1, time in UTC", e, sam)
	}
	paris := time.FixedZone("CET", 3600)
	e, err = l.Record(ctx, reputation.Event{Time: t0.In(paris), Subject: sam, Kind: reputation.KindVouch})
	if err != nil || !e.Time.Equal(t0) || e.Time.Location() != time.UTC {
		t.Errorf("recorded time %v (%v), want %v in UTC", e.Time, err, t0)
	}
	if _, err := l.Record(ctx, reputation.Event{Time: t0, Subject: sam, Kind: reputation.KindAttestation, Attestation: []byte(`{}`)}); !errors.Is(err, reputation.ErrInvalidEvent) {
		t.Errorf("recording an attestation directly: %v, want ErrInvalidEvent", err)
	}
	x, err := l.Explain(ctx, reputation.Subject{Login: "SAM"}, t0)
	if err != nil || x.Balance.Vouches != 2 || !strings.Contains(x.Entries[0].Note, "@lead") {
		t.Errorf("Explain: %+v, %v", x, err)
	}
	first, err := l.Record(ctx, withID(ev(0, reputation.KindOpened, "o/r#7", 50), "o/r#7:opened"))
	if err != nil {
		t.Fatal(err)
	}
	again, err := l.Record(ctx, withID(ev(5, reputation.KindOpened, "o/r#7", 50), "o/r#7:opened"))
	if !errors.Is(err, reputation.ErrDuplicate) || again.Seq != first.Seq {
		t.Errorf("recording an ID twice: %+v, %v; want the first event and ErrDuplicate", again, err)
	}
	if b, _ := l.Balance(ctx, sam, at(6)); b.Open != 1 || b.Events != 3 {
		t.Errorf("after a duplicate: %+v, want one open PR in three events", b)
	}
	if _, err := l.Balance(ctx, reputation.Subject{Login: "has space"}, t0); !errors.Is(err, reputation.ErrInvalidEvent) {
		t.Errorf("Balance of a malformed login: %v, want ErrInvalidEvent", err)
	}
}
