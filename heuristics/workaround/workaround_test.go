package workaround_test

import (
	"bytes"
	"context"
	"errors"
	"math"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/heft-dev/heft/diffstat"
	"github.com/heft-dev/heft/heuristics"
	"github.com/heft-dev/heft/heuristics/heuristicstest"
	"github.com/heft-dev/heft/heuristics/workaround"
	"github.com/heft-dev/heft/internal/lineartest"
	"github.com/heft-dev/heft/internal/scorertest"
)

func newWorkaround(t testing.TB, cfg workaround.Config) *workaround.Scorer {
	t.Helper()
	s, err := workaround.New(cfg)
	require.NoError(t, err)
	return s
}

// wf is a finding a case expects: the rule, the dependency, whether it is
// linked upstream, and (when non-zero) where it is.
type wf struct {
	rule, dep string
	linked    bool
	path      string
	line      int
}

const gatewayGoMod = "module example.org/gateway\n\ngo 1.22\n\nrequire github.com/gorilla/mux v1.8.1\n"

// workaroundCases are real-shaped changes in Go, Python, JavaScript and
// TypeScript, Rust and Ruby, each with the findings it must give; a case
// with no findings is a contrast that must not raise a concern.
var workaroundCases = []struct {
	name, reason string
	base, change map[string]*string
	body         string
	want         []wf
}{
	{
		name: "py-pypy-branch", reason: "a branch for one interpreter whose comment says the interpreter is broken",
		base: map[string]*string{"app/compat.py": scorertest.Text("import sys\n")},
		change: map[string]*string{"app/compat.py": scorertest.Text("import sys\n\n# PyPy is broken here: clearing the exception stack breaks __exit__.\n" +
			"BROKEN_CTX_EXIT = hasattr(sys, \"pypy_version_info\")\n")},
		want: []wf{{rule: "workaround-runtime", dep: "runtime:pypy", line: 3}},
	},
	{
		name: "c-macos-branch", reason: "a C branch for macOS with a block comment naming an OS bug",
		base: map[string]*string{"src/thread.c": scorertest.Text("#include <pthread.h>\n")},
		change: map[string]*string{"src/thread.c": scorertest.Text("#include <pthread.h>\n#if defined(__APPLE__)\n" +
			"/* Workaround for a bug in macOS: pthread_cond_wait can return EINVAL. */\nint retry_einval = 1;\n#endif\n")},
		want: []wf{{rule: "workaround-runtime", dep: "os:macos", line: 3}},
	},
	{
		name: "kotlin-android-linked", reason: "a Kotlin wrapper for an Android bug, the OS's tracker linked on the line above",
		base: map[string]*string{"net/Platform.kt": scorertest.Text("package net\n")},
		change: map[string]*string{"net/Platform.kt": scorertest.Text("package net\n\n// see https://github.com/example-os/platform/issues/63649622\n" +
			"// On Android 8 connect throws ClassCastException due to a bug: work around it.\nval rethrow = true\n")},
		want: []wf{{rule: "workaround-runtime", dep: "os:android", linked: true, line: 4}},
	},
	{
		name: "gemfile-pin-with-reason", reason: "a Gemfile pin whose comment block above says why and until when",
		base: map[string]*string{"Gemfile": scorertest.Text("source 'https://rubygems.org'\n")},
		change: map[string]*string{"Gemfile": scorertest.Text("source 'https://rubygems.org'\n# 0.26 fails to parse heredocs;\n" +
			"# keep 0.25 until it is fixed.\ngem 'prism', '0.25.0'\n")},
		want: []wf{{rule: "workaround-pin", dep: "prism", line: 4}},
	},
	{
		name: "message-downgrade", reason: "a downgrade whose reason is only in the description",
		base:   map[string]*string{"app.gemspec": scorertest.Text("s.add_runtime_dependency('listen', '~> 2.0')\n")},
		change: map[string]*string{"app.gemspec": scorertest.Text("s.add_runtime_dependency('listen', '~> 1.3.0')\n")},
		body:   "Downgrade listen: 2.0 is broken with our file watcher.",
		want:   []wf{{rule: "workaround-message", dep: "listen", line: 1}},
	},
	{
		name: "internal-hack-no-upstream", reason: "contrast: the project's own hack names nothing it does not own",
		base: map[string]*string{"src/cache.c": scorertest.Text("int n;\n")},
		change: map[string]*string{"src/cache.c": scorertest.Text("int n;\n/* HACK: our cache is not thread-safe yet, lock it all. */\n" +
			"static int big_lock;\n")},
		body: "Hack in a lock until the cache is rewritten.",
	},
	{
		name: "test-monkeypatch-fixture", reason: "contrast: a test that monkeypatches with a workaround comment, no tracker link",
		base: map[string]*string{"tests/test_gc.py": scorertest.Text("import gc\n")},
		change: map[string]*string{"tests/test_gc.py": scorertest.Text("import gc\n\n# work around slow gc on PyPy in CI\n" +
			"def test_fast(monkeypatch):\n    monkeypatch.setattr(gc, \"collect\", lambda: 0)\n")},
	},
	{
		name: "stdlib-mock-outside-tests", reason: "contrast: mocking the standard library is not a dependency to fix upstream",
		base: map[string]*string{"app/bench.py": scorertest.Text("from unittest import mock\n")},
		change: map[string]*string{"app/bench.py": scorertest.Text("from unittest import mock\n\n" +
			"def run(fn):\n    with mock.patch(\"gc.collect\"):\n        return fn()\n")},
	},
	{
		name: "plain-pin-no-reason", reason: "contrast: a pin with no reason anywhere is a plain version choice",
		base:   map[string]*string{"requirements.txt": scorertest.Text("pytest\n")},
		change: map[string]*string{"requirements.txt": scorertest.Text("pytest==8.*\n")},
		body:   "Use pytest 8 in CI.",
	},
	// ---- Go ----
	{
		name: "go-replace-fork", reason: "a fork at a pseudo-version, with a comment that says it works around a bug: one finding, the comment folded in",
		base: map[string]*string{"go.mod": scorertest.Text(gatewayGoMod)},
		change: map[string]*string{"go.mod": scorertest.Text(gatewayGoMod + "\n// Work around the route-matching regression in v1.8.1 until it is fixed.\n" +
			"replace github.com/gorilla/mux => github.com/dana-okafor/mux v1.8.2-0.20241102093000-4f2a9c1e7b3d\n")},
		want: []wf{{rule: "workaround-go-replace", dep: "github.com/gorilla/mux", path: "go.mod", line: 8}},
	},
	{
		name: "go-replace-fork-linked", reason: "the same fork with the upstream issue linked next to it",
		base: map[string]*string{"go.mod": scorertest.Text(gatewayGoMod)},
		change: map[string]*string{"go.mod": scorertest.Text(gatewayGoMod + "\n// Fork until https://github.com/gorilla/mux/issues/789 is fixed.\n" +
			"replace github.com/gorilla/mux => github.com/dana-okafor/mux v1.8.2-0.20241102093000-4f2a9c1e7b3d\n")},
		want: []wf{{rule: "workaround-go-replace", dep: "github.com/gorilla/mux", linked: true, line: 8}},
	},
	{
		name: "go-replace-linked-in-description", reason: "a short reference to the dependency's tracker in the description links it",
		base:   map[string]*string{"go.mod": scorertest.Text(gatewayGoMod)},
		change: map[string]*string{"go.mod": scorertest.Text(gatewayGoMod + "\nreplace github.com/gorilla/mux => github.com/dana-okafor/mux v1.8.2-0.20241102093000-4f2a9c1e7b3d\n")},
		body:   "Pins our fork of mux until gorilla/mux#790 is merged.",
		want:   []wf{{rule: "workaround-go-replace", dep: "github.com/gorilla/mux", linked: true}},
	},
	{
		name: "go-replace-local-outside", reason: "a local directory outside the repository is a private fork",
		base: map[string]*string{"go.mod": scorertest.Text("module example.org/store\n\ngo 1.22\n\nrequire github.com/lib/pq v1.10.9\n")},
		change: map[string]*string{"go.mod": scorertest.Text("module example.org/store\n\ngo 1.22\n\nrequire github.com/lib/pq v1.10.9\n\n" +
			"replace github.com/lib/pq => ../pq-fix\n")},
		want: []wf{{rule: "workaround-go-replace", dep: "github.com/lib/pq", line: 7}},
	},
	{
		name: "go-replace-block-new-file", reason: "a new go.mod is parsed whole with modfile, replace block included",
		change: map[string]*string{"tools/go.mod": scorertest.Text("module example.org/tools\n\ngo 1.22\n\nrequire (\n\tgolang.org/x/tools v0.20.0\n\tgithub.com/spf13/cobra v1.8.0\n)\n\n" +
			"replace (\n\tgolang.org/x/tools => github.com/acme-forks/tools v0.20.1-0.20240301120000-abcdefabcdef\n\texample.org/tools/internal/gen => ./internal/gen\n)\n")},
		want: []wf{{rule: "workaround-go-replace", dep: "golang.org/x/tools", path: "tools/go.mod", line: 11}},
	},
	{
		name: "go-replace-monorepo", reason: "contrast: replaces of the monorepo's own modules by relative directory are how monorepos work",
		base: map[string]*string{"services/api/go.mod": scorertest.Text("module github.com/acme/mono/services/api\n\ngo 1.22\n\nrequire github.com/acme/mono/lib v0.0.0\n")},
		change: map[string]*string{"services/api/go.mod": scorertest.Text("module github.com/acme/mono/services/api\n\ngo 1.22\n\nrequire github.com/acme/mono/lib v0.0.0\n\n" +
			"replace github.com/acme/mono/lib => ../../lib\n\nreplace example.org/codegen => ./codegen\n")},
	},
	{
		name: "go-upgrade", reason: "contrast: upgrading a dependency is the fix reaching us",
		base:   map[string]*string{"go.mod": scorertest.Text(gatewayGoMod)},
		change: map[string]*string{"go.mod": scorertest.Text(strings.Replace(gatewayGoMod, "v1.8.1", "v1.8.2", 1))},
	},
	{
		name: "go-remove-workaround", reason: "contrast: deleting a workaround is the goal",
		base: map[string]*string{"go.mod": scorertest.Text(gatewayGoMod + "\n// Workaround for a mux bug.\nreplace github.com/gorilla/mux => github.com/dana-okafor/mux v1.8.2-0.20241102093000-4f2a9c1e7b3d\n"),
			"vendor/github.com/lib/pq/conn.go": scorertest.Text("package pq\n\n// hack around upstream bug\nfunc x() {}\n")},
		change: map[string]*string{"go.mod": scorertest.Text(strings.Replace(gatewayGoMod, "v1.8.1", "v1.8.2", 1)),
			"vendor/github.com/lib/pq/conn.go": scorertest.Text("package pq\n\nfunc x() {}\n")},
	},
	{
		name: "go-linkname", reason: "linknames into the runtime and into another module's internals",
		change: map[string]*string{"internal/clock/clock.go": scorertest.Text("package clock\n\nimport _ \"unsafe\"\n\n//go:linkname nanotime runtime.nanotime\nfunc nanotime() int64\n\n" +
			"//go:linkname parseRoute github.com/gorilla/mux.(*Router).parse\nfunc parseRoute()\n\n//go:linkname exported\nfunc exported() {}\n")},
		want: []wf{
			{rule: "workaround-go-linkname", dep: "runtime", line: 5},
			{rule: "workaround-go-linkname", dep: "github.com/gorilla/mux", line: 8},
		},
	},
	{
		name: "go-exclude-bug", reason: "a go.mod exclude whose comment cites the bug, with the issue linked",
		base: map[string]*string{"go.mod": scorertest.Text(gatewayGoMod)},
		change: map[string]*string{"go.mod": scorertest.Text(gatewayGoMod + "\n// v1.9.0 panics on empty paths: https://github.com/gorilla/mux/issues/801\nexclude github.com/gorilla/mux v1.9.0\n" +
			"\nexclude github.com/gorilla/websocket v1.5.0\n")},
		want: []wf{{rule: "workaround-version-exclusion", dep: "github.com/gorilla/mux", linked: true, line: 8}},
	},
	{
		name: "go-comment-names-import", reason: "a comment that works around a package the code uses names it (by package name: the import block is out of the hunk's view)",
		base: map[string]*string{"router/router.go": scorertest.Text("package router\n\nimport (\n\t\"net/http\"\n\n\t\"github.com/gorilla/mux\"\n)\n\nfunc New() *mux.Router {\n\tr := mux.NewRouter()\n\treturn r\n}\n")},
		change: map[string]*string{"router/router.go": scorertest.Text("package router\n\nimport (\n\t\"net/http\"\n\n\t\"github.com/gorilla/mux\"\n)\n\nfunc New() *mux.Router {\n\tr := mux.NewRouter()\n" +
			"\t// Workaround: mux drops the trailing slash on subrouters, so match both forms.\n\tr.StrictSlash(true)\n\treturn r\n}\n")},
		want: []wf{{rule: "workaround-comment", dep: "mux", line: 11}},
	},
	{
		name: "go-own-hack", reason: "contrast: the project's own hack comment names no dependency",
		base: map[string]*string{"layout/grid.go": scorertest.Text("package layout\n\nimport (\n\t\"context\"\n\t\"strings\"\n)\n\nfunc width(ctx context.Context, s string) int {\n\treturn len(strings.TrimSpace(s))\n}\n")},
		change: map[string]*string{"layout/grid.go": scorertest.Text("package layout\n\nimport (\n\t\"context\"\n\t\"strings\"\n)\n\nfunc width(ctx context.Context, s string) int {\n" +
			"\t// HACK: pad by one so the grid lines up; pass the context along later.\n\treturn len(strings.TrimSpace(s)) + 1\n}\n")},
	},
	{
		name: "go-vendored-edit", reason: "a hand edit to a vendored module with no version change",
		base: map[string]*string{"vendor/github.com/lib/pq/conn.go": scorertest.Text("package pq\n\nfunc (c *conn) Close() error {\n\treturn c.c.Close()\n}\n"),
			"vendor/modules.txt": scorertest.Text("# github.com/lib/pq v1.10.9\n## explicit\ngithub.com/lib/pq\n")},
		change: map[string]*string{"vendor/github.com/lib/pq/conn.go": scorertest.Text("package pq\n\nfunc (c *conn) Close() error {\n\tif c.c == nil {\n\t\treturn nil\n\t}\n\treturn c.c.Close()\n}\n")},
		want:   []wf{{rule: "workaround-vendored-edit", dep: "github.com/lib/pq", path: "vendor/github.com/lib/pq/conn.go", line: 4}},
	},
	{
		name: "go-revendor", reason: "contrast: a re-vendoring that changes the version in vendor/modules.txt and go.mod",
		base: map[string]*string{"vendor/github.com/lib/pq/conn.go": scorertest.Text("package pq\n\nfunc (c *conn) Close() error {\n\treturn c.c.Close()\n}\n"),
			"vendor/modules.txt": scorertest.Text("# github.com/lib/pq v1.10.8\n## explicit\ngithub.com/lib/pq\n"),
			"go.mod":             scorertest.Text("module example.org/store\n\ngo 1.22\n\nrequire github.com/lib/pq v1.10.8\n")},
		change: map[string]*string{"vendor/github.com/lib/pq/conn.go": scorertest.Text("package pq\n\nfunc (c *conn) Close() error {\n\tif c.c == nil {\n\t\treturn nil\n\t}\n\treturn c.c.Close()\n}\n"),
			"vendor/modules.txt": scorertest.Text("# github.com/lib/pq v1.10.9\n## explicit\ngithub.com/lib/pq\n"),
			"go.mod":             scorertest.Text("module example.org/store\n\ngo 1.22\n\nrequire github.com/lib/pq v1.10.9\n")},
	},
	{
		name: "go-copied-header", reason: "an added file carrying another project's copyright, next to the project's own header",
		base: map[string]*string{"gateway.go": scorertest.Text("// Copyright 2024 The Gateway Authors.\n\n// Package gateway routes requests.\npackage gateway\n")},
		change: map[string]*string{
			"gateway.go":            scorertest.Text("// Copyright 2024 The Gateway Authors.\n\n// Package gateway routes and limits requests.\npackage gateway\n"),
			"internal/wait/wait.go": scorertest.Text("// Copyright 2014 The Kubernetes Authors.\n//\n// Licensed under the Apache License, Version 2.0\n\npackage wait\n\nfunc Poll() {}\n"),
			"internal/own/own.go":   scorertest.Text("// Copyright 2026 The Gateway Authors.\n\npackage own\n"),
		},
		want: []wf{{rule: "workaround-copied-code", dep: "The Kubernetes Authors", path: "internal/wait/wait.go", line: 1}},
	},

	{
		name: "go-bare-links", reason: "a bare link to the toolchain's tracker explains a workaround; one to the project's own tracker does not",
		base: map[string]*string{"go.mod": scorertest.Text("module github.com/acme/proxy\n\ngo 1.22\n"), "proxy/stream.go": scorertest.Text("package proxy\n\nfunc copyBody() {}\n")},
		change: map[string]*string{"go.mod": scorertest.Text("module github.com/acme/proxy\n\ngo 1.23\n"),
			"proxy/stream.go": scorertest.Text("package proxy\n\nfunc copyBody() {\n\t// https://github.com/golang/go/issues/60374\n\tflush()\n" +
				"\t// See https://github.com/acme/proxy/issues/12 for why.\n\t// Measure the duration until upstream wrote response headers.\n}\n")},
		want: []wf{{rule: "workaround-comment", dep: "toolchain:go", linked: true, line: 4}},
	},

	{
		name: "go-comment-block", reason: "a comment block of two lines, each with a link, is one finding",
		base: map[string]*string{"admin.go": scorertest.Text("package caddy\n\nfunc serve() {\n\tlisten()\n}\n")},
		change: map[string]*string{"admin.go": scorertest.Text("package caddy\n\nfunc serve() {\n\t// Workaround for http.Server shutdown races:\n" +
			"\t// https://github.com/golang/go/issues/60374\n\t// https://github.com/golang/go/issues/61431\n\tlisten()\n}\n")},
		want: []wf{{rule: "workaround-comment", dep: "toolchain:go", linked: true, line: 4}},
	},

	// ---- Python ----
	{
		name: "py-monkeypatch-module", reason: "assigning a function to an imported library's class attribute",
		base: map[string]*string{"app/http.py": scorertest.Text("import logging\n\nimport requests\n\nlog = logging.getLogger(__name__)\n")},
		change: map[string]*string{"app/http.py": scorertest.Text("import logging\n\nimport requests\n\nlog = logging.getLogger(__name__)\n\n\n" +
			"def _send_with_retry(self, request, **kwargs):\n    return _orig_send(self, request, **kwargs)\n\n\n_orig_send = requests.Session.send\nrequests.Session.send = _send_with_retry\n" +
			"requests.adapters.DEFAULT_RETRIES = 5\n")},
		want: []wf{{rule: "workaround-python-monkeypatch", dep: "requests", path: "app/http.py", line: 13}},
	},
	{
		name: "py-monkeypatch-from-import", reason: "a class imported by name, patched; and setattr on a module",
		change: map[string]*string{"svc/patches.py": scorertest.Text("from requests.adapters import HTTPAdapter\nimport yaml\n\n\ndef _send(self, *a, **kw):\n    pass\n\n\n" +
			"HTTPAdapter.send = _send\nsetattr(yaml, \"load\", yaml.safe_load)\n")},
		want: []wf{
			{rule: "workaround-python-monkeypatch", dep: "requests", line: 9},
			{rule: "workaround-python-monkeypatch", dep: "yaml", line: 10},
		},
	},
	{
		name: "py-mock-patch-outside-tests", reason: "unittest.mock.patch started in application code",
		change: map[string]*string{"svc/aws.py": scorertest.Text("from unittest import mock\n\nimport botocore.client\n\n\ndef _fake(self, op, params):\n    return {}\n\n\n" +
			"_patcher = mock.patch(\"botocore.client.BaseClient._make_api_call\", _fake)\n_patcher.start()\n")},
		want: []wf{{rule: "workaround-mock-patch", dep: "botocore", line: 10}},
	},
	{
		name: "py-tests-monkeypatch", reason: "contrast: pytest's monkeypatch fixture and mock.patch in tests are tests",
		change: map[string]*string{
			"tests/test_http.py": scorertest.Text("from unittest import mock\n\nimport requests\n\n\ndef test_get(monkeypatch):\n    monkeypatch.setattr(requests, \"get\", lambda *a: None)\n" +
				"    requests.Session.send = fake_send\n    with mock.patch(\"requests.get\") as g:\n        pass\n"),
			"conftest.py": scorertest.Text("import requests\n\n\ndef pytest_configure(config):\n    requests.Session.send = fake_send\n"),
		},
	},
	{
		name: "py-own-module-and-config", reason: "contrast: assigning the project's own attributes, and literal settings on a library",
		base: map[string]*string{"myapp/__init__.py": scorertest.Text(""), "myapp/config.py": scorertest.Text("loader = None\n")},
		change: map[string]*string{"myapp/main.py": scorertest.Text("import logging\n\nimport myapp.config\nfrom . import settings\nimport requests\n\n" +
			"myapp.config.loader = custom_loader\nsettings.DEBUG = debug_flag\nlogging.raiseExceptions = False\nrequests.adapters.DEFAULT_RETRIES = 5\n")},
	},
	{
		name: "py-own-tracker", reason: "contrast: links to the project's own tracker, named like its package, are not upstream",
		base: map[string]*string{"requests/utils.py": scorertest.Text("import os\n")},
		change: map[string]*string{"requests/utils.py": scorertest.Text("import os\n\n# See https://github.com/psf/requests/issues/3772\n" +
			"# hack: keep the old behaviour, https://github.com/psf/requests/pull/2238\n")},
	},
	{
		name: "py-hooks-and-prose", reason: "contrast: hooks meant to be assigned, prose that says derived from, and a test that mentions monkeypatching",
		base: map[string]*string{"svc/errors.py": scorertest.Text("import sys\nimport aiohttp\n"), "tests/test_app.py": scorertest.Text("import quart\n")},
		change: map[string]*string{
			"svc/errors.py": scorertest.Text("import sys\nimport aiohttp\n\nsys.excepthook = report_exception\n" +
				"aiohttp.trace_callbacks = collect\n# Request attributes derived directly from the aiohttp request.\n"),
			"tests/test_app.py": scorertest.Text("import quart\n\n# Import quart before anything else: it monkeypatches asyncio, a hack upstream.\n"),
		},
	},
	{
		name: "py-requirements-git-fork", reason: "a requirement pinned to a fork's branch",
		base: map[string]*string{"requirements.txt": scorertest.Text("flask==3.0.0\nrequests==2.31.0\n")},
		change: map[string]*string{"requirements.txt": scorertest.Text("flask==3.0.0\nrequests @ git+https://github.com/dana-okafor/requests@fix-retry-backoff\n" +
			"-e git+https://github.com/acme-forks/celery.git@v5.3.6-patched#egg=celery\n")},
		want: []wf{
			{rule: "workaround-git-dependency", dep: "requests", line: 2},
			{rule: "workaround-git-dependency", dep: "celery", line: 3},
		},
	},
	{
		name: "py-exclusion-cites-bug", reason: "a version exclusion whose comment cites the upstream issue",
		base: map[string]*string{"requirements.txt": scorertest.Text("urllib3>=1.26\n")},
		change: map[string]*string{"requirements.txt": scorertest.Text("# 2.0.0 breaks proxies: https://github.com/urllib3/urllib3/issues/2999\nurllib3>=1.26,!=2.0.0\n" +
			"idna!=3.5\n")},
		want: []wf{{rule: "workaround-version-exclusion", dep: "urllib3", linked: true, line: 2}},
	},
	{
		name: "py-upgrade", reason: "contrast: upgrading requirements",
		base:   map[string]*string{"requirements.txt": scorertest.Text("flask==3.0.0\nrequests==2.31.0\n")},
		change: map[string]*string{"requirements.txt": scorertest.Text("flask==3.0.3\nrequests==2.32.3\n")},
	},
	{
		name: "py-uv-git-source", reason: "uv's [tool.uv.sources] pointing at a fork",
		base: map[string]*string{"pyproject.toml": scorertest.Text("[project]\nname = \"svc\"\ndependencies = [\"httpx>=0.27\"]\n")},
		change: map[string]*string{"pyproject.toml": scorertest.Text("[project]\nname = \"svc\"\ndependencies = [\"httpx>=0.27\"]\n\n[tool.uv.sources]\n" +
			"httpx = { git = \"https://github.com/dana-okafor/httpx\", branch = \"fix-h2-reset\" }\n")},
		want: []wf{{rule: "workaround-git-dependency", dep: "httpx", line: 6}},
	},
	{
		name: "py-copied-from", reason: "a function copied from a library, crediting its URL",
		base: map[string]*string{"svc/util.py": scorertest.Text("import os\n")},
		change: map[string]*string{"svc/util.py": scorertest.Text("import os\n\n\n# Adapted from https://github.com/psf/requests/blob/main/src/requests/utils.py\n" +
			"def super_len(o):\n    return len(o)\n")},
		want: []wf{{rule: "workaround-copied-code", dep: "repo:psf/requests", line: 4}},
	},
	{
		name: "py-site-packages-edit", reason: "an edited copy of a library in a checked-in virtualenv",
		base:   map[string]*string{"env/lib/python3.12/site-packages/jinja2/filters.py": scorertest.Text("def do_truncate(s):\n    return s\n")},
		change: map[string]*string{"env/lib/python3.12/site-packages/jinja2/filters.py": scorertest.Text("def do_truncate(s):\n    s = s or \"\"\n    return s\n")},
		want:   []wf{{rule: "workaround-vendored-edit", dep: "jinja2", line: 2}},
	},

	// ---- JavaScript and TypeScript ----
	{
		name: "js-prototype", reason: "replacing a method on an imported class's prototype",
		change: map[string]*string{"src/http/client.ts": scorertest.Text("import axios, { Axios } from 'axios';\nimport { retry } from './retry';\n\n" +
			"const originalRequest = Axios.prototype.request;\nAxios.prototype.request = function patchedRequest(config) {\n  return retry(() => originalRequest.call(this, config));\n};\n\n" +
			"axios.defaults.baseURL = process.env.API_URL;\n")},
		want: []wf{{rule: "workaround-js-monkeypatch", dep: "axios", line: 5}},
	},
	{
		name: "js-module-export", reason: "reassigning an imported module's function, through a namespace import and through require",
		change: map[string]*string{"lib/version.js": scorertest.Text("import * as semver from 'semver';\nconst {\n  parse,\n} = require('yaml');\n\n" +
			"semver.satisfies = (version, range) => semver.satisfies(version.replace(/^v/, ''), range);\n" +
			"require('debug').enable = wrapEnable;\n")},
		want: []wf{
			{rule: "workaround-js-monkeypatch", dep: "semver", line: 6},
			{rule: "workaround-js-monkeypatch", dep: "debug", line: 7},
		},
	},
	{
		name: "js-tests-mock", reason: "contrast: jest mocks in tests replace module functions on purpose",
		change: map[string]*string{"src/__tests__/client.test.ts": scorertest.Text("import axios from 'axios';\n\naxios.get = jest.fn(() => Promise.resolve({ data: {} }));\n")},
	},
	{
		name: "npm-overrides", reason: "an override to a fork's branch, a version override, and yarn resolutions",
		base: map[string]*string{"package.json": scorertest.Text("{\n  \"name\": \"web\",\n  \"version\": \"1.0.0\",\n  \"dependencies\": {\n    \"next\": \"14.1.0\"\n  }\n}\n")},
		change: map[string]*string{"package.json": scorertest.Text("{\n  \"name\": \"web\",\n  \"version\": \"1.0.0\",\n  \"dependencies\": {\n    \"next\": \"14.1.0\"\n  },\n" +
			"  \"overrides\": {\n    \"node-fetch\": \"github:dana-okafor/node-fetch#fix-abort\",\n    \"semver\": \"7.5.4\"\n  },\n" +
			"  \"resolutions\": {\n    \"**/@babel/traverse\": \"npm:@acme/babel-traverse@7.23.2-fix\"\n  }\n}\n")},
		want: []wf{
			{rule: "workaround-npm-override", dep: "node-fetch", line: 8},
			{rule: "workaround-npm-version-override", dep: "semver", line: 9},
			{rule: "workaround-npm-override", dep: "@babel/traverse", line: 12},
		},
	},
	{
		name: "npm-git-dependency-and-upgrade", reason: "a dependency moved to a fork, next to an ordinary upgrade that must not count",
		base: map[string]*string{"package.json": scorertest.Text("{\n  \"name\": \"web\",\n  \"repository\": \"git+https://github.com/acme/web.git\",\n  \"dependencies\": {\n    \"next\": \"14.1.0\",\n    \"react-select\": \"5.8.0\"\n  }\n}\n")},
		change: map[string]*string{"package.json": scorertest.Text("{\n  \"name\": \"web\",\n  \"repository\": \"git+https://github.com/acme/web.git\",\n  \"dependencies\": {\n    \"next\": \"14.2.3\",\n" +
			"    \"react-select\": \"github:dana-okafor/react-select#fix-focus\"\n  }\n}\n")},
		want: []wf{{rule: "workaround-git-dependency", dep: "react-select", line: 6}},
	},
	{
		name: "patch-package", reason: "a patch-package patch and a pnpm patch registered in patchedDependencies",
		base: map[string]*string{"package.json": scorertest.Text("{\n  \"name\": \"web\",\n  \"pnpm\": {\n    \"neverBuiltDependencies\": []\n  }\n}\n")},
		change: map[string]*string{
			"patches/lodash+4.17.21.patch": scorertest.Text("diff --git a/node_modules/lodash/merge.js b/node_modules/lodash/merge.js\nindex 1111111..2222222 100644\n" +
				"--- a/node_modules/lodash/merge.js\n+++ b/node_modules/lodash/merge.js\n@@ -1,3 +1,3 @@\n-var x = 1;\n+var x = 2;\n"),
			"patches/@babel__core@7.24.0.patch": scorertest.Text("diff --git a/lib/index.js b/lib/index.js\n--- a/lib/index.js\n+++ b/lib/index.js\n@@ -1 +1 @@\n-a\n+b\n"),
			"package.json": scorertest.Text("{\n  \"name\": \"web\",\n  \"pnpm\": {\n    \"neverBuiltDependencies\": [],\n    \"patchedDependencies\": {\n" +
				"      \"@babel/core@7.24.0\": \"patches/@babel__core@7.24.0.patch\"\n    }\n  }\n}\n"),
		},
		want: []wf{
			{rule: "workaround-patch-file", dep: "@babel/core", path: "package.json", line: 6},
			{rule: "workaround-patch-file", dep: "@babel/core", path: "patches/@babel__core@7.24.0.patch", line: 1},
			{rule: "workaround-patch-file", dep: "lodash", path: "patches/lodash+4.17.21.patch", line: 1},
		},
	},
	{
		name: "pnpm-workspace-patch", reason: "pnpm 10's patchedDependencies in pnpm-workspace.yaml (its key out of the hunk, in git's hunk header) names the package a bare patches/name.patch is for",
		base: map[string]*string{"pnpm-workspace.yaml": scorertest.Text("packages:\n  - packages/*\npatchedDependencies:\n  \"sirv@3.0.2\": \"patches/sirv@3.0.2.patch\"\n" +
			"  \"chokidar@3.6.0\": \"patches/chokidar@3.6.0.patch\"\n  \"acorn@8.14.0\": \"patches/acorn@8.14.0.patch\"\npeerDependencyRules:\n  allowedVersions:\n    vite: \"*\"\n")},
		change: map[string]*string{
			"pnpm-workspace.yaml": scorertest.Text("packages:\n  - packages/*\npatchedDependencies:\n  \"sirv@3.0.2\": \"patches/sirv@3.0.2.patch\"\n" +
				"  \"chokidar@3.6.0\": \"patches/chokidar@3.6.0.patch\"\n  \"acorn@8.14.0\": \"patches/acorn@8.14.0.patch\"\n  \"http-proxy-3\": patches/http-proxy-3.patch\n" +
				"peerDependencyRules:\n  allowedVersions:\n    vite: \"*\"\n"),
			"patches/http-proxy-3.patch": scorertest.Text("diff --git a/dist/lib/http-proxy/common.js b/dist/lib/http-proxy/common.js\n--- a/dist/lib/http-proxy/common.js\n" +
				"+++ b/dist/lib/http-proxy/common.js\n@@ -1 +1 @@\n-a\n+b\n"),
		},
		want: []wf{
			{rule: "workaround-patch-file", dep: "http-proxy-3", path: "patches/http-proxy-3.patch", line: 1},
			{rule: "workaround-patch-file", dep: "http-proxy-3", path: "pnpm-workspace.yaml", line: 7},
		},
	},
	{
		name: "fixtures-named-external", reason: "contrast: playground/external/ is the project's fixture; a vendored package whose package.json changes is a re-vendoring",
		base: map[string]*string{"playground/external/dep/index.js": scorertest.Text("export default 1\n"),
			"node_modules/left-pad/index.js":     scorertest.Text("module.exports = leftPad;\n"),
			"node_modules/left-pad/package.json": scorertest.Text("{\n  \"name\": \"left-pad\",\n  \"version\": \"1.2.0\"\n}\n")},
		change: map[string]*string{"playground/external/dep/index.js": scorertest.Text("export default 2\n"),
			"node_modules/left-pad/index.js":     scorertest.Text("module.exports = leftPad;\nmodule.exports.default = leftPad;\n"),
			"node_modules/left-pad/package.json": scorertest.Text("{\n  \"name\": \"left-pad\",\n  \"version\": \"1.3.0\"\n}\n")},
	},
	{
		name: "yarn-patch", reason: "a yarn patch, named by yarn's convention",
		change: map[string]*string{".yarn/patches/react-dom-npm-18.2.0-7a1c2e9b41.patch": scorertest.Text("diff --git a/cjs/react-dom.development.js b/cjs/react-dom.development.js\n" +
			"--- a/cjs/react-dom.development.js\n+++ b/cjs/react-dom.development.js\n@@ -1 +1 @@\n-a\n+b\n")},
		want: []wf{{rule: "workaround-patch-file", dep: "react-dom"}},
	},
	{
		name: "node-modules-edit", reason: "an edit to a checked-in node_modules package",
		base:   map[string]*string{"node_modules/@acme/widgets/index.js": scorertest.Text("module.exports = function render(x) {\n  return x;\n};\n")},
		change: map[string]*string{"node_modules/@acme/widgets/index.js": scorertest.Text("module.exports = function render(x) {\n  if (!x) return '';\n  return x;\n};\n")},
		want:   []wf{{rule: "workaround-vendored-edit", dep: "@acme/widgets", line: 2}},
	},
	{
		name: "ts-comment-link", reason: "a comment that links another repository's issue: a workaround, reported",
		base: map[string]*string{"app/page.tsx": scorertest.Text("import Link from 'next/link';\n\nexport default function Page() {\n  return <Link href=\"/\">home</Link>;\n}\n")},
		change: map[string]*string{"app/page.tsx": scorertest.Text("import Link from 'next/link';\n\nexport default function Page() {\n" +
			"  // HACK: remove once https://github.com/vercel/next.js/issues/48022 is fixed\n  return <Link href=\"/\" prefetch={false}>home</Link>;\n}\n")},
		want: []wf{{rule: "workaround-comment", dep: "next", linked: true, line: 4}},
	},

	// ---- Rust ----
	{
		name: "cargo-patch", reason: "[patch.crates-io] swapping tokio for a fork's branch",
		base: map[string]*string{"Cargo.toml": scorertest.Text("[package]\nname = \"relay\"\nversion = \"0.1.0\"\n\n[dependencies]\ntokio = { version = \"1.37\", features = [\"full\"] }\n")},
		change: map[string]*string{"Cargo.toml": scorertest.Text("[package]\nname = \"relay\"\nversion = \"0.1.0\"\n\n[dependencies]\ntokio = { version = \"1.37\", features = [\"full\"] }\n\n" +
			"[patch.crates-io]\n# Work around the timer wheel overflow until upstream releases the fix.\ntokio = { git = \"https://github.com/dana-okafor/tokio\", branch = \"fix-timer-overflow\" }\n" +
			"relay-proto = { path = \"crates/relay-proto\" }\n")},
		want: []wf{{rule: "workaround-cargo-patch", dep: "tokio", line: 10}},
	},
	{
		name: "cargo-git-dependency", reason: "a dependency taken from a fork's git branch",
		base:   map[string]*string{"Cargo.toml": scorertest.Text("[package]\nname = \"relay\"\n\n[dependencies]\nserde = \"1.0\"\nmylib = { path = \"../mylib\" }\n")},
		change: map[string]*string{"Cargo.toml": scorertest.Text("[package]\nname = \"relay\"\n\n[dependencies]\nserde = { git = \"https://github.com/dana-okafor/serde\", rev = \"4f2a9c1\" }\nmylib = { path = \"../mylib\" }\n")},
		want:   []wf{{rule: "workaround-git-dependency", dep: "serde", line: 5}},
	},
	{
		name: "rust-comment", reason: "a Rust comment that works around an imported crate",
		base: map[string]*string{"src/conn.rs": scorertest.Text("use std::time::Duration;\nuse hyper::client::conn;\n\nfn pool() -> Duration {\n    Duration::from_secs(90)\n}\n")},
		change: map[string]*string{"src/conn.rs": scorertest.Text("use std::time::Duration;\nuse hyper::client::conn;\n\nfn pool() -> Duration {\n" +
			"    // Work around hyper dropping idle connections early (upstream bug).\n    Duration::from_secs(30)\n}\n")},
		want: []wf{{rule: "workaround-comment", dep: "hyper", line: 5}},
	},
	{
		name: "cargo-upgrade", reason: "contrast: a version bump",
		base:   map[string]*string{"Cargo.toml": scorertest.Text("[dependencies]\ntokio = \"1.36\"\n")},
		change: map[string]*string{"Cargo.toml": scorertest.Text("[dependencies]\ntokio = \"1.37\"\n")},
	},

	// ---- Ruby ----
	{
		name: "gemfile-git", reason: "a gem from a fork's branch, and a github: source",
		base: map[string]*string{"Gemfile": scorertest.Text("source \"https://rubygems.org\"\n\ngem \"rails\", \"~> 7.1\"\ngem \"rack\"\n")},
		change: map[string]*string{"Gemfile": scorertest.Text("source \"https://rubygems.org\"\n\ngem \"rails\", \"~> 7.1\"\ngem \"rack\", git: \"https://github.com/dana-okafor/rack\", branch: \"fix-multipart\"\n" +
			"gem \"sidekiq\", github: \"dana-okafor/sidekiq\"\ngem \"engine\", path: \"engines/engine\"\n")},
		want: []wf{
			{rule: "workaround-git-dependency", dep: "rack", line: 4},
			{rule: "workaround-git-dependency", dep: "sidekiq", line: 5},
		},
	},
	{
		name: "gemfile-exclusion", reason: "a release excluded with a comment that cites a crash",
		base:   map[string]*string{"Gemfile": scorertest.Text("source \"https://rubygems.org\"\n\ngem \"nokogiri\", \">= 1.15\"\n")},
		change: map[string]*string{"Gemfile": scorertest.Text("source \"https://rubygems.org\"\n\ngem \"nokogiri\", \">= 1.15\", \"!= 1.16.0\" # segfaults on arm64\n")},
		want:   []wf{{rule: "workaround-version-exclusion", dep: "nokogiri", line: 3}},
	},
	{
		name: "ruby-reopen", reason: "reopening a required gem's class, and prepending into ActiveRecord",
		change: map[string]*string{"config/initializers/faraday_patch.rb": scorertest.Text("require \"faraday\"\n\nclass Faraday::Connection\n  alias_method :orig_run_request, :run_request\n\n" +
			"  def run_request(*args)\n    orig_run_request(*args)\n  end\nend\n\nActiveRecord::Base.prepend(SafeFind)\n")},
		want: []wf{
			{rule: "workaround-ruby-reopen", dep: "faraday", line: 3},
			{rule: "workaround-ruby-reopen", dep: "ActiveRecord", line: 11},
		},
	},
	{
		name: "ruby-own-classes", reason: "contrast: defining the application's classes, and class_eval in a spec",
		change: map[string]*string{
			"app/models/user.rb":       scorertest.Text("require \"bcrypt\"\n\nclass User < ApplicationRecord\n  has_secure_password\nend\n"),
			"spec/models/user_spec.rb": scorertest.Text("require \"rails_helper\"\n\nUser.class_eval do\n  def admin? = true\nend\n"),
		},
	},

	// ---- Debian and quilt ----
	{
		name: "debian-patch-unforwarded", reason: "a Debian patch whose DEP-3 header says it was not forwarded",
		change: map[string]*string{"debian/patches/fix-build-with-gcc14.patch": scorertest.Text("Description: fix the build with GCC 14\nAuthor: Dana Okafor <dana@example.org>\nForwarded: no\n---\n" +
			"--- a/src/main.c\n+++ b/src/main.c\n@@ -1 +1 @@\n-int main() {}\n+int main(void) {}\n"),
			"debian/patches/series": scorertest.Text("fix-build-with-gcc14.patch\n")},
		want: []wf{{rule: "workaround-patch-file", dep: "path:src", line: 1}},
	},
	{
		name: "debian-patch-forwarded", reason: "a Debian patch forwarded upstream counts as linked",
		change: map[string]*string{"debian/patches/fix-crash.patch": scorertest.Text("Description: fix a crash\nForwarded: https://github.com/acme/tool/pull/12\n---\n" +
			"--- a/src/main.c\n+++ b/src/main.c\n@@ -1 +1 @@\n-a\n+b\n")},
		want: []wf{{rule: "workaround-patch-file", dep: "repo:acme/tool", linked: true}},
	},
	{
		name: "debian-patch-not-needed", reason: "contrast: a packaging-only patch says Forwarded: not-needed",
		change: map[string]*string{"debian/patches/paths.patch": scorertest.Text("Description: install to /usr/lib\nForwarded: not-needed\n---\n" +
			"--- a/Makefile\n+++ b/Makefile\n@@ -1 +1 @@\n-PREFIX=/usr/local\n+PREFIX=/usr\n")},
	},
	// ---- defensive wrappers and library swaps ----
	{
		name: "py-defensive-wrapper", reason: "an except clause whose comment says an imported library raises the wrong error",
		base: map[string]*string{"app/fetch.py": scorertest.Text("import requests\n")},
		change: map[string]*string{"app/fetch.py": scorertest.Text("import requests\n\ndef get(url):\n    try:\n        return requests.get(url)\n" +
			"    # requests sometimes raises ConnectionResetError instead of ConnectionError here.\n    except ConnectionResetError:\n        return None\n")},
		want: []wf{{rule: "workaround-defensive-wrapper", dep: "requests", line: 6}},
	},
	{
		name: "kotlin-defensive-wrapper", reason: "a Kotlin catch below a comment that names a system library's bug",
		base: map[string]*string{"tls/Adapter.kt": scorertest.Text("package tls\n\nfun close(s: Socket) {\n  s.close()\n}\n")},
		change: map[string]*string{"tls/Adapter.kt": scorertest.Text("package tls\n\nfun close(s: Socket) {\n" +
			"  // Conscrypt spuriously throws an NPE when the peer closed first.\n  try {\n    s.close()\n  } catch (e: NullPointerException) {\n  }\n}\n")},
		want: []wf{{rule: "workaround-defensive-wrapper", dep: "lib:conscrypt", line: 4}},
	},
	{
		name: "own-defensive-code", reason: "contrast: a try/except whose comment names nothing the project does not own",
		base: map[string]*string{"app/parse.py": scorertest.Text("from app import grammar\n")},
		change: map[string]*string{"app/parse.py": scorertest.Text("from app import grammar\n\ndef parse(s):\n" +
			"    # our grammar sometimes raises on empty input\n    try:\n        return grammar.parse(s)\n    except ValueError:\n        return None\n")},
	},
	{
		name: "go-fork-swap", reason: "a Go import and its go.mod require swapped for a fork of the same name",
		base: map[string]*string{"go.mod": scorertest.Text("module example.org/shell\n\ngo 1.22\n\nrequire github.com/orig-author/termline v1.5.1\n"),
			"cmd/repl.go": scorertest.Text("package cmd\n\nimport (\n\t\"fmt\"\n\n\t\"github.com/orig-author/termline\"\n)\n\nvar _ = fmt.Sprint\nvar _ = termline.New\n")},
		change: map[string]*string{"go.mod": scorertest.Text("module example.org/shell\n\ngo 1.22\n\nrequire github.com/dana-okafor/termline v1.5.2\n"),
			"cmd/repl.go": scorertest.Text("package cmd\n\nimport (\n\t\"fmt\"\n\n\t\"github.com/dana-okafor/termline\"\n)\n\nvar _ = fmt.Sprint\nvar _ = termline.New\n")},
		body: "Use a fork of termline that keeps the prompt intact.",
		want: []wf{{rule: "workaround-library-swap", dep: "github.com/orig-author/termline", path: "cmd/repl.go", line: 6}},
	},
	{
		name: "py-reasoned-swap", reason: "a Python library replaced by another, the message naming the old one's crash",
		base:   map[string]*string{"requirements.txt": scorertest.Text("simplejson==3.19.2\n"), "app/codec.py": scorertest.Text("import simplejson as json\n")},
		change: map[string]*string{"requirements.txt": scorertest.Text("orjson==3.10.1\n"), "app/codec.py": scorertest.Text("import orjson as json\n")},
		body:   "Replace simplejson with orjson: simplejson crashes on very large integers.",
		want:   []wf{{rule: "workaround-library-swap", dep: "simplejson", path: "app/codec.py", line: 1}},
	},
	{
		name: "swap-for-licence", reason: "contrast: a library swapped for its licence, no bug named",
		base:   map[string]*string{"requirements.txt": scorertest.Text("chardet==5.2.0\n"), "app/enc.py": scorertest.Text("import chardet\n")},
		change: map[string]*string{"requirements.txt": scorertest.Text("charset-normalizer==3.3.2\n"), "app/enc.py": scorertest.Text("import charset_normalizer\n")},
		body:   "Switch from chardet to charset-normalizer for its MIT licence.",
	},
	{
		name: "swap-back-to-upstream", reason: "contrast: leaving a fork for the original is the end of a workaround",
		base: map[string]*string{"go.mod": scorertest.Text("module example.org/shell\n\ngo 1.22\n\nrequire github.com/dana-okafor/termline v1.5.2\n"),
			"cmd/repl.go": scorertest.Text("package cmd\n\nimport \"github.com/dana-okafor/termline\"\n\nvar _ = termline.New\n")},
		change: map[string]*string{"go.mod": scorertest.Text("module example.org/shell\n\ngo 1.22\n\nrequire github.com/orig-author/termline v1.6.0\n"),
			"cmd/repl.go": scorertest.Text("package cmd\n\nimport \"github.com/orig-author/termline\"\n\nvar _ = termline.New\n")},
		body: "Switch back to upstream termline: 1.6.0 has the prompt fix.",
	},
	// ---- whatever a comment blames, in any language ----
	{
		name: "cpp-bug-in-library", reason: "a C++ comment naming a bug in a library no table knows, by the words of the bug",
		base: map[string]*string{"include/clock.h": scorertest.Text("#pragma once\n")},
		change: map[string]*string{"include/clock.h": scorertest.Text("#pragma once\n\n// Work around a bug in libfrob which reports a zone it cannot load.\n" +
			"inline bool has_zone() { return false; }\n")},
		want: []wf{{rule: "workaround-comment", dep: "libfrob", line: 3}},
	},
	{
		name: "cpp-bug-in-plusplus-library", reason: "a name with plus signs, as C++ libraries have, is kept whole",
		base: map[string]*string{"src/fmt.cc": scorertest.Text("#include <chrono>\n")},
		change: map[string]*string{"src/fmt.cc": scorertest.Text("#include <chrono>\n// libfrob++ is broken for zones east of UTC.\n" +
			"static const bool kEast = false;\n")},
		want: []wf{{rule: "workaround-comment", dep: "libfrob++", line: 2}},
	},
	{
		name: "rust-compiler-bug", reason: "a Rust comment blaming the compiler names the Rust toolchain",
		base: map[string]*string{"src/cache.rs": scorertest.Text("pub struct Cache;\n")},
		change: map[string]*string{"src/cache.rs": scorertest.Text("pub struct Cache;\n\n// Not generic: that hits an internal compiler error (ICE).\n" +
			"pub fn key(c: &Cache) -> u32 { 0 }\n")},
		want: []wf{{rule: "workaround-runtime", dep: "toolchain:rust", line: 3}},
	},
	{
		name: "shell-tool-broken", reason: "a shell comment saying a bundled tool does not work, in a script without extension",
		base: map[string]*string{"bin/install": scorertest.Text("#!/bin/sh\nset -e\n")},
		change: map[string]*string{"bin/install": scorertest.Text("#!/bin/sh\nset -e\n# Anaconda's curl doesn't work where the CA bundle is elsewhere\n" +
			"PATH=\"$(echo \"$PATH\" | sed 's|/conda/bin:||')\"\n")},
		want: []wf{{rule: "workaround-runtime", dep: "tool:conda", line: 3}},
	},
	{
		name: "own-perf-bug", reason: "contrast: a note about a performance bug the code fixes names nothing it does not own",
		base: map[string]*string{"lib/pool.rb": scorertest.Text("class Pool\nend\n")},
		change: map[string]*string{"lib/pool.rb": scorertest.Text("class Pool\n  # There was a perf bug here where one worker woke before the rest.\n" +
			"  def wake_all = nil\nend\n")},
	},
	{
		name: "kotlin-versioned-wrapper", reason: "a Kotlin catch-all whose comment blames a library by one of its versions",
		base: map[string]*string{"ui/Watcher.kt": scorertest.Text("package ui\n\nfun watch() {\n  install()\n}\n")},
		change: map[string]*string{"ui/Watcher.kt": scorertest.Text("package ui\n\nfun watch() {\n  try {\n    install()\n  } catch (e: Throwable) {\n" +
			"    // Unfortunately, prior to version 3.2 of the widgets library this class was not static.\n  }\n}\n")},
		want: []wf{{rule: "workaround-defensive-wrapper", dep: "widgets-library", line: 7}},
	},
	{
		name: "flake-input-fork", reason: "a flake input moved to another owner's fork of the same repository",
		base: map[string]*string{"devenv.yaml": scorertest.Text("inputs:\n  gen:\n    url: github:orig-org/cargo-gen\n")},
		change: map[string]*string{"devenv.yaml": scorertest.Text("inputs:\n  gen:\n    # until https://github.com/orig-org/cargo-gen/issues/439 is fixed\n" +
			"    url: github:dana-okafor/cargo-gen/ba5dd398\n")},
		want: []wf{{rule: "workaround-library-swap", dep: "repo:orig-org/cargo-gen", linked: true, line: 4}},
	},
	{
		name: "recipe-patch-folder", reason: "a .diff a build recipe keeps in a folder named for the package and version it patches",
		change: map[string]*string{"share/patches/1.2.3/Frob-1.2.3/001_fix_build.diff": scorertest.Text("--- Modules/x.c\n+++ Modules/x.c\n@@ -1 +1 @@\n-a\n+b\n")},
		want:   []wf{{rule: "workaround-patch-file", dep: "frob", line: 1}},
	},
	{
		name: "gradle-bare-link", reason: "a build script's comment that is only another project's issue link, above the code it explains",
		base: map[string]*string{"build.gradle": scorertest.Text("plugins {\n  id 'java'\n}\n")},
		change: map[string]*string{"build.gradle": scorertest.Text("plugins {\n  id 'java'\n}\n\n// https://github.com/acme-tools/formatter/issues/1572\n" +
			"tasks.withType(FormatTask).configureEach {\n  dependsOn(tasks.withType(Test))\n}\n")},
		want: []wf{{rule: "workaround-runtime", dep: "repo:acme-tools/formatter", linked: true, line: 5}},
	},
	{
		name: "links-above-old-lines", reason: "contrast: links added above lines that were already there explain them, they add no workaround",
		base: map[string]*string{"Cargo.toml": scorertest.Text("[dependencies]\ntermui = { git = \"https://github.com/acme/termui\" }\n")},
		change: map[string]*string{"Cargo.toml": scorertest.Text("[dependencies]\n# https://github.com/orig/termui/pull/157\n" +
			"termui = { git = \"https://github.com/acme/termui\" }\n")},
	},
	{
		name: "kts-delete-once", reason: "a Gradle Kotlin script to delete once the compiler's issue ships, linked on its tracker",
		base: map[string]*string{"build.gradle.kts": scorertest.Text("plugins {\n  kotlin(\"jvm\")\n}\n")},
		change: map[string]*string{"build.gradle.kts": scorertest.Text("plugins {\n  kotlin(\"jvm\")\n}\n\n// Library modules get their own dump tasks. Delete this once KT-83410 ships.\n" +
			"// See https://youtrack.jetbrains.com/issue/KT-83410\nregisterAbiTasks()\n")},
		want: []wf{{rule: "workaround-runtime", dep: "toolchain:kotlin", linked: true, line: 5}},
	},
	{
		name: "fixture-patch", reason: "contrast: .patch files under testdata/ are fixtures",
		change: map[string]*string{"testdata/agent-pr.patch": scorertest.Text("diff --git a/x b/x\n--- a/x\n+++ b/x\n@@ -1 +1 @@\n-a\n+b\n")},
	},
}

func TestWorkaround(t *testing.T) {
	s := newWorkaround(t, workaround.Config{})
	for _, tc := range workaroundCases {
		t.Run(tc.name, func(t *testing.T) {
			d := scorertest.GitDiff(t, tc.base, tc.change)
			c := &heuristics.Contribution{Diff: d, Body: tc.body}
			findings, err := s.Findings(context.Background(), c)
			require.NoError(t, err)
			var got []wf
			for _, f := range findings {
				got = append(got, wf{rule: f.Rule, dep: f.Dependency, linked: f.Linked(), path: f.Path, line: f.Line})
			}
			require.Len(t, got, len(tc.want), "%s\nfindings: %+v", tc.reason, findings)
			for i, w := range tc.want {
				g := got[i]
				assert.Equal(t, w.rule, g.rule, "finding %d: %s", i, tc.reason)
				assert.Equal(t, w.dep, g.dep, "finding %d dependency: %s", i, tc.reason)
				assert.Equal(t, w.linked, g.linked, "finding %d linked (%q): %s", i, findings[i].Upstream, tc.reason)
				if w.path != "" {
					assert.Equal(t, w.path, g.path, "finding %d: %s", i, tc.reason)
				}
				if w.line != 0 {
					assert.Equal(t, w.line, g.line, "finding %d: %s", i, tc.reason)
				}
				assert.NotEmpty(t, findings[i].Snippet)
				assert.NotEmpty(t, findings[i].What)
			}

			res, err := s.Score(context.Background(), c)
			require.NoError(t, err)
			require.NoError(t, heuristics.CheckResult(res))
			if len(tc.want) == 0 {
				assert.Zero(t, res.Score, tc.reason)
				assert.Empty(t, res.Advice)
				assert.Empty(t, res.Evidence)
				return
			}
			assert.Positive(t, res.Score, tc.reason)
			allLinked := true
			for _, w := range tc.want {
				allLinked = allLinked && w.linked
			}
			if allLinked {
				assert.Less(t, res.Score, 0.2, "a linked workaround counts for little: %s", tc.reason)
				assert.Empty(t, res.Advice)
			} else {
				assert.GreaterOrEqual(t, res.Score, 0.2, tc.reason)
				assert.Contains(t, res.Advice, "link the upstream issue")
			}
			for _, e := range res.Evidence {
				assert.Equal(t, heuristics.FieldDiff, e.Field)
				assert.Equal(t, heuristics.SideNew, e.Side)
				assert.Positive(t, e.Line)
			}
		})
	}
}

// TestWorkaroundEveryRuleTested keeps the table tests and the rules table
// in step: every rule has a case that raises it.
func TestEveryRuleTested(t *testing.T) {
	tested := map[string]bool{}
	for _, tc := range workaroundCases {
		for _, w := range tc.want {
			tested[w.rule] = true
		}
	}
	for _, r := range workaround.Rules() {
		assert.True(t, tested[r.ID], "rule %s has no table test", r.ID)
		assert.True(t, strings.HasPrefix(r.ID, "workaround-"), r.ID)
		assert.Positive(t, r.Weight)
		assert.LessOrEqual(t, r.Weight, 1.0)
		assert.NotEmpty(t, r.Finds)
		assert.NotEmpty(t, r.FalsePositives)
	}
}

// TestWorkaroundRulesDocumented checks that doc.go lists every rule ID.
func TestRulesDocumented(t *testing.T) {
	doc, err := os.ReadFile("doc.go")
	require.NoError(t, err)
	for _, r := range workaround.Rules() {
		assert.True(t, strings.Contains(string(doc), "//\t"+r.ID+" "), "doc.go's rule list lacks %s", r.ID)
		assert.True(t, strings.Contains(string(doc), "//   - "+r.ID) || strings.Contains(string(doc), ", "+r.ID+":"),
			"doc.go's known false positives lack %s", r.ID)
	}
}

func TestAdvice(t *testing.T) {
	d := scorertest.GitDiff(t, map[string]*string{"app/http.py": scorertest.Text("import requests\n")},
		map[string]*string{"app/http.py": scorertest.Text("import requests\n\nrequests.Session.send = _send_with_retry\n")})
	res, err := newWorkaround(t, workaround.Config{}).Score(context.Background(), &heuristics.Contribution{Diff: d})
	require.NoError(t, err)
	assert.Equal(t, "This adds a monkeypatch of requests.Session.send; if it works around a bug in requests, please link the "+
		"upstream issue (or open one) so the fix can reach everyone.", res.Advice)
	assert.Equal(t, "1 workaround for requests; no upstream issue or pull request linked.", res.Summary)
	assert.Equal(t, 0.555, res.Score, "one unreported monkeypatch: 1 - 2^(-0.7/0.6)")
	require.Len(t, res.Evidence, 1)
	assert.Equal(t, heuristics.Evidence{Rule: "workaround-python-monkeypatch",
		Message: "Adds a monkeypatch of requests.Session.send; no upstream issue or pull request linked.",
		Field:   heuristics.FieldDiff, Path: "app/http.py", Line: 3, Side: heuristics.SideNew,
		Snippet: "requests.Session.send = _send_with_retry", Subject: "requests"}, res.Evidence[0])
}

func TestScoring(t *testing.T) {
	s := newWorkaround(t, workaround.Config{})
	fork := map[string]*string{"go.mod": scorertest.Text(gatewayGoMod + "\nreplace github.com/gorilla/mux => github.com/dana-okafor/mux v1.8.2-0.20241102093000-4f2a9c1e7b3d\n")}
	score := func(change map[string]*string, body string) heuristics.Result {
		t.Helper()
		d := scorertest.GitDiff(t, map[string]*string{"go.mod": scorertest.Text(gatewayGoMod)}, change)
		res, err := s.Score(context.Background(), &heuristics.Contribution{Diff: d, Body: body})
		require.NoError(t, err)
		return res
	}
	one := score(fork, "")
	linked := score(fork, "Fixes the routing bug; reported upstream at https://github.com/gorilla/mux/issues/790.")
	otherLink := score(fork, "See https://github.com/acme/gateway/issues/4 for our side.")
	assert.Equal(t, 0.5, one.Score, "one unreported fork reaches the review threshold")
	assert.Less(t, linked.Score, 0.1, "linking the upstream issue drops the score sharply")
	assert.Equal(t, one.Score, otherLink.Score, "a link to another repository's tracker is not the dependency's")
	assert.Equal(t, "1 workaround for github.com/gorilla/mux; every one links its upstream report.", linked.Summary)

	two := fork
	two["vendor/github.com/lib/pq/conn.go"] = scorertest.Text("package pq\n\nfunc x() { y() }\n")
	d := scorertest.GitDiff(t, map[string]*string{"go.mod": scorertest.Text(gatewayGoMod), "vendor/github.com/lib/pq/conn.go": scorertest.Text("package pq\n\nfunc x() {}\n")}, two)
	res, err := s.Score(context.Background(), &heuristics.Contribution{Diff: d})
	require.NoError(t, err)
	assert.Greater(t, res.Score, 0.8, "two unreported workarounds of different dependencies")
	assert.Equal(t, "This adds a hand edit to the vendored copy of github.com/lib/pq and a replace directive pointing "+
		"github.com/gorilla/mux at the fork github.com/dana-okafor/mux, at an unreleased commit; if they work around bugs in "+
		"github.com/lib/pq and github.com/gorilla/mux, please link the upstream issues (or open them) so the fixes can reach everyone.", res.Advice)

	off := newWorkaround(t, workaround.Config{Weights: map[string]float64{"workaround-go-replace": 0}})
	res, err = off.Score(context.Background(), &heuristics.Contribution{Diff: scorertest.GitDiff(t, map[string]*string{"go.mod": scorertest.Text(gatewayGoMod)}, fork)})
	require.NoError(t, err)
	assert.Zero(t, res.Score, "a rule weighted 0 is off")
}

func TestOwnConfig(t *testing.T) {
	change := map[string]*string{
		"go.mod":       scorertest.Text(gatewayGoMod + "\nreplace github.com/acme/shared => github.com/acme/shared v0.0.0-20241102093000-4f2a9c1e7b3d\n"),
		"vendored.go":  scorertest.Text("// Copyright 2019 Acme Corp.\n\npackage gateway\n"),
		"contrib/x.go": scorertest.Text("// Copyright 2009 The Go Authors. All rights reserved.\n\npackage contrib\n"),
	}
	d := scorertest.GitDiff(t, map[string]*string{"go.mod": scorertest.Text(gatewayGoMod)}, change)
	s := newWorkaround(t, workaround.Config{OwnModules: []string{"github.com/acme"}, CopyrightHolders: []string{"Acme Corp"}})
	findings, err := s.Findings(context.Background(), &heuristics.Contribution{Diff: d})
	require.NoError(t, err)
	require.Len(t, findings, 1, "%+v", findings)
	assert.Equal(t, "workaround-copied-code", findings[0].Rule)
	assert.Equal(t, "The Go Authors", findings[0].Dependency)
	assert.Equal(t, "contrib/x.go", findings[0].Path)

	// Without a holder to compare with, a copyright header alone is not a finding.
	findings, err = newWorkaround(t, workaround.Config{}).Findings(context.Background(), &heuristics.Contribution{
		Diff: scorertest.GitDiff(t, nil, map[string]*string{"contrib/x.go": change["contrib/x.go"]})})
	require.NoError(t, err)
	assert.Empty(t, findings)
}

func TestBadInput(t *testing.T) {
	s := newWorkaround(t, workaround.Config{})
	ctx := context.Background()
	_, err := s.Score(ctx, &heuristics.Contribution{})
	require.ErrorIs(t, err, heuristics.ErrNotApplicable, "no diff, nothing to say")

	res, err := s.Score(ctx, &heuristics.Contribution{Diff: &diffstat.Diff{}})
	require.NoError(t, err, "an empty diff has no workarounds")
	assert.Zero(t, res.Score)

	for _, d := range []*diffstat.Diff{
		{Files: []*diffstat.File{nil}},
		{Files: []*diffstat.File{{NewPath: "go.mod", Added: -1}}},
	} {
		_, err := s.Score(ctx, &heuristics.Contribution{Diff: d})
		require.Error(t, err, "a hand-built diff with impossible files")
	}

	// A diff scanned without its hunks cannot be read line by line.
	patch := "diff --git a/go.mod b/go.mod\n--- a/go.mod\n+++ b/go.mod\n@@ -1 +1,2 @@\n module x\n+replace a => ../a\n"
	sc := diffstat.NewScanner(strings.NewReader(patch), nil)
	var files []*diffstat.File
	for sc.Next() {
		files = append(files, sc.File())
	}
	require.NoError(t, sc.Err())
	_, err = s.Score(ctx, &heuristics.Contribution{Diff: &diffstat.Diff{Files: files}})
	require.ErrorIs(t, err, diffstat.ErrNoPatch)
	assert.Contains(t, err.Error(), "workaround")

	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	d, err := diffstat.Parse(strings.NewReader(patch), nil)
	require.NoError(t, err)
	_, err = s.Score(cancelled, &heuristics.Contribution{Diff: d})
	require.ErrorIs(t, err, context.Canceled)

	// Lines past MaxLineBytes are not read: a minified bundle is not code
	// anyone wrote by hand.
	long := "require('debug').enable = wrapEnable;" + strings.Repeat(" ", 5000) + "\n"
	d = scorertest.GitDiff(t, nil, map[string]*string{"lib/x.js": scorertest.Text(long)})
	findings, err := s.Findings(ctx, &heuristics.Contribution{Diff: d})
	require.NoError(t, err)
	assert.Empty(t, findings)

	// Malformed go.mod lines and binary files do not trip the scanner.
	d, err = diffstat.Parse(strings.NewReader("diff --git a/go.mod b/go.mod\n--- a/go.mod\n+++ b/go.mod\n@@ -1 +1,4 @@\n module x\n+replace (\n+ => \n+replace => => =>\n"+
		"diff --git a/logo.png b/logo.png\nindex 1111111..2222222 100644\nBinary files a/logo.png and b/logo.png differ\n"), nil)
	require.NoError(t, err)
	_, err = s.Score(ctx, &heuristics.Contribution{Diff: d})
	require.NoError(t, err)

	for _, tc := range []struct {
		cfg  workaround.Config
		want string
	}{
		{workaround.Config{Weights: map[string]float64{"workaround-nonsense": 0.5}}, `weights: unknown rule "workaround-nonsense"`},
		{workaround.Config{Weights: map[string]float64{"workaround-go-replace": 2}}, "weights: workaround-go-replace: 2 is not in [0, 1]"},
		{workaround.Config{LinkedFactor: 1.5}, "linked_factor 1.5 is not in [0, 1]"},
		{workaround.Config{HalfScore: -1}, "half_score -1 must be positive"},
		{workaround.Config{HalfScore: math.Inf(1)}, "half_score +Inf must be positive"},
		{workaround.Config{HalfScore: math.NaN()}, "half_score NaN must be positive"},
		{workaround.Config{MaxEvidence: -1}, "max_evidence -1 is negative"},
		{workaround.Config{MaxLineBytes: -1}, "max_line_bytes -1 is negative"},
		{workaround.Config{HeaderLines: -3}, "header_lines -3 is negative"},
	} {
		_, err := workaround.New(tc.cfg)
		require.ErrorIs(t, err, heuristics.ErrInvalidConfig, "%+v", tc.cfg)
		assert.ErrorContains(t, err, tc.want)
	}
}

func TestMaxEvidence(t *testing.T) {
	var b strings.Builder
	b.WriteString("import requests\n\n")
	for range 30 {
		b.WriteString("requests.Session.send = patched\n")
	}
	d := scorertest.GitDiff(t, nil, map[string]*string{"app/x.py": scorertest.Text(b.String())})
	res, err := newWorkaround(t, workaround.Config{MaxEvidence: 5}).Score(context.Background(), &heuristics.Contribution{Diff: d})
	require.NoError(t, err)
	assert.Len(t, res.Evidence, 5)
	assert.Equal(t, 30.0, res.Metrics["findings"])
	assert.Equal(t, 1.0, res.Metrics["dependencies"], "thirty patches of one dependency are one dependency")
}

func TestConformance(t *testing.T) {
	var cs []*heuristics.Contribution
	for _, tc := range workaroundCases[:12] {
		cs = append(cs, &heuristics.Contribution{Diff: scorertest.GitDiff(t, tc.base, tc.change), Body: tc.body})
	}
	cs = append(cs, &heuristics.Contribution{Diff: &diffstat.Diff{}})
	heuristicstest.Run(t, newWorkaround(t, workaround.Config{}), cs...)
}

// TestWorkaroundAgentPR scores the shared fixture: an agent's pull
// request that pins a fork of gorilla/mux in go.mod.
func TestAgentPR(t *testing.T) {
	raw, err := os.ReadFile("../../testdata/agent-pr.patch")
	if errors.Is(err, os.ErrNotExist) {
		t.Skip("testdata/agent-pr.patch is not in this checkout")
	}
	require.NoError(t, err)
	d, err := diffstat.Parse(bytes.NewReader(raw), nil)
	require.NoError(t, err)
	res, err := newWorkaround(t, workaround.Config{}).Score(context.Background(), &heuristics.Contribution{Diff: d, Body: string(raw)})
	require.NoError(t, err)
	require.NotEmpty(t, res.Evidence)
	assert.Equal(t, "workaround-go-replace", res.Evidence[0].Rule)
	assert.Contains(t, res.Evidence[0].Message, "github.com/gorilla/mux")
	assert.Contains(t, res.Advice, "a bug in github.com/gorilla/mux")
	assert.GreaterOrEqual(t, res.Score, 0.5)
}

// workaroundBenchDiff builds a diff of about size bytes: Go, Python,
// TypeScript and Ruby files with comments and imports, manifests, a
// vendored edit, and a workaround every few hundred lines, as a large
// pull request looks.
func workaroundBenchDiff(b *testing.B, size int) (*diffstat.Diff, int) {
	b.Helper()
	var buf bytes.Buffer
	header := func(path string, n int) {
		buf.WriteString("diff --git a/" + path + " b/" + path + "\nindex 1111111..2222222 100644\n--- a/" + path + "\n+++ b/" + path + "\n")
		buf.WriteString("@@ -1,3 +1," + itoa(n+3) + " @@\n")
	}
	bodies := []struct {
		path, ctx string
		line      func(i int) string
	}{
		{"internal/svc/handler%d.go", " package svc\n \n import \"github.com/gorilla/mux\"\n", func(i int) string {
			switch i % 50 {
			case 0:
				return "+\t// Work around a bug in mux: see https://github.com/gorilla/mux/issues/" + itoa(i) + "\n"
			case 1:
				return "+\tr := mux.NewRouter() // keep the router\n"
			}
			return "+\tvalue" + itoa(i) + " := compute(ctx, req.Header.Get(\"X-Id\"), " + itoa(i) + ")\n"
		}},
		{"app/views%d.py", " import requests\n from django.http import HttpResponse\n \n", func(i int) string {
			switch i % 80 {
			case 0:
				return "+requests.Session.send = _patched_send  # hack until upstream fixes retries\n"
			case 1:
				return "+    # TODO: tidy this up\n"
			}
			return "+    result_" + itoa(i) + " = session.get(url, params={\"page\": " + itoa(i) + "}).json()\n"
		}},
		{"web/src/page%d.ts", " import axios from 'axios';\n import { render } from './render';\n \n", func(i int) string {
			if i%100 == 0 {
				return "+Axios.prototype.request = function patched(config) { return config; };\n"
			}
			return "+  const item" + itoa(i) + " = await axios.get(`/api/items/${id}`, { timeout: " + itoa(i) + " });\n"
		}},
		{"lib/tasks%d.rb", " require \"faraday\"\n \n module Tasks\n", func(i int) string {
			return "+    conn.get(\"/items/" + itoa(i) + "\") { |req| req.options.timeout = 5 }\n"
		}},
	}
	for k := 0; buf.Len() < size; k++ {
		body := bodies[k%len(bodies)]
		path := strings.Replace(body.path, "%d", itoa(k), 1)
		const n = 400
		header(path, n)
		buf.WriteString(body.ctx)
		for i := range n {
			buf.WriteString(body.line(i))
		}
		if k%10 == 0 {
			buf.WriteString("diff --git a/go.mod b/go.mod\n--- a/go.mod\n+++ b/go.mod\n@@ -3,3 +3,5 @@ module example.org/gateway\n go 1.22\n \n require github.com/gorilla/mux v1.8.1\n" +
				"+\n+replace github.com/gorilla/mux => github.com/dana-okafor/mux v1.8.2-0.20241102093000-4f2a9c1e7b3d\n")
			buf.WriteString("diff --git a/vendor/github.com/lib/pq/conn.go b/vendor/github.com/lib/pq/conn.go\n--- a/vendor/github.com/lib/pq/conn.go\n+++ b/vendor/github.com/lib/pq/conn.go\n" +
				"@@ -1,2 +1,3 @@\n package pq\n+// patched by hand\n func x() {}\n")
		}
	}
	d, err := diffstat.Parse(bytes.NewReader(buf.Bytes()), &diffstat.Options{MaxBytes: int64(buf.Len()) + 1})
	if err != nil {
		b.Fatal(err)
	}
	return d, buf.Len()
}

func itoa(i int) string {
	if i == 0 {
		return "0"
	}
	var b [20]byte
	n := len(b)
	for ; i > 0; i /= 10 {
		n--
		b[n] = byte('0' + i%10)
	}
	return string(b[n:])
}

// BenchmarkWorkaroundDense scores a file that is nothing but findings and
// comments about them, 1 MB and 8 MB of it: merging comments into
// findings and links into both must stay linear too.
func BenchmarkDense(b *testing.B) {
	for _, size := range []struct {
		name  string
		bytes int
	}{{"1MB", 1 << 20}, {"8MB", 8 << 20}} {
		b.Run(size.name, func(b *testing.B) {
			var body strings.Builder
			lines := 0
			for body.Len() < size.bytes {
				body.WriteString("+# hack around an upstream bug, https://github.com/psf/requests/issues/1\n+requests.Session.send = patched_send\n")
				lines += 2
			}
			patch := "diff --git a/app/x.py b/app/x.py\n--- a/app/x.py\n+++ b/app/x.py\n@@ -1 +1," + itoa(lines+1) + " @@\n import requests\n" + body.String()
			d, err := diffstat.Parse(strings.NewReader(patch), &diffstat.Options{MaxBytes: int64(len(patch)) + 1})
			if err != nil {
				b.Fatal(err)
			}
			s := newWorkaround(b, workaround.Config{})
			c := &heuristics.Contribution{Diff: d}
			ctx := context.Background()
			b.SetBytes(int64(len(patch)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := s.Score(ctx, c); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkWorkaround scores 1 MB and 8 MB diffs: the cost per byte must
// stay the same (linear in the diff's size). It includes reading the
// hunks, which the scorer does once per file.
func BenchmarkWorkaround(b *testing.B) {
	for _, size := range []struct {
		name  string
		bytes int
	}{{"1MB", 1 << 20}, {"8MB", 8 << 20}} {
		b.Run(size.name, func(b *testing.B) {
			d, n := workaroundBenchDiff(b, size.bytes)
			s := newWorkaround(b, workaround.Config{})
			c := &heuristics.Contribution{Diff: d, Body: "Fixes the retry loop."}
			ctx := context.Background()
			res, err := s.Score(ctx, c)
			if err != nil || res.Score == 0 {
				b.Fatalf("score %v, err %v: the benchmark diff must raise findings", res.Score, err)
			}
			b.SetBytes(int64(n))
			b.ReportAllocs()
			cpu0 := lineartest.CPUTime()
			for b.Loop() {
				if _, err := s.Score(ctx, c); err != nil {
					b.Fatal(err)
				}
			}
			reportCPUThroughput(b, n, cpu0)
		})
	}
}

// reportCPUThroughput adds the metric cpu-MB/s: bytes scored per second of
// the process's CPU time (garbage collection included), which load from
// other processes on a shared machine does not change the way it changes
// wall time.
func reportCPUThroughput(b *testing.B, n int, cpu0 time.Duration) {
	cpu1 := lineartest.CPUTime()
	if cpu0 == 0 || cpu1 <= cpu0 {
		return
	}
	b.ReportMetric(float64(n)*float64(b.N)/1e6/(cpu1-cpu0).Seconds(), "cpu-MB/s")
}

// TestLinkedBelowUnlinked checks, for each kind of code workaround, that a
// linked upstream report lowers the score but never hides the finding:
// the linked change scores above 0, below the same change unlinked, keeps
// its evidence and upstream, and its metrics count it as linked.
func TestLinkedBelowUnlinked(t *testing.T) {
	s := newWorkaround(t, workaround.Config{})
	for _, tc := range []struct {
		name, path, base, comment, code, subject string
	}{
		{"c-runtime", "src/thread.c", "int n;\n", "/* Workaround for a bug in macOS pthread_cond_wait. */", "int retry = 1;", "os:macos"},
		{"python-runtime", "app/compat.py", "import sys\n", "# PyPy is broken here: __exit__ loses the exception.", "BROKEN = True", "runtime:pypy"},
		{"shell-runtime", "lib/term.zsh", "x=1\n", "# Konsole is broken with OSC 7 directory tracking: work around it.", "URL_HOST=\"\"", "tool:konsole"},
		{"gemfile-pin", "Gemfile", "source 'https://rubygems.org'\n", "# prism 0.26 is broken for heredocs; keep 0.25 until it is fixed.", "gem 'prism', '0.25.0'", "prism"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			score := func(link string) heuristics.Result {
				cm := tc.comment
				if link != "" {
					cm += "\n" + strings.Fields(tc.comment)[0] + " " + link
				}
				d := scorertest.GitDiff(t, map[string]*string{tc.path: scorertest.Text(tc.base)},
					map[string]*string{tc.path: scorertest.Text(tc.base + cm + "\n" + tc.code + "\n")})
				res, err := s.Score(context.Background(), &heuristics.Contribution{Diff: d})
				require.NoError(t, err)
				require.NoError(t, heuristics.CheckResult(res))
				return res
			}
			unlinked := score("")
			linked := score("https://github.com/upstream-org/upstream/issues/4165")
			assert.Positive(t, linked.Score, "a linked workaround is still a finding")
			assert.Less(t, linked.Score, unlinked.Score, "the link lowers the score")
			require.NotEmpty(t, linked.Evidence)
			assert.Equal(t, tc.subject, linked.Evidence[0].Subject)
			assert.Equal(t, tc.subject, unlinked.Evidence[0].Subject)
			assert.Equal(t, 1.0, linked.Metrics["linked_dependencies"])
			assert.Equal(t, 0.0, linked.Metrics["unlinked_dependencies"])
			assert.Equal(t, 1.0, unlinked.Metrics["unlinked_dependencies"])
			assert.Equal(t, 0.0, unlinked.Metrics["linked_dependencies"])
			assert.Positive(t, linked.Metrics["linked_findings"], "the linked finding is counted as linked")
			assert.Zero(t, unlinked.Metrics["linked_findings"])
			assert.Equal(t, unlinked.Metrics["findings"], unlinked.Metrics["unlinked_findings"])
			assert.NotContains(t, linked.Summary, "No workarounds")
		})
	}
}

// TestMessageShapes checks the shapes where the commit message says what
// the code does not: a pin in a script, renovate's names on their own
// lines, a CI-only change linking another repository's issue, a change
// to documentation only, and a Go package known only by its qualifier.
// A workaround only the message speaks of is located in the message: its
// line is a line of the title or the body.
func TestMessageShapes(t *testing.T) {
	s := newWorkaround(t, workaround.Config{Repository: "github.com/acme/tool"})
	runFindingCases(t, s, []findingCase{
		{
			name: "named-by-title", reason: "a title that names what it works around by a proper name no table knows",
			title:  "Work around Widgetron declaring its processor as a runtime dependency",
			base:   map[string]*string{"build/deps.kt": scorertest.Text("fun deps() {\n    test(Lib.WIDGETRON)\n}\n")},
			change: map[string]*string{"build/deps.kt": scorertest.Text("fun deps() {\n    test(Lib.WIDGETRON) { exclude(\"processor\") }\n}\n")},
			want:   []wf{{rule: "workaround-message", dep: "widgetron", line: 1}},
		},
		{
			name: "named-own-file", reason: "contrast: a proper name that is a file the change touches is the project's own",
			title:  "Work around KeyedThing being null after a reload",
			base:   map[string]*string{"src/KeyedThing.kt": scorertest.Text("class KeyedThing {\n  val key = load()\n}\n")},
			change: map[string]*string{"src/KeyedThing.kt": scorertest.Text("class KeyedThing {\n  val key = load() ?: \"\"\n}\n")},
		},
		{
			name: "named-tech-term", reason: "contrast: a generic technical word after work around names no third party",
			title:  "searcher: work around NUL bytes in the line terminator",
			base:   map[string]*string{"src/search.rs": scorertest.Text("fn term() -> u8 {\n    b'\\n'\n}\n")},
			change: map[string]*string{"src/search.rs": scorertest.Text("fn term() -> u8 {\n    if nul() { 0 } else { b'\\n' }\n}\n")},
		},
		{
			name: "glued-version", reason: "a toolchain named with its version glued on",
			title:  "Work around GCC13 leak diagnostic",
			base:   map[string]*string{"src/proc.c": scorertest.Text("Proc* proc_new(void) {\n   return &this->super;\n}\n")},
			change: map[string]*string{"src/proc.c": scorertest.Text("Proc* proc_new(void) {\n   return (Proc*)this;\n}\n")},
			want:   []wf{{rule: "workaround-message", dep: "toolchain:gcc", line: 1}},
		},
		{
			name: "title-blames", reason: "a title that blames a dependency in the words of a bug",
			title:  "markdown support in rendrlib is broken under 2.0",
			base:   map[string]*string{"Gemfile": scorertest.Text("source 'https://rubygems.org'\ngem 'mdlib'\n")},
			change: map[string]*string{"Gemfile": scorertest.Text("source 'https://rubygems.org'\nplatforms(:ruby_18) { gem 'mdlib' }\n")},
			want:   []wf{{rule: "workaround-message", dep: "rendrlib", line: 1}},
		},
		{
			name: "title-verb", reason: "contrast: \"Add regression test\" blames no one",
			title:  "Add regression test for the config loader",
			base:   map[string]*string{"tests/test_config.py": scorertest.Text("def test_load():\n    pass\n")},
			change: map[string]*string{"tests/test_config.py": scorertest.Text("def test_load():\n    pass\n\ndef test_empty():\n    pass\n")},
		},
		{
			name: "trailer-names", reason: "contrast: a tool with a version in a Co-authored-by trailer is not what a workaround is for",
			title: "Tidy the loader as a workaround for flaky input", body: "Co-authored-by: Helper Bot 4 <bot@example.com>",
			base:   map[string]*string{"src/load.py": scorertest.Text("def load(p):\n    return open(p).read()\n")},
			change: map[string]*string{"src/load.py": scorertest.Text("def load(p):\n    return open(p).read().strip()\n")},
		},
		{
			name: "revert-removal", reason: "a revert of a removal puts the workaround back",
			title: "Revert \"Gizmo fixes were sent upstream\"", body: "We need to wait for a new gizmo release.",
			base:   map[string]*string{"lib/gen.rb": scorertest.Text("class Gen\nend\n")},
			change: map[string]*string{"lib/gen.rb": scorertest.Text("class Gen\n  class_option :builder\nend\n")},
			want:   []wf{{rule: "workaround-message", dep: "gizmo", line: 1}},
		},
		{
			name: "pin-environment", reason: "contrast: a pin that names only the environment it is for gives no reason",
			title:  "ci: pin all shell versions for Ubuntu test environment",
			base:   map[string]*string{".github/workflows/t.yml": scorertest.Text("env:\n  A: 1\n")},
			change: map[string]*string{".github/workflows/t.yml": scorertest.Text("env:\n  A: 1\n  FISH_VERSION: 3.6.1\n")},
		},
		{
			name: "pin-old-build", reason: "a CI pin to an old build of a tool, the title saying old",
			title:  "Pin CI to old emulator build",
			base:   map[string]*string{".github/workflows/ci.yml": scorertest.Text("steps:\n  - with:\n      api-level: 30\n")},
			change: map[string]*string{".github/workflows/ci.yml": scorertest.Text("steps:\n  - with:\n      api-level: 30\n      emulator-build: 9475343\n")},
			want:   []wf{{rule: "workaround-message", dep: "emulator", line: 4}},
		},
		{
			name: "maven-link", reason: "a build file's line whose own XML comment is only another project's issue link",
			title:  "Update the checker",
			base:   map[string]*string{"pom.xml": scorertest.Text("<args>\n  <arg>-Xplugin:Checker</arg>\n</args>\n")},
			change: map[string]*string{"pom.xml": scorertest.Text("<args>\n  <arg>-Xplugin:Checker</arg>\n  <arg>-Xep:HidingField:OFF</arg> <!-- https://github.com/checker/checker/issues/3895 -->\n</args>\n")},
			want:   []wf{{rule: "workaround-runtime", dep: "repo:checker/checker", linked: true, line: 3}},
		},
		{
			name: "make-version", reason: "a Makefile comment naming the tool with a version",
			title:  "Fix detection on newer make",
			base:   map[string]*string{"src/Makefile": scorertest.Text("all:\n\techo ok\n")},
			change: map[string]*string{"src/Makefile": scorertest.Text("# HASH_CHAR is a workaround to support both GNU Make 4.3 and older versions.\nHASH_CHAR := \\#\nall:\n\techo ok\n")},
			want:   []wf{{rule: "workaround-runtime", dep: "tool:make", line: 1}},
		},
		{
			name: "script-pin", reason: "a pin in a script without extension, the title giving the reason",
			title:  "Pin jspm below 2: version 2 breaks the install tests",
			base:   map[string]*string{"scripts/setup": scorertest.Text("#!/bin/sh\nset -e\n")},
			change: map[string]*string{"scripts/setup": scorertest.Text("#!/bin/sh\nset -e\nsudo \"$npm_path\" install -g jspm@'<2'\n")},
			want:   []wf{{rule: "workaround-message", dep: "jspm", line: 3}},
		},
		{
			name: "renovate-names-below", reason: "renovate's matchPackageNames with the name on the next line",
			title: "Pin androidx activity for minSdk reasons",
			base:  map[string]*string{".github/renovate.json": scorertest.Text("{\n  \"packageRules\": [\n  ]\n}\n")},
			change: map[string]*string{".github/renovate.json": scorertest.Text("{\n  \"packageRules\": [\n    {\n      \"matchPackageNames\": [\n" +
				"        \"androidx.activity:activity-ktx\"\n      ],\n      \"allowedVersions\": \"<=1.11.0\"\n    }\n  ]\n}\n")},
			want: []wf{{rule: "workaround-message", dep: "androidx.activity:activity-ktx", line: 5}},
		},
		{
			name: "ci-foreign-link", reason: "a CI-only change whose message links a runner image's issue",
			title: "CI: install perl by hand on the new runner images", body: "Refs: https://github.com/actions/runner-images/issues/14562",
			base:   map[string]*string{".github/workflows/ci.yml": scorertest.Text("jobs:\n  build:\n    steps:\n      - run: make\n")},
			change: map[string]*string{".github/workflows/ci.yml": scorertest.Text("jobs:\n  build:\n    steps:\n      - run: pacman -S perl\n      - run: make\n")},
			want:   []wf{{rule: "workaround-message", dep: "repo:actions/runner-images", linked: true, line: 1}},
		},
		{
			name: "ci-own-link", reason: "contrast: a CI-only change linking the project's own issue",
			title: "CI: build on the new runner images", body: "Refs: https://github.com/acme/tool/issues/12",
			base:   map[string]*string{".github/workflows/ci.yml": scorertest.Text("jobs:\n  build:\n    steps:\n      - run: make\n")},
			change: map[string]*string{".github/workflows/ci.yml": scorertest.Text("jobs:\n  build:\n    steps:\n      - run: make all\n")},
		},
		{
			name: "docs-only", reason: "a change to documentation only, the message naming a bug in another project",
			title: "Redirect the old page by hand due to a bug in jekyll-redirect-from", body: "https://github.com/jekyll/jekyll-redirect-from/pull/96",
			base:   map[string]*string{"docs/conduct.md": scorertest.Text("# Code of conduct\n")},
			change: map[string]*string{"docs/conduct.md": scorertest.Text("---\nredirect_from: /conduct/index.html\n---\n# Code of conduct\n")},
			want:   []wf{{rule: "workaround-message", dep: "repo:jekyll/jekyll-redirect-from", linked: true, line: 1}},
		},
		{
			name: "ci-downloaded-patch", reason: "a CI step that downloads a dependency's commit as a patch and applies it",
			title: "CI: update wolfssl to 5.9.2",
			base:  map[string]*string{".github/workflows/tls.yml": scorertest.Text("steps:\n  - run: |\n      ./configure\n")},
			change: map[string]*string{".github/workflows/tls.yml": scorertest.Text("steps:\n  - run: |\n" +
				"      curl -fsS https://github.com/wolfSSL/wolfssl/commit/7dd269fc.diff -o fix.patch\n      patch -p1 -i fix.patch\n      ./configure\n")},
			want: []wf{{rule: "workaround-patch-file", dep: "repo:wolfssl/wolfssl", line: 4}},
		},
		{
			name: "ci-own-patch", reason: "contrast: a CI step applying a patch from the project's own repository",
			title: "CI: apply the release patch",
			base:  map[string]*string{".github/workflows/rel.yml": scorertest.Text("steps:\n  - run: make\n")},
			change: map[string]*string{".github/workflows/rel.yml": scorertest.Text("steps:\n" +
				"  - run: curl -fsS https://github.com/acme/tool/commit/abc123.diff | git apply\n  - run: make\n")},
		},
		{
			name: "ci-clone-pin", reason: "a CI clone pinned to a tag, the message giving the reason",
			title: "Fix CI by pinning bats to its latest release", body: "bats from its default branch is broken between releases.",
			base:   map[string]*string{"Makefile": scorertest.Text("test:\n\tgit clone --depth 1 https://github.com/bats-core/bats-core.git bats\n")},
			change: map[string]*string{"Makefile": scorertest.Text("test:\n\tgit clone --depth 1 --branch v1.2.0 https://github.com/bats-core/bats-core.git bats\n")},
			want:   []wf{{rule: "workaround-message", dep: "repo:bats-core/bats-core", line: 2}},
		},
		{
			name: "nightly-pin", reason: "a dated Rust nightly pinned in CI, the message giving the reason",
			title: "Pin the nightly compiler on CI", body: "Builds keep breaking on arbitrary nightlies.",
			base:   map[string]*string{".travis.yml": scorertest.Text("rust:\n  - nightly\n")},
			change: map[string]*string{".travis.yml": scorertest.Text("rust:\n  - nightly-2016-07-11\n")},
			want:   []wf{{rule: "workaround-message", dep: "toolchain:rust", line: 2}},
		},
		{
			name: "pin-moved", reason: "contrast: moving a pin to a newer nightly is a bump",
			title:  "Update the nightly pin on CI",
			base:   map[string]*string{".travis.yml": scorertest.Text("rust:\n  - nightly-2016-11-06\n")},
			change: map[string]*string{".travis.yml": scorertest.Text("rust:\n  - nightly-2016-12-05\n")},
		},
		{
			name: "sha-pin-policy", reason: "contrast: pinning an action to a commit SHA for code scanning is policy",
			title:  "Pin gradle/actions/wrapper-validation to a commit SHA to satisfy code scanning",
			base:   map[string]*string{".github/workflows/ci.yml": scorertest.Text("steps:\n  - uses: gradle/actions/wrapper-validation@v4\n")},
			change: map[string]*string{".github/workflows/ci.yml": scorertest.Text("steps:\n  - uses: gradle/actions/wrapper-validation@48b5f213c81028ace310571dc5ec0fbbca0b2947 # v4\n")},
		},
		{
			name: "hash-pinned-requirements", reason: "contrast: a requirements file pinned to hashes for reproducible docs builds",
			title:  "Pin the documentation's dependencies",
			change: map[string]*string{"support/doc-requirements.txt": scorertest.Text("# Pinned, hash-verified dependencies for building the docs.\n# Regenerate with pip-compile.\nbabel==2.17.0 \\\n    --hash=sha256:0c54cffb\n")},
		},
		{
			name: "runtime-tracker-link", reason: "a rescue whose message names the runtime's own tracker (not a forge)",
			title: "Purge the interrupt queue when closing a socket fails",
			body:  "This workaround for https://bugs.ruby-lang.org/issues/13632 was applied where IOError is rescued.",
			base:  map[string]*string{"lib/tool/server.rb": scorertest.Text("module Tool\n  def close(io)\n    io.close rescue nil\n  end\nend\n")},
			change: map[string]*string{"lib/tool/server.rb": scorertest.Text("module Tool\n  def close(io)\n    begin\n      io.close\n    rescue IOError\n" +
				"      Thread.current.purge_interrupt_queue\n    end\n  end\nend\n")},
			want: []wf{{rule: "workaround-message", dep: "runtime:ruby", linked: true, line: 1}},
		},
		{
			name: "own-fork-left", reason: "contrast: a flake input back from the project's own organisation's fork to the original",
			title:  "deps: all patches are upstream",
			base:   map[string]*string{"devenv.yaml": scorertest.Text("inputs:\n  term:\n    url: github:acme/termlib?ref=acme-patches\n")},
			change: map[string]*string{"devenv.yaml": scorertest.Text("inputs:\n  term:\n    url: github:termlib-org/termlib\n")},
		},
		{
			name: "platform-branch-message", reason: "a message that says work around and names nothing, on a change that branches on the Android SDK level",
			title: "Work around the warning that a drawable has unresolved theme attributes",
			base:  map[string]*string{"lib/src/main/java/img/Loader.java": scorertest.Text("class Loader {\n  Drawable get(int id) {\n    return res.getDrawable(id);\n  }\n}\n")},
			change: map[string]*string{"lib/src/main/java/img/Loader.java": scorertest.Text("class Loader {\n  Drawable get(int id) {\n" +
				"    if (Build.VERSION.SDK_INT >= 21) {\n      return context.getDrawable(id);\n    }\n    return res.getDrawable(id);\n  }\n}\n")},
			want: []wf{{rule: "workaround-message", dep: "os:android", line: 3}},
		},
		{
			name: "go-qualifier-not-parameter", reason: "a Go package known by its qualifier, not the parameter named like a word of the message",
			title: "Work around cobra showing help for a mistyped command",
			base:  map[string]*string{"cmd/root.go": scorertest.Text("package cmd\n\nfunc help() {}\n")},
			change: map[string]*string{"cmd/root.go": scorertest.Text("package cmd\n\nfunc help(command *cobra.Command, args []string) {\n" +
				"\tif command.Parent() != nil {\n\t\treturn\n\t}\n}\n")},
			want: []wf{{rule: "workaround-message", dep: "cobra", line: 1}},
		},
	})
}

// findingCase is a change made up in the shape of a real one, with the
// findings it must give; none for a contrast.
type findingCase struct {
	name, reason, title, body string
	base, change              map[string]*string
	want                      []wf
}

// runFindingCases checks each case's findings, and that its result keeps
// the contract: every finding names its upstream, and a finding is
// never hidden (the score is above 0).
func runFindingCases(t *testing.T, s *workaround.Scorer, cases []findingCase) {
	t.Helper()
	for _, tc := range cases {
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
			for _, e := range res.Evidence {
				assert.NotEmpty(t, e.Subject, "every finding names its upstream")
				if e.Rule == "workaround-copied-code" && !subjectRE.MatchString(e.Subject) {
					assert.Regexp(t, holderSubjectRE, e.Subject, "a holder's Subject never carries an e-mail address")
				}
			}
			if len(tc.want) > 0 {
				assert.Positive(t, res.Score, "a finding is never hidden")
			}
		})
	}
}

// subjectRE is the documented Subject scheme (doc.go, "Subjects").
var subjectRE = regexp.MustCompile(`^(?:path:[^\s/]+|(?:runtime|toolchain|os|lib|browser|platform|tool):[a-z0-9.+_-]+|repo:[\w.-]+/[\w.-]+(?:/[\w.-]+)?|url:\S+|@?[\w.+-]+(?:[/:][\w.~+-]+)*|The [\w ]+)$`)

// holderSubjectRE is the Subject of a copyright holder or project an
// added file's header names, as written but never with an e-mail
// address: "The Kubernetes Authors", "Widget Works, Inc", "Jane Q. Doe",
// "colorkit.example.net".
var holderSubjectRE = regexp.MustCompile(`^[\p{L}\d][^\s<>@()]*(?: [^\s<>@()]+)*$`)

// TestSubjectScheme checks that every finding of the table tests names
// its upstream in the documented form: a repository known by a link is
// repo:OWNER/NAME, and a host/owner/name path is a Go module path only
// where Go code or go.mod or vendor/ names it.
func TestSubjectScheme(t *testing.T) {
	s := newWorkaround(t, workaround.Config{})
	for _, tc := range workaroundCases {
		if len(tc.want) == 0 {
			continue
		}
		t.Run(tc.name, func(t *testing.T) {
			d := scorertest.GitDiff(t, tc.base, tc.change)
			res, err := s.Score(context.Background(), &heuristics.Contribution{Diff: d, Body: tc.body})
			require.NoError(t, err)
			for _, e := range res.Evidence {
				if e.Rule == "workaround-copied-code" && holderSubjectRE.MatchString(e.Subject) {
					continue
				}
				assert.Regexp(t, subjectRE, e.Subject, "%s at %s:%d", e.Rule, e.Path, e.Line)
				if strings.HasPrefix(e.Subject, "github.com/") {
					goSide := strings.HasSuffix(e.Path, ".go") || strings.HasSuffix(e.Path, "go.mod") || strings.Contains(e.Path, "vendor/") || strings.HasSuffix(e.Path, ".patch")
					assert.True(t, goSide, "%s: %q is a module path outside Go code", e.Rule, e.Subject)
				}
			}
		})
	}
}

// TestSubmodulePatch checks that a patch for a git submodule names the
// submodule's repository when Config.Submodules gives its URL, and its
// path when it does not.
func TestSubmodulePatch(t *testing.T) {
	patch := "Submodule assets/grammars/core contains modified content\n" +
		"diff --git grammars/core/Lang.syntax grammars/core/Lang.syntax\n--- grammars/core/Lang.syntax\n+++ grammars/core/Lang.syntax\n" +
		"@@ -1 +1 @@\n-first_line: node\n+first_line: node|bun\n"
	inner := "diff --git grammars/core/Lang.syntax grammars/core/Lang.syntax\n--- grammars/core/Lang.syntax\n+++ grammars/core/Lang.syntax\n" +
		"@@ -1 +1 @@\n-first_line: node\n+first_line: node|bun\n"
	subs := map[string]string{"assets/grammars/core": "https://github.com/grammarhub/Core/", "assets/themes/dark": "https://github.com/x/dark"}
	for _, tc := range []struct {
		name, text string
		subs       map[string]string
		want       string
	}{
		{"known", patch, subs, "repo:grammarhub/core"},
		{"path-only", patch, nil, "submodule:assets/grammars/core"},
		{"header-under-submodule", inner, subs, "repo:grammarhub/core"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := newWorkaround(t, workaround.Config{Submodules: tc.subs})
			d := scorertest.GitDiff(t, map[string]*string{"README.md": scorertest.Text("x\n")},
				map[string]*string{"README.md": scorertest.Text("x\n"), "assets/patches/Lang.syntax.patch": scorertest.Text(tc.text)})
			findings, err := s.Findings(context.Background(), &heuristics.Contribution{Diff: d, Title: "Support bun in shebangs"})
			require.NoError(t, err)
			require.Len(t, findings, 1)
			assert.Equal(t, "workaround-patch-file", findings[0].Rule)
			assert.Equal(t, tc.want, findings[0].Dependency)
		})
	}
}

// TestProseNamesSubject checks that the summary, the advice and the
// evidence's message name a runtime as a contributor would, while
// Evidence.Subject keeps its stable form for programs.
func TestProseNamesSubject(t *testing.T) {
	s := newWorkaround(t, workaround.Config{})
	base := "import sys\n\n\ndef run():\n    return 1\n"
	d := scorertest.GitDiff(t, map[string]*string{"app/run.py": scorertest.Text(base)},
		map[string]*string{"app/run.py": scorertest.Text("import sys\n\n\ndef run():\n" +
			"    # Work around a bug in CPython 3.12 where the frame is freed too early.\n" +
			"    if sys.version_info >= (3, 12):\n        return 2\n    return 1\n")})
	res, err := s.Score(context.Background(), &heuristics.Contribution{Diff: d})
	require.NoError(t, err)
	require.NotEmpty(t, res.Evidence)
	assert.Equal(t, "runtime:cpython", res.Evidence[0].Subject)
	assert.Equal(t, "1 workaround for CPython; no upstream issue or pull request linked.", res.Summary)
	assert.Contains(t, res.Advice, "if it works around a bug in CPython, please link the upstream issue")
	assert.Equal(t, "Adds a workaround for CPython; no upstream issue or pull request linked.", res.Evidence[0].Message)
	for _, text := range []string{res.Summary, res.Advice, res.Evidence[0].Message} {
		assert.NotContains(t, text, "runtime:")
	}
}

// TestCopiedCodeAdvice: a file copied in under another holder's notice
// is asked to keep the notice and to report a bug to the project it
// comes from, never "if it works around a bug in Jane Doe".
func TestCopiedCodeAdvice(t *testing.T) {
	s := newWorkaround(t, workaround.Config{})
	d := scorertest.GitDiff(t,
		map[string]*string{"NOTICE": scorertest.Text("// Copyright 2024 The Heft Authors\n// SPDX-License-Identifier: MIT\n")},
		map[string]*string{
			"NOTICE":      scorertest.Text("// Copyright 2024 The Heft Authors\n// SPDX-License-Identifier: MIT\n// See AUTHORS.\n"),
			"lib/ring.go": scorertest.Text("// Copyright 2019 Jane Doe <jane@example.org>\n\npackage lib\n\ntype Ring struct{ buf []byte }\n"),
		})
	res, err := s.Score(context.Background(), &heuristics.Contribution{Diff: d})
	require.NoError(t, err)
	require.Equal(t, []string{"workaround-copied-code"}, scorertest.Rules(res))
	assert.Equal(t, "This adds a file whose header names Jane Doe; please keep its licence notice, and if it works around a bug in the project it comes from, link the upstream issue (or open one) so the fix can reach everyone.", res.Advice)
	assert.NotContains(t, res.Advice, "bug in Jane Doe")
}
