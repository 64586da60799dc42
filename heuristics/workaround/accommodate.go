package workaround

import (
	"strings"

	"github.com/heft-dev/heft/internal/lazyre"
)

// accommodateRE finds a title's verb of accommodation: what the change
// does to live with a behaviour it does not own (ignore, avoid,
// compensate for, or handle something that throws or crashes).
// "Disable" and "skip" are left out: on a platform they are as often
// the project's own choice (telemetry, a CI job on forks), and where
// they work around a bug the message or a comment says so.
var accommodateRE = lazyre.New(`(?i)\b(?:ignor(?:e|es|ed|ing)|compensat(?:e|es|ed|ing) for|avoid(?:s|ed|ing)?|handl(?:e|es|ed|ing)\b.{0,40}\b(?:throw\w*|crash\w*|errors?|exceptions?|npe|failures?))\b`)

// accommodates reports whether a title says the change ignores,
// avoids or compensates for something on or of a
// runtime, OS, browser or toolchain the names table knows, named from
// the verb on ("Compensate for truffleruby IO.copy_stream", "Ignore inode
// change time on Android", "ignore jsVersion in Firefox 59+", "Handle
// JDK Deflater throwing NPE"): living with a third party's behaviour,
// a workaround in other words. A title that removes or reverts is read
// before this, as a removal.
func (sc *workaroundScan) accommodates(title string) bool {
	loc := accommodateRE.FindStringIndex(title)
	if loc == nil {
		return false
	}
	return sc.term(title[loc[0]:]) != ""
}

// titleLinksOther reports whether a title links an issue or pull
// request of another repository ("don't display broken pipe errors
// (see rust-lang/rust#46016)", "vendor https://github.com/o/n/pull/448"):
// the link is the change's reason. A title that removes or reverts is
// read before this, as a removal, and an issue the title fixes, closes
// or resolves (fixesLink) is a downstream's report of the project's
// own bug.
func (sc *workaroundScan) titleLinksOther(title string) bool {
	if !strings.Contains(title, "#") && !strings.Contains(title, "://") {
		return false
	}
	for _, l := range appendLinks(nil, 0, title, true) {
		if linkRepo(l.url) != "" && !sc.ownLink(l.url) && !fixesLink(title, l.url) {
			return true
		}
	}
	return false
}
