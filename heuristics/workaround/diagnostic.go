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
