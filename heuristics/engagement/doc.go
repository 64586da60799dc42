// Package engagement is heft's engagement scorer: it measures whose turn
// it is, from Contribution.Timeline at Contribution.Now. When a maintainer
// (owner, member or collaborator) has requested changes, or asked the
// author a question or made a request in a comment, and the author has not
// replied since, the concern grows with the days waited: to 0.5 at
// Config.PendingDays (default 7, when it suggests the "awaiting author"
// label), to 0.8 at CloseDays (default 14, when it suggests closing), and
// to 1 at twice CloseDays. Only the author's own comments and reviews
// answer. A push answers a change request in part (the concern is halved,
// no label) and a question not at all. Bots, other participants, label and
// CI events and the maintainers' own follow-ups never reset the clock. A
// comment is a request when a sentence outside quotes and code ends in "?"
// or asks ("please", "could you", ...); it is addressed to the author
// unless it @-mentions only other people. Events without a time are left
// out and counted in the events_skipped metric; events out of order are
// put in order. Not applicable without a timeline, a Now or an author
// login, or when the pull request is closed or merged.
//
// The score is in [0, 1]: 0 when it is not the author's turn, 0.5 at
// Config.PendingDays, 0.8 at Config.CloseDays and 1 at twice CloseDays.
//
// # Rules
//
// Evidence carries one of these stable rule IDs, which programs may depend on:
//
//	engagement-unanswered-question  a maintainer's question or request the author has not replied to
//	engagement-unanswered-review    a change request the author has neither replied to nor pushed after
//	engagement-push-without-reply   a change request the author pushed after but did not reply to
//	engagement-suggest-close        the oldest request has waited past Config.CloseDays
//
// # Known false positives
//
// A rhetorical question ("why not, right?") or a request meant for the
// maintainers themselves, without an @-mention, counts as asked of the
// author. An author who answers elsewhere (chat, a linked issue) or whose
// pushes carry another login looks silent. A reply answers every earlier
// request, even one it did not address. Pushes with no login are taken as
// the author's. A maintainer who asked and then forgot still raises the
// author's clock; Now should be the time of scoring, not the last event's.
package engagement
