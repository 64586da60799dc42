package hygiene

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/heft-dev/heft/internal/scorertest"
)

// TestLineFilteredAsWhole: issueRE and codeRefRE, line by line behind
// their literal tests, find what the patterns find on the whole text
// (issue quotes compared as issueRefs trims them), on made-up
// descriptions built from the shapes they match and near misses.
func TestLineFilteredAsWhole(t *testing.T) {
	frags := []string{
		"Fixes #12", "(#7)", "[#8]", "#9", "## Summary", "#x", "acme/widgets#31", "a.b-c/d_e#4", "GH-55", "gh-56", "Gh-x",
		"https://github.com/acme/widgets/issues/77", "HTTP://GITHUB.COM/a/b/issues/78", "github.com/a/b/pull/3", "issue 5", "/ISSUES/", "gH-9", "\f", "\r", "x#1", "https://github.com/a/b/i\u017f\u017fues/79",
		"internal/cache.go", "src/a/b.tsx", "@scope/pkg/index.js", "obj->call()", "Type::make()", "x.run()", "load()", "ab()",
		"see docs", "naïve", "✅", "ſ", "\u212A", "the", "and", " ", "\t", "\n", "\n", "\r\n", "(", "[", "#", "/", "()",
	}
	r := rand.New(rand.NewPCG(5, 8))
	for range 5000 {
		text := scorertest.Pieces(r, frags, 16, 0.5)
		var wantNums []int
		var wantQuotes []string
		seen := map[int]bool{}
		for _, m := range issueRE.FindAllStringSubmatch(text, -1) {
			for _, g := range m[1:] {
				if g == "" {
					continue
				}
				n := 0
				for _, c := range g {
					n = n*10 + int(c-'0')
				}
				if seen[n] {
					continue
				}
				seen[n] = true
				wantNums = append(wantNums, n)
				wantQuotes = append(wantQuotes, strings.TrimLeft(m[0], " \t\r\n(["))
			}
		}
		nums, quotes := issueRefs(text)
		if !slices.Equal(nums, wantNums) || !slices.Equal(quotes, wantQuotes) {
			t.Fatalf("%q: issues %v %q, whole text %v %q", text, nums, quotes, wantNums, wantQuotes)
		}
		if got, want := codeRefRE.FindAllString(text, -1), codeRefRE.Re.FindAllString(text, -1); !slices.Equal(got, want) {
			t.Fatalf("%q: code references %q, whole text %q", text, got, want)
		}
		if got, want := codeRefRE.FindString(text), codeRefRE.Re.FindString(text); got != want {
			t.Fatalf("%q: first code reference %q, whole text %q", text, got, want)
		}
	}
}

// TestMayIssueFolds: mayIssue's ASCII case test is exact for ASCII words
// only, since (?i) folds the long s of "/iſſues/" to s; words with other
// bytes go to the pattern.
func TestMayIssueFolds(t *testing.T) {
	folds := false
	for _, c := range "ghissue" {
		for f := unicode.SimpleFold(c); f != c; f = unicode.SimpleFold(f) {
			folds = folds || f > unicode.MaxASCII
		}
	}
	if !folds {
		t.Fatal("no letter folds outside ASCII: the isASCII guard could go")
	}
	text := "See https://github.com/acme/widgets/i\u017f\u017fues/77 for it."
	if nums, _ := issueRefs(text); !slices.Equal(nums, []int{77}) {
		t.Errorf("issueRefs(%q) = %v, want [77]", text, nums)
	}
}

// TestLiteralTestsExact: mayCodeRef and mayShortcode are false only for
// strings their patterns cannot match, ASCII or not, so the scorer
// skips the patterns on those lines without changing what it finds.
func TestLiteralTestsExact(t *testing.T) {
	frags := []string{
		"a", "ab", "abc", "_", "+", "-", ":", "::", "->", ".", "..", ".go", ".x", ".1", "/", "//", "@", "()", "(", ")",
		"src", "load", "smile", "+1", "é", "✅", "ſ", "\u212A", " ", "\t", "http", "x.y", "Z", "->", "::", "x()", "a/b.go", " ", "\t",
		"https://", "github.com/", "o/r/pull/12", "//", "x/", "@/", "-/", "./", "/a.b",
		"#", "7", "gh-", "GH-", "/issues/", "/ISSUES/", "acme/w", "(", "[",
	}
	r := rand.New(rand.NewPCG(9, 3))
	for range 20000 {
		s := scorertest.Pieces(r, frags, 10, 0)
		if codeRefRE.Re.MatchString(s) && !mayCodeRef(s) {
			t.Fatalf("%q: codeRefRE matches, mayCodeRef says it cannot", s)
		}
		if got, want := codeRefs(s), codeRefRE.Re.FindAllString(s, -1); !slices.Equal(got, want) {
			t.Fatalf("%q: code references word by word %q, on the line %q", s, got, want)
		}
		if isASCII(s) && issueRE.MatchString(s) && !mayIssue(s) {
			t.Fatalf("%q: issueRE matches, mayIssue says it cannot", s)
		}
		if shortcodeRE.MatchString(s) && !mayShortcode(s) {
			t.Fatalf("%q: shortcodeRE matches, mayShortcode says it cannot", s)
		}
	}
}
