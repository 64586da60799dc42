package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime"
	"strings"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"github.com/heft-dev/heft/diffstat"
	"github.com/heft-dev/heft/examples/internal/cliflag"
	"github.com/heft-dev/heft/examples/internal/eval"
)

func runEval(e *env, args []string) int {
	fs := flag.NewFlagSet("heft eval", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	jsonlFile := fs.String("jsonl", "", "read contributions from `file` in heft's JSON Lines format (- for standard input)")
	aidevDir := fs.String("aidev", "", "read the AIDev dataset under `dir`: its Parquet tables (pull_request.parquet, pr_commit_details.parquet, ...; diffs from the per-file patches) or its CSV layout (one folder per agent)")
	gitDir := fs.String("git", "", "read the non-merge commits of the git repository at `dir`; REV-RANGE arguments follow the flags")
	since := fs.String("since", "", "with --git: only commits more recent than `date` (as git log --since)")
	strip := fs.Bool("strip-labels", false, "with --git: remove the lines the ai label came from before scoring")
	labeller := fs.String("labeller", "any", "with --git: how commits are labelled ai: disclosure (package disclosure's markers), trailers (a short list of trailers, footers and agent accounts), or any (either)")
	label := fs.String("label", "", "the outcome to measure against: merged (positive: closed without merging) or ai (positive: machine-written); default merged, or ai with --git")
	configFile := fs.String("config", "", "`file` holding a JSON standard.Config (weights, thresholds, scorer settings)")
	jsonOut := fs.String("json", "", "write the metrics as JSON to `file`")
	htmlOut := fs.String("html", "", "write a self-contained HTML report to `file`")
	writeJSONL := fs.String("write-jsonl", "", "also write every contribution read to `file` in heft's JSON Lines format")
	workers := fs.Int("workers", runtime.GOMAXPROCS(0), "contributions scored at once")
	boot := fs.Int("bootstrap", eval.DefaultBootstrap, "bootstrap replicates for the confidence intervals (0: none)")
	seed := fs.Uint64("seed", eval.DefaultSeed, "seed of the bootstrap")
	calibrate := fs.Float64("calibrate", 0, "derive review and flag thresholds with at most this false-positive `rate` on the data")
	flagFPR := fs.Float64("flag-fpr", 0, "with --calibrate: the flag threshold's false-positive `rate` (default a fifth of --calibrate)")
	policyOut := fs.String("policy-out", "", "with --calibrate: write the calibrated configuration, loadable by heft score --config, to `file`")
	maxBytes := fs.Int64("max-bytes", diffstat.DefaultMaxBytes, "largest diff accepted per contribution, in bytes")
	fs.Usage = func() {
		fmt.Fprintf(e.stderr, "Usage: heft eval [flags] (--jsonl FILE | --aidev DIR | --git DIR [REV-RANGE...])\n\n"+
			"Score every contribution of a dataset and measure how well each scorer, and\n"+
			"the combined score, separates a label's classes: ROC AUC and PR AUC with\n"+
			"bootstrap intervals, the best-F1 threshold, precision and recall at the\n"+
			"policy's thresholds, coverage, and breakdowns by agent and repository.\n\n"+
			"\theft eval --aidev data/aidev-pop --label merged --html report.html\n"+
			"\theft eval --git . --since 2024-01-01 --strip-labels --label ai\n"+
			"\theft eval --jsonl prs.jsonl --calibrate 0.05 --policy-out heft.json\n\n")
		fs.PrintDefaults()
	}
	if code, ok := cliflag.Parse(fs, args, e.stderr); !ok {
		return code
	}

	switch {
	case *workers < 1:
		return fail(e, "eval", fmt.Errorf("--workers must be at least 1, not %d", *workers))
	case *boot < 0:
		return fail(e, "eval", fmt.Errorf("--bootstrap must be 0 (none) or more, not %d", *boot))
	case *maxBytes <= 0:
		return fail(e, "eval", fmt.Errorf("--max-bytes must be a positive number of bytes, not %d", *maxBytes))
	}

	sources := 0
	for _, s := range []string{*jsonlFile, *aidevDir, *gitDir} {
		if s != "" {
			sources++
		}
	}
	if sources != 1 {
		return fail(e, "eval", errors.New("give exactly one of --jsonl, --aidev and --git"))
	}
	if fs.NArg() > 0 && *gitDir == "" {
		return fail(e, "eval", fmt.Errorf("unexpected argument %q: only --git takes arguments (a revision range)", fs.Arg(0)))
	}
	gitOnly := false
	fs.Visit(func(f *flag.Flag) {
		gitOnly = gitOnly || f.Name == "since" || f.Name == "strip-labels" || f.Name == "labeller"
	})
	if gitOnly && *gitDir == "" {
		return fail(e, "eval", errors.New("--since, --strip-labels and --labeller go with --git"))
	}
	if *label == "" {
		*label = string(eval.LabelMerged)
		if *gitDir != "" {
			*label = string(eval.LabelAI)
		}
	}
	lab, err := eval.ParseLabel(*label)
	if err != nil {
		return fail(e, "eval", errors.New(strings.TrimPrefix(err.Error(), "eval: ")))
	}
	if *calibrate != 0 || *policyOut != "" || *flagFPR != 0 {
		if !(*calibrate > 0 && *calibrate < 1) {
			return fail(e, "eval", fmt.Errorf("--calibrate must be a false-positive rate in (0, 1), not %v", *calibrate))
		}
		if *policyOut == "" {
			return fail(e, "eval", errors.New("--calibrate needs --policy-out FILE"))
		}
		if *flagFPR == 0 {
			*flagFPR = *calibrate / 5
		}
		if !(*flagFPR > 0 && *flagFPR <= *calibrate) {
			return fail(e, "eval", fmt.Errorf("--flag-fpr must be in (0, --calibrate], not %v", *flagFPR))
		}
	}

	cfg, set, err := defaultSet(*configFile)
	if err != nil {
		return fail(e, "eval", err)
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	var src eval.Source
	var name string
	switch {
	case *jsonlFile != "":
		in, n, err := openInput(e, []string{*jsonlFile})
		if err != nil {
			return fail(e, "eval", err)
		}
		src, name = eval.NewJSONLines(in, n, 0), n
	case *aidevDir != "":
		a, err := eval.OpenAIDevDir(*aidevDir, nil)
		if err != nil {
			return fail(e, "eval", errors.New(strings.TrimPrefix(err.Error(), "eval: ")))
		}
		src, name = a, *aidevDir
	default:
		gopt := eval.GitOptions{Since: *since, Revs: fs.Args(), Strip: *strip}
		switch *labeller {
		case "any":
		case "disclosure":
			gopt.Labeller, gopt.LabelledBy = eval.LabelDisclosure, "AI tool markers found by package disclosure (trailers, footers, session links, agent accounts)"
		case "trailers":
			gopt.Labeller, gopt.LabelledBy = eval.LabelCommit, "a short list of AI trailers, tool footers and agent accounts"
		default:
			return fail(e, "eval", fmt.Errorf("--labeller must be any, disclosure or trailers, not %q", *labeller))
		}
		g, err := eval.OpenGit(ctx, *gitDir, gopt)
		if err != nil {
			return fail(e, "eval", errors.New(strings.TrimPrefix(err.Error(), "eval: ")))
		}
		src, name = g, *gitDir
		if len(fs.Args()) > 0 {
			name += " " + strings.Join(fs.Args(), " ")
		}
	}
	defer src.Close()

	opt := eval.Options{Label: lab, Workers: *workers, Bootstrap: *boot, Seed: *seed, MaxDiff: *maxBytes}
	if *boot == 0 {
		opt.Bootstrap = -1
	}
	var sinkFile *os.File
	var sink *eval.JSONLinesWriter
	if *writeJSONL != "" {
		if sinkFile, err = os.Create(*writeJSONL); err != nil {
			return fail(e, "eval", err)
		}
		defer sinkFile.Close()
		sink = eval.NewJSONLinesWriter(sinkFile)
		opt.Sink = sink.Write
	}
	bar := newProgress(e)
	if bar != nil {
		opt.Progress = func(n int64) { _ = bar.Set64(n) }
	}

	res, err := eval.Run(ctx, set, src, opt)
	if bar != nil {
		_ = bar.Finish()
		fmt.Fprintln(e.stderr)
	}
	if err != nil {
		return fail(e, "eval", errors.New(strings.TrimPrefix(err.Error(), "eval: ")))
	}
	if sink != nil {
		if err := sink.Flush(); err != nil {
			return fail(e, "eval", err)
		}
		if err := sinkFile.Close(); err != nil {
			return fail(e, "eval", err)
		}
	}
	res.Source = name
	res.Stripped = *strip

	var calOut string
	if *calibrate > 0 && res.Positives > 0 && res.Negatives > 0 {
		cal, err := res.Calibrate(cfg.Policy, *calibrate, *flagFPR)
		if err != nil {
			return fail(e, "eval", errors.New(strings.TrimPrefix(err.Error(), "eval: ")))
		}
		res.Calibration = &cal
		out := cfg
		out.Policy = cal.Policy
		err = writeFile(*policyOut, func(w io.Writer) error {
			enc := json.NewEncoder(w)
			enc.SetIndent("", "  ")
			return enc.Encode(out)
		})
		if err != nil {
			return fail(e, "eval", err)
		}
		calOut = fmt.Sprintf("\ncalibrated on %d labelled contributions (in-sample: check on other data):\n"+
			"  review at %.4g: false-positive rate %s (target %g), recall %s\n"+
			"  flag   at %.4g: false-positive rate %s (target %g), recall %s\n"+
			"written to %s (heft score --config %s)\n",
			res.Labelled, cal.Review.Threshold, fmtRate(cal.Review.FPR), cal.ReviewFPR, fmtRate(cal.Review.Recall),
			cal.Flag.Threshold, fmtRate(cal.Flag.FPR), cal.FlagFPR, fmtRate(cal.Flag.Recall), *policyOut, *policyOut)
	}

	if err := res.WriteText(e.stdout); err != nil {
		return fail(e, "eval", err)
	}
	if *jsonOut != "" {
		if err := writeFile(*jsonOut, res.WriteJSON); err != nil {
			return fail(e, "eval", err)
		}
	}
	if *htmlOut != "" {
		if err := writeFile(*htmlOut, res.WriteHTML); err != nil {
			return fail(e, "eval", err)
		}
	}

	io.WriteString(e.stdout, calOut)
	if res.Positives == 0 || res.Negatives == 0 {
		switch {
		case res.Labelled == 0:
			return fail(e, "eval", fmt.Errorf("label %s: no contribution carries it, so nothing can be measured", lab))
		case res.Positives == 0:
			return fail(e, "eval", fmt.Errorf("label %s: all %d labelled contributions are negative; the metrics need both classes", lab, res.Labelled))
		default:
			return fail(e, "eval", fmt.Errorf("label %s: all %d labelled contributions are positive (%s); the metrics need both classes", lab, res.Labelled, lab.Positive()))
		}
	}

	return exitOK
}

func fmtRate(x eval.Num) string { return fmt.Sprintf("%.3f", float64(x)) }

// writeFile writes a report through f and reports a failed close.
func writeFile(name string, f func(io.Writer) error) error {
	out, err := os.Create(name)
	if err != nil {
		return err
	}
	if err := f(out); err != nil {
		out.Close()
		return fmt.Errorf("writing %s: %w", name, err)
	}
	return out.Close()
}

// newProgress returns a progress bar on standard error when it is a
// terminal, and nil otherwise (pipes, files, tests).
func newProgress(e *env) *progressbar.ProgressBar {
	f, ok := e.stderr.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return nil
	}
	return progressbar.NewOptions64(-1,
		progressbar.OptionSetWriter(f),
		progressbar.OptionSetDescription("scoring"),
		progressbar.OptionShowCount(),
		progressbar.OptionShowIts(),
		progressbar.OptionSetItsString("contributions"),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionSpinnerType(14),
		progressbar.OptionClearOnFinish(),
	)
}
