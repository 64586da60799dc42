package reputation

import (
	"bytes"
	"cmp"
	"context"
	"crypto/ed25519"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"time"
)

// Options configure a Ledger. The zero value (or nil) is the default rule
// set trusting no other project.
type Options struct {
	Rules Rules `json:"rules"`
	Trust Trust `json:"trust"`
}

// Ledger records contributors' events in a Store and derives balances
// from them with its Rules. It holds no state of its own beyond its
// configuration: every balance is recomputed from the store, so it is
// always explainable and several processes can share one store.
//
// A Ledger is safe for concurrent use if its Store is.
type Ledger struct {
	store Store
	rules Rules
	trust Trust
}

// New returns a ledger over store. It fails with ErrInvalidConfig when
// the options are out of range.
func New(store Store, opts *Options) (*Ledger, error) {
	if store == nil {
		return nil, fmt.Errorf("%w: nil store", ErrInvalidConfig)
	}
	var o Options
	if opts != nil {
		o = *opts
	}
	if err := o.Rules.Validate(); err != nil {
		return nil, err
	}
	if err := o.Trust.Validate(); err != nil {
		return nil, err
	}
	o.Trust.Issuers = slices.Clone(o.Trust.Issuers)
	return &Ledger{store: store, rules: o.Rules.withDefaults(), trust: o.Trust.withDefaults()}, nil
}

// Rules returns the ledger's rules with defaults filled in.
func (l *Ledger) Rules() Rules { return l.rules }

// Stake is what a PR of size reviewable lines stakes under the ledger's
// rules.
func (l *Ledger) Stake(size int) float64 { return l.rules.Stake(size) }

// Record normalizes e's subject and time (to UTC), validates e and
// appends it to the store, returning it with its Seq set. An event whose
// ID the subject's events already have is not recorded: Record returns
// the recorded one and an error wrapping ErrDuplicate. (Two processes
// recording the same ID at the same moment may both append it; balances
// count it once.) Attestations are recorded with Import,
// which verifies them.
func (l *Ledger) Record(ctx context.Context, e Event) (Event, error) {
	if e.Kind == KindAttestation {
		return Event{}, fmt.Errorf("%w: record attestations with Import", ErrInvalidEvent)
	}
	e.Subject = e.Subject.Normalize()
	e.Time = e.Time.UTC() // one zone in the ledger, and no monotonic reading
	if e.ID != "" {
		evs, err := l.store.Events(ctx, e.Subject)
		if err != nil {
			return Event{}, err
		}
		for _, prev := range evs {
			if prev.ID == e.ID {
				return prev, fmt.Errorf("%w: id %q is event %d", ErrDuplicate, e.ID, prev.Seq)
			}
		}
	}
	return l.store.Append(ctx, e)
}

// Balance returns the subject's balance at time now. A subject the ledger
// has never seen has the newcomer grant.
func (l *Ledger) Balance(ctx context.Context, s Subject, now time.Time) (Balance, error) {
	x, err := l.explain(ctx, s, now, false)
	return x.Balance, err
}

// Explain returns the subject's balance at time now with every event
// behind it and what each does; see Rules for the local rules and Trust
// for how imported attestations combine with them.
func (l *Ledger) Explain(ctx context.Context, s Subject, now time.Time) (Explanation, error) {
	return l.explain(ctx, s, now, true)
}

func (l *Ledger) explain(ctx context.Context, s Subject, now time.Time, notes bool) (Explanation, error) {
	s = s.Normalize()
	if err := s.Validate(); err != nil {
		return Explanation{}, err
	}
	evs, err := l.store.Events(ctx, s)
	if err != nil {
		return Explanation{}, err
	}
	x := l.rules.replay(s, evs, now, notes)
	l.foreign(&x, evs, now)
	return x, nil
}

// foreign folds the subject's imported attestations into x by the policy
// documented on Trust.
func (l *Ledger) foreign(x *Explanation, evs []Event, now time.Time) {
	type counted struct {
		a      Attestation
		weight float64
		entry  int
	}
	latest := map[string]*counted{}
	for _, e := range evs {
		if e.Kind != KindAttestation {
			continue
		}
		x.Balance.Events++
		x.Entries = append(x.Entries, Entry{Event: e})
		en := &x.Entries[len(x.Entries)-1]
		a, err := l.trust.Verify(e.Attestation, now)
		if err != nil {
			en.Note = "not counted: " + err.Error()
			continue
		}
		is, _ := l.trust.issuer(a.Issuer)
		if a.Subject != x.Balance.Subject {
			en.Note = "not counted: the attestation is about " + a.Subject.String()
			continue
		}
		if prev := latest[a.Issuer]; prev != nil {
			if c := a.IssuedAt.Compare(prev.a.IssuedAt); c < 0 || c == 0 && a.ID <= prev.a.ID {
				en.Note = "not counted: a newer attestation from " + a.Issuer + " counts"
				continue
			}
			x.Entries[prev.entry].Note = "not counted: a newer attestation from " + a.Issuer + " counts"
		}
		latest[a.Issuer] = &counted{a: a, weight: is.Weight, entry: len(x.Entries) - 1}
	}
	if len(latest) == 0 {
		return
	}
	// Iterate in entry order for a deterministic sum.
	cs := make([]*counted, 0, len(latest))
	for _, c := range latest {
		cs = append(cs, c)
	}
	slices.SortFunc(cs, func(a, b *counted) int { return cmp.Compare(a.entry, b.entry) })

	b := &x.Balance
	localJudgement := b.Vouches+b.Denounces > 0
	denounceWeight := 0.0
	if !localJudgement {
		for _, c := range cs {
			if c.a.Denounced {
				denounceWeight = math.Max(denounceWeight, c.weight)
			}
		}
	}
	max := l.trust.MaxCredit
	if denounceWeight > 0 {
		b.ForeignBad = true
		b.Foreign = round2(-max * denounceWeight)
		for _, c := range cs {
			en := &x.Entries[c.entry]
			if c.a.Denounced && c.weight == denounceWeight && en.Effect == 0 && b.Imported == 0 {
				en.Effect = b.Foreign
				en.Note = fmt.Sprintf("denounced at %s (weight %.2f): a trusted denounce wins, foreign credit %.2f", c.a.Issuer, c.weight, b.Foreign)
				b.Imported++
				continue
			}
			en.Note = fmt.Sprintf("not counted: a trusted denounce wins over %s's record", c.a.Issuer)
		}
		b.Points = round2(b.Grant + b.Settled + b.Foreign - b.Held)
		return
	}
	total := 0.0
	for _, c := range cs {
		v := c.weight * (c.a.Balance - c.a.Grant)
		note := fmt.Sprintf("attested by %s (weight %.2f): %d merged, %d closed, earned %.2f", c.a.Issuer, c.weight, c.a.Merged, c.a.Closed, c.a.Balance-c.a.Grant)
		switch {
		case (c.a.Vouched || c.a.Denounced) && localJudgement:
			note += "; its vouch or denounce is ignored: the local ledger has its own"
		case c.a.Vouched:
			v += c.weight * l.rules.Vouch
			note += fmt.Sprintf("; vouched +%.2f", c.weight*l.rules.Vouch)
		}
		x.Entries[c.entry].Effect = v
		x.Entries[c.entry].Note = note
		total += v
		b.Imported++
	}
	capped := math.Max(-max, math.Min(max, total))
	if capped != total {
		scale := 0.0
		if total != 0 {
			scale = capped / total
		}
		for _, c := range cs {
			en := &x.Entries[c.entry]
			en.Effect *= scale
			en.Note += fmt.Sprintf("; foreign total %.2f capped at %.2f", total, capped)
		}
	}
	b.Foreign = round2(capped)
	b.Points = round2(b.Grant + b.Settled + b.Foreign - b.Held)
}

// Attest returns a signed attestation of the subject's local record at
// time now, valid for ttl, issued as issuer with key. Imported
// attestations are not included: a project vouches only for what it saw.
func (l *Ledger) Attest(ctx context.Context, s Subject, issuer string, key ed25519.PrivateKey, now time.Time, ttl time.Duration) ([]byte, error) {
	s = s.Normalize()
	if err := s.Validate(); err != nil {
		return nil, err
	}
	if ttl <= 0 {
		return nil, fmt.Errorf("%w: attestation ttl %s", ErrInvalidConfig, ttl)
	}
	evs, err := l.store.Events(ctx, s)
	if err != nil {
		return nil, err
	}
	b := l.rules.replay(s, evs, now, false).Balance
	return Sign(Attestation{
		Issuer: issuer, Subject: s,
		Merged: b.Merged, Closed: b.Closed, Spam: b.Spam, Reverted: b.Reverted,
		Balance: b.Points, Grant: b.Grant,
		Vouched: b.Vouched, Denounced: b.Denounced,
		IssuedAt: now.UTC(), ExpiresAt: now.Add(ttl).UTC(),
	}, key)
}

// Import verifies a signed attestation at time now with the ledger's
// Trust and records it, so that the subject's balance counts it. Besides
// what Verify rejects, Import rejects with ErrReplay an attestation
// already imported, or not newer than one imported from the same issuer
// about the same subject. (Two processes importing the same attestation
// at the same moment may both record it; balances count it once.)
func (l *Ledger) Import(ctx context.Context, data []byte, now time.Time) (Attestation, error) {
	a, err := l.trust.Verify(data, now)
	if err != nil {
		return Attestation{}, err
	}
	evs, err := l.store.Events(ctx, a.Subject)
	if err != nil {
		return Attestation{}, err
	}
	for _, e := range evs {
		if e.Kind != KindAttestation {
			continue
		}
		_, _, prev, err := parseAttestation(e.Attestation)
		if err != nil || prev.Issuer != a.Issuer {
			continue
		}
		if prev.ID == a.ID {
			return Attestation{}, &AttestationError{Issuer: a.Issuer, Subject: a.Subject, Err: fmt.Errorf("%w: imported as event %d", ErrReplay, e.Seq)}
		}
		if !a.IssuedAt.After(prev.IssuedAt) {
			return Attestation{}, &AttestationError{Issuer: a.Issuer, Subject: a.Subject, Err: fmt.Errorf("%w: event %d holds one issued %s", ErrReplay, e.Seq, prev.IssuedAt.UTC().Format(time.RFC3339))}
		}
	}
	var raw bytes.Buffer
	if err := json.Compact(&raw, data); err != nil {
		return Attestation{}, &AttestationError{Issuer: a.Issuer, Subject: a.Subject, Err: fmt.Errorf("%w: %v", ErrMalformed, err)}
	}
	_, err = l.store.Append(ctx, Event{
		Time: now.UTC(), Subject: a.Subject, Kind: KindAttestation,
		Actor: a.Issuer, Note: "imported from " + a.Issuer, Attestation: raw.Bytes(),
	})
	if err != nil {
		return Attestation{}, err
	}
	return a, nil
}
