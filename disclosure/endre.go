package disclosure

import (
	"fmt"
	"regexp"
	"regexp/syntax"
	"slices"
	"sync"
	"unicode/utf8"

	"github.com/heft-dev/heft/internal/lazyre"
)

// endRE is a regular expression that can match only at the end of a
// text (every match ends at its `$`), tried on the words before an
// actor's name. Go's regexp tries such an expression at every start in
// the text, each time reading on to the end: on a 200-byte sentence
// prefix before each of thousands of mentions that was most of a
// description's cost. endRE answers whether it matches, and where the
// leftmost match starts, with the expression reversed and anchored at
// the start of the reversed text, which fails at the first word that
// cannot end a match; only a text that matches runs the expression
// itself, for its groups, from where the match starts. Its answers are
// those of the expression (TestEndREMatchesRegexp).
type endRE struct {
	re  *lazyre.Regexp
	rev func() *regexp.Regexp
}

// newEndRE returns an endRE for expr, compiled on first use; expr must
// end in `$` on every path, which the first use checks (a panic, as
// regexp.MustCompile's, that TestEndREs reaches).
func newEndRE(expr string) *endRE {
	return &endRE{re: lazyre.New(expr), rev: sync.OnceValue(func() *regexp.Regexp {
		rev, err := reverseEnd(expr)
		if err != nil {
			panic(err)
		}
		return rev
	})}
}

// reverseEnd returns expr, which must end in `$`, reversed: it matches
// the reverse of every text expr matches, from the reversed text's
// start, preferring the longest match.
func reverseEnd(expr string) (*regexp.Regexp, error) {
	tree, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		return nil, fmt.Errorf("disclosure: %q: %w", expr, err)
	}
	if !endsAtEnd(tree) {
		return nil, fmt.Errorf("disclosure: %q does not end in $ on every path", expr)
	}
	reverseTree(tree)
	rev, err := regexp.Compile(tree.String())
	if err != nil {
		return nil, fmt.Errorf("disclosure: %q reversed: %w", expr, err)
	}
	rev.Longest()
	return rev, nil
}

// endsAtEnd reports whether every match of re ends at the text's end.
func endsAtEnd(re *syntax.Regexp) bool {
	switch re.Op {
	case syntax.OpEndText:
		return true
	case syntax.OpConcat:
		return len(re.Sub) > 0 && endsAtEnd(re.Sub[len(re.Sub)-1])
	case syntax.OpCapture:
		return endsAtEnd(re.Sub[0])
	case syntax.OpAlternate:
		for _, s := range re.Sub {
			if !endsAtEnd(s) {
				return false
			}
		}
		return true
	}
	return false
}

// reverseTree turns re into an expression for the reversed texts: the
// parts of each concatenation and the runes of each literal in reverse
// order, the text's start and end swapped. Word boundaries look at both
// sides and stay.
func reverseTree(re *syntax.Regexp) {
	switch re.Op {
	case syntax.OpLiteral:
		slices.Reverse(re.Rune)
	case syntax.OpConcat:
		slices.Reverse(re.Sub)
	case syntax.OpBeginText:
		re.Op = syntax.OpEndText
	case syntax.OpEndText:
		re.Op = syntax.OpBeginText
		re.Flags &^= syntax.WasDollar
	case syntax.OpBeginLine:
		re.Op = syntax.OpEndLine
	case syntax.OpEndLine:
		re.Op = syntax.OpBeginLine
	}
	for _, s := range re.Sub {
		reverseTree(s)
	}
}

// reverseText returns s with its runes, as the regexp package decodes
// them, in reverse order, every byte that is not part of a rune as
// 0xFF, which never is: the reversed text decodes to the same runes
// and is as long.
func reverseText(s string) string {
	b := make([]byte, len(s))
	for i := 0; i < len(s); {
		r, w := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && w == 1 {
			b[len(s)-i-1] = 0xFF
		} else {
			copy(b[len(s)-i-w:], s[i:i+w])
		}
		i += w
	}
	return string(b)
}

// startRev returns where in s the leftmost match starts, or -1, told
// rev, reverseText(s).
func (x *endRE) startRev(s, rev string) int {
	m := x.rev().FindStringIndex(rev)
	if m == nil {
		return -1
	}
	return len(s) - m[1]
}

// matchRev is MatchString told rev, reverseText(s), which a caller
// trying several endREs on one text makes once.
func (x *endRE) matchRev(_, rev string) bool { return x.rev().MatchString(rev) }

// MatchString reports whether the expression matches s.
func (x *endRE) MatchString(s string) bool { return x.rev().MatchString(reverseText(s)) }

// FindStringIndex is regexp's FindStringIndex: a match ends at len(s).
func (x *endRE) FindStringIndex(s string) []int { return x.indexRev(s, reverseText(s)) }

// indexRev is FindStringIndex told rev, reverseText(s).
func (x *endRE) indexRev(s, rev string) []int {
	i := x.startRev(s, rev)
	if i < 0 {
		return nil
	}
	return []int{i, len(s)}
}

// FindStringSubmatchIndex is regexp's FindStringSubmatchIndex. The
// expression runs from the rune before the match, so that a word
// boundary at its start sees what it sees in s; where that finds
// another match (a `^` at the cut), it runs on all of s.
func (x *endRE) FindStringSubmatchIndex(s string) []int {
	return x.submatchRev(s, reverseText(s))
}

// submatchRev is FindStringSubmatchIndex told rev, reverseText(s).
func (x *endRE) submatchRev(s, rev string) []int {
	i := x.startRev(s, rev)
	if i < 0 {
		return nil
	}
	k := i
	if k > 0 {
		_, w := utf8.DecodeLastRuneInString(s[:k])
		k -= w
	}
	m := x.re.FindStringSubmatchIndex(s[k:])
	if m == nil || m[0] != i-k {
		return x.re.FindStringSubmatchIndex(s)
	}
	for j := range m {
		if m[j] >= 0 {
			m[j] += k
		}
	}
	return m
}
