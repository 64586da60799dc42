// Package wording holds the small text helpers heft's scorers share: to
// write their summaries and advice the same way, and to test text cheaply
// before a regular expression runs on it.
package wording

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Commas formats n with thousands separators: 12,345.
func Commas(n int) string {
	s := fmt.Sprint(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	if neg {
		s = "-" + s
	}
	return s
}

// Plural returns n and word, with an s (es after s, x, z, ch and sh)
// when n is not 1: "1 file", "12,345 lines", "2 checkboxes". For a
// phrase whose noun is not its last word, or an irregular plural, use
// [Count].
func Plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	suffix := "s"
	for _, end := range []string{"s", "x", "z", "ch", "sh"} {
		if strings.HasSuffix(word, end) {
			suffix = "es"
			break
		}
	}
	return Commas(n) + " " + word + suffix
}

// Count returns n and one when n is 1, n and many otherwise:
// Count(2, "template line or instruction", "template lines or instructions").
func Count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return Commas(n) + " " + many
}

// Of returns "n of the total" things in words a reader does not stumble
// on: "the only file" when both are 1, "all 3 files" when n is total,
// "none of the 3 files" when n is 0, "2 of the 5 files" otherwise.
func Of(n, total int, one, many string) string {
	switch {
	case total == 1 && n == 1:
		return "the only " + one
	case n == total:
		return "all " + Commas(total) + " " + many
	case n == 0:
		return "none of the " + Count(total, one, many)
	}
	return Commas(n) + " of the " + Count(total, one, many)
}

// ContainsFold reports whether s contains sub, a lower-case ASCII word,
// in any ASCII case, without allocating. It is the cheap literal test
// the scorers run before a case-insensitive regular expression.
func ContainsFold(s, sub string) bool {
	n := len(sub)
	if n == 0 {
		return true
	}
	// Candidates start with sub's first byte in either case, found with
	// strings.IndexByte (vectorised) rather than byte by byte.
	first, other := sub[0], sub[0]
	if 'a' <= first && first <= 'z' {
		other = first - 'a' + 'A'
	}
	next := [2]int{-2, -2} // the next index of first and of other at or after i; -2 unknown, -1 none
	for i := 0; i+n <= len(s); {
		p := -1
		for k, c := range [2]byte{first, other} {
			if next[k] == -1 {
				continue
			}
			if next[k] < i {
				next[k] = -1
				if j := strings.IndexByte(s[i:len(s)-n+1], c); j >= 0 {
					next[k] = i + j
				}
			}
			if next[k] >= 0 && (p < 0 || next[k] < p) {
				p = next[k]
			}
		}
		if p < 0 {
			return false
		}
		if HasFoldAt(s, p, sub) {
			return true
		}
		i = p + 1
	}
	return false
}

// HasFoldAt reports whether s holds lower, lower-case ASCII, at byte i
// in any ASCII case. It is false when s is too short.
func HasFoldAt(s string, i int, lower string) bool {
	if i < 0 || len(s)-i < len(lower) {
		return false
	}
	for j := 0; j < len(lower); j++ {
		c := s[i+j]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != lower[j] {
			return false
		}
	}
	return true
}

// Article returns word after "a" or "an", chosen by its first letter's
// sound as English spells it most often: "an owner", "a member".
func Article(word string) string {
	if word != "" && strings.ContainsRune("aeiouAEIOU", rune(word[0])) {
		return "an " + word
	}
	return "a " + word
}

// Snippet returns s as evidence quotes it: on one line, runs of white
// space as one space, and at most n runes, the last of them "…" when s
// was cut. n below 1 counts as 1.
func Snippet(s string, n int) string {
	s = strings.TrimSpace(s)
	if !oneLine(s) {
		s = strings.Join(strings.Fields(s), " ")
	}
	n = max(n, 1)
	if len(s) <= n || utf8.RuneCountInString(s) <= n {
		return s
	}
	i := 0
	for range n - 1 {
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
	}
	return strings.TrimRightFunc(s[:i], unicode.IsSpace) + "…"
}

// Quote returns s in double quotes, as a sentence quotes a heading,
// a comment or a term: "Fix the parser". Double quotes inside s become
// single ones, as a quotation within a quotation is written, rather than
// the backslashes of Go's %q, which a reader would take for part of the
// text: "Delete the 'Report' page".
func Quote(s string) string {
	return `"` + strings.ReplaceAll(s, `"`, "'") + `"`
}

// List joins items as English prose does: "a", "a and b", "a, b and c".
func List(items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + " and " + items[len(items)-1]
}

// ListMax joins at most n items as [List] does and names the rest by
// their number: "a, b, c and 2 more". An n below 1 lists every item.
func ListMax(items []string, n int) string {
	if n < 1 || len(items) <= n {
		return List(items)
	}
	return strings.Join(items[:n], ", ") + " and " + Commas(len(items)-n) + " more"
}

// oneLine reports whether s, trimmed, holds no white space but single
// spaces: whether strings.Fields and a join would leave it as it is.
func oneLine(s string) bool {
	prev := false
	for _, r := range s {
		switch {
		case r == ' ':
			if prev {
				return false
			}
			prev = true
		case unicode.IsSpace(r):
			return false
		default:
			prev = false
		}
	}
	return true
}

// Words returns the number of words in s, runs of characters between
// white space: len(strings.Fields(s)) without allocating.
func Words(s string) int {
	n := 0
	in := false
	for i := 0; i < len(s); {
		var space bool
		if c := s[i]; c < utf8.RuneSelf {
			space = c == ' ' || '\t' <= c && c <= '\r'
			i++
		} else {
			r, w := utf8.DecodeRuneInString(s[i:])
			space = unicode.IsSpace(r)
			i += w
		}
		if !space && !in {
			n++
		}
		in = !space
	}
	return n
}

// Points gathers the points of a piece of advice and joins those that
// differ only in their subject, so advice reads 'add the "Summary" and
// "Testing" sections' rather than repeating the phrase for each.
// The zero Points is empty and ready to use.
type Points struct {
	points []point
}

type point struct {
	one, many string
	subjects  []string
}

// Add adds a point. one is a phrase with a %s where its subject goes
// ("add the %s section") and many the phrase for several subjects
// ("add the %s sections"); a point without a subject passes one
// without %s, many and subject empty. Adding a point again is a no-op.
func (p *Points) Add(one, many, subject string) {
	for i := range p.points {
		q := &p.points[i]
		if q.one != one || q.many != many {
			continue
		}
		if subject != "" && !slices.Contains(q.subjects, subject) {
			q.subjects = append(q.subjects, subject)
		}
		return
	}
	q := point{one: one, many: many}
	if subject != "" {
		q.subjects = []string{subject}
	}
	p.points = append(p.points, q)
}

// Len returns the number of points, counting a point with several
// subjects once.
func (p *Points) Len() int { return len(p.points) }

// Join returns the points joined by "; ", in the order first added, at
// most n of them (every one when n is below 1) and the rest counted:
// "…; and 2 more". A point's subjects are joined by [ListMax] at n.
func (p *Points) Join(n int) string {
	var out []string
	for i, q := range p.points {
		if n >= 1 && i == n {
			out = append(out, "and "+Commas(len(p.points)-n)+" more")
			break
		}
		switch {
		case len(q.subjects) == 0:
			out = append(out, q.one)
		case len(q.subjects) == 1 || q.many == "":
			out = append(out, strings.Replace(q.one, "%s", ListMax(q.subjects, n), 1))
		default:
			out = append(out, strings.Replace(q.many, "%s", ListMax(q.subjects, n), 1))
		}
	}
	return strings.Join(out, "; ")
}
