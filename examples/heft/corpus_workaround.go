package main

import (
	"context"
	"flag"
	"fmt"

	"github.com/heft-dev/heft/examples/internal/cliflag"
	"github.com/heft-dev/heft/examples/internal/corpus"
)

// corpusRunners are the corpora `heft corpus NAME` evaluates besides
// disclosure, by name.
var corpusRunners = map[string]func(e *env, args []string) int{
	"workaround": runCorpusWorkaround,
}

// runCorpusWorkaround evaluates the workaround scorer on its facts
// corpus:
//
//	heft corpus workaround --clones DIR [--facts FILE] [--split dev|test|all] [--json] [--wrong]
func runCorpusWorkaround(e *env, args []string) int {
	fs := flag.NewFlagSet("heft corpus workaround", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	clones := fs.String("clones", "", "the folder holding the repositories' clones, as owner+name or owner/name")
	facts := fs.String("facts", "testdata/corpus/workaround.csv", "the facts file")
	split := fs.String("split", "all", "which commits to evaluate: dev, test or all")
	asJSON := fs.Bool("json", false, "print the report as JSON")
	wrong := fs.Bool("wrong", false, "also list the commits the scorer got wrong, and wrong upstreams")
	fs.Usage = func() {
		fmt.Fprint(e.stderr, corpusWorkaroundUsage)
		fs.PrintDefaults()
	}
	if code, ok := cliflag.Parse(fs, args, e.stderr); !ok {
		return code
	}
	if fs.NArg() > 0 {
		return fail(e, "corpus", fmt.Errorf("%w: unexpected argument %q", errUsage, fs.Arg(0)))
	}
	rows, err := corpus.ReadWorkaroundFacts(*facts)
	if err != nil {
		return fail(e, "corpus", err)
	}
	rep, err := corpus.EvalWorkaround(context.Background(), rows, corpus.WorkaroundOptions{Clones: *clones, Split: *split})
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
		if err == nil {
			fmt.Fprintln(e.stdout, "\nrecall is per workaround class; on a contrast class, 1 - accuracy is the false-flag rate.")
		}
		if err == nil && len(rep.Wrong) > 0 {
			fmt.Fprintf(e.stdout, "\nwrong: %d\n", len(rep.Wrong))
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

const corpusWorkaroundUsage = `usage: heft corpus workaround --clones DIR [--facts FILE] [--split dev|test|all] [--json] [--wrong]

Evaluates the workaround scorer on the labelled development corpus: reads
each commit's message and diff from its clone under --clones, scores it as
a one-commit pull request, and prints per class the recall (workaround
classes) or accuracy (contrast classes: 1 - accuracy is the false-flag
rate), whether the evidence names the expected upstream, and how many
detected workarounds link an upstream report. Commits that cannot be read
are counted and listed, not fatal.

`
