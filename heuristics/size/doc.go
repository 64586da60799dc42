// Package size is heft's size scorer: it measures the reviewable changed
// lines and files touched. Generated, vendored, lockfile and
// expected-output changes (see package diffstat) are reported but not
// counted. Labels size/XS to
// size/XXL by Prow's thresholds; the score rises on a log scale from 200
// to 2,000 lines, or 20 to 150 files.
//
// The score is in [0, 1]: 0 up to Config.ComfortableLines reviewable lines
// and Config.ComfortableFiles files, 1 from Config.OverwhelmingLines lines
// or Config.OverwhelmingFiles files, the larger of the two ramps in
// between. A file with no changed line (renamed or copied as it is, with
// only its mode changed, or empty) is not a reviewable file: the summary
// says how many there are, and a change of nothing else scores 0.
//
// When the score is not 0, the advice proposes how to split the change by
// where its lines are. Tests go with the code they test, in the same
// directory or in a test tree (tests/, test/, spec/, __tests__/,
// src/test/): tests/core/ with src/core/, tests/contrib/ with
// pkg/contrib/, tests/middleware/ with src/pkg/ when its middleware/
// changed, and tests of the project as a whole (tests/test_app.py) with
// the largest part; the advice never proposes sending tests, or
// documentation and the files at the repository root (a changelog
// entry), alone apart from their change. A revert (git's Revert "..." or Reapply
// "..." subject, its "This reverts commit" line, or GitHub's "Reverts
// owner/name#123"; with commits, every commit a revert) is measured the
// same but not advised to be split: it undoes one piece of work.
//
// # Rules
//
// Evidence carries one of these stable rule IDs, which programs may depend on:
//
//	size-lines           more reviewable changed lines than Config.ComfortableLines
//	size-files           more reviewable files than Config.ComfortableFiles; a file with no changed line is not one
//	size-largest-file    one of the largest reviewable files with changed lines, when the score is non-zero; in a change spread thin (no file with a tenth of its lines), how little the largest holds
//	size-not-reviewable  generated, vendored or lockfile lines left out of the count
//	size-expected-output expected test output (golden files, snapshots, *.out and expected* below test directories) left out of the count
//
// # Known false positives
//
// A mechanical change (a rename across the tree, a generated file the
// classifier does not recognise) counts in full; mark generated paths with
// diffstat.Classifier rules. A hand-written file whose path looks
// vendored is left out: GitHub Linguist's vendored patterns, which
// diffstat follows, match any cache/ directory, so a Go package such as
// internal/cache/ does not count. A large change can be the right change: the
// score says how much there is to read, not that it is wrong.
//
// Fixed: files with no changed line counted as reviewable files: 121
// test PDFs whose executable bit was removed scored 0.89 with advice to
// split "0 reviewable lines", and named files of "+0 −0" as the largest.
// Tests in a top-level tests/ of a Python src layout were advised to be
// sent apart from src/pkg/, the code they test; a git revert was advised
// to be split.
//
// Fixed: regenerated golden files and snapshots counted as reviewable
// source (a change of 7,762 lines, 7,756 of them expected output, scored
// 1). They are diffstat.KindExpected now, left out of the count and
// reported under size-expected-output; a golden file written by hand is
// left out too.
package size
