package workaround

// The workaround scorer's detectors for code: Go linknames, Python and
// JavaScript monkeypatches, Ruby reopened classes, and the imports that
// tell them which names belong to another project.

import (
	"path"
	"slices"
	"strings"
)

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
	if !strings.Contains(firstElem(p), ".") {
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
	fs.goLocals(text)
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
		if _, ok := fs.imports[name]; !ok && !goStdNames()[name] && len(name) >= 3 && !fs.locals[name] {
			fs.imports[name] = name
			fs.guessed[name] = true
		}
	}
}

// goLocals records the names a Go line declares (x := ..., a
// function's parameters), which are variables, not packages:
// "command.Parent()" after "func help(command *cobra.Command)".
func (fs *fileScan) goLocals(text string) {
	t := strings.TrimSpace(text)
	var decl string
	if i := strings.Index(t, ":="); i > 0 {
		decl = t[:i]
	} else if strings.HasPrefix(t, "func ") || strings.HasPrefix(t, "var ") {
		decl = t
	} else {
		return
	}
	for start, k := range runs(decl, isWordByte) {
		if start > 0 && decl[start-1] == '.' || k < len(decl) && decl[k] == '.' {
			continue // a qualifier or a selector, not a declared name
		}
		name := decl[start:k]
		// Only names a package could have (lower-case letters, as the
		// qualifiers goQualifiers guesses) need remembering.
		if len(name) >= 3 && isLowerWord(name) && !fs.locals[name] && len(fs.locals) < maxImports {
			fs.locals[name] = true
		}
		if fs.guessed[name] {
			delete(fs.imports, name)
			delete(fs.guessed, name)
		}
	}
}

// isLowerWord reports whether s is lower-case ASCII letters only.
func isLowerWord(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 'a' || s[i] > 'z' {
			return false
		}
	}
	return true
}

// firstElem returns a path's first element, without allocating.
func firstElem(p string) string {
	first, _, _ := strings.Cut(p, "/")
	return first
}

// goStdNames are the standard library's common package names.
var goStdNames = wordSet(`fmt os io strings bytes errors time sync context http json filepath path sort strconv math log slog
	regexp bufio url net reflect runtime atomic testing unicode utf8 rand hex base64 sha256 tls x509
	exec signal slices maps cmp iter template sql flag ioutil heap list binary gzip zip tar csv xml html
	mime multipart httptest syscall unsafe debug pprof trace big bits netip textproto smtp user embed fs
	sha1 md5 hmac crypto elliptic ecdsa ed25519 rsa pem subtle build ast token parser format types
	scanner`)

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
	if dottedTarget(text) && strings.Contains(text, "=") {
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
			if top, _, _ := strings.Cut(dep, "."); pyStdlib()[top] {
				return // mocking the standard library fixes nothing upstream
			}
			fs.finding(ruleMockPatch, n, text, dep, "a mock.patch of "+target+" outside tests")
		}
	}
}

// dottedTarget is a cheap test that lets through every line pyAssignRE
// and jsAssignRE could match: after the indent, an identifier followed
// by "." or "[" (an attribute or a member is being set).
func dottedTarget(text string) bool {
	i := 0
	for i < len(text) && (text[i] == ' ' || text[i] == '\t') {
		i++
	}
	start := i
	for i < len(text) && (isWordByte(text[i]) || text[i] == '$') {
		i++
	}
	return i > start && i < len(text) && (text[i] == '.' || text[i] == '[')
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
	if !dottedTarget(text) || !strings.Contains(text, "=") {
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
			if gem := fs.rubyGem(name); gem != "" && !fs.reopenedBefore(name) {
				fs.finding(ruleRubyReopen, n, text, gem, "a reopening of "+name)
				return
			}
		}
	}
	if strings.Contains(text, "_eval") || strings.Contains(text, "prepend") || strings.Contains(text, "send(") {
		if m := rubyEvalRE.FindStringSubmatch(text); m != nil {
			if fs.reopenedBefore(strings.TrimPrefix(m[1], "::")) {
				return // the same patch, rewritten: a deleted line reopened it already
			}
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

// pyStdlib holds the top-level modules of Python's standard library most
// often mocked. Mocking them is test scaffolding or instrumentation, not a
// workaround for a dependency: there is nothing to fix upstream by a mock.
var pyStdlib = wordSet(`abc argparse array asyncio atexit base64 builtins bz2 calendar collections
concurrent contextlib copy csv ctypes datetime decimal difflib email enum errno faulthandler fcntl filecmp
fnmatch functools gc getpass gettext glob gzip hashlib heapq hmac html http importlib inspect io ipaddress
itertools json locale logging lzma mimetypes multiprocessing netrc numbers operator os pathlib pickle
platform pprint queue random re resource sched secrets select selectors shlex shutil signal site socket
socketserver sqlite3 ssl stat statistics string struct subprocess sys sysconfig tarfile tempfile textwrap
threading time timeit tokenize traceback tracemalloc types typing unicodedata urllib uuid warnings weakref
webbrowser winreg xml zipfile zipimport zlib zoneinfo __builtin__`)

// maxOldReopens bounds the constants oldReopen keeps per file.
const maxOldReopens = 16

// oldReopen records the constant a deleted Ruby line reopened or patched
// at the top level: a patch of the same constant on an added line is the
// old one rewritten (a reopened class turned into a prepended module),
// not a new workaround.
func (fs *fileScan) oldReopen(text string) {
	if len(fs.oldReopens) >= maxOldReopens || len(text) == 0 {
		return
	}
	var m []string
	if text[0] == 'c' || text[0] == 'm' {
		if m = rubyReopenRE.FindStringSubmatch(text); m != nil && m[2] != "" {
			m = nil // a subclass is a definition, not a reopening
		}
	}
	if m == nil && (strings.Contains(text, "_eval") || strings.Contains(text, "prepend") || strings.Contains(text, "send(")) {
		m = rubyEvalRE.FindStringSubmatch(text)
	}
	if m != nil {
		if name := strings.TrimPrefix(m[1], "::"); !slices.Contains(fs.oldReopens, name) {
			fs.oldReopens = append(fs.oldReopens, name)
		}
	}
}

// reopenedBefore reports whether a deleted line of the file reopened
// name or the module it is in (Language for Language::Java).
func (fs *fileScan) reopenedBefore(name string) bool {
	for _, old := range fs.oldReopens {
		if name == old || strings.HasPrefix(name, old+"::") {
			return true
		}
	}
	return false
}
