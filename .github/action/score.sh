#!/usr/bin/env bash
# Scores a pull request for the heft Action (action.yml): its commits with
# their messages and authors, its net diff, and from the event payload
# the title, body, author login, author association, labels, base and
# head branches, head repository, draft, maintainer_can_modify and
# milestone. It needs bash, git, jq and curl (all on GitHub's runners).
# It reads the checkout and the event, and makes one API call, GET
# /users/LOGIN, for the author's account (created_at, profile, public
# counts), which any token may make; when that call fails (no token, a
# rate limit, a deleted account) the account stays unknown and a notice
# says why. So by default it works with the read-only token of a
# pull_request workflow, on pull requests from forks too.
#
# Opt-in actions (each needs a token that can write, see docs/action.md):
# a label per verdict, a message, closing and locking at a verdict. The
# comment that explains them is posted (or updated) before the pull
# request is closed or locked; an exempt pull request (policy.exempt in
# CONFIG) gets no verdict label and no action.
#
# Environment (action.yml sets it; a test can too):
#   HEFT               the heft binary (default: heft on PATH)
#   BASE, HEAD         the commits to compare (the pull request's base and head)
#   GITHUB_EVENT_PATH  the event payload; its pull_request object, if any, is read
#   CONFIG             optional: a JSON heuristics configuration file
#   LEDGER             optional: a stake ledger file; adds the reputation scorer
#   FAIL_AT            optional: review or flag, exit 1 when the verdict reaches it
#   TOKEN              optional: a GitHub token for the API calls
#   GITHUB_API_URL     the REST API (default https://api.github.com)
#   ACCOUNT_LOOKUP     true (default) or false: look up the author's account
#   LABEL_PASS, LABEL_REVIEW, LABEL_FLAG  optional: the label for each verdict
#   MESSAGE            optional: Markdown posted with the report at MESSAGE_AT
#   MESSAGE_AT         review (default) or flag
#   CLOSE_AT, LOCK_AT  optional: review or flag, close or lock from that verdict on
#   LOCK_REASON        optional: off-topic, too heated, resolved or spam
#   RUNNER_TEMP        a scratch directory (default: a new temporary one)
#   GITHUB_STEP_SUMMARY, GITHUB_OUTPUT  where the report and the outputs go
#
# Exit status: 0; 1 when FAIL_AT is reached (never for an exempt pull
# request); 2 when it cannot score. A failed write (a read-only token) is
# a warning, not a failure.
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
case ${CLOSE_AT:-} in "" | review | flag) ;; *) die "close-at must be review or flag, not '${CLOSE_AT}'" ;; esac
case ${LOCK_AT:-} in "" | review | flag) ;; *) die "lock-at must be review or flag, not '${LOCK_AT}'" ;; esac
case ${MESSAGE_AT:-review} in review | flag) ;; *) die "message-at must be review or flag, not '${MESSAGE_AT}'" ;; esac
case ${LOCK_REASON:-} in "" | off-topic | "too heated" | resolved | spam) ;;
*) die "lock-reason must be off-topic, too heated, resolved or spam, not '${LOCK_REASON}'" ;;
esac
case ${ACCOUNT_LOOKUP:-true} in true | false) ;; *) die "account-lookup must be true or false, not '${ACCOUNT_LOOKUP}'" ;; esac
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

api=${GITHUB_API_URL:-https://api.github.com}
auth="$tmp/heft-auth.txt"
(
	umask 077
	: >"$auth"
	# The token goes to curl in a file, never on a command line.
	if [[ -n ${TOKEN:-} ]]; then printf 'Authorization: Bearer %s\n' "$TOKEN" >"$auth"; fi
)

# gh_api METHOD PATH [JSON-FILE] calls the REST API and prints the HTTP
# status (000 when it could not connect); the answer is in
# $tmp/heft-api.json, its headers in $tmp/heft-api.headers.
gh_api() {
	local args=(-sS --max-time 20 -X "$1" -o "$tmp/heft-api.json" -D "$tmp/heft-api.headers" -w '%{http_code}'
		-H "Accept: application/vnd.github+json" -H "X-GitHub-Api-Version: 2022-11-28" -H "@$auth")
	[[ -n ${3:-} ]] && args+=(-H "Content-Type: application/json" --data-binary "@$3")
	: >"$tmp/heft-api.json"
	curl "${args[@]}" "$api$2" 2>>"$tmp/heft-curl.log" || true
}

# why STATUS says why a call failed, for a notice or a warning.
why() {
	local remaining reset
	remaining=$(tr -d '\r' <"$tmp/heft-api.headers" 2>/dev/null | awk -F': ' 'tolower($1) == "x-ratelimit-remaining" { print $2 }' | tail -1)
	reset=$(tr -d '\r' <"$tmp/heft-api.headers" 2>/dev/null | awk -F': ' 'tolower($1) == "x-ratelimit-reset" { print $2 }' | tail -1)
	if [[ ($1 == 403 || $1 == 429) && (${remaining:-} == 0 || -n $(grep -i '^retry-after:' "$tmp/heft-api.headers" 2>/dev/null)) ]]; then
		echo "HTTP $1: rate limited${reset:+ until $(date -u -d "@$reset" +%H:%M:%SZ 2>/dev/null || echo "$reset")}"
	elif [[ $1 == 000 ]]; then
		echo "the API could not be reached"
	else
		echo "HTTP $1: $(jq -r '.message? // empty' "$tmp/heft-api.json" 2>/dev/null | head -c 200)"
	fi
}

# next_page prints the path of the next page the last answer's Link
# header names (rel="next"), when it is on the same API; nothing else.
next_page() {
	local url
	url=$(tr -d '\r' <"$tmp/heft-api.headers" 2>/dev/null | grep -i '^link:' | tail -1 | tr ',' '\n' |
		grep 'rel="next"' | sed -n 's/.*<\([^>]*\)>.*/\1/p' | head -1) || true
	[[ -n $url && $url == "$api/"* ]] || return 0
	url=${url#"$api"}
	if [[ $url =~ ^/[A-Za-z0-9_./?=\&%-]+$ ]]; then echo "$url"; fi
}

args=()
event=""
if [[ -n ${GITHUB_EVENT_PATH:-} && -f $GITHUB_EVENT_PATH ]] && jq -e '.pull_request | type == "object"' "$GITHUB_EVENT_PATH" >/dev/null; then
	event=$GITHUB_EVENT_PATH
fi

# The author's account: the event's user object has only the login and
# the type; GET /users/LOGIN has the rest, in the same shape, so it takes
# the user object's place in a copy of the event that heft reads.
if [[ -n $event && ${ACCOUNT_LOOKUP:-true} == true ]]; then
	login=$(jq -r '.pull_request.user.login // ""' "$event")
	utype=$(jq -r '.pull_request.user.type // ""' "$event")
	if [[ $login =~ ^[A-Za-z0-9][A-Za-z0-9-]{0,38}$ && $utype != Bot ]]; then
		status=$(gh_api GET "/users/$login")
		if [[ $status == 200 ]] && jq -e --arg l "$login" '(.login // "" | ascii_downcase) == ($l | ascii_downcase)' "$tmp/heft-api.json" >/dev/null 2>&1; then
			jq --slurpfile u "$tmp/heft-api.json" '.pull_request.user += ($u[0] | {created_at, name, company, blog,
				location, email, hireable, bio, twitter_username, public_repos, followers, following})' \
				"$event" >"$tmp/heft-event.json"
			event="$tmp/heft-event.json"
		else
			echo "::notice title=heft::the account of @$login was not looked up ($(why "$status")); the account scorer has nothing to say about it"
		fi
	fi
fi
[[ -n $event ]] && args+=(--github-event "$event")
[[ -n ${CONFIG:-} ]] && args+=(--config "$CONFIG")
[[ -n ${LEDGER:-} ]] && args+=(--ledger "$LEDGER")
# The repository's pull request template, for the template scorer, from
# the base commit: a pull request cannot rewrite the template it is read
# against. GitHub's paths, the first found wins.
for p in .github/pull_request_template.md .github/PULL_REQUEST_TEMPLATE.md pull_request_template.md \
	PULL_REQUEST_TEMPLATE.md docs/pull_request_template.md docs/PULL_REQUEST_TEMPLATE.md; do
	if git cat-file -e "$BASE:$p" 2>/dev/null; then
		git show "$BASE:$p" >"$tmp/heft-template.md" && args+=(--template "$tmp/heft-template.md")
		break
	fi
done

"$heft" score "${args[@]}" --format markdown "$input" >"$tmp/heft-report.md"
cat "$tmp/heft-report.md" >>"$summary"
"$heft" score "${args[@]}" --format json "$input" >"$tmp/heft-report.json"
verdict=$(jq -r .verdict "$tmp/heft-report.json")
exempt=$(jq -r '.exempt // ""' "$tmp/heft-report.json" | tr -d '\r\n')
{
	echo "verdict=$verdict"
	echo "score=$(jq -r .score "$tmp/heft-report.json")"
	echo "exempt=$exempt"
	echo "report=$tmp/heft-report.json"
} >>"$output"

status=0
"$heft" score "${args[@]}" --format github ${FAIL_AT:+--fail-at "$FAIL_AT"} "$input" || status=$?

# The opt-in actions, on the pull request of the event.
repo=""
number=0
if [[ -n $event ]]; then
	repo=$(jq -r '.repository.full_name // ""' "$event")
	number=$(jq -r '.pull_request.number // 0' "$event")
fi
# Digits only: [[ -gt ]] evaluates its operands as arithmetic.
[[ $number =~ ^[0-9]+$ ]] || number=0
[[ $repo =~ ^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$ ]] || repo=""
# reaches VERDICT LEVEL: whether the verdict is at the level or above.
reaches() {
	case $2 in
	review) [[ $1 == review || $1 == flag ]] ;;
	flag) [[ $1 == flag ]] ;;
	*) false ;;
	esac
}
warn() { echo "::warning title=heft::$*"; }

if [[ -n $repo && $number -gt 0 && -z $exempt ]]; then
	message=false close=false lock=false
	[[ -n ${MESSAGE:-} ]] && reaches "$verdict" "${MESSAGE_AT:-review}" && message=true
	# A pull request someone reopened is not closed again.
	reaches "$verdict" "${CLOSE_AT:-}" && [[ $(jq -r '.action // ""' "$event") != reopened ]] && close=true
	reaches "$verdict" "${LOCK_AT:-}" && [[ $(jq -r '.pull_request.locked // false' "$event") != true ]] && lock=true
	if $message || $close || $lock; then
		# The explanation first, in one comment found again by its marker.
		cp "$tmp/heft-report.md" "$tmp/heft-comment.md"
		{
			$message && printf '\n%s\n' "$MESSAGE"
			$close && printf '\nheft closes this pull request because its verdict is **%s**; a maintainer can reopen it, and heft will not close it again.\n' "$verdict"
			$lock && printf '\nheft locks this conversation because its verdict is **%s**; a maintainer can unlock it.\n' "$verdict"
			true
		} >>"$tmp/heft-comment.md"
		jq -n --rawfile body "$tmp/heft-comment.md" '{body: ("<!-- heft-action -->\n" + $body)}' >"$tmp/heft-comment.json"
		# Our earlier comment, on any page: GitHub lists 100 comments a
		# page, oldest first, and names the next page in the Link header.
		# Only a next page on the same API is followed (the token goes
		# nowhere else), and at most max_pages of them.
		id=""
		max_pages=30
		page="/repos/$repo/issues/$number/comments?per_page=100"
		for ((i = 1; i <= max_pages; i++)); do
			[[ $(gh_api GET "$page") == 200 ]] || break
			id=$(jq -r '[.[]? | select(.body // "" | startswith("<!-- heft-action -->")) | .id][0] // ""' "$tmp/heft-api.json")
			[[ -z $id ]] || break
			next=$(next_page)
			[[ -n $next && $next != "$page" ]] || break
			if ((i == max_pages)); then
				echo "::notice title=heft::looked for heft's earlier comment in the first $((max_pages * 100)) comments only; posting a new one"
			fi
			page=$next
		done
		if [[ -n $id ]]; then
			status_c=$(gh_api PATCH "/repos/$repo/issues/comments/$id" "$tmp/heft-comment.json")
		else
			status_c=$(gh_api POST "/repos/$repo/issues/$number/comments" "$tmp/heft-comment.json")
		fi
		if [[ $status_c != 200 && $status_c != 201 ]]; then
			warn "could not comment ($(why "$status_c")), so the pull request is neither closed nor locked: give the token pull-requests: write"
			close=false lock=false
		fi
	fi
fi

# The verdict's label, and no other verdict label. An exempt pull request
# has none.
if [[ -n $repo && $number -gt 0 && -n ${LABEL_PASS:-}${LABEL_REVIEW:-}${LABEL_FLAG:-} ]]; then
	want=""
	if [[ -z $exempt ]]; then
		case $verdict in
		pass) want=${LABEL_PASS:-} ;;
		review) want=${LABEL_REVIEW:-} ;;
		flag) want=${LABEL_FLAG:-} ;;
		esac
	fi
	have=$(jq -r '.pull_request.labels[]?.name' "$event")
	for l in "${LABEL_PASS:-}" "${LABEL_REVIEW:-}" "${LABEL_FLAG:-}"; do
		[[ -z $l || $l == "$want" ]] && continue
		if grep -qxF -- "$l" <<<"$have"; then
			s=$(gh_api DELETE "/repos/$repo/issues/$number/labels/$(jq -rn --arg s "$l" '$s | @uri')")
			[[ $s == 200 || $s == 404 ]] || warn "could not remove the label '$l' ($(why "$s"))"
		fi
	done
	if [[ -n $want ]] && ! grep -qxF -- "$want" <<<"$have"; then
		jq -n --arg l "$want" '{labels: [$l]}' >"$tmp/heft-labels.json"
		s=$(gh_api POST "/repos/$repo/issues/$number/labels" "$tmp/heft-labels.json")
		[[ $s == 200 ]] || warn "could not add the label '$want' ($(why "$s")): give the token issues: write or pull-requests: write"
	fi
fi

if [[ -n $repo && $number -gt 0 && -z $exempt ]]; then
	if $close; then
		echo '{"state": "closed"}' >"$tmp/heft-close.json"
		s=$(gh_api PATCH "/repos/$repo/pulls/$number" "$tmp/heft-close.json")
		[[ $s == 200 ]] || warn "could not close the pull request ($(why "$s"))"
	fi
	if $lock; then
		jq -n --arg r "${LOCK_REASON:-}" 'if $r == "" then {} else {lock_reason: $r} end' >"$tmp/heft-lock.json"
		s=$(gh_api PUT "/repos/$repo/issues/$number/lock" "$tmp/heft-lock.json")
		[[ $s == 204 ]] || warn "could not lock the conversation ($(why "$s"))"
	fi
fi
exit "$status"
