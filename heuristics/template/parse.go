package template

import (
	"strings"
	"unicode"

	"github.com/heft-dev/heft/internal/lazyre"
	"github.com/heft-dev/heft/internal/mdsplit"
	"github.com/heft-dev/heft/internal/placeholder"
)

// doc is a description or a template read as sections: the text before
// the first heading is the section with the empty key.
type doc struct {
	sections []*section // in order of first appearance
	byKey    map[string]*section
}

// section is what one heading holds.
type section struct {
	title   string // the heading's text as written
	key     string // normalised, for matching
	line    int    // 1-based line of the heading; 0 for the text before any
	own     []line // the author's own non-blank lines (for a template: its visible text)
	kept    []line // lines of the template left unchanged (descriptions only)
	boxes   []box
	words   int    // words in own
	filler  []line // placeholder text in place of a description: "TODO", "Fixes #"
	answer  bool   // answered "n/a", "none": nothing to say, said so
	heading string
}

type line struct {
	n    int
	text string
}

// box is one task-list checkbox.
type box struct {
	label   string
	key     string
	checked bool
	line    int
}

// headingRE is an ATX heading's line.
var headingRE = lazyre.New(`^\s{0,3}#{1,6}(?:\s|$)`)

// key normalises a heading or a checkbox label for matching: case,
// surrounding space and punctuation, emphasis and inner runs of space do
// not matter.
func key(s string) string {
	s = strings.ToLower(s)
	s = strings.Map(func(r rune) rune {
		if r == '*' || r == '_' || r == '`' {
			return -1
		}
		return r
	}, s)
	s = strings.Join(strings.Fields(s), " ")
	return strings.TrimRightFunc(strings.TrimLeft(s, "# "), func(r rune) bool {
		return r == ':' || r == '#' || unicode.IsSpace(r)
	})
}

// words counts the words of s that hold a letter or a digit, so table
// rules and list markers are not words.
func words(s string) int {
	n := 0
	for _, f := range strings.Fields(s) {
		if strings.IndexFunc(f, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) >= 0 {
			n++
		}
	}
	return n
}

// read splits text into sections with mdsplit; a non-empty tmpl sets
// apart the lines the author left as the template had them.
func read(text, tmpl string, maxBytes int) (*doc, error) {
	parts, err := mdsplit.Split(text, &mdsplit.Options{Template: tmpl, MaxBytes: maxBytes})
	if err != nil {
		return nil, err
	}
	d := &doc{byKey: map[string]*section{}}
	get := func(title string) *section {
		k := key(title)
		if s, ok := d.byKey[k]; ok {
			return s
		}
		s := &section{title: strings.TrimSpace(title), key: k}
		d.byKey[k] = s
		d.sections = append(d.sections, s)
		return s
	}
	get("")
	current := ""
	for _, p := range parts {
		s := get(p.Section)
		if p.Section != current {
			// The first part of a new section is its heading.
			current = p.Section
			if s.line == 0 {
				s.line = p.Line
				s.heading, _, _ = strings.Cut(p.Text, "\n")
				s.heading = strings.TrimSpace(s.heading)
			}
			continue
		}
		if p.Kind == mdsplit.Comment {
			continue
		}
		for j, l := range strings.Split(p.Text, "\n") {
			n := p.Line + j
			if strings.TrimSpace(l) == "" {
				continue
			}
			if p.Kind != mdsplit.Code {
				if checked, label, ok := placeholder.Checkbox(l); ok {
					label = strings.TrimSpace(label)
					s.boxes = append(s.boxes, box{label: label, key: key(label), checked: checked, line: n})
					continue
				}
				if headingRE.MatchString(l) {
					continue
				}
			}
			if p.Kind == mdsplit.Template {
				s.kept = append(s.kept, line{n, strings.TrimSpace(l)})
				continue
			}
			if p.Kind != mdsplit.Code && tmpl != "" && placeholder.Text(l) {
				if notApplicable(l) {
					s.answer = true
				} else {
					s.filler = append(s.filler, line{n, strings.TrimSpace(l)})
				}
				continue
			}
			s.own = append(s.own, line{n, strings.TrimSpace(l)})
			s.words += words(l)
		}
	}
	return d, nil
}

// notApplicable reports an honest "nothing to say here": n/a, none, a
// dash.
func notApplicable(l string) bool {
	switch strings.Trim(key(l), "-*+.() ") {
	case "n/a", "na", "none", "nothing", "not applicable", "":
		return true
	}
	return false
}

// filler returns the placeholder lines of the whole text.
func (d *doc) filler() []line {
	var out []line
	for _, s := range d.sections {
		out = append(out, s.filler...)
	}
	return out
}

// section returns the section with key k, or nil.
func (d *doc) section(k string) *section { return d.byKey[k] }

// ownWords counts the author's own words in the whole text.
func (d *doc) ownWords() int {
	n := 0
	for _, s := range d.sections {
		n += s.words
	}
	return n
}

// keepTemplateLines moves the lines of d the author did not write from
// own to kept: lines that are the template's visible text once its
// inline comments are gone ("Closes: #" of a template line "Closes: #
// <!-- the issue number -->"), which mdsplit cannot match whole.
func (d *doc) keepTemplateLines(tmpl *doc) {
	visible := map[string]bool{}
	for _, ts := range tmpl.sections {
		for _, l := range ts.own {
			visible[strings.ToLower(l.text)] = true
		}
	}
	for _, s := range d.sections {
		own := s.own[:0]
		s.words = 0
		for _, l := range s.own {
			if visible[strings.ToLower(l.text)] {
				s.kept = append(s.kept, l)
				continue
			}
			own = append(own, l)
			s.words += words(l.text)
		}
		s.own = own
	}
}
