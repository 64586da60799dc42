package diffstat

import (
	"bytes"
	"path"
	"regexp"
	"slices"
	"strings"
	"sync"
)

//go:generate go run -C ../examples ./internal/cmd/genlinguist -o ../diffstat/linguist_tables.go

// This file decides what GitHub Linguist would say about a path: vendored,
// documentation, test, configuration, dotfile or generated. The patterns
// live in linguist_tables.go, generated from Linguist's data as carried by
// github.com/go-enry/go-enry; most of them are plain strings compared
// with strings.HasPrefix and friends, and the few real regular expressions
// are compiled on first use. Nothing here runs at package init.
//
// examples/internal/cmd/genlinguist regenerates the tables and its test
// compares these functions with go-enry's on thousands of paths.

// patternSet is a set of Linguist path patterns: a path matches when one
// of them does. A regular expression whose language is a small finite set
// of strings is stored as those strings, by anchoring.
type patternSet struct {
	exact    []string        // the whole path: ^s$
	prefix   []string        // ^s
	suffix   []string        // s$
	contains []string        // s anywhere
	regexps  []guardedRegexp // the rest

	once sync.Once
	idx  *patternIndex // built from the lists on first use
}

// patternIndex holds a patternSet's strings by the bytes a path must
// have where they would match, so that a path is compared with the few
// strings that could match it instead of with every one: Linguist's
// vendored set alone has about 400, and Classify runs it on every file
// of a diff.
type patternIndex struct {
	exact  map[string]bool
	prefix [256][]string // by first byte
	suffix [256][]string // by last byte
	// contains by first two bytes, and which bytes start one; strings of
	// one byte, and prefixes and suffixes of none, match almost anything
	// and are kept as lists.
	pairs       map[uint16][]string
	starts      [256]bool
	shortSubstr []string
	any         bool // an empty prefix or suffix: every path matches
}

func pairKey(a, b byte) uint16 { return uint16(a)<<8 | uint16(b) }

func (s *patternSet) index() *patternIndex {
	s.once.Do(func() {
		x := &patternIndex{exact: make(map[string]bool, len(s.exact)), pairs: map[uint16][]string{}}
		for _, e := range s.exact {
			x.exact[e] = true
		}
		for _, e := range s.prefix {
			if e == "" {
				x.any = true
				continue
			}
			x.prefix[e[0]] = append(x.prefix[e[0]], e)
		}
		for _, e := range s.suffix {
			if e == "" {
				x.any = true
				continue
			}
			x.suffix[e[len(e)-1]] = append(x.suffix[e[len(e)-1]], e)
		}
		for _, e := range s.contains {
			if len(e) < 2 {
				x.shortSubstr = append(x.shortSubstr, e)
				continue
			}
			k := pairKey(e[0], e[1])
			x.pairs[k] = append(x.pairs[k], e)
			x.starts[e[0]] = true
		}
		s.idx = x
	})
	return s.idx
}

// guardedRegexp is a regular expression compiled on first use, and run
// only on paths that contain guard, a string every match contains.
type guardedRegexp struct {
	guard, expr string

	once sync.Once
	re   *regexp.Regexp
}

func (g *guardedRegexp) match(p string) bool {
	if !strings.Contains(p, g.guard) {
		return false
	}
	g.once.Do(func() { g.re = regexp.MustCompile(g.expr) })
	return g.re.MatchString(p)
}

func (s *patternSet) match(p string) bool {
	x := s.index()
	if x.any || x.exact[p] {
		return true
	}
	if p == "" {
		return slices.Contains(x.shortSubstr, "")
	}
	for _, e := range x.prefix[p[0]] {
		if strings.HasPrefix(p, e) {
			return true
		}
	}
	for _, e := range x.suffix[p[len(p)-1]] {
		if strings.HasSuffix(p, e) {
			return true
		}
	}
	for _, e := range x.shortSubstr {
		if strings.Contains(p, e) {
			return true
		}
	}
	for i := 0; i+1 < len(p); i++ {
		if !x.starts[p[i]] {
			continue
		}
		for _, e := range x.pairs[pairKey(p[i], p[i+1])] {
			if strings.HasPrefix(p[i:], e) {
				return true
			}
		}
	}
	for i := range s.regexps {
		if s.regexps[i].match(p) {
			return true
		}
	}
	return false
}

// linguistVendored reports whether Linguist calls path p vendored.
func linguistVendored(p string) bool { return linguistVendor.match(p) }

// linguistDocumentation reports whether Linguist calls path p documentation.
func linguistDocumentation(p string) bool { return linguistDocs.match(p) }

// linguistTest reports whether p is a test by go-enry's test patterns.
func linguistTest(p string) bool { return linguistTests.match(p) }

// linguistDotFile reports whether p's base name starts with a dot.
func linguistDotFile(p string) bool {
	base := path.Base(path.Clean(p))
	return strings.HasPrefix(base, ".") && base != "."
}

// linguistConfiguration reports whether Linguist's language for p's
// extension is a configuration language (JSON, YAML, TOML, INI, XML,
// SQL). Like Linguist it tries the longest extension first: every suffix
// of the lower-cased path that starts at a dot.
func linguistConfiguration(p string) bool {
	if !strings.Contains(p, ".") {
		return false
	}
	p = strings.ToLower(p)
	for i := 0; i < len(p); i++ {
		if p[i] != '.' {
			continue
		}
		ext := p[i:]
		if _, ok := slices.BinarySearch(linguistConfigExtensions, ext); ok {
			return true
		}
		if _, ok := slices.BinarySearch(linguistOtherExtensions, ext); ok {
			return false
		}
	}
	return false
}

// linguistGenerated reports whether Linguist calls the file at p
// generated, from its name or from content, the first bytes of the file.
func linguistGenerated(p string, content []byte) bool {
	ext := strings.ToLower(path.Ext(p))
	if slices.Contains(linguistGeneratedExtensions, ext) {
		return true
	}
	if linguistGeneratedNames.match(p) {
		return true
	}
	return generatedContent(strings.ToLower(p), ext, content)
}

// lazyRegexp compiles a regular expression the first time it is used.
func lazyRegexp(expr string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(expr) })
}

var (
	reSourceMapRef  = lazyRegexp(`^\/[*\/][\#@] source(?:Mapping)?URL|sourceURL=`)
	reSourceMapJSON = lazyRegexp(`^{"version":\d+,`)
	rePEG           = lazyRegexp(`^(?:[^\/]|\/[^\*])*\/\*(?:[^\*]|\*[^\/])*Generated by PEG.js`)
	rePSFont        = lazyRegexp(`(\n|\r\n|\r)\s*(?:currentfile eexec\s+|\/sfnts\s+\[)`)
	rePSCreator     = lazyRegexp(`[0-9]|draw|mpage|ImageMagick|inkscape|MATLAB|PCBNEW|pnmtops|\(Unknown\)|Serif Affinity|Filterimage -tops`)
	reDart          = lazyRegexp(`generated code\W{2,3}do not modify`)
	reGMFirst       = lazyRegexp(`^\d\.\d\.\d.+\|\{`)
	reGMThird       = lazyRegexp(`\"modelName\"\:\s*\"GM`)
	reGimp          = lazyRegexp(`\/\* GIMP [a-zA-Z0-9\- ]+ C\-Source image dump \(.+?\.c\) \*\/|\/\*  GIMP header image file format \([a-zA-Z0-9\- ]+\)\: .+?\.h  \*\/`)
	reDoxygen       = lazyRegexp(`<!--\s+Generated by Doxygen\s+[.0-9]+\s*-->`)
	reHTMLMeta      = lazyRegexp(`<meta(\s+[^>]+)>`)
	reHTMLMetaAttr  = lazyRegexp(`\s+(name|content|value)\s*=\s*("[^"]+"|'[^']+'|[^\s"']+)`)
	reOrgMode       = lazyRegexp(`org\s+mode`)
)

// headLines returns the first n lines of content, without their newlines;
// a final newline does not start another line.
func headLines(content []byte, n int) [][]byte {
	var lines [][]byte
	for len(content) > 0 && len(lines) < n {
		line, rest, _ := bytes.Cut(content, []byte{'\n'})
		lines = append(lines, line)
		content = rest
	}
	return lines
}

// tailLines returns up to n lines from the end of content, last first.
// It reproduces Linguist's (go-enry's) reading exactly, including that
// a piece starting at one of the last two bytes is not a line.
func tailLines(content []byte, n int) [][]byte {
	var lines [][]byte
	end := len(content)
	for end > 0 && len(lines) < n {
		nl := bytes.LastIndexByte(content[:end], '\n')
		if nl+1 < len(content)-1 {
			lines = append(lines, content[nl+1:end])
		}
		end = nl
	}
	return lines
}

// anyLineContains reports whether one of lines contains s.
func anyLineContains(lines [][]byte, s string) bool {
	return slices.ContainsFunc(lines, func(l []byte) bool { return bytes.Contains(l, []byte(s)) })
}

// lineContains reports whether lines has an i'th line that contains s.
func lineContains(lines [][]byte, i int, s string) bool {
	return i < len(lines) && bytes.Contains(lines[i], []byte(s))
}

// generatedContent holds Linguist's checks of a file's first (or last)
// lines for the marks generators leave. p is the lower-cased path and ext
// its lower-cased extension.
func generatedContent(p, ext string, content []byte) bool {
	if sourceMap(p, content) {
		return true
	}
	if strings.HasSuffix(p, "ppport.h") {
		lines := headLines(content, 10)
		if len(lines) >= 10 && bytes.Contains(lines[8], []byte("Automatically created by Devel::PPPort")) {
			return true
		}
	}
	switch ext {
	case ".js":
		return minified(content) || sourceMapReference(content) || compiledCoffeeScript(content) ||
			pegParser(content) || jsProtobuf(content) || thrift(content) || jison(content) || haxe(content)
	case ".css":
		return minified(content) || sourceMapReference(content)
	case ".go":
		lines := headLines(content, 40)
		return len(lines) > 1 && anyLineContains(lines, "Code generated by") || thrift(content)
	case ".proto":
		lines := headLines(content, 20)
		return len(lines) > 1 && anyLineContains(lines, "This file was autogenerated by go-to-protobuf")
	case ".py", ".rb", ".php", ".m":
		return protobuf(content) || thrift(content) || ext == ".py" && haxe(content) || ext == ".php" && haxe(content) ||
			ext == ".rb" && racc(content)
	case ".java":
		first := headLines(content, 1)
		return protobuf(content) || thrift(content) || haxe(content) ||
			len(first) == 1 && bytes.HasPrefix(first[0], []byte("/* The following code was generated by JFlex ")) ||
			lineContains(first, 0, "// This is a generated file. Not intended for manual editing.") ||
			anyLineContains(headLines(content, 2), "This file is generated by jOOQ.")
	case ".h":
		lines := headLines(content, 2)
		return protobuf(content) || thrift(content) || haxe(content) || grpcCpp(content) || gimp(content) ||
			len(lines) == 2 && bytes.Contains(lines[0], []byte("/* DO NOT EDIT THIS FILE - it is machine generated */")) &&
				bytes.Contains(lines[1], []byte("#include <jni.h>"))
	case ".cc":
		return protobuf(content) || thrift(content) || grpcCpp(content)
	case ".cpp":
		return protobuf(content) || thrift(content) || haxe(content) || grpcCpp(content) || cython(content)
	case ".hpp":
		return grpcCpp(content)
	case ".c":
		return cython(content) || gimp(content)
	case ".xml":
		lines := bytes.Split(content, []byte{'\n'})
		return len(lines) > 3 && bytes.Contains(lines[1], []byte("<doc>")) &&
			bytes.Contains(lines[2], []byte("<assembly>")) && bytes.Contains(lines[len(lines)-2], []byte("</doc>"))
	case ".ps", ".eps", ".pfa":
		return postScript(content)
	case ".yml":
		return lineContains(tailLines(content, 2), 1, "recorded_with: VCR")
	case ".mod":
		return lineContains(headLines(content, 1), 0, "PCBNEW-LibModule-V") ||
			lineContains(headLines(content, 1), 0, "GFORTRAN module version '")
	case ".meta":
		return lineContains(headLines(content, 1), 0, "fileFormatVersion: ")
	case ".rd":
		return lineContains(headLines(content, 1), 0, "% Generated by roxygen2: do not edit by hand")
	case ".dart":
		first := headLines(content, 1)
		return len(first) == 1 && reDart().Match(bytes.ToLower(first[0]))
	case ".yy", ".yyp":
		lines := headLines(content, 3)
		return len(lines) == 3 && (reGMThird().Match(lines[2]) || reGMFirst().Match(lines[0]))
	case ".dsp":
		return anyLineContains(headLines(content, 3), "# Microsoft Developer Studio Generated Build File")
	case ".lua", ".cs":
		return haxe(content)
	case ".html", ".htm", ".xhtml":
		return generatedHTML(content)
	}
	return false
}

func sourceMap(p string, content []byte) bool {
	if strings.HasSuffix(p, ".js.map") || strings.HasSuffix(p, ".css.map") {
		return true
	}
	first := headLines(content, 1)
	if len(first) == 0 || len(first[0]) == 0 {
		return false
	}
	return reSourceMapJSON().Match(first[0]) || bytes.HasPrefix(first[0], []byte("/** Begin line maps. **/{"))
}

// minified: a .js or .css file whose lines average over 110 bytes.
func minified(content []byte) bool {
	lines := bytes.Count(content, []byte{'\n'})
	if len(content) > 0 && content[len(content)-1] != '\n' {
		lines++
	}
	if lines == 0 {
		return false
	}
	return (len(content)-bytes.Count(content, []byte{'\n'}))/lines > 110
}

func sourceMapReference(content []byte) bool {
	return slices.ContainsFunc(tailLines(content, 2), reSourceMapRef().Match)
}

func compiledCoffeeScript(content []byte) bool {
	first := headLines(content, 1)
	last := tailLines(content, 2)
	if len(last) < 2 || len(first) == 0 || string(first[0]) != "(function() {" ||
		string(last[1]) != "}).call(this);" || len(last[0]) != 0 {
		return false
	}
	score := 0
	for _, line := range headLines(content, len(content)+1) {
		if !bytes.Contains(line, []byte("var ")) {
			continue
		}
		for _, t := range []string{"_fn", "_i", "_len", "_ref", "_results"} {
			score += bytes.Count(line, []byte(t))
		}
		for _, t := range []string{"__bind", "__extends", "__hasProp", "__indexOf", "__slice"} {
			score += 3 * bytes.Count(line, []byte(t))
		}
	}
	return score >= 3
}

func pegParser(content []byte) bool {
	return rePEG().Match(bytes.Join(headLines(content, 5), nil))
}

func jsProtobuf(content []byte) bool {
	return lineContains(headLines(content, 6), 5, "GENERATED CODE -- DO NOT EDIT!")
}

func protobuf(content []byte) bool {
	lines := headLines(content, 3)
	return len(lines) > 1 && anyLineContains(lines, "Generated by the protocol buffer compiler.  DO NOT EDIT!")
}

func thrift(content []byte) bool {
	return anyLineContains(headLines(content, 6), "Autogenerated by Thrift Compiler")
}

func jison(content []byte) bool {
	first := headLines(content, 1)
	return lineContains(first, 0, "/* parser generated by jison ") || lineContains(first, 0, "/* generated by jison-lex ")
}

func haxe(content []byte) bool {
	return anyLineContains(headLines(content, 3), "Generated by Haxe")
}

func racc(content []byte) bool {
	lines := headLines(content, 3)
	return len(lines) == 3 && bytes.HasPrefix(lines[2], []byte("# This file is automatically generated by Racc"))
}

func grpcCpp(content []byte) bool {
	return lineContains(headLines(content, 1), 0, "// Generated by the gRPC")
}

func cython(content []byte) bool {
	return lineContains(headLines(content, 1), 0, "Generated by Cython")
}

func gimp(content []byte) bool {
	first := headLines(content, 1)
	return len(first) == 1 && reGimp().Match(first[0])
}

func postScript(content []byte) bool {
	if rePSFont().Match(content) {
		return true
	}
	var creator []byte
	for _, line := range headLines(content, 10) {
		if bytes.HasPrefix(line, []byte("%%Creator: ")) {
			creator = line
			break
		}
	}
	if len(creator) == 0 {
		return false
	}
	if bytes.Contains(creator, []byte("EAGLE")) {
		for _, line := range headLines(content, 5) {
			if bytes.HasPrefix(line, []byte("%%Title: EAGLE Drawing ")) {
				return true
			}
		}
	}
	return rePSCreator().Match(creator)
}

func generatedHTML(content []byte) bool {
	lines := headLines(content, 30)
	if len(lines) >= 2 && anyLineContains(lines[:2], "<!-- Generated by pkgdown: do not edit by hand -->") {
		return true
	}
	if len(lines) > 2 && bytes.HasPrefix(lines[2], []byte("<!-- This is an automatically generated file.")) {
		return true
	}
	if slices.ContainsFunc(lines, reDoxygen().Match) {
		return true
	}
	head := bytes.ToLower(bytes.Join(lines, []byte{' '}))
	head = bytes.ReplaceAll(head, []byte{'\r'}, nil)
	for _, meta := range reHTMLMeta().FindAll(head, -1) {
		var name, value, content string
		for _, m := range reHTMLMetaAttr().FindAllStringSubmatch(string(meta), -1) {
			switch m[1] {
			case "name":
				name = m[2]
			case "value":
				value = m[2]
			case "content":
				content = m[2]
			}
		}
		if value == "" {
			value = content
		}
		name = strings.Trim(name, `"'`)
		value = strings.Trim(value, `"'`)
		if name != "generator" || value == "" {
			continue
		}
		for _, g := range []string{"jlatex2html", "latex2html", "groff", "makeinfo", "texi2html", "ronn"} {
			if strings.Contains(value, g) {
				return true
			}
		}
		if reOrgMode().MatchString(value) {
			return true
		}
	}
	return false
}
