// Package reputation is a stake ledger for contributors: "you spend a
// little reputation every time you open a big PR, and get it back when it
// merges", so reviewers get a signal before they open the diff.
//
// It is a signal for people, not a credit score. Every newcomer starts
// with a grant that covers several small PRs at once, so a first-timer's
// small PR is never blocked; old events decay, so one bad month does not
// follow anyone for years; and every balance is recomputed from the events
// behind it and can be explained line by line.
//
// # Events and stores
//
// A Ledger appends Events to a Store: a PR opened with its reviewable
// size, merged, closed (not planned, duplicate, superseded, spam),
// reverted; a maintainer's vouch, denounce or adjustment with a note; and
// attestations imported from other projects. Events are never edited.
// Three stores come with the package:
//
//   - MemoryStore, for tests and short-lived programs;
//   - FileStore, the default: one JSON object a line with a CRC-32C, an
//     fsync before an append is acknowledged, a lock file so that several
//     processes can share the ledger, and a torn last line (a crash in the
//     middle of an append) set aside and reported, never read as an event;
//   - SQLStore, over a *sql.DB the caller opens with its own driver
//     (PostgreSQL or SQLite), for bots that run as several replicas.
//
// Package reputationtest checks that a Store keeps the contract.
//
// # Rules
//
// Balances follow Rules, whose zero value is the default rule set
// documented there. The stake grows with the square root of the size:
// 10 lines stake 2.69 points, 100 lines 8.5, 3,200 lines 48.08. A merge
// returns the stake plus 2; a close as duplicate or superseded returns
// 90%, as not planned 50%, as spam nothing; a revert loses half the stake.
// Open PRs hold their stake. Settled effects decay with a half-life of 180
// days.
//
// # Worked example
//
// Ada, new to the project (grant 30), opens a 120-line PR on May 1
// (stake 0.85·√120 = 9.31). It merges on May 3: the stake comes back with
// a reward of 2. On May 4 she opens a 3,200-line PR (stake 48.08: more
// than she has, which is what the heuristics scorer warns about). On May
// 10 it is closed as superseded by a 400-line PR she opens the same day
// (stake 17): 90% of 48.08 comes back, 4.81 is lost. On May 31:
//
//	May 1  acme/app#101   0.00 held  0.00  opened: 120 lines stake 9.31; replaced by the merge (event 2)
//	May 3  acme/app#101   1.80 held  0.00  merged: stake 9.31 returned, reward 2.00, decayed to 1.80
//	May 4  acme/app#107   0.00 held  0.00  opened: 3200 lines stake 48.08; replaced by the close (event 4)
//	May 10 acme/app#107  -4.44 held  0.00  closed as superseded: 90% of stake 48.08 returned, 4.81 lost, decayed to -4.44
//	May 10 acme/app#112   0.00 held 17.00  opened: 400 lines stake 17.00
//	grant 30.00 + settled -2.64 − held 17.00 = 10.36 points
//
// The reward of May 3 has decayed by 2^(−28/180) to 1.80, the loss of May
// 10 by 2^(−21/180) to 4.44. When #112 merges, its 17 points come back
// and Ada has 29.36 plus the new reward. The package Example runs exactly
// this.
//
// # Federation
//
// A project signs an Attestation of a contributor's local record with
// Ed25519 (Ledger.Attest); another project that lists it in its Trust,
// with a weight, verifies and imports it (Ledger.Import). Verification
// rejects bad signatures, unknown issuers, expired or future-dated
// attestations, and Import rejects replays. The combining policy is on
// Trust: the local ledger wins, a trusted denounce wins over a vouch, and
// foreign credit is capped. The package does no network I/O: the caller
// fetches attestation files however it likes.
//
// # Errors
//
// Bad input gets a typed error: *LineError (file store, with the line
// number), *RowError (SQL store), *AttestationError, wrapping ErrMalformed,
// ErrChecksum, ErrUnknownKind, ErrInvalidEvent, ErrTooLarge,
// ErrBadSignature, ErrUnknownIssuer, ErrExpired, ErrNotYetValid or
// ErrReplay. Sizes are bounded: FileOptions.MaxFileBytes and MaxLineBytes,
// MaxAttestationBytes, MaxNoteBytes, MaxNameBytes.
package reputation
