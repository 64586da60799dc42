package lazyre

import (
	"slices"
	"strings"
	"testing"
)

func TestLinesAgreesWithWholeText(t *testing.T) {
	re := New(`(?i)\bwork ?around\b|#(\d+)`)
	l := Lines{
		Re: re,
		May: func(line string) bool {
			return strings.Contains(strings.ToLower(line), "work") || strings.Contains(line, "#")
		},
	}
	for _, l := range []Lines{l, {Re: re}} { // a May of our own, and the literal test alone
		testLines(t, l)
	}
}

func testLines(t *testing.T, l Lines) {
	for _, text := range []string{
		"",
		"nothing here\nor here",
		"first line\nA Workaround for #12\nthen #7 and work around",
		"no newline at the end: #3",
		"non-ASCII line: ＃ and \u212a work around it\nplain",
	} {
		if got, want := l.MatchString(text), l.Re.MatchString(text); got != want {
			t.Errorf("MatchString(%q) = %v, whole text %v", text, got, want)
		}
		if got, want := l.FindAllString(text, -1), l.Re.FindAllString(text, -1); !slices.Equal(got, want) {
			t.Errorf("FindAllString(%q) = %q, whole text %q", text, got, want)
		}
		if got, want := l.FindString(text), l.Re.FindString(text); got != want {
			t.Errorf("FindString(%q) = %q, whole text %q", text, got, want)
		}
		got, want := l.FindAllStringSubmatch(text, 2), l.Re.FindAllStringSubmatch(text, 2)
		if len(got) != len(want) {
			t.Errorf("FindAllStringSubmatch(%q, 2) = %q, whole text %q", text, got, want)
			continue
		}
		for i := range got {
			if !slices.Equal(got[i], want[i]) {
				t.Errorf("FindAllStringSubmatch(%q, 2)[%d] = %q, whole text %q", text, i, got[i], want[i])
			}
		}
	}
}

// TestAnyLines: the alternatives kept apart match a text exactly when
// the pattern that joins them matches it as a whole.
func TestAnyLines(t *testing.T) {
	l := AnyLines{
		Res: []*Regexp{New(`(?i)\bwork ?around\b`), New(`#(\d+)`)},
		May: func(line string) bool {
			return strings.Contains(strings.ToLower(line), "work") || strings.Contains(line, "#")
		},
	}
	whole := New(`(?i)\bwork ?around\b|#(\d+)`)
	for _, text := range []string{
		"", "nothing here\nor here", "first line\nA Workaround", "then #7", "no newline at the end: #3",
		"non-ASCII line: ＃ and \u212a work around it\nplain", "\u212aludge\nwork\naround",
	} {
		if got, want := l.MatchString(text), whole.MatchString(text); got != want {
			t.Errorf("MatchString(%q) = %v, whole text %v", text, got, want)
		}
	}
}
