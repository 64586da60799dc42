package workaround

import "strings"

// subjectName is how prose names a subject: a kind-prefixed subject by
// the name after its prefix, spelled as its makers spell it where
// properNames knows it ("runtime:cpython" is "CPython", "toolchain:go"
// "the Go toolchain", "os:libc" "the C library"), else as it is
// ("tool:sshfs" is "sshfs"); a repository by OWNER/NAME, a submodule as
// "the PATH submodule", a web page by HOST/PATH. A module path or package
// name, which has no prefix, is named as it is. Evidence.Subject keeps
// the stable form; this is for the sentences a contributor reads.
func subjectName(s string) string {
	kind, name, ok := strings.Cut(s, ":")
	if !ok || name == "" || strings.ContainsAny(kind, "/.@") {
		return s // a package ("requests"), a module path, a Maven group:artifact ("org.slf4j:slf4j-api")
	}
	switch kind {
	case "runtime", "toolchain", "os", "lib", "browser", "platform", "tool":
		if p, ok := properNames[kind+":"+name]; ok {
			return p
		}
		if kind == "toolchain" {
			return "the " + name + " toolchain"
		}
		return name
	case "repo", "url":
		return name
	case "submodule":
		return "the " + name + " submodule"
	case "path":
		if name == "." {
			return "the project's top directory"
		}
		return "the code under " + name
	}
	return s
}

// properNames spells the subjects whose name differs from the lower-case
// stable form, or reads better with an article.
var properNames = map[string]string{
	"runtime:cpython": "CPython", "runtime:pypy": "PyPy", "runtime:node": "Node.js", "runtime:jvm": "the JVM",
	"runtime:ruby": "Ruby", "runtime:deno": "Deno", "runtime:bun": "Bun", "runtime:jruby": "JRuby",
	"runtime:truffleruby": "TruffleRuby", "runtime:graalpy": "GraalPy", "runtime:ironpython": "IronPython",
	"runtime:jython": "Jython", "runtime:luajit": "LuaJIT", "runtime:micropython": "MicroPython",
	"runtime:rubinius": "Rubinius", "runtime:go": "the Go runtime", "runtime:bash": "Bash",

	"toolchain:go": "the Go toolchain", "toolchain:rust": "the Rust toolchain", "toolchain:gcc": "GCC",
	"toolchain:clang": "Clang", "toolchain:msvc": "MSVC", "toolchain:graalvm": "GraalVM",
	"toolchain:kotlin": "the Kotlin compiler", "toolchain:scala": "the Scala compiler",
	"toolchain:swift": "the Swift compiler", "toolchain:typescript": "the TypeScript compiler",
	"toolchain:c++": "the C++ compiler", "toolchain:cc": "the C compiler", "toolchain:csharp": "the C# compiler",
	"toolchain:cuda": "the CUDA toolchain", "toolchain:emscripten": "Emscripten", "toolchain:mingw": "MinGW",
	"toolchain:xcode": "Xcode", "toolchain:zig": "the Zig compiler", "toolchain:javac": "javac",
	"toolchain:wasm-pack": "wasm-pack",

	"os:macos": "macOS", "os:ios": "iOS", "os:windows": "Windows", "os:linux": "Linux", "os:android": "Android",
	"os:libc": "the C library", "os:alpine": "Alpine Linux", "os:bsd": "BSD", "os:cygwin": "Cygwin",
	"os:debian": "Debian", "os:fedora": "Fedora", "os:msys2": "MSYS2", "os:solaris": "Solaris",
	"os:ubuntu": "Ubuntu", "os:wine": "Wine",

	"lib:boringssl": "BoringSSL", "lib:bouncycastle": "Bouncy Castle", "lib:conscrypt": "Conscrypt",
	"lib:cuda": "CUDA", "lib:dbus": "D-Bus", "lib:directx": "DirectX", "lib:glib": "GLib", "lib:gnutls": "GnuTLS",
	"lib:gtk": "GTK", "lib:icu": "ICU", "lib:libressl": "LibreSSL", "lib:mesa": "Mesa", "lib:opengl": "OpenGL",
	"lib:openssl": "OpenSSL", "lib:pcre": "PCRE", "lib:qt": "Qt", "lib:sqlite": "SQLite", "lib:vte": "VTE",
	"lib:vulkan": "Vulkan", "lib:wayland": "Wayland", "lib:wolfssl": "wolfSSL", "lib:x11": "X11",

	"browser:chrome": "Chrome", "browser:firefox": "Firefox", "browser:ie": "Internet Explorer",
	"browser:safari": "Safari",

	"platform:appengine": "App Engine", "platform:appveyor": "AppVeyor", "platform:intel": "Intel",
	"platform:nvidia": "NVIDIA", "platform:travis-ci": "Travis CI",

	"tool:cmake": "CMake", "tool:homebrew": "Homebrew", "tool:iterm2": "iTerm2", "tool:konsole": "Konsole",
	"tool:gradle": "Gradle", "tool:conda": "conda",
}
