package eval

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/heft-dev/heft/diffstat"
	"github.com/heft-dev/heft/heuristics"
)

// Combined is the name reports give the Set's overall score.
const Combined = "combined"

// Defaults of Options.
const (
	DefaultBootstrap = 200
	DefaultSeed      = 1
	DefaultLevel     = 0.95
	DefaultMaxGroups = 1000
	// Bins is the resolution of the histograms behind the metrics:
	// scores within 1/Bins of each other count as ties.
	Bins = 10000
	// bootBins and groupBins are the coarser resolutions of the bootstrap
	// replicates and the per-group breakdowns, which are many.
	bootBins  = 1000
	groupBins = 100
	// maxExamples is how many skipped records and scorer errors a Result
	// quotes; the counts cover them all.
	maxExamples = 20
)

// Options configures Run. The zero value evaluates against LabelMerged
// with one worker per CPU.
type Options struct {
	// Label is the outcome the scores are measured against. Default
	// LabelMerged.
	Label Label

	// Outcomes are the effort outcomes each score is ranked against
	// (Spearman's rho and Kendall's tau-b with bootstrap intervals), in
	// addition to the label; none by default.
	Outcomes []Outcome

	// AsOpened scores each contribution as it was when opened: its
	// timeline up to Record.Opened only, and Now its opening time (when
	// known). Set it with Outcomes, so that a scorer reading the timeline
	// is not graded on the very comments an outcome counts.
	AsOpened bool

	// AgentID asks for the agent-identification report
	// (Result.AgentID): for records that name their agent, whether
	// package disclosure finds it in the description, the commits and
	// the identities. It parses each record three more times.
	AgentID bool

	// Workers is how many contributions are scored at once. Default
	// runtime.GOMAXPROCS(0).
	Workers int

	// Bootstrap is the number of bootstrap replicates behind each
	// confidence interval, at most MaxBootstrap; negative disables the
	// intervals. Default DefaultBootstrap (200).
	Bootstrap int

	// Seed seeds the bootstrap; the same seed gives the same intervals
	// whatever the number of workers. Default DefaultSeed (1).
	Seed uint64

	// Level is the confidence level of the intervals, in (0, 1).
	// Default 0.95.
	Level float64

	// MaxDiff bounds a record's diff in bytes. Default
	// diffstat.DefaultMaxBytes.
	MaxDiff int64

	// MaxGroups bounds the distinct values of each breakdown (agent,
	// repository); later values are counted under "(other)", so memory
	// stays bounded. Default DefaultMaxGroups (1000).
	MaxGroups int

	// Progress, when set, is called from one goroutine after each
	// contribution with the number done so far.
	Progress func(done int64)

	// Sink, when set, receives every record read (before scoring), from
	// one goroutine: a way to convert any source to JSON Lines.
	Sink func(*Record) error

	policy heuristics.Policy // the set's, for the thresholds
}

func (o Options) withDefaults() Options {
	if o.Label == "" {
		o.Label = LabelMerged
	}
	if o.Workers <= 0 {
		o.Workers = runtime.GOMAXPROCS(0)
	}
	if o.Bootstrap == 0 {
		o.Bootstrap = DefaultBootstrap
	}
	if o.Bootstrap < 0 {
		o.Bootstrap = 0
	}
	if o.Seed == 0 {
		o.Seed = DefaultSeed
	}
	if o.Level == 0 {
		o.Level = DefaultLevel
	}
	if o.MaxDiff <= 0 {
		o.MaxDiff = diffstat.DefaultMaxBytes
	}
	if o.MaxGroups <= 0 {
		o.MaxGroups = DefaultMaxGroups
	}
	return o
}

// MaxBootstrap bounds Options.Bootstrap: each replicate keeps a
// histogram per scorer.
const MaxBootstrap = 10000

// ErrInvalidOptions is wrapped by the error Run returns for options it
// cannot use.
var ErrInvalidOptions = errors.New("eval: invalid options")

func (o Options) validate() error {
	switch {
	case o.Label != LabelMerged && o.Label != LabelAI:
		return fmt.Errorf("%w: unknown label %q", ErrInvalidOptions, o.Label)
	case slices.ContainsFunc(o.Outcomes, func(x Outcome) bool { return !slices.Contains(AllOutcomes(), x) }):
		return fmt.Errorf("%w: unknown outcome among %v: want %s", ErrInvalidOptions, o.Outcomes, outcomeList())
	case o.Bootstrap > MaxBootstrap:
		return fmt.Errorf("%w: %d bootstrap replicates, more than %d", ErrInvalidOptions, o.Bootstrap, MaxBootstrap)
	case !(o.Level > 0 && o.Level < 1):
		return fmt.Errorf("%w: confidence level %v is not in (0, 1)", ErrInvalidOptions, o.Level)
	}
	return nil
}

// item is what the reader hands the workers: a record or a skip.
type item struct {
	seq  int64
	rec  *Record
	skip *SkipError
}

// outcome is what one worker found about one record.
type outcome struct {
	seq      int64 // the place of what it came from among all read
	index    int64
	skip     *SkipError
	labelled bool
	positive bool
	agent    string
	repo     string
	scores   []float64 // per scorer then combined; NaN when not applicable or failed
	errs     []error   // per scorer; non-nil when it failed
	effort   []float64 // per Options.Outcomes; NaN when the record lacks it
	agentID  *agentMarks
}

// Run scores every record of src with set and measures each scorer, and
// the combined score, against opt.Label. It reads, scores and counts in a
// pipeline with opt.Workers scorers, holding only the records in flight;
// records that cannot be read or whose diff does not parse are counted
// in Result.Skipped and the run goes on. It stops early only when ctx is
// done or src fails.
func Run(ctx context.Context, set *heuristics.Set, src Source, opt Options) (*Result, error) {
	opt = opt.withDefaults()
	if err := opt.validate(); err != nil {
		return nil, err
	}
	opt.policy = set.Policy()
	names := make([]string, 0, len(set.Scorers())+1)
	for _, s := range set.Scorers() {
		names = append(names, s.Name())
	}
	names = append(names, Combined)
	acc := newAccumulator(names, opt)
	start := time.Now()

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	// Everything read goes through the workers, skips too, and carries
	// its place in the source (seq), so the counting below takes it in
	// source order: the same data gives the same report however the
	// workers interleave (sums of scores, which groups fit under
	// MaxGroups, the examples quoted), and what waits for its turn is
	// bounded by what is in flight.
	work := make(chan item, opt.Workers*2)
	results := make(chan outcome, opt.Workers*2)
	var readErr error
	var wg sync.WaitGroup

	// The reader: one goroutine, in source order, so indexes (and so the
	// bootstrap) do not depend on scheduling.
	wg.Go(func() {
		defer close(work)
		var index, seq int64
		send := func(it item) bool {
			it.seq = seq
			select {
			case work <- it:
				seq++
				return true
			case <-ctx.Done():
				return false
			}
		}
		for {
			rec, err := src.Next()
			if err == io.EOF {
				return
			}
			var skip *SkipError
			if errors.As(err, &skip) {
				if !send(item{skip: skip}) {
					return
				}
				continue
			}
			if err != nil {
				readErr = err
				cancel()
				return
			}
			if opt.Sink != nil {
				if err := opt.Sink(rec); err != nil {
					readErr = fmt.Errorf("eval: writing %s: %w", rec.Pos, err)
					cancel()
					return
				}
			}
			if !send(item{rec: indexed(rec, index)}) {
				return
			}
			index++
		}
	})
	var workers sync.WaitGroup
	for range opt.Workers {
		workers.Go(func() {
			for it := range work {
				out := outcome{index: -1, skip: it.skip}
				if it.rec != nil {
					out = score(ctx, set, it.rec, opt, len(names))
				}
				out.seq = it.seq
				select {
				case results <- out:
				case <-ctx.Done():
					return
				}
			}
		})
	}
	go func() {
		wg.Wait()
		workers.Wait()
		close(results)
	}()

	var done, next int64
	waiting := map[int64]outcome{}
	for out := range results {
		waiting[out.seq] = out
		for {
			o, ok := waiting[next]
			if !ok {
				break
			}
			delete(waiting, next)
			next++
			acc.add(o)
			if o.skip == nil {
				done++
				if opt.Progress != nil {
					opt.Progress(done)
				}
			}
		}
	}
	if readErr != nil {
		return nil, readErr
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("eval: stopped: %w", err)
	}
	res := acc.result()
	res.Elapsed = time.Since(start)
	res.Seconds = res.Elapsed.Seconds()
	if res.Seconds > 0 {
		res.PerSec = float64(res.Scored) / res.Seconds
	}
	res.Workers = opt.Workers
	res.Policy.Review, res.Policy.Flag = thresholds(opt.policy)
	res.Notes = Notes(src)
	return res, nil
}

// indexed numbers a record in source order.
func indexed(r *Record, i int64) *Record {
	r.index = i
	return r
}

// score builds the contribution, parses its diff and runs the set.
func score(ctx context.Context, set *heuristics.Set, rec *Record, opt Options, n int) outcome {
	out := outcome{index: rec.index, agent: rec.Agent, repo: rec.Repo}
	out.positive, out.labelled = opt.Label.Of(rec)
	out.effort = effortOf(rec, opt.Outcomes)
	if opt.AgentID {
		out.agentID = markAgent(rec)
	}
	c := rec.Contribution()
	if opt.AsOpened {
		asOpened(c, rec.Opened)
	}
	if rec.Diff != "" {
		d, err := diffstat.Parse(strings.NewReader(rec.Diff), &diffstat.Options{MaxBytes: opt.MaxDiff})
		if err != nil {
			reason := ReasonBadDiff
			if errors.Is(err, diffstat.ErrTooLarge) {
				reason = ReasonTooLarge
			}
			return outcome{index: -1, skip: &SkipError{Pos: rec.Pos, Reason: reason, Err: err}}
		}
		c.Diff = d
	}
	rep, err := set.ScoreSerial(ctx, c)
	out.scores = make([]float64, n)
	out.errs = make([]error, n)
	for i := range out.scores {
		out.scores[i] = math.NaN()
	}
	if err != nil {
		for i := range out.errs {
			out.errs[i] = err
		}
		return out
	}
	for i, s := range set.Scorers() {
		if r, ok := rep.Result(s.Name()); ok {
			out.scores[i] = r.Score
		}
	}
	for _, e := range rep.Errors {
		if i := slices.IndexFunc(set.Scorers(), func(s heuristics.Scorer) bool { return s.Name() == e.Scorer }); i >= 0 {
			out.errs[i] = fmt.Errorf("%s: %w", rec.Pos, e)
		}
	}
	if len(rep.Results) > 0 {
		out.scores[n-1] = rep.Score
	}
	return out
}

// effortOf returns the record's value of each outcome, NaN when absent.
func effortOf(rec *Record, outcomes []Outcome) []float64 {
	if len(outcomes) == 0 {
		return nil
	}
	v := make([]float64, len(outcomes))
	for i, o := range outcomes {
		x, ok := o.Of(rec)
		if !ok {
			x = math.NaN()
		}
		v[i] = x
	}
	return v
}

// asOpened cuts a contribution back to the moment it was opened: the
// timeline before opened, and Now then. Without an opening time the
// whole timeline goes.
func asOpened(c *heuristics.Contribution, opened time.Time) {
	var tl []heuristics.Event
	for _, e := range c.Timeline {
		if !opened.IsZero() && !e.Time.IsZero() && e.Time.Before(opened) {
			tl = append(tl, e)
		}
	}
	c.Timeline = tl
	if !opened.IsZero() {
		c.Now = opened
	}
}
