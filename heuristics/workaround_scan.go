package heuristics

import (
	"context"
	"fmt"
	"path"
	"regexp"
	"slices"
	"strings"

	"golang.org/x/mod/modfile"
	"golang.org/x/mod/module"

	"github.com/heft-dev/heft/diffstat"
)

// This file holds the workaround scorer's detectors: one pass over each
// file's hunks, with the few bits of state a language needs (imports, the
// manifest section a line is in). Regular expressions are compiled once
// here and run only on lines a cheap test has let through.

// issueLinkPattern matches a link to an issue or pull request. Group 1
// is the repository on a forge.
const issueLinkPattern = `https?://(?:www\.)?((?:github\.com|gitlab\.com|codeberg\.org|bitbucket\.org|gitea\.com)/[\w.-]+/[\w.-]+)/(?:-/)?(?:issues|pull|pulls|merge_requests|pull-requests)/\d+` +
	`|https?://(?:go\.dev|golang\.org)/(?:issues?|cl)/\d+` +
	`|https?://bugs\.python\.org/issue\d+` +
	`|https?://[\w.-]*bugzilla[\w.-]*/(?:[\w.-]+/)*show_bug\.cgi\?id=\d+` +
	`|https?://(?:crbug\.com|bugs\.chromium\.org|issues\.chromium\.org|bugs\.launchpad\.net|bugs\.debian\.org|sourceware\.org/bugzilla)/\S+` +
	`|https?://[\w.-]+/(?:jira/)?browse/[A-Z][A-Z0-9]+-\d+`

var (
	// Links to issues and pull requests: issueLinkRE anywhere,
	// issueLinkAnchoredRE at a URL's start, which is much cheaper to run
	// once per "://" than the unanchored search over a whole line.
	issueLinkRE         = regexp.MustCompile(`(?i)\b(?:` + issueLinkPattern + `)`)
	issueLinkAnchoredRE = regexp.MustCompile(`(?i)^(?:` + issueLinkPattern + `)`)
	// owner/repo#123, GitHub's short reference.
	shortRefRE = regexp.MustCompile(`(?:^|[\s(\[])([A-Za-z0-9][\w.-]*/[\w.-]+)#(\d+)\b`)
	// A repository named by URL or module path, for copied code and
	// comments.
	repoRE   = regexp.MustCompile(`(?i)\b(?:https?://)?(?:www\.)?((?:github\.com|gitlab\.com|codeberg\.org|bitbucket\.org)/[\w.-]+/[\w.-]+|golang\.org/x/[\w.-]+|go\.googlesource\.com/[\w.-]+|cs\.opensource\.google/go/[\w.-]+(?:/[\w.-]+)?)`)
	anyURLRE = regexp.MustCompile(`\bhttps?://[\w.-]+(?:/[\w.%~+-]+){1,2}`)

	// Comments that say they work around something.
	workaroundWordsRE = regexp.MustCompile(`(?i)\b(?:work(?:s|ing|ed)?[- ]?arounds?|hack(?:s|y|ish|ed)?|monkey[- ]?patch\w*|until upstream\b.{0,40}?\b(?:fix|release|merge|land|ship|support|accept|resolve)\w*|upstream(?:'s)? (?:bug|issue|fix|regression|problem)|(?:bug|regression)s? (?:in|with) |remove (?:this|it|me|once|when|after)\b.{0,80}?\b(?:fixed|merged|released|resolved|lands?|upgraded))`)
	upstreamWordRE    = regexp.MustCompile(`(?i)\bupstream\b`)
	bugInRE           = regexp.MustCompile(`(?i)\b(?:bug|bugs|regression|issue|problem|breakage|quirk)s? (?:in|with|of) (@?[A-Za-z][\w./@-]*[\w])`)
	reportedRE        = regexp.MustCompile(`(?i)\b(?:reported|filed|opened|raised|tracked|fixed) (?:upstream )?(?:at|in|as|upstream|by)\b`)
	copiedRE          = regexp.MustCompile(`(?i)\b(?:copied|adapted|vendored|ported|taken|forked|derived|borrowed|lifted|backported)\b[^.;]{0,40}?\bfrom\b(?:\s+(?:the\s+)?(@?[A-Za-z][\w./@-]*[\w]))?`)
	copyrightRE       = regexp.MustCompile(`(?i)^[\s/#*;!-]*copyright\s*(?:\(c\)|©)?\s*(?:\d{4}(?:\s*[-–,]\s*\d{4})*,?\s+)?(?:by\s+)?(.+?)[\s.]*(?:all rights reserved\.?)?[\s*/]*$`)
	partOfRE          = regexp.MustCompile(`(?i)^[\s/#*;!-]*this file is (?:a )?part of (?:the )?(.+?)(?:\s+(?:project|library|package|software))?\s*[.,]`)
	bugCiteRE         = regexp.MustCompile(`(?i)\b(?:bug\w*|broken|breaks|regression|crash\w*|issues?|incompatib\w*|segfault\w*|leak\w*|cve-\d+-\d+|see)\b|https?://|#\d+`)

	// go.mod, read a line at a time when modfile cannot parse the hunk.
	goReplaceLineRE = regexp.MustCompile(`^\s*(?:replace\s+)?(\S+?)(?:\s+(v\S+))?\s*=>\s*(\S+)(?:\s+(\S+))?\s*$`)
	goExcludeLineRE = regexp.MustCompile(`^\s*(?:exclude\s+)?(\S+)\s+(v\S+)\s*$`)
	goRequireLineRE = regexp.MustCompile(`^\s*(?:require\s+)?([\w.-]+\.[\w.-]+/\S+)\s+v\S+`)
	goModuleLineRE  = regexp.MustCompile(`^\s*module\s+"?([^\s"]+)"?`)
	goLinknameRE    = regexp.MustCompile(`^\s*//go:linkname\s+(\S+)\s+(\S+)`)
	goImportLineRE  = regexp.MustCompile(`^\s*(?:import\s+)?(?:[\w.]+\s+)?"([^"]+)"`)

	// Python.
	pyImportRE     = regexp.MustCompile(`^\s*import\s+(.+)$`)
	pyFromImportRE = regexp.MustCompile(`^\s*from\s+([\w.]+)\s+import\s+(.+)$`)
	pyAssignRE     = regexp.MustCompile(`^\s*([A-Za-z_]\w*(?:\.[A-Za-z_]\w*)+)\s*=\s*([^=\s].*)$`)
	pySetattrRE    = regexp.MustCompile(`(?:^|[^\w.])setattr\(\s*([A-Za-z_][\w.]*)\s*,\s*(?:['"](\w+)['"])?`)
	pyMockRE       = regexp.MustCompile(`(?:^|[^\w])((?:mock\.)?patch)(?:\.object|\.dict|\.multiple)?\(\s*(?:['"]([\w.]+)['"]|([A-Za-z_][\w.]*))`)

	// JavaScript and TypeScript.
	jsFromRE     = regexp.MustCompile(`\bfrom\s*['"]([^'"]+)['"]`)
	jsRequireRE  = regexp.MustCompile(`^\s*(?:const|let|var|import)\s+(?:([\w$]+)|\{([^}]*)\})\s*=\s*require\(\s*['"]([^'"]+)['"]\s*\)`)
	jsAssignRE   = regexp.MustCompile(`^\s*([A-Za-z_$][\w$]*)((?:\.[\w$]+|\[['"][\w$]+['"]\])+)\s*=\s*([^=>].*)$`)
	jsReqAssign  = regexp.MustCompile(`require\(\s*['"]([^'"]+)['"]\s*\)((?:\.[\w$]+)+)\s*=[^=]`)
	jsDefineRE   = regexp.MustCompile(`\bObject\.(?:defineProperty|defineProperties|assign)\(\s*([A-Za-z_$][\w$]*)((?:\.[\w$]+)*)\s*,`)
	jsFuncRHSRE  = regexp.MustCompile(`^(?:async\s+)?function\b|^(?:async\s*)?\([^)]*\)\s*(?::\s*[^=]+)?=>|^(?:async\s+)?[\w$]+\s*=>|\.bind\(|(?i)^[\w$.]*(?:patch|wrap|fix|shim|polyfill|orig)`)
	rustUseRE    = regexp.MustCompile(`^\s*(?:pub(?:\([\w ]+\))?\s+)?(?:use\s+(?:::)?|extern\s+crate\s+)(\w+)`)
	rubyReqRE    = regexp.MustCompile(`^\s*require\s*\(?\s*['"]([^'"]+)['"]`)
	rubyReopenRE = regexp.MustCompile(`^(?:class|module)\s+((?:::)?[A-Z]\w*(?:::[A-Z]\w*)*)\s*(<)?`)
	rubyEvalRE   = regexp.MustCompile(`\b([A-Z]\w*(?:::[A-Z]\w*)*)\.(?:class_eval|module_eval|class_exec|module_exec|prepend|singleton_class\.prepend|send\(\s*:(?:prepend|include|define_method|alias_method|remove_method|undef_method))\b`)

	// Manifests.
	tomlSectionRE = regexp.MustCompile(`^\s*\[{1,2}\s*([^\]]+?)\s*\]{1,2}\s*(?:#.*)?$`)
	tomlGitRE     = regexp.MustCompile(`^\s*"?([\w.-]+)"?\s*=\s*\{[^}]*\b(git|path|github)\s*=\s*["']([^"']+)["']`)
	tomlEntryRE   = regexp.MustCompile(`^\s*"?([\w.:-]+)"?\s*=`)
	pipGitRE      = regexp.MustCompile(`(?i)(?:^|[\s@="'])((?:git|hg|svn|bzr)\+[a-z]+://[^\s"',;]+|git://[^\s"',;]+)`)
	pipNameRE     = regexp.MustCompile(`^\s*["']?(?:-e\s+)?([A-Za-z0-9][\w.-]*)(?:\[[^\]]*\])?\s*(?:@|[=!<>~]=?|;|$)`)
	eggRE         = regexp.MustCompile(`#egg=([\w.-]+)`)
	excludeVerRE  = regexp.MustCompile(`!=\s*["']?v?\d`)
	gemLineRE     = regexp.MustCompile(`^\s*gem\s*\(?\s*['"]([\w.-]+)['"](.*)$`)
	gemSourceRE   = regexp.MustCompile(`(?:\b(git|github|gist|bitbucket|path):|:(git|github|path)\s*=>)\s*['"]([^'"]+)['"]`)
	gemGitBlockRE = regexp.MustCompile(`^\s*git\s*\(?\s*['"]([^'"]+)['"]`)
	jsonKeyObjRE  = regexp.MustCompile(`^\s*"([^"]+)"\s*:\s*\{`)
	jsonEntryRE   = regexp.MustCompile(`^\s*"([^"]+)"\s*:\s*"([^"]*)"`)
	dep3RE        = regexp.MustCompile(`(?i)^(Forwarded|Bug|Applied-Upstream|Origin):\s*(.*?)\s*$`)
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
	WorkaroundFinding
	comment  bool // from a comment: merged into a nearby finding about the same thing
	upstream bool // the comment says "upstream" without naming the dependency
	identity bool // a copyright holder or "part of" project, checked against the project's own
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
	s   *WorkaroundScorer
	cfg WorkaroundConfig
	c   *Contribution

	ownRepos   map[string]bool // repositories whose links are not upstream, lower-case
	topDirs    map[string]bool // top-level directories of the diff's paths
	ownModules map[string]bool // module paths and package names of the project, lower-case
	descLinks  []fileLink
	vendored   map[string]*vendoredDep
	vendOrder  []string
	goModHunks map[int][]diffstat.Hunk
	patchNames map[string]string // patch file → the package patchedDependencies says it patches
	holders    []string          // the project's copyright holders and names, lower-case
	identities []wfinding
	findings   []WorkaroundFinding
}

func newWorkaroundScan(s *WorkaroundScorer, c *Contribution) *workaroundScan {
	sc := &workaroundScan{s: s, cfg: s.cfg, c: c, vendored: map[string]*vendoredDep{}, goModHunks: map[int][]diffstat.Hunk{},
		topDirs: map[string]bool{}, ownRepos: map[string]bool{}, ownModules: map[string]bool{}, patchNames: map[string]string{}}
	if r := normRepo(s.cfg.Repository); r != "" {
		sc.ownRepos[r] = true
	}
	for _, m := range s.cfg.OwnModules {
		sc.addOwnModule(m)
	}
	for _, h := range s.cfg.CopyrightHolders {
		if h = normHolder(h); h != "" {
			sc.holders = append(sc.holders, h)
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
			return fmt.Errorf("heuristics: workaround: file %d of the diff is nil", i)
		}
		if f.Added < 0 || f.Deleted < 0 {
			return fmt.Errorf("heuristics: workaround: %s: impossible line counts +%d -%d", f.Path(), f.Added, f.Deleted)
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
				return fmt.Errorf("heuristics: workaround: %w", err)
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
		if err := sc.file(i, f); err != nil {
			return err
		}
	}

	// Vendored dependencies edited by hand, and copied files.
	for _, tok := range sc.vendOrder {
		d := sc.vendored[tok]
		if d.edited == 0 || d.revendored {
			continue
		}
		what := "a hand edit to the vendored copy of " + d.name
		if d.edited > 1 {
			what += fmt.Sprintf(" (%d files)", d.edited)
		}
		sc.add(WorkaroundFinding{Rule: ruleVendoredEdit, Path: d.path, Line: d.line, Snippet: d.snip, Dependency: d.name, What: what})
	}
	if len(sc.holders) > 0 {
		for _, f := range sc.identities {
			if !sc.ownIdentity(f.Dependency) {
				sc.add(f.WorkaroundFinding)
			}
		}
	}
	// Links in the description or commits that point at a dependency's
	// tracker count for every finding about it.
	for i := range sc.findings {
		f := &sc.findings[i]
		if name := sc.patchNames[f.Path]; name != "" && f.Rule == rulePatchFile && f.Dependency == "upstream" {
			f.Dependency, f.What = name, "a patch file for "+name
		}
		if f.Upstream == "" && f.Dependency != "" {
			f.Upstream = sc.linkFor(f.Dependency, sc.descLinks)
		}
	}
	slices.SortStableFunc(sc.findings, func(a, b WorkaroundFinding) int {
		if c := strings.Compare(a.Path, b.Path); c != 0 {
			return c
		}
		return a.Line - b.Line
	})
	return nil
}

func (sc *workaroundScan) add(f WorkaroundFinding) {
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
		return nil // removing a workaround is never a concern
	}
	if f.Kind == diffstat.KindGenerated || f.Kind == diffstat.KindDocs {
		return nil
	}
	hunks, ok := sc.goModHunks[i]
	if !ok {
		var err error
		if hunks, err = f.Hunks(); err != nil {
			return fmt.Errorf("heuristics: workaround: %w", err)
		}
	}
	if isPatchPath(p) {
		if !isTestPath(p) && f.Kind != diffstat.KindTest {
			sc.patchFile(f, hunks)
		}
		return nil
	}
	if dep, ok := vendoredDependency(p); ok {
		sc.vendoredFile(f, dep, hunks)
		return nil
	}
	if isVendoredPath(p) {
		sc.manifestLines(hunks) // vendor/modules.txt and the like
		return nil
	}
	if isManifestPath(p) {
		sc.manifestLines(hunks)
	}
	fs := &fileScan{sc: sc, f: f, path: p, kind: fileKind(p), test: f.Kind == diffstat.KindTest || isTestPath(p),
		header: f.Op == diffstat.OpAdded, imports: map[string]string{}, guessed: map[string]bool{}, lineDeps: map[int]string{}}
	fs.scan(hunks)
	fs.finish()
	return nil
}

// Bounds that keep the scan linear on hostile input.
const (
	maxImports   = 256 // import names a file's scan keeps
	maxHolders   = 64  // copyright holders kept for comparison
	maxDescLinks = 256 // links kept from the description and commits
)

// fileScan is the state of one file's scan.
type fileScan struct {
	sc     *workaroundScan
	f      *diffstat.File
	path   string
	kind   wkind
	test   bool
	header bool // an added file: its first lines are its header

	imports  map[string]string // local name → qualified import ("requests.Session")
	guessed  map[string]bool   // imports known only from use ("mux.NewRouter"), not from an import line
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
	lastBugCmt int // new line of the last added comment that cites a bug
}

func (fs *fileScan) scan(hunks []diffstat.Hunk) {
	maxLen := fs.sc.cfg.MaxLineBytes
	gomod := fs.kind == wkGoMod
	for hi := range hunks {
		h := &hunks[hi]
		fs.resetBlocks()
		if (fs.kind == wkGoMod || fs.kind == wkPnpmWorkspace) && h.Section != "" {
			// git's hunk header quotes the enclosing block: "replace (",
			// "patchedDependencies:".
			fs.visible(0, h.Section, false)
		}
		hunkParsed := gomod && fs.goModParse(h)
		for li := range h.Lines {
			l := &h.Lines[li]
			if l.Op == diffstat.LineDeleted || len(l.Text) > maxLen {
				continue
			}
			text := strings.TrimSuffix(l.Text, "\r")
			if strings.Contains(text, "://") {
				fs.links = appendLinks(fs.links, l.New, text, false)
			}
			if l.Op == diffstat.LineContext && (strings.Contains(text, "opyright") || strings.Contains(text, "part of")) {
				fs.sc.learnHolder(text) // the project's own notices
			}
			fs.visible(l.New, text, l.Op == diffstat.LineAdded)
			if l.Op == diffstat.LineAdded {
				fs.added(l.New, text, hunkParsed)
			}
		}
	}
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
	if c := fs.comment(text); c != "" {
		fs.commentLine(n, text, c)
	}
	if fs.header && n <= fs.sc.cfg.HeaderLines {
		fs.headerLine(n, text)
	}
}

func (fs *fileScan) addFinding(f wfinding) {
	f.Path = fs.path
	if len(f.Snippet) > 200 {
		f.Snippet = f.Snippet[:200]
	}
	fs.found = append(fs.found, f)
}

func (fs *fileScan) finding(rule string, n int, text, dep, what string) {
	fs.addFinding(wfinding{WorkaroundFinding: WorkaroundFinding{Rule: rule, Line: n, Snippet: strings.TrimSpace(text), Dependency: dep, What: what}})
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
			cm.What = "a comment about working around " + cm.Dependency
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
		sc.add(f.WorkaroundFinding)
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
	for _, w := range [...]string{"work", "hack", "monkey", "upstream", "bug", "regression", "remove"} {
		if containsFold(cm, w) {
			return true
		}
	}
	return false
}

// containsFold reports whether s contains the lower-case ASCII word sub,
// ignoring ASCII case, without allocating.
func containsFold(s, sub string) bool {
	n := len(sub)
	for i := 0; i+n <= len(s); i++ {
		j := 0
		for ; j < n; j++ {
			c := s[i+j]
			if c >= 'A' && c <= 'Z' {
				c += 'a' - 'A'
			}
			if c != sub[j] {
				break
			}
		}
		if j == n {
			return true
		}
	}
	return false
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
	if containsFold(cm, "from") {
		if cp := copiedRE.FindStringSubmatch(cm); cp != nil {
			dep := ""
			if m := repoRE.FindStringSubmatch(cm); m != nil {
				dep = normRepo(m[1])
			} else if m := anyURLRE.FindString(cm); m != "" {
				dep = strings.TrimPrefix(strings.TrimPrefix(m, "https://"), "http://")
			} else if cp[1] != "" && !containsFold(cp[0][:min(len(cp[0]), 8)], "derived") {
				// "adapted from requests": the word after "from" must be an
				// import of the file, or look like a module path.
				dep = fs.knownName(cp[1])
			}
			if dep != "" && !sc.ownRepo(dep) && !sc.isOwnModule(dep) {
				fs.finding(ruleCopiedCode, n, text, dep, "code copied from "+dep)
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
	words := !fs.test && mayNameWorkaround(cm) && workaroundWordsRE.MatchString(cm)
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
			f.Dependency = r
		}
	}
	if f.Dependency == "" {
		if m := repoRE.FindStringSubmatch(cm); m != nil && !sc.ownRepo(normRepo(m[1])) {
			f.Dependency = normRepo(m[1])
		}
	}
	f.upstream = upstreamWordRE.MatchString(cm)
	if f.Upstream == "" && reportedRE.MatchString(cm) && link != "" {
		f.Upstream = link
	}
	fs.addFinding(f)
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
	name := ""
	if m := copyrightRE.FindStringSubmatch(text); m != nil {
		name = strings.TrimSpace(m[1])
	} else if m := partOfRE.FindStringSubmatch(text); m != nil {
		name = strings.TrimSpace(m[1])
	}
	if name == "" {
		return
	}
	f := wfinding{identity: true}
	f.Rule, f.Line, f.Snippet, f.Dependency, f.What = ruleCopiedCode, n, strings.TrimSpace(text), name, "a file whose header names "+name
	f.Path = fs.path
	fs.found = append(fs.found, f)
}

func (sc *workaroundScan) learnHolder(text string) {
	name := ""
	if m := copyrightRE.FindStringSubmatch(text); m != nil {
		name = m[1]
	} else if m := partOfRE.FindStringSubmatch(text); m != nil {
		name = m[1]
	}
	if h := normHolder(name); h != "" && len(sc.holders) < maxHolders && !slices.Contains(sc.holders, h) {
		sc.holders = append(sc.holders, h)
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
		if fs.kind == wkGo && !strings.Contains(strings.Split(q, "/")[0], ".") && (strings.Contains(q, "/") || goStdNames[q]) {
			continue // the standard library's names are everyday words
		}
		for _, name := range []string{local, rootOf(q, fs.kind)} {
			if len(name) < 3 || commonWords[strings.ToLower(name)] {
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
var commonWords = map[string]bool{
	"app": true, "api": true, "base": true, "core": true, "common": true, "config": true, "context": true, "copy": true,
	"data": true, "errors": true, "events": true, "http": true, "json": true, "logging": true, "math": true, "models": true,
	"path": true, "queue": true, "random": true, "react": true, "request": true, "select": true, "server": true, "client": true,
	"signal": true, "sort": true, "string": true, "strings": true, "test": true, "time": true, "types": true, "typing": true,
	"util": true, "utils": true, "views": true, "this": true, "that": true, "when": true, "with": true, "file": true,
}

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

// wordIndex finds word in s at word boundaries.
func wordIndex(s, word string) int {
	for off := 0; ; {
		i := strings.Index(s[off:], word)
		if i < 0 {
			return -1
		}
		i += off
		end := i + len(word)
		if (i == 0 || !isWordByte(s[i-1])) && (end == len(s) || !isWordByte(s[end])) {
			return i
		}
		off = i + 1
	}
}

func isWordByte(b byte) bool {
	return b == '_' || b >= '0' && b <= '9' || b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z'
}

// ---- go.mod ----

// goModParse reads a hunk's new side with modfile: the whole file when
// the go.mod is new, else whatever part of it the hunk shows. A part
// modfile cannot read alone (a block cut in two) is left to goModLine.
func (fs *fileScan) goModParse(h *diffstat.Hunk) (ok bool) {
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	var b strings.Builder
	var newLines []diffstat.Line
	for _, l := range h.Lines {
		if l.Op == diffstat.LineDeleted {
			continue
		}
		b.WriteString(strings.TrimSuffix(l.Text, "\r"))
		b.WriteByte('\n')
		newLines = append(newLines, l)
	}
	mf, err := modfile.Parse(fs.path, []byte(b.String()), nil)
	if err != nil {
		return false
	}
	for _, r := range mf.Replace {
		i := r.Syntax.Start.Line - 1
		if i < 0 || i >= len(newLines) || newLines[i].Op != diffstat.LineAdded {
			continue
		}
		fs.goReplace(newLines[i].New, newLines[i].Text, r.Old.Path, r.New.Path, r.New.Version)
	}
	return true
}

func (fs *fileScan) goModLine(n int, text string) {
	t := stripComment(text, "//")
	if !strings.Contains(t, "=>") {
		return
	}
	if m := goReplaceLineRE.FindStringSubmatch(t); m != nil {
		fs.goReplace(n, text, strings.Trim(m[1], `"`), strings.Trim(m[3], `"`), m[4])
	}
}

func (fs *fileScan) goReplace(n int, text, oldPath, newPath, newVersion string) {
	sc := fs.sc
	fs.lineDeps[n] = oldPath
	if sc.isOwnModule(oldPath) {
		return // a monorepo's own module
	}
	if modfile.IsDirectoryPath(newPath) {
		dir := path.Join(path.Dir(fs.path), newPath)
		if !path.IsAbs(newPath) && !strings.HasPrefix(newPath, `\`) && !strings.Contains(newPath, ":") && dir != ".." && !strings.HasPrefix(dir, "../") {
			return // a directory inside the repository: a monorepo's module
		}
		fs.finding(ruleGoReplace, n, text, oldPath, fmt.Sprintf("a replace directive pointing %s at the local directory %s, outside the repository", oldPath, newPath))
		return
	}
	pseudo := newVersion != "" && module.IsPseudoVersion(newVersion)
	switch {
	case newPath != oldPath && pseudo:
		fs.finding(ruleGoReplace, n, text, oldPath, fmt.Sprintf("a replace directive pointing %s at the fork %s, at an unreleased commit", oldPath, newPath))
	case newPath != oldPath:
		fs.finding(ruleGoReplace, n, text, oldPath, fmt.Sprintf("a replace directive pointing %s at the fork %s", oldPath, newPath))
	case pseudo:
		fs.finding(ruleGoReplace, n, text, oldPath, fmt.Sprintf("a replace directive pinning %s to the unreleased commit %s", oldPath, newVersion))
	}
}

func (fs *fileScan) goExclude(n int, text string) {
	t := strings.TrimSpace(stripComment(text, "//"))
	if !strings.HasPrefix(t, "exclude ") && fs.goBlock != "exclude" {
		return
	}
	m := goExcludeLineRE.FindStringSubmatch(t)
	if m == nil || m[1] == "(" {
		return
	}
	fs.lineDeps[n] = m[1]
	if fs.citesBug(n, text, "//") {
		fs.finding(ruleExclusion, n, text, m[1], fmt.Sprintf("an exclusion of %s %s", m[1], m[2]))
	}
}

// citesBug reports whether the line's comment, or an added comment just
// above it, cites a bug.
func (fs *fileScan) citesBug(n int, text, marker string) bool {
	cm := ""
	if marker == "//" {
		if i := slashComment(text); i >= 0 {
			cm = text[i:]
		}
	} else if i := hashComment(text); i >= 0 {
		cm = text[i:]
	}
	return cm != "" && bugCiteRE.MatchString(cm) || fs.lastBugCmt != 0 && fs.lastBugCmt == n-1
}

// ---- Go ----

func (fs *fileScan) goImportLine(text string) {
	t := strings.TrimSpace(text)
	switch {
	case strings.HasPrefix(t, "import ("):
		fs.goImports = true
		return
	case fs.goImports && t == ")":
		fs.goImports = false
		return
	case !fs.goImports && !strings.HasPrefix(t, "import "):
		return
	}
	if m := goImportLineRE.FindStringSubmatch(t); m != nil {
		fs.imports[path.Base(m[1])] = m[1]
		fs.sc.learnOwnImport(m[1])
	}
}

// learnOwnImport records the module of a Go import path that continues
// with a top-level directory of the diff
// (github.com/caddyserver/caddy/v2/modules/caddytls, with modules/ in
// the diff): the project importing its own packages.
func (sc *workaroundScan) learnOwnImport(p string) {
	if !strings.Contains(strings.Split(p, "/")[0], ".") {
		return
	}
	mod := goModuleOf(p)
	if mod == p || sc.ownModules[strings.ToLower(mod)] {
		return
	}
	rest := strings.TrimPrefix(p, mod+"/")
	top, _, _ := strings.Cut(rest, "/")
	if sc.topDirs[top] {
		sc.addOwnModule(mod)
	}
}

// addOwnModule records a module path or package of the project, and its
// repository when it names one.
func (sc *workaroundScan) addOwnModule(m string) {
	m = strings.ToLower(strings.TrimSpace(m))
	if m == "" || sc.ownModules[m] {
		return
	}
	sc.ownModules[m] = true
	if r := forgeRepo(m); r != "" {
		sc.ownRepos[r] = true
	}
}

// goQualifiers records the packages a Go line uses ("mux.NewRouter") when
// the import block is out of the hunk's view, by package name.
func (fs *fileScan) goQualifiers(text string) {
	for i := 0; i+2 < len(text); i++ {
		if text[i] != '.' || text[i+1] < 'A' || text[i+1] > 'Z' {
			continue
		}
		j := i
		for j > 0 && (text[j-1] >= 'a' && text[j-1] <= 'z' || text[j-1] >= '0' && text[j-1] <= '9') {
			j--
		}
		if j == i || j > 0 && (isWordByte(text[j-1]) || text[j-1] == '.') || text[j] < 'a' || text[j] > 'z' {
			continue
		}
		name := text[j:i]
		if _, ok := fs.imports[name]; !ok && !goStdNames[name] && len(name) >= 3 {
			fs.imports[name] = name
			fs.guessed[name] = true
		}
	}
}

// goStdNames are the standard library's common package names.
var goStdNames = map[string]bool{
	"fmt": true, "os": true, "io": true, "strings": true, "bytes": true, "errors": true, "time": true, "sync": true,
	"context": true, "http": true, "json": true, "filepath": true, "path": true, "sort": true, "strconv": true, "math": true,
	"log": true, "slog": true, "regexp": true, "bufio": true, "url": true, "net": true, "reflect": true, "runtime": true,
	"atomic": true, "testing": true, "unicode": true, "utf8": true, "rand": true, "hex": true, "base64": true, "sha256": true,
	"tls": true, "x509": true, "exec": true, "signal": true, "slices": true, "maps": true, "cmp": true, "iter": true,
	"template": true, "sql": true, "flag": true, "ioutil": true, "heap": true, "list": true, "binary": true, "gzip": true,
	"zip": true, "tar": true, "csv": true, "xml": true, "html": true, "mime": true, "multipart": true, "httptest": true,
	"syscall": true, "unsafe": true, "debug": true, "pprof": true, "trace": true, "big": true, "bits": true, "netip": true,
	"textproto": true, "smtp": true, "user": true, "embed": true, "fs": true, "sha1": true, "md5": true, "hmac": true,
	"crypto": true, "elliptic": true, "ecdsa": true, "ed25519": true, "rsa": true, "pem": true, "subtle": true,
	"build": true, "ast": true, "token": true, "parser": true, "format": true, "types": true, "scanner": true,
}

func (fs *fileScan) goLinkname(n int, text string) {
	m := goLinknameRE.FindStringSubmatch(text)
	if m == nil {
		return
	}
	target := m[2]
	slash := strings.LastIndex(target, "/")
	dot := strings.Index(target[slash+1:], ".")
	if dot < 0 {
		return
	}
	pkg := target[:slash+1+dot]
	if fs.sc.isOwnModule(pkg) {
		return
	}
	fs.finding(ruleGoLinkname, n, text, goModuleOf(pkg), "a //go:linkname into "+target)
}

// ---- Python ----

func (fs *fileScan) pyImports(text string) {
	t := strings.TrimSpace(text)
	if fs.inPending {
		end := strings.Contains(t, ")")
		fs.pyNames(fs.pyPending, strings.Trim(t, "()"))
		if end {
			fs.inPending = false
		}
		return
	}
	if !strings.HasPrefix(t, "import ") && !strings.HasPrefix(t, "from ") {
		return
	}
	if m := pyFromImportRE.FindStringSubmatch(t); m != nil {
		if strings.HasPrefix(m[1], ".") {
			return
		}
		names := stripComment(m[2], "#")
		if strings.HasPrefix(strings.TrimSpace(names), "(") && !strings.Contains(names, ")") {
			fs.inPending, fs.pyPending = true, m[1]
		}
		fs.pyNames(m[1], strings.Trim(strings.TrimSpace(names), "()"))
		return
	}
	if m := pyImportRE.FindStringSubmatch(t); m != nil {
		for part := range strings.SplitSeq(stripComment(m[1], "#"), ",") {
			mod, alias, ok := strings.Cut(strings.TrimSpace(part), " as ")
			mod = strings.TrimSpace(mod)
			if mod == "" {
				continue
			}
			if ok {
				fs.imports[strings.TrimSpace(alias)] = mod
			} else {
				r, _, _ := strings.Cut(mod, ".")
				fs.imports[r] = r
			}
		}
	}
}

func (fs *fileScan) pyNames(mod, names string) {
	for part := range strings.SplitSeq(stripComment(names, "#"), ",") {
		name, alias, ok := strings.Cut(strings.TrimSpace(part), " as ")
		name = strings.TrimSpace(name)
		if name == "" || name == "*" {
			continue
		}
		local := name
		if ok {
			local = strings.TrimSpace(alias)
		}
		fs.imports[local] = mod + "." + name
	}
}

// pyResolve qualifies a dotted target through the file's imports, or
// returns "" when its root is not an import of another project.
func (fs *fileScan) resolve(target string) (qualified, dep string) {
	root, rest, _ := strings.Cut(target, ".")
	q, ok := fs.imports[root]
	if !ok {
		return "", ""
	}
	if rest != "" {
		q += "." + rest
	}
	dep = fs.depOf(fs.imports[root])
	if dep == "" || fs.sc.isOwnModule(dep) {
		return "", ""
	}
	return q, dep
}

func (fs *fileScan) pyLine(n int, text string) {
	if len(fs.imports) == 0 {
		return
	}
	if strings.Contains(text, "=") && strings.Contains(text, ".") {
		if m := pyAssignRE.FindStringSubmatch(text); m != nil && !isLiteral(m[2]) && !isHookName(m[1]) {
			if q, dep := fs.resolve(m[1]); q != "" && !strings.HasPrefix(m[1], "self.") {
				fs.finding(rulePyMonkeypatch, n, text, dep, "a monkeypatch of "+q)
				return
			}
		}
	}
	if strings.Contains(text, "setattr(") {
		if m := pySetattrRE.FindStringSubmatch(text); m != nil {
			if q, dep := fs.resolve(m[1]); q != "" {
				if m[2] != "" {
					q += "." + m[2]
				}
				fs.finding(rulePyMonkeypatch, n, text, dep, "a monkeypatch of "+q+" (setattr)")
				return
			}
		}
	}
	if strings.Contains(text, "patch") {
		if m := pyMockRE.FindStringSubmatch(text); m != nil {
			if m[1] == "patch" && !strings.Contains(fs.imports["patch"], "mock") {
				return
			}
			if m[1] == "mock.patch" {
				if _, ok := fs.imports["mock"]; !ok && !strings.Contains(text, "unittest.mock.patch") {
					return
				}
			}
			target, dep := m[2], ""
			if target != "" {
				dep, _, _ = strings.Cut(target, ".")
				if fs.sc.isOwnModule(dep) {
					return
				}
			} else if target, dep = fs.resolve(m[3]); target == "" {
				return
			}
			fs.finding(ruleMockPatch, n, text, dep, "a mock.patch of "+target+" outside tests")
		}
	}
}

// isHookName reports whether an attribute is meant to be assigned:
// sys.excepthook, threading.excepthook, litellm.success_callback.
func isHookName(target string) bool {
	attr := strings.ToLower(target[strings.LastIndexByte(target, '.')+1:])
	return strings.HasSuffix(attr, "hook") || strings.HasSuffix(attr, "hooks") ||
		strings.HasSuffix(attr, "callback") || strings.HasSuffix(attr, "callbacks")
}

// isLiteral reports whether a right-hand side is a literal value:
// configuration rather than a replaced function.
func isLiteral(rhs string) bool {
	rhs = strings.TrimSpace(rhs)
	if rhs == "" {
		return true
	}
	switch rhs[0] {
	case '"', '\'', '`', '[', '{', '(', '-', '+', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9':
		return true
	}
	for _, w := range []string{"True", "False", "None", "true", "false", "null", "undefined", "nil", "b'", "b\"", "f'", "f\"", "r'", "r\"", "new "} {
		if strings.HasPrefix(rhs, w) {
			return true
		}
	}
	return false
}

// ---- JavaScript and TypeScript ----

func (fs *fileScan) jsImports(text string) {
	t := strings.TrimSpace(text)
	if fs.inPending {
		if len(fs.jsPending) > 4096 {
			fs.inPending = false // not an import after all
			return
		}
		fs.jsPending += " " + t
		if m := jsFromRE.FindStringSubmatch(t); m != nil {
			fs.jsBindings(strings.TrimSpace(strings.TrimPrefix(fs.jsPending[:strings.LastIndex(fs.jsPending, "from")], "import")), m[1])
			fs.inPending = false
		}
		return
	}
	if strings.HasPrefix(t, "import ") || strings.HasPrefix(t, "import{") {
		if m := jsFromRE.FindStringSubmatchIndex(t); m != nil {
			fs.jsBindings(strings.TrimSpace(t[len("import"):m[0]]), t[m[2]:m[3]])
			return
		}
		if strings.Contains(t, "{") && !strings.Contains(t, "require(") {
			fs.inPending, fs.jsPending = true, t
			return
		}
	}
	if strings.Contains(t, "require(") {
		if m := jsRequireRE.FindStringSubmatch(t); m != nil {
			if m[1] != "" {
				fs.jsBindings(m[1], m[3])
			} else {
				fs.jsBindings("{"+m[2]+"}", m[3])
			}
		}
	}
}

// jsBindings records an import clause ("X, { a as b }", "* as ns").
func (fs *fileScan) jsBindings(clause, pkg string) {
	if pkg == "" || pkg[0] == '.' || pkg[0] == '/' || pkg[0] == '~' || strings.HasPrefix(pkg, "@/") {
		return
	}
	clause = strings.TrimPrefix(strings.TrimSpace(clause), "type ")
	named := ""
	if i := strings.Index(clause, "{"); i >= 0 {
		j := strings.LastIndex(clause, "}")
		if j < i {
			j = len(clause)
		}
		named = clause[i+1 : j]
		clause = clause[:i] + clause[min(j+1, len(clause)):]
	}
	for part := range strings.SplitSeq(clause, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		if ns, ok := strings.CutPrefix(part, "* as "); ok {
			fs.imports[strings.TrimSpace(ns)] = pkg
		} else if isIdent(part) {
			fs.imports[part] = pkg
		}
	}
	for part := range strings.SplitSeq(named, ",") {
		part = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(part), "type "))
		name, alias, ok := strings.Cut(part, " as ")
		if !ok {
			name, alias, ok = strings.Cut(part, ":") // const { a: b } = require()
		}
		name, alias = strings.TrimSpace(name), strings.TrimSpace(alias)
		if !ok {
			alias = name
		}
		if isIdent(name) && isIdent(alias) {
			fs.imports[alias] = pkg + "." + name
		}
	}
}

func isIdent(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isWordByte(s[i]) && s[i] != '$' {
			return false
		}
	}
	return true
}

// jsResolve qualifies a JS target: npm package plus the rest.
func (fs *fileScan) jsResolve(root, rest string) (string, string) {
	q, ok := fs.imports[root]
	if !ok {
		return "", ""
	}
	pkg := npmPackage(q)
	if fs.sc.isOwnModule(pkg) {
		return "", ""
	}
	return q + rest, pkg
}

func (fs *fileScan) jsLine(n int, text string) {
	if strings.Contains(text, "require(") {
		if m := jsReqAssign.FindStringSubmatch(text); m != nil && m[1][0] != '.' {
			pkg := npmPackage(m[1])
			fs.finding(ruleJSMonkeypatch, n, text, pkg, "a monkeypatch of "+m[1]+m[2])
			return
		}
	}
	if len(fs.imports) == 0 || !strings.Contains(text, ".") {
		return
	}
	if strings.Contains(text, "Object.") {
		if m := jsDefineRE.FindStringSubmatch(text); m != nil {
			if q, dep := fs.jsResolve(m[1], m[2]); q != "" {
				fs.finding(ruleJSMonkeypatch, n, text, dep, "a monkeypatch of "+q)
				return
			}
		}
	}
	if !strings.Contains(text, "=") {
		return
	}
	m := jsAssignRE.FindStringSubmatch(text)
	if m == nil {
		return
	}
	q, dep := fs.jsResolve(m[1], m[2])
	if q == "" {
		return
	}
	rhs := strings.TrimSpace(m[3])
	if strings.Contains(m[2], ".prototype") || jsFuncRHSRE.MatchString(rhs) {
		fs.finding(ruleJSMonkeypatch, n, text, dep, "a monkeypatch of "+q)
	}
}

// npmPackage returns the package of an import path: "@scope/name" or
// "name".
func npmPackage(spec string) string {
	if strings.HasPrefix(spec, "@") {
		parts := strings.SplitN(spec, "/", 3)
		if len(parts) >= 2 {
			return parts[0] + "/" + parts[1]
		}
		return spec
	}
	p, _, _ := strings.Cut(spec, "/")
	p, _, _ = strings.Cut(p, ".") // a qualified binding: "lodash.merge"
	return p
}

// ---- Ruby ----

func (fs *fileScan) rubyLine(n int, text string) {
	if len(text) > 0 && (text[0] == 'c' || text[0] == 'm') {
		if m := rubyReopenRE.FindStringSubmatch(text); m != nil && m[2] == "" {
			name := strings.TrimPrefix(m[1], "::")
			if gem := fs.rubyGem(name); gem != "" {
				fs.finding(ruleRubyReopen, n, text, gem, "a reopening of "+name)
				return
			}
		}
	}
	if strings.Contains(text, "_eval") || strings.Contains(text, "prepend") || strings.Contains(text, "send(") {
		if m := rubyEvalRE.FindStringSubmatch(text); m != nil {
			dep := fs.rubyGem(m[1])
			if dep == "" {
				dep, _, _ = strings.Cut(m[1], "::")
			}
			fs.finding(ruleRubyReopen, n, text, dep, "a monkeypatch of "+m[1])
		}
	}
}

// rubyGem returns the required library a constant belongs to: Net::HTTP
// to "net/http", Faraday::Connection to "faraday".
func (fs *fileScan) rubyGem(constant string) string {
	parts := strings.Split(constant, "::")
	for k := len(parts); k >= 1; k-- {
		want := squash(strings.Join(parts[:k], ""))
		best := ""
		for req := range fs.imports {
			if squash(req) == want && (best == "" || req < best) {
				best = req
			}
		}
		if best != "" {
			return best
		}
	}
	return ""
}

// squash lower-cases s and drops what separates words in gem and
// constant names.
func squash(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'A' && c <= 'Z':
			b.WriteByte(c + 'a' - 'A')
		case c == '_' || c == '-' || c == '/' || c == ':':
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// ---- manifests ----

func (fs *fileScan) cargoLine(n int, text string) {
	t := strings.TrimSpace(stripComment(text, "#"))
	if t == "" || t[0] == '[' {
		return
	}
	m := tomlEntryRE.FindStringSubmatch(t)
	if m == nil {
		return
	}
	name := m[1]
	fs.lineDeps[n] = name
	sec := fs.section
	switch {
	case strings.HasPrefix(sec, "patch.") || sec == "replace":
		if sec == "replace" {
			name, _, _ = strings.Cut(strings.Trim(name, `"`), ":")
		}
		source := strings.TrimPrefix(sec, "patch.")
		if g := tomlGitRE.FindStringSubmatch(t); g != nil {
			if g[2] == "path" && insideRepo(fs.path, g[3]) {
				return
			}
			fs.finding(ruleCargoPatch, n, text, name, fmt.Sprintf("a [%s] entry swapping the crate %s for %s", sec, name, g[3]))
			return
		}
		if sec == "replace" {
			fs.finding(ruleCargoPatch, n, text, name, fmt.Sprintf("a [replace] entry for the crate %s", name))
		} else {
			fs.finding(ruleCargoPatch, n, text, name, fmt.Sprintf("a [patch.%s] entry for the crate %s", source, name))
		}
	default:
		if g := tomlGitRE.FindStringSubmatch(t); g != nil && g[2] != "path" {
			fs.finding(ruleGitDependency, n, text, name, fmt.Sprintf("a git source for the crate %s (%s)", name, g[3]))
		}
	}
}

func (fs *fileScan) pyManifestLine(n int, text string) {
	body := stripComment(text, "#")
	name := ""
	if m := pipNameRE.FindStringSubmatch(strings.TrimSpace(strings.TrimLeft(strings.TrimSpace(body), `"'`))); m != nil {
		name = m[1]
	}
	if g := tomlGitRE.FindStringSubmatch(body); g != nil {
		fs.lineDeps[n] = g[1]
		if g[2] != "path" {
			fs.finding(ruleGitDependency, n, text, g[1], fmt.Sprintf("a git source for %s (%s)", g[1], g[3]))
		}
		return
	}
	if strings.Contains(body, "+") || strings.Contains(body, "git://") {
		if g := pipGitRE.FindStringSubmatch(body); g != nil {
			dep := name
			if e := eggRE.FindStringSubmatch(body); e != nil {
				dep = e[1]
			}
			if dep == "" || dep == "git" || dep == "e" {
				dep = repoName(g[1])
			}
			fs.lineDeps[n] = dep
			fs.finding(ruleGitDependency, n, text, dep, fmt.Sprintf("a git pin of %s to %s", dep, strings.TrimSuffix(g[1], ",")))
			return
		}
	}
	if name != "" {
		fs.lineDeps[n] = name
	}
	if name != "" && excludeVerRE.MatchString(body) && fs.citesBug(n, text, "#") {
		fs.finding(ruleExclusion, n, text, name, "an exclusion of a release of "+name)
	}
}

func (fs *fileScan) gemfileLine(n int, text string) {
	body := stripComment(text, "#")
	if m := gemGitBlockRE.FindStringSubmatch(body); m != nil {
		dep := normRepo(m[1])
		if dep == "" {
			dep = m[1]
		}
		fs.finding(ruleGitDependency, n, text, dep, "a git source ("+m[1]+") for the gems in its block")
		return
	}
	m := gemLineRE.FindStringSubmatch(body)
	if m == nil {
		return
	}
	name, rest := m[1], m[2]
	fs.lineDeps[n] = name
	if g := gemSourceRE.FindStringSubmatch(rest); g != nil {
		kind := g[1] + g[2]
		if kind == "path" && insideRepo(fs.path, g[3]) {
			return
		}
		fs.finding(ruleGitDependency, n, text, name, fmt.Sprintf("a %s source for the gem %s (%s)", kind, name, g[3]))
		return
	}
	if excludeVerRE.MatchString(rest) && fs.citesBug(n, text, "#") {
		fs.finding(ruleExclusion, n, text, name, "an exclusion of a release of the gem "+name)
	}
}

// jsonLine follows package.json's blocks on a visible line and reports
// added entries in them.
func (fs *fileScan) jsonLine(n int, text string, added bool) {
	if fs.jsonBlock == "" {
		m := jsonKeyObjRE.FindStringSubmatch(text)
		if m == nil {
			return
		}
		switch m[1] {
		case "overrides", "resolutions", "patchedDependencies":
			fs.jsonBlock = m[1]
		case "dependencies", "devDependencies", "optionalDependencies", "peerDependencies":
			fs.jsonBlock = "deps"
		default:
			return
		}
		fs.jsonDepth = 0
		fs.jsonKeys = fs.jsonKeys[:0]
		fs.jsonDepth += strings.Count(text, "{") - strings.Count(text, "}")
		if fs.jsonDepth <= 0 {
			fs.jsonBlock = ""
		}
		return
	}
	if m := jsonEntryRE.FindStringSubmatch(text); m != nil {
		key, val := m[1], m[2]
		if key == "." && len(fs.jsonKeys) > 0 {
			key = fs.jsonKeys[len(fs.jsonKeys)-1]
		}
		name := npmName(key)
		fs.lineDeps[n] = name
		if added {
			fs.jsonEntry(n, text, name, val)
		}
	} else if m := jsonKeyObjRE.FindStringSubmatch(text); m != nil {
		fs.jsonKeys = append(fs.jsonKeys, m[1])
		if added && fs.jsonBlock != "deps" {
			fs.lineDeps[n] = npmName(m[1])
		}
	}
	opens, closes := strings.Count(text, "{"), strings.Count(text, "}")
	fs.jsonDepth += opens - closes
	for range max(0, closes-opens) {
		if len(fs.jsonKeys) > 0 {
			fs.jsonKeys = fs.jsonKeys[:len(fs.jsonKeys)-1]
		}
	}
	if fs.jsonDepth <= 0 {
		fs.jsonBlock = ""
	}
}

func (fs *fileScan) jsonEntry(n int, text, name, val string) {
	switch fs.jsonBlock {
	case "deps":
		if isGitSpec(val) {
			fs.finding(ruleGitDependency, n, text, name, fmt.Sprintf("a git source for the package %s (%s)", name, val))
		}
	case "patchedDependencies":
		fs.patchEntry(n, text, name, val)
	default:
		if isGitSpec(val) || strings.HasPrefix(val, "file:") || strings.HasPrefix(val, "link:") || strings.HasPrefix(val, "portal:") ||
			strings.HasPrefix(val, "patch:") || strings.HasPrefix(val, "npm:") {
			fs.finding(ruleNPMOverride, n, text, name, fmt.Sprintf("%s entry redirecting the package %s to %s", blockEntry(fs.jsonBlock), name, val))
		} else if val != "" && val != "$"+name && !strings.HasPrefix(val, "workspace:") {
			fs.finding(ruleNPMPin, n, text, name, fmt.Sprintf("%s entry forcing the package %s to %s", blockEntry(fs.jsonBlock), name, val))
		}
	}
}

// patchEntry reports a patchedDependencies entry (package.json or
// pnpm-workspace.yaml) and remembers which package its patch file is
// for, since pnpm's "patches/name.patch" does not always say.
func (fs *fileScan) patchEntry(n int, text, name, patch string) {
	if patch != "" {
		fs.sc.patchNames[path.Clean(path.Join(path.Dir(fs.path), patch))] = name
	}
	fs.finding(rulePatchFile, n, text, name, fmt.Sprintf("a patch of the package %s (%s)", name, patch))
}

// yamlLine follows pnpm-workspace.yaml's patchedDependencies block.
func (fs *fileScan) yamlLine(n int, text string, added bool) {
	t := strings.TrimRight(text, " ")
	if t == "" || strings.HasPrefix(strings.TrimSpace(t), "#") {
		return
	}
	if t[0] != ' ' && t[0] != '\t' {
		fs.jsonBlock = ""
		if strings.HasPrefix(t, "patchedDependencies:") {
			fs.jsonBlock = "patchedDependencies"
		}
		return
	}
	if fs.jsonBlock == "" || !added {
		return
	}
	key, val, ok := strings.Cut(strings.TrimSpace(stripComment(t, "#")), ":")
	if !ok {
		return
	}
	key = strings.Trim(strings.TrimSpace(key), `"'`)
	val = strings.Trim(strings.TrimSpace(val), `"'`)
	fs.patchEntry(n, text, npmName(key), val)
}

func blockEntry(block string) string {
	if block == "overrides" {
		return "an overrides"
	}
	return "a " + block
}

// npmName returns the package an overrides or resolutions key names:
// "**/lodash", "foo>bar", "@scope/pkg@1.2.3", "a/@scope/b".
func npmName(key string) string {
	key = strings.TrimPrefix(key, "**/")
	if i := strings.LastIndex(key, ">"); i >= 0 {
		key = key[i+1:]
	}
	// yarn's nested "a/b": the last package.
	if parts := strings.Split(key, "/"); len(parts) > 1 {
		last := parts[len(parts)-1]
		if len(parts) >= 2 && strings.HasPrefix(parts[len(parts)-2], "@") {
			key = parts[len(parts)-2] + "/" + last
		} else {
			key = last
		}
	}
	// a version suffix: "pkg@1.2.3", "@scope/pkg@1.2.3".
	if i := strings.LastIndex(key, "@"); i > 0 {
		key = key[:i]
	}
	return key
}

func isGitSpec(v string) bool {
	for _, p := range []string{"github:", "gitlab:", "bitbucket:", "gist:", "git+", "git:", "git://"} {
		if strings.HasPrefix(v, p) {
			return true
		}
	}
	if strings.HasPrefix(v, "http://") || strings.HasPrefix(v, "https://") {
		return true
	}
	// GitHub shorthand: user/repo or user/repo#ref.
	if i := strings.IndexByte(v, '/'); i > 0 && !strings.HasPrefix(v, "@") && !strings.ContainsAny(v[:i], " :<>=^~*") && !strings.HasPrefix(v, "file") && !strings.HasPrefix(v, "link") && !strings.HasPrefix(v, "workspace") {
		return true
	}
	return false
}

// manifestLines checks a manifest's or lockfile's changed lines for the
// names of vendored dependencies: a version change that explains an
// edit to the vendored copy.
func (sc *workaroundScan) manifestLines(hunks []diffstat.Hunk) {
	if len(sc.vendored) == 0 {
		return
	}
	few := len(sc.vendOrder) <= 32
	for _, h := range hunks {
		for _, l := range h.Lines {
			if l.Op == diffstat.LineContext {
				continue
			}
			if few {
				for _, tok := range sc.vendOrder {
					if d := sc.vendored[tok]; !d.revendored && strings.Contains(l.Text, tok) {
						d.revendored = true
					}
				}
				continue
			}
			// Many vendored dependencies: look up the line's words instead.
			for _, w := range strings.FieldsFunc(l.Text, isManifestSep) {
				for _, tok := range []string{w, goModuleOf(w), npmPackage(w)} {
					if d := sc.vendored[tok]; d != nil {
						d.revendored = true
					}
				}
			}
		}
	}
}

func isManifestSep(r rune) bool {
	switch r {
	case ' ', '\t', '"', '\'', ',', '=', '<', '>', '~', '^', '!', ';', '#', '(', ')', '[', ']', '{', '}':
		return true
	}
	return false
}

// ---- patch files and vendored code ----

func (sc *workaroundScan) patchFile(f *diffstat.File, hunks []diffstat.Hunk) {
	p := f.NewPath
	first, firstText := 0, ""
	upstream, dep := "", patchDependency(p)
	inHeader := true
	maxLen := sc.cfg.MaxLineBytes
	for _, h := range hunks {
		for _, l := range h.Lines {
			if l.Op != diffstat.LineAdded || len(l.Text) > maxLen {
				continue
			}
			if first == 0 {
				first, firstText = l.New, l.Text
			}
			t := strings.TrimSuffix(l.Text, "\r")
			if strings.HasPrefix(t, "diff ") || strings.HasPrefix(t, "--- ") || strings.HasPrefix(t, "Index: ") || strings.HasPrefix(t, "@@") {
				if dep == "" {
					dep = patchTargetDependency(t)
				}
				inHeader = false
			}
			if !inHeader {
				continue
			}
			if m := dep3RE.FindStringSubmatch(t); m != nil {
				field, val := strings.ToLower(m[1]), m[2]
				lv := strings.ToLower(val)
				switch {
				case field == "forwarded" && (lv == "not-needed" || lv == "not needed"):
					return // a change only the packaging needs
				case field == "forwarded" && (lv == "no" || lv == ""):
				case field == "origin" && !strings.HasPrefix(lv, "upstream") && !strings.HasPrefix(lv, "backport"):
				default:
					if upstream == "" {
						upstream = m[1] + ": " + val
					}
				}
				continue
			}
			if upstream == "" && strings.Contains(t, "://") {
				for _, lk := range appendLinks(nil, l.New, t, false) {
					if !sc.ownLink(lk.url) {
						upstream = lk.url
						break
					}
				}
			}
		}
	}
	if first == 0 {
		return
	}
	if dep == "" {
		dep = "upstream"
	}
	what := "a patch file for " + dep
	if dep == "upstream" {
		what = "a patch to the upstream source (" + path.Base(p) + ")"
	}
	snippet := strings.TrimSpace(firstText)
	if len(snippet) > 200 {
		snippet = snippet[:200]
	}
	sc.add(WorkaroundFinding{Rule: rulePatchFile, Path: p, Line: first, Snippet: snippet, Dependency: dep, What: what, Upstream: upstream})
}

// patchDependency derives the patched package from a patch file's name:
// patch-package "patches/@scope+name+1.2.3.patch", pnpm
// "patches/@scope__name@1.2.3.patch", yarn
// ".yarn/patches/name-npm-1.2.3-abcdef.patch", or a directory of
// third-party code ("third_party/zlib/fix.patch").
func patchDependency(p string) string {
	base := path.Base(p)
	stem := strings.TrimSuffix(strings.TrimSuffix(base, ".patch"), ".diff")
	dir := path.Dir(p)
	switch {
	case strings.HasSuffix(dir, ".yarn/patches"):
		if i := strings.Index(stem, "-npm-"); i > 0 {
			name := stem[:i]
			if strings.HasPrefix(name, "@") {
				if j := strings.Index(name, "-"); j > 0 {
					name = name[:j] + "/" + name[j+1:]
				}
			}
			return name
		}
	case strings.HasPrefix(p, "debian/patches/") || strings.Contains(p, "/debian/patches/"):
		return ""
	case path.Base(dir) == "patches":
		if strings.Contains(stem, "+") { // patch-package
			parts := strings.Split(stem, "+")
			if strings.HasPrefix(parts[0], "@") && len(parts) >= 3 {
				return parts[0] + "/" + parts[1]
			}
			if len(parts) >= 2 {
				return parts[len(parts)-2]
			}
		}
		if i := strings.LastIndex(stem, "@"); i > 0 { // pnpm
			name := stem[:i]
			if strings.HasPrefix(name, "@") {
				name = strings.Replace(name, "__", "/", 1)
			}
			return name
		}
	}
	if dep, ok := vendoredDependency(p); ok {
		return dep.name
	}
	return ""
}

// patchTargetDependency reads the dependency from a patch's own file
// header: "diff --git a/node_modules/lodash/x.js b/...".
func patchTargetDependency(line string) string {
	for _, f := range strings.Fields(line) {
		f = strings.TrimPrefix(strings.TrimPrefix(f, "a/"), "b/")
		if dep, ok := vendoredDependency(f); ok {
			return dep.name
		}
	}
	return ""
}

func (sc *workaroundScan) vendoredFile(f *diffstat.File, dep vendoredDep, hunks []diffstat.Hunk) {
	d := sc.vendored[dep.token]
	if d == nil {
		return // the rule is off
	}
	base := strings.ToLower(path.Base(f.NewPath))
	// The dependency's own manifest or version file changing means a new
	// copy of it, not a hand edit.
	switch base {
	case "package.json", "version", "version.txt", "metadata", "readme.chromium", "cargo.toml", "pkg-info",
		"go.mod", "setup.py", "setup.cfg", "pyproject.toml", "bower.json", "composer.json":
		if f.Added+f.Deleted > 0 {
			d.revendored = true
		}
	}
	if strings.HasSuffix(base, ".gemspec") {
		d.revendored = true
	}
	if f.Op == diffstat.OpAdded || f.Op == diffstat.OpCopied {
		return // new files come with an import, not an edit
	}
	d.edited++
	d.added += f.Added
	if d.path != "" {
		return
	}
	for _, h := range hunks {
		for _, l := range h.Lines {
			if l.Op == diffstat.LineAdded {
				d.path, d.line, d.snip = f.NewPath, l.New, strings.TrimSpace(l.Text)
				if len(d.snip) > 200 {
					d.snip = d.snip[:200]
				}
				return
			}
		}
	}
}

var vendorDirs = []string{"vendor", "third_party", "third-party", "thirdparty", "node_modules", "external", "_vendor", "site-packages", "bower_components"}

// isVendoredPath reports whether p lies in a directory of third-party
// code.
func isVendoredPath(p string) bool {
	for _, d := range vendorDirs {
		if strings.HasPrefix(p, d+"/") || d != "external" && strings.Contains(p, "/"+d+"/") {
			return true
		}
	}
	return false
}

// vendoredDependency returns the dependency a path of vendored code
// belongs to: vendor/github.com/lib/pq/conn.go is github.com/lib/pq,
// node_modules/@babel/core/lib/x.js is @babel/core, third_party/zlib/x.c
// is zlib. Files directly in the vendored directory (vendor/modules.txt)
// belong to none.
func vendoredDependency(p string) (vendoredDep, bool) {
	parts := strings.Split(p, "/")
	// The last vendored directory wins: node_modules/a/node_modules/b.
	at := -1
	for i, part := range parts[:len(parts)-1] {
		// external/ is third-party code only at the root; deeper it is
		// as often a test fixture (playground/external/).
		if slices.Contains(vendorDirs, part) && (part != "external" || i == 0) {
			at = i
		}
	}
	if at < 0 || at+2 >= len(parts) {
		return vendoredDep{}, false
	}
	rest := parts[at+1 : len(parts)-1] // directories below the vendored one
	var name string
	switch parts[at] {
	case "vendor":
		if strings.Contains(rest[0], ".") { // a Go module path
			name = goModuleOf(strings.Join(rest, "/"))
		} else {
			name = rest[0]
		}
	case "node_modules", "bower_components":
		name = rest[0]
		if strings.HasPrefix(name, "@") && len(rest) > 1 {
			name += "/" + rest[1]
		}
	default:
		name = rest[0]
	}
	name = strings.TrimSuffix(name, ".py")
	token := name
	if parts[at] == "site-packages" || parts[at] == "_vendor" {
		token = strings.SplitN(name, "-", 2)[0]
	}
	return vendoredDep{name: name, token: token}, true
}

// goModuleOf guesses the module of a Go import path: three elements on
// the common forges and golang.org/x, the package itself for the
// standard library, two elements elsewhere.
func goModuleOf(p string) string {
	parts := strings.Split(p, "/")
	if !strings.Contains(parts[0], ".") {
		return p // the standard library
	}
	n := 2
	switch parts[0] {
	case "github.com", "gitlab.com", "bitbucket.org", "codeberg.org", "golang.org", "go.googlesource.com", "gitea.com", "git.sr.ht":
		n = 3
	}
	if len(parts) > n && len(parts[n]) >= 2 && parts[n][0] == 'v' && parts[n][1] >= '0' && parts[n][1] <= '9' {
		n++ // major version suffix
	}
	return strings.Join(parts[:min(n, len(parts))], "/")
}

func isPatchPath(p string) bool {
	base := path.Base(p)
	if strings.Contains(p, ".yarn/patches/") {
		return true
	}
	if strings.HasPrefix(p, "debian/patches/") || strings.Contains(p, "/debian/patches/") {
		return base != "series" && base != "00list" && !strings.HasSuffix(base, ".series")
	}
	if strings.HasSuffix(base, ".patch") {
		return true
	}
	return strings.HasSuffix(base, ".diff") && path.Base(path.Dir(p)) == "patches"
}

// isTestPath reports whether p is a test or a test fixture by its name.
func isTestPath(p string) bool {
	for _, d := range []string{"test", "tests", "spec", "__tests__", "__mocks__", "testdata", "fixtures", "__fixtures__", "testing"} {
		if strings.HasPrefix(p, d+"/") || strings.Contains(p, "/"+d+"/") {
			return true
		}
	}
	base := path.Base(p)
	return strings.HasPrefix(base, "test_") || strings.HasSuffix(base, "_test.py") || strings.HasSuffix(base, "_test.go") ||
		strings.HasSuffix(base, "_spec.rb") || strings.HasSuffix(base, "_test.rb") || base == "conftest.py" ||
		strings.Contains(base, ".test.") || strings.Contains(base, ".spec.")
}

func isManifestPath(p string) bool {
	switch path.Base(p) {
	case "go.mod", "go.sum", "package.json", "package-lock.json", "yarn.lock", "pnpm-lock.yaml", "Cargo.toml", "Cargo.lock",
		"pyproject.toml", "poetry.lock", "uv.lock", "Pipfile", "Pipfile.lock", "Gemfile", "Gemfile.lock", "setup.cfg", "setup.py",
		"modules.txt", "vendor.txt", "DEPS", "WORKSPACE", "MODULE.bazel", "vendor.conf", "Godeps.json":
		return true
	}
	base := path.Base(p)
	return strings.HasPrefix(base, "requirements") || strings.HasPrefix(base, "constraints")
}

// fileKind decides how to read a file from its name.
func fileKind(p string) wkind {
	base := path.Base(p)
	switch base {
	case "go.mod":
		return wkGoMod
	case "Cargo.toml":
		return wkCargo
	case "package.json":
		return wkPackageJSON
	case "pyproject.toml", "Pipfile", "setup.cfg":
		return wkPyManifest
	case "Gemfile", "gems.rb":
		return wkGemfile
	case "pnpm-workspace.yaml":
		return wkPnpmWorkspace
	}
	if (strings.HasPrefix(base, "requirements") || strings.HasPrefix(base, "constraints")) && (strings.HasSuffix(base, ".txt") || strings.HasSuffix(base, ".in")) {
		return wkPyManifest
	}
	switch path.Ext(base) {
	case ".go":
		return wkGo
	case ".rs":
		return wkRust
	case ".js", ".mjs", ".cjs", ".jsx", ".ts", ".tsx", ".mts", ".cts":
		return wkJS
	case ".py", ".pyi":
		return wkPython
	case ".rb", ".rake":
		return wkRuby
	case ".gemspec":
		return wkGemfile
	case ".c", ".h", ".cc", ".cpp", ".hpp", ".java", ".kt", ".swift", ".scala", ".cs", ".php", ".dart", ".zig":
		return wkSlashComments
	case ".sh", ".bash", ".yml", ".yaml", ".toml", ".cfg", ".ini", ".pl", ".r", ".ex", ".exs":
		return wkHashComments
	}
	if base == "Dockerfile" || base == "Makefile" || strings.HasSuffix(base, ".mk") {
		return wkHashComments
	}
	return wkOther
}

// pyTopPackage returns the top-level package a project's Python file is
// in ("myapp" for myapp/x.py and src/myapp/x.py), or its module name
// when it is at the top.
func pyTopPackage(p string) string {
	parts := strings.Split(p, "/")
	if len(parts) > 2 && (parts[0] == "src" || parts[0] == "lib" || parts[0] == "python") {
		parts = parts[1:]
	}
	if len(parts) == 1 {
		return strings.TrimSuffix(parts[0], ".py")
	}
	return parts[0]
}

func insideRepo(manifest, rel string) bool {
	if path.IsAbs(rel) || strings.Contains(rel, ":") {
		return false
	}
	dir := path.Join(path.Dir(manifest), rel)
	return dir != ".." && !strings.HasPrefix(dir, "../")
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
	if !strings.Contains(text, "#") {
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

// linkRepo returns the repository an issue link is on.
func linkRepo(u string) string {
	if m := issueLinkRE.FindStringSubmatch(u); m != nil && m[1] != "" {
		return normRepo(m[1])
	}
	switch {
	case strings.Contains(u, "go.dev/") || strings.Contains(u, "golang.org/issue") || strings.Contains(u, "golang.org/cl"):
		return "github.com/golang/go"
	case strings.Contains(u, "bugs.python.org"):
		return "github.com/python/cpython"
	}
	return ""
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
