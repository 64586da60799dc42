package eval

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/heft-dev/heft/heuristics"
)

// Default limits of a Git source.
const (
	DefaultMaxDiff    = 16 << 20 // bytes of one commit's diff
	DefaultMaxMessage = 1 << 20  // bytes of one commit message
)

// GitOptions configures a Git source. The zero value reads the whole
// history of HEAD with the default labeller and limits.
type GitOptions struct {
	// Since limits the history to commits after a date git understands
	// ("2024-01-01", "6 months ago"). Default: no limit.
	Since string

	// Revs are the revision arguments to git log ("v1.0..main",
	// "HEAD~500..HEAD"). Default HEAD.
	Revs []string

	// Labeller labels each commit machine-written or not. Default
	// LabelAny(LabelDisclosure, LabelCommit): package disclosure's
	// markers, or the short list of LabelCommit, which knows tools the
	// disclosure catalogue may not yet.
	Labeller Labeller

	// LabelledBy describes the labeller in the report. Default: a
	// description of the default labeller, or "a custom labeller".
	LabelledBy string

	// Strip removes the lines that bear the label from the message before
	// it becomes the record's body and commit, so a scorer that reads
	// disclosures is not graded on the very text the label came from.
	Strip bool

	// MaxDiff and MaxMessage bound one commit's diff and message in
	// bytes; a larger commit is skipped with ReasonTooLarge. Defaults
	// DefaultMaxDiff (16 MiB) and DefaultMaxMessage (1 MiB).
	MaxDiff, MaxMessage int
}

// Git turns each non-merge commit of a repository's history into a
// record: the message's first line as title, the rest as body, the commit
// itself, and its diff. It streams one git log process; memory holds one
// commit at a time.
type Git struct {
	opt    GitOptions
	repo   string
	cmd    *exec.Cmd
	cancel context.CancelFunc
	out    io.ReadCloser
	r      *bufio.Reader
	stderr *bytes.Buffer
	done   bool
}

// The fields of one commit, each ended by a NUL, which git log never
// prints in a message or a text diff.
const gitFormat = "%x00%H%x00%an%x00%ae%x00%aI%x00%B%x00"

// OpenGit starts git log in the repository at dir.
func OpenGit(ctx context.Context, dir string, opt GitOptions) (*Git, error) {
	if opt.Labeller == nil {
		opt.Labeller = LabelAny(LabelDisclosure, LabelCommit)
		if opt.LabelledBy == "" {
			opt.LabelledBy = "AI tool markers (trailers, footers, session links, agent accounts) found by package disclosure or the short list of LabelCommit"
		}
	}
	if opt.LabelledBy == "" {
		opt.LabelledBy = "a custom labeller"
	}
	if opt.MaxDiff <= 0 {
		opt.MaxDiff = DefaultMaxDiff
	}
	if opt.MaxMessage <= 0 {
		opt.MaxMessage = DefaultMaxMessage
	}
	for _, r := range opt.Revs {
		if strings.HasPrefix(r, "-") {
			return nil, fmt.Errorf("eval: git: revision %q looks like an option", r)
		}
	}
	args := []string{"-C", dir, "-c", "core.quotePath=true", "-c", "log.showSignature=false",
		"log", "--no-merges", "-p", "--no-color", "--no-ext-diff", "--no-textconv",
		"--src-prefix=a/", "--dst-prefix=b/", "--format=" + gitFormat}
	if opt.Since != "" {
		args = append(args, "--since="+opt.Since)
	}
	args = append(args, opt.Revs...)
	args = append(args, "--")
	ctx, cancel := context.WithCancel(ctx)
	cmd := exec.CommandContext(ctx, "git", args...)
	out, err := cmd.StdoutPipe()
	if err != nil {
		cancel()
		return nil, err
	}
	g := &Git{opt: opt, repo: repoName(dir), cmd: cmd, cancel: cancel, out: out, stderr: &bytes.Buffer{}}
	cmd.Stderr = &limitedBuffer{buf: g.stderr, max: 4096}
	if err := cmd.Start(); err != nil {
		cancel()
		return nil, fmt.Errorf("eval: git: %w", err)
	}
	g.r = bufio.NewReaderSize(out, 1<<16)
	// The stream starts with the first commit's leading NUL.
	if _, _, err := g.field(0); err != nil && err != io.EOF {
		g.Close()
		return nil, err
	}
	return g, nil
}

// repoName names the repository in reports: its folder's name.
func repoName(dir string) string {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return filepath.Base(dir)
	}
	return filepath.Base(strings.TrimSuffix(abs, ".git"))
}

// field reads up to the next NUL. Past max bytes it keeps reading but
// drops the text and reports over. At the end of the stream it returns
// what it read and io.EOF.
func (g *Git) field(max int) (text []byte, over bool, err error) {
	for {
		chunk, err := g.r.ReadSlice(0)
		if max > 0 && len(text)+len(chunk) > max+1 {
			over, text = true, nil
		}
		if !over {
			text = append(text, chunk...)
		}
		switch {
		case err == nil:
			if !over {
				text = text[:len(text)-1]
			}
			return text, over, nil
		case errors.Is(err, bufio.ErrBufferFull):
			continue
		default:
			return text, over, err
		}
	}
}

// Next returns the next commit.
func (g *Git) Next() (*Record, error) {
	if g.done {
		return nil, io.EOF
	}
	var f [5][]byte
	var over bool
	for i := range f {
		max := 4096
		if i == 4 {
			max = g.opt.MaxMessage
		}
		text, o, err := g.field(max)
		if err == io.EOF && i == 0 && len(text) == 0 {
			if werr := g.finish(); werr != nil {
				return nil, werr
			}
			return nil, io.EOF
		}
		if err != nil {
			g.done = true
			if err == io.EOF {
				if werr := g.finish(); werr != nil {
					return nil, werr
				}
				return nil, fmt.Errorf("eval: git log output ends inside a commit")
			}
			return nil, fmt.Errorf("eval: git: %w", err)
		}
		f[i], over = text, over || o
	}
	diff, diffOver, err := g.field(g.opt.MaxDiff)
	if err == io.EOF {
		g.done = true
		if werr := g.finish(); werr != nil {
			return nil, werr
		}
	} else if err != nil {
		g.done = true
		return nil, fmt.Errorf("eval: git: %w", err)
	}
	sha := string(f[0])
	pos := "commit " + sha
	switch {
	case over:
		return nil, &SkipError{Pos: pos, Reason: ReasonTooLarge, Err: fmt.Errorf("message over %d bytes", g.opt.MaxMessage)}
	case diffOver:
		return nil, &SkipError{Pos: pos, Reason: ReasonTooLarge, Err: fmt.Errorf("diff over %d bytes", g.opt.MaxDiff)}
	}
	name, email, msg := string(f[1]), string(f[2]), string(f[4])
	when, _ := time.Parse(time.RFC3339, string(f[3]))
	lab := g.opt.Labeller(msg, name, email)
	if g.opt.Strip {
		msg = StripLines(msg, lab.Lines)
	}
	title, body, _ := strings.Cut(strings.TrimLeft(msg, "\n"), "\n")
	agent := lab.Tool
	if agent == "" {
		agent = "none detected"
		if lab.AI {
			agent = "unknown tool"
		}
	}
	return &Record{
		ID:      sha,
		Title:   strings.TrimSpace(title),
		Body:    strings.TrimLeft(body, "\n"),
		Author:  heuristics.Author{Login: name},
		Commits: []heuristics.Commit{{SHA: sha, Message: msg, AuthorName: name, AuthorEmail: email, Time: when}},
		Diff:    strings.TrimLeft(string(diff), "\n"),
		Now:     when,
		AI:      new(lab.AI),
		Agent:   agent,
		Repo:    g.repo,
		Pos:     pos,
	}, nil
}

// finish waits for git and turns a failure into an error with its
// message; nil when git succeeded.
func (g *Git) finish() error {
	g.done = true
	if g.cmd == nil {
		return nil
	}
	err := g.cmd.Wait()
	g.cmd = nil
	if err != nil {
		msg := strings.TrimSpace(g.stderr.String())
		if i := strings.IndexByte(msg, '\n'); i >= 0 {
			msg = msg[:i]
		}
		if msg == "" {
			msg = err.Error()
		}
		return fmt.Errorf("eval: git log: %s", msg)
	}
	return nil
}

// Close stops git if it is still running.
func (g *Git) Close() error {
	g.done = true
	g.cancel()
	if g.cmd != nil {
		_ = g.cmd.Wait()
		g.cmd = nil
	}
	return nil
}

// Notes says how the labels were made.
func (g *Git) Notes() []string {
	n := "ai labels from " + g.opt.LabelledBy + " in each commit; "
	if g.opt.Strip {
		n += "the label-bearing lines were stripped before scoring (--strip-labels)"
	} else {
		n += "the label-bearing lines were left in what the scorers saw: a scorer that reads disclosures grades itself (use --strip-labels)"
	}
	return []string{n}
}

// limitedBuffer keeps the first max bytes written to it.
type limitedBuffer struct {
	buf *bytes.Buffer
	max int
}

func (l *limitedBuffer) Write(p []byte) (int, error) {
	if room := l.max - l.buf.Len(); room > 0 {
		l.buf.Write(p[:min(room, len(p))])
	}
	return len(p), nil
}

// A gitProc is a long-lived git process that answers requests written to
// its standard input, one line each: git cat-file --batch and git
// diff-tree --stdin. One process per repository replaces a process per
// question, which cost CloneDiffs most of its time (four or five per pull
// request, each loading the repository's pack indexes again).
type gitProc struct {
	dir    string
	what   string // "cat-file", "diff-tree": for errors
	cmd    *exec.Cmd
	cancel context.CancelFunc
	in     io.WriteCloser
	w      *bufio.Writer
	out    *bufio.Reader
	stderr *tailBuffer
}

// startGit starts git --git-dir dir args... with pipes to and from it.
func startGit(ctx context.Context, dir string, args ...string) (*gitProc, error) {
	ctx, cancel := context.WithCancel(ctx)
	cmd := exec.CommandContext(ctx, "git", append([]string{"--git-dir", dir}, args...)...)
	p := &gitProc{dir: dir, what: gitVerb(args), cmd: cmd, cancel: cancel, stderr: &tailBuffer{max: 4096}}
	cmd.Stderr = p.stderr
	in, err := cmd.StdinPipe()
	if err != nil {
		cancel()
		return nil, err
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		in.Close()
		cancel()
		return nil, err
	}
	// A child git leaves running (a hook, a credential helper) could hold
	// standard error open; Wait gives up on it after WaitDelay.
	cmd.WaitDelay = 5 * time.Second
	if err := cmd.Start(); err != nil {
		cancel()
		return nil, fmt.Errorf("eval: git %s in %s: %w", p.what, dir, err)
	}
	p.in, p.w, p.out = in, bufio.NewWriter(in), bufio.NewReaderSize(out, 64<<10)
	return p, nil
}

// gitVerb is the git command among args, past the -c options.
func gitVerb(args []string) string {
	for i := 0; i < len(args); i++ {
		if args[i] == "-c" {
			i++
			continue
		}
		return args[i]
	}
	return "git"
}

// ask writes request lines and flushes them.
func (p *gitProc) ask(lines ...string) error {
	for _, l := range lines {
		p.w.WriteString(l)
		p.w.WriteByte('\n')
	}
	if err := p.w.Flush(); err != nil {
		return p.fail(err)
	}
	return nil
}

// fail stops the process and returns an error that carries the last line
// git wrote to standard error (why it stopped), or err.
func (p *gitProc) fail(err error) error {
	p.close()
	msg := lastLine(p.stderr.String())
	if msg == "" {
		if err == nil || errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
			err = errors.New("git stopped answering")
		}
		msg = err.Error()
	}
	return fmt.Errorf("eval: git %s in %s: %s", p.what, p.dir, msg)
}

// close ends the process. It is killed rather than waited for: a git
// that is still writing an answer nobody reads would never exit.
func (p *gitProc) close() {
	if p.cmd == nil {
		return
	}
	p.in.Close()
	p.cancel()
	_ = p.cmd.Wait() // also waits for standard error to be copied
	p.cmd = nil
}

// lastLine returns the last non-empty line of s, trimmed.
func lastLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.LastIndexByte(s, '\n'); i >= 0 {
		s = s[i+1:]
	}
	return strings.TrimSpace(s)
}

// tailBuffer keeps the last max bytes written to it; safe for the
// goroutine exec copies standard error with and a reader.
type tailBuffer struct {
	mu    sync.Mutex
	buf   []byte
	max   int
	total int64 // bytes ever written
}

func (t *tailBuffer) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.buf = append(t.buf, p...)
	t.total += int64(len(p))
	if over := len(t.buf) - t.max; over > 0 {
		t.buf = append(t.buf[:0], t.buf[over:]...)
	}
	return len(p), nil
}

func (t *tailBuffer) String() string { return t.since(0) }

// mark returns a position to read what is written after it with since.
func (t *tailBuffer) mark() int64 {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.total
}

// since returns what was written after mark, as much as is kept.
func (t *tailBuffer) since(mark int64) string {
	t.mu.Lock()
	defer t.mu.Unlock()
	n := min(t.total-mark, int64(len(t.buf)))
	return string(t.buf[int64(len(t.buf))-n:])
}

// commitInfo is what CloneDiffs reads of a commit: its id, its tree and
// its parents.
type commitInfo struct {
	oid, tree string
	parents   []string
}

// maxCommitHeader bounds the header lines of a commit read (tree,
// parents, author, committer, signatures): past it the commit is read no
// further and counts as malformed.
const maxCommitHeader = 1 << 20

// catFile answers, with one git cat-file --batch process, whether rev
// names a commit, and reads that commit's tree and parents. It returns
// nil and no error when rev names no commit of the repository. Only the
// header lines are kept; the message is read past.
func catFile(p *gitProc, rev string) (*commitInfo, error) {
	if err := p.ask(rev + "^{commit}"); err != nil {
		return nil, err
	}
	head, err := p.out.ReadString('\n')
	if err != nil {
		return nil, p.fail(err)
	}
	f := strings.Fields(head)
	if len(f) != 3 { // "REV missing", "REV ambiguous"
		return nil, nil
	}
	size, err := strconv.ParseInt(f[2], 10, 64)
	if err != nil || size < 0 {
		return nil, p.fail(fmt.Errorf("unexpected answer %q", strings.TrimSpace(head)))
	}
	c := &commitInfo{oid: f[0]}
	rest := size + 1 // the object and the newline after it
	header := true
	for header && rest > 0 {
		line, err := p.out.ReadSlice('\n')
		if errors.Is(err, bufio.ErrBufferFull) || int64(len(line)) > rest || size-rest > maxCommitHeader {
			return nil, p.fail(fmt.Errorf("commit %s: a header line too long or malformed", f[0]))
		}
		if err != nil {
			return nil, p.fail(err)
		}
		rest -= int64(len(line))
		text := string(bytes.TrimSuffix(line, []byte{'\n'}))
		switch {
		case text == "":
			header = false
		case strings.HasPrefix(text, "tree "):
			c.tree = text[len("tree "):]
		case strings.HasPrefix(text, "parent "):
			c.parents = append(c.parents, text[len("parent "):])
		}
	}
	if _, err := p.out.Discard(int(rest)); err != nil {
		return nil, p.fail(err)
	}
	if f[1] != "commit" || !isHex(c.tree) {
		return nil, p.fail(fmt.Errorf("%s: not a commit", f[0]))
	}
	return c, nil
}

// diffEnd is the line written after each pair of trees: git diff-tree
// --stdin echoes a line that is not an object id and flushes, so it marks
// the end of the diff before it. No line of a diff begins with "~".
const diffEnd = "~heft-diff-end"

// errDiffTooLarge is what diffTrees returns past its limit.
var errDiffTooLarge = errors.New("diff too large")

// diffTrees returns the unified diff between two trees from a git
// diff-tree --stdin process, or errDiffTooLarge past max bytes, having
// stopped the process (the caller starts another).
func diffTrees(p *gitProc, from, to string, max int) (string, error) {
	mark := p.stderr.mark()
	if err := p.ask(from+" "+to, diffEnd); err != nil {
		return "", err
	}
	// diff-tree names the pair before its diff; when it cannot read a
	// tree it says so on standard error and prints nothing.
	first, err := p.out.ReadString('\n')
	if err != nil {
		return "", p.fail(err)
	}
	if strings.TrimSuffix(first, "\n") == diffEnd {
		msg := lastLine(p.stderr.since(mark))
		if msg == "" {
			msg = "cannot read the trees"
		}
		return "", fmt.Errorf("eval: git diff-tree %s %s in %s: %s", from, to, p.dir, msg)
	}
	if first != from+" "+to+"\n" {
		return "", p.fail(fmt.Errorf("unexpected answer %q", strings.TrimSpace(first)))
	}
	var b strings.Builder
	lineStart := true
	for {
		chunk, err := p.out.ReadSlice('\n')
		if err != nil && !errors.Is(err, bufio.ErrBufferFull) {
			return "", p.fail(err)
		}
		if lineStart && err == nil && string(chunk) == diffEnd+"\n" {
			return b.String(), nil
		}
		if b.Len()+len(chunk) > max {
			p.close()
			return "", errDiffTooLarge
		}
		b.Write(chunk)
		lineStart = err == nil
	}
}
