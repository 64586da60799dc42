package lazyre

import (
	"math"
	"regexp/syntax"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/heft-dev/heft/internal/wording"
)

// A Regexp's literal test: from the parsed expression, a set of ASCII
// strings one of which, in any ASCII case, every match contains ("bug",
// "broken", "crash" for `\b(?:bug|broken|crash\w*)\b`). Text that holds
// none of them cannot match, and Match and Find skip the expression:
// most of heft's expressions look for words most text lacks, and Go's
// regexp otherwise steps every byte through every alternative.
//
// The test is exact only for what it may say no to. A (?i) literal
// matches two non-ASCII letters too (k the Kelvin sign, s the long s),
// so text holding either always goes to the expression when a literal
// holds a k or an s; other non-ASCII text is compared like any other. Expressions anchored at the start of the
// text are not tested: they fail fast on their own.

// literalInfo is what a node of the expression says about its matches:
// set, when ok, holds strings one of which every match contains; exact
// says every match is one of them, entirely (so that a concatenation can
// join them).
type literalInfo struct {
	set   []string
	exact bool
	ok    bool
}

// maxJoined bounds the strings of a set made by joining the sets of a
// run of parts, which multiplies them; a run that would exceed it ends,
// and the next starts. maxLiterals bounds any set, as alternatives add
// theirs: a large alternation of words ("workaround", "hack", "does not
// build", ...) is still tested, with one string or a few for each.
const (
	maxJoined   = 16
	maxLiterals = 256
)

// literals returns the set of a Regexp's literal test, or nil for none.
func literals(expr string) []string {
	re, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		return nil
	}
	re = re.Simplify()
	if anchored(re) {
		return nil
	}
	in := required(re)
	if !in.ok || len(in.set) == 0 || slices.Contains(in.set, "") {
		return nil
	}
	return pruned(in.set)
}

// pruned drops the strings of set that hold another of its strings: text
// holding one holds the other ("broken in" goes, "broke" stays).
func pruned(set []string) []string {
	var out []string
	for _, s := range set {
		if !slices.ContainsFunc(set, func(o string) bool { return o != s && strings.Contains(s, o) }) {
			out = append(out, s)
		}
	}
	return out
}

// anchored reports whether re can only match at the start of the text.
func anchored(re *syntax.Regexp) bool {
	for {
		switch re.Op {
		case syntax.OpBeginText:
			return true
		case syntax.OpCapture:
			re = re.Sub[0]
		case syntax.OpConcat:
			if len(re.Sub) == 0 {
				return false
			}
			re = re.Sub[0]
		default:
			return false
		}
	}
}

func required(re *syntax.Regexp) literalInfo {
	switch re.Op {
	case syntax.OpEmptyMatch, syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText, syntax.OpEndText,
		syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		return literalInfo{set: []string{""}, exact: true, ok: true}
	case syntax.OpLiteral:
		s := string(re.Rune)
		for _, r := range re.Rune {
			if r >= utf8.RuneSelf {
				return literalInfo{}
			}
		}
		return literalInfo{set: []string{strings.ToLower(s)}, exact: true, ok: true}
	case syntax.OpCharClass:
		var set []string
		for i := 0; i+1 < len(re.Rune); i += 2 {
			lo, hi := re.Rune[i], re.Rune[i+1]
			if hi >= utf8.RuneSelf || hi-lo >= 8 {
				return literalInfo{}
			}
			for r := lo; r <= hi; r++ {
				set = append(set, strings.ToLower(string(r)))
			}
		}
		slices.Sort(set)
		set = slices.Compact(set)
		if len(set) == 0 || len(set) > 8 {
			return literalInfo{}
		}
		return literalInfo{set: set, exact: true, ok: true}
	case syntax.OpCapture:
		return required(re.Sub[0])
	case syntax.OpQuest:
		in := required(re.Sub[0])
		if !in.ok || !in.exact {
			return literalInfo{}
		}
		return literalInfo{set: union(in.set, []string{""}), exact: true, ok: true}
	case syntax.OpPlus:
		in := required(re.Sub[0])
		in.exact = false
		return in
	case syntax.OpRepeat:
		if re.Min < 1 {
			return literalInfo{}
		}
		in := required(re.Sub[0])
		if re.Min != 1 || re.Max != 1 {
			in.exact = false
		}
		return in
	case syntax.OpAlternate:
		out := literalInfo{exact: true, ok: true}
		for _, sub := range re.Sub {
			in := required(sub)
			if !in.ok {
				return literalInfo{}
			}
			out.set = union(out.set, in.set)
			out.exact = out.exact && in.exact
			if len(out.set) > maxLiterals {
				return literalInfo{}
			}
		}
		return out
	case syntax.OpConcat:
		return concat(re.Sub)
	}
	return literalInfo{} // any character, star, no match: nothing required
}

// concat joins the exact sets of adjacent parts and keeps the best set
// any run of parts requires.
func concat(subs []*syntax.Regexp) literalInfo {
	var best literalInfo
	consider := func(in literalInfo) {
		if in.ok && better(in.set, best.set, best.ok) {
			best = literalInfo{set: in.set, ok: true}
		}
	}
	run := literalInfo{set: []string{""}, exact: true, ok: true}
	whole := true // every part so far joined into run
	for _, sub := range subs {
		in := required(sub)
		if in.ok && in.exact && len(run.set)*len(in.set) <= maxJoined {
			run.set = join(run.set, in.set)
			continue
		}
		consider(run)
		whole = false
		if in.ok && in.exact {
			run = in
			continue
		}
		consider(in)
		run = literalInfo{set: []string{""}, exact: true, ok: true}
	}
	if whole {
		return run
	}
	consider(run)
	return best
}

// better reports whether set a is a sharper test than set b: its
// shortest string is longer, or as long with fewer strings.
func better(a, b []string, bok bool) bool {
	if !bok {
		return true
	}
	ma, mb := minLen(a), minLen(b)
	return ma > mb || ma == mb && len(a) < len(b)
}

func minLen(set []string) int {
	n := -1
	for _, s := range set {
		if n < 0 || len(s) < n {
			n = len(s)
		}
	}
	return n
}

func join(a, b []string) []string {
	out := make([]string, 0, len(a)*len(b))
	for _, x := range a {
		for _, y := range b {
			out = append(out, x+y)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

func union(a, b []string) []string {
	out := append(slices.Clip(a), b...)
	slices.Sort(out)
	return slices.Compact(out)
}

// literalTest is a compiled literal test.
type literalTest struct {
	lits []string // lower-case ASCII, none empty, sorted
	// span[c] is where the literals that start with c, in either case,
	// stand in lits: at each byte of a text only those are compared.
	span  [128]struct{ lo, hi uint16 }
	folds bool // some literal holds a k or an s, which (?i) also finds as K (U+212A) and ſ (U+017F)
}

func newLiteralTest(lits []string) *literalTest {
	if len(lits) == 0 || len(lits) > math.MaxUint16 {
		return nil
	}
	lits = slices.Sorted(slices.Values(lits))
	t := &literalTest{lits: lits}
	for i, l := range lits {
		c := l[0]
		if c >= utf8.RuneSelf {
			return nil // not a literal this test can compare: let every text through
		}
		if t.span[c].hi == 0 {
			t.span[c].lo = uint16(i)
		}
		t.span[c].hi = uint16(i + 1)
		if strings.ContainsAny(l, "ks") {
			t.folds = true
		}
	}
	for c := 'a'; c <= 'z'; c++ {
		t.span[c-'a'+'A'] = t.span[c]
	}
	return t
}

// may reports whether s could hold a match: false only when it holds
// none of the literals in any ASCII case, nor, if a literal has a k or
// an s, the Kelvin sign or the long s. No other non-ASCII letter folds
// to an ASCII one (TestLiteralTestFolds), so other non-ASCII text, a
// dash or a quotation mark or an emoji, is passed over rather than sent
// to the expression.
func (t *literalTest) may(s string) bool {
	if t == nil {
		return true
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			if t.folds && (c == 0xE2 && strings.HasPrefix(s[i:], "\u212a") || c == 0xC5 && strings.HasPrefix(s[i:], "\u017f")) {
				return true
			}
			continue
		}
		sp := t.span[c]
		for _, l := range t.lits[sp.lo:sp.hi] {
			if wording.HasFoldAt(s, i, l) {
				return true
			}
		}
	}
	return false
}
