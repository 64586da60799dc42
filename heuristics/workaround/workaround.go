package workaround

import (
	"cmp"
	"context"
	"fmt"
	"maps"
	"math"
	"slices"

	"github.com/heft-dev/heft/heuristics"
	"github.com/heft-dev/heft/internal/scoring"
	"github.com/heft-dev/heft/internal/wording"
)

// Config configures the workaround scorer. The zero value uses
// the defaults given on each field.
type Config struct {
	// Weights overrides the weight of rules by rule ID (see
	// Rules), each in [0, 1]; a weight of 0 turns a rule off.
	// Default: the table's weights.
	Weights map[string]float64 `json:"weights,omitempty"`

	// Repository is the project's own repository, such as
	// "github.com/heft-dev/heft": links to its issues are not upstream
	// reports. Default: the module path of a go.mod in the diff, when it
	// names a repository.
	Repository string `json:"repository,omitempty"`

	// OwnModules are module paths, package names or path prefixes that
	// belong to the project (a monorepo's modules), whose replaces and
	// patches are not workarounds. Default: the module paths of the go.mod
	// files and the top-level Python packages in the diff.
	OwnModules []string `json:"own_modules,omitempty"`

	// CopyrightHolders are the project's own copyright holders, such as
	// "The Heft Authors"; an added file whose header names another holder
	// is reported as copied code. Default: the holders named on unchanged
	// lines of the diff; with none, copyright headers are not checked.
	CopyrightHolders []string `json:"copyright_holders,omitempty"`

	// Submodules maps the paths of the repository's git submodules to
	// their URLs, as .gitmodules gives them ("assets/syntaxes/01_Packages":
	// "https://github.com/sublimehq/Packages"). A patch file for a
	// submodule then names the submodule's repository; without an entry
	// it names the submodule by its path ("submodule:PATH").
	Submodules map[string]string `json:"submodules,omitempty"`

	// LinkedFactor multiplies the weight of a dependency's findings when
	// the change links an upstream issue or pull request for it, in
	// (0, 1]; 0 means the default 0.15. It cannot be 0: a linked
	// workaround is never hidden, it still counts, a little.
	LinkedFactor float64 `json:"linked_factor,omitempty"`

	// HalfScore is the summed weight of findings at which the score is
	// 0.5; the score is 1 - 2^(-weight/HalfScore). Default 0.6: one
	// unreported fork in go.mod reaches 0.5, two strong findings about
	// 0.8.
	HalfScore float64 `json:"half_score,omitempty"`

	// MaxEvidence is how many findings the result lists as evidence; the
	// score counts them all. Default 20.
	MaxEvidence int `json:"max_evidence,omitempty"`

	// MaxLineBytes is the longest line the scorer reads; longer lines
	// (minified code, data) are skipped. Default 4096.
	MaxLineBytes int `json:"max_line_bytes,omitempty"`

	// HeaderLines is how many lines at the top of an added file count as
	// its header, for copyright and licence notices. Default 30.
	HeaderLines int `json:"header_lines,omitempty"`
}

func (c Config) withDefaults() Config {
	c.LinkedFactor = cmp.Or(c.LinkedFactor, 0.15)
	c.HalfScore = cmp.Or(c.HalfScore, 0.6)
	c.MaxEvidence = cmp.Or(c.MaxEvidence, 20)
	c.MaxLineBytes = cmp.Or(c.MaxLineBytes, 4096)
	c.HeaderLines = cmp.Or(c.HeaderLines, 30)
	return c
}

// Validate reports a configuration the workaround scorer cannot use,
// naming the field.
func (c Config) Validate() error {
	declared := func(id string) bool { _, ok := workaroundRuleWeight(id); return ok }
	if field, msg := scoring.CheckRuleValues("weights", declared, c.Weights); field != "" {
		return scoring.Invalid("workaround", "%s: %s", field, msg)
	}
	d := c.withDefaults()
	if field, msg := scoring.CheckLimits(
		scoring.InRange("linked_factor", d.LinkedFactor, 0, 1),
		scoring.Positive("half_score", d.HalfScore),
		scoring.NonNegative("max_evidence", d.MaxEvidence),
		scoring.NonNegative("max_line_bytes", d.MaxLineBytes),
		scoring.NonNegative("header_lines", d.HeaderLines),
	); field != "" {
		return scoring.Invalid("workaround", "%s %s", field, msg)
	}
	return nil
}

// Scorer finds changes that patch around a dependency instead
// of fixing it upstream: forks pinned in a manifest, patch files, edited
// vendored code, monkeypatches, copied upstream code and comments that
// say so. It reads only added lines, so removing a workaround never
// raises a concern, and a finding whose upstream issue or pull request
// the change links counts for little. Its Name is "workaround".
type Scorer struct {
	cfg     Config
	weights map[string]float64
}

// New returns the workaround scorer.
func New(cfg Config) (*Scorer, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	s := &Scorer{cfg: cfg.withDefaults(), weights: make(map[string]float64, len(workaroundRules()))}
	for _, r := range workaroundRules() {
		s.weights[r.ID] = r.Weight
	}
	for id, w := range cfg.Weights {
		s.weights[id] = w
	}
	s.cfg.OwnModules = slices.Clone(cfg.OwnModules)
	s.cfg.CopyrightHolders = slices.Clone(cfg.CopyrightHolders)
	s.cfg.Submodules = maps.Clone(cfg.Submodules)
	s.cfg.Weights = nil
	return s, nil
}

// Name returns "workaround".
func (s *Scorer) Name() string { return "workaround" }

// Finding is one change that patches around a dependency.
type Finding struct {
	// Rule is the rule's ID, from Rules.
	Rule string `json:"rule"`

	// Field is where the finding is: empty (or heuristics.FieldDiff) for
	// the diff, heuristics.FieldTitle, FieldBody or FieldCommit for a
	// workaround only the description or a commit message speaks of.
	Field heuristics.Field `json:"field,omitempty"`

	// Path and Line locate the finding on the new side of the diff; for
	// the title, the body or a commit message, Path is empty and Line is
	// a line of that text (the title is line 1).
	Path string `json:"path"`
	Line int    `json:"line"`

	// Commit is the SHA of the commit whose message holds the finding, or
	// "#N" (from 1) when the commit has none; empty otherwise.
	Commit string `json:"commit,omitempty"`

	// Snippet is the added line, or the line of the message, trimmed.
	Snippet string `json:"snippet"`

	// Dependency is what the change works around, in the stable form the
	// package documentation's Subjects section gives: a Go module path, a
	// package name, runtime:NAME, os:NAME, lib:NAME, repo:OWNER/NAME...,
	// derived from the manifest, the import, the path, a comment or a
	// link. Empty or "upstream" when the change names none (a comment
	// about "upstream"); Evidence.Subject then says where, as path:DIR.
	Dependency string `json:"dependency,omitempty"`

	// What says what the change does, as a noun phrase that fits "This
	// adds ...": "a monkeypatch of requests.Session.send". It names a
	// subject as a contributor would ("a workaround for CPython", where
	// Dependency is runtime:cpython).
	What string `json:"what"`

	// Upstream is the link or header that reports the problem upstream (an
	// issue or pull request URL, a Forwarded: value); empty when the
	// change links none.
	Upstream string `json:"upstream,omitempty"`
}

// findingEvidence turns f into evidence: a line of the diff on its new
// side, or a line of the title, the body or a commit message.
func findingEvidence(f *Finding) heuristics.Evidence {
	e := heuristics.Evidence{Rule: f.Rule, Message: findingMessage(f), Field: f.Field, Path: f.Path, Line: f.Line,
		Commit: f.Commit, Snippet: f.Snippet, Subject: subjectOf(f)}
	if e.Field == "" || e.Field == heuristics.FieldDiff {
		e.Field, e.Side = heuristics.FieldDiff, heuristics.SideNew
	}
	return e
}

// Linked reports whether the change links an upstream report for the
// finding.
func (f Finding) Linked() bool { return f.Upstream != "" }

// Findings returns what the scorer finds in c's diff, by path and line. It
// returns ErrNotApplicable when c has no diff.
func (s *Scorer) Findings(ctx context.Context, c *heuristics.Contribution) ([]Finding, error) {
	if c.Diff == nil {
		return nil, heuristics.ErrNotApplicable
	}
	sc := newWorkaroundScan(s, c)
	if err := sc.run(ctx); err != nil {
		return nil, err
	}
	return sc.findings, nil
}

// depGroup is all findings about one dependency.
type depGroup struct {
	name     string // dependency, or "" for an unnamed one
	findings []*Finding
	weight   float64
	linked   bool
}

// Score finds workarounds in c's diff. It returns ErrNotApplicable when
// there is no diff.
func (s *Scorer) Score(ctx context.Context, c *heuristics.Contribution) (heuristics.Result, error) {
	findings, err := s.Findings(ctx, c)
	if err != nil {
		return heuristics.Result{}, err
	}
	res := heuristics.Result{Scorer: s.Name(), Metrics: map[string]float64{"findings": float64(len(findings))}}
	if len(findings) == 0 {
		res.Summary = "No workarounds for dependencies found."
		res.Metrics["dependencies"] = 0
		res.Metrics["unlinked_dependencies"] = 0
		res.Metrics["linked_dependencies"] = 0
		res.Metrics["linked_findings"] = 0
		res.Metrics["unlinked_findings"] = 0
		res.Metrics["weight"] = 0
		return res, nil
	}

	// Group by dependency: the strongest finding about a dependency counts
	// in full, the others a quarter, so a fork and its comment are not
	// two concerns. Unnamed findings each stand alone.
	var groups []*depGroup
	byName := map[string]*depGroup{}
	for i := range findings {
		f := &findings[i]
		g := byName[f.Dependency]
		if g == nil || f.Dependency == "" {
			g = &depGroup{name: f.Dependency}
			groups = append(groups, g)
			if f.Dependency != "" {
				byName[f.Dependency] = g
			}
		}
		g.findings = append(g.findings, f)
	}
	total := 0.0
	linkedDeps, unlinkedDeps := 0, 0
	for _, g := range groups {
		maxW, sum := 0.0, 0.0
		for _, f := range g.findings {
			w := s.weights[f.Rule]
			maxW = max(maxW, w)
			sum += w
			if f.Linked() {
				g.linked = true
			}
		}
		g.weight = maxW + (sum-maxW)/4
		if g.linked {
			g.weight *= s.cfg.LinkedFactor
			linkedDeps++
		} else {
			unlinkedDeps++
		}
		total += g.weight
	}
	raw := 1 - math.Exp2(-total/s.cfg.HalfScore)
	res.Score = min(1, math.Round(raw*1000)/1000)
	if raw > 0 && res.Score == 0 {
		res.Score = 0.001 // a finding that counts, however little, is not "no concern"
	}
	res.Metrics["dependencies"] = float64(len(groups))
	res.Metrics["unlinked_dependencies"] = float64(unlinkedDeps)
	res.Metrics["linked_dependencies"] = float64(linkedDeps)
	linkedFindings := 0
	for i := range findings {
		if findings[i].Linked() {
			linkedFindings++
		}
	}
	res.Metrics["linked_findings"] = float64(linkedFindings)
	res.Metrics["unlinked_findings"] = float64(len(findings) - linkedFindings)
	res.Metrics["weight"] = math.Round(total*1000) / 1000

	// Evidence: unreported dependencies first, heaviest first; then diff
	// order.
	order := slices.Clone(groups)
	slices.SortStableFunc(order, func(a, b *depGroup) int {
		if a.linked != b.linked {
			if a.linked {
				return 1
			}
			return -1
		}
		return cmp.Compare(b.weight, a.weight)
	})
	for _, g := range order {
		for _, f := range g.findings {
			if len(res.Evidence) == s.cfg.MaxEvidence {
				break
			}
			res.Evidence = append(res.Evidence, findingEvidence(f))
		}
	}
	if res.Score > 0 && len(res.Evidence) == 0 {
		// MaxEvidence 0 still owes one piece of evidence for the score.
		f := order[0].findings[0]
		res.Evidence = append(res.Evidence, findingEvidence(f))
	}
	if res.Score == 0 {
		// Every finding's rule was weighted 0.
		res.Evidence = nil
	}

	res.Summary = workaroundSummary(findings, order, unlinkedDeps)
	var unlinked []*depGroup
	for _, g := range order {
		if !g.linked && g.weight > 0 {
			unlinked = append(unlinked, g)
		}
	}
	res.Advice = workaroundAdvice(unlinked)
	if res.Score == 0 {
		res.Advice = ""
	}
	return res, nil
}

// subjectOf is a finding's Evidence.Subject: its dependency, or, when
// the change names none, where the workaround is (pathSubject).
func subjectOf(f *Finding) string {
	if f.Dependency == "" || f.Dependency == "upstream" {
		return pathSubject(f.Path)
	}
	return f.Dependency
}

// findingMessage says what a finding adds and whether it links its
// upstream report. It names the dependency as prose does (subjectName),
// and only when what it adds does not already name it: "Adds a
// workaround for CPython; no upstream issue ...", not "(dependency:
// runtime:cpython; ...)". No parentheses: what it adds may end with its
// own ("a patch to the upstream source (fix.patch)").
func findingMessage(f *Finding) string {
	up := "no upstream issue or pull request linked"
	if f.Linked() {
		up = "upstream: " + f.Upstream
	}
	switch name := subjectName(f.Dependency); {
	case f.Dependency == "":
		return fmt.Sprintf("Adds %s, for a dependency it does not name; %s.", f.What, up)
	case namesWord(f.What, name):
		return fmt.Sprintf("Adds %s; %s.", f.What, up)
	default:
		return fmt.Sprintf("Adds %s, for %s; %s.", f.What, name, up)
	}
}

// namesWord reports whether s holds name as a whole word: not inside a
// longer name ("re" in "requests"), though it may be followed by a dot
// ("requests.Session.send").
func namesWord(s, name string) bool {
	return name != "" && wordAtBy(s, name, 0, func(b byte) bool { return b == '-' || isWordByte(b) }) >= 0
}

func workaroundSummary(findings []Finding, groups []*depGroup, unlinked int) string {
	var names distinct
	for _, g := range groups {
		if g.name != "" {
			names.add(subjectName(g.name))
		}
	}
	s := wording.Plural(len(findings), "workaround")
	if len(names.list) > 0 {
		s += " for " + wording.ListMax(names.list, 3)
	}
	switch {
	case unlinked == 0:
		s += "; every one links its upstream report."
	case unlinked == len(groups) && len(groups) == 1:
		s += "; no upstream issue or pull request linked."
	case unlinked == len(groups):
		s += "; none links an upstream issue or pull request."
	default:
		verb := "have"
		if unlinked == 1 {
			verb = "has"
		}
		s += fmt.Sprintf("; %s %s no upstream issue or pull request linked.", wording.Of(unlinked, len(groups), "dependency", "dependencies"), verb)
	}
	return s
}

// workaroundAdvice asks for the upstream report of each unreported
// dependency, naming it and what the change adds for it: every
// workaround, not only each dependency's first, up to three.
func workaroundAdvice(groups []*depGroup) string {
	if len(groups) == 0 {
		return ""
	}
	const most = 3
	var whatSet, depSet distinct
	unnamed := false
	for _, g := range groups {
		for _, f := range g.findings {
			whatSet.add(f.What)
		}
		if g.name == "" {
			unnamed = true
		} else {
			depSet.add(subjectName(g.name))
		}
	}
	whats, deps := whatSet.list, depSet.list
	what := wording.List(whats[:min(most, len(whats))])
	if len(whats) > most {
		what += fmt.Sprintf(" (and %d more)", len(whats)-most)
	}
	if onlyCopied(groups) {
		// Copied code is named by its copyright holder, which may be a
		// person: ask about the project it comes from, never for "a bug
		// in Jane Doe".
		return fmt.Sprintf("This adds %s; please keep its licence notice, and if it works around a bug in the project it comes from, link the upstream issue (or open one) so the fix can reach everyone.", what)
	}
	if len(groups) == 1 {
		it := "it works" // one dependency's workarounds: most often for one bug
		if len(whats) > 1 {
			it = "they work"
		}
		if unnamed {
			return fmt.Sprintf("This adds %s; if %s around a bug in a dependency, please name the dependency and link the upstream issue (or open one) so the fix can reach everyone.", what, it)
		}
		return fmt.Sprintf("This adds %s; if %s around a bug in %s, please link the upstream issue (or open one) so the fix can reach everyone.", what, it, deps[0])
	}
	dep := wording.ListMax(deps, most)
	if unnamed {
		dep = wording.List(append(deps[:min(most, len(deps))], "other dependencies"))
	}
	return fmt.Sprintf("This adds %s; if they work around bugs in %s, please link the upstream issues (or open them) so the fixes can reach everyone.", what, dep)
}

// onlyCopied reports whether every finding of groups is a copied-code
// finding: a file whose header names another copyright holder.
func onlyCopied(groups []*depGroup) bool {
	for _, g := range groups {
		for _, f := range g.findings {
			if f.Rule != ruleCopiedCode {
				return false
			}
		}
	}
	return true
}

// distinct collects strings in the order first seen, each once, in time
// linear in how many are added: a diff of thousands of vendored files
// gives as many findings, and a scan of the list for each was
// quadratic.
type distinct struct {
	list []string
	seen map[string]bool
}

func (d *distinct) add(s string) {
	if d.seen[s] {
		return
	}
	if d.seen == nil {
		d.seen = map[string]bool{}
	}
	d.seen[s] = true
	d.list = append(d.list, s)
}
