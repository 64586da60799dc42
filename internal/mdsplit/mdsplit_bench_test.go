package mdsplit

import (
	"os"
	"strings"
	"testing"
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
