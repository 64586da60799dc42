// Package account is heft's account scorer: what the forge says of the
// author's account, the signals anti-slop and maintainers check by hand.
// A young account, an empty profile, a burst of forks, a history of
// pull requests that were mostly closed unmerged, and a login shaped like
// the throwaway accounts spam campaigns use.
//
// None of these says the change is wrong, and every one of them is also
// true of some honest newcomers. So the scorer is lenient by design:
//
//   - It is not applicable without an Account (a nil Author.Account), to
//     bots, and it scores 0 for the repository's maintainers.
//   - Profile completeness and the history in this repository are off by
//     default: a first-time contributor has no history here and often an
//     empty profile. Switch them on in Config if your project wants them.
//   - A first-time contributor's small change (up to Config.SmallLines
//     reviewable lines) is capped at Config.NewcomerCap (default 0.4),
//     below the default policy's review threshold of 0.5: account signals
//     alone never send a newcomer's small pull request to review. A
//     policy with a lower review threshold should weigh this scorer
//     accordingly.
//
// The score is in [0, 1]: each firing rule adds a concern, combined as
// independent concerns, 1 - Π(1 - sᵢ).
//
// # Rules
//
// Evidence carries one of these stable rule IDs, which programs may depend on:
//
//	account-young           the account is younger than Config.MinAgeDays
//	account-profile         fewer filled profile signals than Config.MinProfile (off by default)
//	account-fork-burst      more forks within 24 hours than Config.MaxForksPerDay
//	account-merge-ratio     most of the author's concluded pull requests elsewhere were closed unmerged
//	account-repo-history    too few merged or too low a merge ratio in this repository (off by default)
//	account-spam-name       a login shaped like a throwaway account (all digits, long digit runs)
//	account-newcomer-cap    the score was capped for a first-time contributor's small change
//
// # Known false positives
//
// Students, new employees and people who keep their profile private have
// young or empty accounts. A merge ratio counts pull requests closed for
// any reason, including superseded ones. Logins with a birth year or an
// employee number match account-spam-name. That is why these rules are
// lenient by default and why the scorer is one signal among several.
package account
