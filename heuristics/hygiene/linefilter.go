package hygiene

import (
	"strings"
	"unicode/utf8"

	"github.com/heft-dev/heft/internal/wording"
)

// mayIssue lets through every ASCII word issueRE could match: each of
// its alternatives needs a '#' or "GH-" before a digit, or "/issues/",
// in any case. It is exact for ASCII text only ((?i) folds the long s
// to s): issueRefs sends every other word to the pattern.
func mayIssue(word string) bool {
	return digitAfter(word, "#") || digitAfter(word, "gh-") || wording.ContainsFold(word, "/issues/")
}

// digitAfter reports whether s holds sub, lower-case ASCII, in any ASCII
// case, right before an ASCII digit.
func digitAfter(s, sub string) bool {
	for i := 0; i+len(sub) < len(s); i++ {
		if c := s[i+len(sub)]; c < '0' || c > '9' {
			continue
		}
		if wording.ContainsFold(s[i:i+len(sub)], sub) {
			return true
		}
	}
	return false
}

// mayCodeRef lets through every line codeRefRE could match: a call
// needs "()"; a path a '/' right after a directory's name ([\w@.-]: not
// the "//" of "https://") and, after it, a '.' before an ASCII letter
// (the extension), which most links to issues and pull requests lack.
// codeRefRE has no (?i), so the test is exact for any line, ASCII or
// not.
func mayCodeRef(line string) bool {
	if strings.Contains(line, "()") {
		return true
	}
	i := strings.IndexByte(line, '/')
	for i >= 0 && (i == 0 || !isPathByte(line[i-1])) {
		j := strings.IndexByte(line[i+1:], '/')
		if j < 0 {
			return false
		}
		i += 1 + j
	}
	if i < 0 {
		return false
	}
	for rest := line[i+1:]; ; {
		j := strings.IndexByte(rest, '.')
		if j < 0 || j+1 >= len(rest) {
			return false
		}
		if c := rest[j+1]; 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' {
			return true
		}
		rest = rest[j+1:]
	}
}

// isPathByte reports whether c is of [\w@.-], what a directory's name in
// codeRefRE is made of.
func isPathByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_' || c == '@' || c == '.' || c == '-'
}

// mayShortcode reports whether s could hold a match of shortcodeRE: a
// ':', two or more of [a-z0-9_+-], and a ':'. Exact for any string, as
// shortcodeRE has no (?i).
func mayShortcode(s string) bool {
	for i := strings.IndexByte(s, ':'); i >= 0; {
		n := 0
		j := i + 1
		for ; j < len(s) && isShortcodeByte(s[j]); j++ {
			n++
		}
		if n >= 2 && j < len(s) && s[j] == ':' {
			return true
		}
		k := strings.IndexByte(s[j:], ':')
		if k < 0 {
			return false
		}
		i = j + k
	}
	return false
}

func isShortcodeByte(c byte) bool {
	return 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '_' || c == '+' || c == '-'
}

// issueWords returns issueRE's matches (with their groups) in text, in
// order, word by word. No match holds white space (space, tab, line
// feed, carriage return) but the one before a "#123" its
// first alternative may begin with, which issueRefs trims, and white
// space is non-word, as the start and end of a text are to \b: the
// pattern finds the same issues in each word as in the text, and runs
// only on the words mayIssue lets through (and those with other bytes
// than ASCII).
func issueWords(text string) [][]string {
	var out [][]string
	issueBytes.eachWord(text, func(w string, marked bool) {
		// A match needs '#', '-' or '/'; an ASCII word without them is
		// told without mayIssue.
		if marked && (!isASCII(w) || mayIssue(w)) {
			out = append(out, issueRE.FindAllStringSubmatch(w, -1)...)
		}
	})
	return out
}

// wordBytes sorts bytes for eachWord: separators between words, marks
// a word's test needs, and every byte outside ASCII marked too.
type wordBytes [256]uint8

const (
	wordSep  = 1
	wordMark = 2
)

var (
	issueBytes   = newWordBytes(" \t\n\r", "#-/")
	codeRefBytes = newWordBytes(" \t", "(/")
)

func newWordBytes(seps, marks string) *wordBytes {
	var b wordBytes
	for i := range len(seps) {
		b[seps[i]] = wordSep
	}
	for i := range len(marks) {
		b[marks[i]] = wordMark
	}
	for c := utf8.RuneSelf; c < 256; c++ {
		b[c] = wordMark
	}
	return &b
}

// eachWord calls fn with each non-empty run of text between separators,
// and whether it holds a mark: one pass over text.
func (b *wordBytes) eachWord(text string, fn func(w string, marked bool)) {
	start, marked := 0, false
	for i := 0; i <= len(text); i++ {
		if i < len(text) && b[text[i]] != wordSep {
			marked = marked || b[text[i]] == wordMark
			continue
		}
		if i > start {
			fn(text[start:i], marked)
		}
		start, marked = i+1, false
	}
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// codeRefs returns codeRefRE's matches in line, in order. No match holds
// a space or a tab, and both are non-word characters, as the start and
// end of a text are to \b: the pattern finds the same matches in each
// blank-separated word of the line as in the line, and runs only on the
// words mayCodeRef (exact for any text) lets through.
func codeRefs(line string) []string {
	var out []string
	codeRefBytes.eachWord(line, func(w string, marked bool) {
		// A match needs "()" or a '/'.
		if marked && mayCodeRef(w) {
			out = append(out, codeRefRE.Re.FindAllString(w, -1)...)
		}
	})
	return out
}
