package hygiene

import (
	"strings"

	"github.com/heft-dev/heft/internal/lazyre"
	"github.com/heft-dev/heft/internal/wording"
)

// lineFiltered runs a pattern that cannot match across a line break one
// line at a time, and only on lines a literal test says it could match.
// issueRE and codeRefRE over a whole description were a quarter of heft
// eval's time on the AIDev sample: Go's regexp steps every byte through
// their alternations, while most lines hold nothing they need. It finds
// what the pattern finds on the whole text, in the same order; a match
// that began with the line break before it (issueRE's "[\s(\[]#1")
// begins at the line's start instead, which the callers trim anyway.
type lineFiltered struct {
	re *lazyre.Regexp
	// may is false only for a line the pattern cannot match.
	may func(line string) bool
}

// FindAllStringSubmatch is regexp's, line by line.
func (l lineFiltered) FindAllStringSubmatch(s string, n int) [][]string {
	var out [][]string
	for s != "" && (n < 0 || len(out) < n) {
		line, rest, _ := strings.Cut(s, "\n")
		s = rest
		if l.may(line) {
			out = append(out, l.re.FindAllStringSubmatch(line, n-len(out))...)
		}
	}
	return out
}

// FindAllString is regexp's, line by line.
func (l lineFiltered) FindAllString(s string, n int) []string {
	var out []string
	for s != "" && (n < 0 || len(out) < n) {
		line, rest, _ := strings.Cut(s, "\n")
		s = rest
		if l.may(line) {
			out = append(out, l.re.FindAllString(line, n-len(out))...)
		}
	}
	return out
}

// FindString is regexp's, line by line.
func (l lineFiltered) FindString(s string) string {
	if m := l.FindAllString(s, 1); len(m) > 0 {
		return m[0]
	}
	return ""
}

// mayIssue lets through every line issueRE could match: each of its
// alternatives needs a '#' before a digit, "GH-" or "github.com", in any
// case. None of the letters of those has a case form outside ASCII (as
// k and s have), so an ASCII case-insensitive test is exact.
func mayIssue(line string) bool {
	for i := strings.IndexByte(line, '#'); i >= 0 && i+1 < len(line); {
		if c := line[i+1]; '0' <= c && c <= '9' {
			return true
		}
		j := strings.IndexByte(line[i+1:], '#')
		if j < 0 {
			break
		}
		i += 1 + j
	}
	return wording.ContainsFold(line, "gh-") || wording.ContainsFold(line, "github.com")
}

// mayCodeRef lets through every line codeRefRE could match: a path needs
// a '/', a call "()".
func mayCodeRef(line string) bool {
	return strings.Contains(line, "/") || strings.Contains(line, "()")
}
