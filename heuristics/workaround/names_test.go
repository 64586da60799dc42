package workaround

import "testing"

// TestMentionsPin checks that a message names a pinned Subject by any
// name the names tables give it, not by a list of special cases.
func TestMentionsPin(t *testing.T) {
	cases := []struct {
		msg, subject string
		want         bool
	}{
		{"pin actions/checkout to v3", "repo:actions/checkout", true},
		{"keep python at 3.11 until the wheels exist", "runtime:cpython", true},
		{"the python3 build hangs", "runtime:cpython", true},
		{"nodejs 22.3 breaks the loader", "runtime:node", true},
		{"golang 1.22 miscompiles this", "toolchain:go", true},
		{"win32 console quirk", "os:windows", true},
		{"pin the runner image", "runtime:cpython", false},
		{"downgrade the formatter", "repo:actions/checkout", false},
	}
	for _, tc := range cases {
		if got := mentionsPin(asciiLower(tc.msg), tc.subject); got != tc.want {
			t.Errorf("mentionsPin(%q, %q) = %t, want %t", tc.msg, tc.subject, got, tc.want)
		}
	}
}

// TestDockerPin checks that a FROM line's image is named by the names
// table, then by the language and distribution images it leaves out,
// then by its own name.
func TestDockerPin(t *testing.T) {
	cases := map[string]string{
		"FROM python:3.11-slim AS builder":           "runtime:cpython",
		"FROM --platform=linux/amd64 node:20-alpine": "runtime:node",
		"FROM docker.io/library/golang:1.22":         "toolchain:go",
		"FROM alpine:3.19":                           "os:alpine",
		"FROM debian:12":                             "os:debian",
		"FROM eclipse-temurin:21-jre":                "runtime:jvm",
		"FROM nginx:1.25":                            "nginx",
		"FROM python":                                "",
		"RUN make":                                   "",
	}
	for line, want := range cases {
		if got := dockerPin(line); got != want {
			t.Errorf("dockerPin(%q) = %q, want %q", line, got, want)
		}
	}
}

// TestOwnCause checks the phrases that blame one of the project's own
// changes, as a class: an effect or consequence a change had, what it
// introduced, broke or caused.
func TestOwnCause(t *testing.T) {
	for _, msg := range []string{
		"#975 had the unintended consequence of dropping the flag",
		"1a2b3c4d has a side effect on Windows paths",
		"#12 had unexpected side-effects on the cache",
		"a regression introduced by 1a2b3c4d",
		"https://example.org/acme/tool/pull/31 broke the loader",
		"breakage caused by #40",
	} {
		if !ownCauseRE.MatchString(msg) {
			t.Errorf("ownCauseRE does not match %q", msg)
		}
	}
	for _, msg := range []string{
		"work around a bug in libfoo 1.2",
		"#975 is a feature request",
	} {
		if ownCauseRE.MatchString(msg) {
			t.Errorf("ownCauseRE matches %q", msg)
		}
	}
}

// TestHolders checks which copyright holders are people, which are a
// project's people as one, and that a holder's name drops its e-mail.
func TestHolders(t *testing.T) {
	cases := []struct {
		holder, name       string
		person, collective bool
	}{
		{"Ada Lovelace", "Ada Lovelace", true, false},
		{"Grace B. Hopper <grace@example.org>", "Grace B. Hopper", true, false},
		{"Alan M Turing (alan@example.net)", "Alan M Turing", true, false},
		{"Alan Turing and Joan Clarke", "Alan Turing and Joan Clarke", true, false},
		{"Ana de la Cruz, Jan van Dijk & others", "Ana de la Cruz, Jan van Dijk & others", true, false},
		{"Émile Zola", "Émile Zola", true, false},
		{"Linus", "Linus", false, false},
		{"Widget Works, Inc.", "Widget Works, Inc.", false, false},
		{"Free Software Foundation", "Free Software Foundation", false, false},
		{"The Gateway Authors", "The Gateway Authors", false, true},
		{"Gateway contributors <dev@example.org>", "Gateway contributors", false, true},
		{"the Ringlib Project", "the Ringlib Project", false, true},
		{"colorkit.example.net", "colorkit.example.net", false, false},
		{"Jane Doe, Example Labs", "Jane Doe, Example Labs", false, false},
		{"jane doe", "jane doe", false, false},
		{"Red Hat, Inc. and Jane Doe", "Red Hat, Inc. and Jane Doe", false, false},
		{"Elastic NV", "Elastic NV", false, false},
		{"Widget Holdings", "Widget Holdings", false, false},
		{"Ævar Arnfjörð Bjarmason", "Ævar Arnfjörð Bjarmason", true, false},
	}
	for _, tc := range cases {
		if got := withoutEmail(tc.holder); got != tc.name {
			t.Errorf("withoutEmail(%q) = %q, want %q", tc.holder, got, tc.name)
		}
		if got := isPerson(tc.holder); got != tc.person {
			t.Errorf("isPerson(%q) = %t, want %t", tc.holder, got, tc.person)
		}
		if got := isCollective(tc.holder); got != tc.collective {
			t.Errorf("isCollective(%q) = %t, want %t", tc.holder, got, tc.collective)
		}
	}
}
