package reputation

import (
	"bytes"
	"crypto/ed25519"
	"crypto/sha256"
	"errors"
	"testing"
	"time"
)

// FuzzDecodeLine feeds the file store's line decoder arbitrary bytes: it
// must return an event that validates and encodes back to the same line,
// or a typed error, and never panic. Seeds are under
// testdata/fuzz/FuzzDecodeLine.
func FuzzDecodeLine(f *testing.F) {
	e := Event{Seq: 1, Time: time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC), Subject: Subject{Forge: "github", Login: "alice"}, Kind: KindOpened, PR: "o/r#1", Size: 120}
	good, _ := encodeLine(e)
	f.Add(bytes.TrimSuffix(good, []byte("\n")))
	f.Fuzz(func(t *testing.T, line []byte) {
		e, err := decodeLine(line)
		if err != nil {
			if !errors.Is(err, ErrMalformed) && !errors.Is(err, ErrChecksum) && !errors.Is(err, ErrInvalidEvent) && !errors.Is(err, ErrUnknownKind) && !errors.Is(err, ErrTooLarge) {
				t.Fatalf("untyped error: %v", err)
			}
			return
		}
		if err := e.Validate(); err != nil {
			t.Fatalf("decoded an invalid event: %v", err)
		}
		again, err := encodeLine(e)
		if err != nil {
			t.Fatalf("re-encode: %v", err)
		}
		if _, err := decodeLine(bytes.TrimSuffix(again, []byte("\n"))); err != nil {
			t.Fatalf("re-encoded line does not decode: %v\n%s", err, again)
		}
	})
}

// FuzzVerifyAttestation feeds the attestation verifier arbitrary bytes.
// Only an attestation signed by the trusted key can pass; anything else
// gets an *AttestationError, and nothing panics. Seeds are under
// testdata/fuzz/FuzzVerifyAttestation.
func FuzzVerifyAttestation(f *testing.F) {
	seed := sha256.Sum256([]byte("fuzz issuer"))
	key := ed25519.NewKeyFromSeed(seed[:])
	now := time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC)
	trust := Trust{Issuers: []TrustedIssuer{{Name: "github.com/up/lib", PublicKey: key.Public().(ed25519.PublicKey)}}}
	good, _ := Sign(Attestation{Issuer: "github.com/up/lib", Subject: Subject{Forge: "github", Login: "sam"}, Merged: 3, Balance: 40, Grant: 30, IssuedAt: now, ExpiresAt: now.Add(24 * time.Hour)}, key)
	f.Add(good)
	f.Fuzz(func(t *testing.T, data []byte) {
		a, err := trust.Verify(data, now.Add(time.Hour))
		if err != nil {
			var ae *AttestationError
			if !errors.As(err, &ae) {
				t.Fatalf("untyped error: %v", err)
			}
			return
		}
		if a.Issuer != "github.com/up/lib" || a.validate() != nil {
			t.Fatalf("accepted %+v", a)
		}
		// What verifies is what the key signed: the payload is intact.
		payload, _, _, _ := parseAttestation(data)
		if !ed25519.Verify(key.Public().(ed25519.PublicKey), append([]byte(signingContext), payload...), mustSig(t, data)) {
			t.Fatal("accepted a payload the key did not sign")
		}
	})
}

func mustSig(t *testing.T, data []byte) []byte {
	_, sig, _, err := parseAttestation(data)
	if err != nil {
		t.Fatal(err)
	}
	return sig
}
