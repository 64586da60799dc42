package tokenizer

// ASCII text, most of what pull request descriptions hold, is split by
// hand rather than by the regexp2 pre-tokenizer: o200k_base's pattern on
// ASCII comes down to a few character classes, and regexp2 spent about
// 1.5 µs and two allocations a piece (76 ms on a 64 KiB description of
// "*a_"). asciiPieces gives exactly the pieces regexp2 finds, which
// TestASCIIPiecesAsRegexp2 and FuzzASCIIPieces check.

// ASCII character classes of the o200k_base pattern. \s is .NET's, as
// regexp2 reads it: space, \t, \n, \v, \f and \r.
func isUpper(c byte) bool { return 'A' <= c && c <= 'Z' }
func isLower(c byte) bool { return 'a' <= c && c <= 'z' }
func isDigit(c byte) bool { return '0' <= c && c <= '9' }
func isSpace(c byte) bool { return c == ' ' || '\t' <= c && c <= '\r' }
func isLetterOrDigit(c byte) bool {
	return isUpper(c) || isLower(c) || isDigit(c)
}

// asciiPieces calls fn with each piece of ASCII text that o200k_base's
// pre-tokenizer makes, in order:
//
//	[^\r\n\p{L}\p{N}]?[\p{Lu}…]*[\p{Ll}…]+(?i:'s|'t|'re|'ve|'m|'ll|'d)?
//	|[^\r\n\p{L}\p{N}]?[\p{Lu}…]+[\p{Ll}…]*(?i:'s|'t|'re|'ve|'m|'ll|'d)?
//	|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n/]*|\s*[\r\n]+|\s+(?!\S)|\s+
//
// Every ASCII byte starts a match of one alternative, so no byte is
// skipped.
func asciiPieces(text string, fn func(piece string)) {
	for i := 0; i < len(text); {
		j := asciiMatch(text, i)
		fn(text[i:j])
		i = j
	}
}

// asciiMatch returns the end of the match that starts at i.
func asciiMatch(t string, i int) int {
	n := len(t)
	run := func(k int, in func(byte) bool) int {
		for k < n && in(t[k]) {
			k++
		}
		return k
	}
	c := t[i]
	// The optional prefix of the two letter alternatives: anything but
	// \r, \n, a letter or a digit.
	prefixed := c != '\r' && c != '\n' && !isLetterOrDigit(c)
	// Upper case letters then at least one lower case letter; upper and
	// lower are disjoint, so greedy matching never backtracks.
	for _, start := range []int{i + 1, i} {
		if start == i+1 && !prefixed || start == i && prefixed {
			continue
		}
		u := run(start, isUpper)
		if l := run(u, isLower); l > u {
			return contraction(t, l)
		}
	}
	for _, start := range []int{i + 1, i} {
		if start == i+1 && !prefixed || start == i && prefixed {
			continue
		}
		if u := run(start, isUpper); u > start {
			return contraction(t, run(u, isLower))
		}
	}
	if isDigit(c) {
		return min(run(i, isDigit), i+3)
	}
	// An optional space, then other characters, then \r, \n and /.
	p := i
	if c == ' ' {
		p++
	}
	other := func(b byte) bool { return !isSpace(b) && !isLetterOrDigit(b) }
	if e := run(p, other); e > p {
		return run(e, func(b byte) bool { return b == '\r' || b == '\n' || b == '/' })
	}
	// Whitespace: up to the last line break of the run, else the run
	// without its last space when more follows, else the whole run.
	e := run(i, isSpace)
	for k := e - 1; k >= i; k-- {
		if t[k] == '\r' || t[k] == '\n' {
			return k + 1
		}
	}
	if e < n && e-1 > i {
		return e - 1
	}
	return e
}

// contraction returns the end of an optional contraction at k: 's, 't,
// 're, 've, 'm, 'll or 'd, in any case.
func contraction(t string, k int) int {
	if k+1 >= len(t) || t[k] != '\'' {
		return k
	}
	lower := func(j int) byte {
		if j < len(t) {
			return t[j] | 0x20
		}
		return 0
	}
	switch lower(k + 1) {
	case 's', 't', 'm', 'd':
		return k + 2
	case 'r', 'v':
		if lower(k+2) == 'e' {
			return k + 3
		}
	case 'l':
		if lower(k+2) == 'l' {
			return k + 3
		}
	}
	return k
}
