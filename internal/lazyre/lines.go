package lazyre

import (
	"slices"
	"strings"
)

// Lines runs a pattern that cannot match across a line break (no \n, \s
// or (?s) in it) one line at a time, and only on lines a cheap literal
// test says it could match. A description and its commit messages run to
// tens of kilobytes, where Go's regexp steps every byte through a large
// alternation with its slowest engine; a short line gets the backtracker,
// and most lines are skipped. It finds what Re finds on the whole text,
// in the same order, except that a match that began with the line break
// before it begins at the line's start instead.
type Lines struct {
	Re *Regexp

	// May is false only for an ASCII line Re cannot match. Lines with
	// other bytes always go to Re, whose (?i) folds a few non-ASCII
	// letters (the Kelvin sign, the long s) to ASCII ones. When May is
	// nil, every line goes to Re, whose own literal test (see New) skips
	// the lines that hold none of its literals.
	May func(line string) bool
}

// try reports whether line must go to the pattern.
func (l Lines) try(line string) bool {
	return l.May == nil || !isASCII(line) || l.May(line)
}

// MatchString reports whether the pattern matches any line of s.
func (l Lines) MatchString(s string) bool {
	for s != "" {
		line, rest, _ := strings.Cut(s, "\n")
		s = rest
		if l.try(line) && l.Re.MatchString(line) {
			return true
		}
	}
	return false
}

// FindAllString is regexp's FindAllString, line by line.
func (l Lines) FindAllString(s string, n int) []string {
	return findAll(l, s, n, (*Regexp).FindAllString)
}

// FindAllStringSubmatch is regexp's FindAllStringSubmatch, line by line.
func (l Lines) FindAllStringSubmatch(s string, n int) [][]string {
	return findAll(l, s, n, (*Regexp).FindAllStringSubmatch)
}

// findAll runs find on each line of s that l.try lets through and
// collects up to n results, all of them for n < 0.
func findAll[T any](l Lines, s string, n int, find func(*Regexp, string, int) []T) []T {
	var out []T
	for s != "" && (n < 0 || len(out) < n) {
		line, rest, _ := strings.Cut(s, "\n")
		s = rest
		if l.try(line) {
			out = append(out, find(l.Re, line, n-len(out))...)
		}
	}
	return out
}

// FindString is regexp's FindString, line by line.
func (l Lines) FindString(s string) string {
	if m := l.FindAllString(s, 1); len(m) > 0 {
		return m[0]
	}
	return ""
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// AnyLines is Lines for a pattern too large for the regexp package's
// backtracker (more than 500 instructions, when every line would take its
// slowest engine), written instead as alternatives in separate Regexps,
// each small enough: MatchString reports whether any of them matches a
// line of s. Each follows the rules of Lines' Re; May, as in Lines, is
// false only for an ASCII line none of them can match.
type AnyLines struct {
	Res []*Regexp
	May func(line string) bool
}

// MatchString reports whether any of the patterns matches a line of s.
func (l AnyLines) MatchString(s string) bool {
	gate := Lines{May: l.May}
	for s != "" {
		line, rest, _ := strings.Cut(s, "\n")
		s = rest
		if gate.try(line) && slices.ContainsFunc(l.Res, func(re *Regexp) bool { return re.MatchString(line) }) {
			return true
		}
	}
	return false
}
