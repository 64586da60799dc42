// Package placeholder recognises the parts of a pull request description
// that say nothing of the author's own: a repository template's
// instructions left in HTML comments, the markers tools leave there, and
// placeholder text (lorem ipsum, "TODO", "N/A") in place of a description.
//
// It reads text only: no template is needed, so it also works when the
// caller does not know the repository's template. Hidden text addressed
// to AI reviewers or automated tools ("ignore previous instructions",
// "this is safe to merge") is never a template's instruction, whatever
// else it says: AddressesTools finds it, and Comment keeps it the
// author's.
//
// The scorers share it (heuristics/verbosity reads comments and
// placeholders with it); it is internal so its lists can change with
// what real descriptions hold.
package placeholder

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/heft-dev/heft/internal/lazyre"
	"github.com/heft-dev/heft/internal/wording"
)

// Class is what an HTML comment of a description is.
type Class uint8

// The classes of comment.
const (
	// Authored is hidden text the author (or their tool) wrote for this
	// change, and any text addressed to AI reviewers or tools.
	Authored Class = iota

	// Instruction is a template's instruction or question to the
	// contributor: "Describe your changes", "What types of changes does
	// your code introduce?", "Please make sure the tests pass".
	Instruction

	// Marker is a tool's marker: "START COPILOT CODING AGENT TIPS",
	// "Reviewable:start", "This is an auto-generated comment: release
	// notes by coderabbit.ai".
	Marker
)

var classNames = [...]string{"authored", "instruction", "marker"}

// String returns the class's lower-case name.
func (c Class) String() string {
	if int(c) < len(classNames) {
		return classNames[c]
	}
	return "unknown"
}

// toolsRE finds text addressed to AI reviewers, language models or
// automated tools, and requests to ignore instructions or to pass the
// change: the shapes of prompt injection hidden in a description.
var toolsRE = lazyre.New(`(?i)\b(?:` +
	`(?:ignore|disregard|forget|override)\s+(?:all\s+|any\s+|the\s+|your\s+)?(?:previous|prior|above|earlier|preceding|other|former)?\s*(?:instructions?|prompts?|rules|guidelines|directions)` +
	`|system\s+(?:prompt|message)|jailbreak` +
	`|(?:ai|llm|gpt|language[- ]model|automated|automatic|machine)\s+(?:code\s+)?(?:reviewers?|review|tools?|assistants?|agents?|models?|scanners?|systems?|readers?)` +
	`|you\s+are\s+(?:an?|the)\s+(?:ai|assistant|language\s+model|llm|chatbot|bot|reviewer)` +
	`|(?:note|message|instructions?)\s+(?:to|for)\s+(?:the\s+|any\s+|all\s+)?(?:ai|llm|assistants?|models?|bots?|reviewers?|copilot|claude|chatgpt|gemini)` +
	`|safe\s+to\s+merge|approve\s+(?:this|the|it)|auto-?approve` +
	`|(?:do\s+not|don't|never)\s+(?:flag|report|mention|comment\s+on|point\s+out)` +
	`|no\s+(?:issues|problems|vulnerabilities)\s+(?:were\s+)?found` +
	`)\b`)

// AddressesTools reports whether text speaks to AI reviewers, language
// models or automated tools, or asks its reader to ignore instructions,
// approve the change or not report something.
func AddressesTools(text string) bool { return toolsRE.MatchString(text) }

// instructionStarts are the first words of a template's instructions and
// questions to the contributor.
var instructionStarts = sync.OnceValue(func() map[string]bool {
	return map[string]bool{
		"describe": true, "explain": true, "list": true, "link": true, "provide": true, "include": true,
		"add": true, "mention": true, "summarize": true, "summarise": true, "fill": true, "tick": true,
		"check": true, "mark": true, "put": true, "remove": true, "delete": true, "replace": true,
		"reference": true, "write": true, "give": true, "select": true, "choose": true, "state": true,
		"outline": true, "specify": true, "attach": true, "ensure": true, "make": true, "please": true,
		"pls": true, "optional": true, "optionally": true, "required": true, "note": true, "hint": true,
		"tip": true, "example": true, "e.g.": true, "if": true, "thank": true, "thanks": true,
		"before": true, "what": true, "why": true, "how": true, "which": true, "does": true, "did": true,
		"have": true, "has": true, "who": true, "where": true, "remember": true, "don't": true, "feel": true,
		"leave": true, "consider": true, "briefly": true, "clearly": true, "keep": true, "use": true,
		"important": true, "required:": true, "optional:": true, "note:": true, "tip:": true,
		"references": true, "screenshots": true, "steps": true, "related": true, "fixes": true, "closes": true,
		"resolves": true, "any": true, "for": true, "see": true, "copy": true, "paste": true, "contributions": true,
	}
})

// vocabRE finds the words templates use about the pull request and its
// form.
var vocabRE = lazyre.New(`(?i)\b(?:this|the|your)\s+(?:pr|pull\s+request|change\s*set|merge\s+request)\b` +
	`|\[\s?[x ]?\s?\]|\bif\s+applicable\b|\be\.g\.|\bn/a\b|\bchecklist\b|\btemplate\b|\bissue\s*(?:number|#)|\b(?:fixes|closes|resolves)\s+#(?:\s|$|\d{1,3}\b|[a-z])` +
	`|\bthis\s+(?:\S+\s+)?section\b|\bcontributing(?:\.md)?\b|\bhelp\s+text\b|\bbefore\s+submitting\b|\bfill(?:ed)?\s+(?:out|in)\b|\betc\b|\[[a-z][a-z /_-]{1,20}\]`)

var secondPersonRE = lazyre.New(`(?i)\b(?:you|your|yours|yourself|you're|you've|you'll)\b`)
var firstPersonRE = lazyre.New(`(?:^|[^\w'.])I(?:$|[\s,;:!?'’])|(?i:\b(?:my|mine|i'm|i've|i'd|i'll)\b)`)

// toolTextRE finds what tools say of their own text, and markerRE the
// start and end markers they put around it.
var (
	toolTextRE = lazyre.New(`(?i)auto-?generated|generated\s+by|do\s+not\s+(?:edit|remove|delete|modify)|don't\s+(?:edit|remove|delete|modify)` +
		`|\bsummary\s+by\b|will\s+be\s+(?:filled|replaced|updated)\s+(?:in\s+)?(?:by|automatically)`)
	markerRE = lazyre.New(`(?i)^(?:start|end|begin|stop)\b|\b(?:start|end|begin|stop)$|[:_-](?:start|end|begin|stop)\b`)
)

// FirstPerson reports whether text speaks as its writer: "I", "my",
// "I'm". Templates address the contributor; a comment in the first
// person singular is the author's own note.
func FirstPerson(text string) bool { return firstPersonRE.MatchString(text) }

// Comment classifies the inside of an HTML comment (without "<!--" and
// "-->"). It is Read(text).Class.
func Comment(text string) Class { return Read(text).Class }

// Reading is what Read finds in the inside of an HTML comment: its class
// and the facts it was told by, for a caller that weighs them again (as
// heuristics/verbosity does with where the comment stands) without
// running the same expressions a second time.
type Reading struct {
	// Class is the comment's class, as Comment returns it.
	Class Class

	// Tools reports whether the text addresses AI reviewers or tools
	// (AddressesTools of its words joined by single spaces).
	Tools bool

	// FirstPerson reports whether the text speaks as its writer
	// (FirstPerson of its words joined by single spaces). It is read only
	// for an Authored comment, and false for the other classes.
	FirstPerson bool

	// Words is the number of words, as strings.Fields splits them.
	Words int
}

// Read classifies the inside of an HTML comment (without "<!--" and
// "-->") and reports what it was told by.
func Read(text string) Reading {
	words := strings.Fields(text)
	r := Reading{Words: len(words)}
	t := strings.Join(words, " ")
	if t == "" {
		return r
	}
	if r.Tools = AddressesTools(t); r.Tools {
		return r
	}
	if len(words) <= 12 && (markerRE.MatchString(t) || len(words) == 1 || strings.IndexFunc(t, unicode.IsLower) < 0) ||
		len(words) <= 30 && toolTextRE.MatchString(t) {
		r.Class = Marker
		return r
	}
	if strings.HasPrefix(t, "#") {
		r.Class = Instruction // a template's headings, commented out
		return r
	}
	first := ""
	for _, w := range words {
		if strings.IndexFunc(w, unicode.IsLetter) < 0 {
			continue // "***", "-", "1."
		}
		first = strings.ToLower(strings.TrimFunc(w, func(r rune) bool {
			return !unicode.IsLetter(r) && r != '\'' && r != '.' && r != ':'
		}))
		first = strings.TrimRight(first, ".")
		break
	}
	second := secondPersonRE.MatchString(t)
	firstPerson := firstPersonRE.MatchString(t)
	switch {
	case firstPerson && !second:
		// The author speaking: "I left the old path in for now".
	case instructionStarts()[first], instructionStarts()[strings.TrimSuffix(first, ":")]:
		r.Class = Instruction
	case second, strings.Contains(t, "?"), vocabRE.MatchString(t):
		r.Class = Instruction
	}
	if r.Class == Authored {
		r.FirstPerson = firstPerson
	}
	return r
}

// checkboxRE is a task list item's line: a list marker, in block quotes
// too, a box, and white space or the end of the line after it.
var checkboxRE = lazyre.New(`^\s*(?:>\s*)*(?:[-*+]|\d{1,9}[.)])\s+\[([ xX])\](?:\s+(.*))?$`)

// Checkbox reports whether line, one line of Markdown, is a task list
// item ("- [ ] Tests pass", "> 1. [x] Docs"): ok, whether its box is
// ticked, and the label after the box. A list number has at most nine
// digits, as in CommonMark, and the box is followed by white space or
// the end of the line, as GitHub renders one ("- [x]done" is not a box).
func Checkbox(line string) (checked bool, label string, ok bool) {
	// Nothing before the box can hold a '[': the line's first is the
	// box's, or the line is not an item. Most lines are told here.
	i := strings.IndexByte(line, '[')
	if i < 0 || i+2 >= len(line) || line[i+2] != ']' || line[i+1] != ' ' && line[i+1] != 'x' && line[i+1] != 'X' {
		return false, "", false
	}
	m := checkboxRE.FindStringSubmatch(line)
	if m == nil {
		return false, "", false
	}
	return m[1] != " ", m[2], true
}

// placeholderLines are whole lines that stand in for a description.
var placeholderLines = sync.OnceValue(func() map[string]bool {
	return map[string]bool{
		"todo": true, "tbd": true, "tbc": true, "n/a": true, "na": true, "none": true, "nothing": true,
		"-": true, "--": true, "...": true, "…": true, "wip": true, "xxx": true, "fixme": true,
		"placeholder": true, "description": true, "add description": true, "add a description": true,
		"description here": true, "your description here": true, "insert description here": true,
		"describe your changes": true, "coming soon": true, "to be added": true, "to do": true, "fill in": true,
		"fill me in": true, "pr description": true, "no description": true, "no description provided": true,
		"empty": true, "test": true, "testing": true, "asdf": true, "foo": true, ".": true, "?": true,
		"fixes #": true, "closes #": true, "resolves #": true, "related to #": true, "issue #": true,
	}
})

// maxPlaceholderWords is the most words Text's trimmed text can hold
// and be a placeholder: a marker word and four more, or the longest of
// placeholderLines.
var maxPlaceholderWords = sync.OnceValue(func() int {
	n := 5
	for k := range placeholderLines() {
		n = max(n, len(strings.Fields(k)))
	}
	return n
})

// trimmable holds every character Text trims from a text's ends, in
// either case.
const trimmable = "#>*-+ []xX_`~:()<>{}\"'"

// wordy reports whether s has more than maxPlaceholderWords words (as
// strings.Fields splits them) that hold a character Text does not trim.
// Trimming only takes characters off the ends and lower-casing never
// makes a space, so each such word stays a word of the trimmed text:
// too many for a placeholder line or a marker and a few words.
func wordy(s string) bool {
	limit := maxPlaceholderWords()
	n := 0
	inWord, kept := false, false
	for _, r := range s {
		if unicode.IsSpace(r) {
			if inWord && kept {
				if n++; n > limit {
					return true
				}
			}
			inWord, kept = false, false
			continue
		}
		inWord = true
		if r >= utf8.RuneSelf || !strings.ContainsRune(trimmable, r) {
			kept = true
		}
	}
	if inWord && kept {
		n++
	}
	return n > limit
}

// Text reports whether a line or paragraph of prose, as written in
// Markdown, is placeholder text: lorem ipsum, "TODO", "TBD", "N/A", "-",
// "Add description", "Fixes #" with no number. List markers, heading
// marks, checkboxes, emphasis and a trailing colon are ignored.
func Text(s string) bool {
	if wordy(s) && !wording.ContainsFold(s, "lorem") && !wording.ContainsFold(s, "dolor") {
		// Neither lorem ipsum nor a line short enough to be a
		// placeholder: most paragraphs, told without copying them.
		return false
	}
	return text(s)
}

// text is Text without the test first.
func text(s string) bool {
	t := strings.ToLower(strings.Join(strings.Fields(s), " "))
	if strings.Contains(t, "lorem ipsum") || strings.Contains(t, "dolor sit amet") {
		return true
	}
	t = strings.TrimLeft(t, "#>*-+ ")
	for _, box := range []string{"[ ] ", "[x] "} {
		t = strings.TrimPrefix(t, box)
	}
	t = strings.Trim(t, "*_`~ ")
	t = strings.TrimSpace(strings.TrimSuffix(t, ":"))
	t = strings.Trim(t, "()[]<>{}\"' ")
	if placeholderLines()[t] {
		return true
	}
	// "TODO: write this", "TBD - later": a marker word and a few words.
	if w := strings.Fields(t); len(w) > 0 && len(w) <= 5 {
		switch strings.TrimRight(w[0], ":.-") {
		case "todo", "tbd", "wip", "fixme", "placeholder":
			return true
		}
	}
	return false
}
