// Package reputation is heft's reputation scorer, not in the default set
// because it needs a reputation.Ledger. It weighs the points the pull
// request would stake for its reviewable size against what its author has
// in the ledger. Score 0 while the balance covers the stake, rising to 1
// as the shortfall approaches the whole stake (or the balance is zero or
// below). A first-time contributor's pull request of Config.SmallPR lines
// or fewer (default 100) always scores 0; owners, members and
// collaborators are exempt by policy.
//
// The score is in [0, 1]: 0 while the balance covers the stake, 1 when
// nothing of it is covered.
//
// # Rules
//
// Evidence carries one of these stable rule IDs, which programs may depend on:
//
//	reputation-stake-exceeds-balance  the pull request stakes more than its author has
//	reputation-denounced              the author is denounced here or by a trusted project
//	reputation-spam-history           some of the author's pull requests were closed as spam
//
// # Known false positives
//
// A long-standing contributor new to this ledger has only the newcomer
// grant, so a large first pull request here raises concern; import
// attestations from projects that know them, or have a maintainer vouch.
// The scorer knows sizes, not intent: a large pull request that was asked
// for stakes like any other.
package reputation
