#!/usr/bin/env bash
# Scores a pull request for the heft Action (action.yml): its commits with
# their messages and authors, its net diff, and the title, body, author
# login, author association and labels of the event payload. It needs
# bash, git and jq (all on GitHub's runners) and reads only the checkout
# and the event, so it works with the read-only token of a pull_request
# workflow, on pull requests from forks too.
#
# Environment (action.yml sets it; a test can too):
#   HEFT               the heft binary (default: heft on PATH)
#   BASE, HEAD         the commits to compare (the pull request's base and head)
#   GITHUB_EVENT_PATH  the event payload; its pull_request object, if any, is read
#   CONFIG             optional: a JSON heuristics configuration file
#   LEDGER             optional: a stake ledger file; adds the reputation scorer
#   FAIL_AT            optional: review or flag, exit 1 when the verdict reaches it
#   RUNNER_TEMP        a scratch directory (default: a new temporary one)
#   GITHUB_STEP_SUMMARY, GITHUB_OUTPUT  where the report and the outputs go
#
# Exit status: 0; 1 when FAIL_AT is reached; 2 when it cannot score.
set -euo pipefail

heft=${HEFT:-heft}
tmp=${RUNNER_TEMP:-$(mktemp -d)}
summary=${GITHUB_STEP_SUMMARY:-/dev/null}
output=${GITHUB_OUTPUT:-/dev/null}

die() {
	echo "::error title=heft::$*"
	exit 2
}

[[ -n ${BASE:-} && -n ${HEAD:-} ]] ||
	die "no base or head commit: run on pull_request events, or set the base and head inputs"
case ${FAIL_AT:-} in "" | review | flag) ;; *) die "fail-at must be review or flag, not '${FAIL_AT}'" ;; esac
base=$(git merge-base "$BASE" "$HEAD" 2>/dev/null) ||
	die "the checkout lacks the history to compare $BASE with $HEAD: use actions/checkout with fetch-depth: 0"

# The contribution as heft's JSON input: the net change (what a reviewer
# reads) and every commit's message and author, where Co-authored-by
# trailers, tool footers and agent accounts show. Merge commits (say,
# main merged into the branch) are left out. Fields are separated by
# ASCII unit and record separators, which git messages do not hold.
input="$tmp/heft-input.json"
git log --reverse --no-merges --format='%H%x1f%an%x1f%ae%x1f%aI%x1f%B%x1e' "$base..$HEAD" >"$tmp/heft-commits.txt"
git diff --no-color --no-ext-diff "$base" "$HEAD" >"$tmp/heft-pr.diff"
jq -n --rawfile log "$tmp/heft-commits.txt" --rawfile diff "$tmp/heft-pr.diff" '{
	diff: $diff,
	commits: [$log | split("\u001e")[] | ltrimstr("\n") | select(length > 0) | split("\u001f") |
		{sha: .[0], author_name: .[1], author_email: .[2], time: .[3], message: (.[4] // "" | rtrimstr("\n"))}]
}' >"$input"

args=()
if [[ -n ${GITHUB_EVENT_PATH:-} && -f $GITHUB_EVENT_PATH ]] && jq -e '.pull_request | type == "object"' "$GITHUB_EVENT_PATH" >/dev/null; then
	args+=(--github-event "$GITHUB_EVENT_PATH")
fi
[[ -n ${CONFIG:-} ]] && args+=(--config "$CONFIG")
[[ -n ${LEDGER:-} ]] && args+=(--ledger "$LEDGER")

"$heft" score "${args[@]}" --format markdown "$input" >>"$summary"
"$heft" score "${args[@]}" --format json "$input" >"$tmp/heft-report.json"
{
	echo "verdict=$(jq -r .verdict "$tmp/heft-report.json")"
	echo "score=$(jq -r .score "$tmp/heft-report.json")"
	echo "report=$tmp/heft-report.json"
} >>"$output"

status=0
"$heft" score "${args[@]}" --format github ${FAIL_AT:+--fail-at "$FAIL_AT"} "$input" || status=$?
exit "$status"
