package workaround

import (
	"path"
	"slices"
	"strings"

	"github.com/heft-dev/heft/internal/lazyre"
	"github.com/heft-dev/heft/internal/wording"
)

// This file holds two rules that read code rather than manifests: a
// defensive wrapper (try, except, catch, rescue, recover, a retry) that
// an added comment ties to a third party that misbehaves, and a library
// swap (one dependency's imports replaced by another's) that is a fork of
// the same library or that the commit message or a comment justifies by
// a bug. It also holds the checks the message and runtime rules use: a
// catch or try around an imported third party (catchLine), and a
// platform branch near a comment that blames (platformBlame).

var (
	// wrapperLineRE recognises the lines of a defensive wrapper in the
	// common languages.
	wrapperLineRE = lazyre.New(`^\s*(?:\}\s*)?(?:try\b|except\b|catch\b|rescue\b|ensure\b|finally\b)|\bcatch\s*\(|\brecover\(\)|\brescue\s+[A-Z]|(?i)\bretr(?:y|ies|ying)\b|\bwith_retries\b|\.catch\(`)

	// misbehaveRE finds a comment saying a third party misbehaves: broken,
	// strict, wrong, spuriously, a bug, throws when it should not.
	misbehaveRE = lazyre.New(`(?i)\b(?:broken|buggy|bugs?|wrong(?:ly)?|strict|spurious(?:ly)?|unexpected(?:ly)?|incorrect(?:ly)?|confusing(?:ly)?|inconsistent(?:ly)?|flaky|quirk\w*|misbehav\w*|sometimes|occasionally|randomly|regression|npe|segfault\w*|crash(?:es)?|hangs?|work[- ]?around|hack|(?:throws|raises|returns|fails|panics) (?:\w+ ){0,3}(?:even|although|instead|when|if|on|for|with|spuriously)|(?:doesn'?t|does not|won'?t|can'?t|cannot) (?:handle|cope|parse|accept|support|apply|close|return|report)|not thread-?safe)\b`)

	// misbehave2RE finds the rarer ways of blaming a third party, kept
	// apart so that misbehaveRE stays small enough for the backtracker.
	misbehave2RE = lazyre.New(`(?i)\bunfortunately\b|\b(?:prior to|before|older than|until) (?:version |v)?\d+\.\d+`)

	// swapWordsRE finds a message that replaces one library with another.
	swapWordsRE = lazyre.Lines{Re: lazyre.New(`(?i)\b(?:replac\w*|switch\w*|swap\w*|migrat\w*|mov(?:e|es|ed|ing) (?:to|away)|instead of|in favou?r of|in lieu of|fork(?:ed)?)\b`)}

	// swapReasonRE finds the bug a swap works around.
	swapReasonRE = lazyre.Lines{Re: lazyre.New(`(?i)\bwork(?:s|ed|ing)?[ -]?around|\bbug(?:s|gy)?\b|\bbroken\b|\bcrash\w*|\bsegfault\w*|\bhang(?:s|ing)?\b|\bleak\w*|\bdeadlock\w*|\bregression\b|\b(?:doesn'?t|does not|didn'?t|did not) work\b|\bwreck\w*|\bcorrupt\w*`)}
)

// maxDefPending bounds the comments waiting for a wrapper line below them.
const maxDefPending = 16

// defComment is a comment that names a misbehaving third party, waiting
// for a wrapper line near it.
type defComment struct {
	line             int
	snippet, subject string
}

// defensiveLine runs the defensive-wrapper rule on an added line: a
// wrapper line within 3 lines below or 6 above a comment that says a
// third party misbehaves. Code lines cost nothing unless a comment is
// waiting for them: the three before a comment are kept and read only
// when one arrives.
func (fs *fileScan) defensiveLine(n int, text, cm string) {
	if !fs.defensive {
		return
	}
	if cm == "" || !commentOnly(text) {
		if len(fs.defPending) > 0 {
			if isWrapperLine(text) {
				for _, d := range fs.defPending {
					if d.line >= n-6 {
						fs.defFinding(d)
					}
				}
				fs.defPending = fs.defPending[:0]
			} else if fs.defPending[len(fs.defPending)-1].line < n-6 {
				fs.defPending = fs.defPending[:0] // out of reach
			}
		}
		fs.recentCode[n%3] = codeLine{n, text}
		return
	}
	if len(cm) < 12 || !misbehaveRE.MatchString(cm) && !misbehave2RE.MatchString(cm) {
		return
	}
	subject := fs.thirdParty(cm)
	if subject == "" {
		return
	}
	d := defComment{line: n, snippet: strings.TrimSpace(text), subject: subject}
	for _, c := range fs.recentCode {
		if c.line != 0 && c.line >= n-3 && isWrapperLine(c.text) {
			fs.defFinding(d)
			return
		}
	}
	// Drop what no wrapper line can reach any more.
	kept := fs.defPending[:0]
	for _, p := range fs.defPending {
		if p.line >= n-6 {
			kept = append(kept, p)
		}
	}
	fs.defPending = kept
	if len(fs.defPending) < maxDefPending {
		fs.defPending = append(fs.defPending, d)
	}
}

// codeLine is an added line of code the defensive-wrapper rule may read.
type codeLine struct {
	line int
	text string
}

// isWrapperLine reports whether a line of code is part of a defensive
// wrapper: try, except, catch, rescue, recover(), a retry.
func isWrapperLine(text string) bool {
	return mayWrap(text) && wrapperLineRE.MatchString(stripTrailingComment(text))
}

func (fs *fileScan) defFinding(d defComment) {
	fs.finding(ruleDefensive, d.line, d.snippet, d.subject, "a defensive wrapper around "+d.subject)
}

// mayWrap is a cheap test that lets through every line wrapperLineRE
// could match.
func mayWrap(text string) bool {
	for _, w := range [...]string{"try", "except", "catch", "rescue", "ensure", "finally", "recover", "retr", "RETR", "Retr"} {
		if strings.Contains(text, w) {
			return true
		}
	}
	return false
}

// stripTrailingComment drops a // or # comment from a code line.
func stripTrailingComment(text string) string {
	if i := slashComment(text); i >= 0 {
		text = text[:i]
	}
	if i := strings.Index(text, " #"); i >= 0 {
		text = text[:i]
	}
	return text
}

// thirdParty returns the Subject of what a comment names that the
// project does not own: an import of the file, a runtime, OS, library or
// toolchain, or a linked repository; "" when it names none.
func (fs *fileScan) thirdParty(cm string) string {
	if d := fs.namedImport(cm, false); d != "" && !fs.sc.isOwnModule(d) {
		return d
	}
	if s := fs.sc.term(cm); s != "" {
		return s
	}
	for i := len(fs.links) - 1; i >= 0 && i >= len(fs.links)-2; i-- {
		if r := linkRepo(fs.links[i].url); r != "" && !fs.sc.ownRepo(r) {
			return repoSubject(r)
		}
	}
	if s := compilerSubject(cm, fs.path); s != "" {
		return s
	}
	if a := fs.sc.actorName(cm); a != "" {
		return a
	}
	return fs.sc.versionedActor(cm)
}

// versionOfRE finds a third party named with one of its versions:
// "version 25.0.2 of the support library".
var versionOfRE = lazyre.New(`(?i)\b(?:version |v)\d+(?:\.\d+)+ of (?:the )?([a-z][\w.+-]*(?: [a-z][\w.+-]*)?)`)

// versionedActor returns the third party a comment names with a version
// ("OkHttp 3.12 throws...", "version 2.1 of the support library"),
// lower-case, or "".
func (sc *workaroundScan) versionedActor(cm string) string {
	if !strings.ContainsAny(cm, "0123456789") {
		return ""
	}
	if m := versionOfRE.FindStringSubmatch(cm); m != nil {
		name := strings.ToLower(m[1])
		if first, rest, ok := strings.Cut(name, " "); ok {
			switch rest {
			case "library", "framework", "sdk", "plugin", "package", "gem", "crate", "module", "runtime", "driver":
				name = first + "-" + rest // "the support library"
			default:
				name = first
			}
		}
		if !notActors()[name] && !sc.ownName(name) {
			return name
		}
	}
	if m := versionedNameRE.FindStringSubmatch(cm); m != nil {
		name := strings.ToLower(m[1])
		if len(name) >= 3 && !everydayWord(name) && !sc.ownName(name) {
			return name
		}
	}
	return ""
}

// ---- library swaps ----

// maxSwapDeps bounds the imports a diff's swap check keeps per side.
const maxSwapDeps = 256

// swapSite is where a dependency was imported or required.
type swapSite struct {
	path, snippet string
	line          int
}

// swapLine records the dependency an import or manifest line names, on
// the side it is on: deleted lines feed removed, added lines added.
func (fs *fileScan) swapLine(n int, text string, deleted bool) {
	sc := fs.sc
	dep := fs.importedDep(text)
	if dep == "" || sc.isOwnModule(dep) {
		return
	}
	key := swapKey(dep)
	if deleted {
		if _, ok := sc.swapRemoved[key]; !ok && len(sc.swapRemoved) < maxSwapDeps {
			sc.swapRemoved[key] = dep
		}
		return
	}
	if _, ok := sc.swapAdded[key]; !ok && len(sc.swapAdded) < maxSwapDeps {
		sc.swapAdded[key] = swapSite{path: fs.path, line: n, snippet: strings.TrimSpace(text)}
		sc.swapAddedOrder = append(sc.swapAddedOrder, dep)
	}
}

// importedDep returns the dependency an import, require or manifest line
// names, or "".
func (fs *fileScan) importedDep(text string) string {
	t := strings.TrimSpace(text)
	if !mayImport(fs.kind, t) {
		return ""
	}
	switch fs.kind {
	case wkGo:
		if !fs.goImports && !strings.HasPrefix(t, "import ") {
			return ""
		}
		if m := goImportLineRE.FindStringSubmatch(t); m != nil && strings.Contains(firstElem(m[1]), ".") {
			return goModuleOf(m[1])
		}
	case wkGoMod:
		if m := goRequireLineRE.FindStringSubmatch(stripComment(t, "//")); m != nil && !strings.Contains(t, "=>") && !strings.HasSuffix(t, "// indirect") {
			return m[1]
		}
	case wkPython:
		if m := pyFromImportRE.FindStringSubmatch(t); m != nil && !strings.HasPrefix(m[1], ".") {
			r, _, _ := strings.Cut(m[1], ".")
			return pyDep(r)
		}
		if m := pyImportRE.FindStringSubmatch(t); m != nil {
			r, _, _ := strings.Cut(strings.TrimSpace(strings.Split(stripComment(m[1], "#"), ",")[0]), ".")
			r, _, _ = strings.Cut(r, " ")
			return pyDep(r)
		}
	case wkJS:
		var spec string
		if m := jsFromRE.FindStringSubmatch(t); m != nil && (strings.HasPrefix(t, "import") || strings.HasPrefix(t, "export") || strings.HasPrefix(t, "}")) {
			spec = m[1]
		} else if m := jsRequireRE.FindStringSubmatch(t); m != nil {
			spec = m[3]
		}
		if spec != "" && spec[0] != '.' && spec[0] != '/' && spec[0] != '~' && !strings.HasPrefix(spec, "@/") && !strings.HasPrefix(spec, "node:") {
			return npmPackage(spec)
		}
	case wkRuby:
		if m := rubyReqRE.FindStringSubmatch(t); m != nil {
			r, _, _ := strings.Cut(m[1], "/")
			return r
		}
	case wkGemfile:
		if m := gemLineRE.FindStringSubmatch(t); m != nil {
			return strings.ToLower(m[1])
		}
		if m := gemspecDepRE.FindStringSubmatch(t); m != nil {
			return strings.ToLower(m[1])
		}
	case wkRust:
		if m := rustUseRE.FindStringSubmatch(t); m != nil {
			switch m[1] {
			case "crate", "self", "super", "std", "core", "alloc":
				return ""
			}
			return strings.ReplaceAll(m[1], "_", "-")
		}
	case wkCargo:
		if strings.Contains(fs.section, "dependencies") {
			if m := tomlEntryRE.FindStringSubmatch(t); m != nil {
				return strings.ReplaceAll(strings.ToLower(m[1]), "_", "-")
			}
		}
	}
	if fs.flake {
		// A Nix flake input or devenv input: url = "github:owner/name/ref".
		if m := flakeInputRE.FindStringSubmatch(t); m != nil && !strings.HasPrefix(t, "#") {
			return "repo:" + strings.ToLower(m[1])
		}
	}
	return ""
}

// flakeInputRE reads the repository of a flake input's URL.
var flakeInputRE = lazyre.New(`\burl\s*[:=]\s*["']?github:([\w.-]+/[\w.-]+)`)

// isFlakePath reports whether p declares Nix flake inputs: flake.nix,
// devenv.yaml.
func isFlakePath(p string) bool {
	b := path.Base(p)
	return b == "flake.nix" || b == "devenv.yaml"
}

// mayImport is a cheap test that lets through every line importedDep
// could read a dependency from.
func mayImport(k wkind, t string) bool {
	switch k {
	case wkPython:
		return strings.HasPrefix(t, "import ") || strings.HasPrefix(t, "from ")
	case wkJS:
		return strings.Contains(t, "from") || strings.Contains(t, "require(")
	case wkRuby:
		return strings.HasPrefix(t, "require")
	case wkGemfile:
		return strings.HasPrefix(t, "gem") || strings.Contains(t, "add_")
	case wkRust:
		return strings.HasPrefix(t, "use ") || strings.HasPrefix(t, "pub ") || strings.HasPrefix(t, "extern ")
	case wkGoMod:
		return t != "" && t != ")" && !strings.HasPrefix(t, "//")
	case wkOther, wkHashComments:
		return strings.Contains(t, "github:")
	}
	return true
}

var gemspecDepRE = lazyre.New(`add_(?:runtime_|development_)?dependency\(?\s*['"]([^'"]+)['"]`)

// pyDep returns a Python import's distribution-like name, or "" for the
// standard library.
func pyDep(root string) string {
	if root == "" || pyStdlib()[root] || root == "__future__" || root == "typing_extensions" {
		return ""
	}
	return root
}

// swapKey is how a dependency is compared across the two sides of a swap:
// lower case, "_" as "-", a Go module's major version dropped.
func swapKey(dep string) string {
	k := strings.ReplaceAll(strings.ToLower(dep), "_", "-")
	if i := strings.LastIndex(k, "/v"); i > 0 && i+2 < len(k) && strings.Trim(k[i+2:], "0123456789") == "" {
		k = k[:i]
	}
	return k
}

// forkOf reports whether added is a fork of removed: the same name under
// another owner ("github.com/keybase/go-ps" for
// "github.com/mitchellh/go-ps"), or the fork-naming habit of putting the
// old owner in the name ("github.com/cli/shurcool-graphql" for
// "github.com/shurcool/graphql").
func forkOf(added, removed string) bool {
	a, r := swapKey(added), swapKey(removed)
	if a == r || path.Dir(a) == path.Dir(r) || !strings.Contains(a, "/") || !strings.Contains(r, "/") {
		return false
	}
	an, rn := path.Base(a), path.Base(r)
	if an == rn {
		return true
	}
	owner := path.Base(path.Dir(r))
	return an == owner+"-"+rn || an == rn+"-"+owner
}

// swapFindings adds the library-swap findings once every file is read:
// a fork of a removed dependency, or any replacement the message or a
// comment justifies by a bug.
func (sc *workaroundScan) swapFindings(reasoned bool) {
	if !sc.maySwap() {
		return
	}
	var removedOnly []string
	for k, dep := range sc.swapRemoved {
		if _, ok := sc.swapAdded[k]; !ok {
			removedOnly = append(removedOnly, dep)
		}
	}
	if len(removedOnly) == 0 {
		return
	}
	slices.Sort(removedOnly)
	done := map[string]bool{}
	for _, a := range sc.swapAddedOrder {
		if _, ok := sc.swapRemoved[swapKey(a)]; ok {
			continue
		}
		site := sc.swapAdded[swapKey(a)]
		for _, r := range removedOnly {
			if done[r] || sc.ownRepo(repoOf(r)) || sc.ownOwner(repoOf(r)) {
				continue // the project's own fork, left for the original
			}
			fork := forkOf(a, r)
			if !fork && !(reasoned && len(removedOnly) == 1) {
				continue
			}
			done[r] = true
			what := "a swap of " + subjectName(r) + " for " + subjectName(a)
			if fork {
				what = "a swap of " + subjectName(r) + " for its fork " + subjectName(a)
			}
			sc.add(Finding{Rule: ruleSwap, Path: site.path, Line: site.line, Snippet: wording.Snippet(site.snippet, 200), Dependency: r, What: what})
			break
		}
	}
}

// maySwap reports whether the change both removes and adds a
// dependency, the least a swap needs; without it swapFindings finds
// nothing and the message need not be read for swap words.
func (sc *workaroundScan) maySwap() bool {
	return len(sc.swapRemoved) > 0 && len(sc.swapAddedOrder) > 0
}

// swapReasoned reports whether a message replaces a library because of a
// bug: swap words and a bug. The three swap expressions match within a
// line (no \s, '.' or negated class), so they run line by line, each
// line behind the expression's literal test (TestLineRegexpAsWhole).
func swapReasoned(msg string) bool {
	return swapWordsRE.MatchString(msg) && swapReasonRE.MatchString(msg)
}

// swapBackRE recognises a message that goes back from a fork to the
// original: not a workaround but the end of one.
var swapBackRE = lazyre.Lines{Re: lazyre.New(`(?i)\bback to\b|\bto (?:the )?upstream\b|\b(?:are|is|now|been|got) upstream(?:ed)?\b|\bupstreamed\b|\bupstream (?:version|release|package|crate|module|library|sdk)\b|\boff (?:of )?(?:our|the) fork\b|\bofficial\b|\bsuccessor\b|\b(?:took|taken|takes) over\b|\bnew home\b|\bfork (?:with|for|by) (?:the )?(?:upstream|original)\b`)}

// ownOwner reports whether a repository (host/owner/name) belongs to the
// owner of one of the project's own repositories: a fork the project
// keeps under its own organisation.
func (sc *workaroundScan) ownOwner(r string) bool {
	owner := path.Dir(r)
	if owner == "." || !strings.Contains(owner, "/") {
		return false
	}
	for o := range sc.ownRepos {
		if path.Dir(o) == owner {
			return true
		}
	}
	return false
}

// catchTypeRE reads the exception type of a catch clause: Python's
// except, Ruby's rescue, catch in Java, Kotlin, C# and Scala.
var catchTypeRE = lazyre.New(`^\s*(?:\}\s*)?(?:except\s*\(?\s*|rescue\s+|catch\s*\(\s*(?:final\s+)?(?:\w+\s*:\s*)?)([A-Za-z_][\w.:]*)`)

// catchLine notes a catch clause whose exception the file imports from a
// third party, or a try whose first three lines call a name the file
// imports from one: with a message that says workaround, the wrapper is
// around that dependency (catchHit).
func (fs *fileScan) catchLine(n int, text string) {
	if fs.tryLine != 0 && n > fs.tryLine && n <= fs.tryLine+3 {
		// The lines a try opens: a call into a third party the file
		// imports ("try:" above "libfoo.parse(s)").
		if dep := fs.thirdPartyCall(text); dep != "" {
			fs.sc.catchHit = ctxHit{path: fs.path, line: n, snippet: strings.TrimSpace(text), subject: dep}
			return
		}
	}
	if !mayWrap(text) {
		return
	}
	if t := strings.TrimSpace(text); t == "try:" || t == "try {" || strings.HasPrefix(t, "try {") || t == "begin" {
		fs.tryLine = n
		if dep := fs.thirdPartyCall(strings.TrimPrefix(t, "try {")); dep != "" {
			fs.sc.catchHit = ctxHit{path: fs.path, line: n, snippet: t, subject: dep}
		}
		return
	}
	m := catchTypeRE.FindStringSubmatch(text)
	if m == nil {
		return
	}
	name := strings.ReplaceAll(strings.TrimRight(m[1], ":."), "::", ".")
	if _, dep := fs.resolve(name); dep != "" && !fs.sc.ownName(dep) {
		fs.sc.catchHit = ctxHit{path: fs.path, line: n, snippet: strings.TrimSpace(text), subject: dep}
	}
}

// thirdPartyCall returns the dependency whose imported name a line of
// code calls a member of ("libfoo.parse(" with libfoo imported from a
// third party), or "".
func (fs *fileScan) thirdPartyCall(text string) string {
	for i := 1; i+1 < len(text); i++ {
		if text[i] != '.' || !isWordByte(text[i-1]) || !isWordByte(text[i+1]) {
			continue
		}
		j := i
		for j > 0 && isWordByte(text[j-1]) {
			j--
		}
		k := i + 1
		for k < len(text) && isWordByte(text[k]) {
			k++
		}
		if k >= len(text) || text[k] != '(' {
			continue // a call, not a field
		}
		if _, dep := fs.resolve(text[j:k]); dep != "" && !fs.sc.ownName(dep) {
			return dep
		}
	}
	return ""
}

// blameRE finds a comment that blames what a platform does: issues, a
// bug, a crash, something it does not support or handle.
var blameRE = lazyre.New(`(?i)\b(?:issues|problems|bugs|buggy|broken|crash(?:es|ing)?|quirks?|misbehav\w*|glitch\w*|hangs?|(?:doesn'?t|does not|don'?t|do not|won'?t|can'?t|cannot) (?:like|work|support|handle|accept|allow))\b` +
	`|\b(?:issue|problem|bug) (?:with|on|in|under|when)\b`)

// platformBlame runs the platform-branch rule: an added branch on an
// operating system, runtime or compiler (platformSubject) with a comment
// within three lines that blames something in words (blameRE), though
// it names no third party, works around that platform. A code line is
// read only when a blaming comment waits above it, and a comment looks
// at the three code lines above it (recentCode), so lines far from a
// blaming comment cost nothing.
func (fs *fileScan) platformBlame(n int, text, cm string) {
	if fs.blameLast == n-1 && n > 1 && cm != "" && commentOnly(text) {
		// The comment block goes on: what waits reaches from its end.
		for k := range fs.blameWait {
			if fs.blameWait[k].reach == n-1 {
				fs.blameWait[k].reach = n
			}
		}
		fs.blameLast = n
	}
	if cm != "" && len(cm) >= 8 && mayBlame(cm) {
		for _, c := range fs.recentCode {
			if c.line != 0 && c.line >= n-3 && c.line < n {
				if sub := branchPlatform(c.text); sub != "" && blames(cm, fs.sc.ownName) {
					fs.platHit(sub, codeLine{n, text})
					return
				}
			}
		}
		fs.blameWait[n%3] = blameComment{codeLine{n, text}, cm, n} // read when a branch follows
		fs.blameLast = n
		return
	}
	if fs.blameLast == 0 || fs.blameLast < n-3 || cm != "" && commentOnly(text) {
		return // no comment waits within reach: the common case costs a comparison
	}
	for k := range fs.blameWait {
		w := &fs.blameWait[k]
		if w.line == 0 || w.reach < n-3 {
			continue
		}
		if sub := branchPlatform(text); sub == "" {
			return
		} else if blames(w.cm, fs.sc.ownName) {
			c := w.codeLine
			*w = blameComment{}
			fs.platHit(sub, c)
			return
		}
	}
}

// blameComment is a comment that may blame a platform, waiting for a
// branch below it.
type blameComment struct {
	codeLine
	cm    string
	reach int // the last line of its comment block
}

// blames reports whether a comment blames something in words (blameRE)
// without saying workaround, which the words rule reads; what it quotes
// and links it holds are not read, nor is a "doesn't support" that is a
// condition or the project's about itself (withoutOwnSupport; own
// reports the project's own names).
func blames(cm string, own func(string) bool) bool {
	said := withoutQuotes(cm)
	if strings.Contains(said, "://") {
		said = withoutLinks(said)
	}
	said = withoutOwnSupport(said, own)
	return blameRE.MatchString(said) && !ctxWords(said)
}

// withoutLinks returns s without its words that hold "://".
func withoutLinks(s string) string {
	var b strings.Builder
	for w := range strings.FieldsSeq(s) {
		if !strings.Contains(w, "://") {
			b.WriteString(w)
			b.WriteByte(' ')
		}
	}
	return b.String()
}

// branchPlatform returns what a line of code branches on when it is a
// condition on a platform, or "".
func branchPlatform(text string) string {
	if !mayPlatform(text) || !isBranchLine(text) {
		return ""
	}
	return platformSubject(text)
}

// blameGate lists, by first letter, the words mayBlame looks for.
var blameGate = gateByFirst("issue", "problem", "bug", "broke", "crash", "quirk", "misbehav", "glitch", "hang", "n't", "not ", "cannot")

// mayBlame is a cheap test that lets through every ASCII comment blameRE
// could match, in one pass.
func mayBlame(cm string) bool {
	return hasGateWord(cm, &blameGate)
}

// platHit records the blaming comment c as a workaround of the
// platform sub.
func (fs *fileScan) platHit(sub string, c codeLine) {
	sc := fs.sc
	if sc.ownTerms[sub] || len(sc.ctxComments) >= maxCtxHits || !sc.msgWords && sc.ownFixTitle() {
		return // a title that fixes the project's own bug and says no workaround: its own fix on that platform
	}
	for _, h := range sc.ctxComments {
		if h.path == fs.path && h.line >= c.line-3 && h.line <= c.line+3 {
			return // a comment of the branch already says workaround, or blamed it
		}
	}
	sc.ctxComments = append(sc.ctxComments, ctxHit{path: fs.path, line: c.line, snippet: strings.TrimSpace(c.text), subject: sub})
}

// isBranchLine reports whether a line of code is a condition: if, elif,
// #if, ifeq, when, unless, case, a Rust cfg.
func isBranchLine(text string) bool {
	t := strings.TrimLeft(strings.TrimSpace(text), "}) ")
	return hasPrefixAny(t, "if ", "if(", "elif ", "else if", "elsif ", "#if", "# if", "ifeq", "ifneq", "when ", "unless ", "case ", "#[cfg", "cfg!(", "@if") ||
		strings.Contains(t, " if ") || strings.Contains(t, " && ") && strings.Contains(t, "(")
}

// ownFixTitle reports whether the change's title fixes the project's own
// bug ("Fix ...", "net: fix ...").
func (sc *workaroundScan) ownFixTitle() bool {
	return ownFixRE.MatchString(sc.title)
}
