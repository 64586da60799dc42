package workaround

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"path"
	"slices"
	"strings"

	"github.com/heft-dev/heft/diffstat"
	"github.com/heft-dev/heft/heuristics"
	"github.com/heft-dev/heft/internal/lazyre"
	"github.com/heft-dev/heft/internal/wording"
)

// This file holds the workaround scorer's scan: one pass over each file's
// hunks, with the few bits of state a language needs (imports, the
// manifest section a line is in), comments, links and what belongs to the
// project itself. The detectors are in workaround_code.go and
// workaround_manifest.go. Regular expressions are compiled once here and
// run only on lines a cheap test has let through.

// issueLinkPattern matches a link to an issue or pull request. Group 1
// is the repository on a forge.
const issueLinkPattern = `https?://(?:www\.)?((?:github\.com|gitlab\.com|codeberg\.org|bitbucket\.org|gitea\.com)/[\w.-]+/[\w.-]+)/(?:-/)?(?:issues|pull|pulls|merge_requests|pull-requests)/\d+` +
	`|https?://([\w-]+(?:\.[\w-]+)+/[\w.-]+/[\w.-]+)/-/(?:issues|merge_requests)/\d+` + // a self-hosted GitLab
	`|https?://(?:go\.dev|golang\.org)/(?:issues?|cl)/\d+` +
	`|https?://bugs\.python\.org/issue\d+` +
	`|https?://[\w.-]*bugzilla[\w.-]*/(?:[\w.-]+/)*show_bug\.cgi\?id=\d+` +
	`|https?://(?:crbug\.com|bugs\.chromium\.org|issues\.chromium\.org|bugs\.launchpad\.net|bugs\.debian\.org|sourceware\.org/bugzilla)/\S+` +
	`|https?://(?:bugs\.ruby-lang\.org/issues|bugs\.webkit\.org/show_bug\.cgi\?id=|youtrack\.jetbrains\.com/issue|developercommunity\.visualstudio\.com/t|bugs\.freebsd\.org/bugzilla|gcc\.gnu\.org/PR|llvm\.org/PR|r\.android\.com)/?\S+` +
	`|https?://[\w.-]+/(?:jira/)?browse/[A-Z][A-Z0-9]+-\d+` +
	`|https?://(?:bugs\.sun\.com|bugs\.java\.com)/\S*bug_id=\d+`

var (
	// Links to issues and pull requests: issueLinkRE anywhere,
	// issueLinkAnchoredRE at a URL's start, which is much cheaper to run
	// once per "://" than the unanchored search over a whole line.
	issueLinkRE         = lazyre.New(`(?i)\b(?:` + issueLinkPattern + `)`)
	issueLinkAnchoredRE = lazyre.New(`(?i)^(?:` + issueLinkPattern + `)`)
	// owner/repo#123, GitHub's short reference.
	shortRefRE = lazyre.New(`(?:^|[\s(\[])([A-Za-z0-9][\w.-]*/[\w.-]+)#(\d+)\b`)
	// A repository named by URL or module path, for copied code and
	// comments.
	repoRE   = lazyre.New(`(?i)\b(?:https?://)?(?:www\.)?((?:github\.com|gitlab\.com|codeberg\.org|bitbucket\.org)/[\w.-]+/[\w.-]+|golang\.org/x/[\w.-]+|go\.googlesource\.com/[\w.-]+|cs\.opensource\.google/go/[\w.-]+(?:/[\w.-]+)?)`)
	anyURLRE = lazyre.New(`\bhttps?://[\w.-]+(?:/[\w.%~+-]+){1,2}`)

	// Comments that say they work around something.
	workaroundWordsRE = lazyre.New(`(?i)\b(?:work(?:s|ing|ed)?[- ]?arounds?|hack(?:s|y|ish|ed)?|monkey[- ]?patch\w*|until upstream\b.{0,40}?\b(?:fix|release|merge|land|ship|support|accept|resolve)\w*|upstream(?:'s)? (?:bug|issue|fix|regression|problem)|(?:bug|regression)s? (?:in|with) |remove (?:this|it|me|once|when|after)\b.{0,80}?\b(?:fixed|merged|released|resolved|lands?|upgraded))`)
	upstreamWordRE    = lazyre.New(`(?i)\bupstream\b`)
	bugInRE           = lazyre.New(`(?i)\b(?:bug|bugs|regression|issue|problem|breakage|quirk)s? (?:in|with|of) (@?[A-Za-z][\w./@-]*[\w])`)
	reportedRE        = lazyre.New(`(?i)\b(?:reported|filed|opened|raised|tracked|fixed) (?:upstream )?(?:at|in|as|upstream|by)\b`)
	copiedRE          = lazyre.New(`(?i)\b(?:copied|adapted|vendored|ported|taken|forked|derived|borrowed|lifted|backported)\b[^.;]{0,40}?\bfrom\b(?:\s+(?:the\s+)?(@?[A-Za-z][\w./@-]*[\w]))?`)
	copyrightRE       = lazyre.New(`(?i)^[\s/#*;!-]*copyright\s*(?:\(c\)|©)?\s*(?:\d{4}(?:\s*[-–,]\s*\d{4})*,?\s+)?(?:by\s+)?(.+?)[\s.]*(?:all rights reserved\.?)?[\s*/]*$`)
	partOfRE          = lazyre.New(`(?i)^[\s/#*;!-]*this file is (?:a )?part of (?:the )?(.+?)(?:\s+(?:project|library|package|software))?\s*[.,]`)
	bugCiteRE         = lazyre.New(`(?i)\b(?:bug\w*|broken|breaks|regression|crash\w*|issues?|incompatib\w*|segfault\w*|leak\w*|cve-\d+-\d+|see)\b|https?://|#\d+`)

	// go.mod, read a line at a time when modfile cannot parse the hunk.
	goReplaceLineRE = lazyre.New(`^\s*(?:replace\s+)?(\S+?)(?:\s+(v\S+))?\s*=>\s*(\S+)(?:\s+(\S+))?\s*$`)
	goExcludeLineRE = lazyre.New(`^\s*(?:exclude\s+)?(\S+)\s+(v\S+)\s*$`)
	goRequireLineRE = lazyre.New(`^\s*(?:require\s+)?([\w.-]+\.[\w.-]+/\S+)\s+v\S+`)
	goModuleLineRE  = lazyre.New(`^\s*module\s+"?([^\s"]+)"?`)
	goLinknameRE    = lazyre.New(`^\s*//go:linkname\s+(\S+)\s+(\S+)`)
	goImportLineRE  = lazyre.New(`^\s*(?:import\s+)?(?:[\w.]+\s+)?"([^"]+)"`)

	// Python.
	pyImportRE     = lazyre.New(`^\s*import\s+(.+)$`)
	pyFromImportRE = lazyre.New(`^\s*from\s+([\w.]+)\s+import\s+(.+)$`)
	pyAssignRE     = lazyre.New(`^\s*([A-Za-z_]\w*(?:\.[A-Za-z_]\w*)+)\s*=\s*([^=\s].*)$`)
	pySetattrRE    = lazyre.New(`(?:^|[^\w.])setattr\(\s*([A-Za-z_][\w.]*)\s*,\s*(?:['"](\w+)['"])?`)
	pyMockRE       = lazyre.New(`(?:^|[^\w])((?:mock\.)?patch)(?:\.object|\.dict|\.multiple)?\(\s*(?:['"]([\w.]+)['"]|([A-Za-z_][\w.]*))`)

	// JavaScript and TypeScript.
	jsFromRE     = lazyre.New(`\bfrom\s*['"]([^'"]+)['"]`)
	jsRequireRE  = lazyre.New(`^\s*(?:const|let|var|import)\s+(?:([\w$]+)|\{([^}]*)\})\s*=\s*require\(\s*['"]([^'"]+)['"]\s*\)`)
	jsAssignRE   = lazyre.New(`^\s*([A-Za-z_$][\w$]*)((?:\.[\w$]+|\[['"][\w$]+['"]\])+)\s*=\s*([^=>].*)$`)
	jsReqAssign  = lazyre.New(`require\(\s*['"]([^'"]+)['"]\s*\)((?:\.[\w$]+)+)\s*=[^=]`)
	jsDefineRE   = lazyre.New(`\bObject\.(?:defineProperty|defineProperties|assign)\(\s*([A-Za-z_$][\w$]*)((?:\.[\w$]+)*)\s*,`)
	jsFuncRHSRE  = lazyre.New(`^(?:async\s+)?function\b|^(?:async\s*)?\([^)]*\)\s*(?::\s*[^=]+)?=>|^(?:async\s+)?[\w$]+\s*=>|\.bind\(|(?i)^[\w$.]*(?:patch|wrap|fix|shim|polyfill|orig)`)
	rustUseRE    = lazyre.New(`^\s*(?:pub(?:\([\w ]+\))?\s+)?(?:use\s+(?:::)?|extern\s+crate\s+)(\w+)`)
	rubyReqRE    = lazyre.New(`^\s*require\s*\(?\s*['"]([^'"]+)['"]`)
	rubyReopenRE = lazyre.New(`^(?:class|module)\s+((?:::)?[A-Z]\w*(?:::[A-Z]\w*)*)\s*(<)?`)
	rubyEvalRE   = lazyre.New(`\b([A-Z]\w*(?:::[A-Z]\w*)*)\.(?:class_eval|module_eval|class_exec|module_exec|prepend|singleton_class\.prepend|send\(\s*:(?:prepend|include|define_method|alias_method|remove_method|undef_method))\b`)

	// Manifests.
	tomlSectionRE = lazyre.New(`^\s*\[{1,2}\s*([^\]]+?)\s*\]{1,2}\s*(?:#.*)?$`)
	tomlGitRE     = lazyre.New(`^\s*"?([\w.-]+)"?\s*=\s*\{[^}]*\b(git|path|github)\s*=\s*["']([^"']+)["']`)
	tomlEntryRE   = lazyre.New(`^\s*"?([\w.:-]+)"?\s*=`)
	pipGitRE      = lazyre.New(`(?i)(?:^|[\s@="'])((?:git|hg|svn|bzr)\+[a-z]+://[^\s"',;]+|git://[^\s"',;]+)`)
	pipNameRE     = lazyre.New(`^\s*["']?(?:-e\s+)?([A-Za-z0-9][\w.-]*)(?:\[[^\]]*\])?\s*(?:@|[=!<>~]=?|;|$)`)
	eggRE         = lazyre.New(`#egg=([\w.-]+)`)
	excludeVerRE  = lazyre.New(`!=\s*["']?v?\d`)
	gemLineRE     = lazyre.New(`^\s*gem\s*\(?\s*['"]([\w.-]+)['"](.*)$`)
	gemSourceRE   = lazyre.New(`(?:\b(git|github|gist|bitbucket|path):|:(git|github|path)\s*=>)\s*['"]([^'"]+)['"]`)
	gemGitBlockRE = lazyre.New(`^\s*git\s*\(?\s*['"]([^'"]+)['"]`)
	jsonKeyObjRE  = lazyre.New(`^\s*"([^"]+)"\s*:\s*\{`)
	jsonEntryRE   = lazyre.New(`^\s*"([^"]+)"\s*:\s*"([^"]*)"`)
	dep3RE        = lazyre.New(`(?i)^(Forwarded|Bug|Applied-Upstream|Origin):\s*(.*?)\s*$`)
)

// wkind is how the scanner reads a file.
type wkind uint8

const (
	wkOther wkind = iota
	wkGoMod
	wkGo
	wkCargo
	wkRust
	wkPackageJSON
	wkJS
	wkPython
	wkPyManifest
	wkGemfile
	wkRuby
	wkSlashComments // C-like languages the scanner only reads comments of
	wkHashComments  // shell, YAML, TOML and the like
	wkPnpmWorkspace // pnpm-workspace.yaml
)

// wfinding is a finding with what the scanner needs to merge it.
type wfinding struct {
	Finding
	comment  bool // from a comment: merged into a nearby finding about the same thing
	upstream bool // the comment says "upstream" without naming the dependency
	identity bool // a copyright holder or "part of" project, checked against the project's own
	person   bool // an identity that is a copyright held by people (isPerson)
}

type fileLink struct {
	line int
	url  string
}

type vendoredDep struct {
	name       string // the dependency as reported
	token      string // what a manifest line names it by
	path, snip string // the first added line of a hand-edited file
	line       int
	edited     int // modified files with added lines
	added      int // lines added in them
	revendored bool
}

// workaroundScan is one Score call's state.
type workaroundScan struct {
	s   *Scorer
	cfg Config
	c   *heuristics.Contribution

	ownRepos      map[string]bool // repositories whose links are not upstream, lower-case
	topDirs       map[string]bool // top-level directories of the diff's paths
	ownModules    map[string]bool // module paths and package names of the project, lower-case
	descLinks     []fileLink
	vendored      map[string]*vendoredDep
	vendOrder     []string
	goModHunks    map[int][]diffstat.Hunk
	patchNames    map[string]string // patch file → the package patchedDependencies says it patches
	patchFallback map[string]string // patch file → patchSubject, for one patchNames does not name
	holders       []string          // the project's copyright holders and names, lower-case
	ownPeople     bool              // a person is among the project's own holders (see perAuthor)
	ownCollective bool              // a collective ("The X Authors") is among them
	identities    []wfinding
	filesLeft     int // pass 2: the files not yet scanned, this one included
	findings      []Finding

	ctxFirst    ctxHit   // the diff's first added line
	ctxPlatform ctxHit   // the first added line outside tests that branches on a platform, when msgWords
	msgWords    bool     // the title, description or a commit message says workaround in words
	title       string   // the change's title, or its first commit's subject when it has none
	titleNames  []string // what the title's "work around ..." clause names (see aroundNames)
	titleHit    ctxHit   // the first added comment that names one of titleNames
	ctxPins     []ctxHit // version lines of manifests
	ctxComments []ctxHit // comments that say workaround
	ctxImports  []ctxImport
	oldPins     map[string]string // dependency → the version a deleted line of a pin file set

	ownTerms    map[string]bool // Subjects of upstreamWords that name the project or its owner ("tool:homebrew" in Homebrew/brew)
	ownIdents   map[string]bool // the names of the diff's files and directories, lower-case, built on first use (ownIdent)
	msgName     string          // a name the title gives a version ("uvloop 0.10 workaround"), lower-case
	msgNameSeen bool            // an added line of the diff says msgName
	msgPin      bool            // the title pins something for a reason: every file's version lines count
	notCI       bool            // a file with added lines is not a CI configuration

	swapRemoved    map[string]string   // swapKey → dependency, from deleted import lines
	catchHit       ctxHit              // the first added catch of a third party's exception, when the message says workaround
	codeLink       ctxHit              // the first added comment that links another repository's issue, outside tests
	goneDeps       []string            // dependencies of files the change deletes or only shortens, when the message says workaround
	swapAdded      map[string]swapSite // swapKey → where an added line imports it
	swapAddedOrder []string            // added dependencies, in diff order
}

func newWorkaroundScan(s *Scorer, c *heuristics.Contribution) *workaroundScan {
	sc := &workaroundScan{s: s, cfg: s.cfg, c: c, vendored: map[string]*vendoredDep{}, goModHunks: map[int][]diffstat.Hunk{},
		topDirs: map[string]bool{}, ownRepos: map[string]bool{}, ownModules: map[string]bool{}, patchNames: map[string]string{}, patchFallback: map[string]string{},
		swapRemoved: map[string]string{}, swapAdded: map[string]swapSite{}}
	if r := normRepo(s.cfg.Repository); r != "" {
		sc.ownRepos[r] = true
		for i, w := range [...]string{path.Base(r), path.Base(path.Dir(r))} {
			if sub, ok := upstreamWords()[w]; ok && strings.Contains(r, "/") && (i == 0 || ownerIsProject(w)) {
				if sc.ownTerms == nil {
					sc.ownTerms = map[string]bool{}
				}
				sc.ownTerms[sub] = true
			}
		}
	}
	for _, m := range s.cfg.OwnModules {
		sc.addOwnModule(m)
	}
	sc.msgName = versionedName(c)
	sc.msgPin = msgPins(c)
	sc.msgWords = ctxWords(c.Title+"\n"+c.Body) || slices.ContainsFunc(c.Commits, func(cm heuristics.Commit) bool { return ctxWords(cm.Message) })
	sc.titleNames = aroundNames(c.Title)
	sc.title = c.Title
	if sc.title == "" && len(c.Commits) > 0 {
		sc.title, _, _ = strings.Cut(c.Commits[0].Message, "\n")
	}
	for _, h := range s.cfg.CopyrightHolders {
		if n := normHolder(h); n != "" {
			sc.holders = append(sc.holders, n)
			sc.ownHolder(h)
		}
	}
	return sc
}

func (sc *workaroundScan) enabled(rule string) bool { return sc.s.weights[rule] > 0 }

func (sc *workaroundScan) run(ctx context.Context) error {
	files := sc.c.Diff.Files
	// Pass 1, paths and go.mod: the project's own modules and packages,
	// and the vendored dependencies whose manifests pass 2 checks.
	for i, f := range files {
		if f == nil {
			return fmt.Errorf("workaround: file %d of the diff is nil", i)
		}
		if f.Added < 0 || f.Deleted < 0 {
			return fmt.Errorf("workaround: %s: impossible line counts +%d -%d", f.Path(), f.Added, f.Deleted)
		}
		p := f.NewPath
		if p == "" {
			continue
		}
		if top, _, ok := strings.Cut(p, "/"); ok {
			sc.topDirs[top] = true
		}
		if path.Base(p) == "go.mod" && !isVendoredPath(p) {
			hunks, err := f.Hunks()
			if err != nil {
				return fmt.Errorf("workaround: %w", err)
			}
			sc.goModHunks[i] = hunks
			sc.learnGoModule(hunks)
		}
		if strings.HasSuffix(p, ".py") && !isVendoredPath(p) && !isTestPath(p) {
			sc.addOwnModule(pyTopPackage(p))
		}
		if dep, ok := vendoredDependency(p); ok && sc.enabled(ruleVendoredEdit) {
			if sc.vendored[dep.token] == nil {
				d := dep
				sc.vendored[dep.token] = &d
				sc.vendOrder = append(sc.vendOrder, dep.token)
			}
		}
	}
	for _, text := range sc.descriptionTexts() {
		if len(sc.descLinks) >= maxDescLinks {
			break
		}
		sc.descLinks = appendLinks(sc.descLinks, 0, text, true)
	}

	// Pass 2: every file's added lines.
	for i, f := range files {
		if err := ctx.Err(); err != nil {
			return err
		}
		sc.filesLeft = len(files) - i
		if err := sc.file(i, f); err != nil {
			return err
		}
	}

	// Vendored dependencies edited by hand, and copied files: at most a
	// finding each, room made for all at once rather than by doubling an
	// array of large structs through a diff of thousands of them.
	sc.findings = slices.Grow(sc.findings, len(sc.vendOrder)+len(sc.identities))
	for _, tok := range sc.vendOrder {
		d := sc.vendored[tok]
		if d.edited == 0 || d.revendored {
			continue
		}
		what := "a hand edit to the vendored copy of " + d.name
		if d.edited > 1 {
			what += fmt.Sprintf(" (%d files)", d.edited)
		}
		sc.add(Finding{Rule: ruleVendoredEdit, Path: d.path, Line: d.line, Snippet: d.snip, Dependency: d.name, What: what})
	}
	if len(sc.holders) > 0 {
		named := sc.headerNamed()
		for _, f := range sc.identities {
			if sc.ownIdentity(f.Dependency) {
				continue
			}
			if f.person && (sc.perAuthor() || named[f.Path]) {
				// A contributor's own file, in a project whose files carry
				// their authors' names; or a file whose header names the
				// project or organisation it came from, which the finding
				// about it names.
				continue
			}
			sc.add(f.Finding)
		}
	}
	sc.contextFindings()
	// Links in the description or commits that point at a dependency's
	// tracker count for every finding about it.
	for i := range sc.findings {
		f := &sc.findings[i]
		if f.Rule == rulePatchFile && f.Dependency == "upstream" {
			name := sc.patchNames[f.Path]
			if name == "" {
				name = sc.patchFallback[f.Path]
			}
			if name != "" {
				f.Dependency = name
				if !strings.HasPrefix(name, "path:") {
					f.What = "a patch file for " + subjectName(name)
				}
			}
		}
		if f.Upstream == "" && f.Dependency != "" {
			f.Upstream = sc.linkFor(f.Dependency, sc.descLinks)
		}
	}
	slices.SortStableFunc(sc.findings, func(a, b Finding) int {
		if c := strings.Compare(a.Path, b.Path); c != 0 {
			return c
		}
		return a.Line - b.Line
	})
	return nil
}

func (sc *workaroundScan) add(f Finding) {
	if sc.enabled(f.Rule) {
		sc.findings = append(sc.findings, f)
	}
}

func (sc *workaroundScan) descriptionTexts() []string {
	texts := []string{sc.c.Title, sc.c.Body}
	for _, cm := range sc.c.Commits {
		texts = append(texts, cm.Message)
	}
	return texts
}

// learnGoModule records the module path a go.mod declares, from its
// lines or from git's hunk header ("@@ -3,3 +3,6 @@ module x").
func (sc *workaroundScan) learnGoModule(hunks []diffstat.Hunk) {
	addMod := sc.addOwnModule
	for _, h := range hunks {
		if m := goModuleLineRE.FindStringSubmatch(h.Section); m != nil {
			addMod(m[1])
		}
		for _, l := range h.Lines {
			if l.Op != diffstat.LineDeleted && strings.HasPrefix(strings.TrimSpace(l.Text), "module") {
				if m := goModuleLineRE.FindStringSubmatch(l.Text); m != nil {
					addMod(m[1])
				}
			}
		}
	}
}

// file scans one file's hunks.
func (sc *workaroundScan) file(i int, f *diffstat.File) error {
	p := f.NewPath
	if p == "" || f.Op == diffstat.OpDeleted || f.Binary || f.Added == 0 {
		if sc.msgWords && !f.Binary {
			return sc.goneImports(f)
		}
		return nil // removing a workaround is never a concern
	}
	if !isCIPath(p) {
		sc.notCI = true
	}
	example := f.Kind == diffstat.KindDocs && isExampleCode(p)
	docsPins := f.Kind == diffstat.KindDocs && isManifestPath(p) // docs/requirements.txt: the documentation build's pins
	if f.Kind == diffstat.KindGenerated || f.Kind == diffstat.KindDocs && !example && !docsPins {
		if f.Kind == diffstat.KindDocs && sc.ctxFirst.path == "" {
			// The message rule still needs a place to point at when the
			// change is only documentation.
			_ = f.EachHunk(func(h *diffstat.Hunk) error { return sc.firstAdded(p, h) })
		}
		return nil
	}
	// Hunks are read one at a time (File.EachHunk), so the scan holds one
	// hunk of a file, never the file; go.mod's were read whole in pass 1.
	hunks := hunkSource(f.EachHunk)
	if h, ok := sc.goModHunks[i]; ok {
		hunks = sliceHunks(h)
	}
	wrap := func(err error) error {
		if err != nil {
			return fmt.Errorf("workaround: %s: %w", p, err)
		}
		return nil
	}
	if isPatchPath(p) {
		if !isTestPath(p) && f.Kind != diffstat.KindTest {
			return wrap(sc.patchFile(f, hunks))
		}
		return nil
	}
	if dep, ok := vendoredDependency(p); ok {
		return wrap(sc.vendoredFile(f, dep, hunks))
	}
	if isVendoredPath(p) {
		return wrap(sc.manifestLines(hunks)) // vendor/modules.txt and the like
	}
	if isManifestPath(p) {
		if err := sc.manifestLines(hunks); err != nil {
			return wrap(err)
		}
	}
	fs := &fileScan{sc: sc, f: f, path: p, kind: fileKind(p), test: f.Kind == diffstat.KindTest || isTestPath(p) || example,
		header: f.Op == diffstat.OpAdded, pin: sc.msgPin || isPinPath(p), imports: map[string]string{}, guessed: map[string]bool{}, locals: map[string]bool{}, lineDeps: map[int]string{}}
	switch fs.kind {
	case wkGo, wkGoMod, wkPython, wkJS, wkRuby, wkGemfile, wkRust, wkCargo:
		fs.swaps = !fs.test && sc.enabled(ruleSwap)
	}
	fs.build = isBuildPath(p)
	fs.lock.on = isTOMLLock(p)
	if isFlakePath(p) {
		fs.flake = true
		fs.swaps = sc.enabled(ruleSwap)
	}
	fs.defensive = !fs.test && sc.enabled(ruleDefensive)
	firstComment, firstPin := len(sc.ctxComments), len(sc.ctxPins)
	if err := fs.scan(hunks); err != nil {
		return wrap(err)
	}
	fs.resolveCtx(firstComment, firstPin)
	fs.noteImports()
	fs.finish()
	return nil
}

// maxGone bounds the dependencies goneImports keeps.
const maxGone = 64

// goneImports records the dependencies a file the change deletes or only
// shortens imports or declares, for removedWorkaround: a message that
// calls something a hack may be saying what the change removes.
func (sc *workaroundScan) goneImports(f *diffstat.File) error {
	p := f.OldPath
	if p == "" {
		p = f.NewPath
	}
	fs := &fileScan{sc: sc, f: f, path: p, kind: fileKind(p)}
	switch fs.kind {
	case wkGo, wkGoMod, wkPython, wkJS, wkRuby, wkGemfile, wkRust, wkCargo:
	default:
		return nil
	}
	err := f.EachHunk(func(h *diffstat.Hunk) error {
		for _, l := range h.Lines {
			if l.Op != diffstat.LineDeleted || len(l.Text) > sc.cfg.MaxLineBytes || len(sc.goneDeps) >= maxGone {
				continue
			}
			if dep := fs.importedDep(strings.TrimSuffix(l.Text, "\r")); dep != "" && !slices.Contains(sc.goneDeps, dep) {
				sc.goneDeps = append(sc.goneDeps, dep)
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("workaround: %s: %w", p, err)
	}
	return nil
}

// firstAdded records the first added line of a file the rules do not
// read, for the message rule.
func (sc *workaroundScan) firstAdded(p string, h *diffstat.Hunk) error {
	for _, l := range h.Lines {
		if l.Op == diffstat.LineAdded && strings.TrimSpace(l.Text) != "" && len(l.Text) <= sc.cfg.MaxLineBytes {
			sc.ctxFirst = ctxHit{path: p, line: l.New, snippet: wording.Snippet(l.Text, 200)}
			return errStop
		}
	}
	return nil
}

// hunkSource hands a file's hunks to fn one at a time: File.EachHunk, or
// sliceHunks over hunks already read.
type hunkSource func(fn func(h *diffstat.Hunk) error) error

// sliceHunks is a hunkSource over hunks already read.
func sliceHunks(hunks []diffstat.Hunk) hunkSource {
	return func(fn func(h *diffstat.Hunk) error) error {
		for i := range hunks {
			if err := fn(&hunks[i]); err != nil {
				return err
			}
		}
		return nil
	}
}

// errStop ends a walk over hunks early; it never leaves the scan.
var errStop = errors.New("workaround: stop")

// isCIPath reports whether a path is a CI service's configuration.
func isCIPath(p string) bool {
	b := path.Base(p)
	return strings.HasPrefix(p, ".github/workflows/") || strings.HasPrefix(p, ".github/actions/") || strings.HasPrefix(p, ".circleci/") ||
		b == ".travis.yml" || b == ".gitlab-ci.yml" || b == "azure-pipelines.yml" || b == ".cirrus.yml" || b == "appveyor.yml" || b == "Jenkinsfile"
}

// Bounds that keep the scan linear on hostile input.
const (
	maxImports   = 256 // import names a file's scan keeps
	maxHolders   = 64  // copyright holders kept for comparison
	maxDescLinks = 256 // links kept from the description and commits
)

// fileScan is the state of one file's scan.
type fileScan struct {
	blameWait  [3]blameComment // comments that may blame a platform, waiting for a branch below them (by line mod 3)
	blameLast  int             // the last line of the newest one's comment block
	title      titleBlock      // the comment block being read, for a name of the title's workaround clause
	skipCall   int             // the line of a test's skip call whose reason is not on it
	tryLine    int             // the last added line that opens a try block, when the message says workaround
	oldReopens []string        // Ruby constants a deleted line of the file reopened or patched

	sc     *workaroundScan
	f      *diffstat.File
	path   string
	kind   wkind
	test   bool
	header bool // an added file: its first lines are its header

	imports  map[string]string // local name → qualified import ("requests.Session")
	guessed  map[string]bool   // imports known only from use ("mux.NewRouter"), not from an import line
	locals   map[string]bool   // Go names a line declares: never guessed to be packages
	lineDeps map[int]string    // new line → the dependency a manifest line names
	links    []fileLink        // issue links on visible lines
	found    []wfinding

	// Block state of manifests, from visible lines.
	section    string   // TOML section
	goBlock    string   // go.mod block verb: "replace", "exclude", "require"
	jsonBlock  string   // package.json block: "overrides", "resolutions", "patchedDependencies", "deps"
	jsonDepth  int      // brace depth inside jsonBlock
	jsonKeys   []string // keys of objects open inside jsonBlock
	goImports  bool     // inside a Go import block
	jsPending  string   // a multi-line JS import's bindings so far
	pyPending  string   // a parenthesised Python from-import: the module
	inPending  bool
	lastBugCmt int  // new line of the last added comment that cites a bug
	pin        bool // a file where versions are pinned
	swaps      bool // a file whose import or manifest lines the swap rule reads
	lastReason int  // new line of the last added comment that gives a reason
	lastStrong int  // new line of the last added comment of a reason block that says workaround or links an issue
	lock       lockState
	envWait    envWait // a workaround comment naming nothing, above a branch on an environment variable

	renovateNames bool   // the line above opened renovate's "matchPackageNames": [
	lastURL       int    // new line of the last line with a URL, in a pin file
	lastURLRepo   string // the repository that URL names, if any
	lastURLHost   string // that URL's host

	flake      bool         // a file of Nix flake inputs: flake.nix, devenv.yaml
	build      bool         // a build script, CI file or manifest (isBuildPath)
	bareLink   ctxHit       // a comment above that is only another project's issue link
	defensive  bool         // the defensive-wrapper rule reads this file
	recentCode [3]codeLine  // the last added lines of code, by line number mod 3
	defPending []defComment // comments waiting for a wrapper line below them
	retouched  bool         // the added line only retouches the deleted line it replaces (see sameText)
}

func (fs *fileScan) scan(hunks hunkSource) error {
	maxLen := fs.sc.cfg.MaxLineBytes
	gomod := fs.kind == wkGoMod
	return hunks(func(h *diffstat.Hunk) error {
		fs.resetBlocks()
		if (fs.kind == wkGoMod || fs.kind == wkPnpmWorkspace) && h.Section != "" {
			// git's hunk header quotes the enclosing block: "replace (",
			// "patchedDependencies:".
			fs.visible(0, h.Section, false)
		}
		if fs.kind == wkGo && strings.HasPrefix(h.Section, "import (") {
			fs.goImports = true // the hunk starts inside the import block
		}
		hunkParsed := gomod && fs.goModParse(h)
		// A run of deleted lines and the added lines after it: the k-th
		// added line replaces the k-th deleted one.
		delStart, delRun, addRun := 0, 0, 0
		for li := range h.Lines {
			l := &h.Lines[li]
			switch l.Op {
			case diffstat.LineDeleted:
				if addRun > 0 || delRun == 0 {
					delStart, delRun, addRun = li, 0, 0
				}
				delRun++
			case diffstat.LineAdded:
				fs.retouched = addRun < delRun && sameText(h.Lines[delStart+addRun].Text, l.Text)
				addRun++
			default:
				delRun, addRun = 0, 0
			}
			if len(l.Text) > maxLen {
				continue
			}
			if fs.lock.on && l.Op != diffstat.LineAdded {
				fs.lockLine(l.New, l.Op, l.Text)
			}
			if l.Op == diffstat.LineDeleted {
				if fs.kind == wkRuby && !fs.test {
					fs.oldReopen(l.Text)
				}
				if fs.swaps {
					fs.swapLine(l.Old, strings.TrimSuffix(l.Text, "\r"), true)
				}
				if fs.pin {
					fs.oldPin(strings.TrimSuffix(l.Text, "\r"))
				}
				continue
			}
			text := strings.TrimSuffix(l.Text, "\r")
			if fs.lock.on && l.Op == diffstat.LineAdded {
				fs.lockLine(l.New, l.Op, text)
			}
			if strings.Contains(text, "://") {
				fs.links = appendLinks(fs.links, l.New, text, false)
				if fs.pin {
					fs.lastURL = l.New
					fs.lastURLRepo, fs.lastURLHost = "", ""
					if u, err := url.Parse(anyURLRE.FindString(text)); err == nil {
						fs.lastURLHost = u.Host
					}
					if m := repoRE.FindStringSubmatch(text); m != nil {
						fs.lastURLRepo = normRepo(m[1])
					}
				}
			}
			if l.Op == diffstat.LineContext && (strings.Contains(text, "opyright") || strings.Contains(text, "part of")) {
				fs.sc.learnHolder(text) // the project's own notices
			}
			fs.visible(l.New, text, l.Op == diffstat.LineAdded)
			if l.Op == diffstat.LineAdded {
				fs.added(l.New, text, hunkParsed)
			}
		}
		return nil
	})
}

// versionAfter reports whether s, the text after a name, starts with
// its version: " 0.15", " version (1.11.2)", " v2".
func versionAfter(s string) bool {
	s = strings.TrimLeft(s, " ")
	if r, ok := strings.CutPrefix(s, "version"); ok {
		s = strings.TrimLeft(r, " ")
	}
	s = strings.TrimPrefix(strings.TrimPrefix(s, "("), "v")
	return s != "" && s[0] >= '0' && s[0] <= '9'
}

// sameText reports whether an added line only retouches a deleted one:
// the same text but for spacing and trailing punctuation. A "copied
// from" note so retouched marks code the project already had.
func sameText(deleted, added string) bool {
	trim := func(s string) string { return strings.TrimRight(strings.TrimSpace(s), ".,;:! \t\r") }
	return trim(deleted) == trim(added)
}

func (fs *fileScan) resetBlocks() {
	fs.section, fs.goBlock, fs.jsonBlock, fs.jsonDepth, fs.jsonKeys = "", "", "", 0, fs.jsonKeys[:0]
	fs.goImports, fs.inPending = false, false
}

// visible reads context and added lines for state: imports, sections.
func (fs *fileScan) visible(n int, text string, added bool) {
	if len(fs.imports) >= maxImports {
		// Enough names to go by; more would make each comment's lookup
		// costly on a generated file.
		if fs.kind != wkGoMod && fs.kind != wkPackageJSON && fs.kind != wkCargo && fs.kind != wkPyManifest {
			return
		}
	}
	switch fs.kind {
	case wkPython:
		fs.pyImports(text)
	case wkJS:
		fs.jsImports(text)
	case wkGo:
		fs.goImportLine(text)
		if strings.Contains(text, ".") {
			fs.goQualifiers(text)
		}
	case wkRust:
		if m := rustUseRE.FindStringSubmatch(text); m != nil {
			switch m[1] {
			case "crate", "self", "super":
			default:
				fs.imports[m[1]] = m[1]
			}
		}
	case wkRuby:
		if strings.Contains(text, "require") {
			if m := rubyReqRE.FindStringSubmatch(text); m != nil {
				fs.imports[m[1]] = m[1]
			}
		}
	case wkCargo, wkPyManifest:
		if m := tomlSectionRE.FindStringSubmatch(text); m != nil {
			fs.section = m[1]
		}
	case wkGoMod:
		t := strings.TrimSpace(stripComment(text, "//"))
		switch {
		case strings.HasSuffix(t, "("):
			fs.goBlock = strings.TrimSpace(strings.TrimSuffix(t, "("))
		case t == ")":
			fs.goBlock = ""
		}
		if m := goRequireLineRE.FindStringSubmatch(t); m != nil {
			fs.lineDeps[n] = m[1]
		}
	case wkPackageJSON:
		fs.jsonLine(n, text, added)
	case wkPnpmWorkspace:
		fs.yamlLine(n, text, added)
	}
}

// added runs the rules on an added line.
func (fs *fileScan) added(n int, text string, goModParsed bool) {
	switch fs.kind {
	case wkGoMod:
		if !goModParsed {
			fs.goModLine(n, text)
		}
		fs.goExclude(n, text)
	case wkGo:
		if strings.HasPrefix(strings.TrimSpace(text), "//go:linkname") {
			fs.goLinkname(n, text)
		}
	case wkCargo:
		fs.cargoLine(n, text)
	case wkPyManifest:
		fs.pyManifestLine(n, text)
	case wkGemfile:
		fs.gemfileLine(n, text)
	case wkPython:
		if !fs.test {
			fs.pyLine(n, text)
		}
	case wkJS:
		if !fs.test {
			fs.jsLine(n, text)
		}
	case wkRuby:
		if !fs.test {
			fs.rubyLine(n, text)
		}
	}
	c := fs.comment(text)
	if c != "" {
		fs.commentLine(n, text, c)
	}
	if fs.header && n <= fs.sc.cfg.HeaderLines {
		fs.headerLine(n, text)
	}
	if fs.swaps {
		fs.swapLine(n, text, false)
	}
	if sc := fs.sc; sc.msgName != "" && !sc.msgNameSeen && wording.ContainsFold(text, sc.msgName) {
		sc.msgNameSeen = true
	}
	dc := c
	if dc == "" && fs.kind == wkOther {
		dc = genericComment(text)
	}
	fs.defensiveLine(n, text, dc)
	if fs.sc.msgWords && fs.defensive && fs.sc.catchHit.subject == "" && (dc == "" || !commentOnly(text)) {
		fs.catchLine(n, text)
	}
	if !fs.test {
		fs.platformBlame(n, text, dc)
	}
	if fs.lastURL != 0 && strings.Contains(text, "patch") {
		fs.downloadedPatch(n, text)
	}
	fs.ctxLine(n, text, c)
}

// applyPatchRE recognises a command that applies a patch.
var applyPatchRE = lazyre.New(`\bpatch\s+(?:-[\w-]+\s+)*-p\s?\d|\bpatch\s+(?:-[\w-]+\s+)*-i\b|\bgit apply\b`)

// downloadedPatch reports a CI step or script that applies a patch it
// has just downloaded (a URL on this line or the three above): a patch of
// a dependency kept in the build rather than in the repository.
func (fs *fileScan) downloadedPatch(n int, text string) {
	if !fs.pin || fs.lastURL == 0 || fs.lastURL < n-3 || !applyPatchRE.MatchString(text) {
		return
	}
	dep := "upstream"
	if fs.lastURLRepo != "" && !fs.sc.ownRepo(fs.lastURLRepo) {
		dep = repoSubject(fs.lastURLRepo)
	} else if fs.lastURLRepo != "" {
		return // the project's own patch
	}
	if dep == "upstream" && fs.lastURLHost != "" {
		dep = "url:" + fs.lastURLHost // the site the build downloads it from
	}
	what := "a downloaded patch applied to " + dep
	if dep == "upstream" {
		what = "a downloaded patch applied in the build"
	}
	fs.finding(rulePatchFile, n, text, dep, what)
}

func (fs *fileScan) addFinding(f wfinding) {
	f.Path = fs.path
	if len(f.Snippet) > 200 {
		f.Snippet = f.Snippet[:200]
	}
	fs.found = append(fs.found, f)
}

func (fs *fileScan) finding(rule string, n int, text, dep, what string) {
	if rule == ruleGitDependency && fs.sc.ownOwnerSource(text) {
		return // a package the project's owner keeps in another repository of its own
	}
	fs.addFinding(wfinding{Finding: Finding{Rule: rule, Line: n, Snippet: strings.TrimSpace(text), Dependency: dep, What: what}})
}

// finish merges comments into the findings they explain, resolves the
// dependencies and links of what is left, and hands the findings over.
func (fs *fileScan) finish() {
	sc := fs.sc
	var out, comments []wfinding
	for _, f := range fs.found {
		switch {
		case f.identity:
			if sc.enabled(f.Rule) {
				if len(sc.identities) == cap(sc.identities) {
					// Room for one a file still to scan: a diff of
					// thousands of new files, each under a notice, fills
					// it once instead of doubling it a dozen times.
					sc.identities = slices.Grow(sc.identities, sc.filesLeft)
				}
				sc.identities = append(sc.identities, f)
			}
		case f.comment:
			comments = append(comments, f)
		default:
			out = append(out, f)
		}
	}
	byLine := func(a, b wfinding) int { return a.Line - b.Line }
	slices.SortStableFunc(out, byLine)

	// Both lists are in line order: a moving window keeps this linear.
	j := 0
	var kept []wfinding
	var dropped wfinding
	lastKept := 0 // the line of the last comment folded into kept
	for _, cm := range comments {
		for j < len(out) && out[j].Line < cm.Line-1 {
			j++
		}
		merged := false
		for k := j; k < len(out) && out[k].Line <= cm.Line+4; k++ {
			o := &out[k]
			if cm.Dependency == "" || cm.Dependency == o.Dependency || depMatchesRepo(o.Dependency, cm.Dependency) {
				if o.Upstream == "" {
					o.Upstream = cm.Upstream
				}
				merged = true
				break
			}
		}
		if merged {
			continue
		}
		for d := 0; d <= 2 && cm.Dependency == ""; d++ {
			cm.Dependency = fs.lineDeps[cm.Line+d]
		}
		// The next line of a comment block already reported.
		if n := len(kept); n > 0 && lastKept >= cm.Line-2 && (cm.Dependency == "" || cm.Dependency == kept[n-1].Dependency) {
			if kept[n-1].Upstream == "" {
				kept[n-1].Upstream = cm.Upstream
			}
			lastKept = cm.Line
			continue
		}
		if cm.Dependency == "" && !cm.upstream && cm.Upstream == "" {
			dropped = cm
			continue // the project's own hack, unless the next line names the dependency
		}
		if cm.Dependency == "" {
			cm.What = "a comment about working around an upstream dependency"
		} else {
			cm.What = "a comment about working around " + subjectName(cm.Dependency)
		}
		lastKept = cm.Line
		if dropped.Line != 0 && dropped.Line >= cm.Line-2 && dropped.Line < cm.Line {
			// "Workaround for ...:" above the line with the link: report
			// the block where it starts.
			cm.Line, cm.Snippet = dropped.Line, dropped.Snippet
		}
		kept = append(kept, cm)
	}
	out = append(out, kept...)
	slices.SortStableFunc(out, byLine)

	// A link on the line or just above it explains the line; one a few
	// lines away counts when it is the dependency's tracker.
	li := 0
	for _, f := range out {
		for li < len(fs.links) && fs.links[li].line < f.Line-3 {
			li++
		}
		for k := li; f.Upstream == "" && k < len(fs.links) && fs.links[k].line <= f.Line+3; k++ {
			l := fs.links[k]
			near := l.line == f.Line || l.line == f.Line-1
			if !near && f.Dependency != "" {
				r := linkRepo(l.url)
				near = r != "" && depMatchesRepo(f.Dependency, r)
			}
			if near && !sc.ownLink(l.url) {
				f.Upstream = l.url
			}
		}
		sc.add(f.Finding)
	}
}

// comment returns the comment part of a line, or "".
func (fs *fileScan) comment(text string) string {
	switch fs.kind {
	case wkPython, wkRuby, wkPyManifest, wkGemfile, wkCargo, wkHashComments, wkPnpmWorkspace:
		if i := hashComment(text); i >= 0 {
			return text[i+1:]
		}
	case wkGo, wkGoMod, wkJS, wkRust, wkSlashComments:
		t := strings.TrimSpace(text)
		if strings.HasPrefix(t, "*") || strings.HasPrefix(t, "/*") {
			return strings.TrimLeft(t, "/*")
		}
		if i := slashComment(text); i >= 0 {
			return text[i+2:]
		}
	}
	return ""
}

// mayNameWorkaround is a cheap test that lets through every comment
// workaroundWordsRE could match.
func mayNameWorkaround(cm string) bool {
	return containsFoldAny(cm, "work", "hack", "monkey", "upstream", "bug", "regression", "remove")
}

// hashComment finds a # comment, skipping Ruby's "#{".
func hashComment(s string) int {
	for i := 0; i < len(s); i++ {
		if s[i] == '#' && (i+1 == len(s) || s[i+1] != '{') {
			return i
		}
	}
	return -1
}

// slashComment finds a // comment that is not part of a URL.
func slashComment(s string) int {
	for i := 0; i+1 < len(s); i++ {
		if s[i] == '/' && s[i+1] == '/' {
			if i > 0 && s[i-1] == ':' {
				i++
				continue
			}
			return i
		}
	}
	return -1
}

func stripComment(s, marker string) string {
	if marker == "//" {
		if i := slashComment(s); i >= 0 {
			return s[:i]
		}
		return s
	}
	if i := hashComment(s); i >= 0 {
		return s[:i]
	}
	return s
}

// commentLine runs the comment and copied-code rules on a comment.
func (fs *fileScan) commentLine(n int, text, cm string) {
	sc := fs.sc
	if len(sc.titleNames) > 0 && sc.titleHit.subject == "" && !fs.test {
		fs.titleBlock(n, text, cm)
	}
	if len(sc.titleNames) > 0 && sc.titleHit.subject == "" && !fs.test {
		lower := asciiLower(cm)
		for _, name := range sc.titleNames {
			i := wordIndex(lower, name)
			if i < 0 || sc.ownName(name) {
				continue
			}
			// A third party: a dependency the file knows, or a name the
			// comment gives a version ("pyOpenSSL 0.15", "libfoo version (1.2)").
			d := fs.knownName(name)
			if d == "" && (versionAfter(lower[i+len(name):]) || versionBefore(lower[:i])) {
				d = name
			}
			if d != "" {
				sc.titleHit = ctxHit{path: fs.path, line: n, snippet: strings.TrimSpace(text), subject: d}
				break
			}
		}
	}
	if wording.ContainsFold(cm, "from") {
		if cp := copiedRE.FindStringSubmatch(cm); cp != nil {
			dep := ""
			if m := repoRE.FindStringSubmatch(cm); m != nil {
				dep = fs.repoDep(normRepo(m[1]))
			} else if m := anyURLRE.FindString(cm); m != "" {
				dep = "url:" + strings.TrimPrefix(strings.TrimPrefix(m, "https://"), "http://")
			} else if cp[1] != "" && !wording.ContainsFold(cp[0][:min(len(cp[0]), 8)], "derived") {
				// "adapted from requests": the word after "from" must be an
				// import of the file, or look like a module path.
				dep = fs.knownName(cp[1])
			}
			if dep == "" {
				dep = sc.copiedFromRuntime(cm[strings.Index(cm, cp[0]):], fs.path)
			}
			if dep != "" && !fs.retouched && !sc.ownRepo(repoOf(dep)) && !sc.isOwnModule(dep) {
				fs.finding(ruleCopiedCode, n, text, dep, "code copied from "+subjectName(dep))
				return
			}
		}
	}
	if (fs.kind == wkGoMod || fs.kind == wkPyManifest || fs.kind == wkGemfile) && bugCiteRE.MatchString(cm) {
		fs.lastBugCmt = n
	}
	link := ""
	// The line's URLs are in fs.links already; only short references
	// (owner/repo#123) are left to find, and only in the comment.
	first := len(fs.links)
	for first > 0 && fs.links[first-1].line == n {
		first--
	}
	links := fs.links[first:]
	if strings.Contains(cm, "#") {
		links = appendShortRefs(slices.Clip(links), n, cm)
	}
	for _, l := range links {
		if !sc.ownLink(l.url) {
			link = l.url
			break
		}
	}
	// Tests talk about monkeypatching and hacks for their own reasons; only
	// their links to a dependency's tracker count.
	// What a comment quotes ("the foo hack") is mentioned, not said.
	words := !fs.test && mayNameWorkaround(cm) && workaroundWordsRE.MatchString(withoutQuotes(cm))
	if !words && (link == "" || !fs.linksDependency(link)) {
		return
	}
	f := wfinding{comment: true}
	f.Rule, f.Line, f.Snippet, f.Upstream = ruleComment, n, strings.TrimSpace(text), link
	if m := bugInRE.FindStringSubmatch(cm); m != nil {
		if d := fs.knownName(m[1]); d != "" {
			f.Dependency = d
		}
	}
	if f.Dependency == "" {
		f.Dependency = fs.namedImport(cm, false)
	}
	if f.Dependency == "" && link != "" {
		if r := linkRepo(link); r != "" {
			f.Dependency = fs.repoDep(r)
		}
	}
	if f.Dependency == "" {
		if m := repoRE.FindStringSubmatch(cm); m != nil && !sc.ownRepo(normRepo(m[1])) {
			f.Dependency = fs.repoDep(normRepo(m[1]))
		}
	}
	f.upstream = upstreamWordRE.MatchString(cm)
	if f.Upstream == "" && reportedRE.MatchString(cm) && link != "" {
		f.Upstream = link
	}
	fs.addFinding(f)
}

// repoDep names a repository a comment links or mentions: the module
// path in a Go file or go.mod when it is one (the repository is then a
// module), else "repo:owner/name" (see repoSubject).
func (fs *fileScan) repoDep(r string) string {
	if (fs.kind == wkGo || fs.kind == wkGoMod) && forgeRepo(r) != "" || strings.HasPrefix(r, "golang.org/x/") {
		if _, known := knownRepos()[r]; !known {
			return r
		}
	}
	if forgeRepo(r) == "" && !strings.HasPrefix(r, "go.googlesource.com/") && !strings.HasPrefix(r, "cs.opensource.google/") {
		return r
	}
	return repoSubject(r)
}

// repoOf returns host/owner/name for a "repo:" Subject, and the
// dependency itself otherwise.
func repoOf(dep string) string {
	r, ok := strings.CutPrefix(dep, "repo:")
	if !ok {
		return dep
	}
	if strings.Count(r, "/") == 1 {
		return "github.com/" + r
	}
	return r
}

// linksDependency reports whether an issue link is on the tracker of a
// dependency the file imports, or of its language's toolchain: a bare
// link to it is a workaround explained by reference. Links to other
// trackers (the project's own, most often) are not findings by
// themselves.
func (fs *fileScan) linksDependency(link string) bool {
	repo := linkRepo(link)
	if repo == "" {
		return false
	}
	switch {
	case fs.kind == wkGo && repo == "github.com/golang/go",
		fs.kind == wkPython && repo == "github.com/python/cpython",
		fs.kind == wkJS && (repo == "github.com/nodejs/node" || repo == "github.com/microsoft/typescript"),
		fs.kind == wkRust && repo == "github.com/rust-lang/rust",
		fs.kind == wkRuby && repo == "github.com/ruby/ruby":
		return true
	}
	for local, q := range fs.imports {
		if !fs.guessed[local] && depMatchesRepo(fs.depOf(q), repo) && !fs.sc.ownRepo(repo) {
			return true
		}
	}
	return false
}

// headerLine checks a line of an added file's header for another
// project's copyright or name.
func (fs *fileScan) headerLine(n int, text string) {
	if !strings.Contains(text, "opyright") && !strings.Contains(text, "OPYRIGHT") && !strings.Contains(text, "part of") {
		return
	}
	name, person := "", false
	if m := copyrightRE.FindStringSubmatch(text); m != nil {
		name = strings.TrimSpace(m[1])
		person = isPerson(name)
	} else if m := partOfRE.FindStringSubmatch(text); m != nil {
		name = strings.TrimSpace(m[1])
	}
	if name = withoutEmail(name); name == "" {
		return
	}
	f := wfinding{identity: true, person: person}
	f.Rule, f.Line, f.Snippet, f.Dependency, f.What = ruleCopiedCode, n, strings.TrimSpace(text), name, "a file whose header names "+subjectName(name)
	f.Path = fs.path
	fs.found = append(fs.found, f)
}

func (sc *workaroundScan) learnHolder(text string) {
	name, copyright := "", false
	if m := copyrightRE.FindStringSubmatch(text); m != nil {
		name, copyright = m[1], true
	} else if m := partOfRE.FindStringSubmatch(text); m != nil {
		name = m[1]
	}
	if h := normHolder(name); h != "" && len(sc.holders) < maxHolders && !slices.Contains(sc.holders, h) {
		sc.holders = append(sc.holders, h)
		if copyright {
			sc.ownHolder(name) // a project's name ("part of GNU Emacs") is neither a person nor a collective
		}
	}
}

func (sc *workaroundScan) ownIdentity(name string) bool {
	h := normHolder(name)
	for _, o := range sc.holders {
		if strings.Contains(h, o) || strings.Contains(o, h) {
			return true
		}
	}
	return false
}

func normHolder(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	s = strings.TrimSuffix(s, ".")
	s = strings.TrimPrefix(s, "the ")
	for _, suf := range []string{" authors", " contributors", " developers", " project", " inc", " llc", " ltd", ","} {
		s = strings.TrimSuffix(s, suf)
	}
	return strings.TrimSpace(s)
}

// namedImport returns the dependency behind the first import name the
// comment mentions as a word; with sure set, only imports read from an
// import line count.
func (fs *fileScan) namedImport(cm string, sure bool) string {
	if len(fs.imports) == 0 {
		return ""
	}
	lower := strings.ToLower(cm)
	best, bestAt := "", len(lower)+1
	for local, q := range fs.imports {
		if sure && fs.guessed[local] {
			continue
		}
		if fs.kind == wkGo && !strings.Contains(firstElem(q), ".") && (strings.Contains(q, "/") || goStdNames()[q]) {
			continue // the standard library's names are everyday words
		}
		for _, name := range []string{local, rootOf(q, fs.kind)} {
			if len(name) < 3 || commonWords()[strings.ToLower(name)] {
				continue
			}
			if at := wordIndex(lower, strings.ToLower(name)); at >= 0 && (at < bestAt || at == bestAt && fs.depOf(q) < best) {
				best, bestAt = fs.depOf(q), at
			}
		}
	}
	return best
}

// commonWords are import names that are also everyday words in comments;
// a comment that uses them does not name the dependency.
var commonWords = wordSet(`app api base core common config context copy data errors events http json logging math models path
	queue random react request select server client signal sort string strings test time types typing
	util utils views this that when with file`)

// knownName maps a name a comment gives ("bug in mux") to an imported
// dependency, or keeps it when it looks like a module path or package.
func (fs *fileScan) knownName(name string) string {
	name = strings.TrimRight(name, ".,:;")
	lower := strings.ToLower(name)
	best := ""
	for local, q := range fs.imports {
		if strings.ToLower(local) == lower || strings.ToLower(rootOf(q, fs.kind)) == lower || strings.ToLower(q) == lower {
			if d := fs.depOf(q); best == "" || d < best { // map order must not decide
				best = d
			}
		}
	}
	if best != "" {
		return best
	}
	if strings.Contains(name, "/") && strings.Contains(name, ".") || strings.HasPrefix(name, "@") && strings.Contains(name, "/") {
		return name
	}
	return ""
}

// depOf returns the dependency an import belongs to: its top-level
// package (Python, Ruby, Rust), npm package or Go module.
func (fs *fileScan) depOf(q string) string {
	switch fs.kind {
	case wkGo:
		return goModuleOf(q)
	case wkJS:
		return npmPackage(q)
	}
	return rootOf(q, fs.kind)
}

func rootOf(q string, k wkind) string {
	switch k {
	case wkGo:
		return path.Base(q)
	case wkJS:
		return npmPackage(q)
	case wkRuby:
		r, _, _ := strings.Cut(q, "/")
		return r
	}
	r, _, _ := strings.Cut(q, ".")
	return r
}

// ---- links and repositories ----

// appendLinks adds the issue links in text; short owner/repo#N
// references count when short is set (descriptions, comments).
func appendLinks(links []fileLink, line int, text string, short bool) []fileLink {
	if strings.Contains(text, "://") {
		found := 0
		for rest, off := text, 0; found < 8; {
			i := strings.Index(rest, "://")
			if i < 0 {
				break
			}
			start := -1
			switch {
			case i >= 5 && strings.EqualFold(rest[i-5:i], "https"):
				start = i - 5
			case i >= 4 && strings.EqualFold(rest[i-4:i], "http"):
				start = i - 4
			}
			if start >= 0 && (off+start == 0 || !isWordByte(text[off+start-1])) {
				if u := issueLinkAnchoredRE.FindString(rest[start:]); u != "" {
					links = append(links, fileLink{line: line, url: strings.TrimRight(u, ".,);:]")})
					found++
				}
			}
			rest, off = rest[i+3:], off+i+3
		}
	}
	if short {
		links = appendShortRefs(links, line, text)
	}
	return links
}

// appendShortRefs adds GitHub's owner/repo#123 references in text.
func appendShortRefs(links []fileLink, line int, text string) []fileLink {
	if !mayShortRef(text) {
		return links
	}
	for _, m := range shortRefRE.FindAllStringSubmatch(text, 8) {
		if strings.Contains(m[1], "://") || strings.HasPrefix(m[1], "http") {
			continue
		}
		links = append(links, fileLink{line: line, url: "https://github.com/" + m[1] + "/issues/" + m[2]})
	}
	return links
}

// mayShortRef is false only when shortRefRE cannot match text: each of
// its matches holds a '#' between a byte of [\w.-] and a digit, which
// most '#'s of code (comments, #include, #[attr]) are not.
func mayShortRef(text string) bool {
	for i := 1; i+1 < len(text); i++ {
		if text[i] == '#' && isRefByte(text[i-1]) && text[i+1] >= '0' && text[i+1] <= '9' {
			return true
		}
	}
	return false
}

// isRefByte reports whether b is in shortRefRE's [\w.-].
func isRefByte(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' || b == '_' || b == '.' || b == '-'
}

// linkRepo returns the repository an issue link is on.
func linkRepo(u string) string {
	if m := issueLinkRE.FindStringSubmatch(u); m != nil && (m[1] != "" || m[2] != "") {
		return normRepo(m[1] + m[2])
	}
	switch {
	case strings.Contains(u, "go.dev/") || strings.Contains(u, "golang.org/issue") || strings.Contains(u, "golang.org/cl"):
		return "github.com/golang/go"
	case strings.Contains(u, "bugs.python.org"):
		return "github.com/python/cpython"
	}
	// The trackers of runtimes, compilers, browsers and operating systems
	// that are not on a forge: named by their project (see knownRepos).
	for _, t := range trackers {
		if strings.Contains(u, t.host) {
			return t.repo
		}
	}
	return ""
}

// trackers are issue trackers off the forges, and the repository (or,
// when there is none on a forge, a name for the project) their links
// count for.
var trackers = [...]struct{ host, repo string }{
	{"bugs.ruby-lang.org", "github.com/ruby/ruby"},
	{"bugs.openjdk.", "github.com/openjdk/jdk"}, {"bugs.java.com", "github.com/openjdk/jdk"}, {"bugs.sun.com", "github.com/openjdk/jdk"},
	{"gcc.gnu.org/", "gcc.gnu.org/gcc"}, {"bugs.llvm.org", "github.com/llvm/llvm-project"}, {"llvm.org/PR", "github.com/llvm/llvm-project"},
	{"bugzilla.mozilla.org", "bugzilla.mozilla.org/firefox"}, {"crbug.com", "chromium.org/chromium"},
	{"bugs.chromium.org", "chromium.org/chromium"}, {"issues.chromium.org", "chromium.org/chromium"},
	{"bugs.webkit.org", "github.com/webkit/webkit"}, {"sourceware.org/bugzilla", "sourceware.org/glibc"},
	{"bugs.freebsd.org", "github.com/freebsd/freebsd-src"}, {"developercommunity.visualstudio.com", "visualstudio.com/msvc"},
	{"youtrack.jetbrains.com/issue/KT-", "github.com/jetbrains/kotlin"}, {"r.android.com", "android.googlesource.com/platform"},
	{"bugs.launchpad.net/ubuntu", "launchpad.net/ubuntu"}, {"bugs.debian.org", "debian.org/debian"},
}

// normRepo turns a repository URL or path into host/owner/name.
func normRepo(r string) string {
	r = strings.TrimSpace(r)
	for _, p := range []string{"https://", "http://", "git+", "ssh://", "git@", "www."} {
		r = strings.TrimPrefix(r, p)
	}
	r = strings.Replace(r, ":", "/", 1)
	r = strings.TrimRight(r, "/.,;:)")
	r = strings.TrimSuffix(r, ".git")
	return strings.ToLower(r)
}

// forgeRepo returns host/owner/name when a module path is on a forge.
func forgeRepo(mod string) string {
	parts := strings.Split(mod, "/")
	if len(parts) < 3 {
		return ""
	}
	switch parts[0] {
	case "github.com", "gitlab.com", "bitbucket.org", "codeberg.org":
		return strings.ToLower(strings.Join(parts[:3], "/"))
	}
	return ""
}

func repoName(u string) string {
	r := normRepo(strings.SplitN(strings.SplitN(u, "#", 2)[0], "@", 2)[0])
	if i := strings.Index(r, "://"); i >= 0 {
		r = r[i+3:]
	}
	return path.Base(r)
}

func (sc *workaroundScan) ownRepo(r string) bool {
	r = strings.ToLower(r)
	if r == "" {
		return false
	}
	if hasOwnPrefix(sc.ownRepos, r, "/") {
		return true
	}
	// A repository named like one of the project's own packages (psf/requests
	// for a diff of requests/...).
	name := path.Base(r)
	return forgeRepo(r) != "" && len(name) >= 3 && sc.ownModules[name]
}

// hasOwnPrefix reports whether p, or a prefix of it that ends before one
// of seps, is in set: a lookup per path element, not per entry of set.
func hasOwnPrefix(set map[string]bool, p, seps string) bool {
	for i := len(p); i > 0; {
		if set[p[:i]] {
			return true
		}
		j := strings.LastIndexAny(p[:i], seps)
		if j <= 0 {
			return false
		}
		i = j
	}
	return false
}

func (sc *workaroundScan) ownLink(u string) bool {
	r := linkRepo(u)
	return r != "" && sc.ownRepo(r)
}

// isOwnModule reports whether a module path or package belongs to the
// project.
func (sc *workaroundScan) isOwnModule(p string) bool {
	lp := strings.ToLower(p)
	seps := "/." // Python's a.b.c as well as paths
	if first, _, ok := strings.Cut(lp, "/"); ok && strings.Contains(first, ".") {
		seps = "/" // a module path: github.com is not the package "github"
	}
	if hasOwnPrefix(sc.ownModules, lp, seps) {
		return true
	}
	// Another module of the same repository.
	return hasOwnPrefix(sc.ownRepos, lp, "/")
}

// linkFor returns the first link whose repository is the dependency's.
func (sc *workaroundScan) linkFor(dep string, links []fileLink) string {
	for _, l := range links {
		r := linkRepo(l.url)
		if r == "" || sc.ownRepo(r) {
			continue
		}
		if depMatchesRepo(dep, r) {
			return l.url
		}
	}
	return ""
}

// depMatchesRepo reports whether a dependency lives in a repository:
// by path for Go modules, by name otherwise ("requests" and
// github.com/psf/requests).
func depMatchesRepo(dep, repo string) bool {
	d := strings.ToLower(dep)
	if d == repo || strings.HasPrefix(d, repo+"/") {
		return true
	}
	if s, ok := knownRepos()[repo]; ok {
		return d == s // runtime:ruby and github.com/ruby/ruby
	}
	name := path.Base(d)
	if i := strings.Index(name, "@"); i > 0 {
		name = name[:i]
	}
	rn := path.Base(repo)
	norm := func(s string) string {
		s = strings.TrimSuffix(strings.TrimPrefix(strings.TrimPrefix(s, "python-"), "py"), ".js")
		return strings.NewReplacer("-", "", "_", "", ".", "").Replace(s)
	}
	return name == rn || norm(name) == norm(rn) && norm(name) != ""
}

// ownOwnerSource reports whether a manifest line's git source is a
// repository of the project's owner: wez/libssh-rs in wez/wezterm is the
// owner's own package, not a fork of someone else's.
func (sc *workaroundScan) ownOwnerSource(text string) bool {
	for _, host := range [...]string{"github.com/", "gitlab.com/", "codeberg.org/"} {
		i := strings.Index(text, host)
		if i < 0 {
			continue
		}
		parts := strings.SplitN(text[i:], "/", 4)
		if len(parts) < 3 {
			return false
		}
		end := 0
		for end < len(parts[2]) && isActorByte(parts[2][end]) {
			end++
		}
		return sc.ownOwner(strings.ToLower(parts[0] + "/" + parts[1] + "/" + strings.TrimSuffix(parts[2][:end], ".git")))
	}
	return false
}

// copiedFromRuntime returns the runtime or toolchain a "copied from"
// comment names by a path of its source tree or by its name and
// version ("copied from /usr/lib/go/src/internal/poll/fd.go of go
// 1.23.1"), or, for "the standard library", the runtime of the file's
// language; "" when it names none.
func (sc *workaroundScan) copiedFromRuntime(said, p string) string {
	if len(said) > 300 {
		said = said[:300]
	}
	if s := sc.term(strings.NewReplacer("/", " ", "\\", " ").Replace(said)); s != "" && !strings.HasPrefix(s, "os:") {
		return s
	}
	if wording.ContainsFold(said, "standard library") || wording.ContainsFold(said, "stdlib") {
		return runtimeOfPath(p)
	}
	return ""
}
