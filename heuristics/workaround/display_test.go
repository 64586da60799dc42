package workaround

import "testing"

func TestSubjectName(t *testing.T) {
	for _, tc := range []struct{ subject, want string }{
		{"runtime:cpython", "CPython"},
		{"runtime:truffleruby", "TruffleRuby"},
		{"runtime:hermes", "hermes"}, // no proper spelling known: the name as it is
		{"toolchain:go", "the Go toolchain"},
		{"toolchain:tinygo", "the tinygo toolchain"},
		{"os:libc", "the C library"},
		{"os:haiku", "haiku"},
		{"lib:openssl", "OpenSSL"},
		{"tool:sshfs", "sshfs"},
		{"browser:ie", "Internet Explorer"},
		{"repo:upstream-org/widgets", "upstream-org/widgets"},
		{"repo:gitlab.com/group/widgets", "gitlab.com/group/widgets"},
		{"url:gist.github.com/someone/0123abcd", "gist.github.com/someone/0123abcd"},
		{"submodule:third_party/zstd", "the third_party/zstd submodule"},
		{"path:engine", "the code under engine"},
		{"path:.", "the project's top directory"},
		// No prefix, or a colon that is not one.
		{"requests", "requests"},
		{"github.com/gorilla/mux", "github.com/gorilla/mux"},
		{"@babel/core", "@babel/core"},
		{"org.slf4j:slf4j-api", "org.slf4j:slf4j-api"},
		{"runtime:", "runtime:"},
		{"kind:thing", "kind:thing"},
		{"", ""},
	} {
		if got := subjectName(tc.subject); got != tc.want {
			t.Errorf("subjectName(%q) = %q, want %q", tc.subject, got, tc.want)
		}
	}
}

// TestProperNamesKnown keeps properNames to subjects the package can
// emit: a key whose prefix is not a kind subjectName spells would never
// be read.
func TestProperNamesKnown(t *testing.T) {
	for k := range properNames {
		if got := subjectName(k); got != properNames[k] {
			t.Errorf("properNames[%q] = %q is not what subjectName gives: %q", k, properNames[k], got)
		}
	}
}
