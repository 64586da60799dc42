package main

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/heft-dev/heft/examples/internal/cliflag"
	"github.com/heft-dev/heft/examples/internal/corpus"
)

// corpusOptions are the flags every corpus takes.
type corpusOptions struct {
	clones, aidev, split string
}

// corpusKind is one corpus `heft corpus NAME` evaluates: one entry here,
// one runner for all.
type corpusKind struct {
	usage string // the usage text, before the flags
	facts string // the default facts file
	texts string // what the corpus holds: "texts" or "commits", in messages
	split string // the --split values, for its help: "dev, test or all"
	aidev bool   // whether it reads pull requests from the AIDev sample too
	note  string // printed after the text report, or ""
	eval  func(ctx context.Context, facts string, o corpusOptions) (*corpus.Report, error)
}

// corpusKinds are the corpora, by name.
var corpusKinds = map[string]corpusKind{
	"disclosure": {
		usage: `usage: heft corpus disclosure --clones DIR --aidev DIR [--facts FILE] [--split dev|test|all] [--json] [--wrong]

Evaluates the disclosure parser on the labelled development corpus: reads
each commit from its clone under --clones and each pull request from the
AIDev sample under --aidev, and prints per class the AI-use precision and
recall, the tool accuracy on AI-positive texts and the stance accuracy.
Texts that cannot be read are counted and listed, not fatal.

`,
		facts: "testdata/corpus/disclosure.csv",
		texts: "texts",
		split: "dev, test or all",
		aidev: true,
		eval: func(ctx context.Context, facts string, o corpusOptions) (*corpus.Report, error) {
			rows, err := corpus.ReadDisclosureFacts(facts)
			if err != nil {
				return nil, err
			}
			return corpus.EvalDisclosure(ctx, rows, corpus.DisclosureOptions{Clones: o.clones, AIDev: o.aidev, Split: o.split})
		},
	},
	"workaround": {
		usage: `usage: heft corpus workaround --clones DIR [--facts FILE] [--split dev|test|testN|all] [--json] [--wrong]

Evaluates the workaround scorer on the labelled development corpus: reads
each commit's message and diff from its clone under --clones, scores it as
a one-commit pull request, and prints per class the recall (workaround
classes) or accuracy (contrast classes: 1 - accuracy is the false-flag
rate), whether the evidence names the expected upstream, and how many
detected workarounds link an upstream report. Commits that cannot be read
are counted and listed, not fatal.

`,
		facts: "testdata/corpus/workaround.csv",
		texts: "commits",
		split: "dev, test, a held-out split testN (test2, test3, ...) or all",
		note:  "recall is per workaround class; on a contrast class, 1 - accuracy is the false-flag rate.",
		eval: func(ctx context.Context, facts string, o corpusOptions) (*corpus.Report, error) {
			rows, err := corpus.ReadWorkaroundFacts(facts)
			if err != nil {
				return nil, err
			}
			return corpus.EvalWorkaround(ctx, rows, corpus.WorkaroundOptions{Clones: o.clones, Split: o.split})
		},
	},
}

// runCorpus evaluates a parser or scorer on a labelled development
// corpus kept as facts:
//
//	heft corpus disclosure --clones DIR --aidev DIR [--facts FILE] [--split dev|test|all] [--json] [--wrong]
//	heft corpus workaround --clones DIR [--facts FILE] [--split dev|test|testN|all] [--json] [--wrong]
func runCorpus(e *env, args []string) int {
	names := slices.Sorted(maps.Keys(corpusKinds))
	var k corpusKind
	ok := len(args) > 0
	if ok {
		k, ok = corpusKinds[args[0]]
	}
	if !ok {
		if len(args) > 0 && isHelp(args[0]) {
			for _, n := range names {
				fmt.Fprint(e.stderr, corpusKinds[n].usage)
			}
			return exitOK
		}
		return fail(e, "corpus", fmt.Errorf("%w: want a corpus name: %s", errUsage, strings.Join(names, " or ")))
	}
	fs := cliflag.New("heft corpus "+args[0], k.usage, e.stderr)
	var o corpusOptions
	fs.StringVar(&o.clones, "clones", "", "the folder holding the repositories' clones, as owner+name or owner/name")
	if k.aidev {
		fs.StringVar(&o.aidev, "aidev", "", "the AIDev sample folder (one folder per agent, each with prs.csv)")
	}
	facts := fs.String("facts", k.facts, "the facts file")
	fs.StringVar(&o.split, "split", "all", "which "+k.texts+" to evaluate: "+k.split)
	asJSON := fs.Bool("json", false, "print the report as JSON")
	wrong := fs.Bool("wrong", false, "also list the "+k.texts+" evaluated wrongly")
	if code, ok := cliflag.Parse(fs, args[1:], e.stderr); !ok {
		return code
	}
	if fs.NArg() > 0 {
		return fail(e, "corpus", fmt.Errorf("%w: unexpected argument %q", errUsage, fs.Arg(0)))
	}
	rep, err := k.eval(context.Background(), *facts, o)
	if err != nil {
		return fail(e, "corpus", err)
	}
	if !*wrong {
		rep.Wrong = nil
	}
	if *asJSON {
		err = rep.WriteJSON(e.stdout)
	} else {
		err = rep.WriteText(e.stdout)
		if err == nil && k.note != "" {
			fmt.Fprintln(e.stdout, "\n"+k.note)
		}
		if err == nil && len(rep.Wrong) > 0 {
			fmt.Fprintf(e.stdout, "\nwrong: %d %s\n", len(rep.Wrong), k.texts)
			for _, m := range rep.Wrong {
				fmt.Fprintf(e.stdout, "  %s %s@%s: %s\n", m.Class, m.Repo, m.Ref, m.Reason)
			}
		}
	}
	if err != nil {
		return fail(e, "corpus", err)
	}
	return exitOK
}
