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
// between.
//
// # Rules
//
// Evidence carries one of these stable rule IDs, which programs may depend on:
//
//	size-lines           more reviewable changed lines than Config.ComfortableLines
//	size-files           more reviewable files than Config.ComfortableFiles
//	size-largest-file    one of the largest reviewable files, when the score is non-zero; in a change spread thin (no file with a tenth of its lines), how little the largest holds
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
// Fixed: regenerated golden files and snapshots counted as reviewable
// source (a change of 7,762 lines, 7,756 of them expected output, scored
// 1). They are diffstat.KindExpected now, left out of the count and
// reported under size-expected-output; a golden file written by hand is
// left out too.
package size
