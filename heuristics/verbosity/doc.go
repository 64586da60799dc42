// Package verbosity is heft's verbosity scorer: it measures the prose
// tokens of the description (counted offline with tiktoken's o200k_base,
// code, quotes, comments, collapsed details, tables and untouched template
// lines set aside) per reviewable changed line, above a floor of 150
// tokens, on a log ramp from 20 to 600 tokens a line, never for changes of
// 1,000 lines or more. It also finds prose that names the changed files
// and functions one by one, and hidden text (HTML comments, invisible and
// bidi characters). See Config for where the thresholds come from.
//
// The score is in [0, 1]: 1 - (1-length)(1-RestateWeight·restate)
// (1-HiddenWeight·hidden), where length, restate and hidden are each 0
// below their threshold and 1 at their ceiling (see Config).
//
// # Rules
//
// Evidence carries one of these stable rule IDs, which programs may depend on:
//
//	verbosity-length            many prose tokens per reviewable changed line
//	verbosity-long-section      one of the longest sections of prose (when the length or restating score is non-zero)
//	verbosity-restates-diff     prose, often a list, that names changed files and identifiers one by one
//	verbosity-hidden-comment    an HTML comment the author added, not the template (hidden when rendered)
//	verbosity-invisible-chars   zero-width or other invisible characters, outside emoji and flag sequences
//	verbosity-bidi-controls     bidirectional control characters (embeddings, overrides, isolates, marks)
//	verbosity-invalid-utf8      bytes that are not UTF-8, counted as U+FFFD
//	verbosity-template-only     the description is the pull request template, unchanged
//	verbosity-over-limit        the description is longer than MaxBodyBytes: not read, and a concern by itself
//
// # Known false positives
//
// Without Contribution.Template, a template's comments and checklists
// count as the author's; a subtle one-line fix (a security or concurrency
// bug) can deserve a long explanation; the same content takes more tokens
// in some languages than in English; names are found only on added lines
// that start with a declaration keyword.
package verbosity
