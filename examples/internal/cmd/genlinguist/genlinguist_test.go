package main

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/go-enry/go-enry/v2"
	"github.com/go-enry/go-enry/v2/data"

	"github.com/heft-dev/heft/diffstat"
)

// linguistOnly classifies by Linguist's rules alone, as diffstat does
// after its own rules.
var linguistOnly = &diffstat.Classifier{Rules: []diffstat.Rule{}}

// enryKind is what diffstat said before it stopped importing go-enry: the
// same order of questions, asked of go-enry.
func enryKind(p string, content []byte) diffstat.Kind {
	switch {
	case p == "" || len(p) > 512:
		return diffstat.KindSource
	case enry.IsGenerated(p, content):
		return diffstat.KindGenerated
	case enry.IsVendor(p):
		return diffstat.KindVendored
	case enry.IsTest(p):
		return diffstat.KindTest
	case enry.IsDocumentation(p):
		return diffstat.KindDocs
	case enry.IsConfiguration(p), enry.IsDotFile(p):
		return diffstat.KindConfig
	}
	return diffstat.KindSource
}

// Path pieces in the shapes real repositories have, including the names
// Linguist's patterns single out.
var (
	dirs = []string{
		"src", "lib", "internal", "pkg", "cmd", "app", "web", "static", "assets", "js", "css",
		"vendor", "vendors", "Vendor", "VVendor", "third_party", "ThirdParty", "3rd-party", "external", "externals", "Extern",
		"node_modules", "bower_components", "Godeps", "Godeps/_workspace", "deps", "dist", "cache", "env", "debian",
		"docs", "doc", "Docs", "documentation", "Documentation", "man", "examples", "Examples", "demo", "demos", "samples", "sample",
		"test", "tests", "Tests", "spec", "specs", "testdata", "fixtures", "tests/fixtures", "spec/fixtures", "__generated__",
		".github", ".github/workflows", ".vscode", ".idea", ".yarn/releases", ".mvn/wrapper", "gradle/wrapper", "Pods", "Carthage/Build",
		"extjs", "extjs/src", "MathJax", "ace-builds", "tiny_mce/plugins", "CodeMirror/5.1/mode", "codemirror/lib", "flow-typed",
		"docs/_build", "doc/static", "inst/doc", "inst/extdata", "htmlcov", ".sqlx", "packages/Foo.1.2", "font-awesome", "select2",
		"bourbon", "admin_media", "puphpet", "xvba_modules", "Foo.xctemplate", "Icon.imageset", "a.b", "v1.2", "Sparkle",
	}
	// plainDirs are the common directories that Linguist lets pass.
	plainDirs = []string{"src", "lib", "pkg", "app", "test", "tests", "spec", "internal", "x", "a.b"}
	bases     = []string{
		"main", "index", "app", "util", "server", "client", "README", "Readme", "readme", "CHANGELOG", "CHANGES", "CONTRIBUTING",
		"LICENSE", "License", "licence", "COPYING", "INSTALL", "CITATION", "jquery", "jquery-1.9.1", "jquery-ui-1.10.3.custom",
		"jquery.ui.core", "jquery.fileupload-ui", "jquery.min", "bootstrap", "bootstrap.min", "bootstrap-theme", "custom.bootstrapx",
		"angular", "angular.min", "react", "react-dom", "d3", "d3.v3", "d3.v3.min", "modernizr-2.6.2", "modernizr.custom.123",
		"knockout-3.4.0.debug", "mootools-core-1.4.5", "prototype", "yui", "yahoo-dom", "dojo", "Chart", "shBrushJava",
		"foundation", "normalize", "font-awesome", "fontawesome", "fontello", "animate", "skeleton", "materialize", "bulma",
		"foo_test", "foo_spec", "FooTest", "FooTests", "TestFoo", "test_foo", "foo.test", "foo.spec", "foo.d", "types.d",
		"foo.designer", "Foo.Designer", "foo.feature", "foo_tlb", "foo.pb", "foo.min", "foo-min", "import", "foo.import",
		"configure", "config.guess", "aclocal", "gradlew", "mvnw", "Vagrantfile", "Jenkinsfile", "waf", "fabfile", "cpplint",
		"Gopkg", "glide", "poetry", "Cargo", "package-lock", "yarn", "pnpm-lock", "composer", "flake", "MODULE.bazel",
		"Pipfile", "deno", "uv", "pdm", "npm-shrinkwrap", "esy", "foo.esy", ".terraform.lock", ".pnp", "foo.zep", "ppport",
		".gitignore", ".gitattributes", ".gitmodules", ".DS_Store", ".ds_store", ".env", ".eslintrc", ".indent", ".osx",
		"query-abc", "Makefile", "Dockerfile", "go", "x", "slick.carousel", "Leaflet.Coordinates-0.1.3.src", "pdf.worker",
		"html5shiv", "cordova-2.1.0", "cordova", "run", "rebar", "_esy", "dotnet-install", "proguard-rules", "activator",
	}
	testNames = []string{
		"foo_test.go", "test_foo.py", "FooTest.php", "FooTest.java", "FooTests.java", "TestFoo.java", "FooSpec.scala",
		"FooTests.scala", "foo_spec.rb", "foo_test.rb", "FooTest.cs", "FooTests.cs", "foo.test.ts", "foo.spec.tsx",
		"foo.test.js", "foo_test.py", "foo.test.go", "footest.go", "Test.java", "spec.rb",
	}
	exts = []string{
		"", ".go", ".js", ".ts", ".tsx", ".jsx", ".css", ".scss", ".less", ".styl", ".sass", ".py", ".rb", ".php", ".java",
		".cs", ".vb", ".c", ".h", ".cc", ".cpp", ".hpp", ".m", ".scala", ".rs", ".md", ".rst", ".txt", ".html", ".htm",
		".json", ".yml", ".yaml", ".YML", ".toml", ".ini", ".xml", ".sql", ".lock", ".orig", ".hcl", ".pas", ".PAS",
		".bib", ".cff", ".m4", ".pro", ".bat", ".cmd", ".ps1", ".sh", ".n", ".nib", ".xcworkspacedata", ".map", ".js.map",
		".css.map", ".mod", ".meta", ".rd", ".dart", ".yy", ".yyp", ".dsp", ".proto", ".ps", ".eps", ".pfa", ".lua",
		".sublime-project", ".sublime-workspace", ".Dockerfile", ".gemspec", ".cabal", ".1", ".3pm", ".csproj", ".plist",
		".geojson", ".gltf", ".webmanifest", ".sarif", ".tfvars", ".editorconfig", ".properties", ".cfg", ".conf",
	}
)

// realShapedPaths returns n paths built from the pieces above, a few
// directories deep, deterministically.
func realShapedPaths(n int) []string {
	r := rand.New(rand.NewPCG(1, 2))
	pick := func(s []string) string { return s[r.IntN(len(s))] }
	var extAll []string
	for ext := range data.LanguagesByExtension {
		extAll = append(extAll, ext)
	}
	slices.Sort(extAll)
	out := make([]string, 0, n)
	for len(out) < n {
		var parts []string
		from := dirs
		if r.IntN(2) == 0 {
			from = plainDirs
		}
		for range r.IntN(4) {
			parts = append(parts, pick(from))
		}
		ext := pick(exts)
		if r.IntN(4) == 0 {
			ext = pick(extAll)
			if r.IntN(2) == 0 {
				ext = strings.ToUpper(ext)
			}
		}
		if r.IntN(5) == 0 {
			parts = append(parts, pick(testNames))
		} else {
			parts = append(parts, pick(bases)+ext)
		}
		out = append(out, strings.Join(parts, "/"))
	}
	return out
}

// corpusSize is how many generated inputs the agreement tests compare:
// fewer under the race detector (see raceEnabled), where each costs a
// hundred times more; every kind is still reached.
func corpusSize(n int) int {
	if raceEnabled {
		return n / 5
	}
	return n
}

func TestPathsAgreeWithEnry(t *testing.T) {
	paths := realShapedPaths(corpusSize(20000))
	// The patterns' own strings, alone and under a directory.
	for _, e := range data.VendorMatchers {
		if e != nil {
			s := strings.NewReplacer(`(^|/)`, "", `\`, "", "^", "", "$", "").Replace(e.String())
			paths = append(paths, s, "a/"+s, "a/"+s+"x")
		}
	}
	kinds := map[diffstat.Kind]int{}
	bad := 0
	for _, p := range paths {
		want := enryKind(p, nil)
		if want == diffstat.KindVendored {
			// diffstat reads a directory named cache as any other
			// directory (Classifier's doc): go-enry's answer for the
			// path with that directory renamed.
			if other := enryKind(strings.ReplaceAll("/"+p, "/cache/", "/c/")[1:], nil); other != diffstat.KindVendored {
				want = other
			}
		}
		kinds[want]++
		if got := linguistOnly.Classify(p, nil); got != want {
			bad++
			if bad <= 20 {
				t.Errorf("Classify(%q) = %v, go-enry says %v", p, got, want)
			}
		}
	}
	if bad > 0 {
		t.Errorf("%d of %d paths disagree", bad, len(paths))
	}
	// The corpus must reach every kind, or the comparison proves little.
	for k := diffstat.KindSource; k <= diffstat.KindVendored; k++ {
		if kinds[k] < 50 {
			t.Errorf("only %d paths of kind %v", kinds[k], k)
		}
	}
	t.Logf("%d paths: %v", len(paths), kinds)
}

// headers are first lines generators write, and lines that almost match.
var headers = []string{
	"// Code generated by protoc-gen-go. DO NOT EDIT.",
	"// Code generated by \"stringer -type=Op\"; DO NOT EDIT.",
	"// Generated by the protocol buffer compiler.  DO NOT EDIT!",
	"# Generated by the protocol buffer compiler.  DO NOT EDIT!",
	"// This file was autogenerated by go-to-protobuf. Do not edit it manually!",
	" * Autogenerated by Thrift Compiler (0.9.3)",
	"/* DO NOT EDIT THIS FILE - it is machine generated */",
	"#include <jni.h>",
	"/* Generated by Cython 0.29.21 */",
	"PCBNEW-LibModule-V1  01/01/2020",
	"GFORTRAN module version '15' created from foo.f90",
	"fileFormatVersion: 2",
	"# This file is automatically generated by Racc 1.4.14",
	"/* The following code was generated by JFlex 1.4.3 */",
	"// This is a generated file. Not intended for manual editing.",
	"% Generated by roxygen2: do not edit by hand",
	"/* parser generated by jison 0.4.18 */",
	"/* generated by jison-lex 0.3.4 */",
	"// Generated by the gRPC C++ plugin.",
	"// GENERATED CODE - DO NOT MODIFY BY HAND",
	"// generated code -- do not modify",
	"Automatically created by Devel::PPPort running under perl 5.030000.",
	"1.0.0|{",
	`    "modelName": "GMObject",`,
	"/* GIMP RGBA C-Source image dump (foo.c) */",
	"/*  GIMP header image file format (RGB): foo.h  */",
	"# Microsoft Developer Studio Generated Build File, Format Version 6.00",
	"// Generated by Haxe 4.2.0",
	"<!-- Generated by pkgdown: do not edit by hand -->",
	"<!-- This is an automatically generated file.  Do not edit.",
	"<!-- Generated by Doxygen 1.8.17 -->",
	`<meta name="generator" content="groff -Thtml, see www.gnu.org">`,
	`<meta name="GENERATOR" content='makeinfo 6.7'>`,
	`<meta name="generator" value="Org mode">`,
	`<meta content="hugo" name="generator">`,
	" * This file is generated by jOOQ.",
	"GENERATED CODE -- DO NOT EDIT!",
	`{"version":3,"sources":["a.js"]}`,
	"/** Begin line maps. **/{",
	"//# sourceMappingURL=app.js.map",
	"//@ sourceURL=foo.js",
	"/* foo */ Generated by PEG.js 0.10.0.",
	"(function() {",
	"}).call(this);",
	"  var _i, _len, _ref, __bind = function(){};",
	"%!PS-Adobe-3.0",
	"%%Creator: dvips 5.9",
	"%%Creator: EAGLE",
	"%%Title: EAGLE Drawing foo.brd",
	"%%Creator: Jane Doe",
	"currentfile eexec",
	"<doc>",
	"<assembly>",
	"</doc>",
	"recorded_with: VCR 6.0.0",
	"package main",
	"",
	"x",
}

func TestContentAgreesWithEnry(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	names := []string{
		"a/b/foo.go", "foo.js", "foo.css", "foo.py", "foo.rb", "foo.php", "foo.m", "Foo.java", "foo.h", "foo.cc",
		"foo.cpp", "foo.hpp", "foo.c", "doc.xml", "foo.ps", "foo.eps", "foo.pfa", "cassette.yml", "foo.mod", "foo.meta",
		"foo.Rd", "foo.dart", "foo.yy", "foo.yyp", "foo.dsp", "foo.lua", "Foo.cs", "index.html", "a.htm", "a.xhtml",
		"foo.proto", "ext/ppport.h", "PPPORT.H", "foo.txt", "foo.JS", "FOO.GO",
	}
	bad, generated := 0, 0
	total := corpusSize(30000)
	for i := range total {
		var b strings.Builder
		n := r.IntN(12)
		for range n {
			switch r.IntN(4) {
			case 0:
				b.WriteString(headers[r.IntN(len(headers))])
			case 1:
				b.WriteString(strings.Repeat("ab cd;", r.IntN(60)))
			default:
				h := headers[r.IntN(len(headers))]
				b.WriteString(h[:min(len(h), r.IntN(3))])
			}
			switch r.IntN(6) {
			case 0:
				b.WriteString("\r\n")
			case 1:
			default:
				b.WriteString("\n")
			}
		}
		content := []byte(b.String())
		p := names[i%len(names)]
		want := enryKind(p, content)
		if want == diffstat.KindGenerated {
			generated++
		}
		if got := linguistOnly.Classify(p, content); got != want {
			bad++
			if bad <= 20 {
				t.Errorf("Classify(%q, %q) = %v, go-enry says %v", p, content, got, want)
			}
		}
	}
	if bad > 0 {
		t.Errorf("%d contents disagree", bad)
	}
	if generated < total/30 {
		t.Errorf("only %d generated contents: the corpus proves little", generated)
	}
}

func FuzzAgreesWithEnry(f *testing.F) {
	f.Add("vendor/github.com/x/y.go", []byte("// Code generated by x. DO NOT EDIT.\npackage y\n"))
	f.Add("docs/README.md", []byte(nil))
	f.Add("web/jquery-1.9.1.min.js", []byte("x\n"))
	f.Add("a/.github/workflows/ci.yml", []byte("on: push\n"))
	f.Fuzz(func(t *testing.T, p string, content []byte) {
		if want, got := enryKind(p, content), linguistOnly.Classify(p, content); got != want {
			t.Errorf("Classify(%q, %q) = %v, go-enry says %v", p, content, got, want)
		}
	})
}

func Example() {
	// The generator is run by go generate; its test keeps diffstat in step
	// with go-enry.
	fmt.Println(linguistOnly.Classify("third_party/zlib/inflate.c", nil))
	// Output: vendored
}
