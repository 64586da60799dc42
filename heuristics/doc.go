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
// reputation (NewReputation, not in the default set: it needs a
// reputation.Ledger): the points the pull request would stake for its
// reviewable size against what its author has in the ledger. Score 0 while
// the balance covers the stake, rising to 1 as the shortfall approaches
// the whole stake (or the balance is zero or below). A first-time
// contributor's pull request of ReputationConfig.SmallPR lines or fewer
// (default 100) always scores 0; owners, members and collaborators are
// exempt by policy.
//
// workaround (NewWorkaround): changes that patch around a dependency
// instead of fixing it upstream: a fork or local copy pinned in a
// manifest, a patch file, a hand edit to vendored code, a monkeypatch,
// code copied from another project, a comment that says it works around
// one. Only added lines count, so removing a workaround never raises a
// concern. Each finding names the dependency (module path, package or
// repository, from the manifest, the import or the path) and whether the
// change links an upstream issue or pull request: next to the finding, in
// a patch's DEP-3 Forwarded: or Bug: header, or in the description or a
// commit message when the link is to the dependency's own tracker. A
// dependency's strongest finding counts in full and the rest a quarter;
// a linked dependency counts 0.15 of that. The score is
// 1 - 2^(-weight/0.6): one unreported fork pinned in go.mod gives 0.5, two
// unreported workarounds of different dependencies over 0.8. The rules
// and their weights are one table, WorkaroundRules.
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
//	reputation-stake-exceeds-balance  the pull request stakes more than its author has
//	reputation-denounced              the author is denounced here or by a trusted project
//	reputation-spam-history           some of the author's pull requests were closed as spam
//
//	workaround-go-replace            go.mod replace to a fork, a pseudo-version or a directory outside the repository
//	workaround-cargo-patch           Cargo.toml [patch.*] or [replace] entry
//	workaround-npm-override          package.json overrides/resolutions to a git URL, fork, alias, path or patch
//	workaround-npm-version-override  package.json overrides/resolutions forcing a version
//	workaround-git-dependency        a dependency taken from git: pip/uv/poetry, Gemfile, Cargo, package.json
//	workaround-version-exclusion     != or exclude of a release, with a comment citing a bug
//	workaround-patch-file            patch-package, yarn, pnpm, quilt or Debian patch of a dependency
//	workaround-vendored-edit         hand edit to vendor/, third_party/, node_modules/, external/, _vendor/, site-packages/
//	workaround-python-monkeypatch    assignment or setattr on an imported module's or class's attribute
//	workaround-mock-patch            unittest.mock.patch outside tests
//	workaround-js-monkeypatch        prototype or module-export reassignment of an import
//	workaround-go-linkname           //go:linkname into another module or the standard library
//	workaround-ruby-reopen           reopening, class_eval or prepend on a required gem's class
//	workaround-copied-code           "copied/adapted/ported from" a URL, or another holder's copyright header
//	workaround-comment               workaround, hack, until upstream, remove when fixed, an issue link elsewhere
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
//
// reputation: a long-standing contributor new to this ledger has only the
// newcomer grant, so a large first pull request here raises concern;
// import attestations from projects that know them, or have a maintainer
// vouch. The scorer knows sizes, not intent: a large pull request that was
// asked for stakes like any other.
//
// workaround: every rule can be the right call, which is why a linked
// upstream report nearly cancels it; the score asks for the link, it does
// not forbid the workaround. Per rule:
//
//   - workaround-go-replace: a long-lived fork the project maintains on
//     purpose; another module of the same repository replaced by module
//     path instead of by relative directory (set WorkaroundConfig.OwnModules).
//   - workaround-cargo-patch: a [patch] that tests an unreleased upstream
//     fix on purpose, for a short time.
//   - workaround-npm-override: an override to a monorepo's own package.
//   - workaround-npm-version-override: a security bump of a transitive
//     dependency; it weighs 0.2 for that reason. Entries added to an
//     overrides block whose opening line is outside the hunk are missed.
//   - workaround-git-dependency: the project's own packages kept in other
//     repositories; dependencies that publish no releases.
//   - workaround-version-exclusion: excluding a release upstream already
//     yanked.
//   - workaround-patch-file: a Debian patch that is Debian-specific but
//     lacks "Forwarded: not-needed"; .patch fixtures outside testdata/,
//     fixtures/ and test directories.
//   - workaround-vendored-edit: a directory named like a vendored tree that
//     holds the project's own code (external/ counts only at the root); a
//     re-vendoring whose version change names the dependency differently
//     from its path. A change to the dependency's own manifest (its
//     package.json, go.mod, Cargo.toml, METADATA) counts as a re-vendoring.
//   - workaround-python-monkeypatch, workaround-js-monkeypatch: a library's
//     documented hook set by assignment (attributes named *hook or
//     *callback are left alone), a plugin installed on its prototype, and
//     instrumentation SDKs (APM, tracing) that patch libraries on purpose:
//     weight the rule 0 for such a project. Imports outside the hunk's
//     context are unknown, so a patch far from the file's imports is
//     missed.
//   - workaround-mock-patch: test helpers kept outside test directories
//     and not named like tests.
//   - workaround-go-linkname: linknames the standard library still allows
//     for compatibility.
//   - workaround-ruby-reopen: reopening the application's own namespace
//     when it shares a name with a required file.
//   - workaround-copied-code: a credit note for a small snippet under a
//     compatible licence, which is good practice. A copyright header is
//     only compared with WorkaroundConfig.CopyrightHolders or with
//     notices on unchanged lines of the diff; with neither, it is not
//     checked.
//   - workaround-comment: an explanation of a dependency's documented
//     behaviour that uses the word workaround; a comment about the
//     project's own past bug that names an imported package. Comments that
//     name no dependency and do not say "upstream" are the project's own
//     and never count.
package heuristics
