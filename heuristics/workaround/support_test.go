package workaround_test

import (
	"testing"

	"github.com/heft-dev/heft/heuristics/workaround"
)

// TestSupportShapes covers "X doesn't support Y": a statement that
// blames X, next to code that works around it, names X; a condition
// the code tests ("if X doesn't support Y", feature detection) and the
// project speaking of itself ("this build of ripscan doesn't support
// PCRE2", "we don't support ...") blame no one. Every input is made up.
func TestSupportShapes(t *testing.T) {
	s := newWorkaround(t, workaround.Config{Repository: "github.com/acme/ripscan"})
	const rs = "crates/core/main.rs"
	fn := func(comment string) string {
		return "fn special(mode: Mode) -> Result<Code> {\n    match mode {\n" + comment +
			"        Mode::Engine => return engine_version(),\n    }\n}\n"
	}
	before := fn("")
	runFindingCases(t, s, []findingCase{
		changeOne("own-build-support", "contrast: what this build of the project itself lacks, said as the condition the code handles",
			"Move the special modes to main", "", rs, before,
			fn("        // --engine-version is special: it exits with an error\n        // code if this build of ripscan doesn't support PCRE2.\n"),
		),
		changeOne("own-name-support", "contrast: the project by its own name says what it does not support",
			"Say which engines are built in", "", rs, before,
			fn("        // ripscan doesn't support PCRE2 on every target.\n"),
		),
		changeOne("we-dont-support", "contrast: the project, as we, says what it does not support",
			"Drop the old TLS path", "", "src/tls.c", "int tls_init(void)\n{\n\treturn 0;\n}\n",
			"int tls_init(void)\n{\n\t/* We do not support OpenSSL before 1.1 any more. */\n\treturn 0;\n}\n"),
		changeOne("condition-support", "contrast: a fallback when a platform lacks a feature, feature detection",
			"Copy files when cloning is unavailable", "", "src/copy.c", "int copy(int a, int b)\n{\n\treturn clone_file(a, b);\n}\n",
			"int copy(int a, int b)\n{\n\t/* Fall back to a plain copy when the filesystem on macOS doesn't support clonefile. */\n"+
				"\tif (clone_file(a, b) != 0)\n\t\treturn plain_copy(a, b);\n\treturn 0;\n}\n"),
		changeOne("statement-support", "a statement that a third party lacks support, above the code that avoids it, still names it",
			"Avoid the new cipher with older OpenSSL", "", "src/tls.c", "int tls_init(void)\n{\n\treturn 0;\n}\n",
			"int tls_init(void)\n{\n\t/* OpenSSL 1.1 doesn't support this cipher, so leave it out. */\n\tdisable_cipher();\n\treturn 0;\n}\n",
			wf{rule: "workaround-runtime", dep: "lib:openssl", line: 3}),
		changeOne("platform-branch-statement", "a platform branch whose comment says the platform cannot support something",
			"Plain output on old consoles", "", "src/color.c", colorC(""),
			colorC("\t/* The old console can't support colour. */\n"),
			wf{rule: "workaround-runtime", dep: "os:windows", line: 3}),
		changeOne("platform-branch-condition", "contrast: a platform branch whose comment states the condition it tests",
			"Plain output on old consoles", "", "src/color.c", colorC(""),
			colorC("\t/* Plain output if the console can't support colour. */\n")),
	})
}

// colorC is a C function that branches on Windows below comment.
func colorC(comment string) string {
	branch := ""
	if comment != "" {
		branch = "#ifdef _WIN32\n\treturn console_has_vt();\n#endif\n"
	}
	return "static int colors(void)\n{\n" + comment + branch + "\treturn 1;\n}\n"
}
