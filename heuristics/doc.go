// Package heuristics turns a contribution into explainable signals of the
// review burden it puts on maintainers.
//
// A Scorer looks at one aspect of a Contribution and returns a Result: a
// score in [0, 1] (0 no concern, 1 the strongest concern it can raise), a
// one-line summary, advice a maintainer could paste to the author, the
// metrics behind the score, and Evidence pointing at what raised it. A
// scorer never decides: a Set runs scorers concurrently and its Policy
// folds their results into a Report with an overall score and a Verdict.
// The zero Verdict is unknown, never pass.
//
// Scorers measure and never act: no clock (Contribution.Now is the time),
// no network, no logging. The same contribution gives the same result.
// Package heuristicstest checks any scorer against this contract.
//
// # Scorers
//
// size (NewSize): reviewable changed lines and files touched. Generated,
// vendored and lockfile changes (see package diffstat) are reported but
// not counted. Labels size/XS to size/XXL by Prow's thresholds; the score
// rises on a log scale from 200 to 2,000 lines, or 20 to 150 files.
//
// verbosity (NewVerbosity): prose tokens of the description (counted
// offline with tiktoken's o200k_base, code, quotes, comments, collapsed
// details, tables and untouched template lines set aside) per reviewable
// changed line, above a floor of 150 tokens, on a log ramp from 20 to 600
// tokens a line, never for changes of 1,000 lines or more; prose that
// names the changed files and functions one by one; hidden text (HTML
// comments, invisible and bidi characters). See VerbosityConfig for where
// the thresholds come from.
//
// disclosure (NewDisclosure): what the description and commits say about
// AI assistance (see package disclosure). An honest disclosure is
// information with score 0, never a penalty. Findings: a disclosure the
// repository requires is missing (DisclosurePolicy.Require), the text
// denies AI use that a tool's marker shows, an AI tool signs off a commit
// (only people can certify the DCO), or a trailer hides behind invisible
// or look-alike characters.
//
// engagement (NewEngagement): whose turn it is, from Contribution.Timeline
// at Contribution.Now. When a maintainer (owner, member or collaborator) has
// requested changes, or asked the author a question or made a request in a
// comment, and the author has not replied since, the concern grows with the
// days waited: to 0.5 at EngagementConfig.PendingDays (default 7, when it
// suggests the "awaiting author" label), to 0.8 at CloseDays (default 14,
// when it suggests closing), and to 1 at twice CloseDays. Only the author's
// own comments and reviews answer. A push answers a change request in part
// (the concern is halved, no label) and a question not at all. Bots, other
// participants, label and CI events and the maintainers' own follow-ups
// never reset the clock. A comment is a request when a sentence outside
// quotes and code ends in "?" or asks ("please", "could you", ...); it is
// addressed to the author unless it @-mentions only other people. Events
// without a time are left out and counted in the events_skipped metric;
// events out of order are put in order. Not applicable without a timeline,
// a Now or an author login, or when the pull request is closed or merged.
//
// # Rule IDs
//
// Evidence carries a stable rule ID that programs may depend on:
//
//	size-lines           more reviewable lines than SizeConfig.ComfortableLines
//	size-files           more reviewable files than SizeConfig.ComfortableFiles
//	size-largest-file    one of the largest reviewable files (when the score is non-zero)
//	size-not-reviewable  generated, vendored or lockfile lines left out of the count
//
//	verbosity-length            many prose tokens per reviewable changed line
//	verbosity-long-section      one of the longest sections of prose (when the length or restating score is non-zero)
//	verbosity-restates-diff     prose, often a list, that names changed files and identifiers one by one
//	verbosity-hidden-comment    an HTML comment the author added, not the template (hidden when rendered)
//	verbosity-invisible-chars   zero-width or other invisible characters, outside emoji and flag sequences
//	verbosity-bidi-controls     bidirectional control characters (embeddings, overrides, isolates, marks)
//	verbosity-invalid-utf8      bytes that are not UTF-8, counted as U+FFFD
//	verbosity-template-only     the description is the pull request template, unchanged
//
//	disclosure-missing        a required disclosure is missing (with BodyOnly, from the description)
//	disclosure-contradiction  the text says no AI was used, yet a co-author trailer, footer,
//	                          session link or agent account shows an AI tool
//	disclosure-ai-signoff     Signed-off-by names an AI tool
//	disclosure-tampered       a trailer key or value hides invisible or look-alike characters
//	disclosure-found          information: what was disclosed (score 0)
//
//	engagement-unanswered-question  a maintainer's question or request the author has not replied to
//	engagement-unanswered-review    a change request the author has neither replied to nor pushed after
//	engagement-push-without-reply   a change request the author pushed after but did not reply to
//	engagement-suggest-close        the oldest request has waited past EngagementConfig.CloseDays
//
// # Known false positives
//
// size: a mechanical change (a rename across the tree, a generated file
// the classifier does not recognise) counts in full; mark generated paths
// with diffstat.Classifier rules. A large change can be the right change:
// the score says how much there is to read, not that it is wrong.
//
// verbosity: without Contribution.Template, a template's comments and
// checklists count as the author's; a subtle one-line fix (a security or
// concurrency bug) can deserve a long explanation; the same content takes
// more tokens in some languages than in English; names are found only on
// added lines that start with a declaration keyword.
//
// disclosure: English only; a sentence without a helping verb ("Elvish
// written by Copilot") is missed; a no-AI statement scoped to part of the
// work ("no AI was used for the tests") is not a denial, so a denial
// phrased that way is missed. See package disclosure for the parser's.
//
// engagement: a rhetorical question ("why not, right?") or a request meant
// for the maintainers themselves, without an @-mention, counts as asked of
// the author. An author who answers elsewhere (chat, a linked issue) or
// whose pushes carry another login looks silent. A reply answers every
// earlier request, even one it did not address. Pushes with no login are
// taken as the author's. A maintainer who asked and then forgot still
// raises the author's clock; Now should be the time of scoring, not the
// last event's.
package heuristics
