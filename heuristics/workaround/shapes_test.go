package workaround_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/heft-dev/heft/heuristics"
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
	for _, tc := range []struct {
		name, reason, title, body string
		base, change              map[string]*string
		want                      []wf
	}{
		{
			name: "quoted-install-pin", reason: "a cap quoted inside a workflow's pip install, the title giving the reason",
			title:  "Pin linty to fix CI",
			base:   map[string]*string{wf1: scorertest.Text("steps:\n  - run: |\n      python -m pip install --upgrade linty\n")},
			change: map[string]*string{wf1: scorertest.Text("steps:\n  - run: |\n      python -m pip install --upgrade 'linty<3.2'\n")},
			want:   []wf{{rule: "workaround-message", dep: "linty", line: 3}},
		},
		{
			name: "apt-pin", reason: "an apt package pinned to a version below a comment that links the tool's issue",
			title: "ci: pin shellx to 1.9",
			base:  map[string]*string{wf1: scorertest.Text("steps:\n  - run: |\n      sudo apt-get install --yes zsh shellx\n")},
			change: map[string]*string{wf1: scorertest.Text("steps:\n  - run: |\n      # Pinned: 2.0 hangs on start. https://github.com/shellco/shellx/issues/77\n" +
				"      sudo apt-get install --yes zsh shellx=1.9.2-1\n")},
			want: []wf{{rule: "workaround-pin", dep: "shellx", linked: true, line: 4}},
		},
		{
			name: "docker-from-pin", reason: "a Docker base image pinned to a minor version while a dependency has no wheels; the message names it",
			title: "Build the image with 3.10 for now", body: "Workaround until we get new fastparse wheels.",
			base:   map[string]*string{"Dockerfile": scorertest.Text("FROM python:3-slim AS build\nRUN pip install .\n")},
			change: map[string]*string{"Dockerfile": scorertest.Text("FROM python:3.10-slim AS build\nRUN pip install .\n")},
			want:   []wf{{rule: "workaround-message", dep: "fastparse", line: 1}},
		},
		{
			name: "lock-downgrade", reason: "a downgrade written only in Cargo.lock, the message giving the reason",
			title: "Downgrade glyphwidth to 0.2.4", body: "0.2.5 changes the width of tabs, which breaks the renderer.",
			base: map[string]*string{"Cargo.lock": scorertest.Text("[[package]]\nname = \"glyphwidth\"\nversion = \"0.2.5\"\n" +
				"source = \"registry+https://github.com/rust-lang/crates.io-index\"\n")},
			change: map[string]*string{"Cargo.lock": scorertest.Text("[[package]]\nname = \"glyphwidth\"\nversion = \"0.2.4\"\n" +
				"source = \"registry+https://github.com/rust-lang/crates.io-index\"\n")},
			want: []wf{{rule: "workaround-message", dep: "glyphwidth", line: 3}},
		},
		{
			name: "lock-upgrade", reason: "contrast: a lock file that moves a version up is an update",
			title: "Downgrade the docs theme", body: "The new theme breaks the sidebar.",
			base:   map[string]*string{"Cargo.lock": scorertest.Text("[[package]]\nname = \"glyphwidth\"\nversion = \"0.2.4\"\n")},
			change: map[string]*string{"Cargo.lock": scorertest.Text("[[package]]\nname = \"glyphwidth\"\nversion = \"0.2.5\"\n")},
		},
		{
			name: "moved-pin", reason: "contrast: a pin moved up whose new comment names no bug is a bump of a pinned version",
			title: "Pin linty to 1.4.12 for the changed-tests step", body: "The old pin failed on the new rule names.",
			base: map[string]*string{"tools/changed.py": scorertest.Text("ARGS = [\n    \"uvx\",\n    \"linty@1.4.9\",\n    \"graph\",\n]\n")},
			change: map[string]*string{"tools/changed.py": scorertest.Text("ARGS = [\n    \"uvx\",\n    # keep in step with the lock to avoid resolution issues\n" +
				"    \"linty@1.4.12\",\n    \"graph\",\n]\n")},
		},
		{
			name: "tighter-pin", reason: "a pin made tighter for a reason is a pin, not a move",
			title:  "pin stylechk to 2.5 due to an error with ruby 2.6",
			base:   map[string]*string{"Gemfile": scorertest.Text("group :test do\n  gem \"stylechk\", \"~> 2.3\"\nend\n")},
			change: map[string]*string{"Gemfile": scorertest.Text("group :test do\n  gem \"stylechk\", \"~> 2.5.0\"\nend\n")},
			want:   []wf{{rule: "workaround-message", dep: "stylechk", line: 2}},
		},
		{
			name: "unpin-with-link", reason: "contrast: an unpin whose new comment ends with the upstream issue it no longer needs to work around",
			title: "chore(deps): unpin docsite-theme, require clickish>=8.4",
			base: map[string]*string{"pyproject.toml": scorertest.Text("docs = [\n    \"docsite>=1.6\",\n" +
				"    # reload broken in >= 9.1: https://github.com/themeco/docsite-theme/issues/84\n    \"docsite-theme==9.0.2\",\n]\n")},
			change: map[string]*string{"pyproject.toml": scorertest.Text("docs = [\n    \"docsite>=1.6\",\n" +
				"    # reload is fixed in clickish 8.4, so require that here.\n    # https://github.com/themeco/docsite-theme/issues/84\n" +
				"    \"clickish>=8.4\",\n    \"docsite-theme>=9.2\",\n]\n")},
		},
		{
			name: "technique-hack", reason: "contrast: the project's own technique called a hack after the socket option it uses",
			title: "Detect the OS the same way on every Ruby", body: "This lets JRuby use the SO_NODELAY hack too, see otherorg/otherruby#12.",
			base:   map[string]*string{"lib/srv/server.rb": scorertest.Text("module Srv\n  if RUBY_PLATFORM =~ /linux/\n    NODELAY = true\n  end\nend\n")},
			change: map[string]*string{"lib/srv/server.rb": scorertest.Text("module Srv\n  if RbConfig::CONFIG['host_os'] =~ /linux/\n    NODELAY = true\n  end\nend\n")},
		},
		{
			name: "own-name-import", reason: "contrast: a hack of the project's own whose message names only the project, which a test imports",
			title: "compact add buttons", body: "Reverts acme/ripscan#12\n\n(a bit hacky, we wait a frame before focusing)",
			base:   map[string]*string{"e2e/app.py": scorertest.Text("x = 1\n")},
			change: map[string]*string{"e2e/app.py": scorertest.Text("import ripscan\n\nx = ripscan.App()\n")},
		},
		{
			name: "workspace-sibling", reason: "contrast: a bug blamed on a crate of the project's own workspace, named after the project",
			title: "searcher: disable the fast path for NUL terminators",
			base:  map[string]*string{"crates/searcher/src/core.rs": scorertest.Text("fn fast(&self) -> bool {\n    true\n}\n")},
			change: map[string]*string{"crates/searcher/src/core.rs": scorertest.Text("fn fast(&self) -> bool {\n" +
				"    // FIXME: This works around a bug in scan-regex where it ignores the\n    // line terminator.\n    if self.nul() {\n        return false;\n    }\n    true\n}\n")},
		},
		{
			name: "workspace-other", reason: "the same comment blaming a crate the project does not own",
			title: "searcher: disable the fast path for NUL terminators",
			base:  map[string]*string{"crates/searcher/src/core.rs": scorertest.Text("fn fast(&self) -> bool {\n    true\n}\n")},
			change: map[string]*string{"crates/searcher/src/core.rs": scorertest.Text("fn fast(&self) -> bool {\n" +
				"    // FIXME: This works around a bug in regexlib where it ignores the\n    // line terminator.\n    if self.nul() {\n        return false;\n    }\n    true\n}\n")},
			want: []wf{{rule: "workaround-comment", dep: "regexlib", line: 2}},
		},
		{
			name: "avoids-the-workaround", reason: "contrast: a swap of build backend that avoids the need for an old CI workaround",
			title:  "Switch the build backend to buildy",
			body:   "- Builds wheels in one step\n- Avoids the need for the current CI workaround for https://github.com/compco/compiler/issues/9\n",
			base:   map[string]*string{"pyproject.toml": scorertest.Text("[build-system]\nbuild-backend = \"setuptools.build_meta\"\n")},
			change: map[string]*string{"pyproject.toml": scorertest.Text("[build-system]\nbuild-backend = \"buildy.api\"\n")},
		},
		{
			name: "older-compilers", reason: "a C++ standard-version branch whose title blames older compilers",
			title: "Only mark get() constexpr for C++14 to work around errors on older compilers.",
			base:  map[string]*string{"include/lib/value.hpp": scorertest.Text("class value {\n    constexpr auto get() const;\n};\n")},
			change: map[string]*string{"include/lib/value.hpp": scorertest.Text("class value {\n#if defined(LIB_HAS_CPP_14)\n    constexpr\n#endif\n" +
				"    auto get() const;\n};\n")},
			want: []wf{{rule: "workaround-message", dep: "toolchain:c++", line: 1}},
		},
		{
			name: "env-branch", reason: "a HACK comment naming a program in lower case above a branch on its environment variable",
			title: "Skip the background colour inside screenmux",
			base:  map[string]*string{"term/src/backend.rs": scorertest.Text("fn caps() -> Caps {\n    let mut caps = Caps::default();\n    caps\n}\n")},
			change: map[string]*string{"term/src/backend.rs": scorertest.Text("fn caps() -> Caps {\n    let mut caps = Caps::default();\n" +
				"    // HACK: setting the background colour breaks redraws in screenmux.\n" +
				"    caps.background = std::env::var_os(\"SCREENMUX\").is_none();\n    caps\n}\n")},
			want: []wf{{rule: "workaround-runtime", dep: "tool:screenmux", line: 3}},
		},
		{
			name: "tagged-title", reason: "a title's [tag] is the project's component; a lower-case name given with a version is what it works around",
			title:  "[bash,zsh] Work around mawkish 1.3.3 not supporting character classes",
			base:   map[string]*string{"shell/keys.sh": scorertest.Text("filter() {\n  awk '/[[:space:]]/'\n}\n")},
			change: map[string]*string{"shell/keys.sh": scorertest.Text("filter() {\n  awk '/[ \\t]/'\n}\n")},
			want:   []wf{{rule: "workaround-message", dep: "mawkish", line: 1}},
		},
		{
			name: "no-longer", reason: "a title that says a library no longer does something, and works around it",
			title:  "evq no longer passes descriptors with their message, work around this for now",
			base:   map[string]*string{"proc.c": scorertest.Text("static void\ncb(int fd)\n{\n\tread_msg(fd);\n}\n")},
			change: map[string]*string{"proc.c": scorertest.Text("static void\ncb(int fd)\n{\n\tfd = msg_get_fd(&msg);\n\tread_msg(fd);\n}\n")},
			want:   []wf{{rule: "workaround-message", dep: "evq", line: 1}},
		},
		{
			name: "example-blames", reason: "an example run as a test, disabled where a comment says a third party is broken on an OS",
			title: "examples: disable the langrt example on broken platforms",
			base:  map[string]*string{"examples/langrt/setup.sh": scorertest.Text("enable=1\n")},
			change: map[string]*string{"examples/langrt/setup.sh": scorertest.Text("enable=1\n" +
				"# langrt on macOS is broken\nif [ \"$(uname)\" = Darwin ]; then enable=0; fi\n")},
			want: []wf{{rule: "workaround-comment", dep: "langrt", line: 2}},
		},
		{
			name: "revert-history", reason: "contrast: a message that tells how an old workaround came about, then says to revert it",
			title:  "Set the default MAKE to make on BSD",
			body:   "This was set to gmake in https://github.com/otherorg/builder/pull/3\nas a workaround for https://bugs.ruby-lang.org/issues/16331\n\nNo supported release needs gmake any more, so\nrevert this.\n",
			base:   map[string]*string{"bin/build": scorertest.Text("if is_bsd; then\n  export MAKE=gmake\nfi\n")},
			change: map[string]*string{"bin/build": scorertest.Text("if is_bsd && [ \"$1\" = jlang ]; then\n  export MAKE=gmake\nfi\n")},
		},
		{
			name: "runtime-tracker", reason: "a link to the runtime's own tracker names the runtime before a word of the message that is also a runtime's name",
			title: "NumFactory: work around an old bug with BigDecimal and zero",
			body:  "http://bugs.sun.com/bugdatabase/view_bug.do?bug_id=1234567\n\nTo work around this bug, when asked for a decimal node, compare with zero first.\n",
			base:  map[string]*string{"src/main/java/num/NumFactory.java": scorertest.Text("class NumFactory {\n  Num of(BigDecimal v) { return new Num(v); }\n}\n")},
			change: map[string]*string{"src/main/java/num/NumFactory.java": scorertest.Text("class NumFactory {\n" +
				"  Num of(BigDecimal v) { return v.signum() == 0 ? Num.ZERO : new Num(v); }\n}\n")},
			want: []wf{{rule: "workaround-message", dep: "runtime:jvm", linked: true, line: 1}},
		},
		{
			name: "test-doesnt-work", reason: "contrast: a test comment that says an approach does not work blames no third party",
			title: "Test mocks of generic types",
			base:  map[string]*string{"src/test/java/app/GenericTest.java": scorertest.Text("class GenericTest {\n}\n")},
			change: map[string]*string{"src/test/java/app/GenericTest.java": scorertest.Text("class GenericTest {\n" +
				"    // (making them public static classes doesn't work either)\n    static class Box<T> {}\n}\n")},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := scorertest.GitDiff(t, tc.base, tc.change)
			c := &heuristics.Contribution{Diff: d, Title: tc.title, Body: tc.body}
			findings, err := s.Findings(context.Background(), c)
			require.NoError(t, err)
			var got []wf
			for _, f := range findings {
				got = append(got, wf{rule: f.Rule, dep: f.Dependency, linked: f.Linked(), line: f.Line})
			}
			assert.Equal(t, tc.want, got, "%s\nfindings: %+v", tc.reason, findings)
			res, err := s.Score(context.Background(), c)
			require.NoError(t, err)
			require.NoError(t, heuristics.CheckResult(res))
			if len(tc.want) > 0 {
				assert.Positive(t, res.Score, "a finding is never hidden")
			}
		})
	}
}
