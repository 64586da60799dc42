package eval

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"strconv"
	"strings"
	"sync"
)

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
		cancel()
		return nil, err
	}
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
