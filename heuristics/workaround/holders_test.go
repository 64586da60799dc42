package workaround_test

import (
	"testing"

	"github.com/heft-dev/heft/heuristics/workaround"
	"github.com/heft-dev/heft/internal/scorertest"
)

// TestHolderShapes covers copyright notices on added files by who holds
// them: where the project's own notices name people (git, the Linux
// kernel), another person's notice is a contributor's own file, while an
// organisation's is copied code; where a collective or a company holds
// the project, a person's notice is copied code too, named without the
// e-mail address or by the project the header names. Every input is
// made up.
func TestHolderShapes(t *testing.T) {
	s := newWorkaround(t, workaround.Config{})
	cases := []findingCase{
		holderCase("contributor-files", "contrast: a project whose notices name their authors; new files under other contributors' names are theirs",
			"t/harness.sh", "# Test harness.\n#\n# Copyright (c) 2009 Ada Lovelace\n#\n", map[string]string{
				"t/lib-tokens.sh": "# Copyright (c) 2022 Grace B. Hopper <grace@example.org>\n#\n# Splits the harness's input into tokens.\ntokens() { :; }\n",
				"t/lib-quote.sh":  "# Copyright (C) 2023 Alan Turing and Joan Clarke\n\nquote() { :; }\n",
			}),
		holderCase("company-files-in-author-project", "organisations' notices on new files of a project whose notices name people",
			"t/harness.sh", "# Copyright (c) 2009 Ada Lovelace\n", map[string]string{
				"t/lib-zip.sh":   "# Copyright (c) 2015 Widget Works, Inc.\nunzip() { :; }\n",
				"t/lib-json.sh":  "# Copyright (c) 2017 The Jsonkit Authors\njson() { :; }\n",
				"t/lib-color.sh": "# Copyright 2018 colorkit.example.net\ncolor() { :; }\n",
			},
			wf{rule: "workaround-copied-code", dep: "colorkit.example.net", line: 1},
			wf{rule: "workaround-copied-code", dep: "The Jsonkit Authors", line: 1},
			wf{rule: "workaround-copied-code", dep: "Widget Works, Inc", line: 1}),
		holderCase("person-file-in-company-project", "a person's notice on a new file of a project a company holds: copied",
			"gateway.go", "// Copyright 2020 Widget Works, Inc.\n", map[string]string{
				"internal/lru/lru.go": "// Copyright (c) 2017 Jan van Dijk\n\npackage lru\n",
			},
			wf{rule: "workaround-copied-code", dep: "Jan van Dijk", line: 1}),
		holderCase("person-files-in-collective-project", "people's notices on new files of a project held by its authors as one: copied, named without the e-mail, or by the project the header also names",
			"gateway.go", "// Copyright 2024 The Gateway Authors.\n", map[string]string{
				"internal/backoff/retry.go": "// Copyright 2019 Jane Q. Doe <jane@example.org>\n\npackage backoff\n",
				"internal/ring/ring.go":     "// Copyright 2016 John Roe\n// This file is part of Ringlib.\n\npackage ring\n",
			},
			wf{rule: "workaround-copied-code", dep: "Jane Q. Doe", line: 1},
			wf{rule: "workaround-copied-code", dep: "Ringlib", line: 2}),
	}
	runFindingCases(t, s, cases) // which also checks that no holder's Subject carries an e-mail address
}

// holderCase is a change to the project's file own, whose header is
// notice, that adds a line right below the notice, so the notice is on
// the hunk's unchanged lines, and adds the files added.
func holderCase(name, reason, own, notice string, added map[string]string, want ...wf) findingCase {
	change := map[string]*string{own: scorertest.Text(notice + "y\n\nx\n")}
	for p, text := range added {
		change[p] = scorertest.Text(text)
	}
	return findingCase{name: name, reason: reason, base: map[string]*string{own: scorertest.Text(notice + "\nx\n")}, change: change, want: want}
}
