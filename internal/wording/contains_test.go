package wording

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/heft-dev/heft/internal/scorertest"
)

func TestContainsFold(t *testing.T) {
	tests := []struct {
		s, sub string
		want   bool
	}{
		{"Work around a bug in PyPy", "work", true},
		{"WORKAROUND", "workaround", true},
		{"a HACK for now", "hack", true},
		{"networking", "work", true},
		{"no match here", "bug", false},
		{"", "bug", false},
		{"bu", "bug", false},
		{"anything", "", true},
		{"Ünïcode BUG", "bug", true},
		{"WORK", "wörk", false},
	}
	for _, tt := range tests {
		if got := ContainsFold(tt.s, tt.sub); got != tt.want {
			t.Errorf("ContainsFold(%q, %q) = %v, want %v", tt.s, tt.sub, got, tt.want)
		}
	}
}

func TestArticle(t *testing.T) {
	for word, want := range map[string]string{
		"owner":        "an owner",
		"member":       "a member",
		"collaborator": "a collaborator",
		"":             "a ",
	} {
		if got := Article(word); got != want {
			t.Errorf("Article(%q) = %q, want %q", word, got, want)
		}
	}
}

func TestPlural(t *testing.T) {
	tests := []struct {
		n    int
		word string
		want string
	}{
		{1, "checkbox", "1 checkbox"},
		{2, "checkbox", "2 checkboxes"},
		{3, "match", "3 matches"},
		{0, "file", "0 files"},
		{1200, "line", "1,200 lines"},
	}
	for _, tt := range tests {
		if got := Plural(tt.n, tt.word); got != tt.want {
			t.Errorf("Plural(%d, %q) = %q, want %q", tt.n, tt.word, got, tt.want)
		}
	}
}

func TestOf(t *testing.T) {
	tests := []struct {
		n, total int
		want     string
	}{
		{1, 1, "the only changed file"},
		{3, 3, "all 3 changed files"},
		{0, 3, "none of the 3 changed files"},
		{0, 1, "none of the 1 changed file"},
		{1, 3, "1 of the 3 changed files"},
	}
	for _, tt := range tests {
		if got := Of(tt.n, tt.total, "changed file", "changed files"); got != tt.want {
			t.Errorf("Of(%d, %d) = %q, want %q", tt.n, tt.total, got, tt.want)
		}
	}
}

func TestSnippet(t *testing.T) {
	for _, tc := range []struct {
		s    string
		n    int
		want string
	}{
		{"  short  ", 10, "short"},
		{"two\n\tlines  here", 80, "two lines here"},
		{"abcdefghij", 10, "abcdefghij"},
		{"abcdefghijk", 10, "abcdefghi…"},
		{"ééééé", 5, "ééééé"},
		{"éééééé", 5, "éééé…"},
		{"a\u00a0b", 5, "a b"},
		{"abc", 0, "…"},
		{"\xffabc", 3, "\xffa…"},
		{"abc def ghi", 5, "abc…"},
		{"abc \t\ndef", 5, "abc…"},
	} {
		if got := Snippet(tc.s, tc.n); got != tc.want {
			t.Errorf("Snippet(%q, %d) = %q, want %q", tc.s, tc.n, got, tc.want)
		}
		if got := Snippet(tc.s, tc.n); utf8.RuneCountInString(got) > max(tc.n, 1) {
			t.Errorf("Snippet(%q, %d) = %q: more than %d runes", tc.s, tc.n, got, tc.n)
		}
	}
}

func TestList(t *testing.T) {
	for _, tc := range []struct {
		items []string
		want  string
	}{
		{nil, ""},
		{[]string{"a"}, "a"},
		{[]string{"a", "b"}, "a and b"},
		{[]string{"a", "b", "c"}, "a, b and c"},
	} {
		if got := List(tc.items); got != tc.want {
			t.Errorf("List(%q) = %q, want %q", tc.items, got, tc.want)
		}
	}
}

func TestListMax(t *testing.T) {
	for _, tc := range []struct {
		items []string
		max   int
		want  string
	}{
		{[]string{"a", "b", "c"}, 3, "a, b and c"},
		{[]string{"a", "b", "c", "d", "e"}, 3, "a, b, c and 2 more"},
		{[]string{"a", "b", "c", "d"}, 3, "a, b, c and 1 more"},
		{[]string{"a", "b"}, 0, "a and b"},
	} {
		if got := ListMax(tc.items, tc.max); got != tc.want {
			t.Errorf("ListMax(%q, %d) = %q, want %q", tc.items, tc.max, got, tc.want)
		}
	}
}

func TestWords(t *testing.T) {
	for _, s := range []string{"", " ", "one", " two  words ", "a\tb\nc\vd\fe\rf", "a\u00a0b\u0085c\u2003d", "\xff \xfe\xfd x", "é ü", "no-space"} {
		if got, want := Words(s), len(strings.Fields(s)); got != want {
			t.Errorf("Words(%q) = %d, want %d", s, got, want)
		}
	}
}

// TestContainsFoldAsNaive: ContainsFold finds what a byte-by-byte search
// finds, on made-up texts from pieces of the words and near misses.
func TestContainsFoldAsNaive(t *testing.T) {
	naive := func(s, sub string) bool {
		for i := 0; i+len(sub) <= len(s); i++ {
			if strings.EqualFold(s[i:i+len(sub)], sub) && strings.ToLower(s[i:i+len(sub)]) == sub {
				return true
			}
		}
		return false
	}
	frags := []string{"l", "L", "o", "lo", "LOR", "rem", "EM", "lorem", "d", "dol", "OR", "x", " ", "é", "#", "1", "-"}
	subs := []string{"lorem", "dolor", "l", "#1", "gh-", "-"}
	r := rand.New(rand.NewPCG(2, 3))
	for range 20000 {
		s := scorertest.Pieces(r, frags, 12, 0)
		for _, sub := range subs {
			if got, want := ContainsFold(s, sub), naive(s, sub); got != want {
				t.Fatalf("ContainsFold(%q, %q) = %v, want %v", s, sub, got, want)
			}
		}
	}
}

// BenchmarkContainsFold looks for a word a paragraph of English prose
// lacks, as the placeholder and hygiene tests do for most text.
func BenchmarkContainsFold(b *testing.B) {
	s := strings.Repeat("The loader now compares the timeout as a number, and the old YAML files still load. ", 12)
	b.SetBytes(int64(len(s)))
	b.ReportAllocs()
	for b.Loop() {
		if ContainsFold(s, "lorem") || ContainsFold(s, "dolor") {
			b.Fatal("found")
		}
	}
}

func TestPoints(t *testing.T) {
	var p Points
	p.Add("add the %s section", "add the %s sections", `"Summary"`)
	p.Add("keep to the template's sections", "", "")
	p.Add("add the %s section", "add the %s sections", `"Changes"`)
	p.Add("add the %s section", "add the %s sections", `"Testing"`)
	p.Add("keep to the template's sections", "", "")
	p.Add("tick the boxes under %s", "tick the boxes under %s", `"Checklist"`)
	want := `add the "Summary", "Changes" and "Testing" sections; keep to the template's sections; tick the boxes under "Checklist"`
	if got := p.Join(6); got != want {
		t.Errorf("Join(6) = %q, want %q", got, want)
	}
	if got, want := p.Join(2), `add the "Summary", "Changes" and 1 more sections; keep to the template's sections; and 1 more`; got != want {
		t.Errorf("Join(2) = %q, want %q", got, want)
	}
	if p.Len() != 3 {
		t.Errorf("Len = %d, want 3", p.Len())
	}
}

func TestHasFoldAt(t *testing.T) {
	cases := []struct {
		s     string
		i     int
		lower string
		want  bool
	}{
		{"Fixes a BUG here", 8, "bug", true},
		{"Fixes a bug here", 8, "bug", true},
		{"Fixes a bog here", 8, "bug", false},
		{"a Bu", 2, "bug", false}, // s ends before lower does
		{"bug", -1, "bug", false},
		{"bug", 3, "", true},
		{"ÄBUG", 2, "bug", true}, // a byte offset, past the two-byte Ä
	}
	for _, tc := range cases {
		if got := HasFoldAt(tc.s, tc.i, tc.lower); got != tc.want {
			t.Errorf("HasFoldAt(%q, %d, %q) = %v, want %v", tc.s, tc.i, tc.lower, got, tc.want)
		}
	}
}

func TestQuote(t *testing.T) {
	for _, tc := range []struct{ s, want string }{
		{"Summary", `"Summary"`},
		{`Delete the "Report" page`, `"Delete the 'Report' page"`},
		{"Ünïcode stays", `"Ünïcode stays"`},
		{`back\slash`, `"back\slash"`},
		{"", `""`},
	} {
		if got := Quote(tc.s); got != tc.want {
			t.Errorf("Quote(%q) = %s, want %s", tc.s, got, tc.want)
		}
	}
}
