package workaround

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/heft-dev/heft/internal/lazyre"
)

// Copyright holders: people and organisations.
//
// Many projects (git, the Linux kernel, many C and Perl projects) let
// each contributor put their own name on the files they write: there,
// a new file whose header names another person is a contributor's own
// file, not copied code. A project whose notices name a collective
// ("The Heft Authors", "Heft contributors", "the Heft Project") holds
// its copyright as one, and a person's name on a new file means the
// file came from somewhere else; so does an organisation's name that
// is not the project's, whatever the project's holders are.

// holderEmailRE finds an e-mail address in a holder, bare or between
// angle brackets or parentheses.
var holderEmailRE = lazyre.New(`\s*[<(]?[\w.+-]+@[\w-]+(?:\.[\w-]+)+[>)]?`)

// withoutEmail returns a holder without its e-mail addresses, which a
// Subject never carries: "Jane Doe <jane@example.org>" is "Jane Doe".
func withoutEmail(s string) string {
	if !strings.Contains(s, "@") {
		return s
	}
	s = strings.TrimSpace(holderEmailRE.ReplaceAllString(s, ""))
	return strings.TrimRight(s, " ,;")
}

// orgWords are words that make a holder an organisation, lower-case.
var orgWords = map[string]bool{
	"inc": true, "incorporated": true, "llc": true, "ltd": true, "limited": true, "corp": true, "corporation": true,
	"co": true, "company": true, "gmbh": true, "ag": true, "sa": true, "bv": true, "plc": true, "oy": true, "ab": true,
	"foundation": true, "authors": true, "contributors": true, "developers": true, "maintainers": true, "project": true,
	"team": true, "group": true, "university": true, "institute": true, "software": true, "systems": true,
	"technologies": true, "technology": true, "labs": true, "laboratories": true, "networks": true, "solutions": true,
	"consortium": true, "association": true, "community": true, "organization": true, "organisation": true,
	"trust": true, "society": true, "council": true, "microsystems": true, "computer": true, "computers": true,
	"hat": true, "holdings": true, "nv": true, "pty": true, "srl": true, "sas": true, "kg": true, "industries": true,
	"enterprises": true, "partners": true, "ventures": true, "research": true, "services": true, "studios": true,
	"media": true, "college": true, "school": true, "agency": true, "government": true,
}

// collectiveWords are the words of a holder that is the project's
// people as one: "The Go Authors", "Heft contributors".
var collectiveWords = [...]string{"authors", "contributors", "developers", "maintainers", "project", "team"}

// nameParticles are the lower-case words a personal name may hold:
// "Vincent van Gogh", "Ana de la Cruz".
var nameParticles = map[string]bool{"van": true, "von": true, "der": true, "den": true, "de": true, "da": true, "di": true,
	"du": true, "la": true, "le": true, "del": true, "dos": true, "das": true, "bin": true, "al": true, "ter": true}

// isPerson reports whether a copyright holder is one or more people,
// each by a personal name, with or without an e-mail address: "Eric
// Sunshine <eric@example.com>", "Junio C Hamano", "Ada Lovelace and
// Charles Babbage". A single word, a domain, digits or a word of an
// organisation (Inc., Foundation, Authors, Project) make it not one.
func isPerson(holder string) bool {
	s := withoutEmail(holder)
	if s == "" || strings.ContainsAny(s, "0123456789/:") {
		return false
	}
	s = strings.ReplaceAll(s, " & ", ", ")
	s = strings.ReplaceAll(s, " and ", ", ")
	n := 0
	for part := range strings.SplitSeq(s, ",") {
		if part = strings.TrimSpace(part); part == "" || part == "others" || strings.HasPrefix(part, "et al") {
			continue // "Jane Doe and others"
		}
		if !personalName(part) {
			return false
		}
		n++
	}
	return n > 0
}

// personalName reports whether s is one person's name: two to six
// words, each capitalised (or an initial, "C." or "C") or a particle,
// two of them at least not particles, none an organisation's word or a
// domain.
func personalName(s string) bool {
	words := strings.Fields(s)
	if len(words) < 2 || len(words) > 6 {
		return false
	}
	names := 0
	for _, w := range words {
		lw := strings.ToLower(strings.Trim(w, ".,"))
		if orgWords[lw] || strings.Contains(strings.TrimSuffix(w, "."), ".") && len(w) > 3 {
			return false // an organisation, or a domain ("example.com")
		}
		if nameParticles[w] {
			continue
		}
		r, size := utf8.DecodeRuneInString(w)
		if !unicode.IsUpper(r) {
			return false
		}
		for _, c := range w[size:] {
			if !unicode.IsLetter(c) && c != '-' && c != '\'' && c != '\u2019' && c != '.' {
				return false
			}
		}
		names++
	}
	return names >= 2
}

// isCollective reports whether a holder is a project's people as one:
// "The Go Authors", "Heft contributors", "the Heft Project".
func isCollective(holder string) bool {
	words := strings.Fields(strings.ToLower(withoutEmail(holder)))
	if len(words) == 0 {
		return false
	}
	last := strings.Trim(words[len(words)-1], ".,")
	for _, w := range collectiveWords {
		if last == w {
			return true
		}
	}
	return false
}

// ownHolder notes what kind of holder the project's own notice names.
func (sc *workaroundScan) ownHolder(raw string) {
	switch {
	case isCollective(raw):
		sc.ownCollective = true
	case isPerson(raw):
		sc.ownPeople = true
	}
}

// perAuthor reports whether the project puts its contributors' own
// names on their files: a person is among its holders and no
// collective is.
func (sc *workaroundScan) perAuthor() bool {
	return sc.ownPeople && !sc.ownCollective
}

// headerNamed returns the added files whose headers also name, other
// than by a person's copyright, where they came from: "This file is part
// of X", or an organisation's copyright. A person's copyright there adds
// nothing the finding about that name does not say.
func (sc *workaroundScan) headerNamed() map[string]bool {
	var named map[string]bool
	for _, f := range sc.identities {
		if !f.person && !named[f.Path] && !sc.ownIdentity(f.Dependency) {
			if named == nil {
				named = map[string]bool{}
			}
			named[f.Path] = true
		}
	}
	return named
}
