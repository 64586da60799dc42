package workaround_test

import (
	"testing"

	"github.com/heft-dev/heft/heuristics/workaround"
)

// TestSixthRoundShapes covers the classes the fifth round's fresh split
// (test5) showed: the project's owner as its own name, removals and
// upgrades the message rule misread, the project blaming itself, a swap
// to the official successor; and, as workarounds, catches of a third
// party's exception, platform branches whose comment blames without
// naming anyone, and links in added comments. Every input is made up in
// the shape of the real ones.
func TestSixthRoundShapes(t *testing.T) {
	s := newWorkaround(t, workaround.Config{Repository: "github.com/acme/ripscan"})
	const wf1 = ".github/workflows/test.yml"
	runFindingCases(t, s, []findingCase{
		changeOne("owner-action-pin", "contrast: an action of the project's owner pinned by policy",
			"workflows: pin acme/actions to 2026.01.02.1", "",
			wf1, "steps:\n  - uses: acme/actions/setup@main\n  - run: make\n",
			"steps:\n  - uses: acme/actions/setup@2026.01.02.1\n  - run: make\n"),
		changeOne("owner-git-source", "contrast: a git source in another repository of the project's owner, its revision moved",
			"remove the patched sslsys crate", "",
			"Cargo.toml", "[dependencies]\nssh-rs = { git = \"https://github.com/acme/ssh-rs.git\", rev = \"aaaa\" }\n",
			"[dependencies]\nssh-rs = { git = \"https://github.com/acme/ssh-rs.git\", rev = \"bbbb\" }\n"),
		changeOne("scope-path-removal", "contrast: a title whose scope is a path removes an old toolchain workaround",
			"lib/net: remove go1.21 workaround now go1.22 is the minimum", "",
			"lib/net/form.go", "package net\n\nfunc disp(f string) string {\n\t// FIXME when go1.21 is no longer supported, use mime.Disp\n\treturn quote(f)\n}\n",
			"package net\n\nfunc disp(f string) string {\n\treturn mime.Disp(f)\n}\n"),
		changeOne("fixed-upstream-bump", "contrast: a bump to an unreleased commit that carries the upstream fix",
			"ftp: fix uploads being slower than they should be", "Due to a bug in ftpx it sent whole blocks.\n\nThis was fixed in the upstream library.\n",
			"go.mod", "module github.com/acme/ripscan\n\nrequire github.com/ftpco/ftpx v1.13.5\n",
			"module github.com/acme/ripscan\n\nrequire github.com/ftpco/ftpx v1.13.6-0.20230213180117-971c283182b6\n"),
		changeOne("bump-adapt", "contrast: a bump whose title works around the new version's breaking API changes",
			"update b64, work around another batch of breaking API changes", "",
			"src/enc.rs", "fn enc(b: &[u8]) -> String {\n    b64::encode(b)\n}\n",
			"fn enc(b: &[u8]) -> String {\n    b64::engine::STANDARD.encode(b)\n}\n"),
		changeOne("own-blame", "contrast: a message that blames the project itself, then names the runtime it broke on",
			"Fix debugger issues in Python 3.13.1", "For some reason it is not always set; it was a bug in ripscan not to check.",
			"ripscan/debug.py", "def locals_of(self, frame):\n    if frame is self.cur:\n        return self.cur_locals\n",
			"def locals_of(self, frame):\n    if frame is getattr(self, \"cur\", None):\n        return self.cur_locals\n"),
		changeOne("removed-dep-hack", "contrast: the hack the message names belongs to a dependency the change drops",
			"analytics: replace PyBridge with subprocess",
			"- `pybridge` was our only in-process embedding; it needed the\n  `__LAUNCHER__` hack for macOS framework Pythons.\n- The query runs from a script now.\n",
			"Gemfile", "source \"https://rubygems.org\"\ngem \"json\"\ngem \"pybridge\"\n",
			"source \"https://rubygems.org\"\ngem \"json\"\n"),
		changeOne("official-successor", "contrast: a library swapped for the official repository that took it over",
			"b2: Switch to official library `blazeco/blaze`", "The old repository is no longer maintained, and the official one took over.",
			"b2/b2.go", "package b2\n\nimport (\n\t\"github.com/kurt/blaze\"\n)\n\nvar _ = blaze.New\n",
			"package b2\n\nimport (\n\t\"github.com/blazeco/blaze\"\n)\n\nvar _ = blaze.New\n"),
		changeOne("drop-it-to-warning", "\"Drop it to warning\" is no revert: the compiler the title blames is the upstream",
			"win/media: workaround GCC 15 bogus template warning", "Drop it to warning, even if -Werror is in effect.",
			"win/media.cpp", "#include <windows.h>\n#include <winrt/Base.h>\n",
			"#include <windows.h>\n#if defined(__GNUC__) && !defined(__clang__)\n# pragma GCC diagnostic warning \"-Wtemplate-body\"\n#endif\n#include <winrt/Base.h>\n",
			wf{rule: "workaround-message", dep: "toolchain:gcc", line: 1}),
		changeOne("revert-to-version", "a title that reverts a tool to an older version for a linked bug is a downgrade (named by the tracker it links)",
			"Reverting to Gradle 8.9", "because I'm hitting https://youtrack.jetbrains.com/issue/KT-12345/",
			"gradle/wrapper/gradle-wrapper.properties", "distributionUrl=https\\://services.gradle.org/distributions/gradle-8.10.1-all.zip\n",
			"distributionUrl=https\\://services.gradle.org/distributions/gradle-8.9-all.zip\n",
			wf{rule: "workaround-message", dep: "toolchain:kotlin", linked: true, line: 1}),
		changeOne("gitlab-link", "a self-hosted GitLab's merge request names the repository the workaround is for",
			"vo: add workaround for broken linear output in libplaceholder", "See: https://code.example.org/video/libplaceholder/-/merge_requests/759",
			"video/out.c", "static void draw(struct hint *h)\n{\n}\n",
			"static void draw(struct hint *h)\n{\n    if (h->trc == TRC_G22)\n        h->trc = TRC_SRGB;\n}\n",
			wf{rule: "workaround-message", dep: "repo:code.example.org/video/libplaceholder", linked: true, line: 1}),
		changeOne("catch-imported", "a catch of an exception imported from a third party, in a change the message calls a workaround",
			"Prevent crash on StackInfo NotOne.", "This is a workaround for #135; it does not fix the root cause.",
			"ripscan/frames.py", "class Frame:\n    @property\n    def lines(self):\n        return self._sd.lines\n",
			"class Frame:\n    @property\n    def lines(self):\n        from execy.core import NotOne\n\n        try:\n            return self._sd.lines\n        except NotOne:\n            return []\n",
			wf{rule: "workaround-defensive-wrapper", dep: "execy", line: 8}),
		changeOne("catch-own", "contrast: a catch of the project's own exception, though the message says workaround",
			"Prevent crash on missing frames.", "This is a workaround for #135.",
			"ripscan/frames.py", "class Frame:\n    def lines(self):\n        return self._sd.lines\n",
			"class Frame:\n    def lines(self):\n        from ripscan.errors import NoFrame\n        try:\n            return self._sd.lines\n        except NoFrame:\n            return []\n"),
		changeOne("platform-blame", "an OS branch whose comment blames issues without naming anyone works around the OS",
			"Change OSX build flags. Fixes #194", "The toolchain dislikes DYLD_INSERT_LIBRARIES.",
			"Makefile", "all:\n\tgo build -o ripscan\n",
			"ifeq ($(shell uname), Darwin)\n\t# Fixes DYLD_INSERT_LIBRARIES issues\n\tGO_FLAGS += -ldflags -linkmode=external\nendif\n\nall:\n\tgo build $(GO_FLAGS) -o ripscan\n",
			wf{rule: "workaround-runtime", dep: "os:macos", line: 2}),
		changeOne("platform-plain", "contrast: an OS branch whose comment blames nothing",
			"Change OSX build flags", "",
			"Makefile", "all:\n\tgo build -o ripscan\n",
			"ifeq ($(shell uname), Darwin)\n\t# Link with the system linker on macOS\n\tGO_FLAGS += -ldflags -linkmode=external\nendif\n\nall:\n\tgo build $(GO_FLAGS) -o ripscan\n"),
		changeOne("platform-own-fix", "contrast: a title that fixes the project's own crash on an OS, its comment blaming nobody",
			"Fix crash on Windows when the config path is empty", "",
			"cmd/paths.go", "package cmd\n\nfunc dir(p string) string {\n\treturn p\n}\n",
			"package cmd\n\nfunc dir(p string) string {\n\t// crashes on Windows when p is empty\n\tif runtime.GOOS == \"windows\" && p == \"\" {\n\t\treturn \".\"\n\t}\n\treturn p\n}\n"),
		changeOne("platform-issue-ref", "contrast: an OS branch whose comment only refers to the project's issue number",
			"Change OSX build flags", "",
			"Makefile", "all:\n\tgo build -o ripscan\n",
			"ifeq ($(shell uname), Darwin)\n\t# see issue #194\n\tGO_FLAGS += -ldflags -linkmode=external\nendif\n\nall:\n\tgo build $(GO_FLAGS) -o ripscan\n"),
		changeOne("comment-link", "a message that says workaround and names nothing; an added comment links the other project's pull request",
			"cloner: Workaround for incorrect \"not found\" errors while listing", "",
			"internal/store/rest.go", "package rest\n\nfunc list(code int) error {\n\tif code == 404 {\n\t\treturn nil\n\t}\n\treturn nil\n}\n",
			"package rest\n\nfunc list(code int) error {\n\tif code == 404 {\n\t\t// ignore missing directories, unless the server misuses \"not found\"\n"+
				"\t\t// for its internal errors, see https://github.com/otherco/cloner/pull/75 for details.\n\t\treturn nil\n\t}\n\treturn nil\n}\n",
			wf{rule: "workaround-message", dep: "repo:otherco/cloner", linked: true, line: 6}),
		changeOne("broken-drivers", "a title that excludes a codec on known broken drivers names the driver's vendor",
			"video/d3d: exclude VP9 on known broken Intel drivers", "",
			"video/d3d.c", "static const struct entry list[] = {\n    {CODEC_HEVC, 0x8086},\n};\n",
			"static const struct entry list[] = {\n    {CODEC_HEVC, 0x8086},\n    // VP9 decoder does not accept bitstreams, even when advertised\n    {CODEC_VP9, 0x8086},\n};\n",
			wf{rule: "workaround-message", dep: "platform:intel", line: 1}),
		changeOne("ruby-reopen-rewritten", "contrast: a reopened class of the project's own rewritten as a prepended module",
			"Remove more monkey-patching in `ext/os`", "",
			"lib/ext/os/mac/sandbox.rb", "class Sandbox\n  def self.available?\n    File.executable?(EXEC)\n  end\nend\n",
			"module OS\n  module Mac\n    module Sandbox\n      def available?\n        File.executable?(::Sandbox::EXEC)\n      end\n    end\n  end\nend\n\n"+
				"Sandbox.singleton_class.prepend(OS::Mac::Sandbox)\n"),
		ownRegression("own-regression", "contrast: a fix of what the project's own pull request broke, on the OS it broke on",
			"https://github.com/acme/ripscan/pull/975 had the unintended consequence of breaking loads under git-bash."),
		ownRegression("platform-fix", "the same comment when the message blames no change of the project's own",
			"Paths under git-bash hold backslashes.",
			wf{rule: "workaround-runtime", dep: "os:windows", line: 4}),
		changeOne("docs-requirements-pin", "a pin in the documentation build's requirements, below a comment that links the plugin's issue",
			"Pin `newsgen` in docs requirements", "For compatibility reasons, see comment",
			"docs/requirements.txt", "sphinx ~= 7.0\nnewsgen\nfuro\n",
			"sphinx ~= 7.0\n# currently incompatible with sphinx-newsgen\n# https://github.com/docsco/sphinx-newsgen/issues/92\nnewsgen < 24\nfuro\n",
			wf{rule: "workaround-pin", dep: "newsgen", linked: true, line: 4}),
		changeOne("archive-branch-pin", "a requirement moved to the archive of an old branch, in a requirements folder, under a title that says workaround",
			"Workaround breaking changes in venvmaker for CI", "",
			"tools/requirements/tests.txt", "pytest\nhttps://github.com/venvco/venvmaker/archive/main.zip#egg=venvmaker\nwheel\n",
			"pytest\nhttps://github.com/venvco/venvmaker/archive/legacy.zip#egg=venvmaker\nwheel\n",
			wf{rule: "workaround-message", dep: "venvmaker", line: 2}),
		changeOne("pin-link-reason", "a pin whose only reason is the other project's issue the message links",
			"Pin to not promptkit 3.0.37,", "See\n`https://github.com/promptco/python-promptkit/issues/1729`\n",
			"setup.cfg", "[options]\ninstall_requires =\n    promptkit>=3.0.30,<3.1.0\n    pygments\n",
			"[options]\ninstall_requires =\n    promptkit>=3.0.30,<3.1.0,!=3.0.37\n    pygments\n",
			wf{rule: "workaround-message", dep: "promptkit", linked: true, line: 3}),
		changeOne("pin-no-reason", "contrast: the same pin with neither a reason nor a link is a version choice",
			"Pin to not promptkit 3.0.37", "",
			"setup.cfg", "[options]\ninstall_requires =\n    promptkit>=3.0.30,<3.1.0\n    pygments\n",
			"[options]\ninstall_requires =\n    promptkit>=3.0.30,<3.1.0,!=3.0.37\n    pygments\n"),
		changeOne("pin-bot-notes", "contrast: a bot's pin whose long description links the package's pull requests in its release notes",
			"chore(deps): pin promptkit to 3.0.36",
			"This PR contains the following updates:\n\n| Package | Change |\n|---|---|\n| promptkit | `>=3.0.30` -> `==3.0.36` |\n\n"+
				"### Release notes\n\n- Fix rendering (https://github.com/promptco/python-promptkit/pull/1700)\n"+
				"- Faster input (https://github.com/promptco/python-promptkit/pull/1701)\n- Docs (https://github.com/promptco/python-promptkit/pull/1702)\n",
			"setup.cfg", "[options]\ninstall_requires =\n    promptkit>=3.0.30\n",
			"[options]\ninstall_requires =\n    promptkit==3.0.36\n"),
		changeOne("catalog-module", "a version catalog's downgrade names the module, not the catalog's alias",
			"Revert the android plugin to 8.0.2 because the IDE complains", "",
			"gradle/libs.versions.toml", "[libraries]\npluginz-android = { module = \"com.droid.tools.build:gradle\", version = \"8.1.1\" }\n",
			"[libraries]\npluginz-android = { module = \"com.droid.tools.build:gradle\", version = \"8.0.2\" }\n",
			wf{rule: "workaround-message", dep: "com.droid.tools.build:gradle", line: 2}),
		changeOne("copied-runtime-tree", "a function copied from a path of the runtime's source tree, named with its version",
			"fs: retry preallocate on Linux if interrupted by a signal", "",
			"internal/fs/prealloc_linux.go", "package fs\n\nfunc prealloc(fd int, size int64) error {\n\treturn fallocate(fd, size)\n}\n",
			"package fs\n\nfunc prealloc(fd int, size int64) error {\n\treturn retryEINTR(func() error { return fallocate(fd, size) })\n}\n\n"+
				"// retryEINTR repeats fn while it returns EINTR.\n// copied from /usr/lib/go/src/internal/poll/fd_posix.go of go 1.23.1\n"+
				"func retryEINTR(fn func() error) error {\n\tfor {\n\t\tif err := fn(); err != errEINTR {\n\t\t\treturn err\n\t\t}\n\t}\n}\n",
			wf{rule: "workaround-copied-code", dep: "toolchain:go", line: 8}),
		changeOne("copied-stdlib", "code copied from the standard library names the runtime of the file's language",
			"Add a private copy of the URL splitter", "",
			"ripscan/urls.py", "import os\n",
			"import os\n\n\n# Copied from the standard library, which does not export it.\ndef _split(url):\n    return url.split(\":\", 1)\n",
			wf{rule: "workaround-copied-code", dep: "runtime:cpython", line: 4}),
		changeOne("copied-own", "contrast: code copied from another file of the project names no runtime",
			"Share the splitter", "",
			"ripscan/urls.py", "import os\n",
			"import os\n\n\n# Copied from ripscan/cli.py so both stay in step.\ndef _split(url):\n    return url.split(\":\", 1)\n"),
	})
	lang := newWorkaround(t, workaround.Config{Repository: "github.com/python/typecheck"})
	runFindingCases(t, lang, []findingCase{
		changeOne("owner-runtime", "an owner named after a language holds many projects: its runtime is still an upstream",
			"Work around a bug in Python 3.12.0 with generic aliases", "",
			"typecheck/alias.py", "def alias(t):\n    return t\n",
			"def alias(t):\n    return getattr(t, \"__origin__\", t)\n",
			wf{rule: "workaround-message", dep: "runtime:cpython", line: 1}),
	})
	owner := newWorkaround(t, workaround.Config{Repository: "github.com/homebrew/pourer"})
	runFindingCases(t, owner, []findingCase{
		changeOne("owner-term", "contrast: the project's owner is the project, not an upstream tool (Homebrew in Homebrew/...)",
			"Work around Homebrew's old shim layout", "",
			"lib/shims.rb", "module Shims\nend\n",
			"module Shims\n  DIR = \"super\"\nend\n"),
	})
}

// ownRegression is a Go change whose comment avoids issues on Windows,
// under a title that fixes the project's own bug and the body given.
func ownRegression(name, reason, body string, want ...wf) findingCase {
	return changeOne(name, reason, "Fix incorrect escape sequences during loads under git-bash (#1085)", body,
		"internal/cmd/rc.go", "package cmd\n\nfunc load(p string) string {\n\treturn escape(p)\n}\n",
		"package cmd\n\nfunc load(p string) string {\n\t// Backslashes can turn into escapes: force slashes to avoid issues on Windows.\n"+
			"\treturn escape(filepath.ToSlash(p))\n}\n", want...)
}
