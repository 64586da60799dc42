package diffstat

import (
	"path"
	"slices"
	"strings"
	"sync"

	"github.com/heft-dev/heft/internal/enum"
)

// Kind is what sort of file a path holds, for deciding what a reviewer has
// to read.
type Kind uint8

// The kinds of file. Generated, vendored, lockfile and expected-output
// changes are not reviewable: a reviewer does not read them line by line.
const (
	KindSource    Kind = iota // code a reviewer reads
	KindTest                  // tests and their fixtures
	KindDocs                  // documentation: Markdown, docs/ trees, READMEs
	KindConfig                // configuration: CI workflows, YAML, TOML, JSON, dotfiles
	KindGenerated             // produced by a tool: "Code generated ... DO NOT EDIT.", *.pb.go, minified bundles
	KindVendored              // third-party code kept in the repository: vendor/, third_party/, node_modules/
	KindLockfile              // dependency lock files: go.sum, package-lock.json, Cargo.lock, ...
	KindExpected              // test expectations a tool regenerates: golden files, snapshots, expected output
)

var kindNames = [...]string{"source", "test", "docs", "config", "generated", "vendored", "lockfile", "expected"}

// String returns the kind's stable lower-case name, such as "lockfile".
func (k Kind) String() string {
	return enum.Name("Kind", kindNames[:], k)
}

// MarshalText encodes the kind as its String form.
func (k Kind) MarshalText() ([]byte, error) { return []byte(k.String()), nil }

// UnmarshalText decodes a kind from its String form.
func (k *Kind) UnmarshalText(b []byte) error {
	return enum.Unmarshal(k, kindNames[:], b, "diffstat: unknown file kind")
}

// Reviewable reports whether changes to files of this kind are read by a
// reviewer: false for generated, vendored, lockfile and expected-output
// changes.
func (k Kind) Reviewable() bool {
	return k != KindGenerated && k != KindVendored && k != KindLockfile && k != KindExpected
}

// Rule classifies the paths that match its pattern.
//
// A Pattern that ends in "/" names one or more whole directory names and
// matches a path that has them as consecutive directories anywhere:
// "vendor/" matches "vendor/x.go" and "a/vendor/b/x.go", ".github/workflows/"
// matches ".github/workflows/ci.yml". A Pattern that starts with "/" is
// anchored at the repository root ("/docs/"). A Pattern with a "/" that
// does not end in "/" is a directory pattern followed by a glob: it
// matches a file whose base name matches the glob anywhere below those
// directories, "testdata/expected*" matching "a/testdata/b/expected.txt"
// (what testdata/**/expected* means in .gitattributes). Any other Pattern
// is a path.Match glob on the file's base name: "go.sum", "*.pb.go".
type Rule struct {
	Pattern string `json:"pattern"`
	Kind    Kind   `json:"kind"`
}

// pattern is a Rule's Pattern taken apart once, as Rule's doc reads it:
// Classify runs every rule on every file of a diff, and working out the
// pattern's shape each time cost more than the comparing.
type pattern struct {
	dir    string // the directories, ending in "/"; "" for a glob on the base name alone
	rooted bool   // dir starts at the repository root (the Pattern began with "/")
	anyDir string // "/" + dir: dir anywhere in the path
	name   string // what the base name is compared with, by shape
	shape  nameShape
}

// nameShape is how a pattern compares a base name.
type nameShape uint8

const (
	nameAny    nameShape = iota // a directory pattern: every file below it
	nameExact                   // base == name
	nameSuffix                  // "*.pb.go": base ends in name
	nameGlob                    // path.Match(name, base)
)

func compilePattern(pat string) pattern {
	var c pattern
	dirOnly := false
	if i := strings.LastIndexByte(pat, '/'); i >= 0 {
		if i == len(pat)-1 {
			c.dir, pat, dirOnly = pat, "", true // a directory pattern
		} else {
			c.dir, pat = pat[:i+1], pat[i+1:] // directories and a glob on the base name
		}
		if c.dir, c.rooted = strings.CutPrefix(c.dir, "/"); !c.rooted {
			c.anyDir = "/" + c.dir
		}
	}
	switch {
	case dirOnly:
		c.shape = nameAny
	case !hasGlobMeta(pat):
		c.shape, c.name = nameExact, pat
	case pat[0] == '*' && !hasGlobMeta(pat[1:]):
		c.shape, c.name = nameSuffix, pat[1:]
	default:
		c.shape, c.name = nameGlob, pat
	}
	return c
}

// match reports whether the file at p, whose base name is base, matches.
// A directory pattern looks for its directories in the whole path, one
// with a glob in the path's directories only.
func (c *pattern) match(p, base string) bool {
	if c.dir != "" || c.rooted {
		d := p
		if c.shape != nameAny {
			d = p[:strings.LastIndexByte(p, '/')+1]
		}
		if c.rooted && !strings.HasPrefix(d, c.dir) || !c.rooted && !strings.HasPrefix(d, c.dir) && !strings.Contains(d, c.anyDir) {
			return false
		}
	}
	switch c.shape {
	case nameExact:
		return base == c.name
	case nameSuffix:
		return strings.HasSuffix(base, c.name)
	case nameGlob:
		ok, _ := path.Match(c.name, base)
		return ok
	}
	return true
}

// hasGlobMeta reports whether pat holds a byte path.Match treats
// specially. It is strings.ContainsAny(pat, `*?[\`) without the set
// that ContainsAny builds on every call.
func hasGlobMeta(pat string) bool {
	for i := 0; i < len(pat); i++ {
		switch pat[i] {
		case '*', '?', '[', '\\':
			return true
		}
	}
	return false
}

// defaultPatterns is defaultRules' patterns, compiled on first use.
var defaultPatterns = sync.OnceValue(func() []pattern {
	out := make([]pattern, len(defaultRules))
	for i, r := range defaultRules {
		out[i] = compilePattern(r.Pattern)
	}
	return out
})

// DefaultRules returns the rules a zero Classifier uses before falling back
// to GitHub Linguist's. They fix what Linguist gets wrong for review: it
// does not call go.sum or yarn.lock generated, and it calls
// .github/workflows/, testdata/, .gitignore and debian/ vendored. (It
// also calls every directory named cache vendored; Classify reads one
// as the project's own, which no rule can say.) Each call returns a new
// slice, which the caller may change or extend.
func DefaultRules() []Rule { return slices.Clone(defaultRules) }

// defaultRules is never changed: DefaultRules hands out copies.
var defaultRules = []Rule{
	// Lock files: tools write them, reviewers skim them.
	{"go.sum", KindLockfile},
	{"go.work.sum", KindLockfile},
	{"package-lock.json", KindLockfile},
	{"npm-shrinkwrap.json", KindLockfile},
	{"yarn.lock", KindLockfile},
	{"pnpm-lock.yaml", KindLockfile},
	{"bun.lockb", KindLockfile},
	{"bun.lock", KindLockfile},
	{"deno.lock", KindLockfile},
	{"Cargo.lock", KindLockfile},
	{"poetry.lock", KindLockfile},
	{"uv.lock", KindLockfile},
	{"pdm.lock", KindLockfile},
	{"Pipfile.lock", KindLockfile},
	{"Gemfile.lock", KindLockfile},
	{"composer.lock", KindLockfile},
	{"mix.lock", KindLockfile},
	{"pubspec.lock", KindLockfile},
	{"Podfile.lock", KindLockfile},
	{"Package.resolved", KindLockfile},
	{"packages.lock.json", KindLockfile},
	{"gradle.lockfile", KindLockfile},
	{"flake.lock", KindLockfile},
	{"Gopkg.lock", KindLockfile},
	{"glide.lock", KindLockfile},
	{"*.lock", KindLockfile},

	// Third-party code kept in the repository.
	{"vendor/", KindVendored},
	{"third_party/", KindVendored},
	{"third-party/", KindVendored},
	{"thirdparty/", KindVendored},
	{"node_modules/", KindVendored},
	{"bower_components/", KindVendored},
	{"_vendor/", KindVendored},
	{"site-packages/", KindVendored},

	// Generated by name.
	{"*.pb.go", KindGenerated},
	{"*.pb.gw.go", KindGenerated},
	{"*_pb2.py", KindGenerated},
	{"*_pb2_grpc.py", KindGenerated},
	{"*.pb.cc", KindGenerated},
	{"*.pb.h", KindGenerated},
	{"*_generated.go", KindGenerated},
	{"zz_generated*.go", KindGenerated},
	{"*.gen.go", KindGenerated},
	{"*.min.js", KindGenerated},
	{"*.min.css", KindGenerated},
	{"*.js.map", KindGenerated},
	{"*.css.map", KindGenerated},

	// Test expectations a tool regenerates (go test -update, jest -u,
	// cargo insta, syrupy, ApprovalTests, Verify, compiletest's
	// --bless): golden files, snapshots and expected output next to the
	// tests. A person reads the test that asks for them, not each line.
	// Before testdata/, which would call them test input.
	{"*.golden", KindExpected},
	{"*.golden.*", KindExpected},
	{"golden/", KindExpected},
	{"goldens/", KindExpected},
	{"__snapshots__/", KindExpected},
	{"*.snap", KindExpected},
	{"*.ambr", KindExpected},
	{"*.approved.*", KindExpected},
	{"*.verified.*", KindExpected},
	{"*.expected", KindExpected},
	{"testdata/expected*", KindExpected},
	{"test/expected*", KindExpected},
	{"tests/expected*", KindExpected},
	{"testdata/*.out", KindExpected},
	{"test/*.out", KindExpected},
	{"tests/*.out", KindExpected},
	{"tests/*.stdout", KindExpected},
	{"tests/*.stderr", KindExpected},
	{"testdata/expected/", KindExpected},
	{"test/expected/", KindExpected},
	{"tests/expected/", KindExpected},

	// What Linguist calls vendored but a reviewer reads: CI, git's own
	// files (a .gitattributes line can hide a file from review), the
	// definitions of build machines, Debian packaging, a Fabric script.
	// (A directory named cache is handled in classify.)
	{".github/", KindConfig},
	{".gitlab-ci.yml", KindConfig},
	{".circleci/", KindConfig},
	{"testdata/", KindTest},
	{".gitignore", KindConfig},
	{".gitattributes", KindConfig},
	{".gitmodules", KindConfig},
	{"Jenkinsfile", KindConfig},
	{"Vagrantfile", KindConfig},
	{"/debian/", KindConfig},
	{"fabfile.py", KindSource},

	// Prose.
	{"*.md", KindDocs},
	{"*.mdx", KindDocs},
	{"*.rst", KindDocs},
	{"*.adoc", KindDocs},
	{"/docs/", KindDocs},
	{"/doc/", KindDocs},

	// Build and tool configuration Linguist does not call configuration.
	{"go.mod", KindConfig},
	{"go.work", KindConfig},
	{"Dockerfile", KindConfig},
	{"Makefile", KindConfig},
	{"package.json", KindConfig},
	{"Cargo.toml", KindConfig},
	{"pyproject.toml", KindConfig},
	{"requirements*.txt", KindConfig},
	{"Gemfile", KindConfig},
}

// maxLinguistPath bounds the paths given to Linguist's rules, whose cost
// grows faster than the path's length (60 KB takes a third of a second).
// Real paths are far shorter; longer ones get our rules only.
const maxLinguistPath = 512

// Classifier decides a file's Kind from its path and, when known, the first
// bytes of its content. Rules are tried in order and the first match wins;
// when none matches, GitHub Linguist's rules decide (the tables go-enry
// carries, copied into this package by go generate), but for one that no
// Rule can undo: a directory named cache is read as any other directory,
// not as vendored. What Linguist does not claim is source. Paths longer than 512 bytes get the rules only.
//
// The zero Classifier uses DefaultRules(). A Classifier is safe for
// concurrent use.
type Classifier struct {
	// Rules are tried before Linguist's; nil means DefaultRules(). To
	// extend the defaults, append to what DefaultRules returns.
	Rules []Rule `json:"rules"`

	// NoLinguist turns off the fallback to Linguist's rules: paths that
	// match no Rule are source.
	NoLinguist bool `json:"no_linguist"`

	// Attributes are the repository's .gitattributes linguist lines (see
	// ParseGitAttributes). They decide before Rules: linguist-generated,
	// linguist-vendored and linguist-documentation set the kind, and an
	// attribute set to false overrides a rule that would give that kind.
	Attributes []Attribute `json:"attributes,omitempty"`
}

// Classify returns the kind of the file at path p (slash-separated,
// relative to the repository root). content, which may be nil, is the
// beginning of the file; it lets generated-file headers such as
// "// Code generated ... DO NOT EDIT." decide.
func (c *Classifier) Classify(p string, content []byte) Kind {
	if c == nil || len(c.Attributes) == 0 {
		return c.classify(p, content)
	}
	generated, vendored, documentation := attributes(c.Attributes, p)
	switch {
	case generated != nil && *generated:
		return KindGenerated
	case vendored != nil && *vendored:
		return KindVendored
	case documentation != nil && *documentation:
		return KindDocs
	}
	k := c.classify(p, content)
	if k == KindGenerated && generated != nil || k == KindVendored && vendored != nil || k == KindDocs && documentation != nil {
		// The repository says the rules are wrong here.
		if !c.NoLinguist && linguistTest(p) {
			return KindTest
		}
		return KindSource
	}
	return k
}

func (c *Classifier) classify(p string, content []byte) Kind {
	rules := defaultRules
	noLinguist := false
	if c != nil {
		if c.Rules != nil {
			rules = c.Rules
		}
		noLinguist = c.NoLinguist
	}
	base := path.Base(p)
	if c == nil || c.Rules == nil {
		pats := defaultPatterns()
		for i := range pats {
			if pats[i].match(p, base) {
				return rules[i].Kind
			}
		}
	} else {
		for _, r := range rules {
			if pat := compilePattern(r.Pattern); pat.match(p, base) {
				return r.Kind
			}
		}
	}
	if noLinguist || p == "" || len(p) > maxLinguistPath {
		return KindSource
	}
	switch {
	case linguistGenerated(p, content):
		return KindGenerated
	case linguistVendored(p) && !ownCache(p):
		return KindVendored
	case linguistTest(p):
		return KindTest
	case linguistDocumentation(p):
		return KindDocs
	case linguistConfiguration(p), linguistDotFile(p):
		return KindConfig
	}
	return KindSource
}

// ownCache reports whether Linguist calls p vendored only for a
// directory named cache, which its vendor list takes for a tool's cache:
// in a repository such a directory is far more often a package of the
// project's own (internal/cache/, src/cache/lru.rs) than a cache checked
// in, and hiding its lines from review hides real work. A cache inside a
// directory Linguist vendors for another reason (node_modules/x/cache/)
// stays vendored.
func ownCache(p string) bool {
	if !strings.HasPrefix(p, "cache/") && !strings.Contains(p, "/cache/") {
		return false
	}
	return !linguistVendored(strings.ReplaceAll("/"+p, "/cache/", "/c/")[1:])
}
