package mdsplit

import (
	"os"
	"strings"
	"testing"

	"github.com/heft-dev/heft/internal/lineartest"
)

// BenchmarkSplit splits a realistic agent-written description against its
// template.
func BenchmarkSplit(b *testing.B) {
	body, err := os.ReadFile("testdata/agent.md")
	if err != nil {
		b.Fatal(err)
	}
	tmpl, err := os.ReadFile("testdata/agent_template.md")
	if err != nil {
		b.Fatal(err)
	}
	opts := &Options{Template: string(tmpl)}
	b.ReportAllocs()
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		if _, err := Split(string(body), opts); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSplitPathological splits 256 KiB of one deeply nested line,
// the worst input found for goldmark.
func BenchmarkSplitPathological(b *testing.B) {
	body := strings.Repeat(">", 256<<10) + " x"
	b.ReportAllocs()
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		if _, err := Split(body, nil); err != nil {
			b.Fatal(err)
		}
	}
}

// worstCases are the inputs that cost goldmark or the splitter most per
// byte: deep nesting, unclosed constructs that are searched for their end,
// runs of delimiters.
var worstCases = []lineartest.Case{
	lineartest.Repeat("nested-quotes", ">", " x"),
	lineartest.Repeat("nested-quotes-spaced", "> ", "x"),
	lineartest.Repeat("nested-lists", "- ", "x"),
	lineartest.Repeat("quote-lines", ">\n", "x"),
	lineartest.Repeat("backtick-runs", "`a``", ""),
	lineartest.Repeat("backticks", "`", "a"),
	lineartest.Repeat("emphasis", "*a_", ""),
	lineartest.Repeat("emphasis-nested", "**_", "a"),
	lineartest.Repeat("brackets", "[", "a"),
	lineartest.Repeat("link-openers", "![a](", ""),
	lineartest.Repeat("unclosed-comment", "<!-- a ", ""),
	lineartest.Repeat("comment-openers", "<!--", ""),
	lineartest.Repeat("details-open", "<details>\n", "x"),
	lineartest.Repeat("details-inline", "<details><summary>a</summary>", ""),
	lineartest.Repeat("details-open-text", "<details open>a\n", ""),
	lineartest.Repeat("html-tags", "<a ", ""),
	lineartest.Repeat("table-rows", "|a|b|\n", ""),
	lineartest.Repeat("table-pipes", "|", "\n|-|\n"),
	lineartest.Repeat("fences", "```\n", ""),
	lineartest.Repeat("indented-list", "1. a\n   ", ""),
	lineartest.Repeat("entities", "&#", ""),
	lineartest.Repeat("autolinks", "<http://a", ""),
	lineartest.Repeat("headings", "#", " a"),
	lineartest.Repeat("setext", "a\n=\n", ""),
	lineartest.Repeat("crlf", "\r\n", ""),
}

// BenchmarkWorstCase splits each worst-case input at 16, 64 and 256 KiB
// (the verbosity scorer reads up to 256 KiB): see lineartest.
func BenchmarkWorstCase(b *testing.B) {
	opts := &Options{MaxBytes: 1 << 20}
	lineartest.Run(b, 16<<10, worstCases, func(in string) error {
		_, err := Split(in, opts)
		return err
	})
}
