package main

import (
	"bufio"
	"fmt"
	"strings"

	"github.com/heft-dev/heft/examples/internal/cliflag"
	"github.com/heft-dev/heft/heuristics/verbosity"
)

func runTokens(e *env, args []string) int {
	fs := cliflag.New("heft tokens", "Usage: heft tokens [flags] [FILE|-]\n\n"+
		"Split a pull request description (Markdown) into prose, code, quotes, HTML\n"+
		"comments, collapsed details, tables and unchanged template lines, and count\n"+
		"each part's tokens as the verbosity scorer does, offline. Reads standard\n"+
		"input when FILE is - or absent.\n\n", e.stderr)
	asJSON := fs.Bool("json", false, "print every part, its tokens and the totals as JSON")
	encoding := fs.String("encoding", "o200k_base", "tiktoken vocabulary: o200k_base or cl100k_base")
	templateFile := fs.String("template", "", "`file` holding the repository's pull request template")
	maxBytes := fs.Int("max-bytes", 256<<10, "largest description accepted, in bytes")
	if code, ok := cliflag.Parse(fs, args, e.stderr); !ok {
		return code
	}
	if *maxBytes <= 0 {
		return fail(e, "tokens", fmt.Errorf("--max-bytes must be positive, not %d", *maxBytes))
	}
	v, err := verbosity.New(verbosity.Config{Encoding: *encoding, MaxBodyBytes: *maxBytes})
	if err != nil {
		return fail(e, "tokens", fmt.Errorf("--encoding: %w", err))
	}
	raw, name, err := readInput(e, fs.Args(), int64(*maxBytes))
	if err != nil {
		return fail(e, "tokens", err)
	}
	// Counted as prose, a binary file prints its bytes as text.
	if why := binaryText(raw); why != "" {
		return fail(e, "tokens", fmt.Errorf("%s: %s", name, why))
	}
	var template string
	if *templateFile != "" {
		if template, err = readText("--template", *templateFile); err != nil {
			return fail(e, "tokens", err)
		}
	}
	parts, err := v.Parts(string(raw), template)
	if err != nil {
		return fail(e, "tokens", fmt.Errorf("%s: %w", name, err))
	}

	totals := map[string]int{}
	total := 0
	for _, p := range parts {
		totals[p.Kind] += p.Tokens
		total += p.Tokens
	}
	out := bufio.NewWriter(e.stdout)
	defer out.Flush()
	if *asJSON {
		if parts == nil {
			parts = []verbosity.DescriptionPart{}
		}
		if err := writeJSON(out, struct {
			Encoding string                      `json:"encoding"`
			Parts    []verbosity.DescriptionPart `json:"parts"`
			Totals   map[string]int              `json:"totals"`
			Total    int                         `json:"total"`
		}{*encoding, parts, totals, total}); err != nil {
			return fail(e, "tokens", err)
		}
		return exitOK
	}
	fmt.Fprintf(out, "%5s  %-8s %6s  %s\n", "line", "kind", "tokens", "text")
	for _, p := range parts {
		fmt.Fprintf(out, "%5d  %-8s %6d  %s\n", p.Line, p.Kind, p.Tokens, clipLine(p.Text, 60))
	}
	fmt.Fprintln(out)
	for _, k := range verbosity.PartKinds() {
		if totals[k] > 0 {
			fmt.Fprintf(out, "%-9s %6d\n", k, totals[k])
		}
	}
	fmt.Fprintf(out, "%-9s %6d  (%s)\n", "total", total, *encoding)
	return exitOK
}

// clipLine puts s on one line, cut to about n runes.
func clipLine(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}
