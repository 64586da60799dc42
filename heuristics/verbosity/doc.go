// Package verbosity is heft's verbosity scorer: it measures the prose
// tokens of the description (counted offline with tiktoken's o200k_base,
// code, quotes, comments, collapsed details, tables and untouched template
// lines set aside) per reviewable changed line, above a floor of 150
// tokens, on a log ramp from 20 to 600 tokens a line, never for changes of
// 1,000 lines or more. Each changed file not read line by line (binary,
// generated, vendored, lockfile, expected output, moved as it is) counts
// as 10 lines; with nothing to compare with (no diff, an empty diff) the
// description is compared with a fixed budget of 150 tokens instead. It also finds prose
// that names the changed files and functions one by one, hidden text
// (HTML comments, invisible and bidi characters), and descriptions that
// explain nothing (empty, the untouched template, placeholder text) for a
// change large enough to need one, unless a commit message explains it
// in 20 words or more besides its subject and trailers (those git finds
// in its last paragraph). See Config for where the thresholds come from.
//
// A contribution with no title, no body and no commit message, such as a
// bare diff ("git diff | heft score -"), has no description to read: its
// description is unknown, not empty, and the scorer is not applicable (a
// pull request always has a title, a commit a message). A title over an
// empty body is an empty description. A revert in git's or GitHub's
// shapes (every commit a revert; with no commits, the title `Revert "…"`
// or `Reapply "…"`, or a line "This reverts commit <sha>" or "Reverts
// owner/name#N" in the description; the size scorer reads the same
// shapes) explains itself by naming what it undoes and is never asked to
// explain more; its other checks run as for any change.
//
// The score is in [0, 1]: 1 - (1-length)(1-RestateWeight·restate)
// (1-HiddenWeight·hidden)(1-unexplained), where length, restate and
// hidden are each 0 below their threshold and 1 at their ceiling, and
// unexplained rises from 0 at 30 reviewable lines to UnexplainedWeight
// (0.6) at 1,000 (see Config).
//
// # Rules
//
// Evidence carries one of these stable rule IDs, which programs may depend on:
//
//	verbosity-length              many prose tokens per reviewable changed line, or against the budget when there is nothing to compare with
//	verbosity-long-section        one of the longest sections of prose (when the length or restating score is non-zero)
//	verbosity-restates-diff       prose, often a list, that names changed files and identifiers one by one (at least a quarter of them)
//	verbosity-hidden-comment      an HTML comment the author wrote (hidden when rendered): not the template's, not a tool's marker
//	verbosity-hidden-instruction  an HTML comment the author wrote that addresses AI reviewers or tools with an instruction (approve, ignore, merge): hidden text whatever its length
//	verbosity-invisible-chars     zero-width or other invisible characters, outside emoji and flag sequences and mention guards ("@<U+200B>name")
//	verbosity-bidi-controls       bidirectional control characters (embeddings, overrides, isolates, marks)
//	verbosity-invalid-utf8        bytes that are not UTF-8, counted as U+FFFD
//	verbosity-template-only       the description is the pull request template, unchanged
//	verbosity-no-description      an empty description, or one with nothing of the author's own, for a change that needs one
//	verbosity-placeholder         placeholder text instead of a description (lorem ipsum, TODO, N/A)
//	verbosity-over-limit          the description is longer than MaxBodyBytes: not read, and a concern by itself
//
// # Template comments without a template
//
// An HTML comment is the template's, not hidden text, when the template
// (Contribution.Template, Config.Templates) holds it, or when it reads
// like a template's instruction to the contributor (package
// internal/placeholder): it starts with an instruction ("Describe",
// "Please", "Make sure", "Link", "Put an x"), asks a question, speaks to
// "you", or names the pull request or its checklist; or it is short,
// not in the first person, and stands right under a heading or next to a
// checklist. A tool's marker ("START COPILOT CODING AGENT TIPS",
// "Reviewable:start", "auto-generated comment") is not hidden text either.
// A comment that addresses AI reviewers or tools, or asks to ignore
// instructions or to approve, is always the author's.
//
// # Known false positives
//
// Without Contribution.Template, a template's visible text (headings,
// checklists) counts as the author's prose; a subtle one-line fix (a
// security or concurrency bug) can deserve a long explanation; the same
// content takes more tokens in some languages than in English; names are
// found only on added lines that start with a declaration keyword; a
// change explained in a linked issue scores as unexplained when large.
//
// Not the author's words, and not hidden text: a line that only closes
// or links an issue ("Closes #12", "Fixes https://…/issues/7") is left
// out of the words of the author's own, and a description that is only
// such a line is asked for one sentence so a reviewer need not open the
// issue; a zero-width space right after '@', which release notes use to
// keep a mention from notifying anyone, is not an invisible character.
// Naming a few changed files is not restating the diff unless they are
// at least a quarter of what changed (three files of a hundred point a
// reviewer at where to start).
//
// Fixed (issue 14): a repository's template comments left in a
// description ("What types of changes does your code introduce?") were
// read as hidden text when the template was not given; a description on
// a binary-only, lockfile-only or empty change was divided by one line
// (274 tokens scored 0.54, an empty diff with a description 0.92); an
// empty or placeholder description scored 0 whatever the size of the
// change.
package verbosity
