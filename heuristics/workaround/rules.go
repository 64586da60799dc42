package workaround

import "github.com/heft-dev/heft/heuristics"

// The workaround scorer's rules. This table is the one place that lists
// them: their stable IDs, weights, what each finds and what it is known
// to get wrong. doc.go repeats it for readers of godoc, and a test keeps
// the two in step.

// Rule IDs of the workaround scorer.
const (
	ruleGoReplace     = "workaround-go-replace"
	ruleCargoPatch    = "workaround-cargo-patch"
	ruleNPMOverride   = "workaround-npm-override"
	ruleNPMPin        = "workaround-npm-version-override"
	ruleGitDependency = "workaround-git-dependency"
	ruleExclusion     = "workaround-version-exclusion"
	rulePatchFile     = "workaround-patch-file"
	ruleVendoredEdit  = "workaround-vendored-edit"
	rulePyMonkeypatch = "workaround-python-monkeypatch"
	ruleMockPatch     = "workaround-mock-patch"
	ruleJSMonkeypatch = "workaround-js-monkeypatch"
	ruleGoLinkname    = "workaround-go-linkname"
	ruleRubyReopen    = "workaround-ruby-reopen"
	ruleCopiedCode    = "workaround-copied-code"
	ruleComment       = "workaround-comment"
	ruleRuntime       = "workaround-runtime"
	rulePin           = "workaround-pin"
	ruleMessage       = "workaround-message"
	ruleDefensive     = "workaround-defensive-wrapper"
	ruleSwap          = "workaround-library-swap"
)

// Rule describes one rule of the workaround scorer: a heuristics.Rule
// with its weight. Scorer.Rules gives the rules in the common shape.
type Rule struct {
	// ID is the rule's stable identifier, the Evidence.Rule of its
	// findings.
	ID string `json:"id"`

	// Weight is how much one finding adds to the score before the
	// upstream discount, in (0, 1]; Config.Weights overrides it.
	Weight float64 `json:"weight"`

	// Finds says what the rule looks for, in a sentence.
	Finds string `json:"finds"`

	// FalsePositives says what the rule is known to flag wrongly.
	FalsePositives string `json:"false_positives"`
}

// workaroundRules is the table. Weights: a change that takes a
// dependency's code into the project's hands (a patch, an edited vendored
// file, a monkeypatch) weighs most; a redirect to a fork a little less; a
// comment that only says so least.
var workaroundRules = []Rule{
	{ruleGoReplace, 0.6,
		"go.mod replace directive that points a module at a fork, at an unreleased pseudo-version, or at a local directory outside the repository.",
		"a fork the project maintains on purpose (a long-lived downstream); a replace of another module of the same repository given by module path rather than by relative directory."},
	{ruleCargoPatch, 0.6,
		"Cargo.toml [patch.*] or [replace] entry that swaps a crate for another source.",
		"a [patch] used to test an unreleased upstream fix on purpose, for a short time."},
	{ruleNPMOverride, 0.6,
		"package.json overrides (npm, pnpm.overrides), resolutions (yarn) or patchedDependencies entry that redirects a package to a git URL, fork, alias, local path or patch.",
		"an override to the project's own package in a monorepo."},
	{ruleNPMPin, 0.2,
		"package.json overrides or resolutions entry that forces a transitive package to a version.",
		"a security bump of a transitive dependency: it is an upgrade, though it still patches around the package that depends on it."},
	{ruleGitDependency, 0.5,
		"dependency pinned to a git repository instead of a release: pip/uv/poetry (git+https://, { git = ... }), Gemfile git:/github:/path:, Cargo git =, package.json github:/git+ sources.",
		"the project's own packages kept in separate repositories; a dependency that publishes no releases."},
	{ruleExclusion, 0.3,
		"version exclusion whose comment cites a bug (pip \"!= 1.2.3  # broken\", Gemfile, go.mod exclude).",
		"an exclusion of a release that upstream has already yanked."},
	{rulePatchFile, 0.8,
		"patch file for a dependency: patch-package patches/*.patch, .yarn/patches/, pnpm patches and patchedDependencies (package.json or pnpm-workspace.yaml), *.diff under a patches/ folder (named by a NAME-VERSION folder above it), quilt and Debian patches (counted as reported when their DEP-3 header has Forwarded: or Bug:); a CI step or script that applies a patch it downloads (patch -p1, git apply within three lines of a URL of another repository).",
		"a Debian patch that is Debian-specific but lacks Forwarded: not-needed; patches kept as test fixtures outside testdata/ or fixtures/; a downloaded patch that backports the dependency's own released fix. A patch for a git submodule is named by the submodule's repository when Config.Submodules (the repository's .gitmodules) knows its path, by submodule:PATH when only the patch's \"Submodule PATH\" line does, and unknown when its paths start inside the submodule."},
	{ruleVendoredEdit, 0.8,
		"hand edit to third-party code kept in the repository (vendor/, third_party/, node_modules/, external/, _vendor/, site-packages/), when the same diff changes no version of it in a manifest or lockfile.",
		"a directory named like a vendored tree that holds the project's own code (external/ of a Bazel workspace); a re-vendoring whose version bump the scorer cannot connect to the dependency's name."},
	{rulePyMonkeypatch, 0.7,
		"Python assignment of a non-literal value to an attribute of an imported module or class, or setattr on one, outside tests.",
		"setting a library's documented hook this way (attributes named *hook or *callback are skipped); instrumentation SDKs that patch libraries on purpose."},
	{ruleMockPatch, 0.6,
		"unittest.mock.patch (or mock.patch, patch.object) outside tests.",
		"test helpers kept outside tests/ and not named like tests."},
	{ruleJSMonkeypatch, 0.7,
		"JavaScript or TypeScript assignment to an imported binding's prototype, or of a function to an imported module's export (including Object.defineProperty and Object.assign on it), outside tests.",
		"plugins that a library asks to be installed by extending its prototype (a documented extension point)."},
	{ruleGoLinkname, 0.6,
		"Go //go:linkname that pulls a symbol from another module or the standard library.",
		"linknames the standard library itself allows for compatibility (Go 1.23's \"push\" list)."},
	{ruleRubyReopen, 0.6,
		"Ruby top-level reopening of a required gem's class or module, or class_eval, module_eval, prepend or send(:include/:define_method...) on a constant, outside tests.",
		"reopening the application's own namespaces when they share a name with a required file."},
	{ruleCopiedCode, 0.5,
		"copied upstream code: a comment saying copied, adapted, ported or vendored from a URL or an imported package, or an added file whose header names another copyright holder, licence or project than the project's own.",
		"credit notes for small snippets under a compatible licence, which are good practice; the copyright check needs Config.CopyrightHolders or a header in the diff's context to compare against."},
	{ruleComment, 0.3,
		"comment on an added line that says it works around a dependency: workaround, hack, monkey patch, until upstream, remove when ... is fixed, upstream bug, or a link to another repository's issue or pull request, naming a dependency or upstream; in any language, also a comment that blames something in the words of a bug (a bug in X, the X bug, X is broken, X's Y doesn't work, X doesn't support) or names what it works around by a proper name no table knows (work around X, workaround for X, hack for X, fix this in X, until X is fixed, X with a version: \"Rails 4\", \"GNU Make 4.3\", \"GCC14\"), the Subject then being X, lower-case; a build file's line of code whose own comment is only another repository's issue link (Maven's <!-- -->).",
		"explanations of a dependency's documented behaviour that use the word workaround; comments about the project's own past bugs that happen to name an imported package; a bug phrase naming a sibling package of a monorepo (\"a bug in grep-regex\" inside ripgrep) or one of the project's own components by a name no table or import knows; a capitalised name of the project's own that no changed file is named after (changed files and directories, the repository's name, generic technical words such as NUL, API or CI are left out)."},
	{ruleRuntime, 0.4,
		"comment on an added line, in any language's comment syntax (#, //, /* */, --, ;), that says work around, hack, kludge, bug in, is broken, until ... is fixed, remove when, doesn't support, and names a runtime, interpreter, operating system, system library, browser, toolchain or platform (PyPy, CPython, JRuby, the JVM, Node, rustc, GCC, MinGW, Windows, macOS, Linux, Android, Wine, Ubuntu, Homebrew, Chrome, App Engine, Mesa, systemd, libstdc++, conda, Travis...), blames the compiler of the file's language (a compiler bug, ICE, internal compiler error), or links another repository's issue or a runtime's, compiler's, browser's or OS's own tracker (bugs.ruby-lang.org, gcc bugzilla, crbug, bugs.openjdk); in build scripts, CI files and manifests also a comment that is only such a link, right above an added line of code; the Subject is runtime:NAME, os:NAME, lib:NAME, browser:NAME, toolchain:NAME or repo:OWNER/NAME. In tests only with such a link.",
		"a comment about supporting a platform on purpose that uses the word hack or workaround; a runtime branch for speed rather than for a bug, when its comment says workaround; a build script's link to another project's issue that documents a setting rather than working around it."},
	{rulePin, 0.3,
		"version pin, cap or downgrade on an added line of a manifest, requirements or constraints file (documentation builds included), lockfile, renovate config, CI workflow, script or Makefile, with a reason in a comment on the line or just above (broken, bug, until, workaround, pin, a link); in CI and build files also a git clone of a tag, a dated Rust toolchain, a versioned runner image and an action at a version. Comments that pin to hashes or digests or for reproducible builds are policy, not a reason.",
		"a pin whose comment gives a policy reason (a licence) in the words of a bug."},
	{ruleMessage, 0.3,
		"a commit message, title or description that says the change works around, pins or downgrades something the project does not own, when the diff adds lines and the text or diff names it: a pinned package, a runtime, an OS, a browser, a toolchain, another repository's linked issue, or the platform an added line branches on (Build.VERSION.SDK_INT, __APPLE__, _MSC_VER, cfg(target_os), sys.platform), or what the title blames in the words of a bug (\"tilt is broken under 1.9\"), or a proper name the message gives as what it works around (\"Work around Robolectric ...\", \"wait for a new rails release\"; trailers such as Co-authored-by are not read), or, for a bug given only by a version (\"a quirk on 2.4.0-dev\"), the runtime of the changed code's language; a pin to an old or previous build counts as a downgrade. Messages that remove, revert or unpin (a revert of a removal puts the workaround back and counts), titles that fix the project's own bug, plain bumps, a bump of a pinned version, pins with no reason that name only the environment they are for (\"pin shells for Ubuntu\"), and pins to a commit SHA or digest do not count.",
		"a message that explains why an old workaround is kept, that quotes an upstream bug while fixing the project's own, or that calls the project's own technique a hack while linking another project's discussion; a pin in the same diff as an unrelated workaround gets the pin's name; a message that tells how an old workaround came about (\"was set to gmake as a workaround for ...\") on a change that undoes it."},
	{ruleDefensive, 0.4,
		"defensive wrapper outside tests: an added try, except, catch, rescue, recover() or retry line within 3 lines below or 6 above an added comment that says a third party misbehaves (broken, strict, wrong, spuriously, a bug, throws when it should not, doesn't handle, unfortunately, before version N) and names it: an import of the file, a runtime, OS, system library or toolchain, a linked repository, the compiler, the subject of a bug phrase, or a name given with a version (\"OkLib 3.12 throws\", \"version 25.0.2 of the support library\").",
		"error handling for a dependency's documented behaviour whose comment uses the words of a bug (\"the API returns 404 when ...\"); a retry around a network service that fails by nature."},
	{ruleSwap, 0.5,
		"library swap outside tests: imports or manifest entries of one dependency removed and another's added in the same diff (Nix flake and devenv inputs too), when the new one is a fork of the old (the same name under another owner, or the old owner in its name) or the commit message says it replaces a library because of a bug (work around, bug, broken, crash, hang, leak); the Subject is the library replaced. A fork under the project's own owner that is left for another repository is not a swap.",
		"a module whose project moved to another owner, imported under its new path; a swap made for speed, a licence or fewer dependencies whose message also mentions a bug; a change that goes back from a fork to the original (messages saying \"back to\", \"upstream\" or \"upstreamed\" are skipped)."},
}

// Rules returns a copy of the workaround scorer's rules table.
func Rules() []Rule {
	return append([]Rule(nil), workaroundRules...)
}

func workaroundRuleWeight(id string) (float64, bool) {
	for _, r := range workaroundRules {
		if r.ID == id {
			return r.Weight, true
		}
	}
	return 0, false
}

// Rules returns the rules the workaround scorer's evidence cites, in the
// shape every scorer declares them; the package's Rules function gives
// their weights too.
func (s *Scorer) Rules() []heuristics.Rule {
	out := make([]heuristics.Rule, len(workaroundRules))
	for i, r := range workaroundRules {
		out[i] = heuristics.Rule{ID: r.ID, Finds: r.Finds, FalsePositives: r.FalsePositives}
	}
	return out
}
