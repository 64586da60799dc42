package eval

import (
	"bufio"
	"bytes"
	"cmp"
	"context"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/heft-dev/heft/examples/internal/corpus"
	"github.com/heft-dev/heft/internal/wording"
)

// How CloneDiffs rebuilt a pull request's diff, the names its notes count
// by.
const (
	// CloneCommits: the data's commits of the pull request are in the
	// clone, none is a merge, and they are exactly the history from the
	// first one's parent to the last; the diff runs from that parent to
	// the last: the net change of the pull request's own commits, whatever
	// branch it targeted and whether it was merged.
	CloneCommits = "commits"
	// CloneHead: otherwise, the pull request's head commit (its last
	// commit in the data, or the repository's refs/pull/N/head) is not in
	// the default branch's history, and the diff runs from where it forked
	// from that branch (git merge-base) to it: what GitHub shows as the
	// pull request's files when it targets the default branch. For a pull
	// request on another branch it also holds that branch's own changes.
	CloneHead = "head"
	// CloneSquash: neither commit is in the clone, but the default branch
	// has a commit whose subject ends in "(#N)" (how GitHub names a
	// squash merge), and the diff is that commit's.
	CloneSquash = "squash"
)

// CloneDiffOptions configures WithCloneDiffs.
type CloneDiffOptions struct {
	// Dir holds the clones, one per repository, in any layout
	// corpus.FindRepo knows (DIR/owner+name, DIR/owner/name, bare or not).
	Dir string

	// Keep passes on records whose diff could not be rebuilt, without a
	// diff; by default they are left out and counted in the notes.
	Keep bool

	// MaxDiff bounds one rebuilt diff in bytes; a larger pull request is
	// left out (counted as too large). Default DefaultMaxDiff.
	MaxDiff int
}

// CloneDiffs adds to each record of a source without a diff the diff of
// its pull request, rebuilt from a local clone of its repository with
// git: a record's Repo names the clone, the number after "#" in its ID
// the pull request, and its commits' SHAs the head. The ways tried, in
// order, are CloneCommits, CloneHead and CloneSquash (the last only for
// merged pull requests). Nothing else of the record changes, so the
// effort outcomes still come from the data's timelines.
//
// The selection is not random: a pull request's diff can be rebuilt only
// when its repository was cloned and its commits, its refs/pull head or
// its squash commit are in the clone. Notes counts each way and each
// reason a record was left out.
//
// Per repository it runs two git processes to index the clone once, and
// two long-lived ones that answer every question about it (git cat-file
// --batch reads commits, git diff-tree --stdin makes the diffs), so a
// pull request costs no process of its own, except a git merge-base for
// one whose commits are not the plain history of its head. At most 16
// clones keep their processes running at once. It keeps, per repository
// seen, the pull request heads and the squash subjects of the default
// branch (a few dozen bytes per pull request or commit), and one diff at
// a time, bounded by MaxDiff. A commit the data names that the clone
// lacks is a count in the notes; a blob the clone lacks (a partial
// snapshot) fails that pull request's diff with git's message, counted
// as "git failed", and the next one starts git again.
type CloneDiffs struct {
	src   Source
	opt   CloneDiffOptions
	ctx   context.Context
	repos map[string]*cloneRepo // by Repo; nil: no clone

	asked int64 // requests so far, to find the clone least recently asked

	rebuilt map[string]int // by way
	left    map[string]int // by reason
	gitErr  error          // the first git failure, for the notes
}

// Reasons CloneDiffs leaves a record out, as its notes count them.
const (
	cloneNoRepo    = "repository not cloned"
	cloneNoNumber  = "no repository or pull request number"
	cloneNoCommits = "no commit of it in the clone"
	cloneMergeIn   = "a merge among its commits"
	cloneTooLarge  = "diff too large"
	cloneGitFailed = "git failed"
	cloneEmpty     = "empty diff"
)

// WithCloneDiffs wraps src so that its records carry diffs rebuilt from
// the clones under opt.Dir. ctx bounds the git processes.
func WithCloneDiffs(ctx context.Context, src Source, opt CloneDiffOptions) *CloneDiffs {
	if opt.MaxDiff <= 0 {
		opt.MaxDiff = DefaultMaxDiff
	}
	return &CloneDiffs{src: src, opt: opt, ctx: ctx, repos: map[string]*cloneRepo{},
		rebuilt: map[string]int{}, left: map[string]int{}}
}

// Next returns the next record, with its diff when it could be rebuilt.
// Records that already carry a diff pass unchanged.
func (c *CloneDiffs) Next() (*Record, error) {
	for {
		rec, err := c.src.Next()
		if err != nil || rec.Diff != "" {
			return rec, err
		}
		way, why, err := c.rebuild(rec)
		if err != nil && c.gitErr == nil {
			c.gitErr = fmt.Errorf("%s: %w", rec.ID, err)
		}
		if way != "" {
			c.rebuilt[way]++
			return rec, nil
		}
		c.left[why]++
		if c.opt.Keep {
			return rec, nil
		}
	}
}

// Close stops the git processes and closes the wrapped source.
func (c *CloneDiffs) Close() error {
	for _, r := range c.repos {
		if r != nil {
			r.stop()
		}
	}
	return c.src.Close()
}

// isNoDiffsNote reports whether s is the AIDev CSV layout's note that it
// has no diffs, no longer true of the records CloneDiffs passes on.
func isNoDiffsNote(s string) bool { return s == aidevNoDiffs }

// Notes passes on the source's notes, but the one saying it has no
// diffs, and says how many diffs were rebuilt, how, and what was left
// out.
func (c *CloneDiffs) Notes() []string {
	var notes []string
	if n, ok := c.src.(Noter); ok {
		notes = slices.DeleteFunc(n.Notes(), isNoDiffsNote)
	}
	total := 0
	for _, n := range c.rebuilt {
		total += n
	}
	s := fmt.Sprintf("diffs rebuilt with git from the clones of %s: %s (%s)",
		wording.Count(c.cloned(), "repository", "repositories"), wording.Count(total, "pull request", "pull requests"),
		counts(c.rebuilt, []string{CloneCommits, CloneHead, CloneSquash}))
	if len(c.left) > 0 {
		verb := "left out"
		if c.opt.Keep {
			verb = "kept without a diff"
		}
		s += fmt.Sprintf("; %s: %s", verb, counts(c.left, []string{cloneNoRepo, cloneNoNumber, cloneNoCommits, cloneMergeIn, cloneEmpty, cloneTooLarge, cloneGitFailed}))
	}
	if c.gitErr != nil {
		s += fmt.Sprintf(" (first git failure: %v)", c.gitErr)
	}
	return append(notes, s+". Only pull requests whose commits are still in their repository can be read, so the selection leans to merged ones and to repositories that keep pull request refs")
}

// cloned counts the repositories with a clone.
func (c *CloneDiffs) cloned() int {
	n := 0
	for _, r := range c.repos {
		if r != nil {
			n++
		}
	}
	return n
}

// counts formats "12 head, 3 squash" in the order of names.
func counts(m map[string]int, names []string) string {
	var parts []string
	for _, k := range names {
		if m[k] > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", m[k], k))
		}
	}
	if len(parts) == 0 {
		return "none"
	}
	return strings.Join(parts, ", ")
}

// rebuild sets rec.Diff and returns how, or returns why it could not
// and, when git failed, its error.
func (c *CloneDiffs) rebuild(rec *Record) (way, why string, err error) {
	_, num, ok := strings.Cut(rec.ID, "#")
	n, nerr := strconv.Atoi(num)
	if rec.Repo == "" || !ok || nerr != nil || n <= 0 {
		return "", cloneNoNumber, nil
	}
	repo, err := c.repo(rec.Repo)
	if err != nil {
		return "", cloneGitFailed, err
	}
	if repo == nil {
		return "", cloneNoRepo, nil
	}
	defer c.release(repo)
	var from, to *commitInfo
	var head *commitInfo // the head: the data's last commit, or refs/pull/N/head
	own := false         // the head is the data's last commit
	k := len(rec.Commits)
	if k > 0 {
		if head, err = repo.commit(c.ctx, rec.Commits[k-1].SHA); err != nil {
			return "", cloneGitFailed, err
		}
		own = head != nil
	}
	if head == nil && repo.pulls[n] != "" {
		if head, err = repo.commit(c.ctx, repo.pulls[n]); err != nil {
			return "", cloneGitFailed, err
		}
	}
	linear, mergeIn := false, false
	var first *commitInfo
	if own {
		// Going back from the head by first parents, are the data's
		// commits exactly the last k, none a merge, the first one with a
		// parent? Then the range from that parent holds exactly them.
		first = head
		if rec.Commits[0].SHA != rec.Commits[k-1].SHA {
			if first, err = repo.commit(c.ctx, rec.Commits[0].SHA); err != nil {
				return "", cloneGitFailed, err
			}
		}
		if first != nil {
			if linear, mergeIn, err = repo.chain(c.ctx, head, first, k); err != nil {
				return "", cloneGitFailed, err
			}
		}
	}
	switch {
	case linear:
		if from, err = repo.parentOf(c.ctx, first); err != nil {
			return "", cloneGitFailed, err
		}
		way, to = CloneCommits, head
	case head != nil:
		base, err := repo.mergeBase(c.ctx, head)
		if err != nil {
			return "", cloneGitFailed, err
		}
		if base == head.oid { // the head is in the default branch's history
			return c.squashOr(repo, rec, n, mergeIn)
		}
		if from, err = repo.commit(c.ctx, base); err != nil || from == nil {
			return "", cloneGitFailed, cmpErr(err, fmt.Errorf("eval: git merge-base in %s: %s is not a commit", repo.dir, base))
		}
		way, to = CloneHead, head
	default:
		return c.squashOr(repo, rec, n, mergeIn)
	}
	return c.diff(rec, repo, way, from, to)
}

// squashOr rebuilds the diff of a merged pull request from its squash
// commit, or says why there is none.
func (c *CloneDiffs) squashOr(repo *cloneRepo, rec *Record, n int, mergeIn bool) (way, why string, err error) {
	switch {
	case rec.Merged != nil && *rec.Merged && repo.squash[n] != "":
		to, err := repo.commit(c.ctx, repo.squash[n])
		if err != nil || to == nil {
			return "", cloneGitFailed, cmpErr(err, fmt.Errorf("eval: git in %s: squash commit %s is not a commit", repo.dir, repo.squash[n]))
		}
		from, err := repo.parentOf(c.ctx, to)
		if err != nil {
			return "", cloneGitFailed, err
		}
		return c.diff(rec, repo, CloneSquash, from, to)
	case mergeIn:
		return "", cloneMergeIn, nil
	}
	return "", cloneNoCommits, nil
}

// cmpErr returns err, or alt when err is nil.
func cmpErr(err, alt error) error {
	if err != nil {
		return err
	}
	return alt
}

// diff sets rec.Diff to the diff between two commits.
func (c *CloneDiffs) diff(rec *Record, repo *cloneRepo, way string, from, to *commitInfo) (string, string, error) {
	diff, err := repo.diff(c.ctx, from.tree, to.tree, c.opt.MaxDiff)
	switch {
	case errors.Is(err, errDiffTooLarge):
		return "", cloneTooLarge, nil
	case err != nil:
		return "", cloneGitFailed, err
	case diff == "":
		return "", cloneEmpty, nil
	}
	rec.Diff = diff
	return way, "", nil
}

// cloneRepo is one clone, what CloneDiffs looked up in it once, and the
// two long-lived git processes it asks (started when first needed,
// stopped when the repository has not been asked for a while).
type cloneRepo struct {
	dir    string
	pulls  map[int]string // pull request number → refs/pull/N/head
	squash map[int]string // pull request number → commit of the default branch whose subject ends in (#N)

	cat, diffs *gitProc              // git cat-file --batch, git diff-tree --stdin
	line       map[[20]byte]int32    // the default branch's first-parent line: commit → place, from the newest
	history    map[[20]byte]struct{} // the commits of HEAD's history, when a fork point was asked for
	noHistory  bool                  // object ids are not SHA-1: ask git merge-base
	used       int64                 // when CloneDiffs last asked, in requests
}

// maxLiveRepos bounds the clones with git processes running: past it the
// least recently asked stops its processes (and starts them again when
// asked). Each diff-tree process keeps a cache of up to
// diffCacheLimit.
const (
	maxLiveRepos   = 16
	diffCacheLimit = "16m"
)

// squashSubject matches GitHub's squash-merge subject, "Title (#123)".
var squashSubject = regexp.MustCompile(`\(#([0-9]+)\)\s*$`)

// repo finds and indexes the clone of name, once; nil when there is none.
func (c *CloneDiffs) repo(name string) (*cloneRepo, error) {
	if r, ok := c.repos[name]; ok {
		return r, nil
	}
	found, err := corpus.FindRepo(c.opt.Dir, name)
	if err != nil {
		c.repos[name] = nil
		return nil, nil //nolint:nilerr // no clone is a count, not a failure
	}
	r := &cloneRepo{dir: found.GitDir, squash: map[int]string{}}
	c.repos[name] = r
	refs, err := r.git(c.ctx, "for-each-ref", "--format=%(objectname) %(refname)", "refs/pull")
	if err != nil {
		return nil, err
	}
	r.pulls = parsePullRefs(refs)
	// The default branch's first-parent history, streamed: the place of
	// each commit, and the subjects of those that are not merges.
	r.line = map[[20]byte]int32{}
	err = r.stream(c.ctx, func(line string) {
		sha, rest, _ := strings.Cut(line, "\x00")
		parents, subject, _ := strings.Cut(rest, "\x00")
		if k, ok := oidKey(sha); ok {
			r.line[k] = int32(len(r.line))
		}
		if strings.Contains(parents, " ") {
			return // a merge
		}
		if n, ok := squashNumber(subject); ok {
			if _, dup := r.squash[n]; !dup { // the newest wins: a revert says "(#N)" too, but later
				r.squash[n] = sha
			}
		}
	}, "log", "--first-parent", "--format=%H%x00%P%x00%s", "HEAD")
	return r, err
}

// release notes that repo was just asked, and stops the processes of the
// least recently asked clone when more than maxLiveRepos have them.
func (c *CloneDiffs) release(repo *cloneRepo) {
	c.asked++
	repo.used = c.asked
	var live []*cloneRepo
	for _, r := range c.repos {
		if r != nil && (r.cat != nil || r.diffs != nil || r.history != nil) {
			live = append(live, r)
		}
	}
	if len(live) <= maxLiveRepos {
		return
	}
	oldest := slices.MinFunc(live, func(a, b *cloneRepo) int { return cmp.Compare(a.used, b.used) })
	oldest.stop()
}

// stop ends the clone's git processes and lets go of its history.
func (r *cloneRepo) stop() {
	r.history = nil
	for _, p := range []**gitProc{&r.cat, &r.diffs} {
		if *p != nil {
			(*p).close()
			*p = nil
		}
	}
}

// proc returns the running process *p, starting it with args when it is
// not running (first use, or stopped after a failure).
func (r *cloneRepo) proc(ctx context.Context, p **gitProc, args ...string) (*gitProc, error) {
	if *p != nil && (*p).cmd != nil {
		return *p, nil
	}
	np, err := startGit(ctx, r.dir, args...)
	if err != nil {
		return nil, err
	}
	*p = np
	return np, nil
}

// commit reads the commit sha names, or returns nil when the clone has
// none (or sha is not an object id).
func (r *cloneRepo) commit(ctx context.Context, sha string) (*commitInfo, error) {
	if !isHex(sha) {
		return nil, nil
	}
	p, err := r.proc(ctx, &r.cat, "cat-file", "--batch")
	if err != nil {
		return nil, err
	}
	return catFile(p, sha)
}

// parentOf reads the first parent of c.
func (r *cloneRepo) parentOf(ctx context.Context, c *commitInfo) (*commitInfo, error) {
	if len(c.parents) == 0 {
		return nil, fmt.Errorf("eval: git in %s: commit %s has no parent", r.dir, c.oid)
	}
	p, err := r.commit(ctx, c.parents[0])
	if err == nil && p == nil {
		err = fmt.Errorf("eval: git in %s: the parent %s of %s is missing", r.dir, c.parents[0], c.oid)
	}
	return p, err
}

// chain reports whether first is k-1 first parents back from head, with
// no merge on the way or at first and a parent before it (linear), or
// whether a merge was met in the k commits from head (mergeIn).
func (r *cloneRepo) chain(ctx context.Context, head, first *commitInfo, k int) (linear, mergeIn bool, err error) {
	c := head
	for i := 0; i < k; i++ {
		switch {
		case len(c.parents) > 1:
			return false, true, nil
		case i == k-1:
			return c.oid == first.oid && len(c.parents) == 1, false, nil
		case len(c.parents) == 0:
			return false, false, nil
		case c.parents[0] == first.oid:
			c = first // read already
			continue
		}
		if c, err = r.commit(ctx, c.parents[0]); err != nil || c == nil {
			return false, false, err
		}
	}
	return false, false, nil
}

// maxForkWalk bounds the commits mergeBase reads back from a head before
// it asks git instead.
const maxForkWalk = 1000

// mergeBase returns where head forked from the default branch, as git
// merge-base HEAD head does: head itself when it is in that branch's
// history. It reads head's history with cat-file back to the commits of
// the branch's history (a set loaded once); when each of those it meets
// is on the branch's first-parent line (where pull requests fork from and
// merge the default branch in), the latest of them is the answer: the
// others are its ancestors. Otherwise (a fork from a merged side branch,
// an unrelated root, a very long branch) one git merge-base process walks
// the graph.
func (r *cloneRepo) mergeBase(ctx context.Context, head *commitInfo) (string, error) {
	base, ok, err := r.forkPoint(ctx, head)
	if err != nil || ok {
		return base, err
	}
	out, err := r.git(ctx, "merge-base", "HEAD", head.oid)
	if err != nil {
		return "", err
	}
	return strings.TrimSpace(out), nil
}

// forkPoint is mergeBase without git merge-base: ok is false when it
// cannot tell.
func (r *cloneRepo) forkPoint(ctx context.Context, head *commitInfo) (base string, ok bool, err error) {
	if err := r.loadHistory(ctx); err != nil || r.history == nil {
		return "", false, err
	}
	if r.inHistory(head.oid) {
		return head.oid, true, nil
	}
	seen := map[string]bool{head.oid: true}
	queue := []*commitInfo{head}
	best, bestAt := "", int32(-1)
	for read := 0; len(queue) > 0; read++ {
		if read == maxForkWalk {
			return "", false, nil
		}
		c := queue[0]
		queue = queue[1:]
		for _, p := range c.parents {
			if seen[p] {
				continue
			}
			seen[p] = true
			if r.inHistory(p) {
				k, _ := oidKey(p)
				at, onLine := r.line[k]
				if !onLine {
					return "", false, nil
				}
				if bestAt < 0 || at < bestAt {
					best, bestAt = p, at
				}
				continue
			}
			pc, err := r.commit(ctx, p)
			if err != nil {
				return "", false, err
			}
			if pc == nil {
				return "", false, nil // let git say what is missing
			}
			queue = append(queue, pc)
		}
	}
	return best, bestAt >= 0, nil
}

// loadHistory loads, once, the set of commits in the history of the
// clone's HEAD (git rev-list HEAD, about 30 bytes a commit), dropped with
// the clone's processes. It stays nil for a repository whose object ids
// are not SHA-1.
func (r *cloneRepo) loadHistory(ctx context.Context) error {
	if r.history != nil || r.noHistory {
		return nil
	}
	history := map[[20]byte]struct{}{}
	err := r.stream(ctx, func(line string) {
		if k, ok := oidKey(line); ok {
			history[k] = struct{}{}
		} else {
			r.noHistory = true
		}
	}, "rev-list", "HEAD")
	if err != nil || r.noHistory {
		return err
	}
	r.history = history
	return nil
}

// inHistory reports whether oid is in the loaded history of HEAD.
func (r *cloneRepo) inHistory(oid string) bool {
	k, ok := oidKey(oid)
	if !ok {
		return false
	}
	_, ok = r.history[k]
	return ok
}

// oidKey returns a SHA-1 object id as 20 bytes.
func oidKey(oid string) (k [20]byte, ok bool) {
	if len(oid) != 40 {
		return k, false
	}
	_, err := hex.Decode(k[:], []byte(oid))
	return k, err == nil
}

// diff returns the unified diff between two trees, with renames found,
// or errDiffTooLarge past max bytes.
func (r *cloneRepo) diff(ctx context.Context, from, to string, max int) (string, error) {
	p, err := r.proc(ctx, &r.diffs, "-c", "core.quotePath=true", "-c", "core.deltaBaseCacheLimit="+diffCacheLimit,
		"diff-tree", "--stdin", "-r", "-p", "-M", "--no-color", "--no-ext-diff", "--no-textconv", "--src-prefix=a/", "--dst-prefix=b/")
	if err != nil {
		return "", err
	}
	return diffTrees(p, from, to, max)
}

// git runs a git command in the clone and returns its output.
func (r *cloneRepo) git(ctx context.Context, args ...string) (string, error) {
	cmd := exec.CommandContext(ctx, "git", append([]string{"--git-dir", r.dir}, args...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &limitedBuffer{buf: &stderr, max: 4096}
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("eval: git %s in %s: %w: %s", args[0], r.dir, err, strings.TrimSpace(stderr.String()))
	}
	return string(out), nil
}

// stream runs a git command and hands each line of its output to each.
func (r *cloneRepo) stream(ctx context.Context, each func(string), args ...string) error {
	cmd := exec.CommandContext(ctx, "git", append([]string{"--git-dir", r.dir}, args...)...)
	out, err := cmd.StdoutPipe()
	if err != nil {
		return err
	}
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("eval: git %s: %w", args[0], err)
	}
	sc := bufio.NewScanner(out)
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	for sc.Scan() {
		each(sc.Text())
	}
	scanErr := sc.Err()
	if scanErr != nil {
		_, _ = io.Copy(io.Discard, out) // let git finish, then say why its output stopped
	}
	if err := cmd.Wait(); err != nil {
		return fmt.Errorf("eval: git %s in %s: %w", args[0], r.dir, err)
	}
	if scanErr != nil {
		return fmt.Errorf("eval: git %s in %s: reading its output: %w", args[0], r.dir, scanErr)
	}
	return nil
}

// isHex reports whether s is a full or abbreviated hexadecimal object id,
// so that no data can pass an option or a revision expression to git.
func isHex(s string) bool {
	if len(s) < 7 || len(s) > 64 {
		return false
	}
	for _, c := range []byte(s) {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return false
		}
	}
	return true
}

// parsePullRefs reads git for-each-ref's "SHA refs/pull/N/head" lines
// into a map from N to SHA; other lines are ignored.
func parsePullRefs(out string) map[int]string {
	pulls := map[int]string{}
	for line := range strings.Lines(out) {
		sha, ref, _ := strings.Cut(strings.TrimSpace(line), " ")
		num, ok := strings.CutPrefix(ref, "refs/pull/")
		if !ok {
			continue
		}
		if num, ok = strings.CutSuffix(num, "/head"); !ok || !isHex(sha) {
			continue
		}
		if n, err := strconv.Atoi(num); err == nil && n > 0 {
			pulls[n] = sha
		}
	}
	return pulls
}

// squashNumber returns N of a subject ending in "(#N)", how GitHub names
// a squash merge.
func squashNumber(subject string) (int, bool) {
	m := squashSubject.FindStringSubmatch(subject)
	if m == nil {
		return 0, false
	}
	n, err := strconv.Atoi(m[1])
	if err != nil || n <= 0 {
		return 0, false
	}
	return n, true
}
