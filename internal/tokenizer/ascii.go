package tokenizer

// The o200k_base pre-tokenizer on ASCII text, by hand. tiktoken's pattern
// (o200kPattern) runs on github.com/dlclark/regexp2, a backtracking
// engine that costs about half of counting a typical description; on
// ASCII, where the Unicode classes shrink to a few byte ranges, each
// alternative reduces to a scan with no backtracking. Count uses it for
// chunks that are all ASCII and regexp2 for the rest; the tests check
// both give the same pieces.

// asciiClass sorts ASCII bytes as the pattern's classes see them.
type asciiClass uint8

const (
	clsOther   asciiClass = iota // punctuation and control bytes: [^\s\p{L}\p{N}]
	clsUpper                     // [A-Z]: \p{Lu}
	clsLower                     // [a-z]: \p{Ll}
	clsDigit                     // [0-9]: \p{N}
	clsSpace                     // \t \v \f and ' ': \s other than \r \n
	clsNewline                   // \r \n
)

var asciiClasses = func() (t [128]asciiClass) {
	for c := range t {
		switch {
		case c >= 'A' && c <= 'Z':
			t[c] = clsUpper
		case c >= 'a' && c <= 'z':
			t[c] = clsLower
		case c >= '0' && c <= '9':
			t[c] = clsDigit
		case c == '\r' || c == '\n':
			t[c] = clsNewline
		case c == ' ' || c == '\t' || c == '\v' || c == '\f':
			t[c] = clsSpace
		}
	}
	return t
}()

// isASCII reports whether s holds only ASCII bytes.
func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// o200kASCIIPiece returns the end of the piece of o200kPattern that
// starts at byte i of the ASCII text s (i < len(s)), as regexp2 would
// match it: the first alternative of the pattern that matches there.
func o200kASCIIPiece(s string, i int) int {
	cls := func(j int) asciiClass { return asciiClasses[s[j]] }
	n := len(s)
	c := cls(i)
	// Alternatives 1 and 2: [^\r\n\p{L}\p{N}]? then letters. The
	// optional first byte is taken when it can be; without it the
	// alternative would start on that same non-letter byte and fail, so
	// there is nothing to backtrack to.
	if c != clsNewline && c != clsDigit {
		j := i
		if c == clsOther || c == clsSpace {
			j++
		}
		k := j
		for k < n && cls(k) == clsUpper {
			k++
		}
		upper := k > j
		l := k
		for l < n && cls(l) == clsLower {
			l++
		}
		// 1: [A-Z]*[a-z]+ (uppercase letters before lowercase ones can
		// never be given back to the lowercase class); 2: [A-Z]+[a-z]*.
		if l > k || upper {
			return contraction(s, l)
		}
	}
	switch c {
	case clsDigit: // \p{N}{1,3}
		j := i + 1
		for j < n && j < i+3 && cls(j) == clsDigit {
			j++
		}
		return j
	case clsOther, clsSpace:
		// ` ?[^\s\p{L}\p{N}]+[\r\n/]*`
		j := i
		if s[i] == ' ' && i+1 < n && cls(i+1) == clsOther {
			j++
		}
		if cls(j) == clsOther {
			for j < n && cls(j) == clsOther {
				j++
			}
			for j < n && (s[j] == '\r' || s[j] == '\n' || s[j] == '/') {
				j++
			}
			return j
		}
	}
	// White space: c is clsSpace or clsNewline.
	e := i
	last := -1 // the last \r or \n of the run
	for e < n && (cls(e) == clsSpace || cls(e) == clsNewline) {
		if cls(e) == clsNewline {
			last = e
		}
		e++
	}
	switch {
	case last >= 0: // `\s*[\r\n]+`: up to the run's last line break
		return last + 1
	case e == n || e-1 == i: // `\s+(?!\S)` at the end, or `\s+` for one
		return e
	default: // `\s+(?!\S)`: all but the last, which goes with the word
		return e - 1
	}
}

// contraction extends a piece ending at i by an optional
// (?i:'s|'t|'re|'ve|'m|'ll|'d).
func contraction(s string, i int) int {
	if i+1 >= len(s) || s[i] != '\'' {
		return i
	}
	lower := func(c byte) byte { return c | 0x20 }
	switch lower(s[i+1]) {
	case 's', 't', 'm', 'd':
		return i + 2
	case 'r', 'v':
		if i+2 < len(s) && lower(s[i+2]) == 'e' {
			return i + 3
		}
	case 'l':
		if i+2 < len(s) && lower(s[i+2]) == 'l' {
			return i + 3
		}
	}
	return i
}
