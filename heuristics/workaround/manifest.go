package workaround

// The workaround scorer's detectors for manifests and third-party code:
// go.mod, Cargo.toml, Python requirements and pyproject.toml, Gemfile,
// package.json and pnpm-workspace.yaml, patch files, vendored copies.

import (
	"fmt"
	"maps"
	"path"
	"slices"
	"strings"

	"golang.org/x/mod/modfile"
	"golang.org/x/mod/module"

	"github.com/heft-dev/heft/diffstat"
	"github.com/heft-dev/heft/internal/lazyre"
)

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
func (sc *workaroundScan) manifestLines(hunks hunkSource) error {
	if len(sc.vendored) == 0 {
		return nil
	}
	few := len(sc.vendOrder) <= 32
	return hunks(func(h *diffstat.Hunk) error {
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
		return nil
	})
}

func isManifestSep(r rune) bool {
	switch r {
	case ' ', '\t', '"', '\'', ',', '=', '<', '>', '~', '^', '!', ';', '#', '(', ')', '[', ']', '{', '}':
		return true
	}
	return false
}

// ---- patch files and vendored code ----

func (sc *workaroundScan) patchFile(f *diffstat.File, hunks hunkSource) error {
	p := f.NewPath
	first, firstText := 0, ""
	upstream, dep, target := "", patchDependency(p), ""
	inHeader := true
	maxLen := sc.cfg.MaxLineBytes
	err := hunks(func(h *diffstat.Hunk) error {
		for _, l := range h.Lines {
			if l.Op != diffstat.LineAdded || len(l.Text) > maxLen {
				continue
			}
			if first == 0 {
				first, firstText = l.New, l.Text
			}
			t := strings.TrimSuffix(l.Text, "\r")
			if dep == "" && strings.HasPrefix(t, "Submodule ") {
				dep = sc.submoduleSubject(t) // git diff --submodule=diff
			}
			if strings.HasPrefix(t, "diff ") || strings.HasPrefix(t, "--- ") || strings.HasPrefix(t, "Index: ") || strings.HasPrefix(t, "@@") {
				if target == "" {
					target = patchTarget(t)
				}
				if dep == "" {
					dep = patchTargetDependency(t)
				}
				if dep == "" && len(sc.cfg.Submodules) > 0 {
					dep = sc.submoduleOfPatch(t)
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
					return errStop // a change only the packaging needs
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
		return nil
	})
	if err == errStop {
		return nil // a change only the packaging needs
	}
	if err != nil {
		return err
	}
	if first == 0 {
		return nil
	}
	if r := linkRepo(upstream); dep == "" && r != "" && !sc.ownLink(upstream) {
		dep = repoSubject(r) // the repository its Forwarded: header or link reports to
	}
	if dep == "" {
		// Named after manifests are read (patchedDependencies), else by
		// the patch's own name or target (patchSubject).
		dep = "upstream"
		sc.patchFallback[p] = patchSubject(p, target)
	}
	what := "a patch file for " + subjectName(dep)
	if dep == "upstream" {
		what = "a patch to the upstream source (" + path.Base(p) + ")"
	}
	snippet := strings.TrimSpace(firstText)
	if len(snippet) > 200 {
		snippet = snippet[:200]
	}
	sc.add(Finding{Rule: rulePatchFile, Path: p, Line: first, Snippet: snippet, Dependency: dep, What: what, Upstream: upstream})
	return nil
}

// submoduleSubject names the submodule a patch's "Submodule PATH
// contains modified content" (or "Submodule PATH abc..def:") line is
// for: its repository when Config.Submodules knows the path, else
// "submodule:PATH".
func (sc *workaroundScan) submoduleSubject(line string) string {
	f := strings.Fields(line)
	if len(f) < 2 {
		return ""
	}
	p := strings.Trim(f[1], "/")
	if u, ok := sc.cfg.Submodules[p]; ok {
		if r := normRepo(u); strings.Count(r, "/") >= 2 {
			return repoSubject(r)
		}
	}
	return "submodule:" + p
}

// submoduleOfPatch names the submodule a patch's file header is in: a
// path of the header under a submodule's path, or under its last
// elements (a patch kept in assets/patches for assets/syntaxes/X
// gives syntaxes/X/file), or "".
func (sc *workaroundScan) submoduleOfPatch(line string) string {
	for _, f := range strings.Fields(line) {
		f = strings.TrimPrefix(strings.TrimPrefix(f, "a/"), "b/")
		parts := strings.Split(f, "/")
		for k := 1; k < len(parts) && k <= 4; k++ {
			lead := strings.Join(parts[:k], "/")
			for _, sp := range slices.Sorted(maps.Keys(sc.cfg.Submodules)) { // map order must not decide
				if sp == lead || strings.HasSuffix(sp, "/"+lead) {
					return sc.submoduleSubject("Submodule " + sp)
				}
			}
		}
	}
	return ""
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
	// A directory named for the package and version it patches, as build
	// recipes keep them: patches/2.4.1/Python-2.4.1/fix.diff.
	if m := pkgVersionDirRE.FindStringSubmatch(path.Base(dir)); m != nil && (strings.HasPrefix(p, "patches/") || strings.Contains(p, "/patches/")) {
		return strings.ToLower(m[1])
	}
	return ""
}

// patchTarget returns the path a patch's header line ("diff --git a/X
// b/X", "--- X<tab>date", "Index: X") names, without its a/ or b/
// prefix or an ".orig" suffix; "" for /dev/null or a hunk line.
func patchTarget(line string) string {
	fields := strings.Fields(line)
	if len(fields) < 2 || fields[0] == "@@" {
		return ""
	}
	t := fields[1]
	if fields[0] == "diff" {
		t = fields[len(fields)-1]
	}
	if t == "/dev/null" || strings.HasPrefix(t, "-") {
		return ""
	}
	if strings.HasPrefix(t, "a/") || strings.HasPrefix(t, "b/") {
		t = t[2:]
	}
	return strings.TrimSuffix(t, ".orig")
}

// patchSubject names the upstream of a patch whose name, directory and
// target name no package (patchDependency, patchTargetDependency): in
// order, a runtime, toolchain or system its file name starts with
// ("go-9102.patch", "openssl-fix.patch"); a runtime whose own source
// tree the target lies in (Go's src/PKG/*.go, CPython's Lib/ and
// Modules/); the folder it lives under below patches/
// ("patches/libfoo/fix.patch"); the module of the file it is named after
// ("ClientForm.patch" for ClientForm.py); and, when nothing names it,
// the patched path's top directory as path:DIR (of the patch's own
// folder when no target is in view), so a finding always says where.
func patchSubject(p, target string) string {
	stem := strings.TrimSuffix(strings.TrimSuffix(path.Base(p), ".patch"), ".diff")
	lead := asciiLower(stem)
	if i := strings.IndexAny(lead, "-_.+ "); i > 0 {
		lead = lead[:i]
	}
	if sub, ok := upstreamWords()[lead]; ok {
		return sub
	}
	if lead == "go" || lead == "golang" { // in a file name "go" is no verb
		return "toolchain:go"
	}
	if sub := runtimeSourceTree(target); sub != "" {
		return sub
	}
	if dir := path.Dir(p); path.Base(path.Dir(dir)) == "patches" && !startsDigit(path.Base(dir)) {
		return asciiLower(path.Base(dir))
	}
	if target != "" {
		if tb := path.Base(target); stem == tb || stem == strings.TrimSuffix(tb, path.Ext(tb)) {
			return asciiLower(strings.TrimSuffix(tb, path.Ext(tb)))
		}
	}
	where := target
	if where == "" {
		where = path.Dir(p)
	}
	return pathSubject(where)
}

// pathSubject is the Subject of a workaround nothing names: the top
// directory of the path it is in or patches, as path:DIR ("path:." with
// no path).
func pathSubject(p string) string {
	p = strings.TrimPrefix(path.Clean("/"+p), "/")
	if i := strings.IndexByte(p, '/'); i > 0 {
		p = p[:i]
	}
	if p == "" {
		p = "."
	}
	return "path:" + p
}

// runtimeSourceTree returns the runtime whose own source layout a
// patched path follows: Go's src/PKG/FILE.go for a standard-library
// package, CPython's Lib/*.py and Modules/, Objects/, Python/, Include/
// C files; "" otherwise.
func runtimeSourceTree(target string) string {
	parts := strings.Split(strings.TrimPrefix(target, "go/"), "/")
	if len(parts) < 2 {
		return ""
	}
	ext := path.Ext(target)
	switch {
	case parts[0] == "src" && len(parts) > 2 && ext == ".go" && goStdTop()[parts[1]]:
		return "toolchain:go"
	case parts[0] == "Lib" && ext == ".py",
		(parts[0] == "Modules" || parts[0] == "Objects" || parts[0] == "Python" || parts[0] == "Include") && (ext == ".c" || ext == ".h"):
		return "runtime:cpython"
	}
	return ""
}

// goStdTop holds the top-level directories of Go's src/.
var goStdTop = wordSet(`archive bufio builtin bytes cmd cmp compress container context crypto database debug embed encoding
errors expvar flag fmt go hash html image index internal io iter log maps math mime net os path plugin reflect regexp
runtime slices sort strconv strings structs sync syscall testing text time unicode unique unsafe vendor weak`)

// pkgVersionDirRE is a directory named NAME-VERSION.
var pkgVersionDirRE = lazyre.New(`^([A-Za-z][\w.]*?)-v?\d+(?:\.\d+)+\w*$`)

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

func (sc *workaroundScan) vendoredFile(f *diffstat.File, dep vendoredDep, hunks hunkSource) error {
	d := sc.vendored[dep.token]
	if d == nil {
		return nil // the rule is off
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
		return nil // new files come with an import, not an edit
	}
	d.edited++
	d.added += f.Added
	if d.path != "" {
		return nil
	}
	err := hunks(func(h *diffstat.Hunk) error {
		for _, l := range h.Lines {
			if l.Op == diffstat.LineAdded {
				d.path, d.line, d.snip = f.NewPath, l.New, strings.TrimSpace(l.Text)
				if len(d.snip) > 200 {
					d.snip = d.snip[:200]
				}
				return errStop
			}
		}
		return nil
	})
	if err == errStop {
		return nil
	}
	return err
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
	return strings.HasSuffix(base, ".diff") && (strings.HasPrefix(p, "patches/") || strings.Contains(p, "/patches/"))
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
