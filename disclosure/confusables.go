package disclosure

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// folded is an input with look-alike characters replaced by ASCII and
// invisible ones removed, and the way back to the input's offsets.
type folded struct {
	text  string
	start []int32 // start[i]: the input offset of folded byte i; one more entry for the end
	width []uint8 // width[i]: how many input bytes folded byte i stands for
}

// orig maps a span of the folded text back to the input.
func (f *folded) orig(lo, hi int) (int, int) {
	lo, hi = max(lo, 0), min(hi, len(f.text))
	if lo > hi {
		lo = hi
	}
	a := int(f.start[lo])
	if hi == lo {
		return a, a
	}
	return a, int(f.start[hi-1]) + int(f.width[hi-1])
}

// foldText folds a whole input before matching, so that a tool's footer
// or name written with a Cyrillic or Greek look-alike, fullwidth letters
// or zero-width characters is still found (issue: homoglyph evasion).
// Invisible characters and fullwidth ASCII are always folded. Look-alike
// letters are folded on lines written mostly in ASCII letters, and
// elsewhere only inside words that mix them with ASCII letters, so that
// Russian or Greek prose is not read as English. It reports false, and
// allocates nothing, when nothing changes.
func foldText(text string) (folded, bool) {
	if !foldChanges(text) {
		return folded{}, false
	}
	return foldBuild(text)
}

// foldBuild is foldText without the test first.
func foldBuild(text string) (folded, bool) {
	var b strings.Builder
	var start []int32
	var width []uint8
	changed := false
	emit := func(s string, at, w int) {
		for i := 0; i < len(s); i++ {
			b.WriteByte(s[i])
			start = append(start, int32(at+i))
			width = append(width, 1)
		}
		if len(s) > 0 && w != len(s) {
			// A substitution: its last byte stands for the rest.
			start[len(start)-1] = int32(at)
			width[len(width)-1] = uint8(w)
			for k := len(start) - len(s); k < len(start)-1; k++ {
				start[k], width[k] = int32(at), 0
			}
		}
	}
	lo := 0 // where line starts in text
	for line := range strings.Lines(text) {
		lf := lineFolder{line: line}
		for i := 0; i < len(line); {
			r, w := utf8.DecodeRuneInString(line[i:])
			at := lo + i
			switch a, act := lf.fold(r, i); act {
			case foldKeep:
				emit(line[i:i+w], at, w)
			case foldDrop:
				changed = true
			case foldASCII:
				emit(string(a), at, w)
				changed = true
			}
			i += w
		}
		lo += len(line)
	}
	if !changed {
		return folded{}, false
	}
	start = append(start, int32(len(text)))
	width = append(width, 0)
	return folded{text: b.String(), start: start, width: width}, true
}

// foldChanges reports whether foldText would change text: the same
// decisions (lineFolder), without building the folded copy. A third of
// descriptions hold an emoji, a dash or an accent and only a few a
// character to fold, so most inputs are read once and copied never.
func foldChanges(text string) bool {
	for line := range strings.Lines(text) {
		if !hasNonASCII(line) {
			continue
		}
		lf := lineFolder{line: line}
		for i, r := range line {
			if _, act := lf.fold(r, i); act != foldKeep {
				return true
			}
		}
	}
	return false
}

// foldAction is what folding does with one rune.
type foldAction uint8

const (
	foldKeep  foldAction = iota // left as it is
	foldDrop                    // an invisible character, removed
	foldASCII                   // a look-alike, replaced by the ASCII it looks like
)

// lineFolder decides what folding does with each rune of one line (its
// "\n" included). Invisible characters and fullwidth ASCII are always
// folded; look-alike letters on a line written mostly in ASCII letters,
// and elsewhere only inside words that mix them with ASCII letters.
// Whether the line is mostly ASCII is read once, when a look-alike first
// asks.
type lineFolder struct {
	line    string
	english int8 // 0: not read yet; 1: mostly ASCII; -1: not
}

// fold returns what becomes of r, at byte i of the line, and the ASCII
// rune it becomes for foldASCII.
func (f *lineFolder) fold(r rune, i int) (rune, foldAction) {
	if r < utf8.RuneSelf {
		return r, foldKeep
	}
	if invisible(r) {
		return 0, foldDrop
	}
	a, ok := foldRune(r)
	switch {
	case !ok:
		return r, foldKeep
	case r >= 0xFF01 && r <= 0xFF5E:
		return a, foldASCII
	}
	if f.english == 0 {
		f.english = -1
		if mostlyASCII(f.line) {
			f.english = 1
		}
	}
	if f.english == 1 || mixedWord(f.line, i) {
		return a, foldASCII
	}
	return r, foldKeep
}

// foldRune returns the ASCII letter r looks like.
func foldRune(r rune) (rune, bool) {
	if r >= 0xFF01 && r <= 0xFF5E {
		return r - 0xFF01 + '!', true
	}
	a, ok := confusables()[r]
	return a, ok
}

func hasNonASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return true
		}
	}
	return false
}

// mostlyASCII reports whether at least half of a line's letters are ASCII.
func mostlyASCII(line string) bool {
	ascii, other := 0, 0
	for _, r := range line {
		switch {
		case r < utf8.RuneSelf && unicode.IsLetter(r):
			ascii++
		case r >= utf8.RuneSelf && unicode.IsLetter(r):
			other++
		}
	}
	return ascii > 0 && ascii >= other
}

// mixedWord reports whether the word around line[i] holds an ASCII letter.
func mixedWord(line string, i int) bool {
	isWord := func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) || invisible(r) }
	lo := i
	for lo > 0 {
		r, w := utf8.DecodeLastRuneInString(line[:lo])
		if !isWord(r) {
			break
		}
		lo -= w
	}
	hi := i
	for hi < len(line) {
		r, w := utf8.DecodeRuneInString(line[hi:])
		if !isWord(r) {
			break
		}
		hi += w
	}
	for _, r := range line[lo:hi] {
		if r < utf8.RuneSelf && unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

// unfold maps a parse of the folded text back to the input: spans, quoted
// text and lines. Findings that the input without folding does not have
// (plain, the parse of the input as written) were hidden by look-alike or
// invisible characters: each gets a KindTampering finding, the signal
// the scorer uses for tampering.
func (f *folded) unfold(d *Disclosure, input string, plain *Disclosure) {
	lines := splitLines(input)
	for i := range d.Evidence {
		e := &d.Evidence[i]
		if e.Kind == KindAuthor && e.Line == 0 {
			continue
		}
		e.Start, e.End = f.orig(e.Start, e.End)
		e.Text = input[e.Start:e.End]
		e.Line = lineAt(lines, e.Start)
	}
	for i := range d.Trailers {
		t := &d.Trailers[i]
		t.Start, t.End = f.orig(t.Start, t.End)
		if !strings.HasPrefix(input[t.Start:], t.Key) {
			t.Tampered = true
		}
	}
	for i := range d.Blocks {
		b := &d.Blocks[i]
		b.Start, b.End = f.orig(b.Start, b.End)
		b.Line = lineAt(lines, b.Start)
	}
	var hidden []Evidence
	// The plain reading's evidence by rule, tool and stance, and the
	// tampering found, as spans: a look-up each is a binary search, where
	// a scan of all made thousands of footer lines quadratic.
	type key struct {
		rule, tool string
		stance     Stance
	}
	plainSpans := map[key]*spans{}
	for _, o := range plain.Evidence {
		k := key{o.Rule, o.Tool, o.Stance}
		if plainSpans[k] == nil {
			plainSpans[k] = &spans{}
		}
		plainSpans[k].add(o.Start, max(o.End, o.Start+1))
	}
	var tampered spans
	for _, o := range d.Evidence {
		if o.Kind == KindTampering {
			tampered.add(o.Start, o.End)
		}
	}
	for _, e := range d.Evidence {
		if e.Kind == KindTampering || !e.Stance.AI() && e.Stance != StanceNoAI {
			continue
		}
		seen := plainSpans[key{e.Rule, e.Tool, e.Stance}].overlaps(e.Start, max(e.End, e.Start+1))
		covered := tampered.covers(e.Start, e.End)
		if !seen && !covered && e.Kind != KindAuthor {
			hidden = append(hidden, Evidence{Kind: KindTampering, Rule: "text-confusables", Tool: e.Tool, Start: e.Start, End: e.End,
				Line: e.Line, Text: e.Text, Note: "look-alike or invisible characters hide this " + string(e.Kind) + " (" + e.Rule + ") from a plain reading"})
		}
	}
	// Keep the trailer rules the plain parse found (trailer-key-tampered).
	for _, o := range plain.Evidence {
		if o.Kind == KindTampering && !slices.ContainsFunc(d.Evidence, func(e Evidence) bool {
			return e.Kind == KindTampering && e.Start == o.Start && e.Rule == o.Rule
		}) {
			hidden = append(hidden, o)
		}
	}
	d.Evidence = append(d.Evidence, hidden...)
	slices.SortStableFunc(d.Evidence, func(a, b Evidence) int {
		if a.Start != b.Start {
			return a.Start - b.Start
		}
		return a.End - b.End
	})
}

// spans is a set of spans [lo, hi) to ask whether one overlaps or
// covers a span; its zero value is empty, and a nil *spans is too.
type spans struct {
	list   [][2]int // sorted by lo once asked
	sorted bool
	maxHi  []int // maxHi[i]: the greatest hi of list[:i+1]
}

func (s *spans) add(lo, hi int) {
	s.list = append(s.list, [2]int{lo, hi})
	s.sorted = false
}

// upTo returns how many spans start at or before lo (before, when
// strict), and maxHi over them.
func (s *spans) upTo(lo int, strict bool) (int, []int) {
	if !s.sorted {
		slices.SortFunc(s.list, func(a, b [2]int) int { return a[0] - b[0] })
		s.maxHi = s.maxHi[:0]
		m := 0
		for i, sp := range s.list {
			if i == 0 || sp[1] > m {
				m = sp[1]
			}
			s.maxHi = append(s.maxHi, m)
		}
		s.sorted = true
	}
	n, _ := slices.BinarySearchFunc(s.list, lo, func(sp [2]int, lo int) int {
		if sp[0] < lo || !strict && sp[0] == lo {
			return -1
		}
		return 1
	})
	return n, s.maxHi
}

// overlaps reports whether a span starts before hi and ends after lo.
func (s *spans) overlaps(lo, hi int) bool {
	if s == nil || len(s.list) == 0 {
		return false
	}
	n, maxHi := s.upTo(hi, true)
	return n > 0 && maxHi[n-1] > lo
}

// covers reports whether a span starts at or before lo and ends at or
// after hi.
func (s *spans) covers(lo, hi int) bool {
	if s == nil || len(s.list) == 0 {
		return false
	}
	n, maxHi := s.upTo(lo, false)
	return n > 0 && maxHi[n-1] >= hi
}
