package workaround

import (
	"maps"
	"math/rand/v2"
	"regexp"
	"regexp/syntax"
	"slices"
	"strings"
	"testing"

	"github.com/heft-dev/heft/internal/lazyre"
	"github.com/heft-dev/heft/internal/scorertest"
	"github.com/heft-dev/heft/internal/wording"
)

// TestLineRegexpAsWhole checks that matching line by line, with the
// literal tests, finds what the patterns find on the whole text: made-up
// messages built from fragments of every alternative (and near misses),
// in random case, joined by spaces and line breaks.
func TestLineRegexpAsWhole(t *testing.T) {
	frags := []string{
		"work around", "workarounds", "worked-around", "hacky", "kludge", "monkey patch", "bug in", "is buggy",
		"broken since", "broke", "until", "it is fixed", "is released", "remove this when", "doesn't support", "doesnt support",
		"regression", "temporary fix", "fails to build on", "due to a bug", "in order to avoid", "has a bug", "doesnt build",
		"dont parse", "wont start", "cant load", "cannot compile", "to avoid a crash", "instead of the workaround",
		"hacks are no longer", "drop our old hack", "removed the workaround", "Kelvin \u212Aludge", "naïve", "the", "fix",
		"parser", "we", "support", "not", "do", "avoid", "\n", "\n", "\r\n", "  ",
		"replaced", "switch to", "moved away", "in favour of", "forked", "segfaults", "hangs", "leaking", "didn't work", "corrupts",
		"back to", "to the upstream", "is upstream", "upstreamed", "upstream crate", "off of our fork", "\u212Aeep",
		"internal compiler error", "ICE", "an ICE.", "miscompiles", "delete it once", "drop this after", "revert when",
		"due to an libfoo-2 bug", "due to a glibc issue", "waiting for the next go1.22 release", "wait for a fixed libfoo version",
		"compiler bugs", "compiler crash", "bug in the compiler", "codegen bug", "older c++ compilers", "some c compilers", "miscompilation",
	}
	r := rand.New(rand.NewPCG(3, 9))
	for range 5000 {
		var b strings.Builder
		for range 1 + r.IntN(10) {
			f := frags[r.IntN(len(frags))]
			if r.IntN(3) == 0 {
				f = strings.ToUpper(f)
			}
			b.WriteString(f)
			b.WriteByte(" \n"[r.IntN(2)])
		}
		text := b.String()
		for _, l := range []lazyre.Lines{ctxWords2RE, compilerRE, ctxReplacedRE, swapWordsRE, swapReasonRE, swapBackRE} {
			if got, want := l.MatchString(text), l.Re.MatchString(text); got != want {
				t.Fatalf("%q: line by line %v, whole text %v (%s)", text, got, want, l.Re)
			}
		}
		if got, want := ctxWordsRE.MatchString(text), ctxWordsWhole.MatchString(text); got != want {
			t.Fatalf("%q: ctxWordsRE line by line %v, whole text %v", text, got, want)
		}
	}
}

// ctxWordsWhole is ctxWordsRE as one pattern, as it was written before
// it was cut in parts.
var ctxWordsWhole = func() *regexp.Regexp {
	var parts []string
	for _, re := range ctxWordsRE.Res {
		parts = append(parts, re.String())
	}
	return regexp.MustCompile(strings.Join(parts, "|"))
}()

// TestLineRegexpsStayInLine: the expressions run line by line without a
// literal test of their own can match no line break (no \s, '.', (?s)
// or negated class that takes one), so no match of the whole text is
// lost by cutting it into lines.
func TestLineRegexpsStayInLine(t *testing.T) {
	for _, l := range []lazyre.Lines{ctxWords2RE, compilerRE, swapWordsRE, swapReasonRE, swapBackRE} {
		re, err := syntax.Parse(l.Re.String(), syntax.Perl)
		if err != nil {
			t.Fatal(err)
		}
		if n := takesNewline(re); n != "" {
			t.Errorf("%s: %s can match a line break", l.Re, n)
		}
	}
}

// TestMayShortRef checks that mayShortRef never turns away a text
// shortRefRE matches: made-up lines built from fragments of references,
// near misses and the '#'s of code.
func TestMayShortRef(t *testing.T) {
	frags := []string{
		"owner/repo#12", "a.b-c/d_e#3", "see", "(", "[", " ", "\t", "\n", "#", "#1", "# 1", "##2", "#include", "#[cfg]",
		"x/y", "/", "#x", "issue", "-#4", ".#5", "_#6", "é#7", "foo/bar#", "9", "#!", "owner/repo #8", "o/r#0b",
	}
	r := rand.New(rand.NewPCG(5, 11))
	for range 20000 {
		text := scorertest.Pieces(r, frags, 6, 0)
		if shortRefRE.MatchString(text) && !mayShortRef(text) {
			t.Fatalf("%q: shortRefRE matches, mayShortRef says no", text)
		}
	}
	for _, text := range []string{"fixes owner/repo#12", "(a/b#1)", "x/y#2"} {
		if !mayShortRef(text) {
			t.Errorf("mayShortRef(%q) = false", text)
		}
	}
	for _, text := range []string{"# a comment", "#include <x>", "#[derive(Debug)]", "color: #fff", "a/b#"} {
		if mayShortRef(text) {
			t.Errorf("mayShortRef(%q) = true", text)
		}
	}
}

// takesNewline returns a node of re that can match '\n', or "".
func takesNewline(re *syntax.Regexp) string {
	switch re.Op {
	case syntax.OpAnyChar:
		return re.String()
	case syntax.OpLiteral:
		if slices.Contains(re.Rune, '\n') {
			return re.String()
		}
	case syntax.OpCharClass:
		for i := 0; i+1 < len(re.Rune); i += 2 {
			if re.Rune[i] <= '\n' && '\n' <= re.Rune[i+1] {
				return re.String()
			}
		}
	}
	for _, s := range re.Sub {
		if n := takesNewline(s); n != "" {
			return n
		}
	}
	return ""
}

// TestWithoutQuotes: what a comment quotes is blanked, whether the quote
// opens and closes on the line, closes a quote the line above opened, or
// stays open to the end of the line; what it says in its own words stays.
func TestWithoutQuotes(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{`a bug phrase ("a bug in libfoo", "the`, `a bug phrase (` + blanks(`"a bug in libfoo"`) + `, ` + blanks(`"the`)},
		{`    libfoo bug", "libfoo is broken")`, blanks(`    libfoo bug"`) + `, ` + blanks(`"libfoo is broken"`) + `)`},
		{"work around a bug in libfoo `x`", "work around a bug in libfoo    "},
		{"say \u201clibfoo is broken\u201d here", "say " + blanks("\u201clibfoo is broken\u201d") + " here"},
		{`HACK: "pip install" fails on PyPy`, `HACK:               fails on PyPy`},
		{`no quotes at all`, `no quotes at all`},
		{`it's libfoo's bug`, `it's libfoo's bug`},
	} {
		got := withoutQuotes(tc.in)
		if got != tc.want {
			t.Errorf("withoutQuotes(%q)\n got %q\nwant %q", tc.in, got, tc.want)
		}
		if len(got) != len(tc.in) {
			t.Errorf("withoutQuotes(%q) changed the length", tc.in)
		}
	}
}

// blanks is s's length in spaces.
func blanks(s string) string { return strings.Repeat(" ", len(s)) }

func TestOccurrences(t *testing.T) {
	tests := []struct {
		name, s, sub string
		want         []int
	}{
		{"none", "a bug in libfoo", "hack", nil},
		{"each, not overlapping", "aaaa", "aa", []int{0, 2}},
		{"phrase twice", "x is broken, y is broken", " is broken", []int{1, 14}},
		{"empty sub occurs nowhere", "abc", "", nil},
	}
	for _, tt := range tests {
		if got := slices.Collect(occurrences(tt.s, tt.sub)); !slices.Equal(got, tt.want) {
			t.Errorf("%s: occurrences(%q, %q) = %v, want %v", tt.name, tt.s, tt.sub, got, tt.want)
		}
	}
}

func TestWordOccurrences(t *testing.T) {
	tests := []struct {
		name, s, w string
		want       []int
	}{
		{"whole words only", "bug debug bug_x bug.", "bug", []int{0, 16}},
		{"at the ends", "bug", "bug", []int{0}},
		{"inside a longer word after a bounded one", "a ab a", "a", []int{0, 5}},
	}
	for _, tt := range tests {
		if got := slices.Collect(wordOccurrences(tt.s, tt.w)); !slices.Equal(got, tt.want) {
			t.Errorf("%s: wordOccurrences(%q, %q) = %v, want %v", tt.name, tt.s, tt.w, got, tt.want)
		}
		if first := wordIndex(tt.s, tt.w); len(tt.want) > 0 && first != tt.want[0] {
			t.Errorf("%s: wordIndex = %d, want %d", tt.name, first, tt.want[0])
		}
	}
}

func TestRuns(t *testing.T) {
	type span struct{ i, j int }
	var got []span
	for i, j := range runs("  go1.22, g++ x", isTermByte) {
		got = append(got, span{i, j})
	}
	want := []span{{2, 8}, {10, 13}, {14, 15}}
	if !slices.Equal(got, want) {
		t.Errorf("runs = %v, want %v", got, want)
	}
	if n := len(slices.Collect(func(yield func(int) bool) {
		for i := range runs("", isTermByte) {
			yield(i)
		}
	})); n != 0 {
		t.Errorf("runs of an empty string: %d, want 0", n)
	}
}

func TestWordSet(t *testing.T) {
	set := wordSet("a  b\n\tc")()
	if !maps.Equal(set, map[string]bool{"a": true, "b": true, "c": true}) {
		t.Errorf("wordSet = %v", set)
	}
}

// TestMayCtxWordsOnePass checks mayCtxWords, which looks at each byte
// once, against the word-by-word search it replaced, on made-up lines
// of its words in mixed case, parts of them and other bytes.
func TestMayCtxWordsOnePass(t *testing.T) {
	each := func(cm string) bool {
		return slices.ContainsFunc(ctxGateWords[:], func(w string) bool { return wording.ContainsFold(cm, w) }) ||
			strings.Contains(cm, "ICE")
	}
	pieces := []string{"WoRk", "hac", "k", "KLUDGE", "mon", "key", "bu", "g", "broke", "unti", "l", "Remove", "support",
		"regression", "tempor", "ary", "fail", "due", " to", "avoid", "n'", "t", "not", " ", "cannot", "doesnt", "DONT", "wont", "cant",
		"compiler", " error", "miscompil", "delete", "drop", "revert", "wait", "IC", "E", "ice", "@", "[", "`", "{", "é", "\xff", "x", "\n"}
	r := rand.New(rand.NewPCG(2, 8))
	for range 20000 {
		text := scorertest.Pieces(r, pieces, 5, 0)
		if got, want := mayCtxWords(text), each(text); got != want {
			t.Fatalf("mayCtxWords(%q) = %v, word by word %v", text, got, want)
		}
	}
}
