package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/heft-dev/heft/disclosure"
	"github.com/heft-dev/heft/examples/internal/cliflag"
)

// runDisclosure prints the AI-assistance disclosure a description or
// commit message makes:
//
//	heft disclosure [--json] [--commit] [--author LOGIN] [FILE|-]
func runDisclosure(e *env, args []string) int {
	fs := cliflag.New("heft disclosure", "usage: heft disclosure [--json] [--commit] [--author LOGIN] [FILE|-]\n\nPrints what a pull request description or commit message discloses about AI assistance.\n\n", e.stderr)
	asJSON := fs.Bool("json", false, "print JSON: stance, tools, trailers, blocks, evidence")
	commit := fs.Bool("commit", false, "read the input as a commit message, not a pull request description")
	author := fs.String("author", "", "the author's login or \"Name <email>\", if known (agent accounts are evidence)")
	if code, ok := cliflag.Parse(fs, args, e.stderr); !ok {
		return code
	}
	in, name, err := openInput(e, fs.Args())
	if err != nil {
		return fail(e, "disclosure", err)
	}
	defer in.Close()
	b, err := io.ReadAll(io.LimitReader(in, disclosure.DefaultMaxBytes+1))
	if err != nil {
		return fail(e, "disclosure", fmt.Errorf("%s: %w", name, err))
	}
	d := disclosure.Parse
	if *commit {
		d = disclosure.ParseCommit
	}
	res := d(string(b))
	if *author != "" {
		res = disclosure.DefaultParser().ParseSource(disclosure.Source{Text: string(b), Commit: *commit, Author: *author})
	}
	if res.Truncated {
		fmt.Fprintf(e.stderr, "heft disclosure: %s: only the first %d bytes were read\n", name, disclosure.DefaultMaxBytes)
	}
	if *asJSON {
		if err := writeJSON(e.stdout, res); err != nil {
			return fail(e, "disclosure", err)
		}
		return exitOK
	}
	io.WriteString(e.stdout, formatDisclosure(res))
	return exitOK
}

// formatDisclosure is the human-readable report.
func formatDisclosure(d *disclosure.Disclosure) string {
	var b strings.Builder
	fmt.Fprintf(&b, "stance: %s\n", d.Stance)
	for _, t := range d.Tools {
		fmt.Fprintf(&b, "tool: %s", t.Name)
		if t.Vendor != "" {
			fmt.Fprintf(&b, " (%s)", t.Vendor)
		}
		if t.Model != "" {
			fmt.Fprintf(&b, " model %s", t.Model)
		}
		if t.Version != "" {
			fmt.Fprintf(&b, " version %s", t.Version)
		}
		b.WriteByte('\n')
	}
	for _, t := range d.Trailers {
		fmt.Fprintf(&b, "trailer: line %d: %s: %s", t.Line, t.Key, t.Value)
		if t.Tampered {
			b.WriteString(" (tampered: hidden from git)")
		}
		b.WriteByte('\n')
	}
	for _, bl := range d.Blocks {
		fmt.Fprintf(&b, "block: line %d: %s %q\n", bl.Line, bl.Kind, bl.Summary)
	}
	for _, e := range d.Evidence {
		where := fmt.Sprintf("line %d", e.Line)
		if e.Kind == disclosure.KindAuthor {
			where = "author"
		}
		fmt.Fprintf(&b, "evidence: %s: %s [%s, %s]: %s\n", where, e.Rule, e.Kind, e.Stance, oneLine(e.Text))
	}
	return b.String()
}

func oneLine(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > 160 {
		cut := 160
		for cut > 0 && s[cut]&0xC0 == 0x80 {
			cut--
		}
		s = s[:cut] + "…"
	}
	return s
}
