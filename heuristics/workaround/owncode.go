package workaround

import (
	"path"
	"strings"

	"github.com/heft-dev/heft/internal/lazyre"
)

// This file holds the eighth round's classes of a message that says
// workaround about the project's own code: the project is the actor of
// what the message calls a workaround or a problem, and a platform or
// compiler it names is only where the project's own bug shows.

// denialRE finds a sentence that says there is no workaround: "so no
// workarounds are left", "without a workaround", "this is not a
// workaround".
var denialRE = lazyre.New(`(?i)\bno\s+(more\s+|other\s+|further\s+|remaining\s+)?work[ -]?arounds?\b|\bwithout\s+(a\s+|any\s+)?work[ -]?arounds?\b|\b(is|was)\s+not\s+(a\s+|just\s+a\s+)?work[ -]?around\b`)

// ownAsides returns msg with the sentences blanked that do not say this
// change works around a third party: a denial ("no workarounds are
// left"), and a sentence that tells what the project itself already
// does as a workaround ("ccache 3.6 unlinks the file as a workaround
// for a bug in Clang"), its own name standing before the workaround
// word and no "now" saying the change makes it so. Sentences may span
// lines; blanking keeps every line in its place.
func (sc *workaroundScan) ownAsides(msg string) string {
	if !strings.Contains(msg, "work") || len(msg) > 16<<10 {
		return msg
	}
	var b []byte
	for at := 0; at < len(msg); {
		end := at + paragraphSentenceEnd(msg[at:])
		if s := msg[at:end]; strings.Contains(s, "work") && sc.ownAside(s) {
			if b == nil {
				b = []byte(msg)
			}
			for i := at; i < end; i++ {
				if b[i] != '\n' {
					b[i] = ' '
				}
			}
		}
		at = end
	}
	if b == nil {
		return msg
	}
	return string(b)
}

func (sc *workaroundScan) ownAside(s string) bool {
	if denialRE.MatchString(s) {
		return true
	}
	lower := asciiLower(s)
	at := workaroundWordAt(lower)
	if at < 0 || wordIndex(lower[:at], "now") >= 0 {
		return false
	}
	for r := range sc.ownRepos {
		if name := path.Base(r); len(name) >= 3 && wordIndex(lower[:at], name) >= 0 {
			return true
		}
	}
	return false
}

// workaroundWordAt returns where lower (lower-case text) first says
// "workaround", else "work around", or -1.
func workaroundWordAt(lower string) int {
	if at := strings.Index(lower, "workaround"); at >= 0 {
		return at
	}
	return strings.Index(lower, "work around")
}

// paragraphSentenceEnd is sentenceEnd across lines: a sentence ends
// after ". ", ".\n" (or ;, !, ?) or at a blank line.
func paragraphSentenceEnd(s string) int {
	for i := 0; i+1 < len(s); i++ {
		switch s[i] {
		case '.', ';', '!', '?':
			if s[i+1] == ' ' || s[i+1] == '\n' {
				return i + 2
			}
		case '\n':
			if s[i+1] == '\n' {
				return i + 2
			}
		}
	}
	return len(s)
}

// worksAroundOwnCode reports whether a title's workaround clause names
// the project's own code as what it works around or where: a code
// reference (Util::read_text_file, tests/test_feed.py, parse()) whose
// first element is a file or directory of the diff. The platform it
// names after that ("... under windows") is where the project's bug
// shows, not what is wrong.
func (sc *workaroundScan) worksAroundOwnCode(title string) bool {
	at := workaroundWordAt(asciiLower(title))
	if at < 0 {
		return false
	}
	clause := title[at:]
	if len(clause) > 120 {
		clause = clause[:120]
	}
	for w := range strings.FieldsSeq(clause) {
		w = strings.Trim(w, "`'\",;")
		if !strings.Contains(w, "::") && !strings.Contains(w, "/") && !strings.HasSuffix(w, "()") && path.Ext(w) == "" {
			continue
		}
		lead := w
		if i := strings.IndexAny(lead, ":/(."); i > 0 {
			lead = lead[:i]
		}
		lead = asciiLower(lead)
		if len(lead) >= 3 && (sc.topDirs[lead] || sc.ownIdent(lead)) {
			return true
		}
	}
	return false
}

// versionOnly reports whether a Subject is only a version ("v0.7.3",
// "2.4"): a release of the project's own, since it names no one.
func versionOnly(s string) bool {
	s = strings.TrimPrefix(s, "v")
	return startsDigit(s) && strings.Trim(s, "0123456789.-") == ""
}

// fixesLink reports whether the message says the change fixes, closes
// or resolves the issue it links in another repository ("Fixes:
// jmgao/pore#46"): a bug of the project's own that a downstream
// reported, fixed where it lives.
func fixesLink(msg, link string) bool {
	r := linkRepo(link)
	if r == "" {
		return false
	}
	short := asciiLower(strings.TrimPrefix(r, "github.com/"))
	lower := asciiLower(msg)
	for i := range occurrences(lower, short) {
		before := lower[max(0, i-40):i]
		if j := strings.LastIndexAny(before, "\n.;"); j >= 0 {
			before = before[j+1:]
		}
		if strings.Contains(before, "fix") || strings.Contains(before, "close") || strings.Contains(before, "resolve") {
			return true
		}
	}
	return false
}

// viaComment reports whether a pin line's comment is a lock tool's
// provenance ("# via -r requirements/docs.in, sphinx-issues", as
// pip-compile and uv write it): it lists what requires the pin and
// never gives a reason.
func viaComment(cm string) bool {
	cm = strings.TrimSpace(cm)
	return cm == "via" || strings.HasPrefix(cm, "via ")
}

// titleBlock is what a file's current comment block says about the
// names of the title's workaround clause (workaroundScan.titleNames).
type titleBlock struct {
	last  int    // the block's last line
	name  string // a title name the block gives, not the project's own
	at    int    // the line that gives it
	snip  string
	words int // the last line of the block that says workaround, or blames, in words
}

// titleBlock reads one comment line: when a comment block both gives a
// name of the title's workaround clause ("work around pyinstaller ...",
// "workaround for num_cpus returning 0") and says workaround in words
// within two lines of it ("adb creates a different structure ... Work
// around this by ..."), the title and the code agree on what is worked
// around: it is that name, known to no table or import. A word of the
// project's own (its name, a file or directory of the diff) and a word
// the comment quotes as code (`unsafe`) never count.
func (fs *fileScan) titleBlock(n int, text, cm string) {
	sc := fs.sc
	b := &fs.title
	if n != b.last+1 {
		*b = titleBlock{}
	}
	b.last = n
	if ctxWords(cm) {
		b.words = n
	}
	if b.name == "" {
		lower := asciiLower(cm)
		for _, name := range sc.titleNames {
			if i := wordIndex(lower, name); i >= 0 && (i == 0 || lower[i-1] != '`') && !sc.ownName(name) && !sc.ownIdent(name) &&
				!clauseWords()[name] && !commonWords()[name] {
				b.name, b.at, b.snip = name, n, strings.TrimSpace(text)
				break
			}
		}
	}
	if b.name != "" && b.words != 0 && b.words >= b.at-2 && b.words <= b.at+2 {
		sc.titleHit = ctxHit{path: fs.path, line: b.at, snippet: b.snip, subject: b.name}
	}
}

// versionBefore reports whether text ends by giving a version of what
// follows it: "certain versions of ", "version 2 of ".
func versionBefore(text string) bool {
	t := strings.TrimRight(text, " ")
	return strings.HasSuffix(t, "version of") || strings.HasSuffix(t, "versions of")
}

// clauseWords are words a title's workaround clause starts with that
// name no one: what goes wrong, not who.
var clauseWords = wordSet(`add added adds fix fixed fixes use uses apply temporary temp another more better simple ugly quick
flaky slow race crash crashes hang hangs error errors failure failures warning warnings test tests build builds ci
missing wrong weird odd strange intermittent random timeout timeouts deadlock leak leaks`)

// leadName returns, for a short title that ends by calling itself a
// workaround ("pyinstaller missing module workaround"), its first word
// as what it may work around; nil otherwise.
func leadName(title string) []string {
	t := strings.TrimRight(asciiLower(strings.TrimSpace(title)), ".!")
	if !strings.HasSuffix(t, "workaround") && !strings.HasSuffix(t, "work around") && !strings.HasSuffix(t, "work-around") {
		return nil
	}
	words := strings.Fields(t)
	if len(words) > 6 {
		return nil
	}
	w := strings.Trim(words[0], "`'\",:")
	if len(w) < 3 || len(w) > 40 || startsDigit(w) || clauseWords()[w] || aroundSkip[w] {
		return nil
	}
	return []string{w}
}

// hackWordRE finds the word hack; failWordRE the words of a failure
// that blameRE (the platform-branch rule's) does not list.
var (
	hackWordRE = lazyre.New(`(?i)\bhack(s|ed|y|iness)?\b`)
	failWordRE = lazyre.New(`(?i)\b(bug|issue|problem|break|breaks|broke|fails?|failed|failing|failures?|errors?|wrong|regression|missing|unsupported|not support\w*)\b`)
)

// platformHack reports whether a message calls the change a hack and
// nothing else (its workaround words are all "hack"), blames no one,
// and names only a platform (subject os:...): the project's own hack
// for that platform ("win32 hack"), not a workaround of the OS.
func platformHack(msg, subject string) bool {
	if !strings.HasPrefix(subject, "os:") || !hackWordRE.MatchString(msg) || blameRE.MatchString(msg) || failWordRE.MatchString(msg) {
		return false
	}
	return !ctxWords(hackWordRE.ReplaceAllString(msg, ""))
}
