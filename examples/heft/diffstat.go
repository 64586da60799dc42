package main

import (
	"bufio"
	"errors"
	"strconv"

	"github.com/heft-dev/heft/diffstat"
	"github.com/heft-dev/heft/examples/internal/cliflag"
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
	in, _, err := openInput(e, fs.Args())
	if err != nil {
		return fail(e, "diffstat", err)
	}
	defer in.Close()

	// Counting alone streams in constant memory; the JSON model needs
	// each file's kind, which costs more.
	opts := &diffstat.Options{MaxBytes: *maxBytes, NoClassify: !*asJSON}
	s := diffstat.NewScanner(in, opts)
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
		return fail(e, "diffstat", err)
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
