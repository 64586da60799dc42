package hygiene

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
)

// ErrBadPattern is wrapped by every *PatternError.
var ErrBadPattern = errors.New("bad pattern")

// PatternError is a path or branch pattern that does not compile.
type PatternError struct {
	Pattern string // the pattern as written
	Offset  int    // byte offset of the problem in Pattern
	Msg     string
}

// Error quotes the pattern and says at which byte it is malformed.
func (e *PatternError) Error() string {
	return fmt.Sprintf("pattern %q: byte %d: %s", e.Pattern, e.Offset, e.Msg)
}

// Unwrap returns ErrBadPattern.
func (e *PatternError) Unwrap() error { return ErrBadPattern }

// glob is a compiled path or branch pattern.
type glob struct {
	pattern string
	re      *regexp.Regexp
}

// compileGlob compiles a pattern in the shape .gitignore and GitHub's
// branch filters use: "*" matches within one path segment, "**" across
// segments ("**/" also matches no directory at all), "?" one character
// but "/", "{a,b}" either alternative, and a trailing "/" everything
// under a directory. Other characters match themselves. fold makes the
// match ignore case, as for paths on the forges' case-insensitive
// checks.
func compileGlob(pattern string, fold bool) (*glob, error) {
	bad := func(off int, msg string) error { return &PatternError{Pattern: pattern, Offset: off, Msg: msg} }
	if strings.TrimSpace(pattern) == "" {
		return nil, bad(0, "empty")
	}
	var b strings.Builder
	if fold {
		b.WriteString("(?i)")
	}
	b.WriteString("^")
	braces := -1 // offset of the open brace, or -1
	p := pattern
	for i := 0; i < len(p); i++ {
		c := p[i]
		switch {
		case c == 0:
			return nil, bad(i, "NUL byte")
		case strings.HasPrefix(p[i:], "**/"):
			b.WriteString("(?:.*/)?")
			i += 2
		case strings.HasPrefix(p[i:], "**"):
			b.WriteString(".*")
			i++
		case c == '*':
			b.WriteString("[^/]*")
		case c == '?':
			b.WriteString("[^/]")
		case c == '{':
			if braces >= 0 {
				return nil, bad(i, "nested {")
			}
			braces = i
			b.WriteString("(?:")
		case c == ',' && braces >= 0:
			b.WriteString("|")
		case c == '}':
			if braces < 0 {
				return nil, bad(i, "} without {")
			}
			braces = -1
			b.WriteString(")")
		case c == '/' && i == len(p)-1:
			b.WriteString("/.*")
		default:
			b.WriteString(regexp.QuoteMeta(p[i : i+1]))
		}
	}
	if braces >= 0 {
		return nil, bad(braces, "{ without }")
	}
	b.WriteString("$")
	re, err := regexp.Compile(b.String())
	if err != nil {
		return nil, bad(0, err.Error())
	}
	return &glob{pattern: pattern, re: re}, nil
}

func (g *glob) match(s string) bool { return g.re.MatchString(s) }

// globs compiles a list of patterns, naming the list and index of a bad
// one.
func globs(field string, patterns []string, fold bool) ([]*glob, error) {
	out := make([]*glob, 0, len(patterns))
	for i, p := range patterns {
		g, err := compileGlob(p, fold)
		if err != nil {
			return nil, &ConfigError{Field: fmt.Sprintf("%s[%d]", field, i), Msg: err.Error(), Err: err}
		}
		out = append(out, g)
	}
	return out, nil
}

// firstMatch returns the first pattern matching s, or nil.
func firstMatch(gs []*glob, s string) *glob {
	for _, g := range gs {
		if g.match(s) {
			return g
		}
	}
	return nil
}
