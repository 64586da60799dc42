// Package wording holds the small text helpers heft's scorers share to
// write their summaries and advice the same way.
package wording

import (
	"fmt"
	"strings"
)

// Commas formats n with thousands separators: 12,345.
func Commas(n int) string {
	s := fmt.Sprint(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	if neg {
		s = "-" + s
	}
	return s
}

// Plural returns n and word, with an s when n is not 1: "1 file",
// "12,345 lines".
func Plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return Commas(n) + " " + word + "s"
}
