package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"github.com/heft-dev/heft/diffstat"
	"github.com/heft-dev/heft/examples/internal/cliflag"
	"github.com/heft-dev/heft/examples/internal/eval"
	"github.com/heft-dev/heft/heuristics"
	"github.com/heft-dev/heft/heuristics/standard"
	"github.com/heft-dev/heft/internal/tokenizer"
)

// evalFlags are heft eval's flags, parsed.
type evalFlags struct {
	e                        *env
	fs                       *flag.FlagSet
	jsonl, aidev, git        string
	perfpatch                string
	since, labeller, label   string
	strip                    bool
	config, jsonOut, htmlOut string
	writeJSONL               string
	workers, boot            int
	seed                     uint64
	calibrate, flagFPR       float64
	policyOut                string
	maxBytes                 int64
	split                    string // --split: one half of the repositories
	learn                    int    // --learn-templates: comments a repository repeats
	clones                   string // --clones: rebuild diffs from these clones
	outcomes                 outcomeFlag
	fullTimeline, agentID    bool
	labelGiven               bool // --label was given, not defaulted
	lab                      eval.Label
	sourceName               string
	sink                     *eval.JSONLinesWriter
	sinkFile                 *os.File
	calibration              string // the calibration summary, printed last
	unusedGitFlags           bool   // a --git-only flag was given
}

// outcomeFlag collects --outcome: repeatable, each a comma list.
type outcomeFlag []eval.Outcome

func (o *outcomeFlag) String() string {
	names := make([]string, len(*o))
	for i, x := range *o {
		names[i] = string(x)
	}
	return strings.Join(names, ",")
}

func (o *outcomeFlag) Set(s string) error {
	list, err := eval.ParseOutcomes(s)
	if err != nil {
		return errors.New(strings.TrimPrefix(err.Error(), "eval: "))
	}
	for _, x := range list {
		if !slices.Contains(*o, x) {
			*o = append(*o, x)
		}
	}
	return nil
}

func outcomeHelp() string {
	var b strings.Builder
	b.WriteString("rank the scores against an effort `outcome` (repeatable, or a comma list; all for every one):")
	for _, o := range eval.AllOutcomes() {
		fmt.Fprintf(&b, "\n    %s: %s", o, o.Describe())
	}
	return b.String()
}

// runEval is heft eval: parse and check the flags, open the source, score
// it, calibrate if asked, write the reports and say whether the label
// could be measured.
func runEval(e *env, args []string) int {
	f, code, ok := parseEvalFlags(e, args)
	if !ok {
		return code
	}
	if err := f.check(); err != nil {
		return fail(e, "eval", err)
	}
	cfg, set, err := defaultSet(f.config)
	if err != nil {
		return fail(e, "eval", err)
	}
	// The verbosity scorer's vocabulary takes tens of milliseconds to
	// load, on first use, while the other worker waits for it: load it
	// now, while the source opens and the first records are read. By the
	// time it is loaded, so are the tables the run keeps, and collections
	// can turn frequent (evalGCPercent); before, they would only find
	// that everything is live. The target is the process's: it is put
	// back when the run ends, so a program that calls run more than once
	// (the tests) keeps its own.
	restoreGC := make(chan func(), 1)
	go func() {
		tokenizer.Get(tokenizer.Encoding(cfg.Verbosity.Encoding))
		restore := func() {} // the environment's GOGC stands
		if os.Getenv("GOGC") == "" {
			before := debug.SetGCPercent(evalGCPercent)
			restore = func() { debug.SetGCPercent(before) }
		}
		restoreGC <- restore
	}()
	defer func() { (<-restoreGC)() }()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	src, err := f.openSource(ctx)
	if err != nil {
		return fail(e, "eval", trimEval(err))
	}
	if f.split != "" {
		src = &splitSource{Source: src, half: f.split}
	}
	if f.clones != "" {
		src = eval.WithCloneDiffs(ctx, src, eval.CloneDiffOptions{Dir: f.clones, MaxDiff: int(min(f.maxBytes, 1<<30))})
	}
	if f.learn > 0 {
		src = newTemplateLearner(src, f.learn)
	}
	// Close the outermost source, so that every wrapper's own Close runs
	// (CloneDiffs stops its git processes), as soon as scoring is done.
	res, err := f.run(ctx, e, set, src)
	src.Close()
	if err != nil {
		return fail(e, "eval", err)
	}
	if err := f.calibrateTo(cfg, res); err != nil {
		return fail(e, "eval", err)
	}
	if err := f.writeReports(e, res); err != nil {
		return fail(e, "eval", err)
	}
	return f.verdict(e, res)
}

// evalGCPercent is heft eval's garbage collection target (GOGC, unless
// the environment sets one) once its tables are built. Most of what eval
// keeps live is the bootstrap's counts, tens of megabytes that hold no
// pointers and are mostly never written, and the default target (100)
// lets the records' garbage spread over as much fresh memory again
// before a collection: every fresh 4 KB page is a page fault, and faults
// were a fifth of a run's CPU time on the 2-core machine of the README's
// figures. With 50 the garbage stays on fewer fresh pages, and a
// collection costs little, as the counts need no marking; 25 saved no
// more on short runs and cost more collections on long ones. From the
// start, a low target made ten collections in the first 70 ms, while
// everything was still live.
const evalGCPercent = 50

// evalUsage is what heft eval --help prints before the flags.
const evalUsage = "Usage: heft eval [flags] (--jsonl FILE | --aidev DIR | --perfpatch DIR | --git DIR [REV-RANGE...])\n\n" +
	"Score every contribution of a dataset and measure how well each scorer, and\n" +
	"the combined score, separates a label's classes: ROC AUC and PR AUC with\n" +
	"bootstrap intervals, the best-F1 threshold, precision and recall at the\n" +
	"policy's thresholds, coverage, and breakdowns by agent and repository.\n" +
	"With --outcome, also rank the scores against review effort (Spearman's rho\n" +
	"and Kendall's tau-b with bootstrap intervals, and coverage).\n\n" +
	"\theft eval --aidev data/aidev-pop --label merged --html report.html\n" +
	"\theft eval --aidev data/aidev-pop --outcome review_comments,time_to_close\n" +
	"\theft eval --git . --since 2024-01-01 --strip-labels --label ai\n" +
	"\theft eval --jsonl prs.jsonl --calibrate 0.05 --policy-out heft.json\n\n"

// parseEvalFlags defines and parses the flags; ok is false when the
// command ends here with code.
func parseEvalFlags(e *env, args []string) (f *evalFlags, code int, ok bool) {
	f = &evalFlags{e: e, fs: cliflag.New("heft eval", evalUsage, e.stderr)}
	fs := f.fs
	fs.StringVar(&f.jsonl, "jsonl", "", "read contributions from `file` in heft's JSON Lines format (- for standard input)")
	fs.StringVar(&f.aidev, "aidev", "", "read the AIDev dataset under `dir`: its Parquet tables (pull_request.parquet, pr_commit_details.parquet, ...; diffs from the per-file patches) or its CSV layout (one folder per agent)")
	fs.StringVar(&f.perfpatch, "perfpatch", "", "read the performance pull request study's datasets under `dir` (github.com/PurdueDualityLab/github_perf_patch_study: its CSV of agents' and humans' pull requests, diffs from the per-file patches in ai_pr/ and human_pr/)")
	fs.StringVar(&f.git, "git", "", "read the non-merge commits of the git repository at `dir`; REV-RANGE arguments follow the flags")
	fs.StringVar(&f.since, "since", "", "with --git: only commits more recent than `date` (as git log --since)")
	fs.BoolVar(&f.strip, "strip-labels", false, "with --git: remove the lines the ai label came from before scoring")
	fs.StringVar(&f.labeller, "labeller", "any", "with --git: how commits are labelled ai: disclosure (package disclosure's markers), trailers (a short list of trailers, footers and agent accounts), or any (either)")
	fs.StringVar(&f.label, "label", "", "the outcome to measure against: merged (positive: closed without merging) or ai (positive: machine-written); default merged, or ai with --git")
	fs.Var(&f.outcomes, "outcome", outcomeHelp())
	fs.BoolVar(&f.fullTimeline, "full-timeline", false, "with --outcome: score each contribution with its timeline up to the closing, as without --outcome, instead of as it was opened (the engagement scorer then sees the effort it is ranked against)")
	fs.BoolVar(&f.agentID, "agent-id", false, "report, per agent the data names (the AIDev folders), the share of contributions whose description, commits or author identities name that agent (package disclosure), and how many carry no AI marker at all")
	fs.StringVar(&f.config, "config", "", "`file` holding a JSON standard.Config (weights, thresholds, scorer settings)")
	fs.StringVar(&f.jsonOut, "json", "", "write the metrics as JSON to `file`")
	fs.StringVar(&f.htmlOut, "html", "", "write a self-contained HTML report to `file`")
	fs.StringVar(&f.writeJSONL, "write-jsonl", "", "also write every contribution read to `file` in heft's JSON Lines format")
	fs.IntVar(&f.workers, "workers", runtime.GOMAXPROCS(0), "contributions scored at once")
	fs.IntVar(&f.boot, "bootstrap", eval.DefaultBootstrap, "bootstrap replicates for the confidence intervals (0: none)")
	fs.Uint64Var(&f.seed, "seed", eval.DefaultSeed, "seed of the bootstrap")
	fs.Float64Var(&f.calibrate, "calibrate", 0, "derive review and flag thresholds with at most this false-positive `rate` on the data")
	fs.Float64Var(&f.flagFPR, "flag-fpr", 0, "with --calibrate: the flag threshold's false-positive `rate` (default a fifth of --calibrate)")
	fs.StringVar(&f.policyOut, "policy-out", "", "with --calibrate: write the calibrated configuration, loadable by heft score --config, to `file`")
	fs.Int64Var(&f.maxBytes, "max-bytes", diffstat.DefaultMaxBytes, "largest diff accepted per contribution, in bytes")
	fs.StringVar(&f.clones, "clones", "", "rebuild each pull request's diff with git from the clones under `dir` (dir/owner+name or dir/owner/name): its head commit or refs/pull head against the default branch, or its squash commit; pull requests whose diff cannot be rebuilt are left out (use with --aidev)")
	fs.StringVar(&f.split, "split", "", "read one `half` of the repositories: calibrate or report (by a hash of the repository), to tune settings on one and measure them on the other")
	fs.IntVar(&f.learn, "learn-templates", 0, "read an HTML comment found in `n` or more earlier pull requests of the same repository as its template's, not hidden text (0: off)")
	if code, ok := cliflag.Parse(fs, args, e.stderr); !ok {
		return nil, code, false
	}
	fs.Visit(func(fl *flag.Flag) {
		switch fl.Name {
		case "since", "strip-labels", "labeller":
			f.unusedGitFlags = true
		case "label":
			f.labelGiven = true
		}
	})
	return f, 0, true
}

// check validates the flags against each other and fills the defaults
// that depend on the source.
func (f *evalFlags) check() error {
	switch {
	case f.workers < 1:
		return fmt.Errorf("--workers must be at least 1, not %d", f.workers)
	case f.boot < 0:
		return fmt.Errorf("--bootstrap must be 0 (none) or more, not %d", f.boot)
	case f.maxBytes <= 0:
		return fmt.Errorf("--max-bytes must be a positive number of bytes, not %d", f.maxBytes)
	case f.split != "" && f.split != splitCalibrate && f.split != splitReport:
		return fmt.Errorf("--split must be calibrate or report, not %q", f.split)
	case f.learn < 0:
		return fmt.Errorf("--learn-templates must be 0 (off) or more, not %d", f.learn)
	}
	sources := 0
	for _, s := range []string{f.jsonl, f.aidev, f.perfpatch, f.git} {
		if s != "" {
			sources++
		}
	}
	if sources != 1 {
		return errors.New("give exactly one of --jsonl, --aidev, --perfpatch and --git")
	}
	if f.fs.NArg() > 0 && f.git == "" {
		return fmt.Errorf("unexpected argument %q: only --git takes arguments (a revision range)", f.fs.Arg(0))
	}
	if f.unusedGitFlags && f.git == "" {
		return errors.New("--since, --strip-labels and --labeller go with --git")
	}
	if f.clones != "" && f.git != "" {
		return errors.New("--clones goes with --aidev, --jsonl or --perfpatch, not --git")
	}
	if f.fullTimeline && len(f.outcomes) == 0 {
		return errors.New("--full-timeline goes with --outcome")
	}
	if f.label == "" {
		f.label = string(eval.LabelMerged)
		if f.git != "" {
			f.label = string(eval.LabelAI)
		}
	}
	lab, err := eval.ParseLabel(f.label)
	if err != nil {
		return trimEval(err)
	}
	f.lab = lab
	if f.calibrate != 0 || f.policyOut != "" || f.flagFPR != 0 {
		if !(f.calibrate > 0 && f.calibrate < 1) {
			return fmt.Errorf("--calibrate must be a false-positive rate in (0, 1), not %v", f.calibrate)
		}
		if f.policyOut == "" {
			return errors.New("--calibrate needs --policy-out FILE")
		}
		if f.flagFPR == 0 {
			f.flagFPR = f.calibrate / 5
		}
		if !(f.flagFPR > 0 && f.flagFPR <= f.calibrate) {
			return fmt.Errorf("--flag-fpr must be in (0, --calibrate], not %v", f.flagFPR)
		}
	}
	return nil
}

// openSource opens the one source the flags name and notes its name for
// the report.
func (f *evalFlags) openSource(ctx context.Context) (eval.Source, error) {
	switch {
	case f.jsonl != "":
		in, n, err := openInput(f.e, []string{f.jsonl})
		if err != nil {
			return nil, err
		}
		f.sourceName = n
		return eval.NewJSONLines(in, n, 0), nil
	case f.aidev != "":
		f.sourceName = f.aidev
		return eval.OpenAIDevDir(f.aidev, nil)
	case f.perfpatch != "":
		f.sourceName = f.perfpatch
		return eval.OpenPerfPatchDir(f.perfpatch, nil)
	}
	gopt := eval.GitOptions{Since: f.since, Revs: f.fs.Args(), Strip: f.strip}
	switch f.labeller {
	case "any":
	case "disclosure":
		gopt.Labeller, gopt.LabelledBy = eval.LabelDisclosure, "AI tool markers found by package disclosure (trailers, footers, session links, agent accounts)"
	case "trailers":
		gopt.Labeller, gopt.LabelledBy = eval.LabelCommit, "a short list of AI trailers, tool footers and agent accounts"
	default:
		return nil, fmt.Errorf("--labeller must be any, disclosure or trailers, not %q", f.labeller)
	}
	g, err := eval.OpenGit(ctx, f.git, gopt)
	if err != nil {
		return nil, err
	}
	f.sourceName = f.git
	if len(f.fs.Args()) > 0 {
		f.sourceName += " " + strings.Join(f.fs.Args(), " ")
	}
	return g, nil
}

// run scores the source with a progress bar on a terminal, writing
// --write-jsonl as it reads.
func (f *evalFlags) run(ctx context.Context, e *env, set *heuristics.Set, src eval.Source) (*eval.Result, error) {
	opt := eval.Options{Label: f.lab, Workers: f.workers, Bootstrap: f.boot, Seed: f.seed, MaxDiff: f.maxBytes,
		Outcomes: f.outcomes, AsOpened: len(f.outcomes) > 0 && !f.fullTimeline, AgentID: f.agentID}
	if f.boot == 0 {
		opt.Bootstrap = -1
	}
	if f.writeJSONL != "" {
		var err error
		if f.sinkFile, err = os.Create(f.writeJSONL); err != nil {
			return nil, err
		}
		defer f.sinkFile.Close()
		f.sink = eval.NewJSONLinesWriter(f.sinkFile)
		opt.Sink = f.sink.Write
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
		return nil, trimEval(err)
	}
	if f.sink != nil {
		if err := f.sink.Flush(); err != nil {
			return nil, err
		}
		if err := f.sinkFile.Close(); err != nil {
			return nil, err
		}
	}
	res.Source = f.sourceName
	res.Stripped = f.strip
	return res, nil
}

// calibrateTo derives thresholds for --calibrate, writes them to
// --policy-out and keeps the summary to print after the report.
func (f *evalFlags) calibrateTo(cfg standard.Config, res *eval.Result) error {
	if f.calibrate <= 0 || res.Positives == 0 || res.Negatives == 0 {
		return nil
	}
	cal, err := res.Calibrate(cfg.Policy, f.calibrate, f.flagFPR)
	if err != nil {
		return trimEval(err)
	}
	res.Calibration = &cal
	out := cfg
	out.Policy = cal.Policy
	err = writeFile(f.policyOut, func(w io.Writer) error { return writeJSON(w, out) })
	if err != nil {
		return err
	}
	f.calibration = fmt.Sprintf("\ncalibrated on %d labelled contributions (in-sample: check on other data):\n"+
		"  review at %.4g: false-positive rate %s (target %g), recall %s\n"+
		"  flag   at %.4g: false-positive rate %s (target %g), recall %s\n"+
		"written to %s (heft score --config %s)\n",
		res.Labelled, cal.Review.Threshold, fmtRate(cal.Review.FPR), cal.ReviewFPR, fmtRate(cal.Review.Recall),
		cal.Flag.Threshold, fmtRate(cal.Flag.FPR), cal.FlagFPR, fmtRate(cal.Flag.Recall), f.policyOut, f.policyOut)
	return nil
}

// writeReports writes the text report to standard output and the JSON
// and HTML reports to their files.
func (f *evalFlags) writeReports(e *env, res *eval.Result) error {
	if err := res.WriteText(e.stdout); err != nil {
		return err
	}
	if f.jsonOut != "" {
		if err := writeFile(f.jsonOut, res.WriteJSON); err != nil {
			return err
		}
	}
	if f.htmlOut != "" {
		if err := writeFile(f.htmlOut, res.WriteHTML); err != nil {
			return err
		}
	}
	io.WriteString(e.stdout, f.calibration)
	return nil
}

// verdict fails when nothing could be measured: the label's classes are
// not both present (unless effort outcomes were asked for and the label
// was left at its default), or no contribution carries an outcome.
func (f *evalFlags) verdict(e *env, res *eval.Result) int {
	if len(f.outcomes) > 0 {
		covered := false
		for _, o := range res.Outcomes {
			covered = covered || o.Contributions > 0
		}
		if !covered {
			return fail(e, "eval", fmt.Errorf("no contribution carries the outcome %s: the source has no timelines", f.outcomes.String()))
		}
		if !f.labelGiven {
			return exitOK
		}
	}
	if res.Positives > 0 && res.Negatives > 0 {
		return exitOK
	}
	lab := f.lab
	switch {
	case res.Labelled == 0:
		return fail(e, "eval", fmt.Errorf("label %s: no contribution carries it, so nothing can be measured", lab))
	case res.Positives == 0:
		return fail(e, "eval", fmt.Errorf("label %s: all %d labelled contributions are negative; the metrics need both classes", lab, res.Labelled))
	default:
		return fail(e, "eval", fmt.Errorf("label %s: all %d labelled contributions are positive (%s); the metrics need both classes", lab, res.Labelled, lab.Positive()))
	}
}

// trimEval drops the package prefix from an eval error: the command's
// own prefix already says where it comes from.
func trimEval(err error) error {
	return errors.New(strings.TrimPrefix(err.Error(), "eval: "))
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
