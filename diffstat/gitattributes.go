package diffstat

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"

	"github.com/bmatcuk/doublestar/v4"
)

// Attribute is one line of a .gitattributes file, reduced to the
// Linguist attributes that decide a file's kind. Each field is nil when
// the line does not set that attribute, and points at its value when it
// does ("linguist-generated" and "linguist-generated=true" are true;
// "-linguist-generated" and "linguist-generated=false" are false).
type Attribute struct {
	Pattern       string `json:"pattern"`
	Line          int    `json:"line"`
	Generated     *bool  `json:"linguist_generated,omitempty"`
	Vendored      *bool  `json:"linguist_vendored,omitempty"`
	Documentation *bool  `json:"linguist_documentation,omitempty"`
}

// ErrBadAttributes is what a ParseError from ParseGitAttributes wraps:
// a line git would not accept (a negative pattern, a broken quoted or
// bracket pattern) or one longer than 64 KiB.
var ErrBadAttributes = errors.New("bad .gitattributes line")

// attributesError returns the ParseError for line n of a .gitattributes
// file.
func attributesError(n int, err error, format string, args ...any) error {
	return &ParseError{Line: n, Path: ".gitattributes", Msg: fmt.Sprintf(format, args...), Err: err}
}

// maxAttributesLine bounds one line of a .gitattributes file.
const maxAttributesLine = 64 << 10

// ParseGitAttributes reads a repository's .gitattributes and returns the
// lines that set linguist-generated, linguist-vendored or
// linguist-documentation, in file order, for Classifier.Attributes. Other
// attributes, comments and macro definitions are ignored. A line it
// cannot read is a *ParseError naming the line and wrapping
// ErrBadAttributes (or the reader's error).
func ParseGitAttributes(r io.Reader) ([]Attribute, error) {
	var attrs []Attribute
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 4096), maxAttributesLine)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") || strings.HasPrefix(line, "[attr]") {
			continue
		}
		fields := strings.Fields(line)
		pattern := fields[0]
		if strings.HasPrefix(pattern, `"`) {
			p, err := unquote(pattern)
			if err != nil {
				return nil, attributesError(n, ErrBadAttributes, "%v", err)
			}
			pattern = p
		}
		if strings.HasPrefix(pattern, "!") {
			return nil, attributesError(n, ErrBadAttributes, "negative pattern %q: git forbids them in .gitattributes", pattern)
		}
		if !doublestar.ValidatePattern(strings.TrimPrefix(pattern, "/")) {
			return nil, attributesError(n, ErrBadAttributes, "bad pattern %q", pattern)
		}
		a := Attribute{Pattern: pattern, Line: n}
		for _, f := range fields[1:] {
			name, val := f, true
			switch {
			case strings.HasPrefix(f, "-") || strings.HasPrefix(f, "!"):
				name, val = f[1:], false
			case strings.Contains(f, "="):
				var v string
				name, v, _ = strings.Cut(f, "=")
				val = v != "false"
			}
			switch name {
			case "linguist-generated":
				a.Generated = &val
			case "linguist-vendored":
				a.Vendored = &val
			case "linguist-documentation":
				a.Documentation = &val
			}
		}
		if a.Generated != nil || a.Vendored != nil || a.Documentation != nil {
			attrs = append(attrs, a)
		}
	}
	if err := sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			return nil, attributesError(n+1, ErrBadAttributes, "line longer than %d KiB", maxAttributesLine>>10)
		}
		return nil, attributesError(n+1, err, "reading: %v", err)
	}
	return attrs, nil
}

// match reports whether the attribute line applies to path p, by
// gitattributes rules: a pattern without a slash matches the base name at
// any depth; one with a slash matches the whole path from the root.
func (a Attribute) match(p string) bool {
	pat := a.Pattern
	if !strings.Contains(strings.TrimSuffix(pat, "/"), "/") {
		ok, _ := doublestar.Match(pat, path.Base(p))
		return ok
	}
	ok, _ := doublestar.Match(strings.TrimPrefix(pat, "/"), p)
	return ok
}

// attributes returns the linguist attributes that apply to p; as in git,
// a later line overrides an earlier one.
func attributes(attrs []Attribute, p string) (generated, vendored, documentation *bool) {
	for _, a := range attrs {
		if !a.match(p) {
			continue
		}
		if a.Generated != nil {
			generated = a.Generated
		}
		if a.Vendored != nil {
			vendored = a.Vendored
		}
		if a.Documentation != nil {
			documentation = a.Documentation
		}
	}
	return generated, vendored, documentation
}
