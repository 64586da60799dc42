package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/heft-dev/heft/diffstat"
	"github.com/heft-dev/heft/examples/internal/cliflag"
	"github.com/heft-dev/heft/internal/lazyre"
)

func runDiffstat(e *env, args []string) int {
	fs := cliflag.New("heft diffstat", "Usage: heft diffstat [--json] [--max-bytes N] [DIFF|-]\n\n"+
		"Print one line per file, \"added deleted path\", like git diff --numstat\n"+
		"(binary files as \"-\"). Reads standard input when DIFF is - or absent.\n\n", e.stderr)
	asJSON := fs.Bool("json", false, "print every file's full model and the totals as JSON")
	maxBytes := fs.Int64("max-bytes", -1, "largest diff accepted, in bytes; negative for no limit")
	if code, ok := cliflag.Parse(fs, args, e.stderr); !ok {
		return code
	}
	if *maxBytes == 0 {
		return fail(e, "diffstat", errors.New("--max-bytes must be a positive number of bytes, or negative for no limit, not 0"))
	}
	in, name, err := openInput(e, fs.Args())
	if err != nil {
		return fail(e, "diffstat", err)
	}
	defer in.Close()

	// Counting alone streams in constant memory; the JSON model needs
	// each file's kind, which costs more. The first bytes are kept to
	// explain an error (colour codes, a word diff).
	head := &headBuffer{max: diffHintBytes}
	opts := &diffstat.Options{MaxBytes: *maxBytes, NoClassify: !*asJSON}
	s := diffstat.NewScanner(io.TeeReader(in, head), opts)
	out := bufio.NewWriterSize(e.stdout, 64<<10)
	defer out.Flush()
	var d diffstat.Diff
	var line []byte
	for s.Next() {
		if *asJSON {
			d.Files = append(d.Files, s.File())
			continue
		}
		line = appendNumstat(line[:0], s.File())
		out.Write(line)
	}
	if err := s.Err(); err != nil {
		out.Flush()
		return fail(e, "diffstat", diffError(name, head.b, *maxBytes, err, false))
	}
	if *asJSON {
		if d.Files == nil {
			d.Files = []*diffstat.File{}
		}
		if err := writeJSON(out, struct {
			Files  []*diffstat.File `json:"files"`
			Totals diffstat.Totals  `json:"totals"`
		}{d.Files, d.Totals()}); err != nil {
			return fail(e, "diffstat", err)
		}
	}
	return exitOK
}

// appendNumstat appends f's line as File.String writes it, and a newline,
// without the allocations of fmt: on a diff of thousands of files they
// would be most of the garbage, and each collection touches memory.
func appendNumstat(b []byte, f *diffstat.File) []byte {
	if f.Binary {
		b = append(b, "-\t-\t"...)
	} else {
		b = strconv.AppendInt(b, int64(f.Added), 10)
		b = append(b, '\t')
		b = strconv.AppendInt(b, int64(f.Deleted), 10)
		b = append(b, '\t')
	}
	b = append(b, f.Path()...)
	return append(b, '\n')
}

// diffHintBytes is how much of a diff diffError looks at to explain a
// parse error: colour codes start the first line, word-diff markers come
// in the first hunk.
const diffHintBytes = 16 << 10

// headBuffer keeps the first max bytes written to it.
type headBuffer struct {
	b   []byte
	max int
}

func (h *headBuffer) Write(p []byte) (int, error) {
	if n := h.max - len(h.b); n > 0 {
		h.b = append(h.b, p[:min(n, len(p))]...)
	}
	return len(p), nil
}

var (
	// ansiCode matches a colour code of git diff --color=always.
	ansiCode = lazyre.New(`\x1b\[[0-9;]*m`)
	// wordDiffMark matches git diff --word-diff's markers, [-gone-] and
	// {+new+}, or --word-diff=porcelain's "~" line.
	wordDiffMark = lazyre.New(`(?m)\[-.*?-\]|\{\+.*?\+\}|^~\r?$`)
)

// diffError returns the error a command prints for a diff that did not
// parse: named after the input, and for the two ways git diff's output
// most often fails to be a diff, colour codes and --word-diff, saying so
// with the fix instead of "not a unified diff" or "truncated hunk". head
// is the start of the input. withPkg keeps diffstat's "diffstat: "
// before the line: heft score says which step failed; heft diffstat, the
// command, would say its name twice.
func diffError(name string, head []byte, maxBytes int64, err error, withPkg bool) error {
	var pe *diffstat.ParseError
	if !errors.As(err, &pe) {
		return fmt.Errorf("%s: %w", name, err)
	}
	if errors.Is(err, diffstat.ErrTooLarge) {
		return fmt.Errorf("%s is over the %s limit (--max-bytes)", name, byteLimit(maxBytes))
	}
	if errors.Is(err, diffstat.ErrNotDiff) || errors.Is(err, diffstat.ErrMalformed) {
		if loc := ansiCode.FindStringIndex(string(head)); loc != nil {
			pe = &diffstat.ParseError{Line: lineAt(head, loc[0]), Err: pe.Err,
				Msg: "the diff has colour codes (ESC[…m): run git diff with --no-color"}
		} else if loc := wordDiffMark.FindStringIndex(string(head)); loc != nil && bytes.Contains(head, []byte("\n@@ ")) {
			pe = &diffstat.ParseError{Line: lineAt(head, loc[0]), Err: pe.Err,
				Msg: "the diff is a word diff ([-…-]{+…+} markers): run git diff without --word-diff"}
		}
	}
	if withPkg {
		return fmt.Errorf("%s: %w", name, pe)
	}
	return fmt.Errorf("%s: %s", name, strings.TrimPrefix(pe.Error(), "diffstat: "))
}

// lineAt returns the 1-based line of b that offset i is on.
func lineAt(b []byte, i int) int { return 1 + bytes.Count(b[:i], []byte("\n")) }
