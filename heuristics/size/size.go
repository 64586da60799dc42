package size

import (
	"cmp"
	"context"
	_ "embed"
	"fmt"
	"maps"
	"math"
	"path"
	"slices"
	"strings"

	"github.com/heft-dev/heft/diffstat"
	"github.com/heft-dev/heft/heuristics"
	"github.com/heft-dev/heft/internal/scoring"
	"github.com/heft-dev/heft/internal/wording"
)

// Config configures the size scorer. The zero value uses the defaults
// given on each field.
//
// The label thresholds are Prow's size plugin's, which many Kubernetes-era
// projects already use: XS under 10 changed lines, S under 30, M under 100,
// L under 500, XL under 1,000, XXL from 1,000. The score thresholds follow
// the review literature's rule of thumb that review quality drops past a
// few hundred lines at a time (the SmartBear/Cisco study found defect
// discovery falls off beyond 200-400 lines per session).
type Config struct {
	// Labels are the upper bounds, in reviewable changed lines, of the
	// size/XS, size/S, size/M, size/L and size/XL labels; anything larger
	// is size/XXL. Default [10, 30, 100, 500, 1000].
	Labels [5]int `json:"labels,omitzero"`

	// ComfortableLines is the number of reviewable changed lines up to
	// which the score is 0; 0 is a setting (the score rises from the
	// first line), nil the default 200.
	ComfortableLines *int `json:"comfortable_lines,omitempty"`

	// OverwhelmingLines is the number of reviewable changed lines at which
	// the score reaches 1; it rises on a log scale in between. Default
	// 2000.
	OverwhelmingLines int `json:"overwhelming_lines,omitempty"`

	// ComfortableFiles and OverwhelmingFiles do the same for the number
	// of reviewable files touched. Defaults 20 and 150.
	ComfortableFiles  int `json:"comfortable_files,omitempty"`
	OverwhelmingFiles int `json:"overwhelming_files,omitempty"`

	// Largest is how many of the largest files the evidence names.
	// Default 3.
	Largest int `json:"largest,omitempty"`
}

func (c Config) withDefaults() Config {
	c.Labels = cmp.Or(c.Labels, [5]int{10, 30, 100, 500, 1000})
	c.ComfortableLines = cmp.Or(c.ComfortableLines, heuristics.Ptr(200))
	c.OverwhelmingLines = cmp.Or(c.OverwhelmingLines, 2000)
	c.ComfortableFiles = cmp.Or(c.ComfortableFiles, 20)
	c.OverwhelmingFiles = cmp.Or(c.OverwhelmingFiles, 150)
	c.Largest = cmp.Or(c.Largest, 3)
	return c
}

// Validate reports a configuration the size scorer cannot use, naming the
// field.
func (c Config) Validate() error {
	d := c.withDefaults()
	for i := 1; i < len(d.Labels); i++ {
		if d.Labels[i] <= d.Labels[i-1] {
			return scoring.Invalid("size", "labels %v must increase", d.Labels)
		}
	}
	if field, msg := scoring.CheckLimits(
		scoring.Above("overwhelming_lines", d.OverwhelmingLines, "comfortable_lines", *d.ComfortableLines),
		scoring.Above("overwhelming_files", d.OverwhelmingFiles, "comfortable_files", d.ComfortableFiles),
		scoring.NonNegative("largest", d.Largest),
	); field != "" {
		return scoring.Invalid("size", "%s %s", field, msg)
	}
	return nil
}

// Scorer scores how much a reviewer has to read: changed lines and
// files, leaving out generated, vendored, lockfile and expected-output
// changes (regenerated golden files and snapshots), which it reports but
// does not count. Its Name is "size".
type Scorer struct {
	cfg Config
}

// New returns the size scorer.
func New(cfg Config) (*Scorer, error) {
	return scoring.New(cfg, Config.withDefaults, func(c Config) *Scorer { return &Scorer{cfg: c} })
}

// Name returns "size".
func (s *Scorer) Name() string { return "size" }

// rules is the one table of the size scorer's rules, declared in
// rules.json; doc.go lists them and a test keeps the two in step.
var rules = scoring.Table[heuristics.Rule](rulesJSON)

//go:embed rules.json
var rulesJSON []byte

// Rules returns the rules the size scorer's evidence cites.
func (s *Scorer) Rules() []heuristics.Rule { return rules.Clone() }

var sizeLabels = [...]string{"size/XS", "size/S", "size/M", "size/L", "size/XL", "size/XXL"}

// Score measures c.Diff. It returns ErrNotApplicable when there is no
// diff. It advises no split of a revert (see revert).
func (s *Scorer) Score(_ context.Context, c *heuristics.Contribution) (heuristics.Result, error) {
	if c.Diff == nil {
		return heuristics.Result{}, heuristics.ErrNotApplicable
	}
	var (
		reviewable, skipped, unchanged []*diffstat.File
		rev, all                       diffstat.Count
		skippedByKind                  = map[diffstat.Kind]int{}
	)
	for _, f := range c.Diff.Files {
		if f == nil || f.Added < 0 || f.Deleted < 0 {
			return heuristics.Result{}, fmt.Errorf("size: invalid file in diff: %+v", f)
		}
		all.Files++
		all.Added += f.Added
		all.Deleted += f.Deleted
		if f.Lines() == 0 && !f.Binary {
			// Renamed, copied or with its mode changed as it is, or
			// empty: nothing to read.
			unchanged = append(unchanged, f)
			continue
		}
		if !f.Reviewable() {
			skipped = append(skipped, f)
			skippedByKind[f.Kind] += f.Lines()
			continue
		}
		reviewable = append(reviewable, f)
		rev.Files++
		rev.Added += f.Added
		rev.Deleted += f.Deleted
	}

	cfg := s.cfg
	lines := rev.Lines()
	label := sizeLabels[len(sizeLabels)-1]
	for i, bound := range cfg.Labels {
		if lines < bound {
			label = sizeLabels[i]
			break
		}
	}
	lineScore := scoring.Ramp(lines, *cfg.ComfortableLines, cfg.OverwhelmingLines)
	fileScore := scoring.Ramp(rev.Files, cfg.ComfortableFiles, cfg.OverwhelmingFiles)
	score := math.Max(lineScore, fileScore)

	res := heuristics.Result{
		Scorer: s.Name(),
		Score:  score,
		Labels: []string{label},
		Metrics: map[string]float64{
			"reviewable_lines":   float64(lines),
			"reviewable_added":   float64(rev.Added),
			"reviewable_deleted": float64(rev.Deleted),
			"reviewable_files":   float64(rev.Files),
			"total_lines":        float64(all.Lines()),
			"total_files":        float64(all.Files),
			"generated_lines":    float64(skippedByKind[diffstat.KindGenerated]),
			"vendored_lines":     float64(skippedByKind[diffstat.KindVendored]),
			"lockfile_lines":     float64(skippedByKind[diffstat.KindLockfile]),
			"expected_lines":     float64(skippedByKind[diffstat.KindExpected]),
			"unchanged_files":    float64(len(unchanged)),
		},
	}

	// Largest reviewable files first; ties by path, for a stable order.
	slices.SortStableFunc(reviewable, func(a, b *diffstat.File) int {
		if d := b.Lines() - a.Lines(); d != 0 {
			return d
		}
		return strings.Compare(a.Path(), b.Path())
	})
	if len(reviewable) > 0 {
		res.Metrics["largest_file_lines"] = float64(reviewable[0].Lines())
	}

	res.Summary = fmt.Sprintf("%s: %s (+%s −%s) in %s",
		label, wording.Plural(lines, "reviewable changed line"), wording.Commas(rev.Added), wording.Commas(rev.Deleted), wording.Plural(rev.Files, "file"))
	switch {
	case lines == 0 && rev.Files == 0 && len(unchanged) > 0:
		res.Summary = label + ": " + unchangedFiles(unchanged) + "; no reviewable changed lines"
	case lines == 0 && rev.Files == 0:
		res.Summary = label + ": no reviewable changed lines"
	case len(unchanged) > 0:
		res.Summary += "; " + unchangedFiles(unchanged) + ", not counted"
	}
	expected := skippedByKind[diffstat.KindExpected]
	if n := all.Lines() - lines - expected; n > 0 {
		res.Summary += "; " + wording.Plural(n, "generated, vendored or lockfile line") + " not counted"
	}
	if expected > 0 {
		res.Summary += "; " + wording.Plural(expected, "line") + " of regenerated test expectations (golden files, snapshots) not counted"
	}
	res.Summary += "."

	if lineScore > 0 {
		res.Evidence = append(res.Evidence, heuristics.Evidence{
			Rule:    "size-lines",
			Message: fmt.Sprintf("%s changed; review gets harder past %s.", wording.Plural(lines, "reviewable line"), wording.Plural(*cfg.ComfortableLines, "line")),
			Field:   heuristics.FieldDiff,
		})
	}
	if fileScore > 0 {
		res.Evidence = append(res.Evidence, heuristics.Evidence{
			Rule:    "size-files",
			Message: fmt.Sprintf("%s touched; review gets harder past %s.", wording.Plural(rev.Files, "reviewable file"), wording.Plural(cfg.ComfortableFiles, "file")),
			Field:   heuristics.FieldDiff,
		})
	}
	switch {
	case score > 0 && len(reviewable) > 1 && reviewable[0].Lines()*10 < lines:
		// Spread thin: no file is where the size is.
		res.Evidence = append(res.Evidence, heuristics.Evidence{
			Rule: "size-largest-file",
			Message: fmt.Sprintf("The largest changed file holds %s of the %s reviewable lines: the change is spread over %s.",
				wording.Commas(reviewable[0].Lines()), wording.Commas(lines), wording.Plural(rev.Files, "file")),
			Field: heuristics.FieldDiff,
			Path:  reviewable[0].Path(),
		})
	case score > 0:
		for _, f := range reviewable[:min(cfg.Largest, len(reviewable))] {
			if f.Lines() == 0 {
				break // a binary file: no lines to name it by
			}
			res.Evidence = append(res.Evidence, heuristics.Evidence{
				Rule:    "size-largest-file",
				Message: fmt.Sprintf("One of the largest changed files: +%s −%s (%s).", wording.Commas(f.Added), wording.Commas(f.Deleted), f.Kind),
				Field:   heuristics.FieldDiff,
				Path:    f.Path(),
			})
		}
	}
	for _, kind := range []diffstat.Kind{diffstat.KindGenerated, diffstat.KindVendored, diffstat.KindLockfile} {
		if n := skippedByKind[kind]; n > 0 {
			res.Evidence = append(res.Evidence, heuristics.Evidence{
				Rule:    "size-not-reviewable",
				Message: fmt.Sprintf("%s not counted (%s).", wording.Plural(n, fmt.Sprint(kind)+" line"), firstPaths(skipped, kind, 3)),
				Field:   heuristics.FieldDiff,
			})
		}
	}
	if expected > 0 {
		res.Evidence = append(res.Evidence, heuristics.Evidence{
			Rule: "size-expected-output",
			Message: fmt.Sprintf("%s of expected test output not counted (%s): golden files and snapshots a tool regenerates; "+
				"review the tests and code that changed them, and skim these.", wording.Plural(expected, "line"), firstPaths(skipped, diffstat.KindExpected, 3)),
			Field: heuristics.FieldDiff,
			Path:  firstPath(skipped, diffstat.KindExpected),
		})
	}
	switch {
	case score > 0 && scoring.Revert(c):
		// A revert undoes what was merged as one: there is nothing to
		// split it into.
		res.Summary = strings.TrimSuffix(res.Summary, ".") + "; a revert, so no split is advised."
	case score > 0:
		res.Advice = sizeAdvice(reviewable, lines, *cfg.ComfortableLines)
	}
	return res, nil
}

// unchangedFiles says what the files with no changed line are: renamed
// or copied as they are, with only their mode changed, or empty.
func unchangedFiles(files []*diffstat.File) string {
	var renamed, copied, mode, empty int
	for _, f := range files {
		switch f.Op {
		case diffstat.OpRenamed:
			renamed++
		case diffstat.OpCopied:
			copied++
		case diffstat.OpAdded, diffstat.OpDeleted:
			empty++
		default:
			mode++
		}
	}
	var says []string
	if renamed > 0 {
		says = append(says, wording.Count(renamed, "file renamed as it is", "files renamed as they are"))
	}
	if copied > 0 {
		says = append(says, wording.Count(copied, "file copied as it is", "files copied as they are"))
	}
	if mode > 0 {
		says = append(says, wording.Count(mode, "file with only its mode changed", "files with only their mode changed"))
	}
	if empty > 0 {
		says = append(says, wording.Count(empty, "empty file added or deleted", "empty files added or deleted"))
	}
	return wording.List(says)
}

// sizeAdvice suggests how to split a large change, by where its lines
// are. A test file goes with the code it tests (a directory whose path
// is the same once src, test and the like are left out, such as
// tests/core/ for src/core/; for a test tree, see testedCode): a pull
// request of tests alone, apart from the change they test, or of its
// documentation and files at the repository root (a changelog entry),
// is not one to advise. Tests beside code the change does not touch
// (internal/lru/lru_test.go alone) are a part of their own. It proposes
// a split only when one part holds at least half the lines (otherwise
// any cut is arbitrary), and promises that each part can be reviewed in
// one sitting only when each is within comfortable lines.
func sizeAdvice(files []*diffstat.File, total, comfortable int) string {
	parts := splitParts(files)
	if len(parts) >= 2 && accompanying(parts[1:], files) {
		// What is left is the change's documentation or the files at
		// the repository root (a changelog entry, a build file): they
		// belong with it, not on their own.
		parts = parts[:1]
	}
	if len(parts) < 2 || parts[0].lines*2 < total {
		spread := ""
		if len(parts) >= 2 {
			dirs := 0
			for _, p := range parts {
				dirs += len(p.dirs)
			}
			spread = fmt.Sprintf(" across %s, none with half of them", wording.Count(dirs, "directory", "directories"))
		}
		what := wording.Commas(total) + " reviewable lines"
		if total == 0 { // binary files only: the rest have lines or are not counted
			what = wording.Plural(len(files), "binary file")
		}
		return fmt.Sprintf("This pull request changes %s%s. If it can be split into smaller steps "+
			"that each build and pass tests, reviewers can take them one at a time; otherwise, a short guide to the "+
			"order in which to read it helps.", what, spread)
	}
	first := parts[0]
	rest := total - first.lines
	var others []string
	for _, p := range parts[1:] {
		others = append(others, p.dirs...)
	}
	var after string
	switch {
	case first.lines <= comfortable && rest <= comfortable:
		after = ", so each can be reviewed in one sitting."
	case first.lines > comfortable && rest > comfortable:
		after = fmt.Sprintf("; both parts are still over %s lines, so split them further into steps that each build and pass tests where they can be.", wording.Commas(comfortable))
	case first.lines > comfortable:
		after = fmt.Sprintf("; the first part is still over %s lines, so split it further into steps that each build and pass tests where it can be.", wording.Commas(comfortable))
	default:
		after = fmt.Sprintf("; the other part is still over %s lines, so split it further into steps that each build and pass tests where it can be.", wording.Commas(comfortable))
	}
	return fmt.Sprintf("This pull request changes %s reviewable lines. %s of them are in %s; "+
		"consider sending that part on its own and the other %s (%s) as a separate pull request%s",
		wording.Commas(total), wording.Commas(first.lines), dirList(first.dirs, 2), wording.Plural(rest, "line"), dirList(others, 3), after)
}

// A part is what sizeAdvice proposes to send on its own: the top
// directories it spans, most lines first, and its lines.
type part struct {
	dirs  []string
	lines int
}

// accompanying reports whether parts hold only documentation and files
// at the repository root.
func accompanying(parts []*part, files []*diffstat.File) bool {
	notDocs := map[string]bool{}
	for _, f := range files {
		if d := topDir(f.Path()); d != rootDir && f.Kind != diffstat.KindDocs {
			notDocs[d] = true
		}
	}
	for _, p := range parts {
		for _, d := range p.dirs {
			if notDocs[d] {
				return false
			}
		}
	}
	return true
}

// splitParts groups files by top directory (topDir), with each test
// directory in the part of the code it tests, largest part first.
func splitParts(files []*diffstat.File) []*part {
	byDir := map[string]int{}
	for _, f := range files {
		byDir[topDir(f.Path())] += f.Lines()
	}
	// A directory of code, or of tests when there is no code, is a part.
	isTestDir := map[string]bool{}
	for _, f := range files {
		d := topDir(f.Path())
		if _, seen := isTestDir[d]; !seen {
			isTestDir[d] = true
		}
		isTestDir[d] = isTestDir[d] && f.Kind == diffstat.KindTest
	}
	var code []string
	for d, test := range isTestDir {
		if !test {
			code = append(code, d)
		}
	}
	largest := func(dirs []string) {
		slices.SortFunc(dirs, func(a, b string) int {
			if d := byDir[b] - byDir[a]; d != 0 {
				return d
			}
			return strings.Compare(a, b)
		})
	}
	largest(code)
	if len(code) == 0 {
		for d := range isTestDir {
			code = append(code, d)
		}
		largest(code)
		isTestDir = nil
	}
	parts := map[string]*part{}
	byArea := map[string]string{} // area (testArea) → code directory
	for _, d := range code {
		parts[d] = &part{dirs: []string{d}, lines: byDir[d]}
		if a := testArea(d); a != "" && byArea[a] == "" {
			byArea[a] = d
		}
	}
	tested := testedIndex(code, files)
	var tests []string
	for d, test := range isTestDir {
		if test {
			tests = append(tests, d)
		}
	}
	largest(tests)
	for _, d := range tests {
		home := byArea[testArea(d)]
		if home == "" && testRoot(d) && len(code) > 0 {
			home = tested.of(d, code)
		}
		if home == "" { // tests of code this change does not touch: a part of their own
			parts[d] = &part{dirs: []string{d}, lines: byDir[d]}
			continue
		}
		parts[home].dirs = append(parts[home].dirs, d)
		parts[home].lines += byDir[d]
	}
	out := slices.Collect(maps.Values(parts))
	for _, p := range out {
		largest(p.dirs)
	}
	slices.SortFunc(out, func(a, b *part) int {
		if d := b.lines - a.lines; d != 0 {
			return d
		}
		return strings.Compare(a.dirs[0], b.dirs[0])
	})
	return out
}

// testRoot reports whether dir is a tree of tests of its own, apart from
// the code (tests/, test/unit/, spec/, src/test/), rather than tests kept
// beside their code: it starts with or is named only by the words
// testArea leaves out, src and lib aside.
func testRoot(dir string) bool {
	first, _, _ := strings.Cut(dir, "/")
	return testArea(dir) == "" || first != "src" && first != "lib" && testArea(first) == ""
}

// codeIndex finds the code directory a test tree tests, by lookups made
// once for the whole diff: a scan of every code directory and changed
// file for each test tree took two minutes on 2,000 test trees beside
// 2,000 packages.
type codeIndex struct {
	byLast  map[string]string // the last name of a code directory's area → the first such directory
	byBelow map[string]string // a directory name with a changed file below it → the first code directory holding one
}

// testedIndex indexes code (largest first) and the changed files below it.
func testedIndex(code []string, files []*diffstat.File) codeIndex {
	x := codeIndex{byLast: map[string]string{}, byBelow: map[string]string{}}
	rank := map[string]int{}
	for i, c := range code {
		rank[c] = i
		a := testArea(c)
		last := a[strings.LastIndexByte(a, '/')+1:]
		if _, ok := x.byLast[last]; !ok && last != "" {
			x.byLast[last] = c
		}
	}
	for _, f := range files {
		c := topDir(f.Path())
		r, ok := rank[c]
		if !ok {
			continue
		}
		for name := range strings.SplitSeq(path.Dir(f.Path()), "/") {
			if cur, ok := x.byBelow[name]; !ok || rank[cur] > r {
				x.byBelow[name] = c
			}
		}
	}
	return x
}

// of returns the code directory, of code (largest first), whose tests
// the test tree dir holds: the one with the same area or one that ends in
// it (tests/contrib/ for werkzeug/contrib/), else the one with a changed
// file below a directory of that name (tests/middleware/ for
// src/pkg/middleware/), else the largest, for tests of the project as a
// whole (tests/test_app.py). A test tree's area is one name at most: its
// first directory is a test word, and topDir keeps two.
func (x codeIndex) of(dir string, code []string) string {
	area := testArea(dir)
	if c, ok := x.byLast[area]; ok {
		return c
	}
	if c, ok := x.byBelow[area]; ok && area != "" {
		return c
	}
	return code[0]
}

// testArea is a top directory without the path elements that only say
// whether it holds code or tests: tests/core/ and src/core/ are both
// core/.
func testArea(dir string) string {
	var kept []string
	for _, e := range strings.Split(strings.TrimSuffix(dir, "/"), "/") {
		switch e {
		case "src", "lib", "test", "tests", "__tests__", "spec", "specs", "testing", "e2e":
		default:
			kept = append(kept, e)
		}
	}
	return strings.Join(kept, "/")
}

// dirList names dirs, at most n of them and how many more.
func dirList(dirs []string, n int) string {
	if len(dirs) > n {
		return strings.Join(dirs[:n], ", ") + " and " + wording.Count(len(dirs)-n, "more directory", "more directories")
	}
	if len(dirs) <= 1 {
		return strings.Join(dirs, "")
	}
	return strings.Join(dirs[:len(dirs)-1], ", ") + " and " + dirs[len(dirs)-1]
}

// rootDir is topDir's name for the repository root.
const rootDir = "the repository root"

// topDir returns the first two directories of p ("internal/store/"), or
// "the repository root" for a top-level file.
func topDir(p string) string {
	dir := path.Dir(p)
	if dir == "." {
		return rootDir
	}
	parts := strings.SplitN(dir, "/", 3)
	return strings.Join(parts[:min(2, len(parts))], "/") + "/"
}

func firstPath(files []*diffstat.File, kind diffstat.Kind) string {
	for _, f := range files {
		if f.Kind == kind {
			return f.Path()
		}
	}
	return ""
}

func firstPaths(files []*diffstat.File, kind diffstat.Kind, n int) string {
	var paths []string
	count := 0
	for _, f := range files {
		if f.Kind != kind {
			continue
		}
		count++
		if len(paths) < n {
			paths = append(paths, f.Path())
		}
	}
	s := strings.Join(paths, ", ")
	if count > n {
		s += fmt.Sprintf(" and %d more", count-n)
	}
	return s
}
