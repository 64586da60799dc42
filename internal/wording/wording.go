// Package wording holds the small text helpers heft's scorers share: to
// write their summaries and advice the same way, and to test text cheaply
// before a regular expression runs on it.
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

// ContainsFold reports whether s contains sub, a lower-case ASCII word,
// in any ASCII case, without allocating. It is the cheap literal test
// the scorers run before a case-insensitive regular expression.
func ContainsFold(s, sub string) bool {
	n := len(sub)
	for i := 0; i+n <= len(s); i++ {
		j := 0
		for ; j < n; j++ {
			c := s[i+j]
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			if c != sub[j] {
				break
			}
		}
		if j == n {
			return true
		}
	}
	return false
}

// Article returns word after "a" or "an", chosen by its first letter's
// sound as English spells it most often: "an owner", "a member".
func Article(word string) string {
	if word != "" && strings.ContainsRune("aeiouAEIOU", rune(word[0])) {
		return "an " + word
	}
	return "a " + word
}
