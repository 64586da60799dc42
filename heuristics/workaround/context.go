package workaround

import (
	"maps"
	"path"
	"slices"
	"strings"
	"sync"

	"github.com/heft-dev/heft/heuristics"
	"github.com/heft-dev/heft/internal/lazyre"
	"github.com/heft-dev/heft/internal/wording"
)

// This file holds the rules that read a change in context: a comment in
// any language that ties a workaround to a runtime, an operating system,
// a browser or a toolchain; a version pin or downgrade with a reason; and
// the commit messages and description, which often say "work around"
// when the code does not. They run in the same pass over added lines as
// the other rules.

// upstreamWords maps the names of things a project does not own but
// rarely declares (runtimes, operating systems, browsers, toolchains,
// platforms) to the stable Subject they get. termSubject matches them as
// whole words, ignoring case; a few names of two words, or with a
// version, are matched there too.
var upstreamWords = sync.OnceValue(func() map[string]string {
	return map[string]string{
		"pypy": "runtime:pypy", "pypy3": "runtime:pypy", "pypy2": "runtime:pypy", "cpython": "runtime:cpython",
		"python2": "runtime:cpython", "python3": "runtime:cpython", "python's": "runtime:cpython",
		"jruby": "runtime:jruby", "truffleruby": "runtime:truffleruby", "rubinius": "runtime:rubinius", "mruby": "runtime:mruby",
		"graalpy": "runtime:graalpy", "micropython": "runtime:micropython", "luajit": "runtime:luajit", "bun": "runtime:bun",
		"graal": "toolchain:graalvm", "graalvm": "toolchain:graalvm",
		"jdk": "runtime:jvm", "jvm": "runtime:jvm", "openjdk": "runtime:jvm",
		"node": "runtime:node", "nodejs": "runtime:node", "node.js": "runtime:node", "deno": "runtime:deno",
		"rustc": "toolchain:rust", "gcc": "toolchain:gcc", "g++": "toolchain:gcc", "clang": "toolchain:clang",
		"msvc": "toolchain:msvc", "mingw": "toolchain:mingw", "mingw-w64": "toolchain:mingw",
		"windows": "os:windows", "win32": "os:windows",
		"macos": "os:macos", "osx": "os:macos", "darwin": "os:macos", "xnu": "os:macos",
		"linux": "os:linux", "kernel": "os:linux", "android": "os:android", "aosp": "os:android", "ios": "os:ios",
		"wine": "os:wine", "solaris": "os:solaris", "illumos": "os:solaris",
		"freebsd": "os:bsd", "openbsd": "os:bsd", "netbsd": "os:bsd",
		"ubuntu": "os:ubuntu", "alpine": "os:alpine", "musl": "os:alpine", "glibc": "os:libc", "libc": "os:libc",
		"cygwin": "os:cygwin", "msys": "os:msys2", "msys2": "os:msys2",
		"homebrew": "tool:homebrew", "linuxbrew": "tool:homebrew",
		"openssl": "lib:openssl", "boringssl": "lib:boringssl", "libressl": "lib:libressl", "wolfssl": "lib:wolfssl",
		"gnutls": "lib:gnutls", "conscrypt": "lib:conscrypt", "bouncycastle": "lib:bouncycastle", "zlib": "lib:zlib",
		"libedit": "lib:libedit", "sqlite": "lib:sqlite", "sqlite3": "lib:sqlite", "libcurl": "lib:libcurl",
		"glib": "lib:glib", "gtk": "lib:gtk", "gtk3": "lib:gtk", "gtk4": "lib:gtk", "qt": "lib:qt", "qt5": "lib:qt", "qt6": "lib:qt",
		"icu": "lib:icu", "ncurses": "lib:ncurses", "libffi": "lib:libffi", "jemalloc": "lib:jemalloc", "cuda": "lib:cuda",
		"libxml2": "lib:libxml2", "pcre": "lib:pcre", "pcre2": "lib:pcre",
		"chrome": "browser:chrome", "chromium": "browser:chrome", "firefox": "browser:firefox", "gecko": "browser:firefox",
		"safari": "browser:safari", "webkit": "browser:safari",
		"appengine": "platform:appengine", "konsole": "tool:konsole", "zsh": "runtime:zsh", "bash": "runtime:bash",
		// System libraries and services a program links or talks to, and the
		// C and C++ standard libraries.
		"mesa": "lib:mesa", "systemd": "lib:systemd", "vte": "lib:vte", "wayland": "lib:wayland", "x11": "lib:x11",
		"xlib": "lib:x11", "xcb": "lib:x11", "xorg": "lib:x11", "dbus": "lib:dbus", "libevent": "lib:libevent",
		"libstdc++": "lib:libstdc++", "libc++": "lib:libc++", "libuv": "lib:libuv", "readline": "lib:readline",
		"opengl": "lib:opengl", "vulkan": "lib:vulkan", "directx": "lib:directx", "nvcc": "toolchain:cuda",
		// More runtimes, compilers and tools.
		"jython": "runtime:jython", "ironpython": "runtime:ironpython", "hotspot": "runtime:jvm", "dalvik": "os:android",
		"kotlinc": "toolchain:kotlin", "scalac": "toolchain:scala", "javac": "toolchain:javac", "swiftc": "toolchain:swift", "xcode": "toolchain:xcode",
		"clang-tidy": "tool:clang-tidy", "clippy": "tool:clippy", "cppcheck": "tool:cppcheck", "shellcheck": "tool:shellcheck",
		"emscripten": "toolchain:emscripten", "wasm-pack": "toolchain:wasm-pack", "cmake": "tool:cmake", "gradle": "tool:gradle",
		"conda": "tool:conda", "anaconda": "tool:conda", "miniconda": "tool:conda", "rosetta": "os:macos", "wsl": "os:windows",
		// Hardware vendors whose drivers a program works around, and
		// components of an OS known by their own name.
		"intel": "platform:intel", "nvidia": "platform:nvidia", "conpty": "os:windows", "sshfs": "tool:sshfs",
		"travis": "platform:travis-ci", "appveyor": "platform:appveyor", "xterm": "tool:xterm", "iterm2": "tool:iterm2",
	}
})

// upstreamPairs are names of two words: the first word, then a test on
// the second.
var upstreamPairs = []struct {
	first   string
	second  func(string) bool
	subject string
}{
	{"python", startsDigit, "runtime:cpython"},
	{"ruby", startsDigit, "runtime:ruby"},
	{"rust", startsDigit, "toolchain:rust"},
	{"go", func(w string) bool { return strings.HasPrefix(w, "1.") || toolchainWord(w) }, "toolchain:go"},
	{"go", func(w string) bool { return w == "runtime" || w == "stdlib" || w == "standard" }, "runtime:go"},
	{"rust", toolchainWord, "toolchain:rust"},
	{"gnu", func(w string) bool { return w == "make" }, "tool:make"},
	{"node", startsDigit, "runtime:node"},
	{"mac", func(w string) bool { return w == "os" }, "os:macos"},
	{"os", func(w string) bool { return w == "x" }, "os:macos"},
	{"internet", func(w string) bool { return w == "explorer" }, "browser:ie"},
	{"app", func(w string) bool { return w == "engine" }, "platform:appengine"},
	{"visual", func(w string) bool { return w == "studio" }, "toolchain:msvc"},
	{"native", func(w string) bool { return w == "image" }, "toolchain:graalvm"},
}

func startsDigit(w string) bool { return w != "" && w[0] >= '0' && w[0] <= '9' }

// toolchainWord reports whether w, after a language's name, makes it
// the language's toolchain: "Go version", "the rust toolchain".
func toolchainWord(w string) bool {
	return w == "version" || w == "toolchain" || w == "compiler"
}

// termSubject returns the Subject of the runtime, OS, system library,
// browser or toolchain s names, or "". A name more specific than an
// operating system wins on the first line ("Workaround AOSP conscrypt
// NPE" is about conscrypt, not Android; "linux: work around Linuxbrew"
// about Homebrew); otherwise the first name does. It reads s word by
// word, without regular expressions: it runs on every comment that says
// workaround.
func termSubject(s string) string { return termSubjectBut(s, nil) }

// term is termSubject without the names the project owns: in
// Homebrew/brew, "Homebrew" names the project, not tool:homebrew.
func (sc *workaroundScan) term(s string) string { return termSubjectBut(s, sc.ownTerms) }

// termSubjectBut is termSubject skipping the Subjects in own.
func termSubjectBut(s string, own map[string]bool) string {
	firstLine := len(s)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		firstLine = i
	}
	first := ""
	for off := 0; off < len(s); {
		sub, n := nextTerm(s[off:])
		if sub == "" {
			break
		}
		if own[sub] {
			off += n
			continue
		}
		if first == "" {
			first = sub
		}
		if off+n > firstLine {
			break
		}
		if !strings.HasPrefix(sub, "os:") {
			return sub
		}
		off += n
	}
	return first
}

// nextTerm returns the Subject of the first name s holds, and how much
// of s it read.
func nextTerm(s string) (string, int) {
	var prev string
	var buf [32]byte
	for i, j := range runs(s, isTermByte) {
		w := strings.TrimRight(s[i:j], ".-'+")
		if w == "g" && strings.HasPrefix(s[i:j], "g++") {
			w = "g++"
		}
		if len(w) > len(buf) || w == "" {
			prev = ""
			continue
		}
		lw := buf[:len(w)]
		for k := 0; k < len(w); k++ {
			c := w[k]
			if c >= 'A' && c <= 'Z' {
				c += 'a' - 'A'
			}
			lw[k] = c
		}
		word := string(lw)
		for _, p := range upstreamPairs {
			if prev == p.first && p.second(word) {
				return p.subject, j
			}
		}
		if sub, ok := upstreamWords()[word]; ok {
			return sub, j
		}
		if sub, ok := upstreamWords()[strings.TrimSuffix(word, "'s")]; ok {
			return sub, j // a possessive: "Anaconda's curl"
		}
		if last := word[len(word)-1]; last >= '0' && last <= '9' && len(word) > 4 {
			// a version glued on: "msvc2015", "gcc14", "clang-16"
			if sub, ok := upstreamWords()[strings.TrimRight(word, "0123456789.-_")]; ok && !strings.HasPrefix(sub, "os:") {
				return sub, j
			}
		}
		if strings.HasPrefix(word, "ubuntu-") || strings.HasPrefix(word, "pypy") || strings.HasPrefix(word, "go1.") {
			switch {
			case word[0] == 'u':
				return "os:ubuntu", j
			case word[0] == 'p':
				return "runtime:pypy", j
			default:
				return "toolchain:go", j
			}
		}
		prev = word
	}
	return "", len(s)
}

// isTermByte reports whether b can be part of a name termSubject looks
// up: letters, digits and . + ' - (node.js, g++, python's, mingw-w64).
func isTermByte(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' || b == '.' || b == '+' || b == '\'' || b == '-' || b == '_'
}

// ctxWordsRE finds a workaround said in words: in a comment or a commit
// message. Written as one pattern it compiles to more than 500
// instructions, over the regexp package's limit for its backtracker, and
// every line took the slowest engine: it is kept in three parts, each
// under the limit (the long "until ... fixed" apart).
var ctxWordsRE = lazyre.AnyLines{May: mayCtxWords, Res: []*lazyre.Regexp{
	lazyre.New(`(?i)\bwork(s|ed|ing)?[ -]?arounds?\b|\bhack(s|ed|y|iness)?\b|\bkludge|\bmonkey[ -]?patch|\bbug (in|on|with)\b|\bis (broken|buggy)\b|\bbroken (in|on|with|by|since|for)\b|\bbroke\b|\bremove (this |it )?(when|once|after)\b|\b(doesn'?t|does not|don'?t|do not) support\b|\bregression\b|\btemporary fix\b`),
	lazyre.New(`(?i)\bfails? (to build )?(on|with|under)\b|\bdue to (a |an )?(bug|issue|regression)\b|\bin order to avoid\b|\b(has|have|had) a bug\b|\b(does not|doesn'?t|do not|don'?t|won'?t|cannot|can'?t) (run|work|build|compile|start|load|parse)\b|\bto avoid (a |an )?(bug|error|crash|warning|failure|issue)`),
	lazyre.New(`(?i)\buntil\b.{0,80}\b(is |are |gets? |get )?(fixed|resolved|released|merged|ships|supports?)\b`),
}}

// ctxWords2RE finds the rarer ways of saying it, kept apart so that
// ctxWordsRE stays small enough for the regexp package's backtracker:
// blaming the compiler, "delete this once", "due to a libfoo bug". It
// cannot match across a line break, so it runs line by line (on a long
// description as a whole, Go's regexp would take its slowest engine) and
// only on the lines its literal test lets through.
var ctxWords2RE = lazyre.Lines{Re: lazyre.New(`(?i)\binternal compiler error\b|(?-i:\bICE\b)|\bmiscompil|\b(delete|drop|revert) (this |it )?(when|once|after)\b|\bdue to (a |an )?[\w+-]+ (bug|issue|regression)\b|\bwait(ing)? for (a |the )?(new|next|newer|fixed) [\w.+-]+ (release|version)\b` +
	`|\b(known[ -])?(broken|buggy) ([\w.+-]+ )?(drivers?|firmware|filesystems?|file systems?|implementations?|servers?)\b`)}

// ctxWords reports whether a comment or message says workaround in
// words (ctxWordsRE, then ctxWords2RE).
func ctxWords(s string) bool {
	if !mayCtxWords(s) {
		return false
	}
	return ctxWordsRE.MatchString(s) || ctxWords2RE.MatchString(s)
}

// bareIssueRE finds an issue or pull request link written without its
// scheme, as comments often do.
var bareIssueRE = lazyre.New(`\b(github\.com|gitlab\.com|codeberg\.org)/[\w.\-]+/[\w.\-]+/(-/)?(issues|pull|merge_requests)/\d+`)

// ctxPinWordsRE finds a pin or downgrade said in words.
var ctxPinWordsRE = lazyre.New(`(?i)\bpin(s|ned|ning)?\b|\bdowngrad|\block(s|ed)?\b.{0,40}\bto\b|\bcap(ped)? .{0,30}\b(at|to|below)\b|\bforce (usage|use) of older\b|\bolder\b.{0,30}\bas\b|\bkeep .{0,30} (at|on) \d`)

// ctxRemovalRE recognises a message that removes or reverts a workaround,
// or updates to a release that fixed it.
var ctxRemovalRE = lazyre.New(`(?i)^\W*(\[[^\]]*\]\s*)?([\w/.-]+(\([^)]*\))?!?:\s*)?(remove|removed|removes|drop|drops|dropped|revert|reverts|unpin|unpins|delete|clean ?up|get rid|undo|re-?enable|restore)\b|no longer (needed|necessary|required)|(is|was|been|got|now) (fixed|resolved) upstream|fixed upstream|has been (fixed|resolved|released)`)

// ctxReplacedRE recognises a message that replaces a workaround by the
// upstream fix, says the change avoids the need for one, or reverts it
// ("so revert this"), anywhere in the text.
var ctxReplacedRE = lazyre.Lines{Re: lazyre.New(`(?i)instead of (the |a |our |this )?([\w-]+ )?(workaround|hack)|(workaround|hack)s? (is|are) no longer|(remove|removes|removed|drop|drops|dropped) (the |this |that |a |our )?([\w-]+ )?(workaround|hack)` +
	`|\b(avoids?|removes?|eliminates?|obviates?) the need (for|of) (the |this |that |a |our |any )?([\w-]+ ){0,2}(workaround|hack)|\bno longer needs? (the |this |that |a |our |any )?([\w-]+ ){0,2}(workaround|hack)` +
	`|\b(so|and|then),? (revert|remove|drop|undo) (this|it|that|them)\b|^\W*(revert|remove|drop|undo) (this|it|that|them)\W*$` +
	`|\b(was|were|has been|have been|got|is now) (fixed|resolved) (in|by) (the )?upstream\b|\bupstream (has )?(now )?(fixed|resolved) (it|this|the)\b`)}

// revertToRE recognises a title that "reverts" a dependency to an older
// version ("Reverting to Gradle 8.9", "Revert AGP to 8.0.2 because ..."):
// a downgrade, not the revert of a change.
var revertToRE = lazyre.New(`(?i)\brevert(s|ed|ing)?( [\w.:-]+){0,3} to ([\w.-]+ )?v?\d+\.\d`)

// adaptRE finds "work around" applied to a new version's breaking or API
// changes: adapting the code to an upgrade, which the title says it does.
var adaptRE = lazyre.Lines{Re: lazyre.New(`(?i)\bwork(s|ed|ing)?[ -]?arounds? (for )?((the|some|a|another|more|new) )?((batch|set|round|couple) of |few )?(breaking|api|incompatible) ((api|interface) )?changes\b`)}

// ctxReasonRE finds a reason given for a pin in a message.
var ctxReasonRE = lazyre.New(`(?i)\bbecause\b|\bdue to\b|\bto (hopefully |try to |maybe )?(fix|prevent|avoid|resolve|unbreak)\b|\bavoid|\bbreak(s|ing)?\b|\bbroken\b|\bfail(s|ed|ing|ure)?\b|\berror|\bcrash|\bincompatib|\bcompatib|\bregression|\b(doesn'?t|does not|no longer|stopped) work|\breasons?\b|\buntil\b`)

// upstreamFixedRE finds a message saying upstream shipped the fix in a
// release ("fixed in 0.5.1", "fixed in a patch release", "with the
// release of X 1.0.3").
var upstreamFixedRE = lazyre.New(`(?i)\bfixed\s+in\s+(v(ersion)?\s?)?\d|\bfixed\s+in\s+(a|the)\s+((new|latest|next)\s+)?((patch|minor|point|bugfix)\s+)?(release|version)\b|\bwith\s+the\s+release\s+of\b`)

// pinPolicyRE finds a pin's reason that is a policy, not a bug: a
// licence, deciding when a linter's or formatter's new rules land, or
// matching the version another platform ships ("matching Ubuntu 24.04").
var pinPolicyRE = lazyre.New(`(?i)\blicen[cs](e|es|ing)\b|\b(matching|to match|same as|in line with|consistent with) [\w .-]{0,30}\d|\bnew (lint(ing)? |style )?(rules|cops|offen[cs]es|warnings)\b|\bstyle changes\b`)

// aroundRE finds a title's "work around" and the clause after it.
var aroundRE = lazyre.New(`(?i)\bwork(?:ed|ing)?[ -]?around(?:\s+for)?\s+([^;:()]{1,80})`)

// aroundNames returns, lower-case, what a title's "work around ..."
// clause names: the word after "around" (past one of "older",
// "problematic", ...) and the word after its last "in", "of" or "with"
// ("work around older pyOpenSSL not having ...", "workaround unsupported
// metadata in pkginfo"). The comment rule names the subject by them when
// an added comment says the same name.
func aroundNames(title string) []string {
	m := aroundRE.FindStringSubmatch(title)
	if m == nil {
		return leadName(title)
	}
	words := strings.Fields(asciiLower(m[1]))
	clean := func(w string) string { return strings.Trim(w, "`'\",.!?*") }
	var out []string
	add := func(w string) {
		if w = clean(w); len(w) >= 3 && len(w) <= 40 && !startsDigit(w) && !slices.Contains(out, w) && !aroundSkip[w] {
			out = append(out, w)
		}
	}
	for i, w := range words {
		if !aroundSkip[clean(w)] {
			add(w)
			break
		}
		if i >= 2 {
			break
		}
	}
	for i := len(words) - 2; i >= 0; i-- {
		if w := clean(words[i]); w == "in" || w == "of" || w == "with" {
			add(words[i+1])
			break
		}
	}
	return out
}

// aroundSkip are the words a "work around" clause starts with that are
// not what it works around.
var aroundSkip = map[string]bool{"a": true, "an": true, "the": true, "some": true, "older": true, "old": true, "newer": true, "new": true,
	"problematic": true, "buggy": true, "broken": true, "this": true, "that": true, "it": true, "issue": true, "bug": true, "problem": true}

// floorOnly reports whether a pin line only sets a minimum version
// (">=", ">"), with no cap, exact version or exclusion after it.
func floorOnly(line string) bool {
	i := strings.IndexAny(line, "<>=~^!")
	if i < 0 || line[i] != '>' {
		return false
	}
	rest := line[i:]
	v := strings.TrimLeft(strings.TrimPrefix(strings.TrimPrefix(rest, ">"), "="), " ")
	if v == "" || v[0] < '0' || v[0] > '9' {
		return false // ">> file" in a script: no version bound
	}
	if j := strings.IndexByte(rest, '#'); j >= 0 {
		rest = rest[:j]
	}
	return !strings.ContainsAny(rest, "<~^!") && !strings.Contains(rest, "==")
}

// releaseFixesRE finds a comment saying a release of a dependency
// fixes a bug ("2.1.2 fixes a typing bug", "fixed in 2.1.2").
var releaseFixesRE = lazyre.New(`(?i)\bv?\d+(\.\d+)+\s+(fixes|fixed)\b`)

// untilRE finds a comment that waits for a release.
var untilRE = lazyre.New(`(?i)\b(until|till|wait(s|ing)? for|once)\b`)

// releaseFixes reports whether a comment above a pin says the pinned
// release is the one with upstream's fix, and waits for nothing: the
// pin requires the fix rather than working around the bug.
func releaseFixes(cm string) bool {
	return (releaseFixesRE.MatchString(cm) || upstreamFixedRE.MatchString(cm)) && !untilRE.MatchString(cm)
}

// takesUpstreamFix reports whether a change takes the fix upstream
// shipped: its message says the bug was fixed in a release, its title
// downgrades nothing, and every version it sets moves up (a bump with
// no manifest line is one its title calls a bump).
func (sc *workaroundScan) takesUpstreamFix(msg, title string) bool {
	if !upstreamFixedRE.MatchString(msg) || wording.ContainsFold(title, "downgrad") || pinBackRE.MatchString(title) {
		return false
	}
	if len(sc.ctxPins) == 0 {
		return ctxBumpRE.MatchString(title)
	}
	for _, p := range sc.ctxPins {
		if p.lock || !sc.movedUpLoose(p) {
			return false
		}
	}
	return true
}

// ctxDigestRE recognises a pin to a hash or digest.
var ctxDigestRE = lazyre.New(`(?i)\bpin\w*\b.{0,80}\b(hash|hashes|sha\w*|digests?)\b`)

// pinBackRE finds a pin to an older release said in words: "pin CI to
// the old emulator build", "pin to the previous version".
var pinBackRE = lazyre.New(`(?i)\bto (the |an )?(old|older|previous|last (known )?(good|working))\b`)

// pinTarget returns the part of a pin's title before the environment it
// is for ("pin shells for Ubuntu"): naming the environment gives no
// reason.
func pinTarget(title string) string {
	lower := asciiLower(title)
	for _, w := range [...]string{" for ", " in the ", " on the "} {
		if i := strings.Index(lower, w); i >= 0 {
			title = title[:i]
			lower = lower[:i]
		}
	}
	return title
}

// revertsRemoval reports whether a title reverts a change that removed a
// workaround or sent it upstream (Revert "Remove the foo hack", Revert
// "Thor fixes were sent upstream"): the workaround comes back.
func revertsRemoval(title string) bool {
	t := strings.TrimSpace(title)
	if len(t) < 8 || !strings.EqualFold(t[:6], "revert") {
		return false
	}
	_, inner, ok := strings.Cut(t, `"`)
	if !ok {
		return false
	}
	inner = strings.TrimSuffix(strings.TrimSpace(inner), `"`)
	return ctxRemovalRE.MatchString(inner) && !revertsRemoval(inner) || wording.ContainsFold(inner, "upstream")
}

// withoutTrailers returns a message without its trailer lines
// (Co-authored-by:, Signed-off-by:, an address in angle brackets): the
// names there are people and tools, not what the change works around.
func withoutTrailers(msg string) string {
	if !strings.Contains(msg, "-by:") && !strings.Contains(msg, "@") {
		return msg
	}
	var b strings.Builder
	for line := range strings.Lines(msg) {
		if strings.Contains(line, "-by:") || strings.Contains(line, "-By:") || strings.Contains(line, "@") && strings.Contains(line, ">") {
			continue
		}
		b.WriteString(line)
	}
	return b.String()
}

// ownFixRE recognises a title that fixes the project's own bug: what
// it blames is its own.
var ownFixRE = lazyre.New(`(?i)^\W*(\[[^\]]*\]\s*)?([\w/.-]+(\([^)]*\))?!?:\s*)?(fix|fixes|fixed|correct|corrects)\b`)

// workaroundTitleRE finds "workaround" in a title that otherwise reads
// as a plain version bump.
var workaroundTitleRE = lazyre.New(`(?i)work ?around`)

// ctxBumpRE recognises a plain dependency update by its title.
var ctxBumpRE = lazyre.New(`(?i)^\W*(\[[^\]]*\]\s*)?([\w/.-]+(\([^)]*\))?!?:\s*)?(bump|update|upgrade|updated|updates|bumps)\b`)

// Version lines in manifests: the package whose version an added line
// sets. Each expression's first non-empty group is the name.
var pinLineREs = []struct {
	// need: the line must hold one of these bytes, or this word when it
	// is longer than one byte or holds "|" (a cheap test before the
	// expression, which pinName runs on every line of a pin file)
	need string
	re   *lazyre.Regexp
}{
	// pip requirements and constraints: name==1.2, name<2, name~=1
	{"=<>~!", lazyre.New(`^\s*([A-Za-z0-9][A-Za-z0-9_.\-]*)(\[[^\]]*\])?\s*(==|<=|<|~=|!=|===|>=|>)\s*\d`)},
	// a quoted requirement of pyproject.toml's or setup.py's lists: "name>=1,<2",
	{"=<>~!", lazyre.New(`^\s*['"]([A-Za-z0-9][A-Za-z0-9_.\-]*)(\[[^\]]*\])?\s*(==|<=|<|~=|!=|===|>=|>)\s*\d`)},
	// pip install name==1.2 in a script or Makefile; npm install name@<2
	{"install|add", lazyre.New(`\b(?:pip3?|uv pip|npm|yarn|pnpm|gem) (?:install|add)\b.*?\s['"]?([A-Za-z0-9@][A-Za-z0-9_.\-/]*)(?:==|@['"]?[<>=~^]*\d|['"]?[<>=]+\d)`)},
	// apt-get install name=1.2-0 in a CI step or Dockerfile
	{"apt", lazyre.New(`\bapt(?:-get)?\s+install\b.*?\s([a-z0-9][a-z0-9.+\-]*)=\d`)},
	// Gemfile and gemspec
	{"gem", lazyre.New(`\bgem\s+['"]([^'"]+)['"]\s*,\s*['"][~<>=! ]*\d`)},
	{"add_", lazyre.New(`add_(?:runtime_|development_)?dependency\(?\s*['"]([^'"]+)['"]\s*,\s*['"][~<>=! ]*\d`)},
	// package.json and renovate's allowedVersions
	{`":`, lazyre.New(`^\s*"(@?[a-z0-9][a-z0-9._\-/]*)"\s*:\s*"[~^<>= ]*\d`)},
	{"matchPackageNames", lazyre.New(`"matchPackageNames"\s*:\s*\[\s*"([^"]+)"`)},
	// a pip requirement by the URL of a branch's or tag's archive: ...archive/legacy.zip#egg=name
	{"#egg=", lazyre.New(`^\s*\S+/archive/\S+#egg=([A-Za-z0-9][\w.\-]*)`)},
	// a Gradle version catalog entry: alias = { module = "group:artifact", version = "1.2" }
	{"module", lazyre.New(`\bmodule\s*=\s*"([\w.\-]+:[\w.\-]+)"\s*,\s*version\s*=\s*"\d`)},
	// Cargo.toml name = "=1.2" / { version = "1" }, Cargo.lock "name 1.2.3 (registry"
	{"=", lazyre.New(`^\s*([a-z0-9_\-]+)\s*=\s*(?:\{[^}]*version\s*=\s*)?"[=~^<> ]*\d`)},
	{"(registry", lazyre.New(`^\s*"([a-z0-9_\-]+) \d+\.\d+[^"]*\(registry`)},
	// go.mod require and replace lines
	{" v", lazyre.New(`^\s*(?:require\s+)?([a-z0-9.\-]+\.[a-z]{2,}/[\w.\-/~]+)\s+v\d`)},
	// Gradle and Maven coordinates: "group:artifact:version"
	{":", lazyre.New(`['"]([\w.\-]+:[\w.\-]+):\d[\w.\-]*['"]`)},
	// YAML keys of CI files that set a tool's version: qemu: '7.2'
	{":", lazyre.New(`^\s*-?\s*([a-z][a-z0-9_\-]*)\s*:\s*['"]?v?\d+(\.\d+)+['"]?\s*$`)},
	// ... and a tool's build or version number: emulator-build: 9475343
	{":", lazyre.New(`^\s*-?\s*([a-z][a-z0-9_\-]*?)[-_](?:build|version|revision)\s*:\s*['"]?v?\d+['"]?\s*$`)},
	// CI tool versions: tool: name@1.2, version: v1.2
	{"@", lazyre.New(`\b([a-z][a-z0-9_\-]*)@\d+(\.\d+)+\b`)},
	// CI and build scripts that pin a tool or toolchain: a clone of a
	// tag or branch (git clone --branch v1.2.0 URL), a dated Rust
	// toolchain (nightly-2016-07-11), a runner image with a version
	// (ubuntu-20.04), an action at a version (uses: owner/name@v1).
	{"clone", lazyre.New(`\bgit clone\b.*?(?:--branch[= ]|-b )\s*['"]?v?\d[\w.-]*['"]?\s.*?(?:https?://|git@)(?:www\.)?(github\.com[/:][\w.-]+/[\w.-]+?)(?:\.git)?(?:[\s'"]|$)`)},
	{"nightly-|beta-|stable-", lazyre.New(`\b((?:nightly|beta|stable)-\d{4}-\d{2}-\d{2})\b`)},
	{"ubuntu-|macos-|windows-", lazyre.New(`\b((?:ubuntu|macos|windows)-\d+(?:\.\d+)?)\b`)},
	{"uses:", lazyre.New(`\buses:\s*['"]?([\w.-]+/[\w.-]+)(?:/[\w./-]+)?@v?\d`)},
	// any installer: "$npm" install -g name@'<2'
	{"install", lazyre.New(`\binstall\b[^#]*?\s['"]?(@?[a-z0-9][\w.\-/]*)@['"]?[<>=~^]*\d`)},
	// a manifest edited in code: deps['name'] = '~0.1.15'
	{"[", lazyre.New(`\[['"](@?[a-z0-9][\w.\-/]*)['"]\]\s*=\s*['"][~^<>= ]*\d`)},
}

// pinNameStop are keys of manifests that look like version lines but name
// no dependency.
var pinNameStop = wordSet(`version node npm python ruby rust_stable rust-version edition go toolchain packageManager engines
	name requires-python python_requires target checksum`)

// isPinPath reports whether a path is a file where dependencies are
// pinned: manifests, requirement and constraint files (including those
// of documentation builds), lockfiles, renovate configs, CI workflows,
// scripts and Makefiles.
func isPinPath(p string) bool {
	b := strings.ToLower(path.Base(p))
	switch {
	case (strings.Contains(b, "requirements") || strings.Contains(b, "constraints")) && (strings.HasSuffix(b, ".txt") || strings.HasSuffix(b, ".in")),
		strings.HasSuffix(b, ".in") && strings.Contains(p, "requirements"),
		strings.HasSuffix(b, ".txt") && strings.Contains(p, "requirements/"), // requirements/tests.txt
		b == "go.mod", b == "cargo.toml", b == "cargo.lock", b == "gemfile", strings.HasSuffix(b, ".gemspec"),
		b == "package.json", b == "pyproject.toml", b == "setup.py", b == "setup.cfg", b == "tox.ini", b == "pipfile",
		b == "build.gradle", b == "build.gradle.kts", b == "libs.versions.toml", b == "pom.xml",
		strings.HasPrefix(b, "renovate") && strings.HasSuffix(b, ".json"),
		b == "makefile", strings.HasSuffix(b, ".sh"), b == ".pre-commit-config.yaml", b == ".readthedocs.yaml", b == ".readthedocs.yml",
		strings.HasPrefix(p, ".github/workflows/"), strings.HasPrefix(p, ".github/actions/"),
		b == ".travis.yml", b == ".gitlab-ci.yml", b == "azure-pipelines.yml", b == ".cirrus.yml", b == "appveyor.yml",
		b == "dockerfile", b == "flake.nix", b == "default.nix", b == "shell.nix":
		return true
	}
	return strings.HasSuffix(b, ".nix") && strings.Contains(b, "overlay")
}

// pinNeed reports whether t can match a pin expression whose need is
// given: a set of bytes ("=<>~!"), alternative words ("install|add"), or
// one word.
func pinNeed(t, need string) bool {
	switch {
	case strings.Contains(need, "|"):
		for w := range strings.SplitSeq(need, "|") {
			if strings.Contains(t, w) {
				return true
			}
		}
		return false
	case len(need) > 1 && strings.ContainsAny(need, "=<>~!") && !strings.ContainsAny(need, "abcdefghijklmnopqrstuvwxyz"):
		return strings.ContainsAny(t, need)
	}
	return strings.Contains(t, need)
}

// pinName returns the dependency an added manifest line sets the version
// of, or "".
func pinName(text string) string {
	t := text
	if i := strings.Index(t, " #"); i >= 0 && !strings.Contains(t[:i], `"`) {
		t = t[:i]
	}
	if s := dockerPin(t); s != "" {
		return s
	}
	for _, p := range pinLineREs {
		if !pinNeed(t, p.need) {
			continue
		}
		if m := p.re.FindStringSubmatch(t); m != nil {
			name := m[1]
			if pinNameStop()[name] || strings.HasPrefix(name, "-") || strings.HasSuffix(name, "-version") || strings.HasSuffix(name, "_version") {
				continue
			}
			return pinSubject(strings.ToLower(name))
		}
	}
	return ""
}

// pinSubject turns what a CI or build line pins into its Subject: a
// cloned repository or an action is repo:OWNER/NAME, a dated Rust
// toolchain toolchain:rust, a runner image its operating system; a
// package keeps its name.
func pinSubject(name string) string {
	switch {
	case strings.HasPrefix(name, "github.com/") || strings.HasPrefix(name, "github.com:"):
		return repoSubject(normRepo(name))
	case strings.HasPrefix(name, "nightly-") || strings.HasPrefix(name, "beta-") || strings.HasPrefix(name, "stable-"):
		return "toolchain:rust"
	case strings.HasPrefix(name, "ubuntu-") || strings.HasPrefix(name, "macos-") || strings.HasPrefix(name, "windows-"):
		return termSubject(name)
	case strings.Count(name, "/") == 1 && !strings.HasPrefix(name, "@"):
		return "repo:" + name // an action: owner/name
	}
	return name
}

// policyPinRE recognises a comment that pins for policy, not for a bug:
// to hashes or digests, for reproducible builds or the supply chain.
var policyPinRE = lazyre.New(`(?i)\b(?:hash(?:es)?|hash-verified|digests?|checksums?|reproducib\w*|supply[- ]chain|commit sha)\b`)

// jsonStringLineRE is a line holding one JSON string, an array element.
var jsonStringLineRE = lazyre.New(`^\s*"([^"]+)"\s*,?\s*$`)

// msgPins reports whether a title pins or downgrades something and the
// message gives a reason: then every file's version lines are read as
// pins, not only manifests' (a pin in a test script or a generator).
func msgPins(c *heuristics.Contribution) bool {
	title := c.Title
	if title == "" && len(c.Commits) > 0 {
		title, _, _ = strings.Cut(c.Commits[0].Message, "\n")
	}
	if len(title) > 200 || !ctxPinWordsRE.MatchString(title) || ctxRemovalRE.MatchString(title) || ctxDigestRE.MatchString(title) {
		return false
	}
	msg := c.Body
	for _, cm := range c.Commits {
		if len(msg) > 1<<16 {
			break
		}
		msg += "\n" + cm.Message
	}
	return ctxReasonRE.MatchString(title+"\n"+msg) || ctxWordsRE.MatchString(title+"\n"+msg)
}

// ctxHit is an added line a context rule noticed.
type ctxHit struct {
	path, snippet, subject, link string
	rule                         string // the rule a comment's finding gets: ruleRuntime unless set
	upstream                     string // for a pin: the issue link beside its reason
	version                      string // for a pin: the version its line sets, if read
	line                         int
	strong                       bool // for a pin: its reason says workaround in words or links an issue
	bare                         bool // a comment that is only another project's issue link
	blames                       bool // a comment that blames a third party in the words of a bug ("X is broken")
	lock                         bool // a downgrade read from a lock file (lockLine)
}

// genericComment returns the comment part of a line in any common
// language: #, //, /* */, *, --, ;, and Nix's and shell's #. Strings
// are not tracked; a URL's // is skipped.
func genericComment(text string) string {
	t := strings.TrimSpace(text)
	switch {
	case t == "":
		return ""
	case strings.HasPrefix(t, "#") && !strings.HasPrefix(t, "#include") && !strings.HasPrefix(t, "#if") &&
		!strings.HasPrefix(t, "#def") && !strings.HasPrefix(t, "#el") && !strings.HasPrefix(t, "#end") && !strings.HasPrefix(t, "#undef"):
		return t[1:]
	case strings.HasPrefix(t, "/*"), strings.HasPrefix(t, "*"), strings.HasPrefix(t, "<!--"):
		return strings.TrimLeft(t, "/*<!-")
	case strings.HasPrefix(t, "--"), strings.HasPrefix(t, ";"):
		return strings.TrimLeft(t, "-;")
	}
	if i := slashComment(text); i >= 0 {
		return text[i+2:]
	}
	if i := strings.Index(text, " # "); i >= 0 {
		return text[i+3:]
	}
	if i := strings.Index(text, "/*"); i >= 0 {
		return text[i+2:]
	}
	if i := strings.Index(text, "<!--"); i >= 0 {
		return text[i+4:] // XML and HTML, after code: Maven's <arg>...</arg> <!-- link -->
	}
	return ""
}

// withoutQuotes returns a comment's line with what it quotes blanked:
// text between double quotes, typographic quotes or backticks. A quote
// is read as opening when white space, an opening bracket or the start
// of the line is before it, as closing otherwise, so a line that starts
// inside a quote begun on the line above ("... "the" / "libfoo bug", ...")
// is blanked up to its closing quote, and one opened and not closed is
// blanked to the end of the line.
func withoutQuotes(s string) string {
	if !strings.ContainsAny(s, "\"`\u201c\u201d") {
		return s
	}
	b := []byte(s)
	from := -1    // where the open quote began, or -1
	var open rune // the quote that opened it
	blank := func(lo, hi int) {
		for i := lo; i < hi; i++ {
			b[i] = ' '
		}
	}
	for i, r := range s {
		switch r {
		case '"', '`', '\u201c', '\u201d':
		default:
			continue
		}
		opening := r == '\u201c' || r != '\u201d' && (i == 0 || strings.ContainsRune(" \t([{", rune(s[i-1])))
		switch {
		case from >= 0 && (r == open || open == '\u201c' && r == '\u201d'):
			blank(from, i+len(string(r)))
			from = -1
		case from < 0 && opening:
			from, open = i, r
		case from < 0:
			blank(0, i+len(string(r))) // closes a quote the line above opened
		}
	}
	if from >= 0 {
		blank(from, len(b))
	}
	return string(b)
}

// commentOnly reports whether a line holds nothing but a comment.
func commentOnly(text string) bool {
	t := strings.TrimSpace(text)
	for _, p := range [...]string{"#", "//", "/*", "*", "--", ";", "<!--"} {
		if strings.HasPrefix(t, p) {
			return true
		}
	}
	return false
}

// ctxLine runs the context rules on an added line; known is its comment
// as the file's own language reads it, if any.
func (fs *fileScan) ctxLine(n int, text, known string) {
	sc := fs.sc
	if sc.ctxFirst.path == "" && strings.TrimSpace(text) != "" {
		sc.ctxFirst = ctxHit{path: fs.path, line: n, snippet: strings.TrimSpace(text)}
	}
	if fs.envWait.line != 0 && n > fs.envWait.line {
		fs.envSubject(n, text)
	}
	if fs.pin {
		name := pinName(text)
		if name == "channel" && strings.HasPrefix(path.Base(fs.path), "rust-toolchain") {
			name = "toolchain:rust" // rust-toolchain.toml: channel = "1.61.0"
		}
		if name == "" && fs.renovateNames {
			// renovate's "matchPackageNames": [ on its own line, the names below
			if m := jsonStringLineRE.FindStringSubmatch(text); m != nil {
				name = strings.ToLower(m[1])
			}
		}
		fs.renovateNames = strings.Contains(text, `"matchPackageNames"`) && !strings.Contains(text, "]")
		if name != "" && len(sc.ctxPins) < maxCtxHits {
			h := ctxHit{path: fs.path, line: n, snippet: strings.TrimSpace(text), subject: name, version: pinVersion(text)}
			if cm := genericComment(text); cm != "" && !viaComment(cm) && (ctxWordsRE.MatchString(cm) || ctxPinWordsRE.MatchString(cm) || bugCiteRE.MatchString(cm)) {
				h.link, h.strong = "reason", ctxWordsRE.MatchString(cm) || strings.Contains(cm, "://")
			} else if fs.lastReason != 0 && fs.lastReason == n-1 {
				h.link, h.strong = "reason", fs.lastStrong == n-1
			}
			sc.ctxPins = append(sc.ctxPins, h)
		}
	}
	cm := known
	if cm == "" && (fs.kind == wkOther || fs.kind == wkPackageJSON) {
		cm = genericComment(text) // C, Java, Kotlin, shell, YAML, Nix...
	}
	if fs.bareLink.line != 0 && (cm == "" || !commentOnly(text)) && strings.TrimSpace(text) != "" {
		// The line of build code a bare issue link above explains.
		block := false // the link ends a comment block the words rule already has
		if k := len(sc.ctxComments); k > 0 {
			last := sc.ctxComments[k-1]
			block = last.path == fs.path && last.line >= fs.bareLink.line-2
		}
		if fs.bareLink.line >= n-2 && !block && len(sc.ctxComments) < maxCtxHits {
			sc.ctxComments = append(sc.ctxComments, fs.bareLink)
		}
		fs.bareLink = ctxHit{}
	}
	if sc.msgWords && sc.ctxPlatform.path == "" && !fs.test && mayPlatform(text) {
		if sub := platformSubject(text); sub != "" {
			sc.ctxPlatform = ctxHit{path: fs.path, line: n, snippet: strings.TrimSpace(text), subject: sub}
		}
	}
	if cm == "" && fs.test {
		// A skip's reason, said like a comment; on the call's line or the
		// next.
		reason, call := skipReason(text)
		if reason == "" && fs.skipCall == n-1 {
			reason = stringReason(text)
		}
		if cm = reason; call && reason == "" {
			fs.skipCall = n
		}
	}
	if cm == "" || len(cm) < 8 {
		return
	}
	// What the comment says in its own voice: a phrase it quotes ("a bug
	// in libfoo" in documentation of these very rules, a quoted error
	// message) is mentioned, not said.
	said := withoutQuotes(cm)
	// "if X doesn't support Y" and "this build doesn't support Y" blame
	// no one (withoutOwnSupport).
	words := ctxWords(withoutOwnSupport(said, sc.ownName)) || wording.ContainsFold(said, "fixme") && wording.ContainsFold(said, "until")
	linkHere := len(fs.links) > 0 && fs.links[len(fs.links)-1].line == n
	if fs.pin && commentOnly(text) {
		// Only pins read the reason a comment block gives.
		pinWords := ctxPinWordsRE.MatchString(cm)
		switch {
		case pinWords && !words && policyPinRE.MatchString(cm):
			fs.lastReason = 0 // pinned to hashes, for reproducible builds: policy, not a bug
		case releaseFixes(cm):
			fs.lastReason = 0 // "2.1.2 fixes a typing bug": the pin below requires upstream's fix
		case words || linkHere || pinWords || bugCiteRE.MatchString(cm) || fs.lastReason == n-1:
			if words || linkHere || fs.lastStrong == n-1 && fs.lastReason == n-1 {
				fs.lastStrong = n // the block says workaround in words or links an issue
			}
			fs.lastReason = n // a reason block: the pin right below it has a reason
		}
	}
	if linkHere && sc.msgWords && !fs.test && sc.codeLink.subject == "" {
		// For a message that says workaround and names nothing: the
		// other repository an added comment links.
		u := fs.links[len(fs.links)-1].url
		if r := linkRepo(u); r != "" && !sc.ownLink(u) {
			sc.codeLink = ctxHit{path: fs.path, line: n, snippet: strings.TrimSpace(text), subject: repoSubject(r), link: u}
		}
	}
	if !strings.Contains(cm, "://") && (strings.Contains(cm, "/issues/") || strings.Contains(cm, "/pull/") || strings.Contains(cm, "/merge_requests/")) {
		if m := bareIssueRE.FindString(cm); m != "" {
			fs.links = append(fs.links, fileLink{line: n, url: "https://" + m})
		}
	}
	if linkHere && fs.build && !commentOnly(text) && !words && bareLinkComment(cm) && len(sc.ctxComments) < maxCtxHits {
		// A line of build code whose own comment is only another project's
		// issue link: the line works around it.
		u := fs.links[len(fs.links)-1].url
		if r := linkRepo(u); r != "" && !sc.ownLink(u) {
			sc.ctxComments = append(sc.ctxComments, ctxHit{path: fs.path, line: n, snippet: strings.TrimSpace(text), subject: repoSubject(r), link: u, bare: true})
		}
	}
	if linkHere && fs.build && commentOnly(text) && !words {
		// A comment that is only another project's issue link, in a build
		// script or CI file: the code right below works around it.
		u := fs.links[len(fs.links)-1].url
		if r := linkRepo(u); r != "" && !sc.ownLink(u) && bareLinkComment(cm) {
			fs.bareLink = ctxHit{path: fs.path, line: n, snippet: strings.TrimSpace(text), subject: repoSubject(r), link: u, bare: true}
		}
	}
	if !words || len(sc.ctxComments) >= maxCtxHits {
		return
	}
	// The link and, in tests, the decision wait for the lines below: see
	// resolveCtx.
	h := ctxHit{path: fs.path, line: n, snippet: strings.TrimSpace(text)}
	if b := sc.blamedOn(said); b != "" {
		// "libfoo on macOS is broken": libfoo, not the OS it breaks on
		h.subject, h.rule = b, ruleComment
		if d := fs.knownName(b); d != "" {
			h.subject = d
		}
	} else {
		h.subject = sc.term(said)
	}
	if fs.test {
		// Kept in a test without a link (see resolveCtx): "libfoo is
		// broken", "a bug in libfoo".
		h.blames = (wording.ContainsFold(said, "broken") || wording.ContainsFold(said, "bug")) && sc.actorName(said) != ""
	}
	if h.subject == "" {
		h.subject = compilerSubject(said, fs.path)
	}
	if h.subject == "" {
		// Anything else the comment blames in the words of a bug: a
		// library, a program, a service ("a bug in libfoo").
		if a := sc.actorName(said); a != "" {
			h.subject, h.rule = a, ruleComment
			if d := fs.knownName(a); d != "" {
				h.subject = d
			} else if t := sc.term(a); t != "" {
				h.subject, h.rule = t, ""
			}
		}
	}
	if h.subject == "" {
		// A third party the comment names as what it works around, by a
		// proper name no table knows ("work around Robolectric", "fix
		// this in AR", "GNU Make 4.3").
		if a := sc.namedUpstream(said); a != "" {
			h.subject, h.rule = a, ruleComment
			if d := fs.knownName(a); d != "" {
				h.subject = d
			} else if strings.Contains(a, ":") {
				h.rule = ""
			}
		}
	}
	sc.ctxComments = append(sc.ctxComments, h)
	if h.subject == "" {
		fs.envWait = envWait{hit: len(sc.ctxComments) - 1, line: n, lower: asciiLower(said)}
		fs.envSubject(n, text) // a branch on the comment's own line
	}
}

// resolveCtx gives the context hits of the file just scanned the issue
// link on their line or within two lines of it, names a comment that
// names nothing else by the linked repository, and drops test comments
// without a link: tests hack for their own reasons.
func (fs *fileScan) resolveCtx(firstComment, firstPin int) {
	sc := fs.sc
	linkNear := func(line int) string {
		for _, l := range fs.links {
			if l.line >= line-2 && l.line <= line+2 && !sc.ownLink(l.url) {
				return l.url
			}
		}
		return ""
	}
	kept := sc.ctxComments[:firstComment]
	for _, h := range sc.ctxComments[firstComment:] {
		h.link = linkNear(h.line)
		if h.subject == "" && h.link != "" {
			if r := linkRepo(h.link); r != "" {
				h.subject = repoSubject(r)
			}
		}
		if fs.test && h.link == "" && !(h.blames && h.subject != "") {
			continue
		}
		kept = append(kept, h)
	}
	sc.ctxComments = kept
	for i := firstPin; i < len(sc.ctxPins); i++ {
		if sc.ctxPins[i].link == "reason" {
			sc.ctxPins[i].upstream = linkNear(sc.ctxPins[i].line - 1)
		}
	}
}

// bareLinkRE is a comment that is a link and little else: "see URL",
// "cf. URL", "Ref: URL".
var bareLinkRE = lazyre.New(`(?i)^\W*(?:(?:see|cf\.?|ref(?:s|erence)?:?|issue:?|bug:?|upstream:?|tracked (?:in|at|by)|for)\s+)?(?:https?://|[\w.-]+\.(?:com|org)/)\S+\s*\.?\s*(?:-->|\*/)?\s*$`)

// bareLinkComment reports whether a comment is an issue link and little
// else.
func bareLinkComment(cm string) bool {
	return len(cm) < 200 && bareLinkRE.MatchString(strings.TrimSpace(cm))
}

// isBuildPath reports whether p is a build script, a CI file or a
// manifest, where a comment that only links another project's issue
// explains the line below it.
func isBuildPath(p string) bool {
	b := strings.ToLower(path.Base(p))
	switch path.Ext(b) {
	case ".gradle", ".kts", ".cmake", ".mk", ".bzl", ".m4":
		return true
	}
	switch b {
	case "cmakelists.txt", "meson.build", "build.xml", "configure.ac", "build.sbt", "build", "workspace", "module.bazel", "justfile":
		return true
	}
	// Gradle's buildSrc and build-logic hold the build in Kotlin or Groovy.
	return isPinPath(p) || isCIPath(p) || strings.HasPrefix(p, "buildSrc/") || strings.HasPrefix(p, "build-logic/")
}

// platformChecks are expressions code uses to branch on a platform, and
// what they name: a message that says "work around" with no other name
// works around the platform the change branches on.
var platformChecks = [...]struct{ marker, subject string }{
	{"Build.VERSION.SDK_INT", "os:android"}, {"__APPLE__", "os:macos"}, {"TARGET_OS_", "os:macos"},
	{"_WIN32", "os:windows"}, {"_MSC_VER", "toolchain:msvc"}, {"__MINGW", "toolchain:mingw"},
	{"__linux__", "os:linux"}, {"__FreeBSD__", "os:bsd"}, {"__OpenBSD__", "os:bsd"}, {"__NetBSD__", "os:bsd"},
	{"__GNUC__", "toolchain:gcc"}, {"__clang__", "toolchain:clang"}, {"__CYGWIN__", "os:cygwin"},
	{"target_os = \"macos\"", "os:macos"}, {"target_os = \"windows\"", "os:windows"}, {"target_os = \"linux\"", "os:linux"},
	{"cfg(windows)", "os:windows"}, {"RUBY_ENGINE", "runtime:ruby"}, {"pypy_version_info", "runtime:pypy"},
	{"platform.python_implementation", "runtime:cpython"},
}

// platformSubject returns what a line of code branches on: an Android
// SDK level, an OS or compiler macro, a Rust cfg, a runtime check;
// sys.platform, runtime.GOOS, RUBY_PLATFORM and process.platform by the
// name they are compared with.
func platformSubject(text string) string {
	for _, c := range platformChecks {
		if strings.Contains(text, c.marker) {
			return c.subject
		}
	}
	for _, m := range [...]string{"sys.platform", "runtime.GOOS", "RUBY_PLATFORM", "host_os", "process.platform", "os.name", "uname"} {
		if strings.Contains(text, m) {
			return termSubject(text)
		}
	}
	return ""
}

// mayPlatform is a cheap test that lets through every line
// platformSubject could name something for.
func mayPlatform(text string) bool {
	// Every marker holds "_", "." or "(" after a letter, or is "uname":
	// test the rarer words only on lines that have one of them.
	if strings.IndexByte(text, '_') < 0 && strings.IndexByte(text, '.') < 0 && strings.IndexByte(text, '(') < 0 && !strings.Contains(text, "uname") {
		return false
	}
	return strings.Contains(text, "__") || strings.Contains(text, "Build.") || strings.Contains(text, "target_os") ||
		strings.Contains(text, "cfg(") || strings.Contains(text, "_WIN32") || strings.Contains(text, "_MSC_VER") ||
		strings.Contains(text, "platform") || strings.Contains(text, "GOOS") || strings.Contains(text, "PLATFORM") ||
		strings.Contains(text, "RUBY_ENGINE") || strings.Contains(text, "host_os") || strings.Contains(text, "os.name") ||
		strings.Contains(text, "uname") || strings.Contains(text, "TARGET_OS_")
}

// knownRepos are the repositories of runtimes and toolchains, named as
// such when a link is all that names them.
var knownRepos = sync.OnceValue(func() map[string]string {
	return map[string]string{
		"github.com/golang/go": "toolchain:go", "github.com/python/cpython": "runtime:cpython", "github.com/pypy/pypy": "runtime:pypy",
		"github.com/nodejs/node": "runtime:node", "github.com/rust-lang/rust": "toolchain:rust", "github.com/ruby/ruby": "runtime:ruby",
		"github.com/microsoft/typescript": "toolchain:typescript", "github.com/denoland/deno": "runtime:deno", "github.com/oven-sh/bun": "runtime:bun",
		"github.com/openjdk/jdk": "runtime:jvm", "github.com/jruby/jruby": "runtime:jruby", "github.com/openssl/openssl": "lib:openssl",
		"gcc.gnu.org/gcc": "toolchain:gcc", "github.com/llvm/llvm-project": "toolchain:clang", "bugzilla.mozilla.org/firefox": "browser:firefox",
		"chromium.org/chromium": "browser:chrome", "github.com/webkit/webkit": "browser:safari", "sourceware.org/glibc": "os:libc",
		"github.com/freebsd/freebsd-src": "os:bsd", "visualstudio.com/msvc": "toolchain:msvc", "github.com/jetbrains/kotlin": "toolchain:kotlin",
		"android.googlesource.com/platform": "os:android", "launchpad.net/ubuntu": "os:ubuntu", "debian.org/debian": "os:debian",
		"github.com/mesa3d/mesa": "lib:mesa", "github.com/systemd/systemd": "lib:systemd", "github.com/microsoft/msvc": "toolchain:msvc",
	}
})

// repoSubject turns host/owner/name into "repo:owner/name" for GitHub,
// "repo:host/owner/name" elsewhere, or the runtime or toolchain the
// repository holds.
func repoSubject(r string) string {
	if s, ok := knownRepos()[r]; ok {
		return s
	}
	if strings.HasPrefix(r, "github.com/") && strings.Count(r, "/") == 2 {
		return "repo:" + strings.TrimPrefix(r, "github.com/")
	}
	return "repo:" + r
}

const maxCtxHits = 64

// contextFindings adds the findings of the context rules, after every
// file was scanned.
func (sc *workaroundScan) contextFindings() {
	at := map[string]int{} // path:line → index in findings
	for i, f := range sc.findings {
		at[f.Path+":"+itoa(f.Line)] = i
	}
	// near finds a code finding the comment at path:line explains: on the
	// line, or a few lines below it.
	near := func(p string, line int) (int, bool) {
		for d := -2; d <= 4; d++ {
			if i, ok := at[p+":"+itoa(line+d)]; ok {
				return i, true
			}
		}
		return 0, false
	}
	// Pins with a reason on their line or just above.
	pinned := map[string]bool{}
	for _, h := range sc.ctxPins {
		if h.link != "reason" || pinned[h.subject] || sc.ownPin(h.subject) || !h.strong && sc.movedUp(h) {
			continue // a pin moved up whose comment names no bug is a bump
		}
		if floorOnly(h.snippet) {
			continue // "click>=8.4": a minimum version requires upstream's fix, it works around nothing
		}
		pinned[h.subject] = true
		if _, ok := at[h.path+":"+itoa(h.line)]; ok {
			continue
		}
		sc.add(Finding{Rule: rulePin, Path: h.path, Line: h.line, Snippet: wording.Snippet(h.snippet, 200), Dependency: h.subject,
			What: "a pin of " + subjectName(h.subject) + " with a reason", Upstream: h.upstream})
		if sc.enabled(rulePin) {
			at[h.path+":"+itoa(h.line)] = len(sc.findings) - 1
		}
	}
	// The commit messages and description.
	var b strings.Builder
	b.WriteString(sc.c.Title + "\n" + sc.c.Body)
	for _, cm := range sc.c.Commits {
		b.WriteString("\n" + cm.Message)
	}
	msg := b.String()
	title := sc.title
	// Whether the change removes a workaround rather than adds one. The
	// title decides at once; the rest of the message, which can run to
	// tens of kilobytes, is read only when an answer is needed: a change
	// with no swap, no workaround comment and no workaround words asks
	// nothing of it.
	removal, replacedRead := sc.ctxFirst.path == "" || ctxRemovalRE.MatchString(title) && !revertsRemoval(title) && !revertToRE.MatchString(title), false
	removes := func() bool {
		if !removal && !replacedRead {
			removal, replacedRead = ctxReplacedRE.MatchString(msg), true
		}
		return removal
	}
	// Library swaps, before the comments, which may explain them. A title
	// that removes only the redirect ("Remove 'replace' directive") while
	// the code imports the fork directly still swaps to the fork.
	if sc.maySwap() && (!removes() || redirectRemovalRE.MatchString(title)) && !swapBackRE.MatchString(msg) {
		n := len(sc.findings)
		sc.swapFindings(!removes() && swapReasoned(msg))
		for i := n; i < len(sc.findings); i++ {
			at[sc.findings[i].Path+":"+itoa(sc.findings[i].Line)] = i
		}
	}
	// Comments that tie a workaround to a runtime, an OS, a browser or a
	// toolchain, in any language.
	named := false
	ownCause := len(sc.ctxComments) > 0 && ownFixRE.MatchString(title) && sc.ownRegression(msg)
	for _, h := range sc.ctxComments {
		if h.subject == "" || h.bare && removes() {
			continue // an unpin's comment that links the issue it no longer needs to work around
		}
		if ownCause && h.link == "" && h.rule == "" {
			continue // a fix of what the project's own change broke, on the platform it broke on
		}
		if i, ok := near(h.path, h.line); ok {
			f := &sc.findings[i]
			if f.Dependency == "" {
				f.Dependency = h.subject
			}
			if f.Upstream == "" && f.Dependency == h.subject {
				f.Upstream = h.link
			}
			named = true
			continue
		}
		rule := ruleRuntime
		if h.rule != "" {
			rule = h.rule
		}
		sc.add(Finding{Rule: rule, Path: h.path, Line: h.line, Snippet: wording.Snippet(h.snippet, 200), Dependency: h.subject,
			What: "a workaround for " + subjectName(h.subject), Upstream: h.link})
		named = true
	}
	if removes() {
		return
	}
	// What users could do about the bug a change fixes ("users can work
	// around it by ...", "X would be a workaround") is not what the
	// change does: those sentences neither say workaround nor name what.
	msg, title = sc.ownAsides(withoutAsides(msg)), withoutAsides(title)
	words := ctxWords(msg) || sc.toolchainDiagnostic(msg) || sc.accommodates(title) || sc.titleLinksOther(title)
	pinWords := ctxPinWordsRE.MatchString(title) || revertToRE.MatchString(title)
	// A message that neither says workaround nor pins can still be about
	// one: a CI-only change whose message links another repository's issue
	// works around that repository (a runner image, an action, a tool).
	// Anything else says nothing, and the checks below, which only ever
	// rule a message out, need not read it.
	ciLinked := false
	if !sc.notCI && !words && !pinWords {
		for _, l := range sc.descLinks {
			if r := linkRepo(l.url); r != "" && !sc.ownLink(l.url) {
				ciLinked = true
				break
			}
		}
	}
	if !words && !pinWords && !ciLinked {
		return
	}
	if words && ctxBumpRE.MatchString(title) && adaptRE.MatchString(title) {
		return // "update libfoo, work around its breaking API changes": adapting to the upgrade
	}
	if words && sc.blamesItself(msg) {
		return // "it was a bug in <the project> not to check": the project's own bug, fixed
	}
	if words && sc.worksAroundOwnCode(title) {
		return // "work around a problem in Util::read_text_file": the project's own code, on whatever platform
	}
	if words && !swapReasoned(msg) && sc.removedWorkaround(msg) {
		return // what the message calls a hack belongs to a dependency the change removes
	}
	if pinWords && ctxDigestRE.MatchString(title) {
		return // pinning to a digest is supply-chain hygiene, not a workaround
	}
	if sc.takesUpstreamFix(msg, title) {
		return // "a bug in X, fixed in 0.5.1": the change moves up to upstream's fix
	}
	if pinWords && !words && pinPolicyRE.MatchString(msg) {
		return // a pin for a licence or to choose when a linter's new rules land: policy, not a bug
	}
	if pinWords && !words && !wording.ContainsFold(title, "downgrad") && !pinBackRE.MatchString(title) && !ctxReasonRE.MatchString(msg) && !sc.otherIssueLinked() && (sc.term(pinTarget(title)) == "" || ctxBumpRE.MatchString(title)) {
		return // a pin that gives no reason is a plain version choice; moving a pin is a bump
	}
	if ctxBumpRE.MatchString(title) && !pinWords && !workaroundTitleRE.MatchString(title) {
		return
	}
	// What the message works around: a pinned package, a runtime the
	// message names, a repository it links.
	var h ctxHit
	inMsg := false // h names what only the message says: locate it there
	h = sc.pinForMessage(title)
	if h.subject != "" && !words && !h.strong && sc.movedUp(h) && !wording.ContainsFold(title, "downgrad") && !pinBackRE.MatchString(title) &&
		!ctxReasonRE.MatchString(title) {
		return // the change moves a pin up and its title gives no reason: a bump of a pinned version
	}
	// A message that says workaround without pinning anything names what
	// it works around itself: a pinned line it does not mention (an
	// action's version in a workflow) is only the last resort.
	var pinLast ctxHit
	if h.subject != "" && !pinWords && !mentionsPin(asciiLower(msg), h.subject) {
		pinLast, h = h, ctxHit{}
	}
	// A title's leading tag ("[bash,zsh] Work around mawk ...") names the
	// project's own component, not what it works around.
	msg, title = withoutTags(msg), withoutTags(title)
	link := ""
	for _, l := range sc.descLinks {
		if !sc.ownLink(l.url) && linkRepo(l.url) != "" {
			link = l.url
			break
		}
	}
	if h.subject == "" && link != "" {
		// A link to a runtime's, a compiler's or an OS's own tracker
		// (bugs.ruby-lang.org, bugs.openjdk.org) names it best.
		if s := repoSubject(linkRepo(link)); !strings.HasPrefix(s, "repo:") {
			h, inMsg = sc.ctxFirst, true
			h.subject = s
		}
	}
	if h.subject == "" {
		s := sc.term(msg)
		if s == "" {
			s = compilerSubject(msg, sc.ctxFirst.path)
		}
		if s != "" {
			h, inMsg = sc.ctxFirst, true
			h.subject = s
		}
	}
	if h.subject == "" {
		// A dependency the changed code imports, named in the message.
		lowerMsg := strings.ToLower(msg)
		for _, imp := range sc.ctxImports {
			if !sc.ownName(imp.name) && wordIndex(lowerMsg, imp.name) >= 0 {
				h, inMsg = sc.ctxFirst, true
				h.subject = imp.subject
				break
			}
		}
	}
	rule := ruleMessage
	if h.subject == "" && words && sc.catchHit.subject != "" {
		// A catch of an exception the file imports from a third party.
		h, inMsg, rule = sc.catchHit, false, ruleDefensive
	}
	if h.subject == "" && words && !ownFixRE.MatchString(title) {
		// What the title blames in the words of a bug ("tilt is broken
		// under 1.9"), or names as what it works around ("Work around
		// Robolectric declaring ..."), or a bare version it blames in the
		// language of the changed code ("some quirk on 2.4.0-dev").
		s := sc.actorName(withoutQuotes(title))
		if verb, rest, _ := strings.Cut(strings.TrimSpace(asciiLower(title)), " "); s == verb && !actorVerb(rest) {
			s = "" // "Add regression test": the title's verb, not a name
		}
		if s == "" {
			s = sc.namedUpstream(withoutQuotes(title))
		}
		if s == "" {
			s = sc.namedUpstream(withoutQuotes(withoutTrailers(msg)))
		}
		if s == "" && versionBug(asciiLower(msg)) {
			s = runtimeOfPath(sc.ctxFirst.path)
		}
		if s != "" {
			if t := sc.term(s); t != "" {
				s = t
			} else if r := linkRepo(link); link != "" && r != "" && strings.EqualFold(path.Base(r), s) {
				s = repoSubject(r) // the linked repository of that name
			}
			h, inMsg = sc.ctxFirst, true
			h.subject = s
		}
	}
	if h.subject == "" && words && sc.titleHit.subject != "" {
		h, inMsg = sc.titleHit, false // "work around older pyOpenSSL ...", and a comment that names pyOpenSSL
	}
	if h.subject == "" && words && sc.ctxPlatform.subject != "" {
		h, inMsg = sc.ctxPlatform, false // "work around ..." on a change that branches on a platform
	}
	if h.subject == "" && sc.msgNameSeen {
		h, inMsg = sc.ctxFirst, true
		h.subject = sc.msgName
	}
	if h.subject == "" && link != "" && !fixesLink(msg, link) {
		h, inMsg = sc.ctxFirst, true
		h.subject = repoSubject(linkRepo(link))
	}
	if h.subject == "" && words && sc.codeLink.subject != "" {
		h, inMsg = sc.codeLink, false // the other repository an added comment links
	}
	if h.subject == "" && pinLast.subject != "" {
		h, inMsg = pinLast, false
	}
	if h.subject == "" || !strings.HasPrefix(h.subject, "repo:") && sc.ownName(path.Base(h.subject)) || versionOnly(h.subject) ||
		inMsg && platformHack(msg, h.subject) {
		return // the project's own hack: it names nothing it does not own
	}
	if named {
		return // a comment of the change already names it, under its own rule
	}
	for _, f := range sc.findings {
		if f.Dependency != "" {
			return // the code's findings already say what the message is about
		}
	}
	name := subjectName(h.subject)
	what := "a change its description calls a workaround for " + name
	if !words {
		what = "a pin or downgrade of " + name + " its description explains"
	}
	if rule == ruleDefensive && h.subject == sc.catchHit.subject {
		what = "a catch of " + name + "'s exception in a change its description calls a workaround"
	} else {
		rule = ruleMessage
	}
	f := Finding{Rule: rule, Path: h.path, Line: h.line, Snippet: wording.Snippet(h.snippet, 200), Dependency: h.subject, What: what, Upstream: h.link}
	if inMsg {
		f.Path = ""
		f.Field, f.Commit, f.Line, f.Snippet = sc.messageLine(words, link)
	}
	sc.add(f)
}

// ownPin reports whether a pin's Subject is the project's own: one of
// its modules, or a repository of its owner (an action the project's
// organisation publishes, pinned in its workflows).
func (sc *workaroundScan) ownPin(subject string) bool {
	if r, ok := strings.CutPrefix(subject, "repo:"); ok && strings.Count(r, "/") == 1 && sc.ownOwner("github.com/"+r) {
		return true
	}
	return sc.isOwnModule(subject)
}

// mentionsPin reports whether a message (lower-case) names a pinned
// dependency: its Subject's last element ("checkout" for
// repo:actions/checkout), or any name the names tables give that
// Subject ("python" or "python3" for runtime:cpython, "nodejs" for
// runtime:node).
func mentionsPin(lowerMsg, subject string) bool {
	name := subject
	if _, rest, ok := strings.Cut(name, ":"); ok {
		name = rest
	}
	name = path.Base(name)
	if wordIndex(lowerMsg, name) >= 0 {
		return true
	}
	for _, w := range subjectNames()[subject] {
		if wordIndex(lowerMsg, w) >= 0 {
			return true
		}
	}
	return false
}

// subjectNames maps a Subject to the names upstreamWords and
// languageNames give it, sorted.
var subjectNames = sync.OnceValue(func() map[string][]string {
	m := map[string][]string{}
	for _, names := range [...]map[string]string{upstreamWords(), languageNames} {
		for w, sub := range names {
			m[sub] = append(m[sub], w)
		}
	}
	for _, ws := range m {
		slices.Sort(ws)
	}
	return m
})

// withoutTags returns s with the bracketed tag that starts a line
// ("[vim] ", "[bash,zsh] ") blanked, keeping offsets.
func withoutTags(s string) string {
	if !strings.Contains(s, "[") {
		return s
	}
	b := []byte(s)
	for i := 0; i < len(b); {
		j := i
		for j < len(b) && (b[j] == ' ' || b[j] == '\t') {
			j++
		}
		if j < len(b) && b[j] == '[' {
			if k := strings.IndexByte(s[j:], ']'); k > 0 && k <= 30 && !strings.ContainsAny(s[j:j+k], "\n ") {
				for m := j; m <= j+k; m++ {
					b[m] = ' '
				}
			}
		}
		nl := strings.IndexByte(s[i:], '\n')
		if nl < 0 {
			break
		}
		i += nl + 1
	}
	return string(b)
}

// pinForMessage returns the pin the message rule reads: the first of a
// manifest, else a lock file's downgrade the title names, else the
// first lock file's downgrade (a lock file lowers the dependencies of
// what the change pins as well).
func (sc *workaroundScan) pinForMessage(title string) ctxHit {
	var lock, named ctxHit
	lowerTitle := asciiLower(title)
	for _, p := range sc.ctxPins {
		switch {
		case sc.ownPin(p.subject):
		case !p.lock:
			return p
		case lock.subject == "":
			lock = p
		}
		if p.lock && named.subject == "" && wordIndex(lowerTitle, p.subject) >= 0 {
			named = p
		}
	}
	if named.subject != "" {
		return named
	}
	return lock
}

// messageLine locates what the message says in the title, the body or a
// commit message: the first line that says workaround in words (when
// words), else the first that links link or says pin. It returns the
// field, the commit (SHA or "#N"), the line in that text (from 1) and
// the line as evidence quotes it; the title's first line when no line
// says it.
func (sc *workaroundScan) messageLine(words bool, link string) (heuristics.Field, string, int, string) {
	type text struct {
		field        heuristics.Field
		commit, text string
	}
	texts := []text{{heuristics.FieldTitle, "", sc.c.Title}, {heuristics.FieldBody, "", sc.c.Body}}
	for i, cm := range sc.c.Commits {
		id := cm.SHA
		if id == "" {
			id = "#" + itoa(i+1)
		}
		texts = append(texts, text{heuristics.FieldCommit, id, cm.Message})
	}
	says := func(line string) bool {
		switch {
		case words:
			return ctxWords(withoutAsides(line))
		case link != "" && strings.Contains(line, link):
			return true
		}
		return ctxPinWordsRE.MatchString(line)
	}
	var first *text
	for i := range texts {
		t := &texts[i]
		if first == nil && strings.TrimSpace(t.text) != "" {
			first = t
		}
		n := 0
		for line := range strings.Lines(t.text) {
			n++
			if says(line) {
				return t.field, t.commit, n, wording.Snippet(line, 200)
			}
		}
	}
	if first == nil {
		return heuristics.FieldTitle, "", 0, ""
	}
	line, _, _ := strings.Cut(strings.TrimSpace(first.text), "\n")
	return first.field, first.commit, 1, wording.Snippet(line, 200)
}

// userWorkaroundRE finds a sentence that tells users what they could do
// about a bug, or muses on what would work around it, rather than saying
// the change works around something: "X would be a workaround", "users
// can work around this by ...", "as a workaround, set X".
var userWorkaroundRE = lazyre.New(`(?i)\b(would|could|might|may) (also |still |then )?(be|serve as|provide|offer) (a|an|one|another)? ?([\w-]+ )?work[ -]?arounds?\b` +
	`|\b(can|could|may|might|should) (also |still |easily |simply )?(be )?work(ed)?[ -]?around\b` +
	`|\b(users?|you|one|people|anyone|someone) (can|could|may|might|should|would|need to|have to)\b.{0,80}\bwork[ -]?arounds?\b` +
	`|\bas an? ([\w-]+ )?work[ -]?around,? (for now,? )?((you|users?|one|people|anyone) (can|could|may|might|should|need)\b|(set|use|run|pass|export|try|unset)\b)`)

// techniqueRE finds the project's own technique called a hack after the
// system constant it uses ("the TCP_CORK hack"): a name, not a
// workaround.
var techniqueRE = lazyre.New(`\bthe [A-Z][A-Z0-9]*_[A-Z0-9_]+ (?:hack|trick)\b`)

// withoutAsides returns s without what does not say the change works
// around something: what users could do (withoutUserWorkarounds) and a
// technique named a hack (techniqueRE), keeping the lines.
func withoutAsides(s string) string {
	s = withoutUserWorkarounds(s)
	if strings.Contains(s, "_") && (strings.Contains(s, " hack") || strings.Contains(s, " trick")) {
		s = techniqueRE.ReplaceAllString(s, "")
	}
	return s
}

// withoutUserWorkarounds returns s without the sentences userWorkaroundRE
// finds, each line kept in its place (emptied when all of it goes), so
// that line numbers still hold.
func withoutUserWorkarounds(s string) string {
	if !wording.ContainsFold(s, "work") {
		return s
	}
	var b strings.Builder
	changed := false
	for line := range strings.Lines(s) {
		if !wording.ContainsFold(line, "work") {
			b.WriteString(line)
			continue
		}
		for rest := line; rest != ""; {
			end := sentenceEnd(rest)
			if userWorkaroundRE.MatchString(rest[:end]) {
				changed = true
				if strings.HasSuffix(rest[:end], "\n") {
					b.WriteByte('\n')
				}
			} else {
				b.WriteString(rest[:end])
			}
			rest = rest[end:]
		}
	}
	if !changed {
		return s
	}
	return b.String()
}

// sentenceEnd returns the length of the sentence s starts with: up to and
// including the first ". ", "; ", "! " or "? ", or all of s.
func sentenceEnd(s string) int {
	for i := 0; i+1 < len(s); i++ {
		switch s[i] {
		case '.', ';', '!', '?':
			if s[i+1] == ' ' {
				return i + 2
			}
		}
	}
	return len(s)
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b [20]byte
	i := len(b)
	neg := n < 0
	if neg {
		n = -n
	}
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	if neg {
		i--
		b[i] = '-'
	}
	return string(b[i:])
}

// versionedNameRE finds a name followed by a version: "uvloop 0.10".
var versionedNameRE = lazyre.New(`\b([A-Za-z][\w.-]{2,30}?)[ @]v?\d+\.\d+`)

// versionedName returns the name a workaround title gives a version
// ("Uvloop 0.10 workaround"), lower-case, or "": when an added line of
// the diff also says it, the message rule takes it for the dependency.
func versionedName(c *heuristics.Contribution) string {
	title := c.Title
	if title == "" && len(c.Commits) > 0 {
		title, _, _ = strings.Cut(c.Commits[0].Message, "\n")
	}
	if len(title) > 200 || !ctxWordsRE.MatchString(title) {
		return ""
	}
	m := versionedNameRE.FindStringSubmatch(title)
	if m == nil {
		return ""
	}
	name := strings.ToLower(m[1])
	if everydayWord(name) || termSubject(name) != "" {
		return ""
	}
	return name
}

// ctxImport is a dependency a changed file imports: the word a message
// would call it by, and its Subject.
type ctxImport struct{ name, subject string }

// noteImports records the dependencies a scanned file imports, for the
// message rule.
func (fs *fileScan) noteImports() {
	sc := fs.sc
	for _, local := range slices.Sorted(maps.Keys(fs.imports)) { // map order must not decide
		q := fs.imports[local]
		if len(sc.ctxImports) >= maxCtxHits {
			break
		}
		if fs.guessed[local] && (fs.kind != wkGo || len(local) < 4 || commonWords()[local]) {
			continue // a Go qualifier ("cobra.Command") names its package when the import is out of view
		}
		dep := fs.depOf(q)
		if dep == "" || sc.isOwnModule(dep) || pyStdlib()[dep] || !fs.guessed[local] && !strings.Contains(dep, "/") && !strings.Contains(dep, ".") && fs.kind == wkGo {
			continue
		}
		name := strings.ToLower(path.Base(dep))
		if len(name) < 4 || name == "http" || name == "json" || name == "util" || name == "utils" {
			continue
		}
		if slices.ContainsFunc(sc.ctxImports, func(c ctxImport) bool { return c.subject == dep }) {
			continue
		}
		sc.ctxImports = append(sc.ctxImports, ctxImport{name: name, subject: dep})
	}
}

// ctxGateWords are the words mayCtxWords looks for, lower-case ASCII.
var ctxGateWords = [...]string{"work", "hack", "kludge", "monkey", "bug", "broke", "until", "remove", "support",
	"regression", "temporary", "fail", "due to", "avoid", "n't", "not ", "cannot", "doesnt", "dont", "wont", "cant",
	"compiler error", "miscompil", "delete", "drop", "revert", "wait"}

// ctxGateByFirst lists ctxGateWords by their first letter.
var ctxGateByFirst = gateByFirst(ctxGateWords[:]...)

// gateByFirst lists lower-case ASCII words by their first letter, for
// hasGateWord.
func gateByFirst(words ...string) (by [26][]string) {
	for _, w := range words {
		by[w[0]-'a'] = append(by[w[0]-'a'], w)
	}
	return by
}

// hasGateWord reports whether s holds one of the words of by in any
// ASCII case. It looks at each byte once rather than once per word.
func hasGateWord(s string, by *[26][]string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i] | 0x20 // lower case for a letter; no other byte becomes one
		if c < 'a' || c > 'z' {
			continue
		}
		for _, w := range by[c-'a'] {
			if wording.HasFoldAt(s, i, w) {
				return true
			}
		}
	}
	return false
}

// mayCtxWords is a cheap test that lets through every ASCII line
// ctxWordsRE could match: one of ctxGateWords in any ASCII case, or
// "ICE".
func mayCtxWords(cm string) bool {
	return hasGateWord(cm, &ctxGateByFirst) || strings.Contains(cm, "ICE")
}

// compilerRE finds a comment or message that blames the compiler itself.
// It can match no line break, so it runs line by line: on a long commit
// message as a whole Go's regexp would take its slowest engine.
var compilerRE = lazyre.Lines{Re: lazyre.New(`(?i)\bcompiler (?:bug|crash|error|regression|issue)s?\b|\binternal compiler error\b|(?-i:\bICE\b)|\bmiscompil\w*|\bbug in the compiler\b|\bcodegen bug\b|\b(old|older|ancient|legacy|some|certain) (c\+\+ |c )?compilers\b`)}

// compilerSubject returns the toolchain of the language a file at p is
// written in when text blames the compiler ("a compiler bug", "work
// around ICE"), or "".
func compilerSubject(text, p string) string {
	if !compilerRE.MatchString(text) { // its literal test skips most texts
		return ""
	}
	switch path.Ext(p) {
	case ".rs":
		return "toolchain:rust"
	case ".go":
		return "toolchain:go"
	case ".kt", ".kts":
		return "toolchain:kotlin"
	case ".java":
		return "toolchain:javac"
	case ".swift":
		return "toolchain:swift"
	case ".ts", ".tsx", ".mts", ".cts":
		return "toolchain:typescript"
	case ".cs":
		return "toolchain:csharp"
	case ".scala":
		return "toolchain:scala"
	case ".zig":
		return "toolchain:zig"
	case ".c", ".h":
		return "toolchain:cc"
	case ".cc", ".cpp", ".cxx", ".hpp", ".hh", ".hxx":
		return "toolchain:c++"
	}
	return ""
}

// actorKeys are the words of a bug actorName reads a name next to.
var actorKeys = [...]string{"bug", "bugs", "regression", "regressions", "quirk", "quirks"}

// notActors are words that stand where actorName expects a name but name
// no third party: articles, pronouns, and what a bug is about rather
// than whose it is. Built on first use.
var notActors = wordSet(`a an the this that these those it its our my your their his her we which what some any another other
	same such one no not known old older new newer weird strange nasty subtle rare annoying obscure
	potential possible real upstream compiler previous former original current similar race timing
	memory security performance rendering display layout parsing parser cache caching threading thread
	scroll scrolling focus resize input output encoding unicode locale path network build test tests
	code logic handling error errors exception crash leak bug bugs issue issues problem problems fix
	here there case cases version versions release api function method class module package library file
	files line user users client server system platform environment config configuration support feature
	behavior behaviour way default check value values type types data list also still just only there's
	it's that's he she they you i is was be and or for to in on of with by at from if when as off-by-one
	edge corner mobile desktop ui gui cli shell terminal window windowing font fonts text image audio
	video sound time date clock signal process worker workers job jobs task tasks query request response
	header headers socket connection timeout retry migration schema database db sql ci lint linter docs
	doc documentation example examples sample debug perf minor major critical serious big small
	long-standing longstanding nasty-looking related underlying actual general terminator delimiter separator
	newline whitespace anchor anchors boundary offset index buffer byte bytes`)

// actorName returns the name text blames in the words of a bug, lower-
// case, or "": "a bug in libfoo", then "the libfoo bug", then "libfoo is
// broken", then "libfoo's parser doesn't work". A word of notActors, a
// number, or the project's own repository or module name does not count.
// It reads the text word by word, without regular expressions.
func (sc *workaroundScan) actorName(text string) string {
	if !mayActor(text) || len(text) > 4096 {
		return ""
	}
	lower := asciiLower(text)
	ok := func(name string) bool {
		return len(name) >= 3 && len(name) <= 40 && !everydayWord(name) && !startsDigit(name) && !sc.ownName(name)
	}
	// "a bug in libfoo"
	if name := eachActorKey(lower, func(i, end int) string {
		for _, prep := range [...]string{" in ", " with "} {
			if r, found := strings.CutPrefix(lower[end:], prep); found {
				for _, art := range [...]string{"the ", "a ", "an "} {
					r = strings.TrimPrefix(r, art)
				}
				if name := actorToken(r); ok(name) {
					return name
				}
			}
		}
		return ""
	}); name != "" {
		return name
	}
	// "the libfoo bug", "libfoo's bug"
	if name := eachActorKey(lower, func(i, _ int) string {
		if name := actorBefore(lower[:i]); ok(name) {
			return name
		}
		return ""
	}); name != "" {
		return name
	}
	// "libfoo is broken", "libfoo's parser doesn't work"
	for _, k := range [...]string{" is broken", " are broken", " is buggy", " are buggy", " doesn't work", " does not work",
		" don't work", " do not work", " won't work", " can't work", " cannot work", " doesn't handle", " does not handle",
		" doesn't cope", " doesn't accept", " does not accept", " cannot handle", " can't handle", " no longer "} {
		for i := range occurrences(lower, k) {
			before := lower[:i+1]
			name := actorBefore(before)
			if j := strings.LastIndex(before[:len(before)-1], "'s "); j > 0 && !strings.Contains(before[j+3:len(before)-1], " ") {
				name = actorBefore(before[:j+3]) // "libfoo's parser doesn't work"
			}
			if ok(name) {
				return name
			}
		}
	}
	return ""
}

// blamedOn returns what text blames as broken on a runtime or an
// operating system, lower-case ("libfoo" in "libfoo on macOS is
// broken"), or "".
func (sc *workaroundScan) blamedOn(text string) string {
	if !wording.ContainsFold(text, "broken") || len(text) > 4096 {
		return ""
	}
	lower := asciiLower(text)
	for _, k := range [...]string{" is broken", " are broken"} {
		for i := range occurrences(lower, k) {
			before := strings.TrimRight(lower[:i], " ")
			where := actorBefore(before)
			if where == "" || termSubject(where) == "" {
				continue
			}
			rest := strings.TrimRight(strings.TrimSuffix(before, where), " ")
			for _, prep := range [...]string{" on", " under", " with", " in"} {
				if r, ok := strings.CutSuffix(rest, prep); ok {
					if x := actorBefore(r); len(x) >= 3 && !everydayWord(x) && termSubject(x) == "" && !sc.ownName(x) {
						return x
					}
				}
			}
		}
	}
	return ""
}

// actorVerb reports whether s, the rest of a title after its first
// word, goes on as a sentence about that word ("libfoo is broken",
// "libfoo no longer ..."), so the first word is a name, not a verb.
func actorVerb(s string) bool {
	return hasPrefixAny(s, "is ", "are ", "no longer ", "doesn't ", "does not ", "has ", "now ")
}

// eachActorKey calls fn with the start and end of every word of
// actorKeys in lower, in the order of actorKeys, until fn returns a name.
func eachActorKey(lower string, fn func(i, end int) string) string {
	for _, k := range actorKeys {
		for i := range wordOccurrences(lower, k) {
			if name := fn(i, i+len(k)); name != "" {
				return name
			}
		}
	}
	return ""
}

// asciiLower lowers the ASCII letters of s, keeping its byte offsets.
func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// isActorByte reports whether b can be part of a name actorName reads:
// letters, digits and _ . + -.
func isActorByte(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' || b == '_' || b == '.' || b == '+' || b == '-'
}

// actorToken returns the name s starts with, trimmed of . - ', or "" when
// it holds no letter.
func actorToken(s string) string {
	j := 0
	for j < len(s) && isActorByte(s[j]) {
		j++
	}
	return trimActor(s[:j])
}

// actorBefore returns the name that ends s (before a space and an
// optional "'s"), or "".
func actorBefore(s string) string {
	s = strings.TrimRight(s, " ")
	s = strings.TrimSuffix(s, "'s")
	j := len(s)
	for j > 0 && isActorByte(s[j-1]) {
		j--
	}
	return trimActor(s[j:])
}

func trimActor(name string) string {
	name = strings.Trim(name, ".-'")
	for i := 0; i < len(name); i++ {
		if name[i] >= 'a' && name[i] <= 'z' {
			return name
		}
	}
	return ""
}

// mayActor is a cheap test that lets through every text actorRE could
// match.
func mayActor(text string) bool {
	return containsFoldAny(text, "bug", "regression", "quirk", "broken", "buggy", "n't", "not ", "cannot", "no longer")
}

// ownName reports whether name is the project's own: the name of its
// repository (Config.Repository) or of one of its modules.
func (sc *workaroundScan) ownName(name string) bool {
	first, _, hyphen := strings.Cut(asciiLower(name), "-")
	if !hyphen {
		first, _, hyphen = strings.Cut(first, "_")
	}
	for r := range sc.ownRepos {
		b := path.Base(r)
		if strings.EqualFold(b, name) {
			return true
		}
		// The repository's owner: "Homebrew" in Homebrew/brew.
		if o := path.Base(path.Dir(r)); strings.Contains(path.Dir(r), "/") && strings.EqualFold(o, name) && ownerIsProject(o) {
			return true
		}
		// A crate or package of the project's own workspace, named after
		// the project: "tokio-util" in tokio, "grep-regex" in ripgrep.
		if hyphen && len(first) >= 4 && len(b) >= len(first) && strings.EqualFold(b[len(b)-len(first):], first) {
			return true
		}
	}
	return sc.isOwnModule(name)
}

// blamesItself reports whether a message blames the project itself in
// the words of a bug ("it was a bug in IPython not to check"): its
// own bug, fixed, whatever runtime it goes on to mention.
func (sc *workaroundScan) blamesItself(msg string) bool {
	if !mayActor(msg) || len(msg) > 4096 {
		return false
	}
	lower := asciiLower(msg)
	return eachActorKey(lower, func(i, end int) string {
		for _, prep := range [...]string{" in ", " with "} {
			if r, ok := strings.CutPrefix(lower[end:], prep); ok {
				for _, art := range [...]string{"the ", "a ", "an ", "our "} {
					r = strings.TrimPrefix(r, art)
				}
				if name := actorToken(r); len(name) >= 3 && sc.ownRepoName(name) {
					return name
				}
			}
		}
		return ""
	}) != ""
}

// ownRepoName reports whether name is the project's repository's name,
// exactly: not its owner's, nor a package of the same prefix
// ("jekyll-redirect-from" in jekyll/jekyll is a plugin of its own).
func (sc *workaroundScan) ownRepoName(name string) bool {
	for r := range sc.ownRepos {
		if strings.EqualFold(path.Base(r), name) {
			return true
		}
	}
	return false
}

// ownerIsProject reports whether a repository's owner (lower-case) names
// the project rather than a language or platform whose organisation
// holds many projects: "homebrew" does, "python", "nodejs" and "ruby"
// do not (python/mypy works around bugs in Python).
func ownerIsProject(o string) bool {
	if len(o) < 3 {
		return false
	}
	if sub, ok := upstreamWords()[strings.ToLower(o)]; ok {
		return strings.HasPrefix(sub, "tool:") || strings.HasPrefix(sub, "platform:")
	}
	for _, p := range upstreamPairs {
		if strings.EqualFold(p.first, o) {
			return false
		}
	}
	return true
}

// removedWorkaround reports whether every paragraph of a message that
// says workaround names a dependency that only files the change deletes
// or shortens declared, and no added line imports
// ("pycall ... needed the FOO hack" in a change that drops pycall): the
// hack goes with it.
func (sc *workaroundScan) removedWorkaround(msg string) bool {
	var gone []string
	note := func(dep string) {
		if _, ok := sc.swapAdded[swapKey(dep)]; !ok {
			if name := asciiLower(path.Base(dep)); len(name) >= 3 && !everydayWord(name) {
				gone = append(gone, name)
			}
		}
	}
	for _, dep := range sc.goneDeps {
		note(dep)
	}
	if len(gone) == 0 {
		return false
	}
	said := false
	for block := range paragraphs(msg) {
		if !ctxWords(block) {
			continue
		}
		said = true
		lower := asciiLower(block)
		if !slices.ContainsFunc(gone, func(name string) bool { return wordIndex(lower, name) >= 0 }) {
			return false
		}
	}
	return said
}

// paragraphs yields a message's paragraphs and list items: runs of lines
// ended by a blank line or by a line that starts a new item ("- ", "* ").
func paragraphs(msg string) func(func(string) bool) {
	return func(yield func(string) bool) {
		start := 0
		for i := 0; i <= len(msg); {
			nl := strings.IndexByte(msg[i:], '\n')
			end := len(msg)
			if nl >= 0 {
				end = i + nl
			}
			line := strings.TrimSpace(msg[i:end])
			if (line == "" || strings.HasPrefix(line, "- ") || strings.HasPrefix(line, "* ")) && i > start {
				if !yield(msg[start:i]) {
					return
				}
				start = i
			}
			if nl < 0 {
				break
			}
			i = end + 1
		}
		if start < len(msg) {
			yield(msg[start:])
		}
	}
}

// ownCauseRE finds a message that blames one of the project's own
// changes (a pull request, an issue number, a commit) for the bug it
// fixes: "#975 had the unintended consequence of ...", "abc1234 has a
// side effect", "a regression
// introduced by 1a2b3c4d".
var ownCauseRE = lazyre.Lines{Re: lazyre.New(`(?i)(?:/pull/\d+|(?:^|\s)#\d+|\b[0-9a-f]{7,40})\b[^.]{0,30}\b(?:(?:had|has) (?:an? |the )?(?:unintended |unexpected |unwanted )?(?:side[ -])?(?:effects?|consequences?)|introduced|broke|caused)\b` +
	`|\b(?:regression|breakage) (?:from|in|introduced (?:in|by)|caused by) (?:#\d+|\S*/pull/\d+|[0-9a-f]{7,40})\b|\bcaused by (?:#\d+|\S*/pull/\d+|[0-9a-f]{7,40})\b`)}

// ownRegression reports whether a message blames the project's own
// change for what it fixes, every pull request it links for that being
// the project's.
func (sc *workaroundScan) ownRegression(msg string) bool {
	if !ownCauseRE.MatchString(msg) {
		return false
	}
	for _, l := range sc.descLinks {
		if strings.Contains(l.url, "/pull/") && !sc.ownLink(l.url) {
			return false
		}
	}
	return true
}

// otherIssueLinked reports whether the message links an issue or pull
// request of a repository other than the project's: for a pin, the link
// is the reason ("Pin to not libfoo 3.0.37, see <libfoo's issue>").
// A long description full of links (a bot's release notes) gives none.
func (sc *workaroundScan) otherIssueLinked() bool {
	if strings.Count(strings.TrimSpace(sc.c.Body), "\n") >= 6 {
		return false
	}
	var seen []string
	for _, l := range sc.descLinks {
		if r := linkRepo(l.url); r != "" && !sc.ownLink(l.url) && !slices.Contains(seen, l.url) {
			seen = append(seen, l.url)
		}
	}
	return len(seen) >= 1 && len(seen) <= 2
}
