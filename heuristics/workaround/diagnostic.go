package workaround

import (
	"strings"

	"github.com/heft-dev/heft/internal/lazyre"
)

// diagBlameRE finds a message calling a compiler's or linter's
// diagnostic wrong: "false positive clang-tidy warning", "rustc false
// dead code positives", "a buggy warning with Visual Studio 2008",
// "bogus -Wmaybe-uninitialized diagnostic".
var diagBlameRE = lazyre.New(`(?i)\bfalse\b[\w .+-]{0,30}\bpositives?\b|\b(bogus|buggy|spurious)\b[\w .+-]{0,30}\b(warnings?|diagnostics?|lints?|errors?)\b`)

// toolchainDiagnostic reports whether a sentence of msg calls a
// toolchain's diagnostic wrong and names that toolchain (a compiler, a
// linter, a build tool: not an OS or a browser, where "a false positive
// page reload error in Safari" is the project's own check): silencing
// or dodging it works around the toolchain, whatever word the message
// uses.
func (sc *workaroundScan) toolchainDiagnostic(msg string) bool {
	if len(msg) > 16<<10 || !strings.Contains(msg, "false") && !strings.Contains(msg, "bogus") &&
		!strings.Contains(msg, "buggy") && !strings.Contains(msg, "spurious") {
		return false
	}
	for at := 0; at < len(msg); {
		end := at + paragraphSentenceEnd(msg[at:])
		if s := msg[at:end]; diagBlameRE.MatchString(s) {
			if sub := sc.term(s); strings.HasPrefix(sub, "toolchain:") || strings.HasPrefix(sub, "tool:") {
				return true
			}
		}
		at = end
	}
	return false
}

// skipCallRE finds a test framework's skip or pend call with a reason
// string: pytest's skip/skipif/xfail, unittest's skipIf, test-unit's
// pend and omit, RSpec's skip and pending, Go's t.Skip, Jest's and
// Mocha's it.skip, JUnit's @Disabled("...").
var skipCallRE = lazyre.New(`\b(?:skip|skipIf|skipUnless|skipif|skip_if|skip_unless|xfail|pend|pending|omit|omit_if|Skip|Skipf|SkipNow|Disabled|Ignore)\b\s*[(\s]`)

// skipReason returns the reason a test's skip call gives, the first
// string literal after the call that has a space in it ("pend
// \"Marshal.load is broken on truffleruby, see URL\" if ..."), for the
// comment rules to read like a comment: a test skipped for a third
// party's bug, in the test's own words. call says whether the line
// calls a skip at all, so that a reason on the next line (a call
// written over two lines) can be read with stringReason.
func skipReason(text string) (reason string, call bool) {
	if !strings.Contains(text, "kip") && !strings.Contains(text, "pend") && !strings.Contains(text, "xfail") &&
		!strings.Contains(text, "omit") && !strings.Contains(text, "Disabled") && !strings.Contains(text, "Ignore") {
		return "", false
	}
	loc := skipCallRE.FindStringIndex(text)
	if loc == nil {
		return "", false
	}
	return stringReason(text[loc[1]:]), true
}

// stringReason returns the first string literal of text that has a
// space in it (a sentence, not a platform's name), or "".
func stringReason(text string) string {
	for rest := text; ; {
		i := strings.IndexAny(rest, `"'`)
		if i < 0 {
			return ""
		}
		q := rest[i]
		j := strings.IndexByte(rest[i+1:], q)
		if j < 0 {
			j = len(rest) - i - 1
		}
		if lit := rest[i+1 : i+1+j]; strings.IndexByte(lit, ' ') >= 0 {
			return lit
		}
		if i+2+j > len(rest) {
			return ""
		}
		rest = rest[i+2+j:]
	}
}
