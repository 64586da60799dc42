package reputation

import (
	"bytes"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"time"
)

// AttestationVersion is the version of the attestation format this
// package writes and reads.
const AttestationVersion = 1

// MaxAttestationBytes bounds a signed attestation; larger input is
// rejected with ErrTooLarge before it is parsed.
const MaxAttestationBytes = 16 << 10

// Default Trust values.
const (
	DefaultMaxCredit   = 20.0
	DefaultMaxSkew     = 5 * time.Minute
	DefaultMaxValidity = 90 * 24 * time.Hour
)

// signingContext is prepended to the payload before signing, so that an
// attestation signature can never be mistaken for a signature over
// anything else made with the same key.
const signingContext = "heft-attestation-v1\n"

// Errors of attestation verification and import, wrapped in an
// *AttestationError.
var (
	ErrBadSignature  = errors.New("reputation: bad attestation signature")
	ErrUnknownIssuer = errors.New("reputation: attestation from an untrusted issuer")
	ErrExpired       = errors.New("reputation: attestation expired")
	ErrNotYetValid   = errors.New("reputation: attestation issued in the future")
	ErrReplay        = errors.New("reputation: attestation already imported or superseded")
)

// Attestation is one project's signed statement about a contributor's
// record there: counts of PRs, the balance, whether its maintainers vouch
// for or denounce the subject, and how long the statement holds.
//
// Ledger.Attest makes one; Trust.Verify checks one; Ledger.Import records
// a verified one so that balances can count it.
type Attestation struct {
	Version int     `json:"v"`
	Issuer  string  `json:"issuer"` // the issuing project, as named in the importer's Trust
	Subject Subject `json:"subject"`

	Merged   int `json:"merged"`
	Closed   int `json:"closed"`
	Spam     int `json:"spam"`
	Reverted int `json:"reverted"`

	// Balance is the subject's local balance at the issuer (attestations
	// the issuer imported are not included); Grant is the issuer's
	// newcomer grant, so Balance − Grant is what the subject earned there.
	Balance float64 `json:"balance"`
	Grant   float64 `json:"grant"`

	Vouched   bool `json:"vouched,omitempty"`
	Denounced bool `json:"denounced,omitempty"`

	IssuedAt  time.Time `json:"issued_at"`
	ExpiresAt time.Time `json:"expires_at"`

	// ID is the hex SHA-256 of the signed payload, set by Verify; it is
	// not part of the payload.
	ID string `json:"-"`
}

// AttestationError is the error Verify and Import return: which
// attestation (when it could be read) and why it was rejected.
type AttestationError struct {
	Issuer  string
	Subject Subject
	Err     error
}

// Error names the attestation, when known, and the reason.
func (e *AttestationError) Error() string {
	if e.Issuer == "" {
		return "reputation: attestation: " + inner(e.Err)
	}
	return fmt.Sprintf("reputation: attestation from %s about %s: %s", e.Issuer, e.Subject, inner(e.Err))
}

// Unwrap returns the reason.
func (e *AttestationError) Unwrap() error { return e.Err }

// envelope is the signed form: the payload bytes exactly as signed.
type envelope struct {
	Payload   []byte `json:"payload"`
	Signature []byte `json:"signature"`
}

func (a *Attestation) validate() error {
	if a.Version != AttestationVersion {
		return fmt.Errorf("%w: version %d, want %d", ErrMalformed, a.Version, AttestationVersion)
	}
	if err := checkName("issuer", a.Issuer); err != nil {
		return err
	}
	if err := a.Subject.Validate(); err != nil {
		return err
	}
	for _, n := range [...]int{a.Merged, a.Closed, a.Spam, a.Reverted} {
		if n < 0 || n > MaxSize {
			return fmt.Errorf("%w: count %d out of range", ErrMalformed, n)
		}
	}
	for _, v := range [...]float64{a.Balance, a.Grant} {
		if math.IsNaN(v) || math.IsInf(v, 0) || math.Abs(v) > MaxPoints {
			return fmt.Errorf("%w: amount %v out of range", ErrMalformed, v)
		}
	}
	if a.Vouched && a.Denounced {
		return fmt.Errorf("%w: both vouched and denounced", ErrMalformed)
	}
	if a.IssuedAt.IsZero() || !a.ExpiresAt.After(a.IssuedAt) {
		return fmt.Errorf("%w: expires_at must be after issued_at", ErrMalformed)
	}
	return nil
}

// Sign validates a and signs it with key, returning the attestation as a
// JSON document to hand to other projects.
func Sign(a Attestation, key ed25519.PrivateKey) ([]byte, error) {
	a.Version = AttestationVersion
	a.Subject = a.Subject.Normalize()
	if err := a.validate(); err != nil {
		return nil, &AttestationError{Issuer: a.Issuer, Subject: a.Subject, Err: err}
	}
	if len(key) != ed25519.PrivateKeySize {
		return nil, fmt.Errorf("%w: private key of %d bytes", ErrInvalidConfig, len(key))
	}
	payload, err := json.Marshal(a)
	if err != nil {
		return nil, err
	}
	sig := ed25519.Sign(key, append([]byte(signingContext), payload...))
	return json.Marshal(envelope{Payload: payload, Signature: sig})
}

// parseAttestation decodes a signed attestation without checking its
// signature or times: it returns the payload as signed, the signature and
// the decoded attestation with its ID set.
func parseAttestation(data []byte) (payload, sig []byte, a Attestation, err error) {
	if len(data) > MaxAttestationBytes {
		return nil, nil, a, fmt.Errorf("%w: attestation of %d bytes, limit %d", ErrTooLarge, len(data), MaxAttestationBytes)
	}
	var env envelope
	if err := strictUnmarshal(data, &env); err != nil {
		return nil, nil, a, err
	}
	if len(env.Signature) != ed25519.SignatureSize {
		return nil, nil, a, fmt.Errorf("%w: signature of %d bytes", ErrBadSignature, len(env.Signature))
	}
	if err := strictUnmarshal(env.Payload, &a); err != nil {
		return nil, nil, Attestation{}, fmt.Errorf("payload: %w", err)
	}
	sum := sha256.Sum256(env.Payload)
	a.ID = hex.EncodeToString(sum[:])
	return env.Payload, env.Signature, a, nil
}

func strictUnmarshal(data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return fmt.Errorf("%w: %v", ErrMalformed, err)
	}
	if _, err := dec.Token(); err == nil {
		return fmt.Errorf("%w: data after the JSON value", ErrMalformed)
	}
	return nil
}

// TrustedIssuer is a project whose attestations a ledger accepts.
type TrustedIssuer struct {
	// Name is the issuer's name as it signs it, such as
	// "github.com/heft-dev/heft".
	Name string `json:"name"`

	// PublicKey is the issuer's Ed25519 public key (base64 in JSON).
	PublicKey ed25519.PublicKey `json:"public_key"`

	// Weight scales what the issuer's attestations count, in (0, 1].
	// Default 1.
	Weight float64 `json:"weight,omitempty"`
}

// Trust is the importing side of federation: whose attestations count and
// how much.
//
// The combining policy, applied by Ledger.Explain and Ledger.Balance:
//
//   - Only the newest attestation per issuer counts, and only while it
//     verifies at the time asked about (trusted issuer, good signature,
//     not expired).
//   - Each counts Weight·(Balance − Grant): what the subject earned at
//     the issuer, positive or negative, without the issuer's grant.
//   - A vouch counts Weight·Rules.Vouch.
//   - A trusted denounce wins over any vouch: if one counted attestation
//     carries a denounce, no foreign credit or vouch counts and Foreign
//     is −MaxCredit·(the largest weight among the denouncing issuers).
//   - The local ledger wins: when it has a vouch or denounce of its own,
//     foreign vouches and denounces are ignored (foreign credit still
//     counts); and foreign credit never changes local counts.
//   - Foreign credit is capped: the total is clamped to
//     [−MaxCredit, MaxCredit], entries scaled to match.
//
// The zero Trust trusts nobody.
type Trust struct {
	Issuers []TrustedIssuer `json:"issuers,omitempty"`

	// MaxCredit caps the foreign total either way. Default
	// DefaultMaxCredit (20); negative means foreign credit never counts.
	MaxCredit float64 `json:"max_credit,omitempty"`

	// MaxSkew is how far in the future an attestation's issue time may
	// be, for clocks that disagree. Default DefaultMaxSkew (5 minutes).
	MaxSkew time.Duration `json:"max_skew,omitempty"`

	// MaxValidity is the longest an attestation may be valid from issue
	// to expiry; longer ones are rejected. Default DefaultMaxValidity (90
	// days).
	MaxValidity time.Duration `json:"max_validity,omitempty"`
}

func (t Trust) withDefaults() Trust {
	switch {
	case t.MaxCredit == 0:
		t.MaxCredit = DefaultMaxCredit
	case t.MaxCredit < 0:
		t.MaxCredit = 0
	}
	if t.MaxSkew <= 0 {
		t.MaxSkew = DefaultMaxSkew
	}
	if t.MaxValidity <= 0 {
		t.MaxValidity = DefaultMaxValidity
	}
	return t
}

// Validate reports whether the trust configuration is usable: issuer
// names present and unique, keys of the right size, weights in [0, 1].
func (t Trust) Validate() error {
	seen := map[string]bool{}
	for i, is := range t.Issuers {
		if err := checkName("issuer", is.Name); err != nil {
			return fmt.Errorf("%w: trust: issuer %d: %v", ErrInvalidConfig, i, err)
		}
		if seen[is.Name] {
			return fmt.Errorf("%w: trust: issuer %q listed twice", ErrInvalidConfig, is.Name)
		}
		seen[is.Name] = true
		if len(is.PublicKey) != ed25519.PublicKeySize {
			return fmt.Errorf("%w: trust: issuer %q: public key of %d bytes, want %d", ErrInvalidConfig, is.Name, len(is.PublicKey), ed25519.PublicKeySize)
		}
		if math.IsNaN(is.Weight) || is.Weight < 0 || is.Weight > 1 {
			return fmt.Errorf("%w: trust: issuer %q: weight %v, want [0, 1]", ErrInvalidConfig, is.Name, is.Weight)
		}
	}
	if math.IsNaN(t.MaxCredit) || t.MaxCredit > MaxPoints {
		return fmt.Errorf("%w: trust: max_credit %v", ErrInvalidConfig, t.MaxCredit)
	}
	return nil
}

func (t Trust) issuer(name string) (TrustedIssuer, bool) {
	for _, is := range t.Issuers {
		if is.Name == name {
			if is.Weight == 0 {
				is.Weight = 1
			}
			return is, true
		}
	}
	return TrustedIssuer{}, false
}

// Verify checks a signed attestation at time now: it must be at most
// MaxAttestationBytes of well-formed JSON, from a trusted issuer, with a
// good signature over exactly its payload, issued no later than now plus
// MaxSkew, not expired, and valid for at most MaxValidity. The error is an
// *AttestationError wrapping ErrTooLarge, ErrMalformed, ErrUnknownIssuer,
// ErrBadSignature, ErrNotYetValid or ErrExpired. Replays are caught by
// Ledger.Import, which knows what was imported before.
func (t Trust) Verify(data []byte, now time.Time) (Attestation, error) {
	t = t.withDefaults()
	payload, sig, a, err := parseAttestation(data)
	if err != nil {
		return Attestation{}, &AttestationError{Issuer: a.Issuer, Subject: a.Subject, Err: err}
	}
	fail := func(err error) (Attestation, error) {
		return Attestation{}, &AttestationError{Issuer: a.Issuer, Subject: a.Subject, Err: err}
	}
	is, ok := t.issuer(a.Issuer)
	if !ok {
		return fail(fmt.Errorf("%w %q", ErrUnknownIssuer, a.Issuer))
	}
	if len(is.PublicKey) != ed25519.PublicKeySize || !ed25519.Verify(is.PublicKey, append([]byte(signingContext), payload...), sig) {
		return fail(ErrBadSignature)
	}
	if err := a.validate(); err != nil {
		return fail(err)
	}
	if a.ExpiresAt.Sub(a.IssuedAt) > t.MaxValidity {
		return fail(fmt.Errorf("%w: valid for %s, longer than the %s allowed", ErrMalformed, a.ExpiresAt.Sub(a.IssuedAt), t.MaxValidity))
	}
	if a.IssuedAt.After(now.Add(t.MaxSkew)) {
		return fail(fmt.Errorf("%w: issued %s", ErrNotYetValid, a.IssuedAt.UTC().Format(time.RFC3339)))
	}
	if !now.Before(a.ExpiresAt) {
		return fail(fmt.Errorf("%w: at %s", ErrExpired, a.ExpiresAt.UTC().Format(time.RFC3339)))
	}
	return a, nil
}
