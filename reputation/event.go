package reputation

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Subject identifies a contributor: a forge (such as "github") and a login
// on it. Logins are case-insensitive on the common forges, so a ledger
// stores both in lower case; see Normalize.
type Subject struct {
	Forge string `json:"forge"`
	Login string `json:"login"`
}

// DefaultForge is the forge a Subject without one is on.
const DefaultForge = "github"

// Normalize returns the subject in the form a store keeps: surrounding
// space trimmed, both parts in lower case, a leading "@" dropped from the
// login, and DefaultForge when the forge is empty.
func (s Subject) Normalize() Subject {
	s.Forge = strings.ToLower(strings.TrimSpace(s.Forge))
	if s.Forge == "" {
		s.Forge = DefaultForge
	}
	s.Login = strings.ToLower(strings.TrimPrefix(strings.TrimSpace(s.Login), "@"))
	return s
}

// String returns the subject as "forge/login".
func (s Subject) String() string { return s.Forge + "/" + s.Login }

// Validate reports whether the subject is normalized and well formed: a
// forge and a login of at most MaxNameBytes each, without spaces, control
// characters or slashes.
func (s Subject) Validate() error {
	if s != s.Normalize() {
		return fmt.Errorf("%w: subject %q is not normalized", ErrInvalidEvent, s.String())
	}
	for _, part := range [...]struct{ what, v string }{{"forge", s.Forge}, {"login", s.Login}} {
		if err := checkName(part.what, part.v); err != nil {
			return err
		}
	}
	return nil
}

// MaxNameBytes bounds a forge name, login, pull request reference, actor
// or issuer name.
const MaxNameBytes = 256

// MaxNoteBytes bounds an event's note.
const MaxNoteBytes = 4096

func checkName(what, v string) error {
	if v == "" {
		return fmt.Errorf("%w: empty %s", ErrInvalidEvent, what)
	}
	if len(v) > MaxNameBytes {
		return fmt.Errorf("%w: %s is %d bytes, limit %d", ErrInvalidEvent, what, len(v), MaxNameBytes)
	}
	if !utf8.ValidString(v) {
		return fmt.Errorf("%w: %s is not UTF-8", ErrInvalidEvent, what)
	}
	slashes := what == "pr" || what == "actor" || what == "issuer" || what == "id"
	for _, r := range v {
		if unicode.IsSpace(r) || unicode.IsControl(r) || r == '/' && !slashes {
			return fmt.Errorf("%w: %s %q contains %q", ErrInvalidEvent, what, v, r)
		}
	}
	return nil
}

// Kind is what happened. The kinds are stable strings stored in ledgers.
type Kind string

// The kinds of event a ledger records.
const (
	// KindOpened: the subject opened a pull request (PR) of Size
	// reviewable lines, or pushed to it so that it now has Size lines.
	KindOpened Kind = "opened"
	// KindMerged: the PR was merged.
	KindMerged Kind = "merged"
	// KindClosed: the PR was closed without merging, for Reason.
	KindClosed Kind = "closed"
	// KindReverted: the merged PR was reverted.
	KindReverted Kind = "reverted"
	// KindVouch: a maintainer (Actor) vouched for the subject.
	KindVouch Kind = "vouch"
	// KindDenounce: a maintainer (Actor) denounced the subject.
	KindDenounce Kind = "denounce"
	// KindAdjust: a maintainer (Actor) adjusted the balance by Points,
	// explained in Note.
	KindAdjust Kind = "adjust"
	// KindAttestation: an attestation from another project, verified and
	// imported by Ledger.Import; Attestation holds it as signed.
	KindAttestation Kind = "attestation"
)

var kinds = []Kind{KindOpened, KindMerged, KindClosed, KindReverted, KindVouch, KindDenounce, KindAdjust, KindAttestation}

// Known reports whether k is one of the kinds this package defines.
func (k Kind) Known() bool {
	for _, x := range kinds {
		if k == x {
			return true
		}
	}
	return false
}

// Reason is why a PR was closed without merging.
type Reason string

// The reasons a PR is closed. Each returns a different part of the stake;
// see Rules.
const (
	ReasonNotPlanned Reason = "not-planned" // a fair attempt the project does not want
	ReasonDuplicate  Reason = "duplicate"   // another PR already does this
	ReasonSuperseded Reason = "superseded"  // replaced by a newer PR, often the author's own
	ReasonSpam       Reason = "spam"        // not a good-faith contribution
)

// Known reports whether r is one of the reasons this package defines.
func (r Reason) Known() bool {
	switch r {
	case ReasonNotPlanned, ReasonDuplicate, ReasonSuperseded, ReasonSpam:
		return true
	}
	return false
}

// Event is one entry of a ledger. Events are only ever appended; a
// mistake is corrected by a later event (an adjustment, a reopen), never
// by editing.
type Event struct {
	// Seq is the event's position in its store, assigned on append,
	// starting at 1. Stores keep it increasing; it breaks ties between
	// events with the same Time.
	Seq int64 `json:"seq,omitempty"`

	// ID, when set, identifies the event for idempotency, such as a
	// webhook's "owner/repo#12:merged": Ledger.Record does not record an
	// ID twice, and balances count only the first event with an ID (by
	// Seq), so redelivered webhooks change nothing. Optional.
	ID string `json:"id,omitempty"`

	// Time is when it happened. Balances decay by the age of events
	// relative to the time they are computed at.
	Time time.Time `json:"time"`

	Subject Subject `json:"subject"`
	Kind    Kind    `json:"kind"`

	// PR identifies the pull request for opened, merged, closed and
	// reverted events, such as "heft-dev/heft#42". Events about the same
	// PR are matched by it.
	PR string `json:"pr,omitempty"`

	// Size is the PR's reviewable size in lines (added plus deleted in
	// reviewable files). Required for opened; optional for merged and
	// closed, where it stands in for an opened event the ledger missed.
	Size int `json:"size,omitempty"`

	// Reason is why a PR was closed; required for closed.
	Reason Reason `json:"reason,omitempty"`

	// Points is the amount of an adjustment, positive or negative.
	Points float64 `json:"points,omitempty"`

	// Actor is who recorded a vouch, denounce or adjustment.
	Actor string `json:"actor,omitempty"`

	// Note explains the event in words; required for adjustments.
	Note string `json:"note,omitempty"`

	// Attestation is the signed attestation an attestation event
	// imported, exactly as it was verified.
	Attestation json.RawMessage `json:"attestation,omitempty"`
}

// MaxSize bounds an event's Size: no pull request is a billion lines.
const MaxSize = 1 << 30

// MaxPoints bounds the magnitude of an adjustment.
const MaxPoints = 1e6

// Validate reports whether the event is well formed: a known kind, a
// normalized subject, a time, and the fields its kind needs. Stores call
// it before appending and after reading. Seq is not checked.
func (e *Event) Validate() error {
	if !e.Kind.Known() {
		return fmt.Errorf("%w %q", ErrUnknownKind, e.Kind)
	}
	if err := e.Subject.Validate(); err != nil {
		return err
	}
	if e.Time.IsZero() {
		return fmt.Errorf("%w: %s event without a time", ErrInvalidEvent, e.Kind)
	}
	if y := e.Time.Year(); y < 1970 || y > 9999 {
		return fmt.Errorf("%w: time %s out of range", ErrInvalidEvent, e.Time.Format(time.RFC3339))
	}
	if e.Size < 0 || e.Size > MaxSize {
		return fmt.Errorf("%w: size %d out of range [0, %d]", ErrInvalidEvent, e.Size, MaxSize)
	}
	if math.IsNaN(e.Points) || math.IsInf(e.Points, 0) || math.Abs(e.Points) > MaxPoints {
		return fmt.Errorf("%w: points %v out of range", ErrInvalidEvent, e.Points)
	}
	if len(e.Note) > MaxNoteBytes || !utf8.ValidString(e.Note) {
		return fmt.Errorf("%w: note is not UTF-8 or longer than %d bytes", ErrInvalidEvent, MaxNoteBytes)
	}
	if e.Actor != "" {
		if err := checkName("actor", e.Actor); err != nil {
			return err
		}
	}
	if e.ID != "" {
		if err := checkName("id", e.ID); err != nil {
			return err
		}
	}
	pr := e.Kind == KindOpened || e.Kind == KindMerged || e.Kind == KindClosed || e.Kind == KindReverted
	if pr {
		if err := checkName("pr", e.PR); err != nil {
			return err
		}
	} else if e.PR != "" || e.Size != 0 {
		return fmt.Errorf("%w: %s event with a PR or size", ErrInvalidEvent, e.Kind)
	}
	if e.Kind == KindClosed {
		if !e.Reason.Known() {
			return fmt.Errorf("%w: closed with unknown reason %q", ErrInvalidEvent, e.Reason)
		}
	} else if e.Reason != "" {
		return fmt.Errorf("%w: %s event with a reason", ErrInvalidEvent, e.Kind)
	}
	if e.Kind == KindAdjust {
		if e.Points == 0 || strings.TrimSpace(e.Note) == "" {
			return fmt.Errorf("%w: an adjustment needs non-zero points and a note", ErrInvalidEvent)
		}
	} else if e.Points != 0 {
		return fmt.Errorf("%w: %s event with points", ErrInvalidEvent, e.Kind)
	}
	if (e.Kind == KindAttestation) != (len(e.Attestation) > 0) {
		return fmt.Errorf("%w: the attestation field belongs to attestation events only", ErrInvalidEvent)
	}
	if len(e.Attestation) > MaxAttestationBytes {
		return fmt.Errorf("%w: attestation of %d bytes, limit %d", ErrTooLarge, len(e.Attestation), MaxAttestationBytes)
	}
	return nil
}

// decodeEvent decodes one event from JSON strictly: unknown fields,
// trailing data and invalid events are errors.
func decodeEvent(data []byte) (Event, error) {
	var e Event
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&e); err != nil {
		return Event{}, fmt.Errorf("%w: %v", ErrMalformed, err)
	}
	if dec.More() {
		return Event{}, fmt.Errorf("%w: data after the event", ErrMalformed)
	}
	if err := e.Validate(); err != nil {
		return Event{}, err
	}
	return e, nil
}

// Errors of this package. Stores and the attestation verifier wrap them
// with context; compare with errors.Is.
var (
	// ErrInvalidEvent: an event misses a field its kind needs, or has
	// one it must not.
	ErrInvalidEvent = errors.New("reputation: invalid event")
	// ErrUnknownKind: an event's kind is not one this package knows.
	ErrUnknownKind = errors.New("reputation: unknown event kind")
	// ErrMalformed: stored or received data is not what it should be.
	ErrMalformed = errors.New("reputation: malformed data")
	// ErrChecksum: a ledger line's checksum does not match its event.
	ErrChecksum = errors.New("reputation: checksum mismatch")
	// ErrTooLarge: a file, line or attestation exceeds its size limit.
	ErrTooLarge = errors.New("reputation: too large")
	// ErrDuplicate: Ledger.Record was given an event whose ID the
	// ledger already holds; nothing was recorded.
	ErrDuplicate = errors.New("reputation: event already recorded")
	// ErrNotRegular: a ledger file is not a regular file (a FIFO, a
	// device such as /dev/null, a directory): events written there
	// would not be kept.
	ErrNotRegular = errors.New("reputation: not a regular file")
	// ErrClosed: the store was closed.
	ErrClosed = errors.New("reputation: store closed")
	// ErrInvalidConfig: a Rules, Trust or store option is out of range.
	ErrInvalidConfig = errors.New("reputation: invalid configuration")
)

// inner is an error's message without this package's prefix, for errors
// that wrap it with their own.
func inner(err error) string { return strings.TrimPrefix(err.Error(), "reputation: ") }
