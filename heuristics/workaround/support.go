package workaround

import (
	"strings"

	"github.com/heft-dev/heft/internal/lazyre"
	"github.com/heft-dev/heft/internal/wording"
)

// "X doesn't support Y" blames X for what Y needs, and a comment that
// says so next to a workaround names X. Two ways of saying it blame no
// one, and withoutOwnSupport blanks them before a comment is read for
// workaround words:
//
//   - a condition the code tests, feature detection: "if the terminal
//     doesn't support colour", "when X does not support Y", "whether
//     ... doesn't support ...";
//   - the project about itself: "this build of ripgrep doesn't support
//     PCRE2", "we don't support Windows", "<project> does not support
//     ...": the project says what it does not do, and Y is not at fault.
//
// Other words of the comment (workaround, a bug in X) still count.

// noSupportRE finds "doesn't support" and the ways of writing it that
// the words rule (ctxWordsRE) and the platform-branch rule (blameRE)
// read.
var noSupportRE = lazyre.New(`(?i)\b(?:doesn'?t|does not|don'?t|do not|won'?t|can'?t|cannot) support\b`)

// supportCondWords start a condition: what follows is tested, not blamed.
var supportCondWords = [...]string{"if", "when", "whether", "unless", "in case", "where", "wherever", "whenever"}

// supportSelfWords are subjects by which the project speaks of itself.
var supportSelfWords = [...]string{"we", "this build", "this binary", "this executable", "this program", "this version",
	"this tool", "this crate", "this package", "this module", "this library", "this project", "this plugin", "our build", "our binary"}

// withoutOwnSupport returns cm with each "doesn't support" blanked that
// is a condition or that the project says of itself (own reports
// whether a word is the project's own name), and cm itself when there
// is none.
func withoutOwnSupport(cm string, own func(string) bool) string {
	if !wording.ContainsFold(cm, "support") {
		return cm
	}
	locs := noSupportRE.FindAllStringIndex(cm, -1)
	if locs == nil {
		return cm
	}
	b := []byte(cm)
	for _, l := range locs {
		if conditionOrSelf(asciiLower(supportClause(cm[:l[0]])), own) {
			for i := l[0]; i < l[1]; i++ {
				b[i] = ' '
			}
		}
	}
	return string(b)
}

// supportClause returns the end of before, the clause whose subject
// "doesn't support" has: from the last sentence or clause mark (. ; : ,
// ! ? or a dash between spaces), at most 80 bytes. It reads only the
// last 160 bytes, so a long comment saying it many times stays linear.
func supportClause(before string) string {
	if len(before) > 160 {
		before = before[len(before)-160:]
	}
	if i := strings.LastIndexAny(before, ".;:,!?()"); i >= 0 && (i+1 >= len(before) || before[i+1] == ' ') {
		before = before[i+1:]
	}
	if i := strings.LastIndex(before, " - "); i >= 0 {
		before = before[i+3:]
	}
	if len(before) > 80 {
		before = before[len(before)-80:]
	}
	return before
}

// conditionOrSelf reports whether a clause (lower-case) before "doesn't
// support" is a condition or names the project as the subject.
func conditionOrSelf(clause string, own func(string) bool) bool {
	for _, w := range supportCondWords {
		if wordIndex(clause, w) >= 0 {
			return true
		}
	}
	for _, w := range supportSelfWords {
		if wordIndex(clause, w) >= 0 {
			return true
		}
	}
	if own != nil {
		for w := range strings.FieldsSeq(clause) {
			if w = strings.Trim(w, "`'\"*"); len(w) >= 3 && own(w) {
				return true
			}
		}
	}
	return false
}
