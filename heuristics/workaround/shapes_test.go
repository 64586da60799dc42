package workaround_test

import (
	"testing"

	"github.com/heft-dev/heft/heuristics/workaround"
	"github.com/heft-dev/heft/internal/scorertest"
)

// TestPinAndNameShapes covers the shapes the fourth round's fresh split
// showed as classes: pins in install strings, apt lines, Docker FROM
// lines and lock files; moved pins, unpins, the project's own names and
// techniques as contrasts; and the names a comment or title gives. Every
// input is made up in the shape of the real ones.
func TestPinAndNameShapes(t *testing.T) {
	s := newWorkaround(t, workaround.Config{Repository: "github.com/acme/ripscan"})
	const wf1 = ".github/workflows/test.yml"
	runFindingCases(t, s, []findingCase{
		changeOne("quoted-install-pin", "a cap quoted inside a workflow's pip install, the title giving the reason",
			"Pin linty to fix CI", "",
			wf1, "steps:\n  - run: |\n      python -m pip install --upgrade linty\n",
			"steps:\n  - run: |\n      python -m pip install --upgrade 'linty<3.2'\n",
			wf{rule: "workaround-message", dep: "linty", line: 3}),
		changeOne("apt-pin", "an apt package pinned to a version below a comment that links the tool's issue",
			"ci: pin shellx to 1.9", "",
			wf1, "steps:\n  - run: |\n      sudo apt-get install --yes zsh shellx\n",
			"steps:\n  - run: |\n      # Pinned: 2.0 hangs on start. https://github.com/shellco/shellx/issues/77\n"+
				"      sudo apt-get install --yes zsh shellx=1.9.2-1\n",
			wf{rule: "workaround-pin", dep: "shellx", linked: true, line: 4}),
		changeOne("docker-from-pin", "a Docker base image pinned to a minor version while a dependency has no wheels; the message names it",
			"Build the image with 3.10 for now", "Workaround until we get new fastparse wheels.",
			"Dockerfile", "FROM python:3-slim AS build\nRUN pip install .\n",
			"FROM python:3.10-slim AS build\nRUN pip install .\n",
			wf{rule: "workaround-message", dep: "fastparse", line: 1}),
		changeOne("lock-downgrade", "a downgrade written only in Cargo.lock, the message giving the reason",
			"Downgrade glyphwidth to 0.2.4", "0.2.5 changes the width of tabs, which breaks the renderer.",
			"Cargo.lock", "[[package]]\nname = \"glyphwidth\"\nversion = \"0.2.5\"\n"+
				"source = \"registry+https://github.com/rust-lang/crates.io-index\"\n",
			"[[package]]\nname = \"glyphwidth\"\nversion = \"0.2.4\"\n"+
				"source = \"registry+https://github.com/rust-lang/crates.io-index\"\n",
			wf{rule: "workaround-message", dep: "glyphwidth", line: 3}),
		changeOne("lock-upgrade", "contrast: a lock file that moves a version up is an update",
			"Downgrade the docs theme", "The new theme breaks the sidebar.",
			"Cargo.lock", "[[package]]\nname = \"glyphwidth\"\nversion = \"0.2.4\"\n",
			"[[package]]\nname = \"glyphwidth\"\nversion = \"0.2.5\"\n"),
		changeOne("moved-pin", "contrast: a pin moved up whose new comment names no bug is a bump of a pinned version",
			"Pin linty to 1.4.12 for the changed-tests step", "The old pin failed on the new rule names.",
			"tools/changed.py", "ARGS = [\n    \"uvx\",\n    \"linty@1.4.9\",\n    \"graph\",\n]\n",
			"ARGS = [\n    \"uvx\",\n    # keep in step with the lock to avoid resolution issues\n"+
				"    \"linty@1.4.12\",\n    \"graph\",\n]\n"),
		gemPin("moved-pin-title-reason", "a pin moved up whose title itself gives the reason is a pin", "2.5.1", "~> 2.3.0", "~> 2.5.1"),
		gemPin("tighter-pin", "a pin made tighter for a reason is a pin, not a move", "2.5", "~> 2.3", "~> 2.5.0"),
		changeOne("unpin-with-link", "contrast: an unpin whose new comment ends with the upstream issue it no longer needs to work around",
			"chore(deps): unpin docsite-theme, require clickish>=8.4", "",
			"pyproject.toml", "docs = [\n    \"docsite>=1.6\",\n"+
				"    # reload broken in >= 9.1: https://github.com/themeco/docsite-theme/issues/84\n    \"docsite-theme==9.0.2\",\n]\n",
			"docs = [\n    \"docsite>=1.6\",\n"+
				"    # reload is fixed in clickish 8.4, so require that here.\n    # https://github.com/themeco/docsite-theme/issues/84\n"+
				"    \"clickish>=8.4\",\n    \"docsite-theme>=9.2\",\n]\n"),
		changeOne("technique-hack", "contrast: the project's own technique called a hack after the socket option it uses",
			"Detect the OS the same way on every Ruby", "This lets JRuby use the SO_NODELAY hack too, see otherorg/otherruby#12.",
			"lib/srv/server.rb", "module Srv\n  if RUBY_PLATFORM =~ /linux/\n    NODELAY = true\n  end\nend\n",
			"module Srv\n  if RbConfig::CONFIG['host_os'] =~ /linux/\n    NODELAY = true\n  end\nend\n"),
		changeOne("own-name-import", "contrast: a hack of the project's own whose message names only the project, which a test imports",
			"compact add buttons", "Reverts acme/ripscan#12\n\n(a bit hacky, we wait a frame before focusing)",
			"e2e/app.py", "x = 1\n",
			"import ripscan\n\nx = ripscan.App()\n"),
		searcherCase("workspace-sibling", "contrast: a bug blamed on a crate of the project's own workspace, named after the project", "scan-regex"),
		searcherCase("workspace-other", "the same comment blaming a crate the project does not own", "regexlib",
			wf{rule: "workaround-comment", dep: "regexlib", line: 2}),
		changeOne("avoids-the-workaround", "contrast: a swap of build backend that avoids the need for an old CI workaround",
			"Switch the build backend to buildy", "- Builds wheels in one step\n- Avoids the need for the current CI workaround for https://github.com/compco/compiler/issues/9\n",
			"pyproject.toml", "[build-system]\nbuild-backend = \"setuptools.build_meta\"\n",
			"[build-system]\nbuild-backend = \"buildy.api\"\n"),
		changeOne("older-compilers", "a C++ standard-version branch whose title blames older compilers",
			"Only mark get() constexpr for C++14 to work around errors on older compilers.", "",
			"include/lib/value.hpp", "class value {\n    constexpr auto get() const;\n};\n",
			"class value {\n#if defined(LIB_HAS_CPP_14)\n    constexpr\n#endif\n"+
				"    auto get() const;\n};\n",
			wf{rule: "workaround-message", dep: "toolchain:c++", line: 1}),
		changeOne("env-branch", "a HACK comment naming a program in lower case above a branch on its environment variable",
			"Skip the background colour inside screenmux", "",
			"term/src/backend.rs", "fn caps() -> Caps {\n    let mut caps = Caps::default();\n    caps\n}\n",
			"fn caps() -> Caps {\n    let mut caps = Caps::default();\n"+
				"    // HACK: setting the background colour breaks redraws in screenmux.\n"+
				"    caps.background = std::env::var_os(\"SCREENMUX\").is_none();\n    caps\n}\n",
			wf{rule: "workaround-runtime", dep: "tool:screenmux", line: 3}),
		changeOne("tagged-title", "a title's [tag] is the project's component; a lower-case name given with a version is what it works around",
			"[bash,zsh] Work around mawkish 1.3.3 not supporting character classes", "",
			"shell/keys.sh", "filter() {\n  awk '/[[:space:]]/'\n}\n",
			"filter() {\n  awk '/[ \\t]/'\n}\n",
			wf{rule: "workaround-message", dep: "mawkish", line: 1}),
		changeOne("no-longer", "a title that says a library no longer does something, and works around it",
			"evq no longer passes descriptors with their message, work around this for now", "",
			"proc.c", "static void\ncb(int fd)\n{\n\tread_msg(fd);\n}\n",
			"static void\ncb(int fd)\n{\n\tfd = msg_get_fd(&msg);\n\tread_msg(fd);\n}\n",
			wf{rule: "workaround-message", dep: "evq", line: 1}),
		changeOne("example-blames", "an example run as a test, disabled where a comment says a third party is broken on an OS",
			"examples: disable the langrt example on broken platforms", "",
			"examples/langrt/setup.sh", "enable=1\n",
			"enable=1\n"+
				"# langrt on macOS is broken\nif [ \"$(uname)\" = Darwin ]; then enable=0; fi\n",
			wf{rule: "workaround-comment", dep: "langrt", line: 2}),
		changeOne("revert-history", "contrast: a message that tells how an old workaround came about, then says to revert it",
			"Set the default MAKE to make on BSD", "This was set to gmake in https://github.com/otherorg/builder/pull/3\nas a workaround for https://bugs.ruby-lang.org/issues/16331\n\nNo supported release needs gmake any more, so\nrevert this.\n",
			"bin/build", "if is_bsd; then\n  export MAKE=gmake\nfi\n",
			"if is_bsd && [ \"$1\" = jlang ]; then\n  export MAKE=gmake\nfi\n"),
		changeOne("runtime-tracker", "a link to the runtime's own tracker names the runtime before a word of the message that is also a runtime's name",
			"NumFactory: work around an old bug with BigDecimal and zero", "http://bugs.sun.com/bugdatabase/view_bug.do?bug_id=1234567\n\nTo work around this bug, when asked for a decimal node, compare with zero first.\n",
			"src/main/java/num/NumFactory.java", "class NumFactory {\n  Num of(BigDecimal v) { return new Num(v); }\n}\n",
			"class NumFactory {\n"+
				"  Num of(BigDecimal v) { return v.signum() == 0 ? Num.ZERO : new Num(v); }\n}\n",
			wf{rule: "workaround-message", dep: "runtime:jvm", linked: true, line: 1}),
		changeOne("test-doesnt-work", "contrast: a test comment that says an approach does not work blames no third party",
			"Test mocks of generic types", "",
			"src/test/java/app/GenericTest.java", "class GenericTest {\n}\n",
			"class GenericTest {\n"+
				"    // (making them public static classes doesn't work either)\n    static class Box<T> {}\n}\n"),
	})
}

// changeOne is a case that changes one file at p from before to after,
// with the title and body given.
func changeOne(name, reason, title, body, p, before, after string, want ...wf) findingCase {
	return findingCase{name: name, reason: reason, title: title, body: body,
		base: map[string]*string{p: scorertest.Text(before)}, change: map[string]*string{p: scorertest.Text(after)}, want: want}
}

// gemPin is a Gemfile whose pin of stylechk moves from one requirement to
// another under a title that gives the reason: a pin the message reads.
func gemPin(name, reason, to, before, after string) findingCase {
	gemfile := func(req string) string { return "group :test do\n  gem \"stylechk\", \"" + req + "\"\nend\n" }
	return changeOne(name, reason, "pin stylechk to "+to+" due to an error with ruby 2.6", "", "Gemfile", gemfile(before), gemfile(after),
		wf{rule: "workaround-message", dep: "stylechk", line: 2})
}

// searcherCase is a Rust change whose FIXME comment blames a bug on the
// crate named blamed.
func searcherCase(name, reason, blamed string, want ...wf) findingCase {
	return changeOne(name, reason, "searcher: disable the fast path for NUL terminators", "",
		"crates/searcher/src/core.rs", "fn fast(&self) -> bool {\n    true\n}\n",
		"fn fast(&self) -> bool {\n    // FIXME: This works around a bug in "+blamed+" where it ignores the\n    // line terminator.\n"+
			"    if self.nul() {\n        return false;\n    }\n    true\n}\n", want...)
}
