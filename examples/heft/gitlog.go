package main

import (
	"bytes"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/heft-dev/heft/internal/lazyre"
)

// logCommit is one commit of git log or git show output.
type logCommit struct {
	sha                     string
	message                 string
	authorName, authorEmail string
	date                    time.Time
}

// subject returns the commit's subject as git and format-patch take it:
// the first paragraph of the message, its lines joined by spaces.
func (c logCommit) subject() string {
	para, _, _ := strings.Cut(c.message, "\n\n")
	return strings.Join(strings.Fields(para), " ")
}

// body returns the message after its subject paragraph.
func (c logCommit) body() string {
	_, rest, _ := strings.Cut(c.message, "\n\n")
	return strings.TrimSpace(rest)
}

// logError says why output that starts like git log's cannot be read.
type logError struct {
	line int
	msg  string
}

func (e *logError) Error() string { return fmt.Sprintf("line %d: %s", e.line, e.msg) }

// logCommitLine matches the line that starts each commit of git log and
// git show in the medium (default), short, full, fuller and raw formats:
// the hash, abbreviated or not, after a boundary or side mark
// (--boundary, --left-right), and --decorate's refs or -m's "(from ...)".
var logCommitLine = lazyre.New(`^commit [-<>^]?([0-9a-f]{4,64})(?: \(.*\))?$`)

// logGraphLine matches the first line of git log --graph output, which
// heft does not read: every line carries the graph's columns.
var logGraphLine = lazyre.New(`^[*|/\\ ]+commit [0-9a-f]{4,64}`)

// Date formats git log prints: the default, --date=iso, iso-strict, rfc
// and short.
var logDateLayouts = []string{
	"Mon Jan 2 15:04:05 2006 -0700",
	"2006-01-02 15:04:05 -0700",
	time.RFC3339,
	"Mon, 2 Jan 2006 15:04:05 -0700",
	"2006-01-02",
}

// readLog reads the commits of git log or git show output: for each, a
// "commit <hash>" line, headers (Author:, Date:, Merge:, the Commit: and
// AuthorDate: of --format=fuller, the lowercase ones of --format=raw), a
// blank line, the message indented by four spaces, then anything up to
// the next commit line: notes, a --stat, the patch, or nothing for a
// merge or an empty commit. A message line is always indented, so one
// that reads "    diff --git a/x b/x" stays message; a line of a patch
// never starts with "commit ", so the next commit is never missed.
//
// git show of an annotated tag prints the tag, its headers and message
// before the commit: they are skipped. Input that does not start with a
// commit line (after blank lines and a tag) is not git log output:
// readLog returns no commits and no error. Output
// that starts like git log's but that it cannot read (--graph, a custom
// --format whose message is not indented, headers cut short) is a
// *logError naming the line.
func readLog(raw []byte) ([]logCommit, error) {
	const (
		stHeaders = iota // after a commit line, before the blank line
		stMessage        // the indented message, and blank lines in it
		stRest           // notes, stat, patch: until the next commit line
		stTag            // git show of an annotated tag: until its commit
	)
	var (
		commits []logCommit
		cur     *logCommit
		msg     []string
		state   = -1 // before the first commit line
		start   int  // the current commit's line
	)
	finish := func() {
		if cur == nil {
			return
		}
		for len(msg) > 0 && strings.TrimSpace(msg[len(msg)-1]) == "" {
			msg = msg[:len(msg)-1]
		}
		for len(msg) > 0 && strings.TrimSpace(msg[0]) == "" {
			msg = msg[1:]
		}
		cur.message = strings.Join(msg, "\n")
		commits = append(commits, *cur)
		cur, msg = nil, msg[:0]
	}
	n := 0
	for rest := raw; len(rest) > 0; {
		var line []byte
		if i := bytes.IndexByte(rest, '\n'); i >= 0 {
			line, rest = rest[:i], rest[i+1:]
		} else {
			line, rest = rest, nil
		}
		n++
		line = bytes.TrimSuffix(line, []byte("\r"))
		// Outside headers and messages only a commit line matters: test
		// its prefix before the expression, as the patch is most lines.
		if (state == stRest || state == stTag) && !bytes.HasPrefix(line, []byte("commit ")) {
			continue
		}
		text := string(line)
		switch state {
		case -1:
			if strings.TrimSpace(text) == "" {
				continue
			}
			m := logCommitLine.FindStringSubmatch(text)
			if m == nil && strings.HasPrefix(text, "tag ") {
				state = stTag // its headers and unindented message come first
				continue
			}
			if m == nil {
				if logGraphLine.MatchString(text) {
					return nil, &logError{n, "git log --graph output; run git log without --graph"}
				}
				return nil, nil
			}
			cur, state, start = &logCommit{sha: m[1]}, stHeaders, n
		case stRest, stTag:
			m := logCommitLine.FindStringSubmatch(text)
			if m == nil {
				continue
			}
			finish()
			cur, state, start = &logCommit{sha: m[1]}, stHeaders, n
		case stHeaders:
			if text == "" {
				state = stMessage
				continue
			}
			if logCommitLine.MatchString(text) || strings.HasPrefix(text, "diff ") {
				return nil, &logError{n, fmt.Sprintf("the commit at line %d has no blank line after its headers", start)}
			}
			cur.header(text)
		case stMessage:
			if s, ok := strings.CutPrefix(text, "    "); ok {
				msg = append(msg, s)
				continue
			}
			if strings.TrimSpace(text) == "" {
				msg = append(msg, "") // a blank line, or one a tool stripped
				continue
			}
			if !slices.ContainsFunc(msg, func(s string) bool { return s != "" }) && !logAfterMessage(text) {
				return nil, &logError{n, fmt.Sprintf("the message of the commit at line %d is not indented by four spaces (a --format heft does not read)", start)}
			}
			if m := logCommitLine.FindStringSubmatch(text); m != nil {
				finish()
				cur, state, start = &logCommit{sha: m[1]}, stHeaders, n
				continue
			}
			state = stRest
		}
	}
	if state == stHeaders {
		return nil, &logError{n, fmt.Sprintf("the input ends in the headers of the commit at line %d", start)}
	}
	finish()
	return commits, nil
}

// logAfterMessage reports whether line may follow a commit's headers
// when the commit has no message: what git prints after one.
func logAfterMessage(line string) bool {
	for _, p := range []string{"diff ", "commit ", "---", "Notes:", "Notes (", " "} {
		if strings.HasPrefix(line, p) {
			return true
		}
	}
	return false
}

// header reads the author and the author date from one header line.
func (c *logCommit) header(line string) {
	key, val, ok := strings.Cut(line, ":")
	if ok && !strings.ContainsAny(key, " \t") {
		val = strings.TrimSpace(val)
		switch key {
		case "Author":
			c.authorName, c.authorEmail = splitIdent(val)
		case "Date", "AuthorDate":
			for _, layout := range logDateLayouts {
				if t, err := time.Parse(layout, val); err == nil {
					c.date = t
					break
				}
			}
		}
		return
	}
	// --format=raw: "author Name <email> 1700000000 +0100".
	if val, ok := strings.CutPrefix(line, "author "); ok {
		i := strings.LastIndexByte(val, '>')
		if i < 0 {
			return
		}
		c.authorName, c.authorEmail = splitIdent(val[:i+1])
		if f := strings.Fields(val[i+1:]); len(f) == 2 {
			if sec, err := strconv.ParseInt(f[0], 10, 64); err == nil {
				if zone, err := time.Parse("-0700", f[1]); err == nil {
					c.date = time.Unix(sec, 0).In(zone.Location())
				}
			}
		}
	}
}

// splitIdent splits git's "Name <email>" identity. The name is taken as
// it is: unlike a mail address, parentheses in it are not a comment.
func splitIdent(s string) (name, email string) {
	i := strings.LastIndexByte(s, '<')
	if i < 0 || !strings.HasSuffix(s, ">") {
		return strings.TrimSpace(s), ""
	}
	return strings.TrimSpace(s[:i]), s[i+1 : len(s)-1]
}
