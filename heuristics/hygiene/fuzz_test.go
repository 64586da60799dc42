package hygiene_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/heft-dev/heft/diffstat"
	"github.com/heft-dev/heft/heuristics"
	"github.com/heft-dev/heft/heuristics/hygiene"
)

// FuzzGlob compiles patterns from the fuzzer as a blocked path and a
// blocked branch: a bad pattern must be a *PatternError, never a panic,
// and a good one must match a path without panicking.
func FuzzGlob(f *testing.F) {
	for _, p := range []string{"LICENSE*", "**/*.{go,md}", "docs/", "a?b/**/c", "{a,b", "}", "\x00", "[", "\\", "**"} {
		f.Add(p, "docs/LICENSE.md")
	}
	f.Fuzz(func(t *testing.T, pattern, path string) {
		s, err := hygiene.New(hygiene.Config{BlockedPaths: []string{pattern}, BlockedHeadBranches: []string{pattern}})
		if err != nil {
			if !errors.Is(err, hygiene.ErrBadPattern) || !errors.Is(err, heuristics.ErrInvalidConfig) {
				t.Fatalf("pattern %q: %v", pattern, err)
			}
			return
		}
		d, err := diffstat.Parse(strings.NewReader("--- a/"+path+"\n+++ b/"+path+"\n@@ -1 +1 @@\n-a\n+b\n"), nil)
		if err != nil {
			d = nil
		}
		res, err := s.Score(context.Background(), &heuristics.Contribution{Title: "t", Diff: d, HeadBranch: path})
		if err != nil {
			t.Fatal(err)
		}
		if err := heuristics.CheckResult(res); err != nil {
			t.Fatal(err)
		}
	})
}

// FuzzText feeds a title and a description through the text rules
// (emoji, code references, issue references, blocked terms).
func FuzzText(f *testing.F) {
	f.Add("✨ feat: x 🇫🇷", "Fixes #12, o/r#3, GH-4 :tada:\n```\n🚀\n```\n<!-- ✅\n-->src/a.go calc() A::b()")
	f.Add("", "<!--<!-- -->-->```~~~\n\r\n#999999999999 https://github.com/o/r/issues/7")
	s, err := hygiene.New(hygiene.Config{MaxEmoji: 1, MaxCodeReferences: 1, RequireLinkedIssue: true, BlockedIssues: []int{12}, BlockedTerms: []string{"x"}})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, title, body string) {
		res, err := s.Score(context.Background(), &heuristics.Contribution{Title: title, Body: body})
		if err != nil {
			if errors.Is(err, heuristics.ErrNotApplicable) {
				return
			}
			t.Fatal(err)
		}
		if err := heuristics.CheckResult(res); err != nil {
			t.Fatal(err)
		}
	})
}
