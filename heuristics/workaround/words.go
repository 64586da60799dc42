package workaround

import (
	"iter"
	"strings"
	"sync"

	"github.com/heft-dev/heft/internal/wording"
)

// This file holds the small readers of words the rules share: where a
// phrase occurs, where a whole word occurs, the runs of a kind of byte,
// and word lists built into sets on first use.

// wordSet returns a function that builds, on first use, the set of the
// words list holds (separated by white space).
func wordSet(list string) func() map[string]bool {
	return sync.OnceValue(func() map[string]bool {
		m := map[string]bool{}
		for w := range strings.FieldsSeq(list) {
			m[w] = true
		}
		return m
	})
}

// occurrences yields the offset of every occurrence of sub in s, from
// the left, each one starting after the end of the one before. An empty
// sub occurs nowhere.
func occurrences(s, sub string) iter.Seq[int] {
	return func(yield func(int) bool) {
		if sub == "" {
			return
		}
		for at := 0; ; {
			i := strings.Index(s[at:], sub)
			if i < 0 {
				return
			}
			i += at
			if !yield(i) {
				return
			}
			at = i + len(sub)
		}
	}
}

// wordOccurrences yields the offset of every occurrence of w in s as a
// whole word (no letter, digit or _ on either side), from the left.
func wordOccurrences(s, w string) iter.Seq[int] {
	return func(yield func(int) bool) {
		for from := 0; ; {
			i := wordAt(s, w, from)
			if i < 0 || !yield(i) {
				return
			}
			from = i + len(w)
		}
	}
}

// wordAt returns the offset of w as a whole word in s at or after from,
// or -1.
func wordAt(s, w string, from int) int { return wordAtBy(s, w, from, isWordByte) }

// wordAtBy is wordAt with inWord deciding which bytes make a word longer.
func wordAtBy(s, w string, from int, inWord func(byte) bool) int {
	for from < len(s) {
		i := strings.Index(s[from:], w)
		if i < 0 {
			return -1
		}
		i += from
		end := i + len(w)
		if (i == 0 || !inWord(s[i-1])) && (end == len(s) || !inWord(s[end])) {
			return i
		}
		from = i + 1
	}
	return -1
}

// wordIndex finds word in s at word boundaries, or -1.
func wordIndex(s, word string) int { return wordAt(s, word, 0) }

// isWordByte reports whether b is a letter, a digit or _.
func isWordByte(b byte) bool {
	return b == '_' || b >= '0' && b <= '9' || b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z'
}

// hasPrefixAny reports whether s starts with one of prefixes.
func hasPrefixAny(s string, prefixes ...string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// containsFoldAny reports whether s holds one of words, ignoring case.
func containsFoldAny(s string, words ...string) bool {
	for _, w := range words {
		if wording.ContainsFold(s, w) {
			return true
		}
	}
	return false
}

// runs yields the start and end of every run of bytes of s that in
// accepts, from the left.
func runs(s string, in func(byte) bool) iter.Seq2[int, int] {
	return func(yield func(int, int) bool) {
		for i := 0; i < len(s); {
			for i < len(s) && !in(s[i]) {
				i++
			}
			j := i
			for j < len(s) && in(s[j]) {
				j++
			}
			if j == i || !yield(i, j) {
				return
			}
			i = j
		}
	}
}
