// Package heuristics is the contract between heft's scorers and the
// programs that run them: a Contribution goes in, a Result comes out, and
// a Set folds the results into a Report.
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
// This package holds only the contract and imports nothing heavy, so a
// scorer written elsewhere costs nothing to build. heft's own scorers are
// one package each, with their rules, configuration and known false
// positives in the package documentation:
//
//	heuristics/size        reviewable changed lines and files touched
//	heuristics/verbosity   prose per changed line, restating the diff, hidden text
//	heuristics/disclosure  what the description and commits say about AI assistance
//	heuristics/engagement  whose turn it is: questions and change requests left unanswered
//	heuristics/workaround  changes that patch around a dependency instead of fixing it upstream
//	heuristics/account     what the forge says of the author's account: age, profile, forks, history
//	heuristics/template    how the description follows the repository's pull request template
//	heuristics/hygiene     house rules one by one: paths touched, branches, title and commit form, linked issue
//	heuristics/reputation  the points a pull request stakes against its author's ledger
//
// Package heuristics/standard lists the default set (all of them but
// reputation, which needs a ledger) and its combined configuration.
package heuristics
