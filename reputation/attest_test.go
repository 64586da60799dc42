package reputation_test

import (
	"context"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/heft-dev/heft/reputation"
)

func testKey(name string) ed25519.PrivateKey {
	seed := sha256.Sum256([]byte("heft test key " + name))
	return ed25519.NewKeyFromSeed(seed[:])
}

func pub(k ed25519.PrivateKey) ed25519.PublicKey { return k.Public().(ed25519.PublicKey) }

var (
	upKey    = testKey("up")
	otherKey = testKey("other")
	now      = time.Date(2026, 7, 1, 12, 0, 0, 0, time.UTC)
	trust    = reputation.Trust{Issuers: []reputation.TrustedIssuer{
		{Name: "github.com/up/lib", PublicKey: pub(upKey), Weight: 0.5},
		{Name: "codeberg.org/other/tool", PublicKey: pub(otherKey)},
	}}
)

// issued returns a signed attestation, after changing a valid one with
// edit, signed with key.
func issued(t *testing.T, key ed25519.PrivateKey, edit func(a *reputation.Attestation)) []byte {
	t.Helper()
	a := reputation.Attestation{
		Issuer: "github.com/up/lib", Subject: sam,
		Merged: 12, Closed: 2, Balance: 52, Grant: 30,
		IssuedAt: now.Add(-time.Hour), ExpiresAt: now.Add(30 * 24 * time.Hour),
	}
	if edit != nil {
		edit(&a)
	}
	data, err := reputation.Sign(a, key)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// tamper decodes the envelope, lets f change its payload and signature,
// and encodes it again.
func tamper(t *testing.T, data []byte, f func(env map[string][]byte)) []byte {
	t.Helper()
	var env map[string][]byte
	if err := json.Unmarshal(data, &env); err != nil {
		t.Fatal(err)
	}
	f(env)
	out, _ := json.Marshal(env)
	return out
}

func TestVerify(t *testing.T) {
	good := issued(t, upKey, nil)
	if a, err := trust.Verify(good, now); err != nil || a.Merged != 12 || a.Subject != sam || len(a.ID) != 64 {
		t.Fatalf("Verify(good) = %+v, %v", a, err)
	}
	tests := []struct {
		name string
		data []byte
		at   time.Time
		want error
		why  string
	}{
		{"balance raised", tamper(t, good, func(env map[string][]byte) {
			env["payload"] = []byte(strings.Replace(string(env["payload"]), `"balance":52`, `"balance":99`, 1))
		}), now, reputation.ErrBadSignature, "the payload is signed byte for byte"},
		{"denounce dropped", tamper(t, issued(t, upKey, func(a *reputation.Attestation) { a.Denounced = true }), func(env map[string][]byte) {
			env["payload"] = []byte(strings.Replace(string(env["payload"]), `,"denounced":true`, ``, 1))
		}), now, reputation.ErrBadSignature, "removing a field is tampering too"},
		{"subject swapped", tamper(t, good, func(env map[string][]byte) {
			env["payload"] = []byte(strings.Replace(string(env["payload"]), `"login":"sam"`, `"login":"eve"`, 1))
		}), now, reputation.ErrBadSignature, "an attestation cannot be moved to someone else"},
		{"signature flipped", tamper(t, good, func(env map[string][]byte) { env["signature"][7] ^= 1 }), now, reputation.ErrBadSignature, "one bit"},
		{"signature truncated", tamper(t, good, func(env map[string][]byte) { env["signature"] = env["signature"][:40] }), now, reputation.ErrBadSignature, "wrong length"},
		{"signed by another trusted key", issued(t, otherKey, nil), now, reputation.ErrBadSignature, "the issuer named in the payload must have signed it"},
		{"unknown issuer", issued(t, otherKey, func(a *reputation.Attestation) { a.Issuer = "example.com/evil" }), now, reputation.ErrUnknownIssuer, "not in the trust list"},
		{"expired", good, now.Add(31 * 24 * time.Hour), reputation.ErrExpired, "past expires_at"},
		{"expires exactly now", good, now.Add(30 * 24 * time.Hour), reputation.ErrExpired, "expiry is exclusive"},
		{"future dated", issued(t, upKey, func(a *reputation.Attestation) {
			a.IssuedAt, a.ExpiresAt = now.Add(time.Hour), now.Add(48*time.Hour)
		}), now, reputation.ErrNotYetValid, "issued an hour from now, beyond the five-minute skew"},
		{"too long lived", issued(t, upKey, func(a *reputation.Attestation) { a.ExpiresAt = now.Add(400 * 24 * time.Hour) }), now, reputation.ErrMalformed, "validity beyond MaxValidity"},
		{"oversized", append(good, make([]byte, reputation.MaxAttestationBytes)...), now, reputation.ErrTooLarge, "rejected before parsing"},
		{"trailing data", append(append([]byte(nil), good...), `{}`...), now, reputation.ErrMalformed, "one JSON value only"},
		{"not JSON", []byte("-----BEGIN PGP SIGNATURE-----"), now, reputation.ErrMalformed, "garbage"},
		{"empty", nil, now, reputation.ErrMalformed, "nothing"},
		{"unknown envelope field", tamper(t, good, func(env map[string][]byte) { env["key"] = pub(upKey) }), now, reputation.ErrMalformed, "strict decoding"},
		{"payload not JSON", tamper(t, good, func(env map[string][]byte) { env["payload"] = []byte("hello") }), now, reputation.ErrMalformed, "decoded before the issuer is known"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := trust.Verify(tc.data, tc.at)
			var ae *reputation.AttestationError
			if !errors.Is(err, tc.want) || !errors.As(err, &ae) {
				t.Fatalf("Verify: %v, want an *AttestationError wrapping %v (%s)", err, tc.want, tc.why)
			}
		})
	}
	var nobody reputation.Trust
	if _, err := nobody.Verify(good, now); !errors.Is(err, reputation.ErrUnknownIssuer) {
		t.Errorf("the zero Trust accepted an attestation: %v", err)
	}
}

func TestSignRejects(t *testing.T) {
	bad := []struct {
		name string
		edit func(a *reputation.Attestation)
	}{
		{"no issuer", func(a *reputation.Attestation) { a.Issuer = "" }},
		{"expiry before issue", func(a *reputation.Attestation) { a.ExpiresAt = a.IssuedAt.Add(-time.Second) }},
		{"vouched and denounced", func(a *reputation.Attestation) { a.Vouched, a.Denounced = true, true }},
		{"negative count", func(a *reputation.Attestation) { a.Merged = -1 }},
	}
	for _, tc := range bad {
		a := reputation.Attestation{Issuer: "x", Subject: sam, IssuedAt: now, ExpiresAt: now.Add(time.Hour)}
		tc.edit(&a)
		if _, err := reputation.Sign(a, upKey); !errors.Is(err, reputation.ErrMalformed) && !errors.Is(err, reputation.ErrInvalidEvent) {
			t.Errorf("%s: Sign: %v, want an error", tc.name, err)
		}
	}
	if _, err := reputation.Sign(reputation.Attestation{Issuer: "x", Subject: sam, IssuedAt: now, ExpiresAt: now.Add(time.Hour)}, upKey[:10]); !errors.Is(err, reputation.ErrInvalidConfig) {
		t.Errorf("short key: %v", err)
	}
}

func TestTrustValidate(t *testing.T) {
	bad := []reputation.Trust{
		{Issuers: []reputation.TrustedIssuer{{Name: "a", PublicKey: pub(upKey)}, {Name: "a", PublicKey: pub(otherKey)}}},
		{Issuers: []reputation.TrustedIssuer{{Name: "a", PublicKey: pub(upKey)[:5]}}},
		{Issuers: []reputation.TrustedIssuer{{Name: "a", PublicKey: pub(upKey), Weight: 2}}},
		{Issuers: []reputation.TrustedIssuer{{Name: "", PublicKey: pub(upKey)}}},
	}
	for i, tr := range bad {
		if _, err := reputation.New(reputation.NewMemoryStore(), &reputation.Options{Trust: tr}); !errors.Is(err, reputation.ErrInvalidConfig) {
			t.Errorf("trust %d: %v, want ErrInvalidConfig", i, err)
		}
	}
}

// TestRoundTrip exports an attestation from one ledger and imports it into
// another over a file store, across a reopen.
func TestRoundTrip(t *testing.T) {
	ctx := context.Background()
	up, _ := reputation.New(reputation.NewMemoryStore(), nil)
	for i, e := range []reputation.Event{
		ev(0, reputation.KindOpened, "up#1", 300), ev(5, reputation.KindMerged, "up#1", 0),
		ev(6, reputation.KindOpened, "up#2", 30), closed(8, "up#2", reputation.ReasonDuplicate),
		{Time: at(9), Subject: sam, Kind: reputation.KindVouch, Actor: "lead"},
	} {
		if _, err := up.Record(ctx, e); err != nil {
			t.Fatal(i, err)
		}
	}
	signed, err := up.Attest(ctx, sam, "github.com/up/lib", upKey, at(10), 7*24*time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	path := t.TempDir() + "/down.jsonl"
	fs := openFile(t, path)
	down, _ := reputation.New(fs, &reputation.Options{Trust: trust})
	a, err := down.Import(ctx, signed, at(11))
	if err != nil {
		t.Fatal(err)
	}
	upBal, _ := up.Balance(ctx, sam, at(10))
	if a.Merged != 1 || a.Closed != 1 || !a.Vouched || a.Balance != upBal.Points || a.Grant != 30 {
		t.Errorf("attestation %+v does not match the issuer's balance %+v", a, upBal)
	}
	fs.Close()
	fs = openFile(t, path)
	defer fs.Close()
	down, _ = reputation.New(fs, &reputation.Options{Trust: trust})
	x, err := down.Explain(ctx, sam, at(12))
	if err != nil {
		t.Fatal(err)
	}
	// Half weight: earned (balance − grant) plus a vouch of 15.
	want := round2(0.5 * (a.Balance - a.Grant + 15))
	if x.Balance.Foreign != want || x.Balance.Imported != 1 || x.Balance.Points != round2(30+want) {
		t.Errorf("balance %+v, want foreign %v", x.Balance, want)
	}
	if !strings.Contains(x.Entries[0].Note, "attested by github.com/up/lib") {
		t.Errorf("explanation: %q", x.Entries[0].Note)
	}
	if _, err := down.Import(ctx, signed, at(12)); !errors.Is(err, reputation.ErrReplay) {
		t.Errorf("second import: %v, want ErrReplay", err)
	}
	older, _ := up.Attest(ctx, sam, "github.com/up/lib", upKey, at(9), 7*24*time.Hour)
	if _, err := down.Import(ctx, older, at(12)); !errors.Is(err, reputation.ErrReplay) {
		t.Errorf("import of an older attestation: %v, want ErrReplay", err)
	}
	newer, _ := up.Attest(ctx, sam, "github.com/up/lib", upKey, at(20), 7*24*time.Hour)
	if _, err := down.Import(ctx, newer, at(21)); err != nil {
		t.Errorf("import of a newer attestation: %v", err)
	}
	if x, _ := down.Explain(ctx, sam, at(22)); x.Balance.Imported != 1 || !strings.HasPrefix(x.Entries[0].Note, "not counted: a newer") {
		t.Errorf("after a newer import: %+v %q", x.Balance, x.Entries[0].Note)
	}
	// Expired at the time asked: no longer counted, and said so.
	if x, _ := down.Explain(ctx, sam, at(22).Add(8*24*time.Hour)); x.Balance.Foreign != 0 || !strings.Contains(x.Entries[1].Note, "expired") {
		t.Errorf("after expiry: %+v %q", x.Balance, x.Entries[1].Note)
	}
	// An issuer no longer trusted stops counting.
	distrust, _ := reputation.New(fs, nil)
	if b, _ := distrust.Balance(ctx, sam, at(22)); b.Foreign != 0 || b.Points != 30 {
		t.Errorf("with no trust: %+v", b)
	}
}

func round2(v float64) float64 {
	return float64(int64(v*100+0.5*sign(v))) / 100
}

func sign(v float64) float64 {
	if v < 0 {
		return -1
	}
	return 1
}

// TestCombiningPolicy checks the policy documented on Trust.
func TestCombiningPolicy(t *testing.T) {
	ctx := context.Background()
	att := func(key ed25519.PrivateKey, issuer string, edit func(a *reputation.Attestation)) []byte {
		return issued(t, key, func(a *reputation.Attestation) {
			a.Issuer = issuer
			if edit != nil {
				edit(a)
			}
		})
	}
	up, other := "github.com/up/lib", "codeberg.org/other/tool"
	tests := []struct {
		name    string
		local   []reputation.Event
		import_ [][]byte
		want    float64
		why     string
	}{
		{"credit at weight", nil, [][]byte{att(upKey, up, nil)}, 11, "0.5·(52−30)"},
		{"credit capped", nil, [][]byte{att(otherKey, other, func(a *reputation.Attestation) { a.Balance = 500 })}, 20, "foreign credit never exceeds MaxCredit"},
		{"negative credit counts", nil, [][]byte{att(otherKey, other, func(a *reputation.Attestation) { a.Balance = 10 })}, -20, "a bad record elsewhere lowers the balance, capped too"},
		{"vouch adds", nil, [][]byte{att(otherKey, other, func(a *reputation.Attestation) { a.Balance, a.Vouched = 30, true })}, 15, "weight 1 vouch"},
		{"trusted denounce beats vouch", nil, [][]byte{
			att(otherKey, other, func(a *reputation.Attestation) { a.Balance, a.Vouched = 100, true }),
			att(upKey, up, func(a *reputation.Attestation) { a.Denounced = true }),
		}, -10, "−MaxCredit·0.5: the denouncing issuer's weight"},
		{"local vouch wins over foreign denounce", []reputation.Event{{Time: at(0), Subject: sam, Kind: reputation.KindVouch, Actor: "lead"}}, [][]byte{
			att(upKey, up, func(a *reputation.Attestation) { a.Denounced = true }),
		}, 11, "the local judgement decides; the foreign credit still counts"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			l, _ := reputation.New(reputation.NewMemoryStore(), &reputation.Options{Trust: trust, Rules: reputation.Rules{HalfLife: -1}})
			for _, e := range tc.local {
				l.Record(ctx, e)
			}
			for _, data := range tc.import_ {
				if _, err := l.Import(ctx, data, now); err != nil {
					t.Fatal(err)
				}
			}
			x, err := l.Explain(ctx, sam, now)
			if err != nil {
				t.Fatal(err)
			}
			if x.Balance.Foreign != tc.want {
				t.Errorf("foreign %v, want %v (%s)", x.Balance.Foreign, tc.want, tc.why)
				for _, e := range x.Entries {
					t.Logf("%+.2f %s", e.Effect, e.Note)
				}
			}
			sum := 0.0
			for _, e := range x.Entries {
				if e.Event.Kind == reputation.KindAttestation {
					sum += e.Effect
				}
			}
			if round2(sum) != tc.want {
				t.Errorf("attestation entries sum to %v, balance says %v", sum, tc.want)
			}
		})
	}
}

// TestStoredAttestationReverified: an attestation written into a store
// behind Import's back (an edited ledger, a tampered database row) is
// verified again whenever a balance counts it.
func TestStoredAttestationReverified(t *testing.T) {
	ctx := context.Background()
	store := reputation.NewMemoryStore()
	l, _ := reputation.New(store, &reputation.Options{Trust: trust})
	forged := tamper(t, issued(t, upKey, nil), func(env map[string][]byte) {
		env["payload"] = []byte(strings.Replace(string(env["payload"]), `"balance":52`, `"balance":900`, 1))
	})
	if _, err := store.Append(ctx, reputation.Event{Time: now, Subject: sam, Kind: reputation.KindAttestation, Actor: "github.com/up/lib", Attestation: forged}); err != nil {
		t.Fatal(err)
	}
	x, err := l.Explain(ctx, sam, now)
	if err != nil {
		t.Fatal(err)
	}
	if x.Balance.Foreign != 0 || x.Balance.Points != 30 || !strings.Contains(x.Entries[0].Note, "bad attestation signature") {
		t.Errorf("a forged stored attestation counted: %+v %q", x.Balance, x.Entries[0].Note)
	}
	if b, _ := l.Balance(ctx, sam, now); b != x.Balance {
		t.Errorf("Balance %+v, Explain %+v", b, x.Balance)
	}
}
