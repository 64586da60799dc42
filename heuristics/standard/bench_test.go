package standard_test

import (
	"context"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/heft-dev/heft/heuristics"
	"github.com/heft-dev/heft/heuristics/size"
	"github.com/heft-dev/heft/heuristics/standard"
	"github.com/heft-dev/heft/internal/lineartest"
	"github.com/heft-dev/heft/internal/scorertest"
)

// BenchmarkSetSize is a Set holding the size scorer on a typical PR: the
// fixed cost of scoring once the diff is parsed.
func BenchmarkSetSize(b *testing.B) {
	d, n := scorertest.TypicalPR(b)
	size, err := size.New(size.Config{})
	if err != nil {
		b.Fatal(err)
	}
	set, err := heuristics.NewSet(heuristics.Policy{}, size)
	if err != nil {
		b.Fatal(err)
	}
	c := &heuristics.Contribution{Title: "svc: compute better", Diff: d}
	ctx := context.Background()
	b.SetBytes(int64(n))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := set.Score(ctx, c); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDefaultSet is every default scorer on a typical PR with a
// 300-word description, once the tokenizer is loaded: what a bot pays
// per pull request.
func BenchmarkDefaultSet(b *testing.B) {
	d, n := scorertest.TypicalPR(b)
	set, err := standard.New(standard.Config{})
	if err != nil {
		b.Fatal(err)
	}
	body := "## Summary\n\nThe service recomputed every handler's options on each request, which showed up as " +
		"a third of the CPU profile under load. This change computes them once per configuration reload and " +
		"passes them down.\n\n## Why\n\n" + strings.Repeat("Computing options per request allocates and "+
		"parses the same configuration again; under a thousand requests a second that is measurable. ", 14) +
		"\n\n## Testing\n\n- go test ./...\n- a load test at 2,000 requests a second\n"
	c := &heuristics.Contribution{Title: "svc: compute options once per reload", Body: body, Diff: d,
		Commits: []heuristics.Commit{{Message: "svc: compute options once per reload\n\nSigned-off-by: Ada <ada@example.com>"}}}
	ctx := context.Background()
	if _, err := set.Score(ctx, c); err != nil { // loads the tokenizer
		b.Fatal(err)
	}
	b.SetBytes(int64(n + len(body)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := set.Score(ctx, c); err != nil {
			b.Fatal(err)
		}
	}
}

// adversarialDescriptions are 65,536-character descriptions (GitHub's
// limit on a pull request body) built to cost the default set most: deep
// nesting for the Markdown parsers, runs with no token boundary for the
// tokenizer, unclosed constructs, trailer-like and footer-like lines for
// the disclosure scan.
var adversarialDescriptions = []struct{ name, unit string }{
	{"nested-quotes", ">"},
	{"nested-quotes-spaced", "> "},
	{"letter-run", "a"},
	{"apostrophes", "'s"},
	{"digit-run", "7"},
	{"emphasis", "*a_"},
	{"brackets", "["},
	{"details-open", "<details>\n"},
	{"unclosed-comment", "<!-- a "},
	{"trailer-lines", "Assisted-by: a\n"},
	{"footer-lines", "🤖 Generated with \n"},
	{"table-rows", "|a|b|\n"},
	{"homoglyph-footer-lines", "🤖 Gener\u0430ted with Claude Code\n"}, // a Cyrillic а
	{"footer-link-lines", "🤖 Generated with [Claude Code](https://claude.com/claude-code)\n"},
	{"emoji-zwj", "👩\u200d💻"},
	{"invalid-utf8", "\xff"},
	{"short-lines", "a\n"},
	{"short-paragraphs", "a\n\n"},
	{"setext", "a\n=\n"},
	{"quote-lines", ">\n"},
	{"cjk-run", "漢"},
	{"ordered-list", "1. a\n   "},
	{"table-pipes", "|"},
}

// adversarialBody is unit repeated to 65,536 characters; a unit that is
// not valid UTF-8 is repeated to 65,536 bytes, each a character to GitHub.
func adversarialBody(unit string) string {
	if !utf8.ValidString(unit) {
		return strings.Repeat(unit, 65536/len(unit)+1)[:65536]
	}
	r := []rune(strings.Repeat(unit, 65536/utf8.RuneCountInString(unit)+1))
	return string(r[:65536])
}

// BenchmarkAdversarialDescription scores each 65,536-character
// adversarial description with every default scorer and a one-line diff,
// once the tokenizer is loaded. Each must take well under 100 ms. The
// scorers run concurrently, so ns/op is the wall time on an idle machine;
// cpu-ns/op, the process's CPU time, is the steadier figure on a busy one
// and bounds it from above.
func BenchmarkAdversarialDescription(b *testing.B) {
	set, err := standard.New(standard.Config{})
	if err != nil {
		b.Fatal(err)
	}
	d := scorertest.GitDiff(b, nil, map[string]*string{"main.go": scorertest.Text("package main\n")})
	ctx := context.Background()
	if _, err := set.Score(ctx, &heuristics.Contribution{Body: "warm up", Diff: d}); err != nil {
		b.Fatal(err)
	}
	for _, a := range adversarialDescriptions {
		body := adversarialBody(a.unit)
		c := &heuristics.Contribution{Title: "fix", Body: body, Diff: d}
		b.Run(a.name, func(b *testing.B) {
			b.SetBytes(int64(len(body)))
			b.ReportAllocs()
			defer lineartest.ReportCPU(b)()
			for b.Loop() {
				if _, err := set.Score(ctx, c); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
