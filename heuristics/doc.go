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
// disclosure (NewDisclosure): what the description and commits say about
// AI assistance (see package disclosure). An honest disclosure is
// information with score 0, never a penalty. Findings: a disclosure the
// repository requires is missing (DisclosurePolicy.Require), the text
// denies AI use that a tool's marker shows, an AI tool signs off a commit
// (only people can certify the DCO), or a trailer hides behind invisible
// or look-alike characters.
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
//	disclosure-missing        a required disclosure is missing (with BodyOnly, from the description)
//	disclosure-contradiction  the text says no AI was used, yet a co-author trailer, footer,
//	                          session link or agent account shows an AI tool
//	disclosure-ai-signoff     Signed-off-by names an AI tool
//	disclosure-tampered       a trailer key or value hides invisible or look-alike characters
//	disclosure-found          information: what was disclosed (score 0)
//
// # Known false positives
//
// size: a mechanical change (a rename across the tree, a generated file
// the classifier does not recognise) counts in full; mark generated paths
// with diffstat.Classifier rules. A large change can be the right change:
// the score says how much there is to read, not that it is wrong.
//
// disclosure: English only; a sentence without a helping verb ("Elvish
// written by Copilot") is missed; a no-AI statement scoped to part of the
// work ("no AI was used for the tests") is not a denial, so a denial
// phrased that way is missed. See package disclosure for the parser's.
package heuristics
