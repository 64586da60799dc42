package diffstat

import (
	"bytes"
	"errors"
	"strconv"
	"strings"
)

// splitGitNames splits the two paths of a "diff --git" line, which git
// quotes when they hold special characters and leaves ambiguous when they
// hold spaces. For an unquoted pair it relies on what git guarantees
// unless a file was renamed or copied (and then "rename from"/"copy from"
// lines follow): both names are the same but for their prefixes.
func splitGitNames(s string) (oldP, newP string, ok bool) {
	if strings.HasPrefix(s, `"`) {
		old, rest, err := cutQuoted(s)
		if err != nil || !strings.HasPrefix(rest, " ") {
			return "", "", false
		}
		newP, err = unquote(rest[1:])
		return old, newP, err == nil
	}
	if i := strings.Index(s, ` "`); i >= 0 && strings.HasSuffix(s, `"`) {
		newP, err := unquote(s[i+1:])
		return s[:i], newP, err == nil
	}
	if len(s)%2 == 1 {
		half := len(s) / 2
		a, b := s[:half], s[half+1:]
		if s[half] == ' ' && (a == b || hasGitPrefixes(a, b) && a[2:] == b[2:]) {
			return a, b, true
		}
	}
	if i := strings.Index(s, " b/"); i >= 0 {
		return s[:i], s[i+1:], true
	}
	a, b, ok := strings.Cut(s, " ")
	return a, b, ok
}

// hasGitPrefixes reports whether a pair of git paths carries one-letter
// source and destination prefixes: "a/" and "b/" by default, or the
// mnemonic ones ("i/", "w/", "c/", "o/").
func hasGitPrefixes(oldP, newP string) bool {
	prefixed := func(p string) bool {
		return len(p) > 2 && p[1] == '/' && p[0] >= 'a' && p[0] <= 'z'
	}
	return oldP != newP && prefixed(oldP) && prefixed(newP)
}

// stripGit removes a git path's one-letter prefix when the diff has them.
func stripGit(p string, strip bool) string {
	if strip && len(p) > 2 && p[1] == '/' {
		return p[2:]
	}
	return p
}

// stripPlain removes the leading directory of the paths of a non-git
// diff when they name the same file under two trees, as patch -p1 does:
// "--- a/x.c" and "+++ b/x.c", or "--- old/x.c" and "+++ new/x.c". Paths
// that agree ("Index:"-style diffs) are kept.
func stripPlain(oldP, newP string) (string, string) {
	if oldP == newP || oldP == "" && newP == "" {
		return oldP, newP
	}
	strip := func(p string) string {
		if _, rest, ok := strings.Cut(p, "/"); ok && rest != "" {
			return rest
		}
		return p
	}
	if oldP == "" || newP == "" {
		p := oldP + newP
		if strings.HasPrefix(p, "a/") || strings.HasPrefix(p, "b/") {
			p = p[2:]
		}
		if oldP == "" {
			return "", p
		}
		return p, ""
	}
	if strings.Contains(oldP, "/") && strings.Contains(newP, "/") && strip(oldP) == strip(newP) {
		return strip(oldP), strip(newP)
	}
	return oldP, newP
}

// headerPath reads the path of a "--- " or "+++ " line: quoted or not,
// with anything after a tab (a timestamp, an SVN revision, the tab git
// adds after names with spaces) left out. /dev/null is "".
func headerPath(b []byte) (string, error) {
	b = trimEOL(b)
	var p string
	if len(b) > 0 && b[0] == '"' {
		q, _, err := cutQuoted(string(b))
		if err != nil {
			return "", err
		}
		p = q
	} else {
		if i := bytes.IndexByte(b, '\t'); i >= 0 {
			b = b[:i]
		}
		p = string(b)
	}
	if p == "/dev/null" {
		return "", nil
	}
	if p == "" {
		return "", errors.New("empty path")
	}
	return p, nil
}

// cutQuoted unquotes the C-style quoted string at the start of s and
// returns it with the rest of s.
func cutQuoted(s string) (string, string, error) {
	for i := 1; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case '"':
			p, err := unquote(s[:i+1])
			return p, s[i+1:], err
		}
	}
	return "", "", errors.New("unterminated quoted path " + s)
}

// unquote undoes git's path quoting (C escapes and octal bytes, which Go's
// syntax shares); an unquoted path is returned as it is.
func unquote(p string) (string, error) {
	if !strings.HasPrefix(p, `"`) {
		return p, nil
	}
	u, err := strconv.Unquote(p)
	if err != nil {
		return "", errors.New("bad quoted path " + p)
	}
	return u, nil
}
