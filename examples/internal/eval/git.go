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
	"strings"
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
