package disclosure

import "unicode/utf8"

// genericMentions calls fn with the span of each generic AI term in str,
// the group genericRE's FindAllStringSubmatchIndex(str, -1) reports as
// m[2], m[3], in order. It is that expression written out by hand: Go's
// regexp tried it from every byte of a paragraph, which was a tenth of
// the disclosure parser's time. The expression is
//
//	(?:^|[^\w-])(
//	    (?i:generative\s+AI|artificial\s+intelligence|large\s+language\s+models?
//	      |AI\s+(?:coding\s+)?(?:tools?|assistants?|assistance|agents?|models?|chatbots?)
//	      |(?:an|the|some|my|our)\s+(?:(?:AI|LLM|coding|autonomous)\s+){1,2}(?:agent|assistant|chatbot|model)s?
//	      |(?:an|some)\s+(?:agent|assistant|chatbot)s?)
//	    |AI|A\.I\.|LLMs?)
//	(?:$|[^\w-]|-(?:$|[^\w]))
//
// and its semantics are kept exactly, TestGenericMentions and
// FuzzGenericMentions compare the two: the leftmost match first and,
// at one start, the first of the alternatives, in order, for which the
// rest matches (a backtracking matcher's choice, which Go's regexp
// gives); each search after a match starts where the match, its last
// byte of context included, ended, so that "AI AI" holds one; (?i)
// lets ſ stand for s (and K for k, which no word here holds); \s is
// [\t\n\f\r ] and \w ASCII only.
func genericMentions(str string, fn func(lo, hi int)) {
	from := 0
	for g := 0; g < len(str); g++ {
		c := str[g]
		if !genericFirst[c] || g == 0 && from > 0 || g > 0 && (g <= from || isWordByte(str[g-1]) || str[g-1] == '-') {
			continue
		}
		if hi, end := genericAt(str, g); hi >= 0 {
			fn(g, hi)
			from = end
			g = end - 1
		}
	}
}

// genericFirst holds the bytes a generic term starts with: the letters
// of the words it may start with, in either case, and ſ's first byte.
var genericFirst = func() (t [256]bool) {
	for _, c := range []byte("gGaAlLtTsSmMoO\xc5") {
		t[c] = true
	}
	return t
}()

// genericAt returns the end of the generic term at str[g:], and the end
// of the match with its context after, or -1, -1.
func genericAt(str string, g int) (hi, end int) {
	hi, end = -1, -1
	// try takes a candidate end of the term; it reports whether the
	// context after it matches, and then the ends are set.
	try := func(e int) bool {
		if e < 0 {
			return false
		}
		if t := genericTail(str, e); t >= 0 {
			hi, end = e, t
			return true
		}
		return false
	}
	// plural tries e with an s after it, then e itself.
	plural := func(e int) bool { return e >= 0 && (try(foldWord(str, e, "s")) || try(e)) }
	words := func(e int, ws ...string) int { // words separated by \s+
		for i, w := range ws {
			if i > 0 {
				e = blanks(str, e)
			}
			e = foldWord(str, e, w)
		}
		return e
	}
	// Each alternative starts with its first word's first letter (or ſ
	// for s): those that cannot start at g are passed over, which leaves
	// the order of the others as it was.
	c := str[g] | 0x20
	if str[g] == 0xc5 {
		c = 's' // ſ, or a byte that foldWord will turn away
	}
	switch c {
	case 'g':
		if try(words(g, "generative", "ai")) {
			return hi, end
		}
		return -1, -1
	case 'l':
		if plural(words(g, "large", "language", "model")) || try(exactWord(str, g, "LLMs")) || try(exactWord(str, g, "LLM")) {
			return hi, end
		}
		return -1, -1
	case 'a', 't', 's', 'm', 'o':
	default:
		return -1, -1
	}
	if c == 'a' {
		if try(words(g, "artificial", "intelligence")) {
			return hi, end
		}
		// AI\s+(?:coding\s+)?(?:tools?|assistants?|assistance|agents?|models?|chatbots?)
		if e := blanks(str, foldWord(str, g, "ai")); e >= 0 {
			nouns := func(e int) bool {
				return plural(foldWord(str, e, "tool")) || plural(foldWord(str, e, "assistant")) || try(foldWord(str, e, "assistance")) ||
					plural(foldWord(str, e, "agent")) || plural(foldWord(str, e, "model")) || plural(foldWord(str, e, "chatbot"))
			}
			if nouns(blanks(str, foldWord(str, e, "coding"))) || nouns(e) {
				return hi, end
			}
		}
	}
	// (?:an|the|some|my|our)\s+(?:(?:AI|LLM|coding|autonomous)\s+){1,2}(?:agent|assistant|chatbot|model)s?
	det := -1
	for _, w := range [...]string{"an", "the", "some", "my", "our"} {
		if w[0] == c {
			det = blanks(str, foldWord(str, g, w))
			break
		}
	}
	if det >= 0 {
		qual := func(e int) int {
			for _, w := range [...]string{"ai", "llm", "coding", "autonomous"} {
				if q := blanks(str, foldWord(str, e, w)); q >= 0 {
					return q
				}
			}
			return -1
		}
		nouns := func(e int) bool {
			return plural(foldWord(str, e, "agent")) || plural(foldWord(str, e, "assistant")) || plural(foldWord(str, e, "chatbot")) || plural(foldWord(str, e, "model"))
		}
		if q1 := qual(det); q1 >= 0 && (nouns(qual(q1)) || nouns(q1)) {
			return hi, end
		}
		// (?:an|some)\s+(?:agent|assistant|chatbot)s?
		if (c == 'a' || c == 's') &&
			(plural(foldWord(str, det, "agent")) || plural(foldWord(str, det, "assistant")) || plural(foldWord(str, det, "chatbot"))) {
			return hi, end
		}
	}
	// AI|A\.I\.|LLMs?, in this case only (LLM is tried above).
	if c == 'a' && (try(exactWord(str, g, "AI")) || try(exactWord(str, g, "A.I."))) {
		return hi, end
	}
	return -1, -1
}

// foldWord returns the end of w, lower-case ASCII letters, at str[i:] in
// any case, ſ standing for s, or -1; i < 0 gives -1.
func foldWord(str string, i int, w string) int {
	if i < 0 {
		return -1
	}
	for k := 0; k < len(w); k++ {
		switch {
		case i < len(str) && str[i]|0x20 == w[k]:
			i++
		case w[k] == 's' && i+1 < len(str) && str[i] == 0xc5 && str[i+1] == 0xbf: // ſ
			i += 2
		default:
			return -1
		}
	}
	return i
}

// exactWord returns the end of w at str[i:], or -1.
func exactWord(str string, i int, w string) int {
	if i < 0 || len(str)-i < len(w) || str[i:i+len(w)] != w {
		return -1
	}
	return i + len(w)
}

// blanks returns the end of the run of \s at str[i:], which must hold
// one, or -1; i < 0 gives -1.
func blanks(str string, i int) int {
	if i < 0 || i >= len(str) || !isBlank(str[i]) {
		return -1
	}
	for i < len(str) && isBlank(str[i]) {
		i++
	}
	return i
}

// genericTail matches (?:$|[^\w-]|-(?:$|[^\w])) at str[e:] and returns
// its end, or -1. A byte outside ASCII starts a rune that is not \w (an
// invalid byte is one rune, U+FFFD, as for the regexp).
func genericTail(str string, e int) int {
	if e >= len(str) {
		return e
	}
	c := str[e]
	switch {
	case c >= utf8.RuneSelf:
		_, w := utf8.DecodeRuneInString(str[e:])
		return e + w
	case c == '-':
		if e+1 >= len(str) {
			return e + 1
		}
		if d := str[e+1]; d >= utf8.RuneSelf {
			_, w := utf8.DecodeRuneInString(str[e+1:])
			return e + 1 + w
		} else if !isWordByte(d) {
			return e + 2
		}
		return -1
	case isWordByte(c):
		return -1
	}
	return e + 1
}
