package disclosure

import (
	"strings"
	"sync"
	"unicode/utf8"
	"unsafe"
)

// invisible reports whether r is a character that renders as nothing:
// zero-width spaces and joiners, bidirectional controls, soft hyphens,
// word joiners and the byte order mark.
func invisible(r rune) bool {
	switch {
	case r == 0x00AD, r == 0x034F, r == 0x061C, r == 0x115F, r == 0x1160, r == 0x17B4, r == 0x17B5, r == 0x180E:
		return true
	case r >= 0x200B && r <= 0x200F:
		return true
	case r >= 0x202A && r <= 0x202E:
		return true
	case r >= 0x2060 && r <= 0x206F:
		return true
	case r == 0x3164, r == 0xFEFF, r == 0xFFA0:
		return true
	case r >= 0xFE00 && r <= 0xFE0F: // variation selectors
		return true
	case r >= 0xE0000 && r <= 0xE007F: // tags
		return true
	}
	return false
}

// confusables maps letters that look like ASCII letters to them: Cyrillic,
// Greek and a few others that appear in homoglyph attacks on trailer keys
// and e-mail addresses.
var confusables = sync.OnceValue(func() map[rune]rune {
	return map[rune]rune{
		// Cyrillic
		'а': 'a', 'в': 'b', 'с': 'c', 'ԁ': 'd', 'е': 'e', 'һ': 'h', 'і': 'i', 'ј': 'j', 'к': 'k', 'ӏ': 'l',
		'м': 'm', 'н': 'h', 'о': 'o', 'р': 'p', 'ԛ': 'q', 'ѕ': 's', 'т': 't', 'у': 'y', 'ԝ': 'w', 'х': 'x',
		'А': 'A', 'В': 'B', 'С': 'C', 'Е': 'E', 'Н': 'H', 'І': 'I', 'Ј': 'J', 'К': 'K', 'М': 'M', 'О': 'O',
		'Р': 'P', 'Ѕ': 'S', 'Т': 'T', 'Х': 'X', 'Ү': 'Y',
		// Greek
		'α': 'a', 'ε': 'e', 'ι': 'i', 'κ': 'k', 'ν': 'v', 'ο': 'o', 'ρ': 'p', 'τ': 't', 'υ': 'u', 'χ': 'x',
		'Α': 'A', 'Β': 'B', 'Ε': 'E', 'Ζ': 'Z', 'Η': 'H', 'Ι': 'I', 'Κ': 'K', 'Μ': 'M', 'Ν': 'N', 'Ο': 'O',
		'Ρ': 'P', 'Τ': 'T', 'Υ': 'Y', 'Χ': 'X',
		// Latin look-alikes and dashes
		'ı': 'i', 'ȷ': 'j', 'ℓ': 'l', '‐': '-', '‑': '-', '‒': '-', '–': '-', '−': '-', '﹣': '-', '－': '-',
	}
})

// fold returns s with invisible characters removed and look-alike letters
// (including fullwidth ASCII) replaced by ASCII, and whether anything
// changed. It allocates only when something changes.
func fold(s string) (string, bool) {
	clean := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			clean = false
			break
		}
	}
	if clean {
		return s, false
	}
	var b strings.Builder
	changed := false
	for _, r := range s {
		switch {
		case invisible(r):
			changed = true
			continue
		case r >= 0xFF01 && r <= 0xFF5E: // fullwidth ASCII
			r = r - 0xFF01 + '!'
			changed = true
		default:
			if a, ok := confusables()[r]; ok {
				r = a
				changed = true
			}
		}
		b.WriteRune(r)
	}
	if !changed {
		return s, false
	}
	return b.String(), true
}

// asciiLower lower-cases ASCII letters only, so that byte offsets are kept.
func asciiLower(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 'A' && c <= 'Z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				if c := b[j]; c >= 'A' && c <= 'Z' {
					b[j] = c + 'a' - 'A'
				}
			}
			return unsafe.String(&b[0], len(b)) // b is not written again: no second copy
		}
	}
	return s
}

// isSpace is C's isspace, which git uses.
func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'
}

func isAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// trimSpace trims C whitespace, as git's strbuf_trim does.
func trimSpace(s string) string {
	i, j := 0, len(s)
	for i < j && isSpace(s[i]) {
		i++
	}
	for j > i && isSpace(s[j-1]) {
		j--
	}
	return s[i:j]
}
