// Package eval measures heft's scorers on datasets of real contributions:
// how well each scorer, and the combined score, separates the cases that
// matter (machine-written or not, merged or closed without merging), and
// which thresholds hold a chosen false-positive rate on a project's own
// history. It is the engine of "heft eval".
//
// # Sources
//
// A Source yields Records one at a time; Run scores them with a
// heuristics.Set in a pipeline of workers and folds the scores into
// fixed-size histograms, so memory does not grow with the dataset.
//
//   - JSONLines reads heft's own JSON Lines format (below), which every
//     other source converts to (JSONLinesWriter, heft eval --write-jsonl).
//   - AIDev reads the CSV layout of the AIDev dataset of agent-authored
//     pull requests (prs.csv joined with pr_commits.csv, pr_timelines.csv,
//     pr_comments.csv and pr_reviews.csv on the pull request's id). The CSV
//     layout has no diffs: diff-based scorers are not applicable to it,
//     and the coverage in the report says so.
//   - AIDevParquet reads the Parquet tables the AIDev dataset is published
//     as (pull_request.parquet joined with pr_commits, pr_timeline,
//     pr_comments, pr_reviews and pr_commit_details on pr_id). Each pull
//     request's per-file patches in pr_commit_details become its diff;
//     files whose patch GitHub left out mark it DiffPartial.
//     OpenAIDevDir picks the layout a folder holds.
//   - PerfPatch (OpenPerfPatchDir) reads the datasets of a study of
//     performance pull requests by agents and by people
//     (PurdueDualityLab/github_perf_patch_study): a CSV of pull requests
//     and, per side, Parquet tables of per-file patches, commits and
//     comments, joined on pr_id; diffs as AIDevParquet builds them.
//   - CloneDiffs (WithCloneDiffs) wraps any source and rebuilds the diff
//     of each pull request that has none with git, from a local clone of
//     its repository: its own commits, its head against the default
//     branch, or its squash commit. With the AIDev CSV layout it gives
//     diffs to pull requests whose timelines the sample has.
//   - Git turns each non-merge commit of a repository into a record
//     labelled ai by a Labeller: by default a commit either
//     LabelDisclosure (the markers package disclosure finds: trailers,
//     tool footers, session links, agent accounts) or the short list of
//     LabelCommit calls machine-written; any function with the Labeller
//     signature can replace it. GitOptions.Strip removes the label-bearing
//     lines before scoring, so a scorer that reads disclosures is not
//     graded on the text the label came from; the report says whether it
//     was used.
//
// # The JSON Lines format
//
// One JSON object per line; every key is optional; unknown keys are
// ignored. Blank lines are skipped.
//
//	id        string   a name for reports: "owner/repo#123", a commit hash
//	title     string   the pull request's title
//	body      string   its description, Markdown
//	template  string   the repository's pull request template
//	author    object   {"login", "association" (GitHub's author_association), "bot"}
//	commits   array    [{"sha", "message", "author_name", "author_email", "time"}]
//	diff      string   the change as a unified diff (git diff, git log -p, format-patch)
//	timeline  array    [{"kind", "actor": {"login", ...}, "time", "body", "state", "label"}],
//	                   kind one of comment, review, review_comment, commit, labeled,
//	                   unlabeled, closed, reopened, merged, ready_for_review,
//	                   review_requested
//	labels    array    the pull request's labels, strings
//	now       string   RFC 3339 time to score at
//	merged    bool     true merged, false closed without merging; absent when open
//	ai        bool     true machine-written, false human-written; absent when unknown
//	opened    string   RFC 3339 time it was opened
//	closed    string   RFC 3339 time it was merged or closed; absent while open
//	outcomes  object   effort outcomes (see Outcomes): {"review_comments",
//	                   "review_rounds", "maintainers", "maintainer_comments",
//	                   "first_response_hours", "time_to_close_hours"}; when
//	                   absent, derived from timeline, opened and closed
//	agent     string   the tool that wrote it, or "human": a breakdown group
//	repo      string   "owner/name": a breakdown group
//
// For the merged label, leave out of timeline whatever happened at or
// after the closing (the merge itself, "thanks for merging"): a scorer
// that sees it is graded on the answer. The AIDev source does this.
//
// # Metrics
//
// For each scorer and for the combined score, on the labelled
// contributions it applied to: ROC AUC and PR AUC (average precision)
// with percentile bootstrap intervals, the threshold with the best F1,
// the confusion matrix and precision and recall at the policy's review
// and flag thresholds, coverage (applicable, not applicable, errors), and
// AUCs by agent and by repository. Metrics a class is missing for are NaN
// (null in JSON) with a reason. Result.Calibrate derives review and flag
// thresholds for target false-positive rates.
//
// Scores are counted in 10,000 bins over [0, 1]: thresholds on that grid
// split the data exactly, and scores within one bin count as ties. The
// bootstrap is a Poisson bootstrap over 1,000 bins whose weights depend
// only on the seed and each record's place in the source, so intervals
// are the same whatever the number of workers. Breakdowns use 100 bins
// and at most Options.MaxGroups groups per key.
//
// # Effort outcomes
//
// Whether a pull request is merged is not what it cost to review. Each
// source fills Record.Outcomes from the contribution's whole timeline,
// up to its merging or closing (DeriveOutcomes does the counting), and
// Options.Outcomes ranks every score against the outcomes asked for:
//
//	review_comments      conversation comments, line comments and submitted reviews
//	                     (any state) by anyone but the author and bots
//	review_rounds        reviews requesting changes, plus pushes after a review: each
//	                     run of commits after a review or comment by another person
//	maintainers          distinct maintainers who commented or reviewed
//	maintainer_comments  their comments, line comments and reviews
//	first_response       hours from opening to the first maintainer comment or review
//	time_to_close        hours from opening to merging or closing
//
// A bot is an account flagged as one or whose login ends in "[bot]"; the
// author is the pull request's author, matched by login. Neither is ever
// a maintainer. Who is a maintainer depends on what the source knows:
//
//   - JSON Lines: an actor whose association is OWNER, MEMBER or
//     COLLABORATOR (GitHub's author_association). When no actor of a
//     line's timeline carries any association, the maintainer outcomes
//     are unknown rather than 0. Pushes are the timeline's commit events,
//     or the commits' times when it has none; without either,
//     review_rounds is unknown. A line may also state its outcomes.
//   - AIDev CSV and Parquet: the tables have no author_association, so a
//     maintainer is an account that merged a pull request of the same
//     repository in the data, or approved one or requested changes on
//     one (GitHub counts only approvals by people with write access).
//     For a repository with no such account in the data the maintainer
//     outcomes are unknown. Commit rows of the timeline table carry no
//     time: a push is placed at the last timed row before it, so pushes
//     after a review are a lower bound; without a timeline table
//     review_rounds is unknown. A folder with neither pr_comments nor
//     pr_timelines (Devin's in the AIDev-pop sample) cannot count
//     comments: only review_rounds (when known) and time_to_close are
//     given.
//
// For each scorer and the combined score, on the contributions that carry
// the outcome and that the scorer applied to: Spearman's rho and
// Kendall's tau-b (both corrected for ties; tau-b in O(n log n)) with
// percentile bootstrap intervals (Options.Bootstrap resamples drawn with
// replacement, seeded by Options.Seed and the same for every scorer),
// coverage, and the outcome's quartiles and mean per tenth of the score
// for the report's plots. A constant score or outcome ranks nothing: the
// correlations are then NaN (null in JSON) with the reason in
// Correlation.Undefined. With Options.AsOpened each contribution is
// scored as it was opened, so that the engagement scorer is not graded on
// the comments it is ranked against; commits are kept whole, since the
// AIDev tables do not date them.
//
// # Agent identification
//
// Options.AgentID adds, per agent the data names (Record.Agent, the
// AIDev folder or agent column), the share of contributions in which
// package disclosure finds that agent named in the description, the
// commit messages and the author identities, and how many carry no AI
// marker at all (AgentShare).
//
// # Skipped input
//
// A line that is not JSON, a CSV row with the wrong number of fields, a
// CSV file or Parquet table without a column the layout needs, a diff that does not parse
// or is over its size limit: each is counted by reason (ReasonMalformed,
// ...) with its position (file and line, or commit), and the run goes on.
package eval
