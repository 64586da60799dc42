package placeholder_test

import (
	"strings"
	"testing"

	"github.com/heft-dev/heft/internal/placeholder"
)

// BenchmarkDescriptionParts reads the parts of a filled-in template as
// heuristics/verbosity does: each comment classified, each list item
// asked whether it is a box, each paragraph whether it is placeholder
// text.
func BenchmarkDescriptionParts(b *testing.B) {
	comments := []string{
		"What types of changes does your code introduce? Put an `x` in all the boxes that apply.",
		"Describe your changes in detail",
		"START COPILOT CODING AGENT TIPS",
		"I kept the old loader on purpose: the YAML files still write \"0\" there",
	}
	items := []string{"- [x] Bug fix (non-breaking change which fixes an issue)", "- [ ] New feature", "- Updates the loader", "1. First step"}
	paras := []string{
		"The loader compared the timeout as a string, so a timeout of \"0\" in the old YAML files was read as set; it now compares numbers and keeps the default when the value is zero.",
		"N/A", "TODO: screenshots",
	}
	size := 0
	for _, s := range [][]string{comments, items, paras} {
		size += len(strings.Join(s, ""))
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		for _, c := range comments {
			placeholder.Read(c)
		}
		for _, l := range items {
			placeholder.Checkbox(l)
		}
		for _, p := range paras {
			placeholder.Text(p)
		}
	}
}
