package workaround

import (
	"path"
	"strconv"
	"strings"

	"github.com/heft-dev/heft/diffstat"
	"github.com/heft-dev/heft/internal/lazyre"
)

// This file holds what the pin rules read beyond a manifest's version
// lines: the version a line sets, whether a pin only moved up (a bump of
// a pinned version), a downgrade written only in a TOML lock file
// (Cargo.lock, poetry.lock, uv.lock), a Docker base image's tag, an
// environment variable a branch reads (which names the program a
// workaround comment blames), and a title that removes only a redirect.

// pinVersion returns the first version a pin line sets ("0.15.16" in
// `"ruff@0.15.16",`), or "": a run of digits and dots that starts a
// word or follows a "v".
func pinVersion(text string) string {
	for i := 0; i < len(text); i++ {
		c := text[i]
		if c < '0' || c > '9' || i > 0 && isWordByte(text[i-1]) && text[i-1] != 'v' {
			continue
		}
		j := i
		for j < len(text) && (text[j] >= '0' && text[j] <= '9' || text[j] == '.') {
			j++
		}
		return strings.TrimRight(text[i:j], ".")
	}
	return ""
}

// versionAbove reports whether version a is above b, comparing their
// dotted numbers one by one; when one is the start of the other ("3" and
// "3.11", a narrower tag) neither is above.
func versionAbove(a, b string) bool {
	as, bs := strings.Split(a, "."), strings.Split(b, ".")
	for k := 0; k < len(as) && k < len(bs); k++ {
		x, err1 := strconv.Atoi(as[k])
		y, err2 := strconv.Atoi(bs[k])
		if err1 != nil || err2 != nil {
			return false
		}
		if x != y {
			return x > y
		}
	}
	return false
}

// movedUp reports whether pin h moved an existing pin of the same
// dependency to a higher version of the same precision: a deleted line
// of the diff pinned it lower ("0.15.9" to "0.15.16"). That is a bump
// of a pinned version, unless its comment says workaround or links a
// bug; a pin made tighter ("~> 1.10" to "~> 1.12.0") is not a move.
func (sc *workaroundScan) movedUp(h ctxHit) bool {
	old, ok := sc.oldPins[h.subject]
	return ok && h.version != "" && old != "" && strings.Count(old, ".") == strings.Count(h.version, ".") && versionAbove(h.version, old)
}

// movedUpLoose reports whether a pin moves its dependency to a later
// version, also when the new version only adds a part ("0.5" to
// "0.5.1").
func (sc *workaroundScan) movedUpLoose(h ctxHit) bool {
	old, ok := sc.oldPins[h.subject]
	if !ok || h.version == "" || old == "" {
		return false
	}
	return versionAbove(h.version, old) || strings.HasPrefix(h.version, old+".")
}

// oldPin records the version a deleted line of a pin file set.
func (fs *fileScan) oldPin(text string) {
	sc := fs.sc
	if len(sc.oldPins) >= maxCtxHits {
		return
	}
	if name := pinName(text); name != "" {
		if sc.oldPins == nil {
			sc.oldPins = map[string]string{}
		}
		sc.oldPins[name] = pinVersion(text)
	}
}

// lockState follows a TOML lock file's [[package]] entries: the name of
// the entry a line is in, and the version a deleted line gave it.
type lockState struct {
	on   bool // the file is a TOML lock file
	name string
	old  string
}

// isTOMLLock reports whether p is a lock file of name = / version =
// entries.
func isTOMLLock(p string) bool {
	switch strings.ToLower(path.Base(p)) {
	case "cargo.lock", "poetry.lock", "uv.lock", "pdm.lock":
		return true
	}
	return false
}

// lockLine reads one line of a TOML lock file: an entry whose version a
// deleted line gives and an added line lowers is a downgrade, a pin the
// message rule reads as any other (Cargo.lock alone holds it when a
// change runs cargo update --precise to an older release).
func (fs *fileScan) lockLine(n int, op diffstat.LineOp, text string) {
	t := strings.TrimSpace(text)
	key, val, ok := strings.Cut(t, "=")
	if !ok {
		return
	}
	key, val = strings.TrimSpace(key), strings.Trim(strings.TrimSpace(val), `"`)
	switch {
	case key == "name":
		fs.lock.name, fs.lock.old = strings.ToLower(val), ""
	case key != "version" || fs.lock.name == "":
	case op == diffstat.LineDeleted:
		fs.lock.old = val
	case op == diffstat.LineAdded && fs.lock.old != "":
		if versionAbove(fs.lock.old, val) && len(fs.sc.ctxPins) < maxCtxHits {
			fs.sc.ctxPins = append(fs.sc.ctxPins, ctxHit{path: fs.path, line: n, snippet: fs.lock.name + " " + val,
				subject: fs.lock.name, version: val, lock: true})
		}
		fs.lock.old = ""
	}
}

// languageNames are the Subjects of names the names table
// (upstreamWords) leaves out because in prose ("a python script", "rust
// code", "the debian package") they name the project's own language or
// packaging more often than a third party; as the name of an official
// base image (FROM python:3.12) or of a pinned runtime they are the
// runtime, compiler or distribution.
var languageNames = map[string]string{
	"python": "runtime:cpython", "ruby": "runtime:ruby", "golang": "toolchain:go", "rust": "toolchain:rust",
	"eclipse-temurin": "runtime:jvm", "amazoncorretto": "runtime:jvm", "debian": "os:debian", "fedora": "os:fedora",
}

// dockerFromRE is a Dockerfile's FROM line with a tag that starts with a
// version: FROM python:3.11-slim AS builder.
var dockerFromRE = lazyre.New(`^\s*FROM\s+(?:--platform=\S+\s+)?(?:[\w.\-]+/)*([\w.\-]+):v?\d`)

// dockerPin returns the Subject of the base image a FROM line pins to a
// versioned tag, or "".
func dockerPin(t string) string {
	if !strings.Contains(t, "FROM") {
		return ""
	}
	m := dockerFromRE.FindStringSubmatch(t)
	if m == nil {
		return ""
	}
	name := strings.ToLower(m[1])
	if s, ok := upstreamWords()[name]; ok {
		return s
	}
	if s, ok := languageNames[name]; ok {
		return s
	}
	return name
}

// envReadRE finds a read of an environment variable in common languages:
// getenv("X"), os.Getenv("X"), env::var_os("X"), os.environ["X"],
// ENV["X"], process.env.X, and a shell's "$X".
var envReadRE = lazyre.New(`(?:\b(?:getenv|Getenv|LookupEnv|var_os|var|environ|ENV|env)\b(?:\.get|\.fetch)?\s*[(\[]\s*['"]|\bprocess\.env\.|\$\{?)([A-Za-z_][A-Za-z0-9_]*)`)

// envName returns the name of the environment variable a line reads, or
// "".
func envName(text string) string {
	if !strings.Contains(text, "env") && !strings.Contains(text, "ENV") && !strings.Contains(text, "Env") && !strings.Contains(text, "$") {
		return ""
	}
	if m := envReadRE.FindStringSubmatch(text); m != nil {
		return m[1]
	}
	return ""
}

// envWait is a workaround comment that names nothing yet, waiting for a
// branch on an environment variable just below it.
type envWait struct {
	hit   int // index in ctxComments
	line  int
	lower string // the comment, lower-case
}

// envSubject names a waiting comment by the environment variable a line
// reads when the comment names the same program in its own words: a
// "HACK: ... in tmux" above a test of $TMUX is about tmux.
func (fs *fileScan) envSubject(n int, text string) {
	w := fs.envWait
	if n > w.line+3 {
		fs.envWait = envWait{}
		return
	}
	name := asciiLower(envName(text))
	if len(name) < 3 || everydayWord(name) || fs.sc.ownName(name) || wordIndex(w.lower, name) < 0 {
		return
	}
	h := &fs.sc.ctxComments[w.hit]
	if h.subject == "" {
		h.subject = fs.sc.term(name)
		if h.subject == "" {
			h.subject = "tool:" + name
		}
	}
	fs.envWait = envWait{}
}

// isExampleCode reports whether p is code in an examples directory,
// which Linguist counts as documentation: projects run their examples as
// tests, so the scorer reads them as test code.
func isExampleCode(p string) bool {
	if !strings.HasPrefix(p, "examples/") && !strings.Contains(p, "/examples/") {
		return false
	}
	switch path.Ext(p) {
	case ".sh", ".bash", ".nix", ".py", ".go", ".rs", ".js", ".ts", ".rb", ".java", ".kt", ".c", ".h", ".cc", ".cpp", ".yaml", ".yml", ".toml":
		return true
	}
	return false
}

// redirectRemovalRE recognises a title that removes a redirect (go.mod's
// replace directive, an override, a [patch] section) rather than a
// workaround: the fork it pointed at may stay, imported directly.
var redirectRemovalRE = lazyre.New(`(?i)\b(?:remove|removes|removed|drop|drops|dropped|delete|deletes|deleted)\b.{0,20}\b(?:replace|overrides?|resolutions?|\[?patch\]?)\W{1,3}(?:directive|section|entry|entries|block)`)
