package hygiene

import (
	"strings"

	"github.com/heft-dev/heft/internal/wording"
)

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
