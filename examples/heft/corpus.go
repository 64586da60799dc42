package main

import (
	"context"
	"flag"
	"fmt"

	"github.com/heft-dev/heft/examples/internal/cliflag"
	"github.com/heft-dev/heft/examples/internal/corpus"
)

// runCorpus evaluates a parser on a labelled development corpus kept as
// facts:
//
//	heft corpus disclosure --clones DIR --aidev DIR [--facts FILE] [--split dev|test|all] [--json] [--wrong]
func runCorpus(e *env, args []string) int {
	if len(args) > 0 {
		if run, ok := corpusRunners[args[0]]; ok {
			return run(e, args[1:])
		}
	}
	if len(args) == 0 || args[0] != "disclosure" {
		if len(args) > 0 && (args[0] == "-h" || args[0] == "--help" || args[0] == "help") {
			fmt.Fprint(e.stderr, corpusUsage)
			return exitOK
		}
		return fail(e, "corpus", fmt.Errorf("%w: want a corpus name: disclosure or workaround\n\n%s", errUsage, corpusUsage))
	}
	fs := flag.NewFlagSet("heft corpus disclosure", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	clones := fs.String("clones", "", "the folder holding the repositories' clones, as owner+name or owner/name")
	aidev := fs.String("aidev", "", "the AIDev sample folder (one folder per agent, each with prs.csv)")
	facts := fs.String("facts", "testdata/corpus/disclosure.csv", "the facts file")
	split := fs.String("split", "all", "which texts to evaluate: dev, test or all")
	asJSON := fs.Bool("json", false, "print the report as JSON")
	wrong := fs.Bool("wrong", false, "also list the texts the parser got wrong")
	fs.Usage = func() {
		fmt.Fprint(e.stderr, corpusUsage)
		fs.PrintDefaults()
	}
	if code, ok := cliflag.Parse(fs, args[1:], e.stderr); !ok {
		return code
	}
	if fs.NArg() > 0 {
		return fail(e, "corpus", fmt.Errorf("%w: unexpected argument %q", errUsage, fs.Arg(0)))
	}
	rows, err := corpus.ReadDisclosureFacts(*facts)
	if err != nil {
		return fail(e, "corpus", err)
	}
	rep, err := corpus.EvalDisclosure(context.Background(), rows, corpus.DisclosureOptions{Clones: *clones, AIDev: *aidev, Split: *split})
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
		if err == nil && len(rep.Wrong) > 0 {
			fmt.Fprintf(e.stdout, "\nwrong: %d texts\n", len(rep.Wrong))
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

const corpusUsage = `usage: heft corpus disclosure --clones DIR --aidev DIR [--facts FILE] [--split dev|test|all] [--json] [--wrong]

Evaluates the disclosure parser on the labelled development corpus: reads
each commit from its clone under --clones and each pull request from the
AIDev sample under --aidev, and prints per class the AI-use precision and
recall, the tool accuracy on AI-positive texts and the stance accuracy.
Texts that cannot be read are counted and listed, not fatal.

`
