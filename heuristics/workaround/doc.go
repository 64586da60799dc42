// Package workaround is heft's workaround scorer: it finds changes that
// patch around a dependency instead of fixing it upstream: a fork or local
// copy pinned in a manifest, a patch file, a hand edit to vendored code, a
// monkeypatch, code copied from another project, a comment that says it
// works around one. Only added lines count, so removing a workaround never
// raises a concern. Each finding names the dependency (module path,
// package or repository, from the manifest, the import or the path) and
// whether the change links an upstream issue or pull request: next to the
// finding, in a patch's DEP-3 Forwarded: or Bug: header, or in the
// description or a commit message when the link is to the dependency's own
// tracker. A dependency's strongest finding counts in full and the rest a
// quarter; a linked dependency counts 0.15 of that. One unreported fork
// pinned in go.mod gives 0.5, two unreported workarounds of different
// dependencies over 0.8. The rules and their weights are one table, Rules.
//
// The score is in [0, 1): 1 - 2^(-weight/0.6), where weight sums the
// dependencies' findings as above.
//
// # Metrics
//
// findings and dependencies count what was found; linked_findings and
// unlinked_findings split the findings, linked_dependencies and
// unlinked_dependencies the dependencies, by whether the change links an
// upstream report for them; weight is the summed weight behind the score.
// Every key is present, 0 when nothing was found.
//
// # Rules
//
// Evidence carries one of these stable rule IDs, which programs may depend on:
//
//	workaround-go-replace            go.mod replace to a fork, a pseudo-version or a directory outside the repository
//	workaround-cargo-patch           Cargo.toml [patch.*] or [replace] entry
//	workaround-npm-override          package.json overrides/resolutions to a git URL, fork, alias, path or patch
//	workaround-npm-version-override  package.json overrides/resolutions forcing a version
//	workaround-git-dependency        a dependency taken from git: pip/uv/poetry, Gemfile, Cargo, package.json
//	workaround-version-exclusion     != or exclude of a release, with a comment citing a bug
//	workaround-patch-file            patch-package, yarn, pnpm, quilt or Debian patch of a dependency, or one a CI step downloads
//	workaround-vendored-edit         hand edit to vendor/, third_party/, node_modules/, external/, _vendor/, site-packages/
//	workaround-python-monkeypatch    assignment or setattr on an imported module's or class's attribute
//	workaround-mock-patch            unittest.mock.patch outside tests
//	workaround-js-monkeypatch        prototype or module-export reassignment of an import
//	workaround-go-linkname           //go:linkname into another module or the standard library
//	workaround-ruby-reopen           reopening, class_eval or prepend on a required gem's class
//	workaround-copied-code           "copied/adapted/ported from" a URL, or another holder's copyright header
//	workaround-comment               workaround, hack, until upstream, remove when fixed, an issue link elsewhere
//	workaround-runtime               a workaround comment in any language naming a runtime, OS, browser or toolchain
//	workaround-pin                   a version pin or downgrade with a reason beside it
//	workaround-message               the commit message or description says it works around something named
//	workaround-defensive-wrapper     try/except/catch/rescue/recover/retry by a comment saying a named third party misbehaves
//	workaround-library-swap          one dependency's imports replaced by a fork's, or by another's for a bug the message names
//
// # Subjects
//
// Evidence.Subject names the upstream, the thing the project does not
// own, in one stable form that programs may group and compare by:
//
//	github.com/gorilla/mux   a Go module path (imports, go.mod, vendor/); a Go
//	                         package name ("cobra") when only its qualifier is in view
//	requests, @babel/core    a package as its registry spells it (PyPI, npm,
//	                         RubyGems, crates.io; Maven group:artifact)
//	runtime:NAME             an interpreter or VM: runtime:pypy, runtime:cpython,
//	                         runtime:node, runtime:jvm, runtime:ruby, runtime:zsh
//	toolchain:NAME           a compiler or toolchain: toolchain:go, toolchain:rust,
//	                         toolchain:gcc, toolchain:msvc, toolchain:graalvm
//	os:NAME                  an operating system or C library: os:macos, os:windows,
//	                         os:linux, os:android, os:libc
//	lib:NAME                 a system library: lib:openssl, lib:conscrypt, lib:zlib,
//	                         lib:mesa, lib:systemd, lib:libstdc++
//	browser:NAME             browser:chrome, browser:firefox, browser:safari
//	platform:NAME, tool:NAME a hosted platform (platform:appengine); a program the
//	                         project runs (tool:homebrew, tool:konsole)
//	repo:OWNER/NAME          a GitHub repository known only by a link or a mention
//	                         (repo:HOST/OWNER/NAME on other forges); the repositories
//	                         of runtimes and toolchains are named as such
//	url:HOST/PATH            a web page code was copied from
//	HOLDER                   the copyright holder or project an added file's
//	                         header names, as written ("The Kubernetes Authors",
//	                         "Widget Works, Inc", "Jane Doe"), never with an
//	                         e-mail address
//	NAME                     lower-case, what a comment blames in the words of a
//	                         bug when no table or import knows it ("a bug in
//	                         libfoo" is libfoo); "widgets-library" for "version
//	                         2.1 of the widgets library"
//	submodule:PATH           a git submodule a patch is for, when Config.Submodules
//	                         does not give its URL
//	path:DIR                 nothing names the upstream: the top directory of the
//	                         path the workaround is in or, for a patch, patches
//	                         (path:engine for engine/core/loop.c; the patch's own
//	                         folder with no target in view; path:. with no path)
//
// A patch file that neither its path (patch-package, pnpm and yarn
// names, a vendored directory) nor its target nor a manifest's
// patchedDependencies names is named, in this order, by the repository
// its header links (Forwarded:), by a runtime, compiler or system
// library its file name starts with (go-9102.patch is toolchain:go,
// openssl-no-asm.patch lib:openssl), by a runtime's own source tree it
// patches (Go's src/PKG/*.go, CPython's Lib/ and Modules/), by its folder
// under patches/ (patches/NAME/fix.patch), by the file it is named after
// (ClientForm.patch for ClientForm.py is clientform), and only then by
// path:DIR. A build step that applies a downloaded patch names the
// downloaded repository, or url:HOST of a site that is not a forge.
// Every finding has a Subject; none is "unknown".
//
// # Known false positives
//
// Every rule can be the right call, which is why a linked
// upstream report nearly cancels it; the score asks for the link, it does
// not forbid the workaround. Per rule:
//
//   - workaround-go-replace: a long-lived fork the project maintains on
//     purpose; another module of the same repository replaced by module
//     path instead of by relative directory (set Config.OwnModules).
//   - workaround-cargo-patch: a [patch] that tests an unreleased upstream
//     fix on purpose, for a short time.
//   - workaround-npm-override: an override to a monorepo's own package.
//   - workaround-npm-version-override: a security bump of a transitive
//     dependency; it weighs 0.2 for that reason. Entries added to an
//     overrides block whose opening line is outside the hunk are missed.
//   - workaround-git-dependency: the project's own packages kept in other
//     repositories; dependencies that publish no releases.
//   - workaround-version-exclusion: excluding a release upstream already
//     yanked.
//   - workaround-patch-file: a Debian patch that is Debian-specific but
//     lacks "Forwarded: not-needed"; .patch fixtures outside testdata/,
//     fixtures/ and test directories; a CI step applying a downloaded
//     backport of the dependency's own released fix.
//   - workaround-vendored-edit: a directory named like a vendored tree that
//     holds the project's own code (external/ counts only at the root); a
//     re-vendoring whose version change names the dependency differently
//     from its path. A change to the dependency's own manifest (its
//     package.json, go.mod, Cargo.toml, METADATA) counts as a re-vendoring.
//   - workaround-python-monkeypatch, workaround-js-monkeypatch: a library's
//     documented hook set by assignment (attributes named *hook or
//     *callback are left alone), a plugin installed on its prototype, and
//     instrumentation SDKs (APM, tracing) that patch libraries on purpose:
//     weight the rule 0 for such a project. Imports outside the hunk's
//     context are unknown, so a patch far from the file's imports is
//     missed.
//   - workaround-mock-patch: test helpers kept outside test directories
//     and not named like tests.
//   - workaround-go-linkname: linknames the standard library still allows
//     for compatibility.
//   - workaround-ruby-reopen: reopening the application's own namespace
//     when it shares a name with a required file.
//   - workaround-copied-code: a credit note for a small snippet under a
//     compatible licence, which is good practice. A copyright header is
//     only compared with Config.CopyrightHolders or with
//     notices on unchanged lines of the diff; with neither, it is not
//     checked. Where the project's own notices name people (git, the
//     Linux kernel: a person, "Jane Doe" with or without an e-mail, is
//     among its holders and no collective such as "The X Authors", "X
//     contributors" or "the X Project" is), a new file under another
//     person's name is a contributor's own and is not read: a file
//     copied from elsewhere that only a person's notice names is missed
//     there, while an organisation's name (Inc., Foundation, a domain)
//     unlike the project's still counts. Where a collective or an
//     organisation holds the project, a person's notice on a new file is
//     copied code, named by what else its header names ("This file is
//     part of X", an organisation's notice) or else by the person,
//     without the e-mail address, which a Subject never carries.
//   - workaround-comment: an explanation of a dependency's documented
//     behaviour that uses the word workaround; a comment about the
//     project's own past bug that names an imported package. Comments that
//     name no dependency and do not say "upstream" are the project's own
//     and never count, except that a bug phrase ("a bug in libfoo", "the
//     libfoo bug", "libfoo is broken", "libfoo's parser doesn't work")
//     names what it blames, and so does a proper name given as what a
//     comment works around ("work around Robolectric", "fix this in
//     AR", "GNU Make 4.3", "work around mawk 1.3.3"): a sibling package
//     of a monorepo or one of the project's own components named that way
//     is a false positive (the project's repository name, the crates of
//     its workspace named after it, "grep-regex" in ripgrep or
//     "tokio-util" in tokio, its modules and generic words such as "perf"
//     or "parser", files the diff changes and generic technical words such
//     as NUL, API or terminator are left out). "libfoo on macOS is broken"
//     names libfoo, not the OS. In tests, and in code under examples/
//     that projects run as tests, a comment counts with an issue link or
//     when it blames a third party as broken or buggy, and the reason
//     string of a skip or pend call (skipif, xfail, pend, omit, t.Skip,
//     @Disabled), on the call's line or the next, reads like a comment
//     ("pend 'Marshal.load is broken on truffleruby, see URL'"); a skip
//     reason that quotes a third party's error for the project's own
//     reason is a false positive. What a comment quotes, between
//     double or typographic quotes or backticks, is mentioned, not said,
//     and is not read: documentation of these rules is not a workaround,
//     nor is "work around" inside a quoted error message.
//   - workaround-runtime: a comment about supporting a platform on
//     purpose that uses the word hack or workaround; a branch for speed
//     rather than for a bug. "A compiler bug" or "ICE" names the
//     toolchain of the file's language (toolchain:cc and toolchain:c++
//     for C and C++, whose compiler the file does not say). In build
//     scripts, CI files and manifests a comment that is only another
//     project's issue link counts when an added line of code is right
//     below it: a link that documents a setting is a false positive; on a
//     change whose title unpins or removes, such a link documents what the
//     change no longer needs and is not read. A HACK comment that names,
//     in any case, the program whose environment variable it or the next
//     lines test ("in tmux" above a test of $TMUX) names the program
//     (tool:NAME). The Subject is runtime:NAME, os:NAME,
//     browser:NAME, toolchain:NAME, or repo:OWNER/NAME for a linked
//     repository. An added branch on a platform (uname, sys.platform,
//     __GNUC__, cfg(windows)) with a comment within three lines that
//     blames in words (issues, a crash, does not support) names the
//     platform though the comment names no one: a comment that blames
//     the project's own code there is a false positive, and under a
//     title that fixes a regression the message blames on the project's
//     own change (#975, a commit), comments naming only a platform are
//     not read. Names of the project and of its repository's owner
//     ("Homebrew" in Homebrew/brew) are never upstreams. "Doesn't
//     support" (don't, can't, cannot, won't) blames no one in a
//     condition the code tests, feature detection ("if the terminal
//     doesn't support colour", "when", "unless", "whether"), nor when
//     the project says it of itself ("this build of ripgrep doesn't
//     support PCRE2", "we don't support", the project's name): it is
//     not read, though the comment's other words (workaround, a bug in
//     X) still are. A statement that a third party lacks support
//     ("OpenSSL 1.1 doesn't support this cipher") names it, which is a
//     false positive where the code only adapts to a documented limit.
//   - workaround-pin: a pin whose comment gives a policy reason (a
//     licence) in the words of a bug; a lock tool's provenance comment
//     ("# via -r requirements/docs.in, sphinx-issues", pip-compile and
//     uv) is never a reason. Comments that pin to hashes or
//     digests, or for reproducible builds or the supply chain, are policy
//     and never a reason. Pins are read in manifests and also in install
//     commands (a quoted pip install 'tox<4.7', apt-get install
//     pkg=1.2-0) and Dockerfile FROM lines at a versioned tag (python is
//     runtime:cpython). A pin that only moves an existing one up to a
//     higher version of the same precision (0.15.9 to 0.15.16) is a bump
//     unless its comment says workaround or links an issue, or the title
//     gives the reason; one made tighter (~> 1.10 to ~> 1.12.0) is not a
//     move. Quoted requirements of pyproject.toml and setup.py are pins;
//     a line that only sets a minimum version (>=) requires upstream's
//     fix and is never a pin with a reason.
//   - workaround-message: not workarounds: a message whose only
//     workaround word is hack, that blames no one and names only a
//     platform ("win32 hack", the project's own hack for that OS); a
//     title whose workaround
//     clause names the project's own code by a reference whose first
//     element is a file or directory of the diff ("work around a
//     problem in Util::read_text_file", "workaround to pass tests/x.py
//     under windows": the platform is where the project's bug shows; a
//     symbol of a file the diff does not touch is missed); a sentence,
//     across line breaks, that denies a workaround ("no workarounds are
//     left") or tells what the project, by its own name, already does as
//     one ("ccache 3.6 unlinks it as a workaround for a bug in Clang"); a
//     name that is only a version ("bugs in v0.7.3"); another
//     repository's issue the message fixes, closes or resolves ("Fixes:
//     owner/app#46", a downstream's report of the project's bug); a pin
//     matching the version another platform ships ("matching Ubuntu
//     24.04"). A sentence calling a compiler's or linter's diagnostic
//     wrong ("false positive clang-tidy warning", "rustc false dead code
//     positives", "a buggy warning with Visual Studio 2008") works
//     around that toolchain even without the word workaround; one that
//     names only an OS or a browser ("a false positive page reload error
//     in Safari") is the project's own check. A title's workaround
//     clause names a tool no table knows ("work around problematic
//     imgpull behaviour", "pyinstaller missing module workaround") when
//     an added comment block gives that name within two lines of saying
//     workaround, or gives a version of it; the project's own words and
//     words quoted as code (`unsafe`) never count. A title that
//     ignores, avoids or compensates for something and names a runtime,
//     OS, browser or toolchain from that verb on ("Compensate for
//     truffleruby IO.copy_stream", "Ignore inode change time on
//     Android") lives with a third party's behaviour ("disable" and
//     "skip" are not read so: as often the project's choice); one that
//     avoids something on a platform by the project's own choice is a
//     false positive. A title that links another repository's issue or
//     pull request ("(see rust-lang/rust#46016)") gives its reason by
//     the link, unless it fixes or closes that issue. A message saying the bug was
//     fixed in a release, on a change that only moves versions up, takes
//     upstream's fix and never counts, nor does a pin for a licence or a
//     linter's new rules. A message that explains why an old workaround
//     is kept, quotes an upstream bug while fixing the project's own, or
//     calls the project's own technique a hack while linking another
//     project's discussion; "work around" on a change that also branches
//     on a platform for another reason names that platform. Messages
//     that remove, revert or unpin, plain
//     bumps, bumps of a pinned version and pins to a commit SHA never
//     count; a revert of a removal does. A title that blames something in
//     the words of a bug, or names what it works around by a proper
//     name, names it (trailers are not read); a message that tells how
//     an old workaround came about, on a change that undoes it, is a
//     false positive. What users could do about the bug being fixed
//     ("X would be a workaround", "users can work around this by",
//     "as a workaround, set X") is not read, nor is the project's own
//     technique named a hack after a system constant ("the TCP_CORK
//     hack"), nor a title's leading [tag]; an everyday noun ("the home
//     page is broken") names nothing. A message that says the change
//     avoids or removes the need for a workaround is a removal. A
//     downgrade written only in a TOML lock file (Cargo.lock, poetry.lock,
//     uv.lock) is a pin the message reads, the one the title names first;
//     a message that says workaround and pins nothing names what it says
//     itself ("older compilers" is the file's toolchain, "until we get new
//     X wheels" is X), a pinned line it never mentions only as the last
//     resort; a link to a runtime's, compiler's or OS's own tracker
//     (bugs.ruby-lang.org, bugs.openjdk.org, bugs.sun.com) names it before
//     any word of the message does. A message that tells how a
//     workaround came about and then says "so revert this" is a removal,
//     and so is a title whose scope is a path ("lib/net: remove ...") or
//     a message saying the bug "was fixed in the upstream library"; a
//     bump whose title works around the new release's breaking API
//     changes, a message that blames the project itself ("a bug in
//     <project>"), and a hack the message gives to a dependency only
//     deleted files declared do not count. "Reverting to Gradle 8.9" is
//     a downgrade. A message that says workaround and names nothing else
//     is about the other repository an added comment links. When only the message says
//     what the change works around, the evidence is the line of the
//     title, body or commit message (Field, Line, Commit) that says so;
//     a pinned line or a platform branch is quoted from the diff.
//   - workaround-defensive-wrapper: error handling for a dependency's
//     documented behaviour whose comment uses the words of a bug; a retry
//     around a network service that fails by nature. Comments that name
//     only the project's own packages never count. A catch-all around a
//     platform call whose comment names nothing (only the project's own
//     issue) is missed. With a message that says workaround, a catch
//     clause whose exception the file imports from a third party names
//     that dependency without a comment; a catch of a documented
//     exception under such a message is a false positive.
//   - workaround-library-swap: a module whose project moved to another
//     owner, imported under its new path; a swap made for speed, a
//     licence or fewer dependencies whose message also mentions a bug.
//     Going back from a fork to the original ("back to upstream", "are
//     upstream"), moving to the official library or a successor ("took
//     over"), or leaving a fork kept under the project's own owner, is
//     not a swap; a title that removes only the redirect ("Remove
//     'replace' directive") while the code imports the fork directly
//     still swaps to the fork.
package workaround
