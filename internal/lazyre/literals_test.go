package lazyre

import (
	"math/rand/v2"
	"slices"
	"testing"
	"unicode"
)

// TestLiterals: the sets the literal test is built from, on the shapes
// heft's expressions take, each with the reason it must be so.
func TestLiterals(t *testing.T) {
	for _, tc := range []struct {
		expr string
		want []string
		why  string
	}{
		{`(?i)\b(?:bug|broken|crash\w*)\b`, []string{"broken", "bug", "crash"}, "an alternation of words; Go factors the common b"},
		{`(?i)\bwork(?:s|ed|ing)?\s*arounds?\b`, []string{"around"}, `\s* breaks the run; "around" is longer than "work", and "arounds" holds it`},
		{`\bno\s+AI\b`, []string{"no"}, `\s breaks the run; "no" and "ai" are as long, so the one set with fewer strings`},
		{`https?://`, []string{"http://", "https://"}, "an optional letter is joined in"},
		{`x{2,3}y`, []string{"xxy"}, "a bounded repeat spelled out; xxxy holds xxy"},
		{`(?:a|b)(?:c|d)`, []string{"ac", "ad", "bc", "bd"}, "exact sets are joined"},
		{`^\s*module\s+`, nil, "anchored at the start: it fails fast without a test"},
		{`\w+`, nil, "no literal at all"},
		{`(?:foo|\d+)`, nil, "one alternative requires nothing"},
		{`a*`, nil, "may match the empty text"},
		{`(?m)^#\d`, []string{"#"}, "a line start is not the text's start; a large class ends the run"},
		{`é+x`, []string{"x"}, "non-ASCII literals are left out"},
	} {
		got := literals(tc.expr)
		if !slices.Equal(got, tc.want) {
			t.Errorf("literals(%q) = %q, want %q: %s", tc.expr, got, tc.want, tc.why)
		}
	}
}

// TestLiteralTestFolds: the only ASCII letters with a case form outside
// ASCII are k and s, which the test covers by letting non-ASCII text
// through when a literal holds one.
func TestLiteralTestFolds(t *testing.T) {
	for c := 'a'; c <= 'z'; c++ {
		for f := unicode.SimpleFold(c); f != c; f = unicode.SimpleFold(f) {
			if f > unicode.MaxASCII && c != 'k' && c != 's' {
				t.Errorf("%q folds to %q, outside ASCII", c, f)
			}
		}
	}
	re := New(`(?i)keep`)
	if !re.MatchString("\u212Aeep") {
		t.Error("(?i)keep does not match the Kelvin sign")
	}
	if re.MatchString("deep") || re.MatchString("") {
		t.Error("(?i)keep matches what it should not")
	}
}

// TestLiteralTestSound: on made-up matches of tricky expressions, the
// test never says no where the expression matches, and the methods give
// regexp's answers.
func TestLiteralTestSound(t *testing.T) {
	exprs := []string{
		`(?i)\b(?:bug|broken|crash\w*)\b|https?://|#\d+`,
		`(?i)\bwork(?:s|ed|ing)?[ -]?arounds?\b|\bkludge`,
		`(?i)(?:^|[^\w-])((?i:generative\s+AI|large\s+language\s+models?)|AI|A\.I\.|LLMs?)(?:$|[^\w-])`,
		`(?i)\bpin(s|ned|ning)?\b|\block(s|ed)?\b.{0,40}\bto\b|\bkeep .{0,30} (at|on) \d`,
		`[Kk]eep|[sS]ee`,
		`(?:[\w@.-]+/)+[\w.-]+\.[A-Za-z]\w{0,9}\b|\w+(?:->|::|\.)\w+\(\)|\b\w{3,}\(\)`,
		`(?m)^\s*[-*]\s+\[[ xX]\]`,
	}
	r := rand.New(rand.NewPCG(3, 4))
	for _, e := range exprs {
		x := New(e)
		if err := checkLiteralTest(x, r, 3000); err != nil {
			t.Fatal(err)
		}
		for _, s := range []string{"", "nothing here", "a BUG", "WORK-around", "https://x", "#12", "see ſee", "a.b/c.go", "x.y()", "- [x] done"} {
			if got, want := x.FindAllStringSubmatchIndex(s, -1), x.Get().FindAllStringSubmatchIndex(s, -1); !slices.EqualFunc(got, want, slices.Equal) {
				t.Errorf("%q on %q: %v, regexp %v", e, s, got, want)
			}
			if got, want := x.Match([]byte(s)), x.Get().MatchString(s); got != want {
				t.Errorf("%q on %q: Match %v, regexp %v", e, s, got, want)
			}
		}
	}
}
