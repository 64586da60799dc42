package workaround

import (
	"strings"

	"github.com/heft-dev/heft/internal/lazyre"
	"github.com/heft-dev/heft/internal/wording"
)

// lineRegexp matches a pattern that cannot match across a line break
// (no \n, \s or (?s) in it) one line at a time, skipping lines a cheap
// literal test rules out. A description and its commit messages run to
// tens of kilobytes, where Go's regexp falls back to its slowest engine
// for a large alternation; a short line gets the backtracker, and most
// lines are skipped. It matches exactly what the pattern matches on the
// whole text.
type lineRegexp struct {
	re *lazyre.Regexp
	// may is false only for an ASCII line the pattern cannot match; lines
	// with other bytes always go to the pattern, whose (?i) folds a few
	// non-ASCII letters (the Kelvin sign, the long s) to ASCII ones.
	may func(line string) bool
}

// MatchString reports whether the pattern matches any line of s.
func (l lineRegexp) MatchString(s string) bool {
	for s != "" {
		line, rest, _ := strings.Cut(s, "\n")
		s = rest
		if (!isASCIIText(line) || l.may(line)) && l.re.MatchString(line) {
			return true
		}
	}
	return false
}

func isASCIIText(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// mayReplaced lets through every line ctxReplacedRE could match: each
// of its alternatives names a workaround or a hack.
func mayReplaced(line string) bool {
	return wording.ContainsFold(line, "workaround") || wording.ContainsFold(line, "hack")
}
