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

// patchOf is a patch file of one hunk to target, after header lines.
func patchOf(header, target string) *string {
	return scorertest.Text(header + "--- a/" + target + "\n+++ b/" + target + "\n@@ -1 +1 @@\n-old\n+new\n")
}

// TestPatchSubjects checks that a patch no manifest or vendored path
// names still names its upstream, as a class: by its file name, by the
// runtime's own source tree it patches, by its folder under patches/, by
// the file it is named after, by the repository its header links, and
// else by the patched path's top directory (doc.go, "Subjects").
func TestPatchSubjects(t *testing.T) {
	cases := []struct {
		name, reason string
		title        string
		base, change map[string]*string
		want         string
	}{
		{
			name: "name-runtime", reason: "a patch named after the runtime it patches: go-NNNN.patch",
			change: map[string]*string{"docker/go-61234.patch": patchOf("", "src/net/dnsclient.go")},
			want:   "toolchain:go",
		},
		{
			name: "name-library", reason: "a patch whose name starts with a system library's name",
			change: map[string]*string{"build/openssl-no-asm.patch": patchOf("", "Configure")},
			want:   "lib:openssl",
		},
		{
			name: "go-source-tree", reason: "a patch of Go's own src/PKG/*.go under a neutral name",
			change: map[string]*string{"ci/fix-route.patch": patchOf("", "src/syscall/route_bsd.go")},
			want:   "toolchain:go",
		},
		{
			name: "cpython-source-tree", reason: "a patch of CPython's Lib/ or Modules/",
			change: map[string]*string{"ci/ssl-timeout.patch": patchOf("", "Modules/_ssl.c")},
			want:   "runtime:cpython",
		},
		{
			name: "patches-folder", reason: "patches/NAME/fix.patch names NAME",
			change: map[string]*string{"contrib/patches/libwidget/overflow.patch": patchOf("", "src/widget.c")},
			want:   "libwidget",
		},
		{
			name: "named-after-file", reason: "a patch named after the module it patches",
			change: map[string]*string{"app/extlib/FormParser.patch": patchOf("", "app/extlib/FormParser.py")},
			want:   "formparser",
		},
		{
			name: "named-after-data-file", reason: "a patch named after a data file of a package kept elsewhere",
			change: map[string]*string{"assets/patches/Shell.grammar.patch": patchOf("", "Shell/Shell.grammar")},
			want:   "shell",
		},
		{
			name: "header-link", reason: "a patch whose header links the repository it was sent to",
			change: map[string]*string{"build/fix.patch": patchOf("Description: fix the parser\nForwarded: https://github.com/acme/parser/pull/7\n---\n", "lib/parse.c")},
			want:   "repo:acme/parser",
		},
		{
			name: "fallback-target", reason: "nothing names it: the patched path's top directory",
			change: map[string]*string{"tools/local.patch": patchOf("", "engine/core/loop.c")},
			want:   "path:engine",
		},
		{
			name: "fallback-no-target", reason: "no target in view: the folder the patch lives in",
			change: map[string]*string{"tools/extra/tweak.patch": scorertest.Text("Description: make it quieter\n")},
			want:   "path:tools",
		},
		{
			name: "downloaded-from-site", reason: "a build step applying a patch downloaded from a site that is not a forge",
			base: map[string]*string{".github/workflows/ci.yml": scorertest.Text("steps:\n  - run: |\n      ./configure\n")},
			change: map[string]*string{".github/workflows/ci.yml": scorertest.Text("steps:\n  - run: |\n" +
				"      curl -fsS https://sourceware.example.org/patches/fix-gdb.diff -o fix.patch\n      patch -p1 -i fix.patch\n      ./configure\n")},
			want: "url:sourceware.example.org",
		},
		{
			name: "comment-upstream-only", reason: "a comment that names only \"upstream\": where it is",
			base:   map[string]*string{"server/handler.py": scorertest.Text("def handle(req):\n    return req.body\n")},
			change: map[string]*string{"server/handler.py": scorertest.Text("def handle(req):\n    # work around an upstream bug: the body can be None here\n    return req.body or b''\n")},
			want:   "path:server",
		},
	}
	s := newWorkaround(t, workaround.Config{Repository: "github.com/example/project"})
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			d := scorertest.GitDiff(t, tc.base, tc.change)
			res, err := s.Score(context.Background(), &heuristics.Contribution{Title: tc.title, Diff: d})
			require.NoError(t, err)
			require.NotEmpty(t, res.Evidence, tc.reason)
			var got []string
			for _, e := range res.Evidence {
				got = append(got, e.Subject)
				assert.NotEqual(t, "unknown", e.Subject)
				assert.Regexp(t, subjectRE, e.Subject)
			}
			assert.Contains(t, got, tc.want, tc.reason)
		})
	}
}
