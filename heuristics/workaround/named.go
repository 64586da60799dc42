package workaround

import (
	"path"
	"strings"
)

// This file reads the name of a third party that a workaround comment or
// message gives in its own words, when no table, import or link knows
// it: the object of "work around X" and "workaround for X", the place of
// "fix this in X", the subject of "X doesn't support", "until X is
// fixed" and "wait for a new X release", and a proper name given with a
// version ("Rails 4", "GNU Make 4.3"). It reads word by word, without
// regular expressions, and only on text ctxWords already accepted.

// namedLeads are the phrases whose next word is what a workaround is
// for; lower-case, each ending in a space.
var namedLeads = [...]string{
	"work around ", "works around ", "worked around ", "working around ", "work-around for ", "workaround for ",
	"workarounds for ", "workaround to ", "hack for ", "hack around ", "hacks for ", "fix this in ", "be fixed in ",
	"fixed upstream in ", "for a new ", "for the next ", "for a newer ", "get new ", "get a new ", "until ",
}

// techTerms are capitalised words that name a kind of thing rather than a
// third party: what a comment works around may be a NUL byte, an API or
// a CI runner of the project's own. Built on first use.
var techTerms = wordSet(`nul null nil none nan inf eof eol oom utf utf-8 utf8 utf-16 ascii ansi api apis abi cpu gpu
		ram io os fs tty pty http https url urls uri tls ssl tcp udp ip ipv4 ipv6 dns json xml html css sql csv yaml toml pdf svg png
		jpeg gif ui ux gui cli ci cd pr prs todo fixme note hack xxx id ids uuid sdk jit gc vm env path tmp dir pid uid gid stdin
		stdout stderr sigint sigterm sigpipe sigchld posix unix ascii emoji rtl ltr dom ast ir regex regexp lsp repl tui mime cors
		csrf jwt oauth dst utc gmt tz fd fds mmap cow ffi rpc grpc tz i/o we i it this that these those our my the a an some any
		there here when if in on at for and or but not no new old first last other another all each every one two three
		since after before about around until up down to by with from step steps line lines issue issues section chapter
		part level stage phase round item table figure page width height size max min count number port code error exit
		status return wait sleep retry attempt try timeout version v rev`)

// everydayNouns are common English nouns, most of them the parts of an
// application a description talks about ("the home page is broken"): a
// sentence that blames one names no third party. Words that are also the
// names of well-known tools (make, node, docker, express, tilt) are left
// out. Built on first use.
var everydayNouns = wordSet(`page pages home homepage screen screens button buttons link links menu menus tab tabs
		form forms field fields icon icons label labels modal modals dialog dialogs popup popups tooltip tooltips sidebar
		navbar footer banner panel panels card cards widget widgets row rows column columns cell cells item items entry
		entries picture pictures photo photos title titles heading headings paragraph paragraphs word character characters
		letter letters name names email emails password passwords account accounts profile profiles setting settings
		option options preference preferences search result results filter filters order orders cart checkout payment
		payments price prices product products customer customers member members team teams group groups role roles
		permission permissions message messages notification notifications comment comments post posts article articles
		blog feed story stories event calendar schedule day days week weeks month months year years hour hours minute
		minutes moment today night morning start end top bottom left right side middle center centre border margin
		padding color colour colors colours background foreground shadow theme themes style styles position click tap
		key keys keyboard mouse cursor pointer touch device devices phone tablet computer machine box boxes container
		wrapper layer state status progress loading load reload refresh update updates change changes thing things
		stuff piece place area region document documents report reports record records note notes folder folders
		directory tree block blocks chunk chunks array object objects element elements component components template
		templates model application program service services tool tools command commands script scripts house room
		door world people person man woman child life hand head body face eye water money game games player players
		score point points question answer idea reason fact`)

// everydayWord reports whether name (lower-case) is a word of the
// language rather than a name: a common noun, a generic technical word,
// or a word of notActors or commonWords.
func everydayWord(name string) bool {
	return everydayNouns()[name] || techTerms()[name] || notActors()[name] || commonWords()[name]
}

// namedUpstream returns the third party text names as what a workaround
// is for, lower-case, or "": a proper name (capitalised, an abbreviation,
// a name with digits such as I18n or GCC14) after one of namedLeads, or
// any word before "release" after "for a new", then a capitalised name
// followed by a version anywhere. A known runtime, OS or toolchain gets
// its Subject (termSubject). Generic technical words, common words and
// the project's own names do not count.
func (sc *workaroundScan) namedUpstream(text string) string {
	if len(text) > 4096 {
		return ""
	}
	lower := asciiLower(text)
	for _, lead := range namedLeads {
		for i := range occurrences(lower, lead) {
			if i > 0 && isWordByte(lower[i-1]) {
				continue
			}
			rest := text[i+len(lead):]
			for _, art := range [...]string{"the ", "a ", "an ", "some ", "this "} {
				if len(rest) >= len(art) && strings.EqualFold(rest[:len(art)], art) {
					rest = rest[len(art):]
					break
				}
			}
			tok := nameToken(rest)
			if tok == "" {
				continue
			}
			after := strings.TrimLeft(rest[len(tok):], " ")
			switch lead {
			case "for a new ", "for the next ", "for a newer ", "get new ", "get a new ":
				// "wait for a new rails release", "until we get new libfoo
				// wheels": any name, before "release"
				if !releaseWord(asciiLower(after)) {
					continue
				}
			case "until ":
				// "until Foo is fixed", "until Foo 2.1 ships"
				if !properName(tok) || !untilVerb(asciiLower(after)) {
					continue
				}
			default:
				// a proper name, or any name given with a version: "work
				// around mawk 1.3.3"
				if !properName(tok) && !startsDigit(after) {
					continue
				}
			}
			if name := sc.upstreamToken(tok); name != "" {
				return name
			}
		}
	}
	// A proper name with a version: "issue in Rails 4", "GNU Make 4.3".
	for i, j := range runs(text, isActorByte) {
		tok := text[i:j]
		if j+1 < len(text) && text[j] == ' ' && startsDigit(text[j+1:]) && properName(tok) && tok[0] >= 'A' && tok[0] <= 'Z' {
			if name := sc.upstreamToken(tok); name != "" {
				return name
			}
		}
	}
	return ""
}

// nameToken returns the name s starts with (letters, digits, _ . + -),
// trimmed of . - ', or "" when it holds no letter; unlike actorToken it
// keeps the case.
func nameToken(s string) string {
	j := 0
	for j < len(s) && isActorByte(s[j]) {
		j++
	}
	name := strings.Trim(s[:j], ".-'")
	for i := 0; i < len(name); i++ {
		if c := name[i] | 0x20; c >= 'a' && c <= 'z' {
			return name
		}
	}
	return ""
}

// releaseWord reports whether s (lower-case) starts with a word for a
// release of something: release, version, wheels, build.
func releaseWord(s string) bool {
	return hasPrefixAny(s, "release", "version", "wheel", "build")
}

// untilVerb reports whether s (lower-case, after the name "until" gives)
// says the name gets fixed or released.
func untilVerb(s string) bool {
	s = strings.TrimLeft(strings.TrimLeft(s, "0123456789.x-"), " ")
	return hasPrefixAny(s, "is fixed", "gets fixed", "fixes", "is released", "releases", "ships", "supports", "is updated",
		"has been fixed", "merges", "lands", "catches up")
}

// properName reports whether tok looks like a name rather than a word of
// the sentence: it starts with a capital or holds a capital or a digit
// after a letter (I18n, libGL, GCC14).
func properName(tok string) bool {
	if len(tok) < 2 || tok[0] < 'A' || tok[0] > 'z' {
		return false
	}
	if tok[0] >= 'A' && tok[0] <= 'Z' {
		return true
	}
	for k := 1; k < len(tok); k++ {
		if tok[k] >= 'A' && tok[k] <= 'Z' || tok[k] >= '0' && tok[k] <= '9' {
			return true
		}
	}
	return false
}

// upstreamToken turns a name namedUpstream found into a Subject: a known
// runtime, OS or toolchain by its Subject (also with a version glued on:
// "GCC14", "gcc-14"), else the name lower-case, unless it is a generic
// technical word, a common word or the project's own.
func (sc *workaroundScan) upstreamToken(tok string) string {
	tok = strings.TrimRight(tok, ".-_+'")
	if s := sc.term(tok); s != "" {
		return s
	}
	name := asciiLower(tok)
	if bare := strings.TrimRight(name, "0123456789.-_"); bare != name && len(bare) >= 2 {
		if s := sc.term(bare); s != "" {
			return s
		}
	}
	if len(name) < 2 || len(name) > 40 || everydayWord(name) || sc.ownName(name) {
		return ""
	}
	if sc.ownIdent(name) {
		return ""
	}
	return name
}

// ownIdent reports whether name is a file or directory the diff changes
// (lower-case, without extension): a class, a module or a component of
// the project's own, such as "KeyedWeakReference" when the diff touches
// KeyedWeakReference.kt. The names are gathered once per scan, so a
// long comment's many names cost one look-up each.
func (sc *workaroundScan) ownIdent(name string) bool {
	if sc.ownIdents == nil {
		sc.ownIdents = map[string]bool{}
		for _, f := range sc.c.Diff.Files {
			p := asciiLower(f.NewPath)
			for p != "" && p != "." && p != "/" {
				b := path.Base(p)
				sc.ownIdents[b] = true
				sc.ownIdents[strings.TrimSuffix(b, path.Ext(b))] = true
				p = path.Dir(p)
			}
		}
	}
	return sc.ownIdents[name]
}

// runtimeOfPath returns the runtime or toolchain of the language a file
// at p is written in, for a bug a comment or message gives only by a
// version ("some quirk on 2.4.0-dev"), or "".
func runtimeOfPath(p string) string {
	switch path.Ext(p) {
	case ".rb", ".rake", ".gemspec":
		return "runtime:ruby"
	case ".py":
		return "runtime:cpython"
	case ".js", ".mjs", ".cjs", ".ts", ".tsx":
		return "runtime:node"
	case ".go":
		return "toolchain:go"
	case ".rs":
		return "toolchain:rust"
	case ".java", ".kt", ".scala":
		return "runtime:jvm"
	}
	return ""
}

// versionBug reports whether text blames a bare version in the words of
// a bug: "a quirk on 2.4.0-dev", "broken in 3.12".
func versionBug(lower string) bool {
	for _, k := range [...]string{"quirk on ", "quirk in ", "bug on ", "bug in ", "broken on ", "broken in ", "broken with ", "regression in "} {
		for i := range occurrences(lower, k) {
			if at := i + len(k); at < len(lower) && lower[at] >= '0' && lower[at] <= '9' {
				return true
			}
		}
	}
	return false
}
