package hygiene

import (
	"path"
	"strconv"
	"strings"
	"sync"

	"github.com/heft-dev/heft/internal/lazyre"
)

// conventionalRE is a Conventional Commits subject: type, optional
// scope, optional "!", a colon, a space and a description.
var conventionalRE = lazyre.New(`^([A-Za-z]+)(?:\([^()\r\n]*\))?!?: \S`)

// conventional reports whether subject is a Conventional Commits
// subject, and its type.
func conventional(subject string) (string, bool) {
	m := conventionalRE.FindStringSubmatch(subject)
	if m == nil {
		return "", false
	}
	return strings.ToLower(m[1]), true
}

// Issue references in text, the shapes GitHub links: "#123" after a
// space or bracket, "owner/name#123", "GH-123" and issue URLs.
var issueRE = lazyre.New(`(?i)(?:^|[\s(\[])#(\d{1,9})\b|\b[\w.-]+/[\w.-]+#(\d{1,9})\b|\bGH-(\d{1,9})\b|https?://github\.com/[\w.-]+/[\w.-]+/issues/(\d{1,9})\b`)

// issueRefs returns the issue numbers text refers to, in order, each
// once, with the text of its first reference.
func issueRefs(text string) (nums []int, quotes []string) {
	seen := map[int]bool{}
	for _, m := range issueWords(text) {
		for _, g := range m[1:] {
			if g == "" {
				continue
			}
			n, err := strconv.Atoi(g)
			if err != nil || seen[n] {
				continue
			}
			seen[n] = true
			nums = append(nums, n)
			quotes = append(quotes, strings.TrimLeft(m[0], " \t\r\n(["))
		}
	}
	return nums, quotes
}

// Code references in prose: a file path with a directory, a method call
// ("a->b()", "A::b()"), a function call with empty parentheses.
var codeRefRE = lazyre.Lines{May: mayCodeRef, Re: lazyre.New(`(?:[\w@.-]+/)+[\w.-]+\.[A-Za-z]\w{0,9}\b|\w+(?:->|::|\.)\w+\(\)|\b\w{3,}\(\)`)}

// prose returns text without fenced code blocks and HTML comments, with
// the line numbers of what is left: what the author wrote as prose.
func prose(text string) []numbered {
	var out []numbered
	fence := ""
	comment := false
	for i, rest, more := 0, text, true; more; i++ {
		var l string
		l, rest, more = strings.Cut(rest, "\n")
		t := strings.TrimSpace(l)
		if fence != "" {
			if strings.HasPrefix(t, fence) {
				fence = ""
			}
			continue
		}
		if strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~") {
			fence = t[:3]
			continue
		}
		if !comment && !strings.Contains(l, "<!--") {
			if t != "" {
				out = append(out, numbered{i + 1, l})
			}
			continue
		}
		var b strings.Builder
		for l != "" {
			if comment {
				end := strings.Index(l, "-->")
				if end < 0 {
					l = ""
					break
				}
				l = l[end+3:]
				comment = false
				continue
			}
			start := strings.Index(l, "<!--")
			if start < 0 {
				b.WriteString(l)
				break
			}
			b.WriteString(l[:start])
			l = l[start+4:]
			comment = true
		}
		if s := b.String(); strings.TrimSpace(s) != "" {
			out = append(out, numbered{i + 1, s})
		}
	}
	return out
}

type numbered struct {
	n    int
	text string
}

// isEmoji reports whether r is a pictographic emoji: the ranges of
// Unicode's Extended_Pictographic property that people type as emoji.
func isEmoji(r rune) bool {
	switch {
	case r >= 0x1F000 && r <= 0x1FAFF, // mahjong to symbols and pictographs extended-A
		r >= 0x2600 && r <= 0x27BF, // miscellaneous symbols, dingbats
		r >= 0x2B05 && r <= 0x2B55, // arrows, stars, circles
		r >= 0x231A && r <= 0x23FF, // watch, hourglass, media controls
		r == 0x2122, r == 0x2139, r == 0x3030, r == 0x303D, r == 0x3297, r == 0x3299, r == 0x00A9, r == 0x00AE:
		return true
	}
	return false
}

var shortcodeRE = lazyre.New(`(?:^|[^\w:]):[a-z0-9_+-]{2,}:(?:$|[^\w:])`)

// emoji returns the emoji in s: pictographs (a flag's two regional
// indicators count once) and ":shortcode:"s.
func emoji(s string) []string {
	var out []string
	prevFlag := false
	for _, r := range s {
		if r >= 0x1F1E6 && r <= 0x1F1FF {
			if prevFlag {
				prevFlag = false
				continue
			}
			prevFlag = true
		} else {
			prevFlag = false
		}
		if isEmoji(r) {
			out = append(out, string(r))
		}
	}
	if !mayShortcode(s) {
		return out
	}
	for _, m := range shortcodeRE.FindAllString(s, -1) {
		out = append(out, strings.Trim(m, " \t\r\n()[].,;!?\"'"))
	}
	return out
}

// commentPrefixes maps a file extension (lower case, without the dot)
// or a base name to how a comment line starts in it.
var commentPrefixes = sync.OnceValue(func() map[string][]string {
	m := map[string][]string{}
	set := func(prefixes []string, names ...string) {
		for _, n := range names {
			m[n] = prefixes
		}
	}
	set([]string{"//", "/*", "{/*"}, "c", "h", "cc", "cpp", "cxx", "hpp", "hh", "cs", "css", "scss", "less", "dart", "go", "java",
		"js", "jsx", "mjs", "cjs", "ts", "tsx", "mts", "cts", "kt", "kts", "php", "proto", "rs", "scala", "swift", "zig", "groovy", "gradle", "m", "mm", "v", "sol")
	set([]string{"#"}, "py", "pyi", "rb", "sh", "bash", "zsh", "fish", "pl", "pm", "r", "tf", "toml", "yaml", "yml", "cmake", "cr",
		"ex", "exs", "jl", "nim", "ps1", "coffee", "mk", "dockerfile", "makefile", "gemfile", "rakefile", "containerfile")
	set([]string{"--"}, "sql", "lua", "hs", "elm", "ada", "adb", "ads", "vhdl", "vhd")
	set([]string{"<!--"}, "html", "htm", "xml", "svg", "vue", "svelte", "astro")
	set([]string{";"}, "el", "clj", "cljs", "lisp", "scm", "asm", "s")
	set([]string{"%"}, "erl", "hrl", "tex")
	return m
})

// commentSyntax returns how comment lines start in the file at p, or nil
// for a file whose syntax is not known (Markdown, text, JSON).
func commentSyntax(p string) []string {
	base := strings.ToLower(path.Base(p))
	if c, ok := commentPrefixes()[base]; ok {
		return c
	}
	if i := strings.LastIndexByte(base, '.'); i > 0 {
		return commentPrefixes()[base[i+1:]]
	}
	return nil
}

// isComment reports whether an added line opens a comment; continuation
// lines of a block comment (" * ...", "-->") do not count.
func isComment(line string, prefixes []string) bool {
	t := strings.TrimSpace(line)
	if strings.HasPrefix(t, "*") || strings.HasPrefix(t, "-->") {
		return false
	}
	for _, p := range prefixes {
		if strings.HasPrefix(t, p) {
			return !strings.HasPrefix(t, "#!") && !strings.HasPrefix(t, "#include") && !strings.HasPrefix(t, "#define")
		}
	}
	return false
}

// ext returns a file's extension, lower case with its dot, or "" for a
// dotfile or a name without one.
func ext(p string) string {
	base := path.Base(p)
	i := strings.LastIndexByte(base, '.')
	if i <= 0 {
		return ""
	}
	return strings.ToLower(base[i:])
}
