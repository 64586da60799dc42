// Package diffstat reads unified diffs: which files a change touches, what
// happened to each, how many lines were added and deleted, and what kind
// of file each is, so that a reviewer's load can be measured.
//
// # Formats
//
// Parse and Scanner read git's diff format (git diff, git show, git log -p,
// git format-patch mails, with rename, copy, mode, index and binary
// headers, quoted paths, and --no-prefix or mnemonic prefixes), Subversion
// diffs (Index: lines, revision labels) and plain diff -u or diff -ruN
// output. Text before, between and after file sections (mail headers,
// commit messages, diffstat summaries, the "-- " signature) is skipped.
//
// # Exactness
//
// Counts are those of git diff --numstat: the '+' and '-' lines of each
// file's hunks, binary files as neither, a type change (a symlink replaced
// by a file) as one file even though git prints it as a deletion and an
// addition. The scanner checks every hunk against its header, so a diff
// that was cut short or edited by hand is an error that names the line,
// never a silently wrong count. The package's tests compare it file by
// file with git's own numstat on repositories built with git.
//
// # Cost
//
// The counting pass streams in one read of the input at over 1 GB/s and
// holds one header line at a time. Parse also keeps each file's hunk text
// so File.Hunks can turn it into numbered lines on request; the lines'
// text shares the kept hunk text, never a copy of it (the tests hold the
// lines to github.com/sourcegraph/go-diff's reading of each hunk).
// Classifying a file costs more than counting it, some microseconds a
// path; Options.NoClassify skips it.
//
// # Kinds
//
// Every file gets a Kind: source, test, docs, config, generated, vendored,
// lockfile or expected. Generated, vendored, lockfile and expected changes
// are not reviewable: Totals counts them apart. A Classifier decides, in order:
// the repository's .gitattributes linguist attributes
// (Classifier.Attributes, from ParseGitAttributes); the Rules table
// (DefaultRules() unless replaced); then GitHub Linguist's rules, as
// github.com/go-enry/go-enry carries them (copied here by go generate, so
// that the package imports no Linguist code and compiles no expression
// until it classifies), which also recognise generated files by
// their first lines ("// Code generated ... DO NOT EDIT."), read from a new
// file's first hunk. DefaultRules fix what Linguist gets wrong for review:
// it does not call go.sum or yarn.lock generated, and it calls
// .github/workflows/ and testdata/ vendored.
//
// # Expected output
//
// KindExpected is a test's expected output that a tool writes when told
// to (go test -update, jest -u, cargo insta accept, compiletest --bless):
// a reviewer reads the test and the code that changed it, then skims the
// regenerated expectations. DefaultRules call expected: golden files
// (*.golden, *.golden.*, golden/ and goldens/ directories), snapshots
// (__snapshots__/, *.snap, syrupy's *.ambr), approval files
// (*.approved.*, Verify's *.verified.*), *.expected, files named
// expected* or in an expected/ directory below testdata/, test/ or
// tests/, *.out below testdata/, test/ or tests/, and *.stdout and
// *.stderr below tests/ (Rust's UI tests). Known false positives: a
// golden file written by hand (a parser's expected tree kept small on
// purpose) is left out of the count though a reviewer reads it; a source
// file in a directory named golden/ ("golden/retriever.go"); a hand-made
// fixture named expected* that is an input, not an output. Expected output
// stored elsewhere (a JSON file under tests/fixtures/) is still counted as
// test; add a Rule for it.
//
// # Errors
//
// Every error is a *ParseError with the input line, the file's path when
// known, and a class for errors.Is: ErrNotDiff (text with no file
// section), ErrMalformed (a hunk whose lines disagree with its header, a
// truncated hunk, changed lines with no @@ hunk header before them, a
// "diff --git" line naming two different files with no rename or copy
// lines, a NUL byte, a bad header, a path over MaxPathBytes),
// ErrUnsupported (combined diffs from merge commits, diff --cc), and
// ErrTooLarge (input over Options.MaxBytes, 64 MiB by default). Read
// errors are wrapped as they are. Nothing panics.
//
// # Known limits
//
// A "GIT binary patch" is skipped, not decoded: its file is Binary with no
// counts, as in numstat. A diff whose hunks are fine but whose paths are
// ambiguous (an unquoted "diff --git" line of a renamed file with spaces
// and no rename lines, which git never prints) takes the split at " b/".
package diffstat
